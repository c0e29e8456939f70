"""HTML, ODT, RTF and text import: structure kept, numbers written out, encodings detected."""

# ruff: noqa: E501 - an ODF paragraph with inline changes and notes must stay on one line.

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from mla_diff.cli import main
from mla_diff.errors import InputError
from mla_diff.importers import ImportOptions, import_draft
from mla_diff.importers.cleanup import BlockKind, ImportReport, render_blocks
from mla_diff.importers.text import clean_pages

HTML = """<!DOCTYPE html>
<html><head><title>Draft</title><style>p { color: red }</style>
<script>document.write("tracking")</script></head>
<body><nav><a href="/">Home</a> | <a href="/treaties">Treaties</a></nav>
<h1>PART I</h1><h2>General provisions</h2>
<h3>Article 1</h3><p>Purpose</p>
<ol><li>The purpose of this Convention is to facilitate cooperation.</li>
<li>States Parties shall:<ol type="a"><li>cooperate;</li><li>assist.</li></ol></li></ol>
<h3>Article 2</h3><p>Scope</p>
<p>A request <del>may</del><ins>shall</ins> be refused on grounds of <s>sex</s> <u>gender</u>.</p>
<p>Line one<br>line two &amp; “quoted”</p>
<table><tr><td>For State A</td><td>For State B</td></tr></table>
</body></html>"""


def _write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_html_keeps_structure_and_drops_scripts(tmp_path: Path) -> None:
    imported = import_draft(_write(tmp_path / "d.html", HTML))
    assert imported.text == (
        "PART I\nGeneral provisions\n\nArticle 1\nPurpose\n\n"
        "1. The purpose of this Convention is to facilitate cooperation.\n\n"
        "2. States Parties shall:\n\na. cooperate;\n\nb. assist.\n\n"
        "Article 2\nScope\n\nA request shall be refused on grounds of sex gender.\n\n"
        "Line one\nline two & “quoted”\n\nFor State A\n\nFor State B\n"
    )
    report = imported.report
    assert report.get("removed", "script") == 1
    assert report.get("removed", "style sheet") == 1
    assert report.get("removed", "navigation block") == 1
    assert imported.articles == 2


def test_html_changes_and_marks_on_request(tmp_path: Path) -> None:
    path = _write(tmp_path / "d.html", HTML)
    options = ImportOptions(show_changes=True, keep_marks=True)
    assert "A request [-may-]{+shall+} be refused on grounds of [-sex-] {+gender+}." in (
        import_draft(path, options).text
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8.html", "<p>Article 1 — “shall” État</p>".encode()),
        ("utf16.html", "\ufeff<p>Article 1 — “shall” État</p>".encode("utf-16-le")),
        ("cp1252.html", "<p>Article 1 — “shall” État</p>".encode("cp1252")),
        (
            "latin1-declared.htm",
            b'<meta charset="windows-1252"><p>Article 1 \x97 \x93shall\x94 \xc9tat</p>',
        ),
    ],
)
def test_html_encodings_are_detected(tmp_path: Path, name: str, data: bytes) -> None:
    text = import_draft(_write(tmp_path / name, data)).text
    assert text == "Article 1 — “shall” État\n"


def test_the_charset_an_html_file_declares_is_used(tmp_path: Path) -> None:
    """KOI8-R text that no other encoding reads the same: only the declared charset gets it."""
    data = (
        '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
        "<p>Статья 1. Сфера применения</p>"
    ).encode("koi8-r")
    text = import_draft(_write(tmp_path / "koi8.html", data)).text
    assert text == "Статья 1. Сфера применения\n"


ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<office:automatic-styles>
 <style:style style:name="T1" style:family="text">
  <style:text-properties style:text-line-through-style="solid"/></style:style>
 <text:list-style style:name="L1">
  <text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/>
  <text:list-level-style-number text:level="2" style:num-prefix="(" style:num-suffix=")"
   style:num-format="a"/>
 </text:list-style>
</office:automatic-styles>
<office:body><office:text>
<text:tracked-changes>
 <text:changed-region text:id="c1"><text:deletion><office:change-info>
  <dc:creator>Chair</dc:creator></office:change-info><text:p>may</text:p></text:deletion>
 </text:changed-region>
 <text:changed-region text:id="c2"><text:insertion><office:change-info>
  <dc:creator>Chair</dc:creator></office:change-info></text:insertion></text:changed-region>
</text:tracked-changes>
<text:h text:outline-level="1">Article 1</text:h>
<text:h text:outline-level="2">Purpose</text:h>
<text:list text:style-name="L1">
 <text:list-item><text:p>The purpose is cooperation.</text:p></text:list-item>
 <text:list-item><text:p>States shall:</text:p>
  <text:list><text:list-item><text:p>cooperate;</text:p></text:list-item>
  <text:list-item><text:p>assist.</text:p></text:list-item></text:list></text:list-item>
</text:list>
<text:h text:outline-level="1">Article 2</text:h>
<text:p>A request <text:change text:change-id="c1"/><text:change-start text:change-id="c2"/>shall<text:change-end text:change-id="c2"/> be refused on grounds of <text:span text:style-name="T1">sex</text:span>.<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>A note.</text:p></text:note-body></text:note></text:p>
<table:table><table:table-row><table:table-cell><text:p>For State A</text:p></table:table-cell>
<table:table-cell><text:p>For State<text:s text:c="2"/>B</text:p></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>"""


def _odt(path: Path, content: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return path


def test_odt_numbers_lists_and_accepts_changes(tmp_path: Path) -> None:
    imported = import_draft(_odt(tmp_path / "d.odt", ODT_CONTENT))
    assert imported.text == (
        "Article 1\nPurpose\n\n1. The purpose is cooperation.\n\n2. States shall:\n"
        "(a) cooperate;\n(b) assist.\n\nArticle 2\n\n"
        "A request shall be refused on grounds of sex.[^1]\n\n[^1]: A note.\n\n"
        "For State A\n\nFor State B\n"
    )
    assert imported.report.get("accepted", "deletion") == 1
    shown = import_draft(
        _odt(tmp_path / "d.odt", ODT_CONTENT), ImportOptions(show_changes=True, keep_marks=True)
    ).text
    assert "A request [-may-]{+shall+} be refused on grounds of [-sex-]." in shown


RTF = rb"""{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Times New Roman;}}
\pard\plain Article 1\par
\pard Scope\par
\pard{\listtext 1.\tab}The Parties \u8220?shall\u8221? co-operate; \'e9t\'e9.\par
}"""


def test_rtf_paragraphs_and_code_page(tmp_path: Path) -> None:
    imported = import_draft(_write(tmp_path / "d.rtf", RTF))
    assert imported.text == "Article 1\nScope\n\n1. The Parties “shall” co-operate; été.\n"


def test_text_with_one_paragraph_per_line_passes_through(tmp_path: Path) -> None:
    text = "Article 1\nScope\n\n1. The Parties shall cooperate.\n(a) promptly;\n"
    imported = import_draft(_write(tmp_path / "d.txt", text.replace("\n", "\r\n")))
    assert imported.text == text


def test_text_saved_from_a_pdf_viewer_is_cleaned(tmp_path: Path) -> None:
    """Form feeds between pages, a running header, page numbers, lines wrapped at 60."""
    sentence = "The requested State shall execute the request in accordance with its law. "
    pages = []
    titles = ["Execution", "Costs", "Languages"]
    for n in range(1, 4):
        paragraph = f"{n}. " + sentence * n + f"Costs of {titles[n - 1].lower()} lie with it. " * 3
        body = (f"Article {n}\n{titles[n - 1]}\n\n" + _wrap(paragraph, 60)).strip()
        pages.append(f"UNITED NATIONS A/CONF.1/L.3\n\n{body}\n\n{n}\n")
    imported = import_draft(_write(tmp_path / "d.txt", "\f".join(pages)))
    assert "A/CONF.1/L.3" not in imported.text
    assert imported.articles == 3
    assert f"2. {sentence * 2}Costs of costs lie with it." in imported.text
    assert imported.report.get("removed", "page number") == 3


def _wrap(text: str, width: int) -> str:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("d.doc", b"text", "extension this tool cannot import"),
        ("d.odt", b"plain words", "is not a ODT file"),
        ("d.rtf", b"%PDF-1.4 ...", "is a PDF file, not RTF"),
        ("d.txt", b"", "holds no text"),
        ("d.txt", b"\x00\x01\x02binary", "binary"),
    ],
)
def test_bad_files_get_one_line_errors(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    with pytest.raises(InputError, match=message) as caught:
        import_draft(_write(tmp_path / name, data))
    assert "\n" not in caught.value.one_line()
    assert name in caught.value.one_line()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('<text:s text:c="2"/>', '<text:s text:c="two"/>', "text:c"),
        ('text:outline-level="1">Article 2', 'text:outline-level="11">Article 2', "outline-level"),
        ('text:level="1"', 'text:level="x"', "text:level"),
    ],
)
def test_damaged_odt_values_get_a_one_line_error(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in ODT_CONTENT
    odt = _odt(tmp_path / "damaged.odt", ODT_CONTENT.replace(old, new, 1))
    with pytest.raises(InputError, match=rf"damaged\.odt: is damaged: .*{message}") as caught:
        import_draft(odt)
    assert "open it and save it again" in caught.value.one_line()
    assert "\n" not in caught.value.one_line()


def test_damaged_odt_through_the_cli_is_one_line(tmp_path: Path) -> None:
    odt = _odt(tmp_path / "damaged.odt", ODT_CONTENT.replace('text:c="2"', 'text:c="two"'))
    result = CliRunner().invoke(
        main,
        [
            *("import", str(odt), "--instrument", "mla", "--label", "Draft"),
            *("--date", "2020-01-29", "--drafts", str(tmp_path / "drafts")),
        ],
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "damaged.odt: is damaged: text:s text:c is 'two'" in result.output


def test_bracketed_heading_in_hard_wrapped_text_keeps_its_own_line() -> None:
    """ "[Article 4 bis]" after a full line that ends a sentence is a heading, not more text."""
    sentence = "The requested State shall execute the request in accordance with its law. "
    paragraphs = [
        "Article 4\nExecution\n\n" + _wrap("1. " + sentence * 3, 60),
        "[Article 4 bis]\nSupply chains\n\n" + _wrap("1. " + sentence * 2, 60),
        "Article 5\nCosts\n\n" + _wrap("1. " + sentence * 3, 60),
    ]
    text = "\n".join(paragraphs)  # no blank line between a paragraph and the next heading
    lines = text.split("\n")
    assert len(lines[lines.index("[Article 4 bis]") - 1]) >= 0.8 * 60
    blocks = clean_pages([text], ImportReport())
    heading = [b for b in blocks if "Article 4 bis" in b.text]
    assert [(b.kind, b.text) for b in heading] == [(BlockKind.HEADING, "[Article 4 bis]")]
    assert "\n[Article 4 bis]\nSupply chains\n" in render_blocks(blocks)
