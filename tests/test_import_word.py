"""Word import: generated numbers written out, tracked changes accepted or shown, marks, notes."""

# ruff: noqa: E501 - WordprocessingML fragments read best unbroken.

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from mla_diff.compare import compare_drafts
from mla_diff.errors import InputError
from mla_diff.importers import ImportOptions, import_draft
from mla_diff.importers.numbering import format_number
from mla_diff.model import Kind, MatchStatus
from mla_diff.parse import parse_draft
from tests.conftest import MLA
from tests.test_import_fixtures import (
    _CONTENT_TYPES,
    _DOCUMENT_RELS,
    _RELS,
    W_NS,
    build_docx,
    draft_paragraphs,
    word_recall,
)


def _articles(text: str) -> list[str]:
    return [u.number for u in parse_draft(text).units if u.kind is Kind.ARTICLE]


@pytest.mark.parametrize("path", sorted(MLA.glob("*.txt")), ids=lambda p: p.stem)
def test_illustrative_draft_survives_word_round_trip(tmp_path: Path, path: Path) -> None:
    """Article headings and paragraph numbers left to Word's numbering, tracked changes in every
    seventh paragraph: accepting them gives the draft back, article for article."""
    source = path.read_text(encoding="utf-8")
    docx = tmp_path / "draft.docx"
    built = build_docx(source, docx)
    assert built.generated > 100
    assert built.insertions > 10
    imported = import_draft(docx)
    assert imported.report.get("wrote out", "generated number") == built.generated
    assert imported.report.get("accepted", "insertion") == built.insertions
    assert "heretofore" not in imported.text
    typeset = "\n".join(line for _, line in draft_paragraphs(source))
    assert word_recall(typeset, imported.text) == 1.0
    assert _articles(imported.text) == _articles(source)
    comparison = compare_drafts(parse_draft(source), parse_draft(imported.text))
    assert [
        row.match.old[0].number if row.match.old else row.match.new[0].number
        for row in comparison.rows
        if row.match.status is not MatchStatus.MATCHED or row.match.modified
    ] == []


@pytest.mark.corpus
def test_corpus_word_file_recovers_every_article(corpus: Path, tmp_path: Path) -> None:
    source = (corpus / "coe-ets030/ECMACM_en_v2_2011-04-01.md").read_text(encoding="utf-8")
    docx = tmp_path / "ets030.docx"
    build_docx(source, docx, footnote="Footnote text.", table_rows=[("For A", "For B")])
    imported = import_draft(docx)
    typeset = "\n".join(line for _, line in draft_paragraphs(source))
    assert word_recall(typeset, imported.text) >= 0.99
    assert _articles(imported.text) == _articles(source)
    assert "[^1]: Footnote text." in imported.text.splitlines()
    assert imported.report.get("flattened", "table") == 1


def test_show_changes_writes_markers(tmp_path: Path) -> None:
    source = (MLA / "2020-03_march-2020-version.txt").read_text(encoding="utf-8")
    docx = tmp_path / "draft.docx"
    built = build_docx(source, docx)
    shown = import_draft(docx, ImportOptions(show_changes=True)).text
    assert shown.count("[-heretofore-] {+") == built.deletions
    assert import_draft(docx).text.count("{+") == 0


def _docx(path: Path, body: str, numbering: str = "") -> Path:
    """A minimal Word file around `body` (the XML inside w:body)."""
    document = f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/_rels/document.xml.rels", _DOCUMENT_RELS)
        archive.writestr("word/document.xml", document)
        if numbering:
            archive.writestr(
                "word/numbering.xml", f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>'
            )
    return path


def _p(text: str, num: tuple[int, int] | None = None, rpr: str = "") -> str:
    ppr = ""
    if num:
        ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>'
    run_pr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:p>{ppr}<w:r>{run_pr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


_LEGAL_LIST = """
<w:abstractNum w:abstractNumId="1">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="PART %1"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlRestart w:val="0"/>
<w:lvlText w:val="Article %2"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%4)"/></w:lvl>
</w:abstractNum>
<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
"""


def test_word_numbering_levels_restart_and_continue(tmp_path: Path) -> None:
    """Articles number on across parts (lvlRestart 0); paragraphs restart in each article."""
    body = "".join(
        [
            _p("General provisions", (5, 0)),
            _p("Purpose", (5, 1)),
            _p("The purpose is cooperation.", (5, 2)),
            _p("States shall:", (5, 2)),
            _p("cooperate;", (5, 3)),
            _p("assist.", (5, 3)),
            _p("Mutual legal assistance", (5, 0)),
            _p("Scope", (5, 1)),
            _p("This Part applies to requests.", (5, 2)),
        ]
    )
    text = import_draft(_docx(tmp_path / "n.docx", body, _LEGAL_LIST)).text
    assert text == (
        "PART I\nGeneral provisions\n\nArticle 1\nPurpose\n\n1. The purpose is cooperation.\n\n"
        "2. States shall:\n(a) cooperate;\n(b) assist.\n\nPART II\nMutual legal assistance\n\n"
        "Article 2\nScope\n\n1. This Part applies to requests.\n"
    )
    assert _articles(text) == ["1", "2"]


def test_deleted_paragraph_mark_joins_paragraphs_when_accepted(tmp_path: Path) -> None:
    body = (
        '<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="A" w:date="2020-01-01T00:00:00Z"/>'
        '</w:rPr></w:pPr><w:r><w:t xml:space="preserve">The request shall </w:t></w:r></w:p>'
        + _p("be executed promptly.")
    )
    docx = _docx(tmp_path / "d.docx", body)
    assert import_draft(docx).text == "The request shall be executed promptly.\n"
    shown = import_draft(docx, ImportOptions(show_changes=True)).text
    assert shown.splitlines() == ["The request shall", "be executed promptly."]


def test_strike_and_underline_kept_as_markers_on_request(tmp_path: Path) -> None:
    body = (
        "<w:p>"
        '<w:r><w:t xml:space="preserve">A request </w:t></w:r>'
        '<w:r><w:rPr><w:strike/></w:rPr><w:t xml:space="preserve">may </w:t></w:r>'
        '<w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">shall</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> be refused.</w:t></w:r>'
        "</w:p>"
    )
    docx = _docx(tmp_path / "m.docx", body)
    assert import_draft(docx).text == "A request may shall be refused.\n"
    marked = import_draft(docx, ImportOptions(keep_marks=True)).text
    assert marked == "A request [-may-] {+shall+} be refused.\n"


def test_hidden_text_and_field_codes_are_not_text(tmp_path: Path) -> None:
    body = (
        "<w:p>"
        '<w:r><w:t xml:space="preserve">See article </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> REF _Ref123 \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>14</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>drafting note</w:t></w:r>"
        "<w:r><w:t>.</w:t></w:r>"
        "</w:p>"
    )
    imported = import_draft(_docx(tmp_path / "f.docx", body))
    assert imported.text == "See article 14.\n"
    assert imported.report.get("skipped", "hidden run") == 1


@pytest.mark.parametrize(
    ("number", "fmt", "expected"),
    [
        (3, "decimal", "3"),
        (3, "lowerLetter", "c"),
        (28, "lowerLetter", "bb"),
        (4, "lowerRoman", "iv"),
        (14, "upperRoman", "XIV"),
        (2, "decimalZero", "02"),
        (2, "ordinalText", "Second"),
        (11, "ordinal", "11th"),
        (3, "I", "III"),
    ],
)
def test_format_number(number: int, fmt: str, expected: str) -> None:
    assert format_number(number, fmt) == expected


def test_damaged_and_hostile_word_files_are_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match=r"broken\.docx: is not a readable Word file"):
        import_draft(broken)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w") as archive:
        archive.writestr(
            "word/document.xml",
            '<!DOCTYPE w [<!ENTITY a "aaaa">]><w:document xmlns:w="x">&a;</w:document>',
        )
    with pytest.raises(InputError, match="DOCTYPE"):
        import_draft(bomb)


def test_old_word_format_and_wrong_extension_are_named(tmp_path: Path) -> None:
    doc = tmp_path / "old.docx"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputError, match="Word 97-2003"):
        import_draft(doc)
    docx = _docx(tmp_path / "real.docx", _p("Article 1"))
    misnamed = tmp_path / "draft.pdf"
    misnamed.write_bytes(docx.read_bytes())
    with pytest.raises(InputError, match=r"is a Word file, not PDF.*rename it to \.docx"):
        import_draft(misnamed)


@pytest.mark.parametrize(
    ("numbering", "message"),
    [
        (_LEGAL_LIST.replace('<w:start w:val="1"/>', '<w:start w:val="x"/>', 1), "w:start"),
        (_LEGAL_LIST.replace('w:ilvl="3"', 'w:ilvl="²"', 1), "w:ilvl"),
    ],
)
def test_damaged_numbering_values_get_a_one_line_error(
    tmp_path: Path, numbering: str, message: str
) -> None:
    """A list level whose number attribute is not a number names the file as damaged."""
    docx = _docx(tmp_path / "damaged.docx", _p("Purpose", (5, 1)), numbering)
    with pytest.raises(InputError, match=rf"damaged\.docx: is damaged: .*{message}") as caught:
        import_draft(docx)
    assert "open it and save it again" in caught.value.one_line()
    assert "\n" not in caught.value.one_line()


def test_a_zip_that_is_no_word_file_is_not_to_be_renamed(tmp_path: Path) -> None:
    archive_path = tmp_path / "draft.docx"
    with zipfile.ZipFile(archive_path, "w") as archive:
        archive.writestr("notes.txt", "Article 1")
    with pytest.raises(InputError, match="is a ZIP archive file, not Word") as caught:
        import_draft(archive_path)
    assert "rename" not in caught.value.one_line()
    assert "save it as .docx, .odt or .pdf" in caught.value.one_line()
