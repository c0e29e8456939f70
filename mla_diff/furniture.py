"""Source text outside every provision: front matter, running headers and footers, page numbers."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from mla_diff.model import FurnitureKind

_FENCE = re.compile(r"^\ufeff?---\s*$")
_FENCE_END = re.compile(r"^(?:---|\.\.\.)\s*$")
# What YAML front matter holds: "key: value", list items, indented continuations, comments.
_YAML_LINE = re.compile(r"^(?:\s*$|\s*#|\s*-\s|\s+\S|[\w\"'][\w \"'.-]*:(?:\s|$))")

# "12", "Page 12", "Page 12 of 40", "12/40", "p. 12", "Seite 12 von 40", "Pagina 12", "blz. 12".
_PAGE_NUMBER_CORE = (
    r"(?:(?P<word>page|p\.|pg\.|seite|s\.|pagina|página|pág\.|blz\.)\s*)?(?P<n>\d{1,4})"
    r"(?:\s*(?:/|of|von|van|de|sur|z)\s*\d{1,4})?"
)


def page_number_pattern(edge: str) -> re.Pattern[str]:
    """A line that is only a page number, with `edge` (a character class) allowed around it;
    groups "word" ("Page") and "n" (the number). Plain text allows dashes ("- 12 -"); a PDF's
    page edge, where position already says "furniture", any punctuation ("[12]")."""
    return re.compile(rf"^{edge}*{_PAGE_NUMBER_CORE}{edge}*$", re.IGNORECASE)


_PAGE_NUMBER = page_number_pattern(r"[\s\-–—]")
_DIGITS = re.compile(r"\d+")
_CLAUSE_END = re.compile(r"[.;:,]$")


def front_matter_lines(lines: Sequence[str]) -> int:
    """How many leading lines are YAML front matter ("---" ... "---"), 0 when there is none."""
    if not lines or not _FENCE.match(lines[0]):
        return 0
    for i in range(1, min(len(lines), 500)):
        if _FENCE_END.match(lines[i]):
            return i + 1 if i > 1 else 0
        if not _YAML_LINE.match(lines[i]):
            return 0
    return 0


def _page_number(line: str) -> tuple[int, bool] | None:
    """(number, explicit) when `line` is only a page number; explicit when "Page" or dashes say
    so."""
    stripped = line.strip()
    if len(stripped) > 24:
        return None
    match = _PAGE_NUMBER.match(stripped)
    if not match:
        return None
    explicit = bool(match["word"]) or stripped[:1] in "-–—" or not stripped.isdigit()
    return int(match["n"]), explicit


def _header_like(line: str) -> bool:
    """Short, and not a sentence: running heads do not end with a full stop or a comma."""
    line = line.replace("\f", "").strip()
    return 0 < len(line) <= 100 and not _CLAUSE_END.search(line)


def header_key(line: str) -> str:
    """A line reduced to what repeats on every page: lower case, digits as #, single spaces."""
    return _DIGITS.sub("#", " ".join(line.lower().split()))


def find_page_furniture(
    lines: Sequence[str], protected: Sequence[bool]
) -> dict[int, FurnitureKind]:
    """Line indices of running headers, footers and page numbers.

    With form feeds (PDF extraction) only lines at a page's top or bottom qualify, and a header
    must recur on two pages. Without them a page number must stand alone and count up, and a
    running line must sit beside one: repeated lines alone ("Option 1", "[Deleted]") stay text."""
    content = [i for i, line in enumerate(lines) if line.strip() and not protected[i]]
    found: dict[int, FurnitureKind] = {}
    breaks = [i for i, line in enumerate(lines) if "\f" in line]
    if breaks:
        return _furniture_at_breaks(lines, protected, breaks)
    numbers = _standalone_page_numbers(lines, content)
    found.update(dict.fromkeys(numbers, FurnitureKind.PAGE_NUMBER))
    # A running header or footer printed against its page number ("A/CONF.183/9" over "Page 3")
    # is one that sits beside page numbers at least twice.
    beside: dict[str, list[int]] = defaultdict(list)
    for i in numbers:
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and j not in found and not protected[j]:
                line = lines[j].strip()
                if _header_like(line):
                    beside[header_key(line)].append(j)
    for neighbours in beside.values():
        if len(neighbours) >= 2:
            found.update(dict.fromkeys(neighbours, FurnitureKind.PAGE_HEADER))
    return found


def _standalone_page_numbers(lines: Sequence[str], content: list[int]) -> list[int]:
    """Lines that hold only a page number, stand apart from the text and count up."""
    explicit: list[int] = []
    bare: list[tuple[int, int]] = []
    for i in content:
        page = _page_number(lines[i])
        if page is None or not _apart(lines, i):
            continue
        if page[1]:
            explicit.append(i)
        else:
            bare.append((i, page[0]))
    chosen = explicit if len(explicit) >= 2 else []
    # Bare numbers must rise page by page, far apart: "1" "2" "3" in a list are no page numbers.
    run: list[tuple[int, int]] = []
    for i, value in bare:
        if run and (value <= run[-1][1] or value - run[-1][1] > 3 or i - run[-1][0] < 10):
            if len(run) >= 3:
                chosen += [line for line, _ in run]
            run = []
        run.append((i, value))
    if len(run) >= 3:
        chosen += [line for line, _ in run]
    return sorted(chosen)


def _apart(lines: Sequence[str], i: int) -> bool:
    """Whether a blank line (or the start or end of the text) is next to line i."""
    return i == 0 or i + 1 >= len(lines) or not lines[i - 1].strip() or not lines[i + 1].strip()


def _furniture_at_breaks(
    lines: Sequence[str], protected: Sequence[bool], breaks: list[int]
) -> dict[int, FurnitureKind]:
    """Headers, footers and page numbers of text with form feeds. Each page is read from its top
    down and from its bottom up: a line qualifies only while the lines outside it did."""
    pages = _pages(lines, breaks)
    seen: dict[str, set[int]] = defaultdict(set)
    for page, (top, bottom) in enumerate(pages):
        for i in top + bottom:
            if not protected[i] and len(lines[i].strip()) <= 120:
                seen[header_key(lines[i])].add(page)
    found: dict[int, FurnitureKind] = {}
    for top, bottom in pages:
        for edge in (top, bottom):
            for i in edge:
                if protected[i] or i in found:
                    break
                if _page_number(lines[i]) is not None:
                    found[i] = FurnitureKind.PAGE_NUMBER
                elif len(seen[header_key(lines[i])]) >= 2 and _header_like(lines[i]):
                    found[i] = FurnitureKind.PAGE_HEADER
                else:
                    break
    return found


def _pages(lines: Sequence[str], breaks: list[int]) -> list[tuple[list[int], list[int]]]:
    """For every page, its first two non-blank lines top down and its last two bottom up."""
    pages: list[tuple[list[int], list[int]]] = []
    starts = [0, *breaks]
    ends = [*breaks, len(lines)]
    for start, end in zip(starts, ends, strict=True):
        text = [i for i in range(start, end) if lines[i].replace("\f", "").strip()]
        pages.append((text[:2], text[::-1][:2]))
    return pages
