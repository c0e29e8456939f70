"""One small pair of drafts per alignment phenomenon, each with its concordance written by hand."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mla_diff.align import align_drafts
from mla_diff.cli import main
from mla_diff.model import Draft, Match, MatchStatus
from mla_diff.parse import parse_draft
from tests.report_fixtures import CONCORDANCE_ROW_FIELDS

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "align"
CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.csv").is_file())
FLAGS = ("renumbered", "modified", "moved")


def _draft(case: str, side: str) -> Draft:
    return parse_draft((FIXTURES / case / f"{side}.txt").read_text(encoding="utf-8"))


def _expected(case: str) -> list[dict[str, str]]:
    with (FIXTURES / case / "expected.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _labels(units: tuple[object, ...]) -> str:
    return "+".join(getattr(unit, "number") for unit in units)  # noqa: B009


def _describe(row: Match) -> str:
    flags = " ".join(f for f in FLAGS if getattr(row, f))
    return f"{row.kind.value},{_labels(row.old)},{_labels(row.new)},{row.status.value},{flags}"


def test_every_phenomenon_has_a_fixture() -> None:
    assert set(CASES) >= {
        "renumbering",
        "letters",
        "insertions",
        "moved_part",
        "swapped",
        "split",
        "merged",
        "repeal",
        "rewritten",
        "title_only",
        "preamble",
        "annexes",
        "boilerplate",
        "deleted",
    }


@pytest.mark.parametrize("case", CASES)
def test_concordance_is_the_expected_one(case: str) -> None:
    rows = align_drafts(_draft(case, "old"), _draft(case, "new"))
    expected = _expected(case)
    got = [_describe(row) for row in rows]
    want = [f"{e['kind']},{e['old']},{e['new']},{e['status']},{e['flags']}" for e in expected]
    assert got == want
    for row, e in zip(rows, expected, strict=True):
        assert e["reason"] in row.reason, f"{_describe(row)}: {row.reason!r}"


@pytest.mark.parametrize("case", CASES)
def test_rows_carry_their_evidence(case: str) -> None:
    old, new = _draft(case, "old"), _draft(case, "new")
    for row in align_drafts(old, new):
        assert 0.0 <= row.similarity <= 1.0
        if row.status in (MatchStatus.ADDED, MatchStatus.DELETED):
            others = new if row.status is MatchStatus.DELETED else old
            pool = others.of_kind(row.kind)
            assert len(row.nearest) == min(3, len(pool)), row
            scores = [c.similarity for c in row.nearest]
            assert scores == sorted(scores, reverse=True)
        else:
            assert not row.nearest
        if row.status is MatchStatus.MATCHED and not row.modified:
            assert row.similarity == 1.0


def test_a_deleted_article_shows_why_it_was_not_moved() -> None:
    """Art. 52 (pardon, amnesty) is gone: the closest texts of the new draft are far from it."""
    rows = align_drafts(_draft("deleted", "old"), _draft("deleted", "new"))
    (deleted,) = [row for row in rows if row.status is MatchStatus.DELETED]
    assert [u.number for u in deleted.old] == ["52"]
    assert len(deleted.nearest) == 3
    assert all(c.similarity < 0.5 for c in deleted.nearest)
    assert deleted.reason.startswith("no counterpart in the new draft; closest: art. ")


def test_split_rows_say_which_paragraphs_went_where() -> None:
    rows = align_drafts(_draft("split", "old"), _draft("split", "new"))
    (split,) = [row for row in rows if row.status is MatchStatus.SPLIT]
    assert [(s.old, s.new, s.paragraphs) for s in split.shares] == [
        ("6", "6", ("1", "2")),
        ("6", "7", ("3",)),
    ]


def test_compare_json_contract(tmp_path: Path) -> None:
    """What scripts rely on: `concordance` rows with labels as in the headings and their flags."""
    folder = FIXTURES / "split"
    result = CliRunner().invoke(
        main, ["compare", str(folder / "old.txt"), str(folder / "new.txt"), "--format", "json"]
    )
    assert result.exit_code == 1, result.output
    concordance = json.loads(result.output)["concordance"]
    for row in concordance:
        assert set(row) >= CONCORDANCE_ROW_FIELDS
        assert row["status"] in {"matched", "added", "deleted", "split", "merged"}
    split = next(row for row in concordance if row["status"] == "split")
    assert (split["old"], split["new"]) == (["6"], ["6", "7"])
    assert split["shares"][1] == {"old": "6", "new": "7", "paragraphs": ["3"], "sentences": False}
    folder = FIXTURES / "boilerplate"
    result = CliRunner().invoke(
        main, ["compare", str(folder / "old.txt"), str(folder / "new.txt"), "--format", "json"]
    )
    concordance = json.loads(result.output)["concordance"]
    deleted = next(row for row in concordance if row["status"] == "deleted")
    assert deleted["old"] == ["21"]
    assert deleted["new"] == []
    assert [set(n) for n in deleted["nearest"]] == [{"article", "similarity"}] * 3
