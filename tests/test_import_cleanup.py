"""The blocks the structured readers (Word, ODT, HTML) share: numbered paragraphs and notes."""

from __future__ import annotations

import pytest

from mla_diff.importers.cleanup import (
    BlockKind,
    HeadingTest,
    ImportReport,
    Joiner,
    Line,
    numbered_blocks,
)
from mla_diff.normalize import hyphenation_words, join_wrapped


def test_numbered_paragraphs_become_headings_titles_paragraphs_and_notes() -> None:
    report = ImportReport()
    blocks = numbered_blocks(
        [
            ("Article 1", "Scope", ()),
            ("1.", "This Convention applies to requests.", ["A note."]),
            ("", "   ", ()),  # an empty paragraph without a number leaves no block
            ("", "Each State Party shall cooperate.", ()),
        ],
        report,
    )
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.HEADING, "Article 1"),
        (BlockKind.TITLE, "Scope"),
        (BlockKind.PARAGRAPH, "1. This Convention applies to requests."),
        (BlockKind.NOTE, "A note."),
        (BlockKind.PARAGRAPH, "Each State Party shall cooperate."),
    ]
    assert report.get("wrote out", "generated number") == 2


def test_the_language_sample_decides_which_labels_are_headings() -> None:
    """Word passes its labels in the sample: a Spanish draft whose article numbers are generated
    is detected as Spanish only from them."""
    paragraphs = [("Artículo 1", "Ámbito", ()), ("", "El presente Convenio se aplica.", ())]
    unlabelled = numbered_blocks(paragraphs, ImportReport())
    assert unlabelled[0].kind is BlockKind.PARAGRAPH
    labelled = numbered_blocks(paragraphs, ImportReport(), sample="Artículo 1 Ámbito")
    assert [b.kind for b in labelled[:2]] == [BlockKind.HEADING, BlockKind.TITLE]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("within the juris-", "diction of the State"),
        ("the decision-", "making process"),
        ("the pre-", "and post-trial phase"),
        ("die Zoll-", "und Handelsabkommen"),
        ("the Con-", "vention applies"),
        ("a UN-", "led process"),
        ("a non-", "governmental body"),
        ("the Euro-", "Atlantic area"),
        ("the ex-", "tradition request"),
    ],
)
def test_imported_and_plain_text_join_line_end_hyphens_alike(first: str, second: str) -> None:
    """One rule for both: an imported PDF and the same text pasted as plain lines read alike,
    weighing the same evidence (the decision-making written whole elsewhere)."""
    context = "The decision-making rests with the State."
    lines = [Line(context), Line(first), Line(second)]
    joiner = Joiner(lines, ImportReport(), HeadingTest(context))
    words = hyphenation_words(f"{context}\n{first}\n{second}\n")
    assert joiner.join_pair(first, second) == join_wrapped([first, second], words)


def test_a_soft_hyphen_joins_its_word_without_a_doubt() -> None:
    """A soft hyphen marks a word broken in two for certain: joined, and not listed among the
    hyphens dropped without evidence, as a plain hyphen with no evidence is."""
    report = ImportReport()
    lines = [Line("the juris\u00ad"), Line("diction of")]
    joiner = Joiner(lines, report, HeadingTest("the jurisdiction"))
    assert joiner.join_pair("the juris\u00ad", "diction of") == "the jurisdiction of"
    assert joiner.unsure == []
    assert joiner.join_pair("the juris-", "diction of") == "the jurisdiction of"
    assert joiner.unsure == ["juris-diction"]
