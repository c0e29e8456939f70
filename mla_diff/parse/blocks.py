"""Lines -> blocks: title block, preamble, containers, articles, final clauses and annexes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mla_diff.headings import (
    FINAL_OPENERS,
    PLACEHOLDER,
    Heading,
)
from mla_diff.model import (
    Kind,
    label_sort_key,
    roman_to_int,
)
from mla_diff.parse.lines import SENTENCE_END, Line
from mla_diff.preamble import (
    PreambleLine,
    find_preamble_start,
)

_ALL_CAPS_TITLE = re.compile(r"^[^\W\d_][^\W\d_ ,&'-]*(?: [^\W\d_ ,&'-]+)*$")


@dataclass
class Block:
    """A unit under construction."""

    kind: Kind
    start: int  # source offset where the unit begins
    number: str = ""
    heading: str = ""
    title: str = ""
    path: tuple[str, ...] = ()
    lines: list[Line] = field(default_factory=list)
    first_body: str = ""  # running text on the heading line itself
    head: Line | None = None
    deleted: str = ""
    numbers: tuple[str, ...] = ()


def _container_label(heading: Heading) -> str:
    if not heading.word:
        return heading.number
    if " " in heading.word:  # "Erster Teil", "Première partie"
        return heading.word if not heading.word.isupper() else heading.word.title()
    number = heading.number
    if number.isupper() and len(number) > 1 and roman_to_int(number) is None:
        number = number.capitalize()
    return f"{heading.word.capitalize()} {number}"


def cut_blocks(lines: list[Line], fallback: bool) -> list[Block]:
    """Cut the lines into blocks at the accepted headings: front, preamble, containers, articles,
    final clauses, annexes."""
    blocks: list[Block] = []
    first = next((line for line in lines if not line.furniture), None)
    current = Block(Kind.FRONT, first.start if first else 0)
    stack: list[tuple[int, str]] = []  # open containers: (rank, label)
    ranks: dict[str, int] = {}
    seen_body = seen_article = in_annex = False
    last_main: tuple[tuple[int, int, str], ...] = ()
    previous: Line | None = None

    def close(block: Block) -> None:
        if block.kind is not Kind.FRONT or any(line.text for line in block.lines):
            blocks.append(block)

    for line in lines:
        if line.furniture:
            continue
        heading = line.heading
        if heading is not None:
            heading = _in_context(heading, seen_body, seen_article, in_annex, last_main)
        if heading is None:
            if (
                seen_article
                and line.text
                and current.kind in (Kind.ARTICLE, Kind.PART, Kind.SECTION)
                and line.text[0].isupper()
                and FINAL_OPENERS.match(line.text)
                and (
                    previous is None
                    or SENTENCE_END.search(previous.text)
                    or _starts_paragraph(current, line)
                )
            ):
                close(current)
                current = Block(Kind.FINAL, line.start, number="final", lines=[line])
            else:
                current.lines.append(line)
            if line.text:
                previous = line
            continue
        previous = line
        if heading.kind is Kind.PREAMBLE:
            close(current)
            current = Block(Kind.PREAMBLE, line.start, heading=line.text)
            continue
        trailing = _trailing_caps(current) if heading.kind is Kind.ARTICLE else None
        close(current)
        if trailing is not None:
            # An unnumbered heading ("FINAL PROVISIONS") nests inside the open containers and
            # holds the articles after it until the next container heading.
            rank = ranks.setdefault("", len(ranks))
            while stack and stack[-1][0] >= rank:
                stack.pop()
            trailing.path = tuple(label for _, label in stack)
            stack.append((rank, trailing.title))
            close(trailing)
        seen_body = True
        if heading.kind is Kind.PART:
            # Containers nest in the order their words first appear; bare "IV. Title" headings
            # form one kind, unnumbered capitals ("FINAL PROVISIONS") another.
            key = heading.word.split()[-1].lower() if heading.word else "#roman"
            rank = ranks.setdefault(key, len(ranks))
            while stack and stack[-1][0] >= rank:
                stack.pop()
            path = tuple(label for _, label in stack)
            stack.append((rank, _container_label(heading)))
            if not heading.word:
                written = f"{heading.number}."  # "I. Die Grundrechte"
            elif " " in heading.word:
                written = heading.word  # "Erster Teil"
            else:
                written = f"{heading.word} {heading.number}"
            current = Block(
                Kind.PART,
                line.start,
                heading.number,
                written.strip(),
                heading.title,
                path,
                head=line,
            )
            continue
        if heading.kind is Kind.ANNEX:
            stack.clear()
            in_annex = True
            current = Block(
                Kind.ANNEX,
                line.start,
                heading.number,
                f"{heading.word} {heading.number}".strip(),
                heading.title,
                head=line,
            )
            continue
        if heading.kind is Kind.ARTICLE and not fallback:
            seen_article = True
            in_annex = False
            last_main = max(
                last_main,
                label_sort_key(heading.numbers[-1] if heading.numbers else heading.number),
            )
        kind = heading.kind
        current = Block(
            kind,
            line.start,
            heading.number,
            f"{heading.word} {heading.number}".strip(),
            heading.title,
            tuple(label for _, label in stack),
            head=line,
            first_body=line.text[heading.body_at :].strip() if heading.body_at >= 0 else "",
            deleted=heading.deleted,
            numbers=heading.numbers,
        )
        if kind is Kind.SECTION:
            seen_article = True
    close(current)
    return _split_front(blocks)


def _starts_paragraph(block: Block, line: Line) -> bool:
    before = [item for item in block.lines if item.index < line.index]
    return not before or not before[-1].text


def _in_context(
    heading: Heading,
    seen_body: bool,
    seen_article: bool,
    in_annex: bool,
    last_main: tuple[tuple[int, int, str], ...],
) -> Heading | None:
    """The heading as the document's place makes it: "Annex" before any article is part of the
    title block; an article numbered from 1 again inside an annex belongs to the annex."""
    if heading.kind is Kind.PREAMBLE and seen_body:
        return None
    if heading.kind is Kind.ANNEX and not seen_article:
        return None
    if heading.kind is Kind.ARTICLE and in_annex:
        number = heading.numbers[0] if heading.numbers else heading.number
        if label_sort_key(number) <= last_main:
            return None
    if heading.kind is Kind.PART and in_annex:
        return None
    return heading


def _trailing_caps(block: Block) -> Block | None:
    """An unnumbered container heading such as "FINAL PROVISIONS" that closes the block before an
    article: split it off as a container of its own."""
    if block.kind not in (Kind.ARTICLE, Kind.PART) or not block.lines:
        return None
    content = [line for line in block.lines if line.text]
    if len(content) < 2 or (block.kind is Kind.PART and len(content) < 2):
        return None
    last = content[-1]
    before = block.lines[: block.lines.index(last)]
    if not before or before[-1].text or before[-1].soft:
        return None
    words = last.text.split()
    if not (
        last.text.isupper()
        and 1 <= len(words) <= 8
        and _ALL_CAPS_TITLE.match(last.text)
        and not PLACEHOLDER.match(last.text)
    ):
        return None
    cut = block.lines.index(last)
    tail = block.lines[cut:]
    del block.lines[cut:]
    return Block(Kind.PART, last.start, "", "", last.text, block.path, tail[1:], head=last)


def _split_front(blocks: list[Block]) -> list[Block]:
    """Find the preamble in the front block when no "Preamble" heading announced it."""
    if not blocks or blocks[0].kind is not Kind.FRONT:
        return blocks
    if any(block.kind is Kind.PREAMBLE for block in blocks):
        return blocks
    front = blocks[0]
    lines = [PreambleLine(line.text, line.soft) for line in front.lines]
    at = find_preamble_start(lines)
    if at < 0:
        return blocks
    preamble = Block(Kind.PREAMBLE, front.lines[at].start, lines=front.lines[at:])
    front.lines = front.lines[:at]
    rest = blocks[1:]
    if any(line.text for line in front.lines):
        return [front, preamble, *rest]
    return [preamble, *rest]
