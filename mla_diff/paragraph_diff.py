"""Paragraphs of two versions of a provision aligned before their words are diffed."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from itertools import pairwise

from mla_diff.diff import diff_texts, join_edits, mark_moved
from mla_diff.model import Edit, Op, Paragraph, ParagraphDiff, ParagraphStatus

# Word similarity at or above which two paragraphs are the same paragraph, reworded.
PAIR_THRESHOLD = 0.5
# A paragraph out of order counts as moved only when this close to its counterpart, so that two
# short look-alike items are never taken for a move.
MOVE_THRESHOLD = 0.6
MOVE_MIN_WORDS = 3
# Between two near equals, the paragraph keeping its number is the counterpart: "1. ... may be
# refused if:" pairs with "1. ... shall be refused if:" rather than with a new "2. ... may be
# refused if:".
LABEL_BONUS = 0.2
# Paragraphs left over between two aligned ones are paired in order when at least this similar.
GAP_THRESHOLD = 0.3

_WORD = re.compile(r"\w+")
_LINE_LABEL = re.compile(
    r"^\s*(\(?(?:\d{1,3}[a-z]?|[a-z]{1,2}|[ivxlc]{1,6})[.)]|\d+(?:\.\d+)+\.?)\s"
)


@dataclass(frozen=True)
class Segment:
    """One paragraph as a line of a unit's text, with what separates it from the next."""

    text: str
    separator: str  # "\n", or "" for the last line
    label: str  # citation path: "(1)(a)", "" when unlabelled
    article: str = ""  # number of the unit it belongs to (split and merged rows span several)


@dataclass(frozen=True)
class Slot:
    """One paragraph of the alignment: a pair, or a paragraph found on one side only."""

    status: ParagraphStatus
    old: int | None  # index into the old segments
    new: int | None
    edits: tuple[Edit, ...] = ()
    moved: str = ""
    counterpart: str = ""


def label_path(paragraphs: Sequence[Paragraph]) -> list[str]:
    """The citation path of each paragraph: "(1)", "(1)(a)", "(1)(a)(ii)"; "" when unlabelled."""
    stack: list[tuple[int, str]] = []  # (depth, "(a)") of the labels enclosing the current one
    paths: list[str] = []
    for paragraph in paragraphs:
        bare = paragraph.label.strip().strip("()").rstrip(".)").strip("(")
        if not bare:
            paths.append("".join(s for _, s in stack) if paragraph.role == "tail" else "")
            if paragraph.role != "tail":
                stack = []
            continue
        while stack and stack[-1][0] >= paragraph.depth:
            stack.pop()
        stack.append((paragraph.depth, f"({bare})"))
        paths.append("".join(s for _, s in stack))
    return paths


def split_segments(text: str, paragraphs: Sequence[Paragraph], article: str = "") -> list[Segment]:
    """A unit's text as paragraph segments; joined with their separators they rebuild `text`."""
    if not text:
        return []
    lines = text.split("\n")
    if len(paragraphs) == len(lines):
        labels = label_path(paragraphs)
    else:
        labels = []
        for line in lines:
            found = _LINE_LABEL.match(line)
            labels.append(f"({found[1].strip('()').rstrip('.)')})" if found else "")
    last = len(lines) - 1
    return [
        Segment(line, "" if i == last else "\n", labels[i], article) for i, line in enumerate(lines)
    ]


def _words(text: str) -> list[str]:
    found = _LINE_LABEL.match(text)
    body = text[found.end() :] if found else text
    return [word.casefold() for word in _WORD.findall(body)]


def similarity_reaching(old: Sequence[str], new: Sequence[str], threshold: float) -> float:
    """Word similarity of two paragraphs' word lists (difflib's ratio, 1 for two empty lists) when
    it reaches `threshold`, else 0: the lengths, then the words shared regardless of order, rule
    most pairs out without aligning them."""
    total = len(old) + len(new)
    if not total:
        return 1.0
    if 2 * min(len(old), len(new)) < threshold * total:
        return 0.0
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    if matcher.quick_ratio() < threshold:
        return 0.0
    score = matcher.ratio()
    return score if score >= threshold else 0.0


def _increasing(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The longest run of pairs increasing on both sides (pairs sorted by old index)."""
    tails: list[int] = []  # new index ending the best run of each length
    tail_pair: list[int] = []
    previous: list[int] = []
    for k, (_, j) in enumerate(pairs):
        at = bisect_left(tails, j)
        if at == len(tails):
            tails.append(j)
            tail_pair.append(k)
        else:
            tails[at] = j
            tail_pair[at] = k
        previous.append(tail_pair[at - 1] if at else -1)
    kept: set[tuple[int, int]] = set()
    k = tail_pair[-1] if tail_pair else -1
    while k >= 0:
        kept.add(pairs[k])
        k = previous[k]
    return kept


def pair_paragraphs(
    old: Sequence[Segment], new: Sequence[Segment]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """In-order pairs (the backbone) and moved pairs of two paragraph lists."""
    old_words = [_words(s.text) for s in old]
    new_words = [_words(s.text) for s in new]
    pairs: dict[int, int] = {}
    scores: dict[tuple[int, int], float] = {}
    taken: set[int] = set()
    # Identical paragraphs first, in order, so repeated boilerplate pairs with its own copy.
    by_text: dict[str, list[int]] = {}
    for j, segment in enumerate(new):
        by_text.setdefault(segment.text, []).append(j)
    for i, words in enumerate(old_words):
        if not words:
            continue
        same = [j for j in by_text.get(old[i].text, []) if j not in taken]
        if same:
            pairs[i] = same[0]
            taken.add(same[0])
            scores[i, same[0]] = 1.0
    candidates: list[tuple[float, int, int, int]] = []
    for i, words in enumerate(old_words):
        if i in pairs:
            continue
        for j, other in enumerate(new_words):
            if j in taken:
                continue
            score = similarity_reaching(words, other, PAIR_THRESHOLD)
            if score:
                scores[i, j] = score
                same_label = bool(old[i].label) and old[i].label == new[j].label
                candidates.append((-(score + LABEL_BONUS * same_label), abs(i - j), i, j))
    for _, _, i, j in sorted(candidates):
        if i in pairs or j in taken:
            continue
        pairs[i] = j
        taken.add(j)
    ordered = sorted(pairs.items())
    backbone = _increasing(ordered)
    moved = [
        (i, j)
        for i, j in ordered
        if (i, j) not in backbone
        and scores[i, j] >= MOVE_THRESHOLD
        and len(old_words[i]) >= MOVE_MIN_WORDS
    ]
    anchors = sorted(backbone)
    anchors = _pair_gaps(
        anchors, old_words, new_words, {i for i, _ in moved}, {j for _, j in moved}
    )
    return anchors, moved


def _pair_gaps(
    anchors: list[tuple[int, int]],
    old_words: list[list[str]],
    new_words: list[list[str]],
    moved_old: set[int],
    moved_new: set[int],
) -> list[tuple[int, int]]:
    """Pair, in order, paragraphs left between two anchors that still resemble each other."""
    out: list[tuple[int, int]] = []
    bounds = [(-1, -1), *anchors, (len(old_words), len(new_words))]
    for (i0, j0), (i1, j1) in pairwise(bounds):
        next_j = j0 + 1
        for i in range(i0 + 1, i1):
            if i in moved_old:
                continue
            best: tuple[float, int] | None = None
            for j in range(next_j, j1):
                if j in moved_new:
                    continue
                score = similarity_reaching(old_words[i], new_words[j], GAP_THRESHOLD)
                if score and (best is None or score > best[0]):
                    best = (score, j)
            if best is not None:
                out.append((i, best[1]))
                next_j = best[1] + 1
        if i1 < len(old_words):
            out.append((i1, j1))
    return out


def align_segments(
    old: Sequence[Segment],
    new: Sequence[Segment],
    *,
    granularity: str = "word",
    ignore: frozenset[str] = frozenset(),
    timeout: float = 0.0,
) -> list[Slot]:
    """The paragraphs of both sides in reading order: paired paragraphs with their word diff,
    moved ones at their new place, deleted ones where they stood."""

    def words(i: int, j: int) -> tuple[Edit, ...]:
        return diff_texts(
            old[i].text, new[j].text, granularity=granularity, ignore=ignore, timeout=timeout
        )

    anchors, moved = pair_paragraphs(old, new)
    moved_by_new = {j: i for i, j in moved}
    moved_old = {i for i, _ in moved}
    slots: list[Slot] = []
    bounds = [(-1, -1), *anchors, (len(old), len(new))]
    for (i0, j0), (i1, j1) in pairwise(bounds):
        for i in range(i0 + 1, i1):
            if i not in moved_old:
                slots.append(
                    Slot(ParagraphStatus.DELETED, i, None, (Edit(Op.DELETE, old[i].text),))
                )
        for j in range(j0 + 1, j1):
            if j in moved_by_new:
                i = moved_by_new[j]
                slots.append(Slot(ParagraphStatus.MOVED, i, j, words(i, j)))
            else:
                slots.append(Slot(ParagraphStatus.ADDED, None, j, (Edit(Op.INSERT, new[j].text),)))
        if i1 < len(old):
            edits = words(i1, j1)
            same = old[i1].text == new[j1].text
            status = ParagraphStatus.EQUAL if same else ParagraphStatus.MODIFIED
            slots.append(Slot(status, i1, j1, edits))
    return slots


def whole_side(segments: Sequence[Segment], status: ParagraphStatus) -> list[Slot]:
    """Slots of a provision found on one side only: every paragraph added, or deleted."""
    if status is ParagraphStatus.ADDED:
        return [Slot(status, None, j, (Edit(Op.INSERT, s.text),)) for j, s in enumerate(segments)]
    return [Slot(status, i, None, (Edit(Op.DELETE, s.text),)) for i, s in enumerate(segments)]


def flatten(
    slots: Sequence[Slot], old: Sequence[Segment], new: Sequence[Segment]
) -> tuple[Edit, ...]:
    """One edit list for the whole provision: EQUAL+DELETE runs rebuild the old text and
    EQUAL+INSERT runs the new; a moved paragraph is deleted where it stood and inserted where it
    went, both ends carrying its move id."""
    moved_old = {s.old: s.moved for s in slots if s.old is not None and s.moved}
    moved_new = {s.new: s.moved for s in slots if s.new is not None and s.moved}
    anchors = [
        s
        for s in slots
        if s.status in (ParagraphStatus.EQUAL, ParagraphStatus.MODIFIED)
        and s.old is not None
        and s.new is not None
    ]
    runs: list[tuple[Edit, ...]] = []
    i = j = 0
    for anchor in [*anchors, None]:
        i1 = len(old) if anchor is None else anchor.old
        j1 = len(new) if anchor is None else anchor.new
        assert i1 is not None
        assert j1 is not None
        for k in range(i, i1):
            runs.append(
                (
                    Edit(Op.DELETE, old[k].text, moved_old.get(k, "")),
                    Edit(Op.DELETE, old[k].separator),
                )
            )
        for k in range(j, j1):
            runs.append(
                (
                    Edit(Op.INSERT, new[k].text, moved_new.get(k, "")),
                    Edit(Op.INSERT, new[k].separator),
                )
            )
        if anchor is None:
            break
        runs.append(anchor.edits)
        runs.append(_separators(old[i1].separator, new[j1].separator))
        i, j = i1 + 1, j1 + 1
    return join_edits(runs)


def _separators(old: str, new: str) -> tuple[Edit, ...]:
    if old == new:
        return (Edit(Op.EQUAL, old),)
    return (Edit(Op.DELETE, old), Edit(Op.INSERT, new))


def paragraph_diffs(
    slots: Sequence[Slot], old: Sequence[Segment], new: Sequence[Segment]
) -> tuple[ParagraphDiff, ...]:
    """The model's view of the slots: labels instead of indices."""
    return tuple(
        ParagraphDiff(
            slot.status,
            None if slot.old is None else old[slot.old].label,
            None if slot.new is None else new[slot.new].label,
            slot.edits,
            slot.moved,
            slot.counterpart,
            "" if slot.old is None else old[slot.old].article,
            "" if slot.new is None else new[slot.new].article,
        )
        for slot in slots
    )


def mark_slot(slot: Slot, moved: str, counterpart: str = "") -> Slot:
    """The slot as one end of the move `moved`: a move within the provision keeps its word
    diff (the flat view marks both ends); an end of a move between provisions is marked whole."""
    edits = slot.edits
    if slot.old is None or slot.new is None:
        edits = mark_moved(slot.edits, moved)
    return replace(
        slot, status=ParagraphStatus.MOVED, moved=moved, counterpart=counterpart, edits=edits
    )
