"""compare.py: every character of both drafts accounted for, moves marked, ignore honoured."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from mla_diff.compare import compare_drafts
from mla_diff.diff import new_text, old_text
from mla_diff.errors import InputError
from mla_diff.model import Comparison, MatchStatus, Op, ParagraphStatus, Settings
from mla_diff.parse import parse_draft
from mla_diff.render import comparison_json
from mla_diff.sources import read_draft

OLD = """Article 12
Enforcement

1. The administering State shall be bound by the legal nature and duration of the
sentence.
2. Each State Party may grant pardon, amnesty or commutation of the sentence in
accordance with its Constitution.

Article 13
Costs

The costs  of transfer shall be borne by the administering State.

Article 14
Termination

The administering State shall terminate enforcement as soon as it is informed of any
decision as a result of which the sentence ceases to be enforceable.
"""

NEW = """Article 12
Enforcement

1. The administering State shall be bound by the legal nature and duration of the
sentence.

Article 13
Costs

The Costs of transfer shall be borne by the administering State.

Article 14
Termination

1. The administering State shall terminate enforcement as soon as it is informed of any
decision as a result of which the sentence ceases to be enforceable.
2. Each State Party may grant pardon, amnesty or commutation of the sentence in
accordance with its Constitution.
"""


def _compare(settings: Settings | None = None) -> Comparison:
    return compare_drafts(parse_draft(OLD), parse_draft(NEW), settings)


def assert_lossless(comparison: Comparison) -> None:
    """Both drafts' texts rebuild from the rows: the flat edits of a matched row, and the
    paragraphs of every row."""
    for row in comparison.rows:
        old_units, new_units = row.match.old, row.match.new
        old_joined = "\n".join(u.text for u in old_units)
        new_joined = "\n".join(u.text for u in new_units)
        if row.edits:
            assert old_text(row.edits) == old_joined
            assert new_text(row.edits) == new_joined
        old_notes = "\n".join(n for u in old_units for n in u.notes)
        new_notes = "\n".join(n for u in new_units for n in u.notes)
        if old_units and new_units and old_notes != new_notes:
            assert old_text(row.note_edits) == old_notes
            assert new_text(row.note_edits) == new_notes
        old_paragraphs = [old_text(p.edits) for p in row.paragraphs if p.old_label is not None]
        new_paragraphs = [new_text(p.edits) for p in row.paragraphs if p.new_label is not None]
        assert Counter(old_paragraphs) == Counter(old_joined.split("\n") if old_joined else [])
        assert Counter(new_paragraphs) == Counter(new_joined.split("\n") if new_joined else [])


def test_text_moved_between_articles_is_marked_at_both_ends() -> None:
    comparison = _compare()
    ends = {
        row.match.new[0].number if row.match.new else row.match.old[0].number: paragraph
        for row in comparison.rows
        for paragraph in row.paragraphs
        if paragraph.moved
    }
    assert set(ends) == {"12", "14"}
    assert ends["12"].moved == ends["14"].moved
    assert ends["12"].counterpart == "art. 14(2)"
    assert ends["14"].counterpart == "art. 12(2)"
    assert all(p.status is ParagraphStatus.MOVED for p in ends.values())
    row_12 = next(r for r in comparison.rows if r.match.new and r.match.new[0].number == "12")
    assert any(e.op is Op.DELETE and e.moved == ends["12"].moved for e in row_12.edits)
    assert not [f for f in comparison.flags if f.rule.startswith("watch-term")]
    assert_lossless(comparison)


def test_ignore_options_decide_what_counts_never_what_is_shown() -> None:
    plain = _compare()
    ignoring = _compare(Settings(ignore=frozenset({"whitespace", "case"})))
    row = next(r for r in ignoring.rows if r.match.new and r.match.new[0].number == "13")
    assert not row.match.modified, "spacing and case only: unchanged under these options"
    assert new_text(row.edits) == row.match.new[0].text, "the new wording is still all there"
    assert any(e.ignored for e in row.edits)
    plain_row = next(r for r in plain.rows if r.match.new and r.match.new[0].number == "13")
    assert plain_row.match.modified
    assert_lossless(ignoring)


def test_added_and_deleted_articles_keep_their_full_text() -> None:
    old = parse_draft(OLD.replace("Article 13\nCosts", "Article 13\nCosts of transfer"))
    new = parse_draft(
        NEW.split("Article 13", maxsplit=1)[0]
        + "Article 15\nVideoconference\n\nA witness may be heard by videoconference.\n"
    )
    comparison = compare_drafts(old, new)
    deleted = [r for r in comparison.rows if r.match.status is MatchStatus.DELETED]
    added = next(r for r in comparison.rows if r.match.status is MatchStatus.ADDED)
    assert "The costs of transfer shall be borne by the administering State." in [
        old_text(p.edits) for r in deleted for p in r.paragraphs
    ]
    assert [new_text(p.edits) for p in added.paragraphs] == [
        "A witness may be heard by videoconference."
    ]
    assert_lossless(comparison)


def test_bad_settings_are_one_clear_error() -> None:
    with pytest.raises(InputError, match="unknown ignore option spelling"):
        _compare(Settings(ignore=frozenset({"spelling"})))
    with pytest.raises(InputError, match=r"rules key en\.modals"):
        _compare(Settings(rules='[en.modals]\n"shall" = 9\n', rules_source="my-rules.toml"))


def test_output_is_deterministic() -> None:
    first = json.dumps(comparison_json(_compare(), "x"), sort_keys=True)
    second = json.dumps(comparison_json(_compare(), "x"), sort_keys=True)
    assert first == second


def test_compare_json_carries_flags_summary_and_edits() -> None:
    data = comparison_json(_compare(), "x")
    assert set(data["summary"]) >= {"status", "severity"}
    assert set(data["summary"]["severity"]) == {"critical", "high", "medium", "low", "info"}
    assert sum(data["summary"]["severity"].values()) == len(data["flags"])
    row = next(r for r in data["concordance"] if r["new"] == ["12"])
    moved = [p for p in row["paragraphs"] if p["moved"]]
    assert moved
    assert moved[0]["counterpart"] == "art. 14(2)"
    assert any(e.get("moved") for e in row["edits"])


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("coe-ets030/ECMACM_en_v1_1982-04-12.md", "coe-ets030/ECMACM_en_v2_2011-04-01.md"),
        ("coe-ets112/ETS112_en_v1_1988-01-01.md", "coe-ets112/ETS112_en_v2_2011-04-14.md"),
    ],
)
def test_real_drafts_are_compared_losslessly(corpus: Path, old: str, new: str) -> None:
    _, old_draft = read_draft(corpus / old)
    _, new_draft = read_draft(corpus / new)
    for settings in (Settings(), Settings(ignore=frozenset({"whitespace", "punctuation"}))):
        assert_lossless(compare_drafts(old_draft, new_draft, settings))


def test_a_note_that_appears_is_shown_and_counts_as_a_change() -> None:
    old = "Article 35\nExtradition\n\nExtradition shall not be granted for political offences.\n"
    new = (
        old
        + "\nFacilitator's note: The reference to political offences remains under discussion.\n"
    )
    comparison = compare_drafts(parse_draft(old), parse_draft(new))
    (row,) = [r for r in comparison.rows if r.match.new and r.match.new[0].number == "35"]
    assert row.match.new[0].notes, "the parser keeps the note apart from the text"
    assert row.match.modified
    assert "remains under discussion" in new_text(row.note_edits)
    assert not old_text(row.note_edits)
    assert_lossless(comparison)
