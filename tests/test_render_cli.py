"""compare's output options and the reports command, as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from jinja2.bccache import bc_magic

from mla_diff.cli import main
from tests.report_fixtures import GOLDEN

OLD = str(GOLDEN / "old.txt")
NEW = str(GOLDEN / "new.txt")


@pytest.mark.parametrize(
    ("name", "start"),
    [("r.html", "<!DOCTYPE html>"), ("r.md", "## "), ("r.json", "{"), ("r.txt", "old.txt → ")],
)
def test_output_extension_picks_the_format(tmp_path: Path, name: str, start: str) -> None:
    out = tmp_path / name
    result = CliRunner().invoke(main, ["compare", OLD, NEW, "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert result.output == ""
    assert out.read_text(encoding="utf-8").startswith(start)


def test_format_overrides_the_extension(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    CliRunner().invoke(main, ["compare", OLD, NEW, "-o", str(out), "--format", "json"])
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 1


def test_without_output_a_terminal_summary_without_colour_when_piped() -> None:
    result = CliRunner().invoke(main, ["compare", OLD, NEW])
    assert result.exit_code == 1
    assert "Flags (9): 1 critical, 4 high, 3 medium, 1 info" in result.output
    assert "\x1b[" not in result.output
    assert "<html" not in result.output


@pytest.mark.parametrize(
    ("fmt", "start"), [("html", "<!DOCTYPE"), ("markdown", "## "), ("json", "{")]
)
def test_format_to_stdout(fmt: str, start: str) -> None:
    result = CliRunner().invoke(main, ["compare", OLD, NEW, "--format", fmt])
    assert result.output.startswith(start)


def test_unknown_extension_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["compare", OLD, NEW, "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "r.pdf" in result.output
    assert ".html, .json, .markdown, .md, .txt" in result.output


def test_missing_output_folder_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["compare", OLD, NEW, "-o", str(tmp_path / "no" / "r.md")])
    assert result.exit_code == 2
    assert "folder does not exist" in result.output
    assert "Traceback" not in result.output


def test_labels_and_title_options(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    CliRunner().invoke(
        main,
        [
            "compare",
            OLD,
            NEW,
            "-o",
            str(out),
            "--old-label",
            "A",
            "--new-label",
            "B",
            "--title",
            "The Convention",
        ],
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["old"]["label"], data["new"]["label"], data["instrument"]) == (
        "A",
        "B",
        "The Convention",
    )


def _instrument(folder: Path, versions: int = 3) -> Path:
    """A drafts/ folder with one instrument of `versions` versions and a manifest."""
    drafts = folder / "drafts"
    inst = drafts / "conv"
    inst.mkdir(parents=True)
    texts = [
        (GOLDEN / "old.txt").read_text(encoding="utf-8"),
        (GOLDEN / "new.txt").read_text(encoding="utf-8"),
        (GOLDEN / "new.txt").read_text(encoding="utf-8").replace("shall take", "may take"),
    ][:versions]
    manifest = ['title = "The Convention"', "illustrative = true", 'notice = "Written for tests."']
    for number, text in enumerate(texts, start=1):
        (inst / f"v{number}.txt").write_text(text, encoding="utf-8")
        manifest += [
            "[[versions]]",
            f'file = "v{number}.txt"',
            f'label = "Draft {number} (20{18 + number})"',
            f'date = "20{18 + number}"',
        ]
    (inst / "versions.toml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return drafts


def test_compare_takes_labels_from_the_manifest_beside_the_drafts(tmp_path: Path) -> None:
    drafts = _instrument(tmp_path)
    out = tmp_path / "r.json"
    CliRunner().invoke(
        main,
        [
            "compare",
            str(drafts / "conv" / "v1.txt"),
            str(drafts / "conv" / "v3.txt"),
            "-o",
            str(out),
        ],
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["old"]["label"] == "Draft 1 (2019)"
    assert data["old"]["illustrative"] is True
    assert data["instrument"] == "The Convention"


def test_reports_writes_every_pair_and_first_to_last_with_indexes(tmp_path: Path) -> None:
    drafts = _instrument(tmp_path)
    out = tmp_path / "reports"
    result = CliRunner().invoke(main, ["reports", str(drafts), "-o", str(out)])
    assert result.exit_code == 0, result.output
    folder = out / "conv"
    names = sorted(p.name for p in folder.iterdir())
    stems = ["v1__v2", "v1__v3", "v2__v3"]
    assert names == sorted(
        ["history.html", "index.html"] + [f"{s}.{e}" for s in stems for e in ("html", "md", "json")]
    )
    index = (folder / "index.html").read_text(encoding="utf-8")
    for stem in stems:
        assert f'href="{stem}.html"' in index
    assert "First to last" in index
    assert "illustrative drafts" in index
    top = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="conv/index.html"' in top
    assert "The Convention" in top


def test_reports_are_regenerated_byte_for_byte(tmp_path: Path) -> None:
    drafts = _instrument(tmp_path)
    runner = CliRunner()
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        result = runner.invoke(main, ["reports", str(drafts), "-o", str(out)])
        assert result.exit_code == 0, result.output
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_reports_remove_files_of_drafts_no_longer_there(tmp_path: Path) -> None:
    drafts = _instrument(tmp_path)
    out = tmp_path / "reports"
    (out / "conv").mkdir(parents=True)
    (out / "conv" / "old__gone.html").write_text("stale", encoding="utf-8")
    kept = ["README.md", "notes.html", "minutes.json"]  # not named as reports are: a user's own
    for name in kept:
        (out / "conv" / name).write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["reports", str(drafts), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert not (out / "conv" / "old__gone.html").exists()
    assert all((out / "conv" / name).read_text(encoding="utf-8") == "mine" for name in kept)


def test_schema_command_prints_the_schema() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == "mla-diff comparison report"


_RENDER_ONCE = """
import sys
from mla_diff.cli import main
main(["compare", *sys.argv[1:]], standalone_mode=False)
"""


@pytest.mark.parametrize("cache", ["kept", "damaged", "unwritable", "off"])
def test_compiled_templates_are_kept_and_a_bad_cache_folder_changes_nothing(
    tmp_path: Path, cache: str
) -> None:
    drafts = Path(__file__).resolve().parent.parent / "drafts" / "mla-convention"
    old, new = drafts / "2018-11_preliminary-draft.txt", drafts / "2023-05-26_adopted-text.txt"
    folder = tmp_path / "cache"
    if cache == "unwritable":
        folder.write_text("a file where the folder should be", encoding="utf-8")
    setting = "" if cache == "off" else str(folder)
    reports = []
    for run in range(2):
        if cache == "damaged" and run == 1:
            for kept in folder.iterdir():  # the right header, then garbage
                kept.write_bytes(bc_magic + b"\x80\x04garbage" * 20)
        out = tmp_path / f"report-{run}.html"
        done = subprocess.run(
            [sys.executable, "-c", _RENDER_ONCE, str(old), str(new), "-o", str(out)],
            env={**os.environ, "MLA_DIFF_CACHE": setting},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode in (0, 1), done.stderr
        assert "Traceback" not in done.stderr
        reports.append(out.read_bytes())
    assert reports[0] == reports[1]
    if cache in ("kept", "damaged"):
        assert any(folder.iterdir())
    elif cache == "off":
        assert not folder.exists()
