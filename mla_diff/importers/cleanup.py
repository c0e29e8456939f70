"""Extracted lines and paragraphs -> the parser's plain-text layout, and a report of changes."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from mla_diff.furniture import header_key, page_number_pattern
from mla_diff.headings import HeadingGrammar, detect_language
from mla_diff.model import Kind
from mla_diff.normalize import clean_line, line_end_hyphen
from mla_diff.parse import parse_draft
from mla_diff.preamble import PREAMBLE_OPENERS, PREAMBLE_SUBJECTS


class BlockKind(StrEnum):
    HEADING = "heading"  # "PART I", "Article 12": its own line, a blank line before
    TITLE = "title"  # the line right after a heading
    PARAGRAPH = "paragraph"  # one paragraph per line, a blank line before
    NOTE = "note"  # a footnote, written "[^1]: text"


@dataclass
class Block:
    """One unit of output: a heading, a title, a paragraph or a note."""

    kind: BlockKind
    text: str


@dataclass
class ImportReport:
    """What an importer removed, joined or changed, and what it is unsure of, for the user."""

    # (verb, noun) -> count, e.g. ("removed", "page header") -> 38; printed in insertion order.
    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    doubts: list[str] = field(default_factory=list)

    def add(self, verb: str, noun: str, count: int = 1) -> None:
        """Count `count` more of `noun` ("page header", or "singular|plural" when "s" won't do)."""
        if count:
            self.counts[(verb, noun)] = self.counts.get((verb, noun), 0) + count

    def get(self, verb: str, noun: str) -> int:
        return self.counts.get((verb, noun), 0)

    def doubt(self, message: str) -> None:
        if message not in self.doubts:
            self.doubts.append(message)

    def summary(self) -> str:
        """One line: "removed 38 page headers, 12 page numbers; joined 240 hyphenated words; ...".

        Nouns are counted with a plain English plural."""
        verbs: dict[str, list[str]] = {}
        for (verb, noun), count in self.counts.items():
            plural = noun.split("|", 1)[0] if count == 1 else _plural(noun)
            verbs.setdefault(verb, []).append(f"{count} {plural}")
        parts = [f"{verb} {', '.join(items)}" for verb, items in verbs.items()]
        parts += [f"doubt: {doubt}" for doubt in self.doubts]
        return "; ".join(parts) if parts else "nothing to remove or join"


def _plural(noun: str) -> str:
    if "|" in noun:
        return noun.split("|", 1)[1]
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"


# --- characters -----------------------------------------------------------------------------

_LIGATURES = re.compile("[\ufb00-\ufb06]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u00ad\u200b\u2060\ufeff]")
# Symbol and Wingdings fonts put bullets in the private-use area.
_PRIVATE_BULLETS = re.compile("[\uf0a7\uf0b7\uf076\uf0d8\uf0fc\uf06e\uf0a8\uf0e8]")
_RUNS_OF_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def tidy_text(text: str) -> str:
    """One line of output: ligatures spelt out, no control characters, soft hyphens or
    zero-width marks, private-use bullets as "•", runs of spaces as one space."""
    text = _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m[0]), text)
    text = _CONTROL.sub("", text)
    text = _PRIVATE_BULLETS.sub("•", text)
    return _RUNS_OF_SPACE.sub(" ", text).strip()


# --- headings --------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _grammar(language: str) -> HeadingGrammar:
    return HeadingGrammar((language,))


_HEADING_KINDS = (Kind.ARTICLE, Kind.PART, Kind.ANNEX, Kind.PREAMBLE)


_CONTEXT = "Article 1\n\n"


class HeadingTest:
    """Whether a line is a heading as the parser reads it, in the draft's language."""

    def __init__(self, sample: str) -> None:
        self.language = detect_language(sample)
        self._grammar = _grammar(self.language)
        self._seen: dict[str, bool] = {}

    def __call__(self, text: str) -> bool:
        # A quick test with the parser's own heading grammar, as it reads the cleaned line
        # (markdown=True is its loosest reading), before the parser judges the line in context.
        if len(text) > 160 or self._grammar.classify(clean_line(text), markdown=True) is None:
            return False
        if text not in self._seen:
            # An article after the line gives the parser the context of a draft: a lone "PART I"
            # or "Annex I" is otherwise read as a title page.
            self._seen[text] = any(
                u.kind in _HEADING_KINDS and u.heading and u.start == len(before)
                for before in ("", _CONTEXT)
                for u in parse_draft(f"{before}{text}\n\n{_CONTEXT}", self.language).units
            )
        return self._seen[text]


# A paragraph label at the start of a line: "1.", "(a)", "a)", "(iv)", "2bis."
LABEL = re.compile(r"^(\(\d+[a-z]?\)|\d+[a-z]?[.)]|\([a-z]{1,3}\)|[a-z]{1,2}[.)]|•|-|–)(\s|$)")
# What may end a paragraph before a labelled line: a sentence, a clause, a list's "and"/"or".
_LIST_END = re.compile(r"([.;:!?]['\"”’)]?|\b(and|or|and/or|et|ou|y|o|und|oder|en|of))$")


# --- page furniture --------------------------------------------------------------------------


@dataclass
class Line:
    """A line of a page as extracted, with the geometry that decides joins.

    Widths are in points for PDF and in characters for plain text; what matters is that `right`,
    `space`, `first_word` and `limit` share one unit."""

    text: str
    page: int = 1  # 1-based
    left: float = 0.0  # left edge of the line
    right: float = 0.0  # right edge of the line's last character
    limit: float = 0.0  # right edge of the column the line sits in
    space: float = 1.0  # width of a space
    first_word: float = 0.0  # width of the line's first word
    gap: float = 0.0  # blank space above the line, in line heights (0 at the top of a page)
    bold: bool = False
    centred: bool = False
    note: bool = False  # part of a footnote at the foot of the page
    note_start: str = ""  # the footnote's number when this line starts one
    region: int = 0  # a stretch of the page between full-width rows
    column: int = 0  # 0 full width, 1 left column, 2 right column


_PAGE_NUMBER = page_number_pattern(r"[\W_]")
_DIGITS = re.compile(r"\d+")
_EDGE_LINES = 3  # lines at the top and foot of a page that may be running headers or footers
_GAP = 0.45  # blank space above a line, in line heights, that ends a paragraph


def remove_furniture(
    pages: list[list[Line]], report: ImportReport, heading: HeadingTest
) -> list[list[Line]]:
    """Drop running headers and footers (lines repeated at a page's edge across pages) and page
    numbers, counting each kind in `report`. Headings whose numbers happen to follow the pages
    ("Article 3" atop page 3) and the titles under them are never furniture."""
    if not pages:
        return pages
    protected: set[tuple[int, int]] = set()
    for p, lines in enumerate(pages):
        for i, line in enumerate(lines[: _EDGE_LINES + 1]):
            if heading(line.text.strip()):
                protected.update({(p, i), (p, i + 1)})
    edges: list[tuple[int, int, str]] = []  # (page index, line index, "header"|"footer")
    margins: list[tuple[int, int, str]] = []  # the edge lines set off from the body by a gap
    for p, lines in enumerate(pages):
        top = list(range(min(_EDGE_LINES, len(lines))))
        foot = [i for i in range(max(0, len(lines) - _EDGE_LINES), len(lines)) if i not in top]
        edges += [(p, i, "header") for i in top] + [(p, i, "footer") for i in foot]
        margins += [(p, i, "header") for i in _set_off(lines, top, below=True)]
        margins += [(p, i, "footer") for i in _set_off(lines, foot[::-1], below=False)]
    edges = [(p, i, where) for p, i, where in edges if (p, i) not in protected]
    margins = [(p, i, where) for p, i, where in margins if (p, i) not in protected]
    offset = _page_number_offset(pages, edges)
    keys: dict[str, list[tuple[int, int, str]]] = {}
    for p, i, where in margins:
        keys.setdefault(header_key(pages[p][i].text), []).append((p, i, where))
    threshold = max(2, round(0.4 * len(pages)))
    drop: dict[tuple[int, int], str] = {}
    for places in keys.values():
        distinct_pages = {p for p, _, _ in places}
        if len(distinct_pages) >= threshold and _repeats(pages, places):
            for p, i, where in places:
                numbered = _PAGE_NUMBER.match(pages[p][i].text.strip())
                drop[(p, i)] = "page number" if numbered else f"page {where}"
    for p, i, _ in edges:
        match = _PAGE_NUMBER.match(pages[p][i].text.strip())
        if not match or (p, i) in drop:
            continue
        if (offset is not None and int(match["n"]) - p == offset) or len(pages) == 1:
            drop[(p, i)] = "page number"
    for noun in ("page header", "page footer", "page number"):
        report.add("removed", noun, sum(1 for kind in drop.values() if kind == noun))
    return [
        [line for i, line in enumerate(lines) if (p, i) not in drop]
        for p, lines in enumerate(pages)
    ]


def _set_off(lines: list[Line], order: list[int], below: bool) -> list[int]:
    """The lines of a running header (`below`: set off from the body by a gap under them) or a
    footer (a gap above them), walking `order` from the page's edge inwards; [] when no gap
    sets them off, since a repeated line inside the body is text."""
    taken: list[int] = []
    for i in order:
        taken.append(i)
        gap_line = i + 1 if below else i
        if gap_line < len(lines) and lines[gap_line].gap > _GAP and lines[gap_line].page:
            return taken
        if gap_line >= len(lines):
            return taken
    return []


def _page_number_offset(pages: list[list[Line]], edges: list[tuple[int, int, str]]) -> int | None:
    """The most common (printed number - page index) among lone numbers at page edges, when at
    least two pages agree on it."""
    offsets: Counter[int] = Counter()
    for p, i, _ in edges:
        match = _PAGE_NUMBER.match(pages[p][i].text.strip())
        if match:
            offsets[int(match["n"]) - p] += 1
    if not offsets:
        return None
    offset, count = offsets.most_common(1)[0]
    return offset if count >= 2 else None


def _repeats(pages: list[list[Line]], places: list[tuple[int, int, str]]) -> bool:
    """A repeated edge line is furniture when its text is the same on every page, or when the
    only numbers that vary are the page numbers (printed number - page index is constant)."""
    texts = [pages[p][i].text.strip() for p, i, _ in places]
    if len(set(texts)) == 1:
        return True
    runs = [[int(d) for d in _DIGITS.findall(t)] for t in texts]
    if len({len(r) for r in runs}) != 1:
        return False
    for k in range(len(runs[0])):
        values = [r[k] for r in runs]
        if len(set(values)) == 1:
            continue
        if len({v - p for v, (p, _, _) in zip(values, places, strict=True)}) != 1:
            return False
    return True


# --- paragraphs ------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_](?:[\w'’]|-(?=\w))*")


class Joiner:
    """Rejoins hard-wrapped lines into paragraphs and undoes line-end hyphenation."""

    def __init__(self, lines: list[Line], report: ImportReport, heading: HeadingTest) -> None:
        self.report = report
        self.heading = heading
        self.vocabulary: Counter[str] = Counter(
            w.lower() for line in lines for w in _WORD.findall(line.text)
        )
        self.unsure: list[str] = []

    def join_pair(self, text: str, line: str) -> str:
        """`text` followed by the next line of its paragraph: a line-end hyphen is weighed as
        the plain-text parser weighs it (normalize.line_end_hyphen), with the document's own
        words as evidence; a soft hyphen always marks a word broken in two."""
        if re.search(r"[^\W\d_][-\u00ad]$", text) and line[:1].isalpha():
            stems = _WORD.findall(text[:-1])
            stem = stems[-1].rsplit("-", 1)[-1] if stems else ""
            tail = _WORD.findall(line)[0].split("-")[0]
            joint = line_end_hyphen(stem, tail, self.vocabulary)
            soft = text.endswith("\u00ad")  # a word broken in two, for certain
            if soft and joint != "- ":
                joint = ""
            if joint == "- ":
                return f"{text[:-1]}- {line}"  # "Zoll- und Handelsabkommen", "pre- and post-trial"
            if joint == "-":
                self.report.add("joined", "hyphenated compound|hyphenated compounds")
                return text[:-1] + "-" + line
            self.report.add("joined", "hyphenated word")
            known = f"{stem}{tail}".lower() in self.vocabulary
            if not known and not soft and len(self.unsure) < 200:
                self.unsure.append(f"{stem}-{tail}")
            return text[:-1] + line
        self.report.add("joined", "wrapped line")
        return f"{text} {line}"

    def continues(self, prev: Line, line: Line, prev_is_heading: bool) -> bool:
        """Whether `line` carries on the paragraph that `prev` belongs to."""
        if prev_is_heading or prev.note != line.note:
            return False
        if line.note_start:
            return False
        if line.page == prev.page and line.gap > _GAP:
            return False
        if prev.bold != line.bold or prev.centred or line.centred:
            return False
        hyphen = re.search(r"[^\W\d_][-\u00ad]$", prev.text) and line.text[:1].islower()
        if hyphen:
            return True
        full = prev.right + prev.space + line.first_word > prev.limit - 0.5 * prev.space
        if LABEL.match(line.text) and (_LIST_END.search(prev.text) or not full):
            return False
        if self.heading(line.text) and (not full or _LIST_END.search(prev.text)):
            return False
        return full


def join_lines(pages: list[list[Line]], report: ImportReport, heading: HeadingTest) -> list[Block]:
    """Pages of lines (furniture already removed) -> blocks: headings and their titles on their own,
    wrapped lines joined into paragraphs, footnotes set apart after the paragraph they interrupt."""
    flow = [line for lines in pages for line in lines if line.text.strip()]
    joiner = Joiner(flow, report, heading)
    blocks: list[Block] = []
    pending_notes: list[Block] = []
    current: Block | None = None
    prev: Line | None = None
    prev_kind = BlockKind.PARAGRAPH

    def flush() -> None:
        nonlocal current
        if current is not None:
            blocks.append(current)
            if current.kind is not BlockKind.HEADING:
                blocks.extend(pending_notes)
                pending_notes.clear()
        current = None

    note_prev: Line | None = None
    for line in flow:
        text = tidy_text(line.text)
        if not text:
            continue
        if line.note:
            if pending_notes and note_prev is not None and joiner.continues(note_prev, line, False):
                pending_notes[-1].text = joiner.join_pair(pending_notes[-1].text, text)
            else:
                number = line.note_start
                body = text[len(number) :].strip() if number and text.startswith(number) else text
                label = f"[^{number}]: " if number else ""
                pending_notes.append(Block(BlockKind.NOTE, label + body))
                report.add("set apart", "footnote")
            note_prev = line
            continue
        if (
            current is not None
            and prev is not None
            and joiner.continues(prev, line, current.kind is BlockKind.HEADING)
        ):
            current.text = joiner.join_pair(current.text, text)
            current.kind = BlockKind.PARAGRAPH
            prev = line
            continue
        flush()
        if heading(text) and (prev is None or prev_kind is not BlockKind.HEADING):
            kind = BlockKind.HEADING
        elif prev_kind is BlockKind.HEADING and _title_like(text):
            kind = BlockKind.TITLE
        else:
            kind = BlockKind.PARAGRAPH
        current = Block(kind, text)
        prev, prev_kind = line, kind
    flush()
    blocks.extend(pending_notes)
    if joiner.unsure:
        examples = ", ".join(joiner.unsure[:5])
        report.doubt(
            f"{len(joiner.unsure)} line-end hyphens dropped without evidence from the rest of "
            f"the text ({examples}{', ...' if len(joiner.unsure) > 5 else ''})"
        )
    return blocks


def _title_like(text: str) -> bool:
    """Reads as an article's title, as the parser judges one: short, no closing punctuation."""
    text = re.sub(r"(\[\^\w+\])+$", "", text)
    return (
        len(text) <= 120
        and len(text.split()) <= 14
        and not text[:1].islower()
        and not LABEL.match(text)
        and not re.search(r"[.;,:]$", text)
    )


_PREAMBLE_START = re.compile(rf"^(?:{PREAMBLE_OPENERS})\b")
# A sub-paragraph label: "(a)", "(iv)", "a)". Items follow their chapeau without a blank line.
_ITEM = re.compile(r"^(\([a-z]{1,2}\)|\([ivxlc]+\)|[a-z]{1,2}\))\s")


def render_blocks(blocks: list[Block]) -> str:
    """Blocks -> text in the layout of the project's drafts: a blank line before each heading,
    paragraph and note; a title right under its heading; sub-paragraph items "(a)" and the
    sentence closing their list right under the line before; the lines of a title page before
    the preamble or first heading together. LF line ends and a final newline."""
    out: list[str] = []
    front = True
    previous: Block | None = None
    for block in blocks:
        text = "\n".join(tidy_text(part) for part in block.text.split("\n")).strip("\n")
        if not text:
            continue
        if (
            block.kind is BlockKind.HEADING
            or _PREAMBLE_START.match(text)
            or PREAMBLE_SUBJECTS.match(text)
        ):
            front = False
        together = previous is not None and (
            block.kind is BlockKind.TITLE
            or (front and block.kind is previous.kind is BlockKind.PARAGRAPH)
            or (
                block.kind is previous.kind is BlockKind.PARAGRAPH
                and bool(
                    _ITEM.match(text) or (_ITEM.match(previous.text) and not LABEL.match(text))
                )
            )
        )
        if out and not together:
            out.append("")
        out.append(text)
        previous = block
    return "\n".join(out) + "\n" if out else ""


def split_label_heading(label: str, text: str, heading: HeadingTest) -> list[Block]:
    """A generated number and its paragraph's text: a heading label ("Article 3") goes on its own
    line with the text as its title; any other label ("(a)", "1.") starts the paragraph."""
    if label and heading(label.strip()):
        blocks = [Block(BlockKind.HEADING, label.strip())]
        if text.strip():
            blocks.append(Block(BlockKind.TITLE, text))
        return blocks
    joined = f"{label} {text}".strip() if label else text
    kind = BlockKind.HEADING if heading(joined.split("\n")[0]) else BlockKind.PARAGRAPH
    return [Block(kind, joined)]


def mark_titles(blocks: list[Block]) -> list[Block]:
    """A short paragraph right after a heading is its title (Word and HTML keep them apart)."""
    out: list[Block] = []
    for block in blocks:
        if (
            block.kind is BlockKind.PARAGRAPH
            and out
            and out[-1].kind is BlockKind.HEADING
            and _title_like(block.text)
            and "\n" not in block.text
        ):
            out.append(Block(BlockKind.TITLE, block.text))
        else:
            out.append(block)
    return out


# A paragraph as the structured readers (Word, ODT, HTML) find it: its generated number (label),
# its text and its notes.
NumberedParagraph = tuple[str, str, Sequence[str]]


def numbered_blocks(
    paragraphs: Sequence[NumberedParagraph], report: ImportReport, sample: str | None = None
) -> list[Block]:
    """The blocks of paragraphs whose numbers the document generates: each number written out
    (counted in the report), a heading label on its own line, notes after their paragraph.
    `sample` is the text the draft's language is detected from (default: the paragraphs' text)."""
    report.add("wrote out", "generated number", sum(1 for label, _, _ in paragraphs if label))
    heading = HeadingTest(sample if sample is not None else "\n".join(t for _, t, _ in paragraphs))
    blocks: list[Block] = []
    for label, text, notes in paragraphs:
        if text.strip() or label:
            blocks += split_label_heading(label, text, heading)
        blocks += [Block(BlockKind.NOTE, note) for note in notes]
    return mark_titles(blocks)
