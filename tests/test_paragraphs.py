"""Paragraphs and sub-paragraphs of a provision: labels, depth, roles, notes, brackets."""

from __future__ import annotations

import pytest

from mla_diff.paragraphs import BodyLine, group_paragraphs, split_inline_paragraphs


def _shape(text: str, wrap: int = 0) -> list[tuple[str, int, str]]:
    body = [BodyLine(line, n) for n, line in enumerate(text.split("\n"), start=1)]
    return [(p.label, p.depth, p.role) for p in group_paragraphs(body, wrap)]


def test_chapeau_items_and_tail() -> None:
    text = (
        "1. Each State Party shall:\n(a) designate;\n(b) inform,\n\n"
        "in accordance with its law.\n2. Done."
    )
    assert _shape(text) == [
        ("1.", 0, "chapeau"),
        ("(a)", 1, "item"),
        ("(b)", 1, "item"),
        ("", 0, "tail"),
        ("2.", 0, "text"),
    ]


def test_i_after_h_is_a_letter_and_a_lone_i_opens_roman_numbering() -> None:
    letters = "\n".join(f"({c}) item;" for c in "abcdefghij")
    assert [depth for _, depth, _ in _shape("Intro:\n" + letters)] == [0] + [1] * 10
    nested = "(a) the following:\n(i) one;\n(ii) two;\n(b) next."
    assert _shape(nested) == [
        ("(a)", 0, "chapeau"),
        ("(i)", 1, "item"),
        ("(ii)", 1, "item"),
        ("(b)", 0, "text"),
    ]
    assert _shape("(v) after u?\n") == [("(v)", 0, "text")]


def test_nesting_follows_the_order_in_which_label_styles_appear() -> None:
    german = (
        "(1) Satz.\n(2) Hilfe wird geleistet\n1. für A,\n2. für B, und zwar\n"
        "a) von X,\nb) von Y,\n3. für C."
    )
    assert [(label, depth) for label, depth, _ in _shape(german)] == [
        ("(1)", 0),
        ("(2)", 0),
        ("1.", 1),
        ("2.", 1),
        ("a)", 2),
        ("b)", 2),
        ("3.", 1),
    ]


def test_unlabelled_lines_continue_or_start_paragraphs() -> None:
    assert _shape("The requested State\nshall act.\nA new paragraph.") == [
        ("", 0, "text"),
        ("", 0, "text"),
    ]
    body = [BodyLine("x" * 70 + " ends.", 1), BodyLine("More of the same paragraph.", 2)]
    wrapped = group_paragraphs(body, wrap=76)
    assert len(wrapped) == 1


def test_inline_paragraphs_split_only_in_sequence() -> None:
    assert split_inline_paragraphs("1. First. 2. Second; 3. Third.") == [
        "1. First.",
        "2. Second;",
        "3. Third.",
    ]
    assert split_inline_paragraphs("1. See paragraph 1. 3. Not a label.") == [
        "1. See paragraph 1. 3. Not a label."
    ]
    assert split_inline_paragraphs("as follows: (a) one; (b) two; and (c) three.") == [
        "as follows:",
        "(a) one;",
        "(b) two; and",
        "(c) three.",
    ]
    assert split_inline_paragraphs("in the following: (a) and (b) of article 3") == [
        "in the following: (a) and (b) of article 3"
    ]


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        # Each label form looks for its own form: "1)" continues with "2)", never with "2.".
        ("1) One. 2) Two. 3. Three.", ["1) One.", "2) Two. 3. Three."]),
        ("(1) One; (2) Two: (3) Three.", ["(1) One;", "(2) Two:", "(3) Three."]),
        ("(1. One. (2. Two.", ["(1. One.", "(2. Two."]),
        ("1. One. 2. Two. 2. Again. 3. Three.", ["1. One.", "2. Two. 2. Again.", "3. Three."]),
        ("1. One. 2.  Two.", ["1. One.", "2.  Two."]),
        ("1. One. 2. two.", ["1. One. 2. two."]),
        ("1. One. 1234. Two.", ["1. One. 1234. Two."]),
        (
            "as follows: a) one, b) two, or c) three",
            ["as follows:", "a) one,", "b) two, or", "c) three"],
        ),
        ("as follows: (a) one; b) two", ["as follows: (a) one; b) two"]),
    ],
)
def test_inline_paragraphs_keep_to_the_first_label_form(text: str, pieces: list[str]) -> None:
    assert split_inline_paragraphs(text) == pieces
