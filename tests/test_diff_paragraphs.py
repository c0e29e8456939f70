"""paragraph_diff.py: paragraphs aligned before words, so that a reordered paragraph is a move."""

from __future__ import annotations

from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st

from mla_diff.diff import new_text, old_text
from mla_diff.model import Op, Paragraph, ParagraphStatus
from mla_diff.paragraph_diff import (
    Segment,
    align_segments,
    flatten,
    label_path,
    mark_slot,
    similarity_reaching,
    split_segments,
)


def _segments(*lines: str) -> list[Segment]:
    return split_segments("\n".join(lines), ())


def test_label_path_cites_like_a_lawyer() -> None:
    paragraphs = [
        Paragraph("1.", "Assistance shall be refused:", 0, "chapeau"),
        Paragraph("(a)", "if ...;", 1, "item"),
        Paragraph("(i)", "where ...;", 2, "item"),
        Paragraph("(b)", "if ...", 1, "item"),
        Paragraph("2.", "Text.", 0),
        Paragraph("", "For the purposes of this Convention:", 0, "chapeau"),
        Paragraph("(a)", "'victim' means ...;", 1, "item"),
        Paragraph("(b)", "'State' means ...", 1, "item"),
    ]
    assert label_path(paragraphs) == [
        "(1)",
        "(1)(a)",
        "(1)(a)(i)",
        "(1)(b)",
        "(2)",
        "",
        "(a)",
        "(b)",
    ]


def test_segments_rebuild_the_text() -> None:
    text = "1. First paragraph.\n2. Second paragraph.\n3. Third."
    segments = split_segments(text, ())
    assert "".join(s.text + s.separator for s in segments) == text
    assert [s.label for s in segments] == ["(1)", "(2)", "(3)"]


def test_a_reordered_paragraph_is_a_move_not_a_deletion_and_an_insertion() -> None:
    old = _segments(
        "1. The requesting State may require confidentiality of the request.",
        "2. The requested State shall not use information for other purposes.",
        "3. If the requested State cannot comply, it shall inform the requesting State.",
    )
    new = _segments(
        "1. The requesting State may require confidentiality of the request.",
        "2. If the requested State cannot comply, it shall inform the requesting State.",
        "3. The requested State shall not use information for other purposes.",
    )
    slots = align_segments(old, new)
    statuses = [s.status for s in slots]
    assert ParagraphStatus.MOVED in statuses
    assert ParagraphStatus.DELETED not in statuses
    assert ParagraphStatus.ADDED not in statuses
    slots = [mark_slot(s, "m1") if s.status is ParagraphStatus.MOVED else s for s in slots]
    edits = flatten(slots, old, new)
    ends = [e for e in edits if e.moved == "m1"]
    assert {e.op for e in ends} == {Op.DELETE, Op.INSERT}, "both ends of the move are marked"
    assert old_text(edits) == "\n".join(s.text for s in old)
    assert new_text(edits) == "\n".join(s.text for s in new)


def test_a_reworded_paragraph_is_diffed_word_by_word() -> None:
    old = _segments("1. Assistance may be refused if the request is discriminatory.", "2. Other.")
    new = _segments("1. Assistance shall be refused if the request is discriminatory.", "2. Other.")
    slots = align_segments(old, new)
    assert [s.status for s in slots] == [ParagraphStatus.MODIFIED, ParagraphStatus.EQUAL]
    changes = [(e.op, e.text) for e in slots[0].edits if e.op is not Op.EQUAL]
    assert changes == [(Op.DELETE, "may"), (Op.INSERT, "shall")]


def test_added_and_deleted_paragraphs_stand_where_they_were() -> None:
    old = _segments("1. Keep this.", "2. Drop this entirely, it is about costs.", "3. Keep that.")
    new = _segments(
        "1. Keep this.", "3. Keep that.", "4. A wholly new paragraph on videoconference."
    )
    slots = align_segments(old, new)
    assert [s.status for s in slots] == [
        ParagraphStatus.EQUAL,
        ParagraphStatus.DELETED,
        ParagraphStatus.EQUAL,
        ParagraphStatus.ADDED,
    ]


_POOL = [
    "Each State Party shall cooperate fully with the other States Parties.",
    "Assistance may be refused on the grounds listed in this article.",
    "The requested State shall execute the request promptly.",
    "Victims shall have the right to reparation.",
    "(a) if the request concerns a political offence;",
    "(b) if execution would prejudice essential interests.",
    "Requests shall be made in writing.",
    "",
]


@settings(max_examples=200, deadline=None)
@given(
    old=st.lists(st.sampled_from(_POOL), max_size=7),
    new=st.lists(st.sampled_from(_POOL), max_size=7),
    edit=st.sampled_from(["", "shall", " not", ","]),
)
def test_flattened_paragraph_edits_rebuild_both_texts(
    old: list[str], new: list[str], edit: str
) -> None:
    if new:
        new[0] = new[0] + edit
    old_segments, new_segments = _segments(*old), _segments(*new)
    slots = align_segments(old_segments, new_segments)
    slots = [
        mark_slot(s, f"m{k}") if s.status is ParagraphStatus.MOVED else s
        for k, s in enumerate(slots)
    ]
    edits = flatten(slots, old_segments, new_segments)
    assert old_text(edits) == "\n".join(old) if old else old_text(edits) == ""
    assert new_text(edits) == "\n".join(new) if new else new_text(edits) == ""
    for slot in slots:  # each paragraph's own edits rebuild it too
        if slot.old is not None:
            assert old_text(slot.edits) == old_segments[slot.old].text
        if slot.new is not None:
            assert new_text(slot.edits) == new_segments[slot.new].text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from("abcdef"), max_size=30),
    st.lists(st.sampled_from("abcdef"), max_size=30),
    st.sampled_from([0.3, 0.5, 0.8, 0.95]),
)
def test_similarity_reaching_is_the_ratio_above_the_threshold_and_nothing_below(
    old: list[str], new: list[str], threshold: float
) -> None:
    exact = SequenceMatcher(None, old, new, autojunk=False).ratio() if old or new else 1.0
    assert similarity_reaching(old, new, threshold) == (exact if exact >= threshold else 0.0)
