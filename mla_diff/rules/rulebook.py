"""The significance rules file (TOML) -> a Rulebook of compiled phrase patterns per language."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from functools import cache, cached_property, lru_cache
from importlib.resources import files
from typing import Any

from mla_diff.errors import InputError

SHIPPED = "data/rules.toml"
FALLBACK_LANGUAGE = "en"


# The text last folded, kept with its folding: rules try phrase after phrase on one text.
_FOLDED: list[str] = ["", ""]
# Letters the patterns, matching without regard to case, read as "i" though casefold() makes no
# "i" of them: the dotted capital "İ" (casefold: "i" and a combining dot) and the dotless "ı".
_READ_AS_I = str.maketrans({"\u0130": "i", "\u0131": "i"})


def fold(text: str) -> str:
    """`text` as the needles of the phrases are written: case-folded, and every letter that the
    patterns read as an "i" made one, so that a screen never rules out a text that a pattern
    would match ("VİCTİM", "victım")."""
    if "\u0130" in text or "\u0131" in text:
        text = text.translate(_READ_AS_I)
    return text.casefold()


def _casefold(text: str) -> str:
    if _FOLDED[0] is not text:
        _FOLDED[:] = [text, fold(text)]
    return _FOLDED[1]


@dataclass(frozen=True)
class Phrase:
    """One phrase of the rules file, compiled: "in accordance with its|their domestic law"."""

    text: str  # as written in the rules file
    source: str  # the regular expression, compiled when first needed: most phrases never are
    # Case-folded words of which the text must hold one for the pattern to match (the options of
    # its most telling word): most texts are ruled out by a substring test, not the pattern.
    needles: tuple[str, ...] = ()

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.source, re.IGNORECASE)

    def may_occur(self, text: str, folded: str | None = None) -> bool:
        """False when `text` (case-folded: `folded`) cannot hold the phrase."""
        if not self.needles:
            return True
        folded = _casefold(text) if folded is None else folded
        return any(needle in folded for needle in self.needles)

    def search(self, text: str, folded: str | None = None) -> re.Match[str] | None:
        return self.pattern.search(text) if self.may_occur(text, folded) else None

    def finditer(self, text: str, folded: str | None = None) -> list[re.Match[str]]:
        return list(self.pattern.finditer(text)) if self.may_occur(text, folded) else []

    def count(self, text: str, folded: str | None = None) -> int:
        return len(self.finditer(text, folded))


@lru_cache(maxsize=1024)
def needles_of(phrases: tuple[Phrase, ...]) -> tuple[str, ...] | None:
    """The needles of the phrases, leaving out any that holds another (a text holding it holds
    the other too): a text without one of them holds none of the phrases. None when a phrase
    has no needle, so that every text may hold it."""
    if not phrases or any(not p.needles for p in phrases):
        return None
    needles = sorted({n for p in phrases for n in p.needles})
    return tuple(n for n in needles if not any(o != n and o in n for o in needles))


def holds_any(needles: tuple[str, ...] | None, folded: str) -> bool:
    """Whether a case-folded text holds one of the needles (needles_of None: any text may)."""
    # Substring tests: a few of them cost less than one search of the needles as alternatives,
    # which the regular-expression engine tries at every character.
    return needles is None or any(needle in folded for needle in needles)


def may_hold(phrases: tuple[Phrase, ...], folded: str) -> bool:
    """False when a text (case-folded: `folded`) can hold none of the phrases: the needles of
    all of them tested at once, where each phrase would test its own."""
    return holds_any(needles_of(phrases), folded)


@dataclass(frozen=True)
class Term:
    """A watch term, crime or ground of refusal with the phrases that mention it."""

    name: str
    phrases: tuple[Phrase, ...]

    @cached_property
    def screen(self) -> tuple[str, ...] | None:
        return needles_of(self.phrases)

    def spans(self, text: str, folded: str | None = None) -> list[tuple[int, int]]:
        """Where the term is mentioned, left to right, overlapping mentions merged (`folded`:
        the text case-folded, when the caller has it)."""
        folded = _casefold(text) if folded is None else folded
        if not holds_any(self.screen, folded):
            return []
        found = sorted((m.start(), m.end()) for p in self.phrases for m in p.finditer(text, folded))
        merged: list[tuple[int, int]] = []
        for start, end in found:
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def count(self, text: str, folded: str | None = None) -> int:
        return len(self.spans(text, folded))


@dataclass(frozen=True)
class Modal:
    phrase: Phrase
    rank: int
    prohibition: bool


@dataclass(frozen=True)
class Language:
    """The rules for drafts in one language."""

    code: str
    modals: tuple[Modal, ...]
    modal_fillers: frozenset[str]
    clause_openers: frozenset[str]
    modal_idioms: tuple[Phrase, ...]
    qualifiers: tuple[Phrase, ...]
    right_holders: tuple[Phrase, ...]
    right_narrowers: tuple[Phrase, ...]
    watch_terms: tuple[Term, ...]
    critical_terms: frozenset[str]
    operative_titles: tuple[Phrase, ...]
    operative_markers: tuple[Phrase, ...]
    optional_markers: tuple[Phrase, ...]
    crimes: tuple[Term, ...]
    refusal_markers: tuple[Phrase, ...]
    refusal_grounds: tuple[Term, ...]
    definition_verbs: tuple[str, ...]
    unquoted_definition_verbs: tuple[str, ...]
    article_words: tuple[str, ...]
    paragraph_words: tuple[str, ...]
    part_words: tuple[str, ...]
    reference_joiners: tuple[str, ...]
    external_markers: tuple[str, ...]
    internal_markers: tuple[str, ...]

    def __hash__(self) -> int:
        # A cache key on every reference lookup: hashing all its phrases each time would cost
        # more than the lookup saves. Computed once; equality stays field by field.
        return self._hash

    @cached_property
    def _hash(self) -> int:
        return hash(tuple(getattr(self, f.name) for f in fields(self)))


@dataclass(frozen=True)
class Rulebook:
    languages: dict[str, Language]
    substitution_min_articles: int

    def language(self, code: str) -> Language:
        return self.languages.get(code) or self.languages[FALLBACK_LANGUAGE]


def compile_phrase(text: str) -> Phrase:
    """A phrase of the rules file as a case-insensitive pattern over running text."""
    slots = []
    literals: list[tuple[str, ...]] = []
    for word in text.split():
        options = []
        for option in word.split("|"):
            if option.endswith("*"):
                options.append(re.escape(option[:-1]) + r"[\w'-]*")
            else:
                options.append(re.escape(option))
        slots.append("(?:" + "|".join(options) + ")")
        literals.append(tuple(option.removesuffix("*").casefold() for option in word.split("|")))
    body = r"\s+".join(slots)
    # The word whose shortest option is longest says most: a text without it cannot match.
    telling = max(literals, key=lambda options: min(map(len, options)), default=())
    needles = telling if all(telling) else ()
    return Phrase(text, rf"(?<![\w'-]){body}(?![\w-])", needles)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


class _Reader:
    """Typed access to the merged TOML with errors that name the key and the file."""

    def __init__(self, data: dict[str, Any], source: str) -> None:
        self.data = data
        self.source = source
        self.compiled: dict[str, Phrase] = {}

    def fail(self, key: str, wanted: str) -> InputError:
        return InputError(
            f"rules key {key} must be {wanted}",
            path=self.source,
            hint="see the shipped mla_diff/data/rules.toml for the format",
        )

    def table(self, key: str) -> dict[str, Any]:
        node: Any = self.data
        for part in key.split("."):
            node = node.get(part, {}) if isinstance(node, dict) else None
            if not isinstance(node, dict):
                raise self.fail(key, "a table")
        table: dict[str, Any] = node
        return table

    def strings(self, key: str) -> tuple[str, ...]:
        table_key, _, name = key.rpartition(".")
        value = self.table(table_key).get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, "a list of non-empty strings")
        return tuple(value)

    def phrase(self, text: str) -> Phrase:
        """The phrase compiled once per rulebook: languages share the sections they inherit."""
        if text not in self.compiled:
            self.compiled[text] = compile_phrase(text)
        return self.compiled[text]

    def phrases(self, key: str) -> tuple[Phrase, ...]:
        return tuple(self.phrase(text) for text in self.strings(key))

    def terms(self, key: str) -> tuple[Term, ...]:
        terms = []
        for name, value in sorted(self.table(key).items()):
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise self.fail(f"{key}.{name}", "a list of non-empty strings")
            terms.append(Term(name, tuple(self.phrase(v) for v in value)))
        return tuple(terms)

    def modals(self, key: str, prohibition: bool) -> tuple[Modal, ...]:
        modals = []
        for text, rank in sorted(self.table(key).items()):
            if not isinstance(rank, int) or isinstance(rank, bool) or not 1 <= rank <= 5:
                raise self.fail(f"{key}.{text!r}", "a whole number from 1 to 5")
            modals.append(Modal(self.phrase(text), rank, prohibition))
        return tuple(modals)


def _language(reader: _Reader, code: str) -> Language:
    def key(name: str) -> str:
        return f"{code}.{name}"

    watch_terms = reader.terms(key("watch_terms"))
    critical_terms = frozenset(reader.strings(key("critical_terms.terms")))
    unknown = sorted(critical_terms - {term.name for term in watch_terms})
    if unknown:
        raise reader.fail(
            key("critical_terms.terms"),
            f"names of watch terms in [{key('watch_terms')}], which has no {unknown[0]!r}",
        )
    return Language(
        code=code,
        modals=reader.modals(key("modals"), False) + reader.modals(key("prohibitions"), True),
        modal_fillers=frozenset(w.lower() for w in reader.strings(key("modal_fillers.words"))),
        modal_idioms=reader.phrases(key("modal_fillers.idioms")),
        clause_openers=frozenset(
            w.lower() for w in reader.strings(key("modal_fillers.clause_openers"))
        ),
        qualifiers=reader.phrases(key("qualifiers.phrases")),
        right_holders=reader.phrases(key("rights.holders")),
        right_narrowers=reader.phrases(key("rights.narrowers")),
        watch_terms=watch_terms,
        critical_terms=critical_terms,
        operative_titles=reader.phrases(key("scope.operative_titles")),
        operative_markers=reader.phrases(key("scope.operative_markers")),
        optional_markers=reader.phrases(key("scope.optional_markers")),
        crimes=reader.terms(key("scope.crimes")),
        refusal_markers=reader.phrases(key("refusal.markers")),
        refusal_grounds=reader.terms(key("refusal.grounds")),
        definition_verbs=reader.strings(key("definitions.verbs")),
        unquoted_definition_verbs=reader.strings(key("definitions.unquoted_verbs")),
        article_words=reader.strings(key("references.article")),
        paragraph_words=reader.strings(key("references.paragraph")),
        part_words=reader.strings(key("references.part")),
        reference_joiners=reader.strings(key("references.joiners")),
        external_markers=reader.strings(key("references.external")),
        internal_markers=reader.strings(key("references.internal")),
    )


# Sections a language inherits from English when its own table leaves them out. Not
# critical_terms: they name watch terms, and each language names its watch terms in its own words.
_INHERITED = ("modal_fillers", "rights", "scope", "refusal")


def build_rulebook(override: str = "", source: str = "") -> Rulebook:
    """The shipped rules, with `override` (TOML text read from `source`) merged over them."""
    data = _shipped()
    if override:
        try:
            extra = tomllib.loads(override)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(
                f"is not valid TOML: {exc}", path=source or "rules", hint="fix the syntax"
            ) from exc
        data = _merge(data, extra)
    reader = _Reader(data, source or SHIPPED)
    english = reader.table(FALLBACK_LANGUAGE)
    languages: dict[str, Language] = {}
    for code in sorted(k for k, v in data.items() if k != "general" and isinstance(v, dict)):
        if code != FALLBACK_LANGUAGE:
            inherited = {k: english[k] for k in _INHERITED if k in english}
            reader.data[code] = _merge(inherited, reader.table(code))
        languages[code] = _language(reader, code)
    minimum = reader.table("general").get("substitution_min_articles", 3)
    if not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 2:
        raise reader.fail("general.substitution_min_articles", "a whole number of at least 2")
    return Rulebook(languages, minimum)


@cache
def _shipped_text() -> str:
    return files("mla_diff").joinpath(SHIPPED).read_text(encoding="utf-8")


def _shipped() -> dict[str, Any]:
    return tomllib.loads(_shipped_text())


@cache
def load_rulebook(override: str = "", source: str = "") -> Rulebook:
    """Like build_rulebook, cached: comparisons of many pairs share one compiled rulebook."""
    return build_rulebook(override, source)
