"""Obligation strength: the modal governing each verb, compared across versions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from mla_diff.model import Severity
from mla_diff.rules.context import Finding, Passage, Provision, make_flag
from mla_diff.rules.evidence import quote
from mla_diff.rules.rulebook import Language, Modal

_WORD = re.compile(r"[\w'-]+")
_AUXILIARIES = {"be", "have", "not", "être", "avoir", "ser", "estar", "haber"}
_DATE_NEIGHBOUR = re.compile(r"\d")
_SENTENCE_STOP = re.compile(r"[;.](?:\s|$)")
_REACH = 40  # words after a modal in which the verb of its counterpart is looked for
_CLAUSE = 160  # longest clause skipped between a modal and its verb, in characters

STRENGTH = {
    5: "binds the State",
    4: "is a firm undertaking",
    3: "asks only for an effort",
    2: "recommends without binding",
    1: "leaves the State free to choose",
}
PROHIBITION_STRENGTH = {
    5: "forbids outright",
    4: "forbids",
    3: "asks the State to try not to",
    2: "discourages without forbidding",
    1: "leaves the State free",
}


@dataclass(frozen=True)
class ModalUse:
    """A modal in a text and the verb it governs: "may be refused"."""

    modal: Modal
    start: int
    end: int  # end of the governed verb, so that text[start:end] reads "may be refused"
    verb: str  # the governed verb, lower case: "be refused"
    written: str  # the modal as written: "may"
    reach: tuple[str, ...] = ()  # the words after it, to the end of its sentence


def modal_uses(text: str, language: Language) -> list[ModalUse]:
    """Every modal in `text`, the longest phrase winning where phrases overlap."""
    found: list[tuple[int, int, Modal]] = []
    idioms = [(m.start(), m.end()) for p in language.modal_idioms for m in p.finditer(text)]
    for modal in language.modals:
        for m in modal.phrase.finditer(text):
            if any(start <= m.start() < end for start, end in idioms):
                continue
            before, after = text[max(0, m.start() - 2) : m.start()], text[m.end() : m.end() + 2]
            if _DATE_NEIGHBOUR.search(before) or _DATE_NEIGHBOUR.search(after):
                continue  # "26 May 2023" is a date, not a permission
            found.append((m.start(), m.end(), modal))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0]), f[2].phrase.text))
    uses: list[ModalUse] = []
    last_end = -1
    for start, end, modal in found:
        if start < last_end:
            continue
        verb, verb_end = _governed_verb(text, end, language)
        stop = _SENTENCE_STOP.search(text, end)
        reach = tuple(w.lower() for w in _WORD.findall(text[end : stop.start() if stop else None]))
        uses.append(
            ModalUse(modal, start, max(end, verb_end), verb, text[start:end], reach[:_REACH])
        )
        last_end = end
    return uses


def _governed_verb(text: str, position: int, language: Language) -> tuple[str, int]:
    """The verb a modal governs and where it ends: "shall, where appropriate, take" governs
    "take"; "may be refused" governs "be refused"."""
    offset = position
    words: list[str] = []
    end = offset
    while offset < len(text) and len(words) < 3:
        rest = text[offset:]
        stripped = rest.lstrip()
        lead = len(rest) - len(stripped)
        first = _WORD.match(stripped)
        word = first.group().lower() if first else ""
        if not words and (stripped.startswith(",") or word in language.clause_openers):
            close = stripped.find(",", 1)
            if 0 < close < _CLAUSE:
                offset += lead + close + 1
                continue
        if first is None:
            break
        offset += lead + first.end()
        if not words and word in language.modal_fillers:
            continue
        words.append(word)
        end = offset
        if word not in _AUXILIARIES:
            break
    return " ".join(words), end


def _bracketed(text: str, use: ModalUse) -> bool:
    """Whether the modal stands inside square brackets (unagreed text or an option)."""
    return text.count("[", 0, use.start) > text.count("]", 0, use.start)


def _said(text: str, use: ModalUse) -> str:
    """The modal and its verb as a reader would quote them: "may be refused", or "may … define"
    when a long clause stands between the two."""
    written = text[use.start : use.end]
    if len(written) <= 40 and written.lower().endswith(use.verb):
        return written
    return f"{use.written} … {use.verb}" if use.verb else use.written


def _describe(modal: Modal) -> str:
    table = PROHIBITION_STRENGTH if modal.prohibition else STRENGTH
    return table[modal.rank]


def paired_modals(passage: Passage, language: Language) -> Iterator[tuple[ModalUse, ModalUse]]:
    """Old and new modals governing the same verb whose strength differs."""
    old = modal_uses(passage.old, language)
    new = modal_uses(passage.new, language)

    def same(a: ModalUse, b: ModalUse) -> bool:
        return a.modal.rank == b.modal.rank and a.modal.prohibition == b.modal.prohibition

    for a in list(old):  # a modal kept with its verb is no change, wherever it now stands
        twin = next((b for b in new if same(a, b) and a.verb == b.verb), None)
        if twin is not None:
            old.remove(a)
            new.remove(twin)
    for a in old:
        candidates = [b for b in new if b.verb == a.verb]
        if not candidates:
            # the same verb further on, past a clause the first guess stopped at
            verb = a.verb.split()[-1] if a.verb else ""
            reached = [b for b in new if verb and verb in b.reach]
            candidates = [replace(b, verb=a.verb) for b in reached[:1]]
            if candidates:
                new.remove(reached[0])
                new.insert(0, candidates[0])
        if not candidates:
            candidates = _in_same_hunk(passage, a, new)
        if not candidates:
            continue
        b = candidates[0]
        new.remove(b)
        if a.modal.rank == b.modal.rank:
            continue
        if a.modal.prohibition != b.modal.prohibition and min(a.modal.rank, b.modal.rank) >= 4:
            continue  # "shall" <-> "shall not": a reversal, binding either way, not a strength
        yield a, b


def _in_same_hunk(passage: Passage, use: ModalUse, new: list[ModalUse]) -> list[ModalUse]:
    for hunk in passage.hunks:
        if hunk.old_start < use.end and use.start < hunk.old_end:
            return [
                b for b in new if hunk.new_start <= b.start < max(hunk.new_end, hunk.new_start + 1)
            ]
    return []


def obligations(provision: Provision, language: Language) -> Iterator[Finding]:
    for k, passage in enumerate(provision.passages):
        if not passage.old or not passage.new or passage.old == passage.new:
            continue
        for a, b in paired_modals(passage, language):
            if _bracketed(passage.old, a) or _bracketed(passage.new, b):
                continue  # a choice still open, or an option chosen: the bracket rules say so
            stronger = b.modal.rank > a.modal.rank
            rule = "obligation-strengthened" if stronger else "obligation-weakened"
            was, now = _said(passage.old, a), _said(passage.new, b)
            outcome = "the obligation is stronger" if stronger else "the obligation is weaker"
            if a.modal.prohibition and b.modal.prohibition:
                outcome = "the prohibition is stronger" if stronger else "the prohibition is weaker"
            evidence = passage.evidence("new", b.start, b.end)
            evidence = type(evidence)(passage.evidence("old", a.start, a.end).old, evidence.new)
            yield Finding(
                make_flag(
                    rule,
                    Severity.HIGH,
                    passage,
                    f"{passage.cite}: {quote(was)} became {quote(now)}: {outcome}",
                    evidence,
                    f"'{a.written.lower()}' {_describe(a.modal)}; "
                    f"'{b.written.lower()}' {_describe(b.modal)}.",
                ),
                (provision.position, k),
            )
