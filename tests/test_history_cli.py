"""`mla-diff history` over a drafts folder, and the history page `make reports` writes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mla_diff.cli import main
from mla_diff.reports import HISTORY_PAGE, build_reports
from tests.drafting import (
    AMNESTY,
    ENTRY,
    PURPOSE,
    SCOPE,
    V1,
    V2,
    V3,
    VICTIMS,
    VICTIMS_SEEK,
    draft_text,
    manifest_folder,
)


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return manifest_folder(tmp_path / "drafts" / "mla", [V1, V2, V3])


def test_history_of_a_folder_in_manifest_order(folder: Path) -> None:
    result = _run("history", str(folder))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "lineage",
        "Draft",
        "2018-11",
        "Draft",
        "2019-11",
        "Draft",
        "2020-11",
    ]
    assert "L-2018-11-01-art-4  4  -x  5!#~" in re.sub(r" {2,}", "  ", result.stdout)


def test_history_json_names_scripts_rely_on(folder: Path) -> None:
    data = json.loads(_run("history", str(folder), "--format", "json").stdout)
    assert data["versions"] == ["Draft 2018-11", "Draft 2019-11", "Draft 2020-11"]
    for lineage in data["lineages"]:
        assert set(lineage) >= {"id", "numbers", "events"}
        assert list(lineage["numbers"]) == data["versions"]
    assert "terms" not in data


def test_several_terms(folder: Path) -> None:
    result = _run("history", str(folder), "--term", "amnesty", "--term", "statute of limitations")
    assert result.exit_code == 0
    assert '"amnesty"\n  Draft 2018-11  art. 4\n  Draft 2019-11  (absent)\n' in result.stdout
    assert '"statute of limitations"' in result.stdout
    assert "appears in no version" in result.stdout
    data = json.loads(_run("history", str(folder), "--term", "amnesty", "--format", "json").stdout)
    assert [len(v) for v in data["terms"]["amnesty"].values()] == [1, 0, 1]


def test_html_timeline_links_each_step_to_its_comparison(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = _run("history", str(folder), "-o", str(out / "history.html"), "--term", "amnesty")
    assert result.exit_code == 0, result.output
    html = (out / "history.html").read_text(encoding="utf-8")
    steps = sorted(p.name for p in out.iterdir() if p.name.startswith("compare-"))
    assert steps == [
        "compare-draft-2018-11__draft-2019-11.html",
        "compare-draft-2019-11__draft-2020-11.html",
    ]
    assert 'href="compare-draft-2018-11__draft-2019-11.html#old-art-4"' in html
    assert 'href="compare-draft-2019-11__draft-2020-11.html#new-art-5"' in html
    assert '<section class="lineage" id="L-2018-11-01-art-4">' in html
    assert "MLA Convention" in html
    assert html.count("Each State Party may grant pardon, amnesty") == 2  # its two versions
    assert '<h2 id="terms">Terms</h2>' in html
    assert "sha256 " in html


def test_html_without_step_reports_has_no_dangling_links(folder: Path, tmp_path: Path) -> None:
    page = tmp_path / "h.html"
    assert _run("history", str(folder), "-o", str(page), "--no-step-reports").exit_code == 0
    assert "compare-" not in page.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".html") == ["h.html"]


def test_draft_text_is_escaped(tmp_path: Path) -> None:
    hostile = V1.replace("Purpose", "Purpose <script>alert(1)</script>")
    folder = manifest_folder(tmp_path / "d", [hostile, V2])
    result = _run("history", str(folder), "--format", "html")
    assert "<script>alert" not in result.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout


def test_output_is_deterministic(folder: Path) -> None:
    first = _run("history", str(folder), "--format", "html").stdout
    assert first == _run("history", str(folder), "--format", "html").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.pdf"], "unknown extension .pdf"),
        (["--term", " "], "--term is empty"),
    ],
)
def test_history_option_errors(folder: Path, args: list[str], message: str) -> None:
    result = _run("history", str(folder), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_folder_without_manifest_is_an_error(tmp_path: Path) -> None:
    result = _run("history", str(tmp_path))
    assert result.exit_code == 2
    assert "no versions.toml" in result.stderr


def test_reports_include_the_history_page(tmp_path: Path) -> None:
    manifest_folder(tmp_path / "drafts" / "mla", [V1, V2, V3])
    build_reports(tmp_path / "drafts", tmp_path / "reports", "test")
    folder = tmp_path / "reports" / "mla"
    page = (folder / HISTORY_PAGE).read_text(encoding="utf-8")
    assert 'href="v1__v2.html#old-art-4"' in page
    assert (folder / "v1__v2.html").is_file()
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{HISTORY_PAGE}"><strong>History of every provision</strong></a>' in index


def test_steps_between_files_of_one_name_write_a_report_each(tmp_path: Path) -> None:
    """Drafts labelled by the same file name in different folders: no step report overwrites
    another, and the page links each."""
    sources = []
    for k, text in enumerate((V1, V2, V3), 1):
        (tmp_path / f"v{k}").mkdir()
        (tmp_path / f"v{k}" / "draft.txt").write_text(text, encoding="utf-8")
        sources.append(str(tmp_path / f"v{k}" / "draft.txt"))
    out = tmp_path / "out" / "history.html"
    out.parent.mkdir()
    result = _run("history", *sources, "-o", str(out))
    assert result.exit_code == 0, result.output
    steps = sorted(p.name for p in out.parent.glob("compare-*.html"))
    assert len(steps) == 2
    page = out.read_text(encoding="utf-8")
    assert all(f'href="{name}#' in page for name in steps)


def test_every_timeline_link_lands_on_its_provision_even_under_a_repeated_number(
    tmp_path: Path,
) -> None:
    """Two articles numbered 4 in one draft: the pair report calls the second "new-art-4-2",
    and the timeline links there, not to the first."""
    twice = draft_text(PURPOSE, SCOPE, VICTIMS, AMNESTY, ENTRY, numbers=["1", "2", "4", "4", "5"])
    folder = manifest_folder(
        tmp_path / "drafts" / "mla", [draft_text(PURPOSE, SCOPE, VICTIMS_SEEK, ENTRY), twice]
    )
    out = tmp_path / "out"
    out.mkdir()
    assert _run("history", str(folder), "-o", str(out / "history.html")).exit_code == 0
    html = (out / "history.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(compare-[^"#]+)#([^"]+)"', html)
    assert "new-art-4-2" in {anchor for _, anchor in links}, links
    for name, anchor in links:
        assert f'id="{anchor}"' in (out / name).read_text(encoding="utf-8"), (name, anchor)
