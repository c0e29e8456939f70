"""Notes kept apart from the text they annotate; square brackets of the negotiation."""

from __future__ import annotations

from mla_diff.notes import find_brackets, separate_notes
from mla_diff.paragraphs import BodyLine


def test_notes_are_kept_apart() -> None:
    body = [
        BodyLine("1. Text [shall] apply.", 1),
        BodyLine("[Facilitator's note: several delegations", 2),
        BodyLine("asked for this.]", 3),
        BodyLine("2. More text.", 4),
        BodyLine("", 5),
        BodyLine("Footnote 1: a source.", 6),
        BodyLine("[^2]: another source.", 7),
        BodyLine("", 8),
        BodyLine("Note that this is text.", 9),
    ]
    kept, notes = separate_notes(body)
    assert [line.text for line in kept] == [
        "1. Text [shall] apply.",
        "2. More text.",
        "",
        "",
        "Note that this is text.",
    ]
    assert notes == [
        ["[Facilitator's note: several delegations", "asked for this.]"],
        ["Footnote 1: a source."],
        ["[^2]: another source."],
    ]


def test_find_brackets() -> None:
    assert find_brackets("[shall][should] take [Option 1: [a] b] and [^1] or [2]") == [
        "[shall]",
        "[should]",
        "[Option 1: [a] b]",
    ]
    assert find_brackets("an [unclosed bracket") == ["[unclosed bracket"]
    assert find_brackets("no ] opening") == []


def test_asterisk_footnotes_and_eu_renumbering_notes() -> None:
    body = [
        BodyLine("(ex Article 1 TEU)", 1),
        BodyLine("Text of the article.*", 2),
        BodyLine("", 3),
        BodyLine("* Proposed by the facilitators.", 4),
    ]
    kept, notes = separate_notes(body)
    assert [line.text for line in kept] == ["Text of the article.*", ""]
    assert notes == [["(ex Article 1 TEU)"], ["* Proposed by the facilitators."]]
    bullets = [BodyLine("", 1), BodyLine("* one", 2), BodyLine("* two", 3)]
    assert separate_notes(bullets) == (bullets, [])
