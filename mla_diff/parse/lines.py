"""The draft's lines: cleaned, page furniture marked, and which of them are headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mla_diff.furniture import find_page_furniture, front_matter_lines
from mla_diff.headings import (
    PLACEHOLDER,
    Heading,
    HeadingGrammar,
    title_like,
)
from mla_diff.model import (
    Furniture,
    FurnitureKind,
    Kind,
)
from mla_diff.normalize import clean_line, split_lines

_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})(?!#)[ \t]*")


_STRONG_LINE = re.compile(r"^\s*(\*\*|__).+\1\s*$")


_PANDOC_TITLE = re.compile(r"^%\s?")


_LOWER_LABEL = re.compile(r"^(?:[a-z]{1,2}|[ivxlc]{1,6})[.)]\s")
SENTENCE_END = re.compile(r"[.:;!?)\]][\"']?$")


@dataclass
class Line:
    index: int
    number: int  # 1-based
    start: int
    end: int
    next: int
    text: str  # cleaned, markdown heading marks removed
    lead: int = 0  # characters of markdown heading marks before the text
    marked: bool = False  # a markdown heading or a wholly bold line
    furniture: bool = False
    soft: bool = False  # blank beside page furniture or a page break: no paragraph break
    after_break: bool = False
    candidate: Heading | None = None  # what the line would be as a heading, by its words alone
    heading: Heading | None = None  # set when its place in the text confirms it


def read_lines(text: str, grammar: HeadingGrammar) -> tuple[list[Line], list[Furniture]]:
    spans = split_lines(text)
    raws = [text[start:end] for start, end, _ in spans]
    lines: list[Line] = []
    pandoc = bool(raws) and raws[0].startswith("%")
    for index, ((start, end, nxt), raw) in enumerate(zip(spans, raws, strict=True)):
        md = _MD_HEADING.match(raw)
        body = raw[md.end() :] if md else raw
        if pandoc and (raw.startswith("%") or raw[:1].isspace()) and raw.strip():
            body = _PANDOC_TITLE.sub("", raw)
        else:
            pandoc = False
        marked = bool(md) or bool(_STRONG_LINE.match(raw))
        lead = len(raw) - len(body)
        lines.append(Line(index, index + 1, start, end, nxt, clean_line(body), lead, marked))
    furniture: list[Furniture] = []
    skip = front_matter_lines(
        [raw.lstrip("\ufeff") if i == 0 else raw for i, raw in enumerate(raws)]
    )
    if skip:
        end = lines[skip - 1].next
        furniture.append(Furniture(FurnitureKind.FRONT_MATTER, 0, end, text[:end]))
        for line in lines[:skip]:
            line.furniture = True
    protected = _protected_lines(lines, grammar)
    page = find_page_furniture(
        [r if not lines[i].furniture else "" for i, r in enumerate(raws)], protected
    )
    for index in sorted(page):
        line = lines[index]
        line.furniture = True
        furniture.append(
            Furniture(page[index], line.start, line.next, text[line.start : line.next])
        )
    _mark_soft_blanks(lines, raws)
    return lines, furniture


def _protected_lines(lines: list[Line], grammar: HeadingGrammar) -> list[bool]:
    """Lines that page-furniture detection must leave alone: headings, placeholders, titles."""
    protected = [False] * len(lines)
    after_heading = False
    for line in lines:
        if not line.text:
            continue
        line.candidate = grammar.classify(line.text, line.marked)
        is_heading = line.candidate is not None
        protected[line.index] = is_heading or after_heading or bool(PLACEHOLDER.match(line.text))
        after_heading = is_heading
    return protected


def _mark_soft_blanks(lines: list[Line], raws: list[str]) -> None:
    """Blank lines around furniture or a page break do not end a paragraph, and the text after
    them may continue a sentence cut by the page."""
    broken = False
    for line, raw in zip(lines, raws, strict=True):
        if line.furniture or "\f" in raw:
            broken = True
            if not line.furniture:
                line.soft = not line.text
                line.after_break = bool(line.text)
                broken = not line.text
            continue
        if not line.text:
            if broken:
                line.soft = True
            continue
        if broken:
            line.after_break = True
        broken = False
    broken = False
    for line in reversed(lines):
        if line.furniture:
            broken = True
        elif not line.text:
            line.soft = line.soft or broken
        else:
            broken = False


def classify_headings(lines: list[Line]) -> None:
    """Decide which lines are headings, from what they say (`Line.candidate`) and from what
    surrounds them."""
    content = [line for line in lines if not line.furniture and line.text]
    context = _Context(lines, content)
    since_heading = 99  # content lines since the last heading: its title may sit between
    for i, line in enumerate(content):
        if line.candidate is not None and context.accepts(i, since_heading):
            line.heading = line.candidate
            since_heading = 0
        elif title_like(line.text, 14):
            since_heading += 1
        else:
            since_heading = 99
    _drop_table_of_contents(content)


def _drop_table_of_contents(content: list[Line]) -> None:
    """A table of contents lists the headings before the text repeats them: when the first three
    or more article headings have nothing but titles under them and their numbers come again
    later, they are the title block's, not articles."""
    listed: list[Line] = []  # every heading of the leading run without text
    articles: list[str] = []
    for i, line in enumerate(content):
        if line.heading is None:
            continue
        following = content[i + 1 : i + 4]
        body = next((item for item in following if item.heading is not None), None)
        under = following[: following.index(body)] if body is not None else following
        empty = body is not None and len(under) <= 2 and all(title_like(x.text) for x in under)
        if not empty:
            break
        listed.append(line)
        if line.heading.kind is Kind.ARTICLE:
            articles.append(line.heading.number)
    if len(articles) < 3:
        return
    later = {
        line.heading.number
        for line in content[content.index(listed[-1]) + 1 :]
        if line.heading is not None and line.heading.kind is Kind.ARTICLE
    }
    if sum(number in later for number in articles) >= 0.8 * len(articles):
        for line in listed:
            line.heading = None


def blank_between(lines: list[Line], before: Line, after: Line) -> bool:
    return any(
        not line.text and not line.soft and not line.furniture
        for line in lines[before.index + 1 : after.index]
    )


@dataclass
class _Context:
    """The lines around a candidate heading."""

    lines: list[Line]
    content: list[Line]  # the lines with text, furniture left out

    def accepts(self, i: int, since_heading: int) -> bool:
        line = self.content[i]
        heading = line.candidate
        if heading is None:
            return False
        if heading.kind is Kind.PREAMBLE:
            return True
        previous = self.content[i - 1] if i else None
        # Any line between (blank, page furniture) sets a heading apart from the text above.
        gap = previous is None or line.index > previous.index + 1
        strong = line.marked or heading.word.isupper()
        settled = (
            previous is None
            or gap
            or since_heading <= 2
            or bool(SENTENCE_END.search(previous.text))
            or previous.marked
            or previous.text.isupper()
            or (title_like(previous.text, 8) and "," not in previous.text)
        )
        if not (strong or settled):
            return False
        following = self.content[i + 1] if i + 1 < len(self.content) else None
        bare = not (heading.title or heading.deleted or heading.body_at >= 0)
        if (
            bare
            and not line.marked
            and following is not None
            and following.text[:1].islower()
            and not _LOWER_LABEL.match(following.text)
            and not (gap and blank_between(self.lines, line, following))
        ):
            # "Article 6" then "shall apply..." is a wrapped cross-reference, unless blank lines
            # set the line apart on both sides.
            return False
        if heading.roman_only:
            # A bare "IV. Title" is a container only when an article heading comes next.
            return any(
                nxt.candidate is not None and nxt.candidate.kind is Kind.ARTICLE
                for nxt in self.content[i + 1 : i + 3]
            )
        return True


def wrap_width(lines: list[Line]) -> int:
    """The width at which the text was hard-wrapped, or 0 when each paragraph is one line."""
    lengths = sorted(
        len(line.text)
        for line in lines
        if line.text and not line.furniture and line.heading is None
    )
    if len(lengths) < 8:
        return 0
    width = lengths[int(len(lengths) * 0.9)]
    near = sum(1 for n in lengths if n >= 0.7 * width)
    return width if width <= 110 and near >= 0.4 * len(lengths) else 0
