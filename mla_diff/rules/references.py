"""References in running text ("article 14, paragraph 2", "art. 21(1)(a)") and the concordance."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from mla_diff.model import Kind, Row, Unit, UnitStatus
from mla_diff.rules.rulebook import Language
from mla_diff.similarity import label_key

_LATIN = r"(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|nonies|decies)"
# An article number in running text: 14, 8 bis, 3a, J.7, F. Letters are upper case, so that
# "this article a State may..." never reads as a reference to "article a"; a number starts a
# word, so that the D of "ARTICLES 3 AND 4" is no article.
_NUMBER = rf"(?<!\w)(?:\d+(?:\s?{_LATIN}(?![\w])|[a-z](?![\w]))?|[A-Z](?:\.\d+)+|[A-Z](?![\w.]))"
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


def words_pattern(words: Sequence[str]) -> str:
    return "|".join(
        re.escape(w) + ("" if w.endswith(".") else r"(?![\w])")
        for w in sorted(words, key=len, reverse=True)
    )


@cache
def _patterns(
    language: Language,
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The patterns of a language's references: forward ("article 14, paragraph 2"), backward
    ("paragraph 2 of article 14"), the markers of an internal and of an external reference, and a
    screen: the article word, which every reference holds, read the same way (case-insensitive,
    whole word). A text without it holds no reference, and one search says so."""
    article = words_pattern(language.article_words)
    paragraph = words_pattern(language.paragraph_words)
    joiner = (
        r"\s*(?:,\s*(?:(?i:"
        + words_pattern(language.reference_joiners)
        + r"))?|(?i:"
        + words_pattern(language.reference_joiners)
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
    internal = re.compile(r"\s*,?\s*(?i:" + words_pattern(language.internal_markers) + r")")
    external = re.compile(r"\s*,?\s*(?i:" + words_pattern(language.external_markers) + r")\s+\S")
    screen = re.compile(rf"(?i:{article})")
    return forward, backward, internal, external, screen


@lru_cache(maxsize=4096)
def references(text: str, language: Language) -> tuple[Reference, ...]:
    """Every internal reference to an article in `text`, left to right."""
    forward, backward, internal, external, screen = _patterns(language)
    if not screen.search(text):
        return ()  # most paragraphs cite no article: one search instead of two full scans
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
    return tuple(sorted(found, key=lambda r: (r.start, r.article)))


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


# The old draft's articles, the new draft's, and where each old article went (label keys).
Sides = tuple[Side, Side, dict[str, list[str]]]


def sides(rows: Sequence[Row]) -> Sides:
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


def number_of(side: Side, key: str) -> str:
    unit = side.units.get(key)
    return unit.number if unit else key
