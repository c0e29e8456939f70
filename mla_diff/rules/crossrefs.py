"""Cross-references ("article 14, paragraph 2", "art. 21(1)(a)") resolved by the concordance."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from mla_diff.model import Evidence, Kind, MatchStatus, Row, Severity, Unit, UnitStatus
from mla_diff.rules.context import (
    Finding,
    Passage,
    Provision,
    make_flag,
    map_span,
    quote,
    window,
)
from mla_diff.rules.rulebook import Language

_LATIN = r"(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|nonies|decies)"
# An article number in running text: 14, 8 bis, 3a, J.7, F. Letters are upper case, so that
# "this article a State may..." never reads as a reference to "article a".
_NUMBER = rf"(?:\d+(?:\s?{_LATIN}(?![\w])|[a-z](?![\w]))?|[A-Z](?:\.\d+)+|[A-Z](?![\w.]))"
_SUB = r"(?:\s?\((?:\d{1,3}|[a-z]{1,4})\))"
_TOKEN = re.compile(rf"(?P<num>{_NUMBER})|(?P<sub>\((?:\d{{1,3}}|[a-z]{{1,4}})\))")


@dataclass(frozen=True)
class Reference:
    """One provision a text cites: article "21", paragraph path ("1", "a")."""

    article: str
    path: tuple[str, ...]
    start: int  # span of the whole citation in its text
    end: int

    @property
    def key(self) -> str:
        return label_key(self.article)

    def written(self) -> str:
        return f"art. {self.article}" + "".join(f"({p})" for p in self.path)


def label_key(label: str) -> str:
    """Labels compared as a reader does: "8 bis" = "8bis", "Art. J.1" = "j.1"."""
    return re.sub(r"[\s\-]", "", label.lower())


def _words(words: Sequence[str]) -> str:
    return "|".join(
        re.escape(w) + ("" if w.endswith(".") else r"(?![\w])")
        for w in sorted(words, key=len, reverse=True)
    )


@cache
def _patterns(
    language: Language,
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    article = _words(language.article_words)
    paragraph = _words(language.paragraph_words)
    joiner = (
        r"\s*(?:,\s*(?:(?i:"
        + _words(language.reference_joiners)
        + r"))?|(?i:"
        + _words(language.reference_joiners)
        + r")|[-–])\s*"
    )
    item = rf"{_NUMBER}{_SUB}*"
    listing = rf"{item}(?:{joiner}(?:{item}|{_SUB}+))*"
    forward = re.compile(
        rf"(?<![\w])(?i:{article})\s*(?P<list>{listing})"
        rf"(?P<para>,?\s*(?i:{paragraph})\s*(?P<pnum>\d{{1,3}}){_SUB}*)?"
    )
    backward = re.compile(
        rf"(?<![\w])(?i:{paragraph})\s*(?P<pnum>\d{{1,3}})(?P<psub>{_SUB}*)\s*,?\s*(?i:of)\s+"
        rf"(?i:{article})\s*(?P<art>{_NUMBER})"
    )
    internal = re.compile(r"\s*,?\s*(?i:" + _words(language.internal_markers) + r")")
    external = re.compile(r"\s*,?\s*(?i:" + _words(language.external_markers) + r")\s+\S")
    return forward, backward, internal, external


def references(text: str, language: Language) -> list[Reference]:
    """Every internal reference to an article in `text`, left to right."""
    forward, backward, internal, external = _patterns(language)
    found: list[Reference] = []
    taken: list[tuple[int, int]] = []
    for m in backward.finditer(text):
        if _outside(text, m.end(), internal, external):
            continue
        path = (m["pnum"], *re.findall(r"\((\w+)\)", m["psub"] or ""))
        found.append(Reference(m["art"], path, m.start(), m.end()))
        taken.append(m.span())
    for m in forward.finditer(text):
        if any(s <= m.start() < e for s, e in taken) or _outside(text, m.end(), internal, external):
            continue
        items = _items(m["list"])
        if m["pnum"] and items:
            article, path = items[-1]
            if not path:
                items[-1] = (article, (m["pnum"],))
        found.extend(Reference(a, p, m.start(), m.end()) for a, p in items)
    return sorted(found, key=lambda r: (r.start, r.article))


def _outside(text: str, end: int, internal: re.Pattern[str], external: re.Pattern[str]) -> bool:
    rest = text[end : end + 80]
    return not internal.match(rest) and bool(external.match(rest))


def _items(listing: str) -> list[tuple[str, tuple[str, ...]]]:
    """ "18 (2) and (3), 19" -> [("18", ("2",)), ("18", ("3",)), ("19", ())]."""
    items: list[tuple[str, tuple[str, ...]]] = []
    last_end = 0
    for token in _TOKEN.finditer(listing):
        joined = not listing[last_end : token.start()].strip()
        if token["num"]:
            items.append((" ".join(token["num"].split()), ()))
        elif items:
            sub = token["sub"].strip("()")
            article, path = items[-1]
            if joined:
                items[-1] = (article, (*path, sub))
            else:
                items.append((article, (*path[:-1], sub)))
        last_end = token.end()
    return items


@dataclass(frozen=True)
class Side:
    """One draft's articles, by label key, as rows show them."""

    units: dict[str, Unit]
    fresh: frozenset[str] = frozenset()  # articles with no counterpart on the other side

    def active(self, key: str) -> bool:
        unit = self.units.get(key)
        return unit is not None and unit.status is UnitStatus.ACTIVE

    def has_paragraph(self, key: str, label: str) -> bool:
        unit = self.units.get(key)
        if unit is None:
            return False
        tops = {
            p.label.strip("().").rstrip(".)") for p in unit.paragraphs if p.depth == 0 and p.label
        }
        return not tops or label in tops


def _sides(rows: Sequence[Row]) -> tuple[Side, Side, dict[str, list[str]]]:
    old: dict[str, Unit] = {}
    new: dict[str, Unit] = {}
    concordance: dict[str, list[str]] = {}
    fresh: set[str] = set()
    # Where text that left a deleted article went: its successor, for the references to it.
    arrivals = {
        p.moved: [label_key(u.number) for u in row.match.new]
        for row in rows
        for p in row.paragraphs
        if p.moved and p.new_label is not None
    }
    for row in rows:
        if row.match.kind is not Kind.ARTICLE:
            continue
        if not row.match.old:
            fresh.update(label_key(u.number) for u in row.match.new)
        for unit in row.match.old:
            old[label_key(unit.number)] = unit
        for unit in row.match.new:
            new[label_key(unit.number)] = unit
        for unit in row.match.old:
            concordance[label_key(unit.number)] = [
                label_key(u.number) for u in row.match.new if u.status is UnitStatus.ACTIVE
            ]
        if not row.match.new and row.match.old:
            successors: list[str] = []
            for paragraph in row.paragraphs:
                for key in arrivals.get(paragraph.moved, []) if paragraph.moved else []:
                    if key not in successors:
                        successors.append(key)
            for unit in row.match.old:
                concordance[label_key(unit.number)] = successors
    return Side(old), Side(new, frozenset(fresh)), concordance


def crossrefs(
    rows: Sequence[Row], provisions: Sequence[Provision], language: Language
) -> Iterator[Finding]:
    old, new, concordance = _sides(rows)
    seen: set[tuple[str, str, str]] = set()
    for provision in provisions:
        for k, passage in enumerate(provision.passages):
            if not passage.new:
                continue
            for finding in _check(passage, language, old, new, concordance):
                key = (finding.flag.rule, passage.cite, finding.flag.message)
                if key not in seen:
                    seen.add(key)
                    yield Finding(finding.flag, (provision.position, k))
    for position, row in enumerate(rows):
        if row.match.status is not MatchStatus.ADDED or row.match.kind is not Kind.ARTICLE:
            continue
        unit = row.match.new[0]
        passage = Passage("", unit.text, "", f"Art. {unit.number}", None, unit.number)
        for finding in _check(passage, language, old, new, concordance):
            yield Finding(finding.flag, (position, 0))


def _number(side: Side, key: str) -> str:
    unit = side.units.get(key)
    return unit.number if unit else key


def _check(
    passage: Passage,
    language: Language,
    old: Side,
    new: Side,
    concordance: dict[str, list[str]],
) -> Iterator[Finding]:
    was = references(passage.old, language) if passage.old else []
    now = references(passage.new, language)
    unpaired = list(was)
    for ref in now:
        twin = _twin(passage, ref, unpaired, concordance)
        if twin is not None:
            unpaired.remove(twin)
        evidence = Evidence(
            window(passage.old, twin.start, twin.end) if twin else "",
            window(passage.new, ref.start, ref.end),
        )
        flag = _judge(passage, ref, twin, old, new, concordance, evidence)
        if flag is not None:
            yield flag


def _twin(
    passage: Passage, ref: Reference, unpaired: list[Reference], concordance: dict[str, list[str]]
) -> Reference | None:
    """The old reference a new one stands for: the one it follows through the concordance, the
    same words, or failing both the reference written at the same place."""
    tests: list[Callable[[Reference], bool]] = [
        lambda o: ref.key in concordance.get(o.key, []) and ref.key != o.key,
        lambda o: o.key == ref.key and o.path == ref.path,
        lambda o: o.key == ref.key,
    ]
    for test in tests:
        found = next((o for o in unpaired if test(o)), None)
        if found is not None:
            return found
    start, end = map_span(passage.edits, ref.start, ref.end, "new")
    return next((o for o in unpaired if o.start <= end and start <= o.end), None)


def _judge(
    passage: Passage,
    ref: Reference,
    twin: Reference | None,
    old: Side,
    new: Side,
    concordance: dict[str, list[str]],
    evidence: Evidence,
) -> Finding | None:
    cite = passage.cite
    written = ref.written()
    if twin is not None and not old.active(twin.key):
        return None  # it pointed at nothing before either: not a change
    if twin is not None and ref.key in concordance.get(twin.key, []) and ref.key != twin.key:
        return None  # updated for the renumbering: no change
    if not new.active(ref.key):
        successors = concordance.get(ref.key, [])
        if old.active(ref.key) and successors:
            now_at = ", ".join(f"art. {_number(new, s)}" for s in successors)
            return _flag(
                "crossref-dangling",
                Severity.INFO,
                passage,
                f"{cite}: the reference to {written} keeps the former number; "
                f"that article is now {now_at}",
                evidence,
                "The provision cited still exists under a new number: the reference needs "
                "updating, nothing more.",
            )
        reason = "was deleted" if ref.key in old.units else "does not exist in this draft"
        return _flag(
            "crossref-dangling",
            Severity.MEDIUM,
            passage,
            f"{cite}: the reference to {written} is dangling: that article {reason}",
            evidence,
            "A reference to a provision that is gone leaves the obligation that relies on it "
            "without content.",
        )
    if twin is None:
        if ref.path and not new.has_paragraph(ref.key, ref.path[0]):
            return _flag(
                "crossref-dangling",
                Severity.MEDIUM,
                passage,
                f"{cite}: the reference to {written} is dangling: art. {_number(new, ref.key)} has "
                f"no paragraph {ref.path[0]}",
                evidence,
                "A reference to a paragraph that does not exist cannot be applied.",
            )
        return None
    successors = concordance.get(twin.key, [])
    if not successors and ref.key == twin.key and ref.key in new.fresh:
        return None  # the article was replaced in place: the reference follows its number
    if ref.key in successors:
        was_valid = not twin.path or old.has_paragraph(twin.key, twin.path[0])
        if ref.path and was_valid and not new.has_paragraph(ref.key, ref.path[0]):
            return _flag(
                "crossref-dangling",
                Severity.MEDIUM,
                passage,
                f"{cite}: the reference to {written} is dangling: art. {_number(new, ref.key)} has "
                f"no paragraph {ref.path[0]}",
                evidence,
                "A reference to a paragraph that does not exist cannot be applied.",
            )
        return None
    if successors:
        now_at = ", ".join(f"art. {_number(new, s)}" for s in successors)
        former = f"the former art. {twin.article} is now {now_at}"
    else:
        former = f"the former art. {twin.article} was deleted"
    if ref.key == twin.key:
        message = f"{cite}: {quote(written)} now points at a different provision: {former}"
    elif successors == [twin.key]:
        message = (
            f"{cite}: the reference changed from {twin.written()} to {written}: it now points at "
            "a different provision"
        )
    else:
        message = f"{cite}: the reference changed from {twin.written()} to {written}; {former}"
    return _flag(
        "crossref-retargeted",
        Severity.MEDIUM,
        passage,
        message,
        evidence,
        "A reference that points at another provision than before imports other obligations.",
    )


def _flag(
    rule: str,
    severity: Severity,
    passage: Passage,
    message: str,
    evidence: Evidence,
    rationale: str,
) -> Finding:
    return Finding(make_flag(rule, severity, passage, message, evidence, rationale))
