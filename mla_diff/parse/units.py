"""Blocks -> units: titles, paragraphs, notes, status, and the source spans each unit covers."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from mla_diff.headings import (
    PLACEHOLDER,
    has_verb,
    title_like,
)
from mla_diff.model import (
    Furniture,
    FurnitureKind,
    Kind,
    Paragraph,
    Unit,
    UnitStatus,
)
from mla_diff.normalize import clean_line, hyphenation_words, join_wrapped, split_lines
from mla_diff.notes import find_brackets, is_note, separate_notes
from mla_diff.paragraphs import BodyLine, group_paragraphs
from mla_diff.parse.blocks import Block
from mla_diff.parse.lines import Line
from mla_diff.preamble import (
    name_preamble_units,
    split_preamble,
)

# Words that leave a wrapped title unfinished: "Mutual legal assistance in" / "criminal matters".
_CONNECTOR_END = re.compile(
    r"\b(?:and|or|of|in|on|for|to|the|with|by|de|des|du|la|le|les|et|en|y|del|los|las|und|der|"
    r"die|das|van|het|een)$",
    re.IGNORECASE,
)


def build_units(
    blocks: list[Block], source: str, furniture: list[Furniture], wrap: int
) -> list[Unit]:
    """Units from blocks, with their source spans. `wrap` is the width at which the text was
    hard-wrapped (0 for none)."""
    words = hyphenation_words(source)
    units: list[Unit] = []
    preamble_count = 0
    for block in blocks:
        if block.kind is Kind.PREAMBLE:
            for unit in _preamble_units(block, source, wrap, preamble_count, words):
                units.append(unit)
                if unit.number.startswith("PP"):
                    preamble_count += 1
            continue
        units += _block_units(block, wrap, words)
    return _with_spans(units, source, furniture)


def _preamble_units(
    block: Block, source: str, wrap: int, done: int, words: frozenset[str]
) -> list[Unit]:
    """Preambular paragraphs; the "Preamble" heading and blank lines before the first paragraph
    belong to the first unit."""
    segments = split_preamble(
        [
            (line.start + line.lead, source[line.start + line.lead : line.end], line.soft)
            if line.text
            else (line.start, "", line.soft)
            for line in block.lines
        ],
        wrapped=wrap > 0,
    )
    line_starts = [line.start for line in block.lines]
    numbers = [line.number for line in block.lines]
    texts = [join_wrapped([clean_line(piece) for piece in pieces], words) for _, pieces in segments]
    starts = [start for start, _ in segments]
    if not segments:
        texts, starts = [""], [block.start]
    starts[0] = block.start
    names = name_preamble_units(texts, done)
    return [
        Unit(
            kind=Kind.PREAMBLE,
            number=name,
            text=text,
            heading=block.heading if i == 0 else "",
            start=start,
            paragraphs=(Paragraph("", text, line=_line_at(segment, line_starts, numbers)),)
            if text
            else (),
            brackets=tuple(find_brackets(text)),
        )
        for i, (name, text, start, segment) in enumerate(
            zip(names, texts, starts, [start for start, _ in segments] or starts, strict=True)
        )
    ]


def _line_at(offset: int, starts: list[int], numbers: list[int]) -> int:
    at = bisect_right(starts, offset) - 1
    return numbers[at] if at >= 0 else numbers[0] if numbers else 0


def _block_units(block: Block, wrap: int, words: frozenset[str]) -> list[Unit]:
    body = list(block.lines)
    title = block.title
    if (
        not title
        and not block.deleted
        and not block.first_body
        and block.kind in (Kind.ARTICLE, Kind.PART, Kind.ANNEX, Kind.SECTION)
    ):
        title, body = _title_from_next_lines(body, block.kind)
    lines = [BodyLine(line.text, line.number, line.soft, line.after_break) for line in body]
    if block.first_body and block.head is not None:
        lines.insert(0, BodyLine(block.first_body, block.head.number))
    lines, note_lines = separate_notes(lines)
    notes = tuple(join_wrapped(note, words) for note in note_lines)
    grouped = group_paragraphs(lines, wrap)
    paragraphs = tuple(
        Paragraph(p.label, join_wrapped(p.lines, words), p.depth, p.role, p.line) for p in grouped
    )
    text = "\n".join(f"{p.label} {p.text}".strip() for p in paragraphs)
    status = UnitStatus.ACTIVE
    if block.deleted:
        status = UnitStatus.DELETED
        text = "\n".join(item for item in (block.deleted, text) if item)
        paragraphs = (
            Paragraph("", block.deleted, line=block.head.number if block.head else 0),
            *paragraphs,
        )
    elif block.kind is Kind.ARTICLE and (
        (text and PLACEHOLDER.match(text)) or (title and not text and PLACEHOLDER.match(title))
    ):
        status = UnitStatus.DELETED
        if not text:
            text, title = title, ""
            paragraphs = (Paragraph("", text),)
    bracketed = block.head is not None and block.head.text.startswith("[")
    heading_brackets = find_brackets(block.head.text)[:1] if bracketed and block.head else []
    unit = Unit(
        kind=block.kind,
        number=block.number,
        title=title,
        text=text,
        heading=block.heading,
        path=block.path,
        start=block.start,
        paragraphs=paragraphs,
        notes=notes,
        brackets=tuple(heading_brackets + find_brackets(title) + find_brackets(text)),
        status=status,
    )
    if len(block.numbers) > 1 and block.numbers[0] != block.numbers[-1]:
        # "Articles 53 to 55 [Deleted]": one placeholder per article, the first holding the text.
        return [replace(unit, number=number) for number in block.numbers]
    return [unit]


def _title_from_next_lines(body: list[Line], kind: Kind) -> tuple[str, list[Line]]:
    """A title on the first non-blank line after the heading, when it reads as one; a title wrapped
    over two lines is joined."""
    content = [(i, line) for i, line in enumerate(body) if line.text][:3]
    if not content:
        return "", body
    i, line = content[0]
    if i > 2 or line.heading is not None:
        return "", body
    text = line.text
    following = content[1][1] if len(content) > 1 else None
    adjacent = following is not None and following.index == line.index + 1
    if line.marked or (text.isupper() and len(text.split()) <= 24 and not PLACEHOLDER.match(text)):
        title_end = i
        if (
            adjacent
            and following is not None
            and (following.text.isupper() and _CONNECTOR_END.search(text))
        ):
            text, title_end = f"{text} {following.text}", content[1][0]
        return text, body[title_end + 1 :]
    if (
        text.startswith("(")
        and text.endswith(")")
        and title_like(text[1:-1])
        and not text[1:2].isdigit()
    ):
        return text[1:-1], body[i + 1 :]
    if (
        not title_like(text, 14)
        or is_note(text)
        or text.endswith(":")
        or _starts_label(text)
        or PLACEHOLDER.match(text)
    ):
        return "", body
    if has_verb(text):
        return "", body
    if following is not None and following.text[:1].islower():
        # The sentence goes on: the line is the start of the body, unless it is a title wrapped
        # over two lines ("Mutual legal assistance in" / "criminal matters") standing alone.
        joined = f"{text} {following.text}"
        after = content[2][1] if len(content) > 2 else None
        ends = after is None or after.index > following.index + 1 or _starts_label(after.text)
        if adjacent and _CONNECTOR_END.search(text) and title_like(joined, 20) and ends:
            return joined, body[content[1][0] + 1 :]
        return "", body
    if adjacent and kind is Kind.ARTICLE and len(text.split()) > 10:
        return "", body
    return text, body[i + 1 :]


_LABEL_START = re.compile(r"^(?:\(\w{1,4}\)|\d{1,3}[.)]|[a-z]{1,2}[.)]|[ivxlc]{1,6}[.)])\s")


def _starts_label(text: str) -> bool:
    return bool(_LABEL_START.match(text))


def _with_spans(units: list[Unit], source: str, furniture: list[Furniture]) -> list[Unit]:
    """Give each unit the source from its start to the next unit's start, less the furniture."""
    cuts = sorted((item.start, item.end) for item in furniture)
    line_starts = [start for start, _, _ in split_lines(source)] or [0]
    # Each unit ends where the next unit with a later start begins. Units that share a start (the
    # articles of "Articles 53 to 55 [Deleted]") leave the source to the first of them.
    ends: list[int] = []
    end = len(source)
    for index in range(len(units) - 1, -1, -1):
        ends.append(end)
        if index and units[index - 1].start < units[index].start:
            end = units[index].start
    ends.reverse()
    out: list[Unit] = []
    for index, unit in enumerate(units):
        shadow = index > 0 and units[index - 1].start == unit.start
        end = ends[index]
        spans = () if shadow else _subtract(unit.start, end, cuts)
        first, last = _line_range(source, spans, line_starts, unit.start)
        out.append(
            replace(
                unit,
                end=end if not shadow else unit.start,
                spans=spans,
                first_line=first,
                last_line=last,
                index=index,
            )
        )
    return out


def _subtract(start: int, end: int, cuts: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    position = start
    at = bisect_right(cuts, (start, -1))
    if at and cuts[at - 1][1] > start:
        at -= 1
    for cut_start, cut_end in cuts[at:]:
        if cut_start >= end:
            break
        if cut_start > position:
            spans.append((position, cut_start))
        position = max(position, cut_end)
    if position < end:
        spans.append((position, end))
    return tuple(spans)


def _line_range(
    source: str, spans: tuple[tuple[int, int], ...], line_starts: list[int], start: int
) -> tuple[int, int]:
    """1-based first and last lines holding the unit's text (its trailing blank lines left out)."""
    first_offset = last_offset = start
    for a, b in spans:
        chunk = source[a:b]
        stripped = chunk.lstrip()
        if stripped:
            first_offset = a + len(chunk) - len(stripped)
            break
    for a, b in reversed(spans):
        chunk = source[a:b]
        stripped = chunk.rstrip()
        if stripped:
            last_offset = a + len(stripped) - 1
            break
    return bisect_right(line_starts, first_offset), bisect_right(line_starts, last_offset)


def uncovered(units: list[Unit], source: str, furniture: list[Furniture]) -> list[Furniture]:
    """Blank source before the first unit: recorded as furniture so that nothing goes missing."""
    first = min((unit.start for unit in units), default=len(source))
    cuts = sorted((item.start, item.end) for item in furniture)
    return [Furniture(FurnitureKind.BLANK, a, b, source[a:b]) for a, b in _subtract(0, first, cuts)]
