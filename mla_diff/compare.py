"""compare_drafts: align, then diff each matched pair paragraph by paragraph, then flag."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from mla_diff.align import align_drafts
from mla_diff.diff import changed, check_options, diff_texts
from mla_diff.errors import InputError
from mla_diff.model import (
    Comparison,
    Draft,
    Edit,
    Kind,
    Match,
    ParagraphStatus,
    Row,
    Settings,
    Unit,
    Version,
)
from mla_diff.paragraph_diff import (
    Segment,
    Slot,
    align_segments,
    flatten,
    mark_slot,
    paragraph_diffs,
    similarity_reaching,
    split_segments,
    whole_side,
)
from mla_diff.significance import flag_rows, load_rules

# Text that left one provision and reappears in another counts as moved when this similar and
# at least this long: short items ("(a) any signature;") recur by chance.
CROSS_MOVE_THRESHOLD = 0.8
CROSS_MOVE_MIN_WORDS = 6

_WORD = re.compile(r"\w+")


@dataclass
class _Plan:
    """A row being built: its match, both sides' paragraph segments and their alignment."""

    match: Match
    old: list[Segment]
    new: list[Segment]
    slots: list[Slot]


def compare_drafts(
    old: Draft,
    new: Draft,
    settings: Settings | None = None,
    *,
    old_version: Version | None = None,
    new_version: Version | None = None,
) -> Comparison:
    """The comparison of two drafts: concordance rows with paragraph and word diffs, and flags."""
    settings = settings or Settings()
    try:
        check_options(settings.granularity, settings.ignore)
    except ValueError as exc:
        raise InputError(str(exc), hint="see mla-diff compare --help") from exc
    rules = load_rules(settings.rules, settings.rules_source)
    plans = [_plan(match, settings) for match in align_drafts(old, new)]
    _mark_moves(plans)
    rows = tuple(_row(plan, settings) for plan in plans)
    return Comparison(
        old_version=old_version or Version(label="old"),
        new_version=new_version or Version(label="new"),
        old=old,
        new=new,
        rows=rows,
        flags=flag_rows(rows, rules=rules, language=settings.language or new.language),
        settings=settings,
    )


def _segments(units: tuple[Unit, ...]) -> list[Segment]:
    """Paragraph segments of one or more units (split and merged rows join their units' texts
    with a newline, as the row's text)."""
    out: list[Segment] = []
    for unit in units:
        if out:
            out[-1] = replace(out[-1], separator="\n")
        out += split_segments(unit.text, unit.paragraphs, unit.number)
    return out


def _plan(match: Match, settings: Settings) -> _Plan:
    old, new = _segments(match.old), _segments(match.new)
    if not match.old:
        slots = whole_side(new, ParagraphStatus.ADDED)
    elif not match.new:
        slots = whole_side(old, ParagraphStatus.DELETED)
    elif [s.text for s in old] == [s.text for s in new]:
        slots = [
            Slot(ParagraphStatus.EQUAL, k, k, diff_texts(s.text, s.text)) for k, s in enumerate(old)
        ]
    else:
        slots = align_segments(
            old,
            new,
            granularity=settings.granularity,
            ignore=settings.ignore,
            timeout=settings.diff_timeout,
        )
    return _Plan(match, old, new, slots)


def _cite(segment: Segment, match: Match) -> str:
    """A lawyer's citation of a paragraph: "art. 9(2)", "Annex I(3)", "PP4"."""
    unit = (match.old + match.new)[0]
    if unit.kind is Kind.ARTICLE:
        return f"art. {segment.article}{segment.label}"
    return f"{unit.citation}{segment.label}"


def _mark_moves(plans: list[_Plan]) -> None:
    """Give every move an id: paragraphs out of order within a provision, and text that left one
    provision for another (marked at both ends, each naming the other)."""
    counter = 0
    gone: list[tuple[int, int]] = []
    came: list[tuple[int, int]] = []
    for p, plan in enumerate(plans):
        for s, slot in enumerate(plan.slots):
            if slot.status is ParagraphStatus.MOVED:
                counter += 1
                plan.slots[s] = mark_slot(slot, f"m{counter}")
            elif slot.status is ParagraphStatus.DELETED:
                gone.append((p, s))
            elif slot.status is ParagraphStatus.ADDED:
                came.append((p, s))

    def words(p: int, s: int, side: str) -> list[str]:
        plan = plans[p]
        slot = plan.slots[s]
        segment = plan.old[slot.old] if side == "old" and slot.old is not None else None
        if side == "new" and slot.new is not None:
            segment = plan.new[slot.new]
        return [w.casefold() for w in _WORD.findall(segment.text)] if segment else []

    old_words = {key: words(*key, "old") for key in gone}
    new_words = {key: words(*key, "new") for key in came}
    gone = [g for g in gone if len(old_words[g]) >= CROSS_MOVE_MIN_WORDS]
    came = [c for c in came if len(new_words[c]) >= CROSS_MOVE_MIN_WORDS]
    candidates: list[tuple[float, tuple[int, int], tuple[int, int]]] = []
    for g, c in _may_be_alike(gone, came, old_words, new_words):
        if c[0] == g[0]:
            continue
        score = similarity_reaching(old_words[g], new_words[c], CROSS_MOVE_THRESHOLD)
        if score:
            candidates.append((-score, g, c))
    used: set[tuple[int, int]] = set()
    for _, g, c in sorted(candidates):
        if g in used or c in used:
            continue
        used |= {g, c}
        counter += 1
        moved = f"m{counter}"
        g_plan, c_plan = plans[g[0]], plans[c[0]]
        g_slot, c_slot = g_plan.slots[g[1]], c_plan.slots[c[1]]
        assert g_slot.old is not None
        assert c_slot.new is not None
        g_plan.slots[g[1]] = mark_slot(g_slot, moved, _cite(c_plan.new[c_slot.new], c_plan.match))
        c_plan.slots[c[1]] = mark_slot(c_slot, moved, _cite(g_plan.old[g_slot.old], g_plan.match))


Key = tuple[int, int]


def _may_be_alike(
    gone: list[Key],
    came: list[Key],
    old_words: dict[Key, list[str]],
    new_words: dict[Key, list[str]],
) -> list[tuple[Key, Key]]:
    """The pairs of paragraphs that can reach CROSS_MOVE_THRESHOLD, in (gone, came) order, without
    comparing every pair (a prefix filter). Two word lists alike at 0.8 (2 x matched words /
    both lengths) share at least two thirds of the words of each, counting repeats: then among
    the words of each taken rarest first, the first third and one more of either list holds a
    word (with its repeat count) of the other's."""

    def tokens(words: list[str]) -> list[tuple[str, int]]:
        seen: dict[str, int] = {}
        out = []
        for word in words:
            seen[word] = seen.get(word, 0) + 1
            out.append((word, seen[word]))
        return out

    old_tokens = {g: tokens(old_words[g]) for g in gone}
    new_tokens = {c: tokens(new_words[c]) for c in came}
    frequency: dict[tuple[str, int], int] = {}
    for found in (*old_tokens.values(), *new_tokens.values()):
        for token in found:
            frequency[token] = frequency.get(token, 0) + 1

    def prefix(found: list[tuple[str, int]]) -> list[tuple[str, int]]:
        rarest = sorted(found, key=lambda token: (frequency[token], token))
        shared = -(-2 * len(found) // 3)  # at least this many tokens are found in the other
        return rarest[: len(found) - shared + 1]

    holders: dict[tuple[str, int], list[int]] = {}
    for k, g in enumerate(gone):
        for token in prefix(old_tokens[g]):
            holders.setdefault(token, []).append(k)
    pairs: set[tuple[int, int]] = set()
    for m, c in enumerate(came):
        for token in prefix(new_tokens[c]):
            pairs.update((k, m) for k in holders.get(token, ()))
    return [(gone[k], came[m]) for k, m in sorted(pairs)]


def _row(plan: _Plan, settings: Settings) -> Row:
    match = plan.match
    paragraphs = paragraph_diffs(plan.slots, plan.old, plan.new)
    if not match.old or not match.new:
        return Row(match, paragraphs=paragraphs)
    old_notes = "\n".join(note for u in match.old for note in u.notes)
    new_notes = "\n".join(note for u in match.new for note in u.notes)
    note_edits = () if old_notes == new_notes else _diff(old_notes, new_notes, settings)
    if [u.body for u in match.old] == [u.body for u in match.new]:
        edits: tuple[Edit, ...] = ()
        title_edits: tuple[Edit, ...] = ()
    else:
        edits = flatten(plan.slots, plan.old, plan.new)
        title_edits = _diff(
            " ".join(u.title for u in match.old), " ".join(u.title for u in match.new), settings
        )
    # Whether a row is modified follows the settings: a difference they ignore is still shown.
    # A facilitator's note or footnote that changes is a change, though no flag reads notes.
    modified = changed(edits) or changed(title_edits) or changed(note_edits)
    if modified != match.modified:
        match = replace(match, modified=modified)
    return Row(match, edits, title_edits, paragraphs, note_edits)


def _diff(old: str, new: str, settings: Settings) -> tuple[Edit, ...]:
    return diff_texts(
        old,
        new,
        granularity=settings.granularity,
        ignore=settings.ignore,
        timeout=settings.diff_timeout,
    )
