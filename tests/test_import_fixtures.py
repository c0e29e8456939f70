"""Builders of PDF, Word, ODT, HTML and RTF drafts for the import tests, from a draft's own text."""

# ruff: noqa: E501 - OOXML namespaces and content types are long and read best unbroken.

from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from mla_diff.normalize import clean_line

_MD_MARKS = re.compile(r"^\s{0,3}#{1,6}\s*")
_HEADING = re.compile(
    r"^(Article|ARTICLE|Artikel|PART|Part|CHAPTER|Chapter|Section|SECTION|Annex|ANNEX|"
    r"Preamble|PREAMBLE|TITLE|Title)\b"
)
_WORDS = re.compile(r"\w+")


def draft_paragraphs(text: str) -> list[tuple[str, str]]:
    """(style, text) for each non-blank line of a draft: "heading", "title" or "body", with
    markdown marks removed, as a secretariat would have typeset it."""
    out: list[tuple[str, str]] = []
    lines = text.splitlines()
    if lines and lines[0].strip() == "---" and "---" in (line.strip() for line in lines[1:]):
        lines = lines[[line.strip() for line in lines].index("---", 1) + 1 :]  # front matter
    for raw in lines:
        line = clean_line(_MD_MARKS.sub("", raw)).strip("*_ ")
        if not line:
            continue
        if _HEADING.match(line) and len(line) < 60:
            style = "heading"
        elif (
            out
            and out[-1][0] == "heading"
            and len(line) < 90
            and not line.endswith((".", ";", ":"))
        ):
            style = "title"
        else:
            style = "body"
        out.append((style, line))
    return out


def words(text: str) -> Counter[str]:
    """The multiset of words of a text as compared: normalised lines, lower case."""
    return Counter(
        w.lower() for line in text.splitlines() for w in _WORDS.findall(clean_line(line))
    )


def word_recall(source: str, imported: str) -> float:
    """Share of the source's words (with multiplicity) found in the imported text."""
    expected = words(source)
    found = expected & words(imported)
    return sum(found.values()) / max(1, sum(expected.values()))


# --- PDF ------------------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = 595.27, 841.89
MARGIN = 72.0
BODY_TOP = PAGE_HEIGHT - 90
BODY_BOTTOM = 72.0
GUTTER = 24.0


@dataclass
class PdfLayout:
    """How a secretariat might typeset a draft."""

    header: tuple[str, ...] = ("Informal working document - not for citation",)
    footer: str = "Page {n} of {total}"  # "" for none
    two_columns: frozenset[int] = frozenset()  # 1-based pages set in two columns
    hyphenate: bool = True
    justify: bool = False
    footnotes: dict[int, str] = field(default_factory=dict)  # body paragraph index -> note
    size: float = 11.0
    font: str = "Times-Roman"
    bold: str = "Times-Bold"


@dataclass
class _Segment:
    text: str
    font: str
    size: float
    rise: float = 0.0


@dataclass
class _PlacedLine:
    x: float
    y: float
    segments: list[_Segment]
    word_space: float = 0.0


@dataclass
class _Page:
    lines: list[_PlacedLine] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class BuiltPdf:
    """What the builder put on the pages besides the draft: the furniture tests look for."""

    pages: int
    furniture: list[str]
    hyphenated: int


def _take_line(
    queue: list[str], width: float, font: str, size: float, hyphenate: bool
) -> tuple[list[str], bool]:
    """Greedy line breaking: the words of one line, taken from `queue`; a word that does not fit
    is hyphenated when it can be. Returns the line and whether a word was hyphenated."""
    space = stringWidth(" ", font, size)
    line: list[str] = []
    used = 0.0
    while queue:
        word = queue[0]
        extra = stringWidth(word, font, size) + (space if line else 0.0)
        if used + extra <= width or not line:
            line.append(queue.pop(0))
            used += extra
            continue
        split = _hyphen_split(word, width - used - space, font, size) if hyphenate else None
        if split:
            queue[0] = split[1]
            line.append(split[0])
            return line, not split[0].endswith("--")
        break
    return line, False


def _hyphen_split(word: str, room: float, font: str, size: float) -> tuple[str, str] | None:
    """Break after a hyphen already in the word, else inside a long word of letters."""
    for i in range(len(word) - 2, 1, -1):
        if word[i] == "-" and stringWidth(word[: i + 1], font, size) <= room:
            return word[: i + 1], word[i + 1 :]
    core = word.rstrip(".,;:)")
    if len(core) < 7 or not core.isalpha():
        return None
    for k in range(len(core) - 3, 2, -1):
        if stringWidth(word[:k] + "-", font, size) <= room:
            return word[:k] + "-", word[k:]
    return None


def build_pdf(text: str, path: Path, layout: PdfLayout | None = None) -> BuiltPdf:
    """Typeset a draft into a PDF with running headers, page numbers, hyphenation, footnotes and
    two-column pages as `layout` says; every word drawn is a word of `text` or furniture."""
    layout = layout or PdfLayout()
    size = layout.size
    leading = size * 1.3
    pages: list[_Page] = [_Page()]
    hyphenated = 0
    column = 0
    y = BODY_TOP
    body_index = -1

    def columns(page_number: int) -> list[tuple[float, float]]:
        full = PAGE_WIDTH - 2 * MARGIN
        if page_number in layout.two_columns:
            half = (full - GUTTER) / 2
            return [(MARGIN, half), (MARGIN + half + GUTTER, half)]
        return [(MARGIN, full)]

    def note_height(page: _Page) -> float:
        return sum(10.0 for _ in page.notes) + (12.0 if page.notes else 0.0)

    def advance(needed: float) -> None:
        nonlocal column, y
        if y - needed >= BODY_BOTTOM + note_height(pages[-1]):
            return
        if column + 1 < len(columns(len(pages))):
            column += 1
        else:
            pages.append(_Page())
            column = 0
        y = BODY_TOP

    for style, paragraph in draft_paragraphs(text):
        font = layout.bold if style in ("heading", "title") else layout.font
        body_index += style == "body"
        note = layout.footnotes.get(body_index) if style == "body" else None
        queue = paragraph.split()
        y -= 0 if y == BODY_TOP else (leading * 0.5 if style != "title" else 0)
        number = 0
        while queue:
            needed = leading + (10.0 if note and number == 0 else 0.0)
            advance(needed)
            x0, width = columns(len(pages))[column]
            line, broke = _take_line(queue, width, font, size, layout.hyphenate)
            hyphenated += broke
            segments = [_Segment(" ".join(line), font, size)]
            if note and number == 0:
                mark = str(sum(len(p.notes) for p in pages) + 1)
                pages[-1].notes.append((mark, note))
                # The mark follows the line's last whole word, never a hyphen.
                cut = len(line) - (1 if line[-1].endswith("-") and len(line) > 2 else 0)
                segments = [
                    _Segment(" ".join(line[:cut]), font, size),
                    _Segment(mark, font, size * 0.6, size * 0.35),
                ]
                if cut < len(line):
                    segments.append(_Segment(" " + " ".join(line[cut:]), font, size))
            line_width = sum(stringWidth(s.text, s.font, s.size) for s in segments)
            x = x0 + (width - line_width) / 2 if style in ("heading", "title") else x0
            word_space = 0.0
            if layout.justify and style == "body" and queue and len(line) > 1:
                word_space = (width - line_width) / (len(line) - 1)
            y -= leading
            pages[-1].lines.append(_PlacedLine(x, y, segments, word_space))
            number += 1
    return _draw(pages, path, layout, hyphenated)


def _draw(pages: list[_Page], path: Path, layout: PdfLayout, hyphenated: int) -> BuiltPdf:
    canvas = Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=True)
    furniture: list[str] = []
    total = len(pages)
    for n, page in enumerate(pages, start=1):
        for i, header in enumerate(layout.header):
            canvas.setFont("Helvetica-Oblique", 8)
            canvas.drawString(MARGIN, PAGE_HEIGHT - 40 - 10 * i, header)
            furniture.append(header)
        if layout.footer:
            footer = layout.footer.format(n=n, total=total)
            canvas.setFont("Helvetica", 9)
            canvas.drawCentredString(PAGE_WIDTH / 2, 36, footer)
            furniture.append(footer)
        for placed in page.lines:
            text = canvas.beginText(placed.x, placed.y)
            text.setWordSpace(placed.word_space)
            for segment in placed.segments:
                text.setFont(segment.font, segment.size)
                text.setRise(segment.rise)
                text.textOut(segment.text)
            canvas.drawText(text)
        if page.notes:
            y = BODY_BOTTOM + 10.0 * len(page.notes)
            canvas.line(MARGIN, y + 8, MARGIN + 120, y + 8)
            for mark, note in page.notes:
                text = canvas.beginText(MARGIN, y)
                text.setFont(layout.font, 5)
                text.setRise(3)
                text.textOut(mark)
                text.setFont(layout.font, 8)
                text.setRise(0)
                text.textOut(" " + note)
                canvas.drawText(text)
                y -= 10.0
        canvas.showPage()
    canvas.save()
    return BuiltPdf(total, furniture, hyphenated)


def build_scanned_pdf(path: Path) -> None:
    """A PDF whose only page is an image: what a scanner without OCR produces."""
    from PIL import Image  # noqa: PLC0415
    from reportlab.lib.utils import ImageReader  # noqa: PLC0415 - only this builder needs it

    image = Image.new("L", (200, 100), color=255)
    for x in range(20, 180):
        image.putpixel((x, 50), 0)
    canvas = Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=True)
    canvas.drawImage(ImageReader(image), MARGIN, 400, width=400, height=200)
    canvas.showPage()
    canvas.save()


# --- Word -----------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ARTICLE = re.compile(r"^Article\s+(\d+)$")
_NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")
_LETTERED = re.compile(r"^\(([a-z])\)\s+(.*)$")

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
_DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
</Relationships>"""
# Heading 2 is linked to the article list, as secretariats set up their templates.
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>
<w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>
<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"""
_NUMBERING_HEAD = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="10"><w:multiLevelType w:val="singleLevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading2"/>
<w:lvlText w:val="Article %1"/><w:suff w:val="space"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="20"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/>
</w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/>
</w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
"""


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _run(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{_xml_escape(text)}</w:t></w:r>'


def _para(runs: str, style: str = "", num: tuple[int, int] | None = None) -> str:
    ppr = ""
    if style or num:
        numpr = ""
        if num:
            numpr = f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "") + numpr + "</w:pPr>"
    return f"<w:p>{ppr}{runs}</w:p>"


@dataclass
class BuiltDocx:
    """What the Word builder did: numbers it left to Word, tracked changes it added."""

    generated: int = 0
    insertions: int = 0
    deletions: int = 0
    tracked_words: list[str] = field(default_factory=list)  # words only in tracked deletions


def build_docx(
    text: str,
    path: Path,
    *,
    auto_number: bool = True,
    tracked_every: int = 7,
    footnote: str = "",
    table_rows: Sequence[tuple[str, str]] = (),
) -> BuiltDocx:
    """Write a draft as a Word file: article headings, paragraph numbers and (a) items generated
    by Word's numbering where the draft's own numbers allow it; every `tracked_every`th body
    paragraph gets a tracked deletion of an extra word and a tracked insertion of one of its own,
    so that accepting all changes gives the draft's text back."""
    built = BuiltDocx()
    body: list[str] = []
    nums: list[str] = []
    article_counter = 0
    paragraph_num = 0  # the w:num of the current article's paragraph list
    counters = [0, 0]
    body_index = 0
    paragraphs = draft_paragraphs(text)
    skip_title = False
    for index, (style, line) in enumerate(paragraphs):
        if skip_title:
            skip_title = False
            continue
        article = _ARTICLE.match(line)
        if auto_number and style == "heading" and article:
            number = int(article[1])
            if number == article_counter + 1:
                article_counter = number
                title = ""
                if index + 1 < len(paragraphs) and paragraphs[index + 1][0] == "title":
                    title, skip_title = paragraphs[index + 1][1], True
                body.append(_para(_run(title), "Heading2"))
                built.generated += 1
                paragraph_num = 100 + number
                nums.append(
                    f'<w:num w:numId="{paragraph_num}"><w:abstractNumId w:val="20"/>'
                    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                    "</w:num>"
                )
                counters = [0, 0]
                continue
        if style != "body":
            body.append(_para(_run(line), "Heading1" if style == "heading" else ""))
            continue
        num: tuple[int, int] | None = None
        words_ = line
        numbered, lettered = _NUMBERED.match(line), _LETTERED.match(line)
        if auto_number and paragraph_num and numbered and int(numbered[1]) == counters[0] + 1:
            counters = [counters[0] + 1, 0]
            num, words_ = (paragraph_num, 0), numbered[2]
        elif (
            auto_number
            and paragraph_num
            and lettered
            and counters[0]
            and ord(lettered[1]) - ord("a") == counters[1]
        ):
            counters[1] += 1
            num, words_ = (paragraph_num, 1), lettered[2]
        built.generated += num is not None
        body_index += 1
        runs = _run(words_)
        if tracked_every and body_index % tracked_every == 0 and " " in words_:
            first, rest = words_.split(" ", 1)
            runs = (
                f'<w:del w:id="{body_index}1" w:author="Chair" w:date="2022-11-30T00:00:00Z">'
                '<w:r><w:delText xml:space="preserve">heretofore </w:delText></w:r></w:del>'
                f'<w:ins w:id="{body_index}2" w:author="Chair" w:date="2022-11-30T00:00:00Z">'
                f"{_run(first)}</w:ins>{_run(' ' + rest)}"
            )
            built.insertions += 1
            built.deletions += 1
            built.tracked_words.append("heretofore")
        if footnote and body_index == 2:
            runs += (
                '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                '<w:footnoteReference w:id="1"/></w:r>'
            )
        body.append(_para(runs, "", num))
    for left, right in table_rows:
        body.append("<w:tbl>")
        body.append(
            f"<w:tr><w:tc>{_para(_run(left))}</w:tc><w:tc>{_para(_run(right))}</w:tc></w:tr>"
        )
        body.append("</w:tbl>")
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}">'
        f"<w:body>{''.join(body)}<w:sectPr/></w:body></w:document>"
    )
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>{_run(" " + footnote)}</w:p>'
        "</w:footnote></w:footnotes>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/_rels/document.xml.rels", _DOCUMENT_RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/styles.xml", _STYLES)
        archive.writestr("word/numbering.xml", _NUMBERING_HEAD + "".join(nums) + "</w:numbering>")
        archive.writestr("word/footnotes.xml", footnotes)
    return built


def test_build_pdf_lays_out_every_page(tmp_path: Path) -> None:
    """The builder itself: headers and page numbers on every page, words hyphenated."""
    text = "Article 1\nScope\n\n" + "The jurisdiction of the requesting State shall apply. " * 200
    built = build_pdf(text, tmp_path / "d.pdf", PdfLayout(two_columns=frozenset({2})))
    assert built.pages >= 2
    assert f"Page {built.pages} of {built.pages}" in built.furniture
    assert built.hyphenated > 0
    assert (tmp_path / "d.pdf").read_bytes().startswith(b"%PDF-")
