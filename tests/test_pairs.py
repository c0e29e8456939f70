"""Pairs of drafts as commands name them: OLD NEW, changed drafts against a base revision, and the
files git hands its diff driver."""

from __future__ import annotations

from pathlib import Path

import pytest

from mla_diff.errors import InputError
from mla_diff.gitsource import DraftSpec
from mla_diff.model import Comparison, Settings
from mla_diff.pairs import (
    NULL_FILE,
    check_pairs,
    compare_driver_files,
    compare_specs,
    read_driver_side,
    review_pair,
    review_report_name,
)
from tests.drafting import V1, V2, GitRepo

# A watch term the shipped rules lack: V1 -> V2 drops "seek" from the victims article, which only
# these rules flag.
RULES = '[en.watch_terms]\nseek = ["seek"]\n'
SEEK_REMOVED = ("watch-term-removed", "Art. 4: no longer mentions 'seek'")


def _seek_flags(comparison: Comparison) -> list[tuple[str, str]]:
    return [(f.rule, f.message) for f in comparison.flags if "'seek'" in f.message]


def _drafts(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    old, new = folder / "old.txt", folder / "new.txt"
    old.write_text(V1, encoding="utf-8")
    new.write_text(V2, encoding="utf-8")
    return old, new


def test_compare_specs_labels_the_versions_and_merges_a_rules_file(tmp_path: Path) -> None:
    old, new = _drafts(tmp_path)
    rules = tmp_path / "watch.toml"
    rules.write_text(RULES, encoding="utf-8")
    comparison = compare_specs(str(old), str(new), Settings(language="en"), "A", "B", rules)
    assert (comparison.old_version.label, comparison.new_version.label) == ("A", "B")
    assert comparison.settings.language == "en"
    assert comparison.settings.rules_source == str(rules)
    assert comparison.changed
    assert _seek_flags(comparison) == [SEEK_REMOVED]
    assert _seek_flags(compare_specs(str(old), str(new), Settings(language="en"))) == []
    plain = compare_specs(str(old), str(old), Settings())
    assert plain.old_version.label == "old.txt"
    assert not plain.changed
    assert plain.settings.rules == ""


def test_a_draft_is_read_before_the_rules_file(tmp_path: Path) -> None:
    old, _ = _drafts(tmp_path)
    with pytest.raises(InputError, match=r"absent\.txt: no such file"):
        compare_specs(str(old), str(tmp_path / "absent.txt"), Settings(), rules=tmp_path / "no")


def test_check_pairs_without_a_base_takes_old_and_new(tmp_path: Path) -> None:
    old, new = _drafts(tmp_path)
    assert list(check_pairs([str(old), str(new)], None)) == [(DraftSpec(old), DraftSpec(new))]
    with pytest.raises(InputError, match=r"check takes OLD and NEW, got 3 draft\(s\)"):
        list(check_pairs([str(old), str(new), str(new)], None))


def test_check_pairs_against_a_base_finds_baselines_and_first_drafts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("First draft", {"drafts/mla.txt": V1})
    repo.write("drafts/mla.txt", V2)
    repo.write("drafts/other.txt", V1)
    monkeypatch.chdir(repo.root)
    pairs = list(check_pairs(["drafts/mla.txt", "drafts/other.txt"], "HEAD"))
    assert pairs == [
        (DraftSpec(Path("drafts/mla.txt"), "HEAD"), DraftSpec(Path("drafts/mla.txt"))),
        (None, DraftSpec(Path("drafts/other.txt"))),
    ]


def test_review_pair_applies_the_rules_beside_the_new_draft(tmp_path: Path) -> None:
    old, _ = _drafts(tmp_path / "old")
    _, new = _drafts(tmp_path / "new")
    assert _seek_flags(review_pair(DraftSpec(old), DraftSpec(new), "en")) == []
    (tmp_path / "new" / "rules.toml").write_text(RULES, encoding="utf-8")
    comparison = review_pair(DraftSpec(old), DraftSpec(new), "en")
    assert comparison.settings.rules_source == str(tmp_path / "new" / "rules.toml")
    assert comparison.settings.language == "en"
    assert _seek_flags(comparison) == [SEEK_REMOVED]
    assert review_pair(DraftSpec(new), DraftSpec(old)).settings.rules == ""


def test_review_report_names_are_slugs_of_the_draft_path() -> None:
    assert review_report_name(DraftSpec(Path("drafts/MLA Convention.txt"))) == (
        "drafts-mla-convention.html"
    )


def test_driver_sides_name_the_blob_and_a_missing_side(tmp_path: Path) -> None:
    old, _ = _drafts(tmp_path)
    version, draft = read_driver_side(str(old), "a1b2c3d4e5f6", "a", "drafts/mla.txt")
    assert version.label == "a/drafts/mla.txt (a1b2c3d)"
    assert version.path == "a/drafts/mla.txt"
    assert draft.articles
    version, draft = read_driver_side(NULL_FILE, "0" * 40, "b", "drafts/mla.txt")
    assert version.label == "b/drafts/mla.txt (none)"
    assert draft.units == ()


def test_driver_files_compare_and_name_a_rename(tmp_path: Path) -> None:
    old, new = _drafts(tmp_path)
    args = ["mla.txt", str(old), "1" * 40, "100644", str(new), "2" * 40, "100644"]
    comparison, name = compare_driver_files(args)
    assert name == "mla.txt"
    assert comparison.changed
    _, renamed = compare_driver_files([*args, "convention.txt", "similarity index 90%"])
    assert renamed == "mla.txt → convention.txt"
    with pytest.raises(InputError, match="git-diff takes the 7 arguments git passes, got 3"):
        compare_driver_files(args[:3])
