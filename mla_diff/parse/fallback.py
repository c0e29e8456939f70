"""Units for a text without article headings: its sections, numbered paragraphs or paragraphs."""

from __future__ import annotations

import re
from dataclasses import replace

from mla_diff.headings import Heading, title_like
from mla_diff.model import Kind
from mla_diff.parse.blocks import Block, cut_blocks
from mla_diff.parse.lines import SENTENCE_END, Line


def fallback_blocks(lines: list[Line]) -> tuple[list[Block], str]:
    """Units for a text without article headings: its sections ("Section 3", "§ 3"), else its
    numbered paragraphs, else its paragraphs."""
    for line in lines:
        if line.heading is not None and line.heading.kind is Kind.PART:
            word = line.heading.word.lower()
            if word in ("section", "sección", "seccion", "abschnitt", "afdeling", "paragraaf"):
                line.heading = replace(line.heading, kind=Kind.SECTION)
    sections = [
        line for line in lines if line.heading is not None and line.heading.kind is Kind.SECTION
    ]
    if not sections:
        sections = _mark_numbered(lines, _SECTION_SIGN) or _mark_numbered(lines, _NUMBERED)
    if sections:
        blocks = cut_blocks(lines, fallback=True)
        count = sum(1 for block in blocks if block.kind is Kind.SECTION)
        return (
            blocks,
            f"no article headings found: {count} numbered sections or paragraphs are the units",
        )
    blocks = cut_blocks(lines, fallback=True)
    return _paragraph_sections(blocks), "no article headings found: the paragraphs are the units"


_SECTION_SIGN = re.compile(r"^§\s*(\d{1,4}[a-z]?)(?:\.|\s|$)\s*")


_NUMBERED = re.compile(r"^\(?(\d{1,3})[.)]\s+(?=\S)")


def _mark_numbered(lines: list[Line], pattern: re.Pattern[str]) -> list[Line]:
    """Lines opening a top-level numbered paragraph (or "§ 3"), in rising order, become sections."""
    marked: list[Line] = []
    last = 0
    previous: Line | None = None
    blank = True
    for line in lines:
        if line.furniture or not line.text:
            blank = blank or not (line.furniture or line.soft)
            continue
        match = pattern.match(line.text)
        if (
            match
            and line.heading is None
            and (blank or previous is None or SENTENCE_END.search(previous.text))
        ):
            value = int(match[1].rstrip("abcdefghijklmnopqrstuvwxyz"))
            if value > last or pattern is _SECTION_SIGN:
                body = line.text[match.end() :]
                title = ""
                if (pattern is _SECTION_SIGN or line.marked) and title_like(body, 10):
                    title, body = body, ""
                line.heading = Heading(
                    Kind.SECTION,
                    match[1],
                    "§" if pattern is _SECTION_SIGN else "",
                    title,
                    body_at=match.end() if body else -1,
                )
                last = value
                marked.append(line)
        previous = line
        blank = False
    return marked


def _paragraph_sections(blocks: list[Block]) -> list[Block]:
    """Every blank-line paragraph after the title block and preamble becomes a numbered section;
    container headings stay, final clauses and annexes stay whole."""
    out: list[Block] = []
    count = 0
    for block in blocks:
        if block.kind in (Kind.PREAMBLE, Kind.FINAL, Kind.ANNEX):
            out.append(block)
            continue
        groups = _paragraph_groups(block.lines)
        if block.kind is Kind.FRONT and groups and _is_title_block(groups[0]):
            out.append(Block(Kind.FRONT, block.start, lines=groups.pop(0)))
        elif block.kind is Kind.PART:
            if not block.title and groups and _is_title_block(groups[0]):
                block.lines = groups.pop(0)
            else:
                block.lines = []
            out.append(block)
        for group in groups:
            count += 1
            start = group[0].start if out else block.start
            out.append(Block(Kind.SECTION, start, str(count), lines=group))
    return out


def _paragraph_groups(lines: list[Line]) -> list[list[Line]]:
    """Lines cut at blank lines; each group keeps the blank lines that follow it."""
    groups: list[list[Line]] = []
    for line in lines:
        if not line.text and not line.soft:
            if groups and groups[-1] and groups[-1][-1].text:
                groups[-1].append(line)
                groups.append([])
            elif groups:
                groups[-1].append(line)
            continue
        if not groups:
            groups.append([])
        groups[-1].append(line)
    return [group for group in groups if any(line.text for line in group)]


def _is_title_block(group: list[Line]) -> bool:
    texts = [line.text for line in group if line.text]
    return bool(texts) and all(title_like(text, 20) or text.isupper() for text in texts)
