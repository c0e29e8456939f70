"""The blocks the structured readers (Word, ODT, HTML) share: numbered paragraphs and notes."""

from __future__ import annotations

from mla_diff.importers.cleanup import BlockKind, ImportReport, numbered_blocks


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
