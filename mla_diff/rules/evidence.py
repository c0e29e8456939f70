"""Evidence: the words around a change, where a change stands on the other side, and quoting."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from mla_diff.diff import new_text, old_text
from mla_diff.model import Edit, Op

EVIDENCE_WORDS = 8  # words of context either side of a change in a flag's evidence

_WORD = re.compile(r"\S+")
_LABEL = re.compile(r"^\s*(\(?\w{1,4}[.)]|\d+(\.\d+)+\.?)\s")
# The words of a text and its square brackets, each bracket a token of its own.
_WORDS_AND_BRACKETS = re.compile(r"\w+|[\[\]]")
_HYPHEN = re.compile(r"(?<=\w)[-\u2010\u2011](?=\w)")  # "co-operation", "non-refoulement"


@dataclass(frozen=True)
class Hunk:
    """One change between two texts: the old words [old_start, old_end) became the new ones."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old: str
    new: str


def window(text: str, start: int, end: int, words: int = EVIDENCE_WORDS) -> str:
    """The text from `words` words before `start` to `words` words after `end`."""
    if not text:
        return ""
    spans = [m.span() for m in _WORD.finditer(text)]
    if not spans:
        return text.strip()
    first = next((k for k, (_, e) in enumerate(spans) if e > start), len(spans) - 1)
    last = next((k for k in range(len(spans) - 1, -1, -1) if spans[k][0] < end), first)
    last = max(last, first)
    lo, hi = max(0, first - words), min(len(spans) - 1, last + words)
    snippet = text[spans[lo][0] : spans[hi][1]]
    return ("…" if lo > 0 else "") + snippet + ("…" if hi < len(spans) - 1 else "")


def map_span(edits: Sequence[Edit], start: int, end: int, side: str) -> tuple[int, int]:
    """The span of the other side that stands where [start, end) of `side` stands."""
    return map_offset(edits, start, side), map_offset(edits, end, side)


def map_offset(edits: Sequence[Edit], offset: int, side: str) -> int:
    old_pos = new_pos = 0
    for edit in edits:
        size = len(edit.text)
        if edit.op is Op.EQUAL:
            here = old_pos if side == "old" else new_pos
            if offset <= here + size:
                other = new_pos if side == "old" else old_pos
                return other + (offset - here)
            old_pos += size
            new_pos += size
        elif edit.op is Op.DELETE:
            if side == "old" and offset < old_pos + size:
                return new_pos
            old_pos += size
        else:
            if side == "new" and offset < new_pos + size:
                return old_pos
            new_pos += size
    return new_pos if side == "old" else old_pos


def find_hunks(edits: Sequence[Edit]) -> Iterator[Hunk]:
    """The changes of an edit list, each a maximal run of deletions and insertions."""
    old_pos = new_pos = 0
    current: list[Edit] = []
    start = (0, 0)
    for edit in [*edits, Edit(Op.EQUAL, "")]:
        if edit.op is Op.EQUAL:
            if current:
                yield Hunk(
                    start[0],
                    old_pos,
                    start[1],
                    new_pos,
                    old_text(current),
                    new_text(current),
                )
                current = []
            old_pos += len(edit.text)
            new_pos += len(edit.text)
            continue
        if not current:
            start = (old_pos, new_pos)
        current.append(edit)
        if edit.op is Op.DELETE:
            old_pos += len(edit.text)
        else:
            new_pos += len(edit.text)


def normalise_words(text: str) -> str:
    """Lower-case words separated by single spaces: what substitutions are keyed on."""
    return " ".join(re.findall(r"[\w'-]+", text.casefold()))


def quote(text: str, limit: int = 80) -> str:
    """Words quoted for a message, shortened at a word boundary when long."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return f"'{text}'"


def editorial_only(old: str, new: str) -> bool:
    """Whether two wordings differ only in spacing, case or punctuation (square brackets, which
    say whether words are agreed, are never mere punctuation). The words must be the same
    words: "in action" and "inaction" differ; a hyphen may stand for a space or for nothing
    ("co-operation" = "cooperation", "non-refoulement" = "non refoulement")."""
    if old == new:
        return True  # most often asked of a paragraph kept as it was: no need to read its words
    return any(_words(old, hyphen) == _words(new, hyphen) for hyphen in ("", " "))


def _words(text: str, hyphen: str) -> list[str]:
    return _WORDS_AND_BRACKETS.findall(_HYPHEN.sub(hyphen, text.casefold()))


def strip_label(text: str) -> str:
    """A paragraph without the label that opens it."""
    return _LABEL.sub("", text, count=1)
