"""The illustrative MLA drafts: the concordance against their answer key and DOMAIN.md §1."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from mla_diff.align import align_drafts
from mla_diff.model import Kind, Match, MatchStatus
from mla_diff.sources import read_draft
from tests.conftest import MLA, ROOT

KEY = ROOT / "tests" / "data" / "mla-convention" / "ground_truth"
V2018, V2020, V2022, V2023 = "2018-11", "2020-03", "2022-11-30", "2023-05-26"


def _path(version: str) -> Path:
    (path,) = MLA.glob(f"{version}_*.txt")
    return path


@cache
def _rows(old: str, new: str) -> tuple[Match, ...]:
    return align_drafts(read_draft(_path(old))[1], read_draft(_path(new))[1])


def _labels(units: tuple[object, ...]) -> tuple[str, ...]:
    return tuple(getattr(unit, "number") for unit in units)  # noqa: B009


def _row(rows: tuple[Match, ...], *, old: str = "", new: str = "") -> Match:
    """The row holding article `old` (or `new`)."""
    for row in rows:
        if row.kind is not Kind.ARTICLE:
            continue
        if (old and old in _labels(row.old)) or (new and new in _labels(row.new)):
            return row
    raise AssertionError(f"no row holds art. {old or new}")


def _key_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("key", sorted(KEY.glob("*.csv")), ids=lambda p: p.stem)
def test_concordance_follows_the_answer_key(key: Path) -> None:
    old_version, _, new_version = key.stem.partition("_to_")
    rows = _rows(old_version, new_version)
    for expected in _key_rows(key):
        olds = tuple(x for x in expected["old_article"].split("+") if x)
        news = tuple(x for x in expected["new_article"].split("+") if x)
        status = expected["status"]
        kind = Kind.ANNEX if (olds + news)[0].startswith("Annex") else Kind.ARTICLE
        olds = tuple(x.removeprefix("Annex ") for x in olds)
        news = tuple(x.removeprefix("Annex ") for x in news)
        found = [
            r
            for r in rows
            if r.kind is kind
            and (set(_labels(r.old)) & set(olds) or set(_labels(r.new)) & set(news))
        ]
        assert len(found) == 1, (expected, found)
        (row,) = found
        assert (_labels(row.old), _labels(row.new)) == (olds, news), expected
        if status in ("added", "deleted", "split", "merged"):
            assert row.status.value == status, expected
        else:
            assert row.status is MatchStatus.MATCHED, expected
            assert row.renumbered == ("renumbered" in status), expected
            assert row.modified == ("modified" in status), expected


def test_the_amnesty_article_is_renumbered_then_deleted_with_its_proof() -> None:
    """Art. 52 (pardon, amnesty, commutation) becomes art. 53 in March 2020, bracketed, and is
    gone from the version of 30/11/2022: its nearest candidates show it was not moved."""
    bracketed = _row(_rows(V2018, V2020), old="52")
    assert _labels(bracketed.new) == ("53",)
    assert bracketed.renumbered
    assert bracketed.modified
    assert bracketed.reason == "same words; text put in square brackets"
    deleted = _row(_rows(V2020, V2022), old="53")
    assert deleted.status is MatchStatus.DELETED
    assert len(deleted.nearest) == 3
    assert all(candidate.similarity < 0.3 for candidate in deleted.nearest)
    assert deleted.reason.startswith("no counterpart in the new draft; closest: art. ")


def test_scope_extension_is_added_then_merged_into_article_2() -> None:
    added = _row(_rows(V2020, V2022), new="3")
    assert added.status is MatchStatus.ADDED
    merged = _row(_rows(V2022, V2023), new="2")
    assert merged.status is MatchStatus.MERGED
    assert _labels(merged.old) == ("2", "3")
    assert "from art. 3" in merged.reason


def test_victims_articles_are_renumbered_swapped_and_split() -> None:
    rows = _rows(V2020, V2022)
    definition, rights = _row(rows, old="60"), _row(rows, old="59")
    assert (_labels(definition.new), _labels(rights.new)) == (("71",), ("72",))
    assert definition.renumbered
    assert rights.renumbered
    assert definition.reason.startswith("same text, title changed")
    assert definition.moved != rights.moved  # one of the two changed places with the other
    split = _row(_rows(V2022, V2023), old="71")
    assert split.status is MatchStatus.SPLIT
    assert _labels(split.new) == ("81", "82")
    assert split.reason.startswith("paragraphs 1, 3 went to art. 81, paragraph 2 to art. 82")
    reparation = _row(_rows(V2022, V2023), old="72")
    assert _labels(reparation.new) == ("83",)
    assert reparation.modified


def test_refusal_grounds_assets_and_dual_criminality_are_located() -> None:
    rows = _rows(V2018, V2020)
    for label in ("21", "23", "35"):  # refusal grounds, return of assets, extradition refusal
        row = _row(rows, old=label)
        assert _labels(row.new) == (label,)
        assert row.modified
        assert not row.renumbered
    moved = _row(_rows(V2020, V2022), old="20")
    assert _labels(moved.new) == ("7",)
    assert moved.moved
    assert moved.reason.endswith("moved from PART II to PART I")
    assets = _row(_rows(V2020, V2022), old="23")
    assert _labels(assets.new) == ("34",)
    assert assets.reason.endswith("moved from PART II to PART III")
