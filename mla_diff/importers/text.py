"""Plain text -> text: page breaks and their furniture removed, hard-wrapped lines rejoined."""

from __future__ import annotations

from mla_diff.importers.cleanup import (
    Block,
    BlockKind,
    HeadingTest,
    ImportReport,
    Line,
    join_lines,
    remove_furniture,
)
from mla_diff.normalize import decode_text

_WRAP_WIDTH = 100  # a text whose longest line is wider than this is not hard-wrapped


def read_text(data: bytes, path: str, report: ImportReport) -> list[Block]:
    """Blocks of a text file. Text with one paragraph per line passes through unchanged; text
    saved from a PDF viewer (form feeds between pages, lines wrapped at a fixed width) is cleaned
    like a PDF."""
    text = decode_text(data, path).replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    width = max((len(line.rstrip()) for line in text.split("\n")), default=0)
    if len(pages) == 1 and not _hard_wrapped(text, width):
        # Kept line for line, so the parser reads it exactly as it would the file itself.
        return [Block(BlockKind.PARAGRAPH, "\n\n".join(_paragraphs(text)))]
    if len(pages) > 1:
        report.add("split", "page", len(pages))
    return clean_pages(pages, report)


def clean_pages(pages: list[str], report: ImportReport) -> list[Block]:
    """Pages of text as a PDF library extracts them -> blocks, judging wrapped lines by their
    length in characters."""
    text = "\n".join(pages)
    width = max((len(line.rstrip()) for line in text.split("\n")), default=0)
    lines = [_page_lines(page, number, width) for number, page in enumerate(pages, start=1)]
    heading = HeadingTest(text)
    lines = remove_furniture(lines, report, heading)
    return join_lines(lines, report, heading)


def _paragraphs(text: str) -> list[str]:
    """Lines as paragraphs; consecutive lines stay together as one block, as the parser reads
    them."""
    blocks: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return blocks


def _hard_wrapped(text: str, width: int) -> bool:
    """Whether most lines were broken at one width: many lines near the longest, none far past
    the usual line length."""
    lengths = [len(line.rstrip()) for line in text.split("\n") if line.strip()]
    if len(lengths) < 10 or width > _WRAP_WIDTH:
        return False
    return sum(1 for n in lengths if n >= 0.8 * width) >= 0.3 * len(lengths)


def _page_lines(page: str, number: int, width: int) -> list[Line]:
    lines: list[Line] = []
    blank_before = False
    for raw in page.split("\n"):
        stripped = raw.strip()
        if not stripped:
            blank_before = bool(lines)
            continue
        indent = len(raw) - len(raw.lstrip())
        lines.append(
            Line(
                text=stripped,
                page=number,
                left=float(indent),
                right=float(len(raw.rstrip())),
                limit=float(width),
                first_word=float(len(stripped.split()[0])),
                gap=1.0 if blank_before else 0.0,
            )
        )
        blank_before = False
    return lines
