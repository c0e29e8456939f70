"""`mla-diff import` as a user meets it, and the versions.toml entry it appends."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from mla_diff.cli import main
from mla_diff.errors import ManifestError
from mla_diff.importers import draft_file_name, slugify
from mla_diff.sources import append_version, load_instrument

DRAFT = "Article 1\nScope\n\n1. This Convention applies to requests.\n"


def _import(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["import", *args, "--drafts", str(tmp_path / "drafts")])
    return result.exit_code, result.output


def test_import_writes_the_draft_and_its_manifest_entry(tmp_path: Path) -> None:
    source = tmp_path / "draft.html"
    source.write_text(
        f"<h2>Article 1</h2><p>Scope</p><ol><li>{DRAFT.splitlines()[3][3:]}</li></ol>"
    )
    code, output = _import(
        tmp_path,
        *(str(source), "--instrument", "mla", "--label", "Revised draft (Jan 2020)"),
        *("--date", "2020-01-29"),
    )
    assert code == 0, output
    written = tmp_path / "drafts" / "mla" / "2020-01-29_revised-draft-jan-2020.txt"
    assert written.read_bytes() == DRAFT.encode()
    assert f"wrote {written} from HTML (1 article)" in output
    assert "wrote out 1 generated number" in output
    instrument = load_instrument(tmp_path / "drafts" / "mla")
    (version,) = instrument.versions
    assert (version.label, version.date, version.source) == (
        "Revised draft (Jan 2020)",
        "2020-01-29",
        "imported from draft.html",
    )


def test_import_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    source = tmp_path / "d.txt"
    source.write_text(DRAFT)
    args = (str(source), "--instrument", "mla", "--label", "Draft", "--date", "2021-05")
    assert _import(tmp_path, *args)[0] == 0
    source.write_text(DRAFT.replace("requests", "all requests"))
    code, output = _import(tmp_path, *args)
    assert code == 2
    assert "already exists" in output
    assert "--force" in output
    assert _import(tmp_path, *args, "--force")[0] == 0
    written = tmp_path / "drafts" / "mla" / "2021-05_draft.txt"
    assert "all requests" in written.read_text()
    manifest = tomllib.loads((written.parent / "versions.toml").read_text())
    assert [v["file"] for v in manifest["versions"]] == ["2021-05_draft.txt"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--date", "2020-13-01"), "not a calendar date"),
        (("--date", "30/11/2022"), "YYYY-MM-DD or YYYY-MM"),
        (("--date", "2022-11", "--instrument", "../x"), "cannot be a folder name"),
        (("--date", "2022-11", "--label", " "), "the version label is empty"),
    ],
)
def test_import_bad_options_exit_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    source = tmp_path / "d.txt"
    source.write_text(DRAFT)
    base = {"--instrument": "mla", "--label": "Draft"}
    options = dict(zip(args[::2], args[1::2], strict=True))
    merged = {**base, **options}
    code, output = _import(tmp_path, str(source), *[x for kv in merged.items() for x in kv])
    assert code == 2
    assert message in output
    assert len(output.strip().splitlines()) == 1
    assert not (tmp_path / "drafts").exists()


def test_manifest_keeps_versions_oldest_first_and_comments(tmp_path: Path) -> None:
    folder = tmp_path / "mla"
    folder.mkdir()
    (folder / "versions.toml").write_text(
        '# The MLA drafts\ninstrument = "mla"\n\n[[versions]]\nfile = "a.txt"\nlabel = "A"\n'
        'date = "2018-11"\n\n[[versions]]\nfile = "c.txt"\nlabel = "C"\ndate = "2022-11-30"\n'
    )
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (folder / name).write_text(DRAFT)
    append_version(folder, "b.txt", "B", "2020-03", "NGO letter", "draft")
    append_version(folder, "d.txt", 'D "final"', "2023-05-26", "", "adopted")
    text = (folder / "versions.toml").read_text()
    assert text.startswith("# The MLA drafts\n")
    labels = [v.label for v in load_instrument(folder).versions]
    assert labels == ["A", "B", "C", 'D "final"']
    with pytest.raises(ManifestError, match="already lists a version labelled 'B'"):
        append_version(folder, "e.txt", "B", "2024-01", "", "")


def test_file_names_from_labels() -> None:
    assert slugify("Version 30/11/2022") == "version-30-11-2022"
    assert slugify("Projet révisé — Genève") == "projet-revise-geneve"
    assert slugify("???") == "draft"
    assert draft_file_name("2018-11", "Preliminary draft (Nov 2018)") == (
        "2018-11_preliminary-draft-nov-2018.txt"
    )
