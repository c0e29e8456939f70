"""New versions of an instrument: add copies a draft, import converts one; both list it in
versions.toml, and leave the folder as it was when they fail."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from mla_diff.errors import InputError, ManifestError, OutputError, RevisionError
from mla_diff.instruments import Listing, add_draft, commit_added, import_file
from mla_diff.sources import load_instrument
from tests.drafting import V1, V2, V3, GitRepo


def _draft(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _listing(drafts: Path, label: str, date: str, **fields: str) -> Listing:
    return Listing(drafts, "mla", label, date, fields.get("source", ""), fields.get("status", ""))


def test_add_copies_the_draft_and_starts_a_titled_manifest(tmp_path: Path) -> None:
    source = _draft(tmp_path / "in", "v1.txt", V1)
    drafts = tmp_path / "drafts"
    added = add_draft(str(source), _listing(drafts, "First", "2019-01"), title="MLA Convention")
    assert added.path == drafts / "mla" / "v1.txt"
    assert added.path.read_bytes() == source.read_bytes()
    assert (added.position, added.versions, added.articles) == (1, 1, 5)
    assert added.tag == "mla-2019-01"
    manifest = tomllib.loads(added.manifest.read_text(encoding="utf-8"))
    assert (manifest["instrument"], manifest["title"]) == ("mla", "MLA Convention")


def test_add_places_a_version_by_its_date_under_another_name(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    add_draft(str(_draft(tmp_path / "in", "v2.txt", V2)), _listing(drafts, "Second", "2020-01"))
    earlier = _draft(tmp_path / "in", "v1.txt", V1)
    added = add_draft(str(earlier), _listing(drafts, "First", "2019-01"), name="first.txt")
    assert added.path.name == "first.txt"
    assert (added.position, added.versions) == (1, 2)
    labels = [v.label for v in load_instrument(drafts / "mla").versions]
    assert labels == ["First", "Second"]


@pytest.mark.parametrize(
    ("label", "date", "message"),
    [
        ("a/b", "2019-01", "contains a path separator"),
        ("First", "2019-13", "date '2019-13' is not a calendar date"),
    ],
)
def test_add_checks_before_writing(tmp_path: Path, label: str, date: str, message: str) -> None:
    source = _draft(tmp_path / "in", "v1.txt", V1)
    with pytest.raises(InputError, match=message):
        add_draft(str(source), _listing(tmp_path / "drafts", label, date))
    assert not (tmp_path / "drafts").exists()


def test_add_refuses_a_taken_name_and_rolls_back_a_taken_label(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    source = _draft(tmp_path / "in", "v1.txt", V1)
    add_draft(str(source), _listing(drafts, "First", "2019-01"))
    with pytest.raises(InputError, match=r"v1\.txt: already exists"):
        add_draft(str(source), _listing(drafts, "Other", "2019-02"))
    other = _draft(tmp_path / "in", "v2.txt", V2)
    with pytest.raises(ManifestError, match="already lists a version labelled 'First'"):
        add_draft(str(other), _listing(drafts, "First", "2020-01"))
    assert sorted(p.name for p in (drafts / "mla").iterdir()) == ["v1.txt", "versions.toml"]


def test_add_with_commit_checks_the_tag_first_and_commits_both_files(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Start", {"README": "drafts\n"})
    repo.git("tag", "mla-2019-01")
    source = _draft(tmp_path / "in", "v1.txt", V1)
    listing = _listing(repo.root / "drafts", "First", "2019-01")
    with pytest.raises(RevisionError, match="tag 'mla-2019-01' is not a valid new tag name"):
        add_draft(str(source), listing, commit=True)
    assert not (repo.root / "drafts" / "mla" / "v1.txt").exists()
    added = add_draft(str(source), listing, tag="first", commit=True)
    commit = commit_added(added)
    assert repo.git("rev-parse", "first^{commit}").strip() == commit
    assert repo.git("log", "-1", "--format=%s").strip() == "Add First (2019-01) of mla"
    shown = repo.git("show", "--name-only", "--format=", commit).split()
    assert shown == ["drafts/mla/v1.txt", "drafts/mla/versions.toml"]


def test_import_writes_clean_text_and_names_its_source(tmp_path: Path) -> None:
    source = _draft(tmp_path / "in", "draft.txt", V1)
    target, imported = import_file(source, _listing(tmp_path / "drafts", "First", "2019-01-05"))
    assert target == tmp_path / "drafts" / "mla" / "2019-01-05_first.txt"
    assert imported.format == "text"
    assert imported.articles == 5
    (version,) = load_instrument(target.parent).versions
    assert version.source == "imported from draft.txt"


def test_import_replaces_only_with_force_and_rolls_back_a_new_file(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    source = _draft(tmp_path / "in", "draft.txt", V1)
    target, _ = import_file(source, _listing(drafts, "First", "2019-01", source="letter"))
    with pytest.raises(OutputError, match="already exists"):
        import_file(source, _listing(drafts, "First", "2019-01"))
    newer = _draft(tmp_path / "in", "newer.txt", V3)
    import_file(newer, _listing(drafts, "First", "2019-01", source="letter"), force=True)
    assert target.read_text(encoding="utf-8").count("Article ") == 6
    with pytest.raises(ManifestError, match="already lists a version labelled"):
        import_file(newer, _listing(drafts, "First", "2020-01"))
    assert not (drafts / "mla" / "2020-01_first.txt").exists()
    (version,) = load_instrument(drafts / "mla").versions
    assert version.source == "letter"
