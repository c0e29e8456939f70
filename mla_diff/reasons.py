"""Why a concordance row says what it says: the evidence of a pairing and its reason in words."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from mla_diff.model import Kind
from mla_diff.similarity import Evidence, Profile

# Units whose labels are given, not chosen: the same label is no evidence worth stating.
_FIXED_LABELS = frozenset({Kind.FRONT, Kind.FINAL, Kind.PREAMBLE})
# Below this similarity a text aligned by its number, title or place counts as replaced.
REPLACED = 0.3
# A text found almost whole in a much longer or shorter one is said to be extended or cut down.
WHOLE = 0.9
KEPT_BELOW = 0.7
# An added (deleted) unit whose wording is this much found in one unit of the other draft says so
# in its reason.
BORROWED = 0.5


def is_modified(olds: Sequence[Profile], news: Sequence[Profile]) -> bool:
    """Whether the wording changed: titles and texts compared as words and punctuation marks,
    after layout is set aside (spacing, line breaks, markdown links and emphasis, typographic
    quotes and dashes). Capitals and punctuation count: they can change the law."""
    if [(p.unit.title, p.unit.text, p.placeholder) for p in olds] == [
        (p.unit.title, p.unit.text, p.placeholder) for p in news
    ]:
        return False
    old_title = tuple(w for p in olds for w in p.title_wording)
    new_title = tuple(w for p in news for w in p.title_wording)
    old_text = tuple(w for p in olds for w in p.text_wording)
    new_text = tuple(w for p in news for w in p.text_wording)
    status_changed = [p.placeholder for p in olds] != [p.placeholder for p in news]
    return old_title != new_title or old_text != new_text or status_changed


def percent(similarity: float) -> int:
    """Similarity as a whole percentage that never rounds a difference away to 100%: 100 only
    for the whole."""
    return 100 if similarity >= 1 else min(99, math.floor(similarity * 100))


def describe_match(a: Profile, b: Profile, similarity: float, evidence: Evidence) -> str:
    if a.placeholder and b.placeholder:
        return "identical text" if not is_modified((a,), (b,)) else "placeholder reworded"
    if b.placeholder:
        mark = b.unit.title or b.unit.text or "placeholder"
        return f"repealed in place: placeholder {mark} under the same number"
    if a.placeholder:
        mark = a.unit.title or a.unit.text or "placeholder"
        return f"new text where the placeholder {mark} stood"
    if not is_modified((a,), (b,)):
        return "identical text"
    if a.text_wording == b.text_wording:
        if not a.title_wording:
            return "same text, title added"
        if not b.title_wording:
            return "same text, title removed"
        return "same text, title changed"
    if a.words == b.words:
        return _small_change(a.title_wording + a.text_wording, b.title_wording + b.text_wording)
    if a.unit.kind in _FIXED_LABELS:
        evidence = replace(evidence, same_label=False)  # "title" = "title" says nothing
    if evidence.affinity and evidence.affinity >= similarity:
        share = percent(evidence.affinity)
        basis = (
            "same title" if evidence.same_title else "same number" if evidence.same_label else ""
        )
        held = f"{share}% of its articles in common"
        return f"{basis}, {held}" if basis else held
    basis = _basis(evidence)
    if evidence.kept >= WHOLE and similarity < KEPT_BELOW:
        grew = b.size > a.size
        how = (
            f"extended: {percent(evidence.kept)}% of the old text is kept"
            if grew
            else f"cut down: {percent(evidence.kept)}% of the new text was in the old"
        )
        return f"{basis}, {how}" if basis else how
    if basis and similarity < REPLACED:
        return f"{basis}, text replaced"
    text = f"{percent(similarity)}% similar text"
    return f"{basis}, {text}" if basis else text


def _small_change(old: tuple[str, ...], new: tuple[str, ...]) -> str:
    """What changed when the words did not: square brackets (agreement), capitals, punctuation."""
    if [t for t in old if t not in "[]"] == [t for t in new if t not in "[]"]:
        if old.count("[") > new.count("["):
            return "same words; square brackets removed (text agreed)"
        return "same words; text put in square brackets"
    if [t.casefold() for t in old] == [t.casefold() for t in new]:
        return "same words; capitals changed"
    return "same words; punctuation changed"


def _basis(evidence: Evidence) -> str:
    if evidence.same_label and evidence.same_title:
        return "same number and title"
    if evidence.same_title:
        return "same title"
    if evidence.same_label:
        return "same number"
    if evidence.same_place:
        return "same place"
    return ""


Near = Sequence[tuple[Profile, float]]


def _closest(nearest: Near) -> str:
    if not nearest:
        return "nothing of its kind in the other draft"
    best, similarity = nearest[0]
    return f"closest: {best.unit.citation} ({percent(similarity)}% similar)"


def describe_unmatched(other: str, nearest: Near, counterpart: tuple[str, float]) -> str:
    """Why a unit has no counterpart in the `other` ("old" or "new") draft: the closest unit
    there, and the unit that holds most of its wording when that is much of it."""
    reason = f"no counterpart in the {other} draft; {_closest(nearest)}"
    where, share = counterpart
    if where and share >= BORROWED:
        reason += f"; {percent(share)}% of its wording is found in {where}"
    return reason
