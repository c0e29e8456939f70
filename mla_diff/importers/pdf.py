"""PDF -> text through PDFium's characters: lines, columns, furniture, footnotes, joins.

Library choice (docs/importing.md has the figures): pypdfium2 gives each character's box, size
and font, which the rejoining of wrapped lines, the column split and the footnote test need, ten
times faster than pdfplumber and pdfminer.six; pypdf's and pdfminer.six's own text output lose
that geometry and leave more furniture and broken paragraphs.
"""

from __future__ import annotations

import ctypes
import itertools
import statistics
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from mla_diff.errors import InputError
from mla_diff.importers.cleanup import (
    Block,
    HeadingTest,
    ImportReport,
    Line,
    join_lines,
    remove_furniture,
)

_OCR_HINT = "it is a scan: add a text layer with OCR first, e.g. `ocrmypdf FILE ocr.pdf`"
_NOTE_MARKS = frozenset("*†‡§")
_FORCE_BOLD = 1 << 18  # PDF font descriptor flag


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass
class _Row:
    words: list[_Word]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.main_words)

    @property
    def main_words(self) -> list[_Word]:
        size = self.size
        return [w for w in self.words if w.size >= 0.85 * size] or self.words

    @property
    def size(self) -> float:
        sizes: Counter[float] = Counter()
        for w in self.words:
            sizes[round(w.size, 1)] += len(w.text)
        return sizes.most_common(1)[0][0]


@dataclass
class _Page:
    number: int
    width: float
    words: list[_Word]


def read_pdf(data: bytes, path: str, report: ImportReport) -> list[Block]:
    """The blocks of a PDF's text layer (the file's bytes, read from `path`), with furniture
    removed and paragraphs rejoined."""
    pages = extract_pages(data, path, report)
    heading = HeadingTest("\n".join(line.text for lines in pages for line in lines))
    pages = remove_furniture(pages, report, heading)
    _set_columns_geometry(pages)
    return join_lines(pages, report, heading)


def extract_pages(data: bytes, path: str, report: ImportReport) -> list[list[Line]]:
    """Each page's lines in reading order, with geometry; refuses encrypted, broken and scanned
    files with a one-line error naming `path`."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _open_error(path, exc) from exc
    raw_pages: list[_Page] = []
    image_pages: list[int] = []
    try:
        for index in range(len(document)):
            page = document[index]
            words = _words(page)
            if not words and any(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])):
                image_pages.append(index + 1)
            raw_pages.append(_Page(index + 1, float(page.get_width()), words))
            page.close()
    except pdfium.PdfiumError as exc:
        raise InputError(
            f"is a damaged PDF that cannot be read ({exc})",
            path=path,
            hint="re-download it or print it to a new PDF",
        ) from exc
    finally:
        document.close()
    body_size = _body_size([w for page in raw_pages for w in page.words])
    pages = [_page_lines(page, body_size, report) for page in raw_pages]
    if not any(pages):
        if image_pages:
            raise InputError("has no text layer", path=path, hint=_OCR_HINT)
        raise InputError("holds no text", path=path, hint="check that it is the right file")
    if image_pages:
        listed = ", ".join(str(n) for n in image_pages[:10])
        report.doubt(
            f"page{'s' if len(image_pages) > 1 else ''} {listed} "
            f"{'have' if len(image_pages) > 1 else 'has'} no text layer (scanned?): their text "
            "is missing; run `ocrmypdf` on the file and import again"
        )
    return pages


def _open_error(path: str, exc: pdfium.PdfiumError) -> InputError:
    if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
        return InputError(
            "is password-protected",
            path=path,
            hint="save an unprotected copy: `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`",
        )
    return InputError(
        "is not a readable PDF (damaged or not a PDF)",
        path=path,
        hint="re-download it or print it to a new PDF",
    )


def _words(page: pdfium.PdfPage) -> list[_Word]:
    """The page's words from its characters: a space, a new line, a change of type size or a
    gap wider than a thin space ends a word."""
    textpage = page.get_textpage()
    height = float(page.get_height())
    count = textpage.count_chars()
    text = textpage.get_text_range() if count else ""
    if len(text) != count:  # characters outside the basic plane: read them one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)) for i in range(count))
    # PDFium writes a hyphen that ends a line as U+FFFE; the joiner decides whether it stays.
    text = text.replace("\ufffe", "-")
    box = pdfium_c.FS_RECTF()
    font_name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    words: list[_Word] = []
    current: _Word | None = None
    for i, char in enumerate(text):
        if char.isspace() or char == "\x00":
            current = None
            continue
        if not pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, i, box):
            continue
        size = float(pdfium_c.FPDFText_GetFontSize(textpage.raw, i))
        left, right = float(box.left), float(box.right)
        top, bottom = height - float(box.top), height - float(box.bottom)
        if (
            current is not None
            and abs(size - current.size) <= 0.1 * current.size
            and abs(bottom - current.bottom) <= 0.3 * size
            and -0.5 * size <= left - current.x1 <= 0.15 * size
        ):
            current.text += char
            current.x1 = max(current.x1, right)
            continue
        pdfium_c.FPDFText_GetFontInfo(textpage.raw, i, font_name, len(font_name), flags)
        name = font_name.value.decode("latin-1").lower()
        bold = (
            "bold" in name or "black" in name or "heavy" in name or bool(flags.value & _FORCE_BOLD)
        )
        current = _Word(char, left, right, top, bottom, size, bold)
        words.append(current)
    textpage.close()
    return words


def _body_size(words: list[_Word]) -> float:
    sizes: Counter[float] = Counter()
    for w in words:
        sizes[round(w.size, 1)] += len(w.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _rows(words: list[_Word]) -> list[_Row]:
    """Words grouped into rows by vertical overlap (a raised footnote mark stays in its row)."""
    rows: list[_Row] = []
    for word in sorted(words, key=lambda w: (w.bottom, w.x0)):
        for row in reversed(rows[-3:]):
            top, bottom = row.top, max(w.bottom for w in row.words)
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap >= 0.5 * min(word.bottom - word.top, bottom - top):
                row.words.append(word)
                break
        else:
            rows.append(_Row([word]))
    for row in rows:
        row.words.sort(key=lambda w: w.x0)
    rows.sort(key=lambda r: r.bottom)
    return rows


def _gutter(rows: list[_Row], width: float) -> float | None:
    """The x of a gap between two columns that at least three rows share, if any."""
    votes: Counter[int] = Counter()
    for row in rows:
        for a, b in itertools.pairwise(row.words):
            if b.x0 - a.x1 >= 1.2 * row.size:
                for x in range(int(a.x1) + 1, int(b.x0)):
                    if 0.25 * width <= x <= 0.75 * width:
                        votes[x] += 1
    if not votes:
        return None
    best = max(votes.values())
    if best < 3:
        return None
    xs = [x for x, v in votes.items() if v == best]
    return float(statistics.median(xs))


def _page_lines(page: _Page, body_size: float, report: ImportReport) -> list[Line]:
    """A page's lines in reading order: full-width rows, and two-column stretches column by
    column."""
    rows = _rows(page.words)
    gutter = _gutter(rows, page.width)
    ordered: list[tuple[_Row, int, int]] = []  # (row, region, column)
    if gutter is None:
        ordered = [(row, 0, 0) for row in rows]
    else:
        region = 0
        stretch: list[_Row] = []

        def close() -> None:
            nonlocal region
            if sum(1 for r in stretch if _straddles(r, gutter) == "split") >= 2:
                left = [_Row([w for w in r.words if w.x1 <= gutter]) for r in stretch]
                right = [_Row([w for w in r.words if w.x0 >= gutter]) for r in stretch]
                ordered.extend((r, region, 1) for r in left if r.words)
                ordered.extend((r, region, 2) for r in right if r.words)
                report.doubt(f"page {page.number} has two columns: read as left column, then right")
            else:
                ordered.extend((r, region, 0) for r in stretch)
            stretch.clear()
            region += 1

        for row in rows:
            if _straddles(row, gutter) == "cross":
                if stretch:
                    close()
                ordered.append((row, region, 0))
                region += 1
            else:
                stretch.append(row)
        if stretch:
            close()
    return _lines(page.number, ordered, body_size)


def _straddles(row: _Row, gutter: float) -> str:
    """How a row meets the gutter: "cross" (a word or a word space spans it), "split" (a wide gap
    at the gutter with words on both sides) or "side" (all its words on one side)."""
    left = [w for w in row.words if w.x1 <= gutter]
    right = [w for w in row.words if w.x0 >= gutter]
    if len(left) + len(right) < len(row.words):
        return "cross"
    if left and right:
        return "split" if right[0].x0 - left[-1].x1 >= 1.2 * row.size else "cross"
    return "side"


def _lines(page_number: int, ordered: list[tuple[_Row, int, int]], body_size: float) -> list[Line]:
    notes_from = _notes_start(ordered, body_size)
    lines: list[Line] = []
    leading = _leading([row for row, _, _ in ordered]) or body_size * 1.2
    previous: tuple[_Row, int, int] | None = None
    for index, (row, region, column) in enumerate(ordered):
        text, note_start = _row_text(row, index >= notes_from)
        gap = 0.0
        if previous is not None and (previous[1], previous[2]) == (region, column):
            gap = max(0.0, (row.bottom - previous[0].bottom) / leading - 1)
        elif previous is not None and region != previous[1]:
            gap = max(0.0, (row.top - previous[0].bottom) / leading)
        main = row.main_words
        bold_chars = sum(len(w.text) for w in main if w.bold)
        lines.append(
            Line(
                text=text,
                page=page_number,
                left=row.words[0].x0,
                right=row.words[-1].x1,
                limit=0.0,
                space=0.25 * row.size,
                first_word=row.words[0].x1 - row.words[0].x0,
                gap=gap,
                bold=bold_chars * 2 > sum(len(w.text) for w in main),
                note=index >= notes_from,
                note_start=note_start,
                region=region,
                column=column,
            )
        )
        previous = (row, region, column)
    return lines


def _leading(rows: list[_Row]) -> float:
    deltas = Counter(
        round(b.bottom - a.bottom) for a, b in itertools.pairwise(rows) if b.bottom - a.bottom > 0
    )
    return float(deltas.most_common(1)[0][0]) if deltas else 0.0


def _notes_start(ordered: list[tuple[_Row, int, int]], body_size: float) -> int:
    """Index of the first footnote row: a run of small-type rows at the foot of the page that
    starts with a note number."""
    start = len(ordered)
    for i in range(len(ordered) - 1, -1, -1):
        row = ordered[i][0]
        if row.size > 0.9 * body_size:
            break
        if _note_number(row):
            start = i
    return start


def _note_number(row: _Row) -> str:
    first = row.words[0].text
    if (first.isdigit() and len(first) <= 3) or first in _NOTE_MARKS:
        return first
    return ""


def _row_text(row: _Row, in_notes: bool) -> tuple[str, str]:
    """A row's text: raised small digits become footnote references "[^3]"."""
    size = row.size
    baseline = row.bottom
    parts: list[str] = []
    note_start = ""
    for i, word in enumerate(row.words):
        raised = word.size < 0.8 * size and word.bottom < baseline - 0.15 * size
        if in_notes and i == 0 and _note_number(row):
            note_start = word.text
            parts.append(word.text)
        elif raised and (word.text.isdigit() or word.text in _NOTE_MARKS) and not in_notes:
            if parts:
                parts[-1] += f"[^{word.text}]"
            else:
                parts.append(f"[^{word.text}]")
        else:
            parts.append(word.text)
    return " ".join(parts), note_start


def _set_columns_geometry(pages: list[list[Line]]) -> None:
    """Each line's column edge (`limit`) and whether it is centred, from the lines left after
    furniture removal."""
    for lines in pages:
        groups: dict[tuple[int, int, bool], list[Line]] = {}
        for line in lines:
            # Two-column stretches share edges per column; full-width rows share the page's.
            key = (line.region if line.column else -1, line.column, line.note)
            groups.setdefault(key, []).append(line)
        for group in groups.values():
            left = min(line.left for line in group)
            right = max(line.right for line in group)
            for line in group:
                line.limit = right
                margin_left, margin_right = line.left - left, right - line.right
                line.centred = margin_left > 0.1 * (right - left) and abs(
                    margin_left - margin_right
                ) < max(6.0, 0.05 * (right - left))
