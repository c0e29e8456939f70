"""Git revisions as drafts, in real repositories made in tmp_path: FILE@REV, renames, stamps."""

from __future__ import annotations

from pathlib import Path

import pytest

from mla_diff.errors import InputError, RevisionError
from mla_diff.gitsource import (
    DIRTY,
    DraftSpec,
    commit_draft,
    file_revisions,
    find_baseline,
    parse_spec,
    read_revisions,
    read_spec,
    spec_bytes,
)
from tests.drafting import V1, V2, V3, GitRepo, drafts_repository, manifest_folder


def test_parse_spec_splits_at_the_first_at_sign(tmp_path: Path) -> None:
    assert parse_spec("drafts/x.txt@v2020") == DraftSpec(Path("drafts/x.txt"), "v2020")
    assert parse_spec("x.txt@HEAD@{1}") == DraftSpec(Path("x.txt"), "HEAD@{1}")
    assert parse_spec("x.txt") == DraftSpec(Path("x.txt"))
    odd = tmp_path / "draft@2020.txt"
    odd.write_text(V1, encoding="utf-8")
    assert parse_spec(str(odd)) == DraftSpec(odd)  # an existing file keeps its "@"
    with pytest.raises(InputError, match="neither a file nor FILE@REV"):
        parse_spec("x.txt@")


def test_read_spec_reads_a_file_at_a_tag_and_a_relative_revision(tmp_path: Path) -> None:
    repo = drafts_repository(tmp_path / "repo")
    convention = repo.root / "drafts" / "convention.txt"
    version, draft = read_spec(f"{repo.root}/drafts/mla.txt@v2018")
    assert draft.source == V1
    assert version.commit == repo.git("rev-parse", "v2018").strip()
    assert version.date == repo.git("log", "-1", "--format=%as", "v2018").strip()
    assert version.path.endswith("drafts/mla.txt@v2018")
    _, previous = read_spec(f"{convention}@HEAD~1")
    assert previous.source == V2


def test_errors_name_the_file_and_the_fix(tmp_path: Path) -> None:
    repo = drafts_repository(tmp_path / "repo")
    with pytest.raises(RevisionError, match="unknown revision 'v1999'"):
        read_spec(f"{repo.root}/drafts/convention.txt@v1999")
    with pytest.raises(RevisionError, match=r"does not exist at [0-9a-f]{7} \(git log --follow"):
        read_spec(f"{repo.root}/drafts/convention.txt@v2018")
    outside = tmp_path / "loose.txt"
    outside.write_text(V1, encoding="utf-8")
    with pytest.raises(RevisionError, match="is not inside a git repository"):
        read_spec(f"{outside}@HEAD")
    with pytest.raises(RevisionError, match="is a tree, not a file"):
        read_spec(f"{repo.root}/drafts@HEAD")


def test_plain_files_record_the_commit_they_were_read_at(tmp_path: Path) -> None:
    repo = drafts_repository(tmp_path / "repo")
    head = repo.git("rev-parse", "HEAD").strip()
    convention = repo.root / "drafts" / "convention.txt"
    assert read_spec(str(convention))[0].commit == head
    convention.write_text(V1, encoding="utf-8")
    assert read_spec(str(convention))[0].commit == head + DIRTY
    untracked = repo.write("drafts/new.txt", V2)
    assert read_spec(str(untracked))[0].commit == ""
    outside = tmp_path / "loose.txt"
    outside.write_text(V1, encoding="utf-8")
    assert read_spec(str(outside))[0].commit == ""


def test_file_revisions_follow_a_rename(tmp_path: Path) -> None:
    repo = drafts_repository(tmp_path / "repo")
    revisions = file_revisions(repo.root / "drafts" / "convention.txt")
    assert [r.subject for r in revisions] == [
        "March draft",
        "Rename the draft",
        "Revised draft",
        "Preliminary draft",
    ]
    assert [r.path for r in revisions] == [
        "drafts/convention.txt",
        "drafts/convention.txt",
        "drafts/mla.txt",
        "drafts/mla.txt",
    ]
    assert revisions[0].tags == ("v2020",)
    assert revisions[0].label == "v2020"
    assert revisions[1].label == revisions[1].commit[:7]
    assert revisions[-1].author == "Ann Drafter"
    read = read_revisions(repo.root / "drafts" / "convention.txt", tuple(reversed(revisions)))
    assert [draft.source for _, draft in read] == [V1, V2, V2, V3]
    assert read[0][0].label == "v2018"


def test_file_revisions_start_at_a_revision(tmp_path: Path) -> None:
    repo = drafts_repository(tmp_path / "repo")
    revisions = file_revisions(repo.root / "drafts" / "convention.txt", "HEAD~2")
    assert [r.subject for r in revisions] == ["Revised draft", "Preliminary draft"]


def test_a_file_without_commits_has_no_revisions(tmp_path: Path) -> None:
    repo = drafts_repository(tmp_path / "repo")
    repo.write("drafts/new.txt", V1)
    with pytest.raises(RevisionError, match="has no committed revision"):
        file_revisions(repo.root / "drafts" / "new.txt")
    empty = GitRepo(tmp_path / "empty")
    with pytest.raises(RevisionError, match="has no committed revision"):
        file_revisions(empty.write("x.txt", V1))


def test_commit_draft_commits_only_its_files_and_tags(tmp_path: Path) -> None:
    repo = drafts_repository(tmp_path / "repo")
    staged = repo.write("notes.txt", "unrelated")
    repo.git("add", "notes.txt")
    draft = repo.write("drafts/mla/v4.txt", V3)
    commit = commit_draft([draft], "Add v4", "v4", "Version 4")
    assert repo.git("rev-parse", "v4^{commit}").strip() == commit
    assert repo.git("show", "--name-only", "--format=", commit).split() == ["drafts/mla/v4.txt"]
    assert "A  notes.txt" in repo.git("status", "--porcelain")
    assert staged.exists()
    with pytest.raises(RevisionError, match="tag 'v4' is not a valid new tag name"):
        commit_draft([draft], "again", "v4", "again")
    with pytest.raises(RevisionError, match="not a valid new tag name"):
        commit_draft([draft], "again", "bad..tag", "again")


def test_baseline_is_the_file_at_base_or_before_a_rename_or_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = drafts_repository(tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    assert find_baseline(Path("drafts/convention.txt"), "v2020") == DraftSpec(
        Path("drafts/convention.txt"), "v2020"
    )
    base = repo.git("rev-parse", "HEAD").strip()
    repo.git("mv", "drafts/convention.txt", "drafts/mla-2020.txt")
    assert find_baseline(Path("drafts/mla-2020.txt"), base) == DraftSpec(
        Path("drafts/convention.txt"), base
    )
    manifest_folder(repo.root / "drafts" / "mla", [V1, V2])
    repo.commit("Two versions")
    manifest_folder(repo.root / "drafts" / "mla", [V1, V2, V3])
    assert find_baseline(Path("drafts/mla/v3.txt"), "HEAD") == DraftSpec(Path("drafts/mla/v2.txt"))
    (repo.root / "drafts" / "solo.txt").write_text(V1, encoding="utf-8")
    assert find_baseline(Path("drafts/solo.txt"), "HEAD") is None
    assert spec_bytes(DraftSpec(Path("drafts/mla/v1.txt"), "HEAD")) == V1.encode()


def test_a_repository_without_commits_has_no_baseline(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "fresh")
    assert find_baseline(repo.write("drafts/x.txt", V1), "HEAD") is None


def test_identical_texts_are_parsed_once(tmp_path: Path) -> None:
    repo = drafts_repository(tmp_path / "repo")
    convention = repo.root / "drafts" / "convention.txt"
    revisions = file_revisions(convention)
    read = read_revisions(convention, tuple(reversed(revisions)))
    revised, renamed = read[1][1], read[2][1]  # the rename commit left the text as it was
    assert revised is renamed
    assert read[0][1] is not revised
