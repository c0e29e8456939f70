"""Heading words per language and the grammar that recognises article, container and annex lines."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from mla_diff.model import Kind

LANGUAGES = ("en", "fr", "es", "de", "nl")

# Article heading words. A heading starts its line with one of these words written with a capital:
# lower-case "article 14" in running text is a cross-reference, never a heading.
ARTICLE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("Article", "ARTICLE", "Art.", "ART."),
    "fr": ("Article", "ARTICLE", "Art.", "ART."),
    "es": ("Artículo", "ARTÍCULO", "Articulo", "ARTICULO", "Art.", "ART."),
    "de": ("Artikel", "ARTIKEL", "Art.", "ART.", "Art"),
    "nl": ("Artikel", "ARTIKEL", "Art.", "ART.", "Art"),
}

# Plural forms, for placeholders that stand for a run of articles: "Articles 53 to 55 [Deleted]".
ARTICLE_PLURALS: dict[str, tuple[str, ...]] = {
    "en": ("Articles", "ARTICLES", "Arts."),
    "fr": ("Articles", "ARTICLES"),
    "es": ("Artículos", "ARTÍCULOS", "Articulos"),
    "de": ("Artikel", "ARTIKEL", "Art.", "Art"),
    "nl": ("Artikelen", "ARTIKELEN", "Artikel", "Art."),
}
RANGE_WORDS = r"(?:-|–|—|to|through|à|au|a|al|bis|tot en met|t/m|tot)"

# Container words, outermost first in each language's usual nesting. The nesting a draft actually
# uses is taken from the order in which the words first appear (see parse.py), because "Titel" sits
# above "Kapitel" in one tradition and below "Abschnitt" in another.
CONTAINER_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("Part", "Title", "Chapter", "Section", "Subsection", "Sub-section"),
    "fr": ("Partie", "Titre", "Chapitre", "Section", "Sous-section"),
    "es": ("Parte", "Título", "Titulo", "Capítulo", "Capitulo", "Sección", "Seccion", "Subsección"),
    "de": ("Teil", "Titel", "Kapitel", "Abschnitt", "Unterabschnitt", "Buch"),
    "nl": ("Deel", "Titel", "Hoofdstuk", "Afdeling", "Paragraaf"),
}

ANNEX_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("Annex", "Appendix", "Schedule", "Attachment"),
    "fr": ("Annexe", "Appendice"),
    "es": ("Anexo", "Apéndice", "Apendice"),
    "de": ("Anlage", "Anhang"),
    "nl": ("Bijlage", "Aanhangsel"),
}

PREAMBLE_WORDS = frozenset(
    ("preamble", "préambule", "preambule", "preámbulo", "preambulo", "präambel", "considerans")
)

# The first words of a closing formula after the last article. Matched case-insensitively, but the
# line must start with a capital: "done at the request of" inside a wrapped sentence is no formula.
FINAL_OPENERS = re.compile(
    r"(in witness whereof|in faith whereof|done (?:at|in)\b|en foi de quoi|fait à|"
    r"en fe de lo cual|hecho en|zu urkund dessen|geschehen zu|ten blijke waarvan|gedaan te)",
    re.IGNORECASE,
)

# A placeholder left where an article was: "[Deleted]", "(reserved)", "[aufgehoben]"...
PLACEHOLDER_WORDS = (
    r"deleted|repealed|reserved|omitted|intentionally left blank|not used|"
    r"supprimé|abrogé|réservé|derogado|suprimido|eliminado|reservado|"
    r"aufgehoben|weggefallen|gestrichen|vervallen|vervalt|geschrapt|vacant"
)
PLACEHOLDER = re.compile(
    rf"^[\[(]?\s*(?:{PLACEHOLDER_WORDS})\b(?:\s*[-:–—,]\s*[^\[\]()]{{0,120}})?\s*[\])]?\.?$",
    re.IGNORECASE,
)

# Latin ordinals of inserted articles, as in the Rome Statute's "Article 8 bis".
LATIN_ORDINALS = (
    r"(?i:bis|ter|quater|quinquies|sexies|septies|octies|novies|nonies|decies|undecies|duodecies)"
)
_SPELLED_NUMBERS = (
    r"(?i:premier|première|unique|primero|segundo|tercero|cuarto|quinto|sexto|séptimo|octavo|"
    r"noveno|décimo|único|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
)
# An article number as written: 52, 8 bis, 8bis, 3a, 12A, 1er, 1.º, 1.1, J.1, K.14, A, IV, premier.
ARTICLE_NUMBER = (
    rf"(?:\d{{1,5}}(?:\.\d{{1,3}})*(?:\.?\s?[ºª°]|er(?![\w])|re(?![\w]))?"
    rf"(?:[a-zA-Z](?![\w]))?(?:[ -]?{LATIN_ORDINALS}(?![\w]))?"
    rf"|[IVXLC]{{1,7}}(?:[ -]?{LATIN_ORDINALS})?(?![\w])"
    rf"|[A-Z](?:\.\d{{1,3}})*(?:[ -]?{LATIN_ORDINALS})?(?![\w])"
    rf"|{_SPELLED_NUMBERS}(?![\w]))"
)

# Ordinals that number containers: "Part One", "PART I", "Erster Teil", "Première partie".
_CONTAINER_ORDINALS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"premier|première|premiere|deuxième|second|seconde|troisième|quatrième|cinquième|sixième|"
    r"septième|huitième|neuvième|dixième|unique|preliminar|préliminaire|"
    r"primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|sext[oa]|séptim[oa]|octav[oa]|"
    r"noven[oa]|décim[oa]|"
    r"(?:erst|zweit|dritt|viert|fünft|sechst|sieb(?:en)?t|acht|neunt|zehnt|elft|zwölft)(?:er|es|e)|"
    r"eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende)"
)
_CONTAINER_NUMBER = (
    rf"(?:[IVXLC]{{1,7}}(?:er|re|[a-z])?(?![\w])|\d{{1,3}}(?:\.\d{{1,3}})*[a-zA-Z]?(?:\.?[ºª])?(?![\w])"
    rf"|[A-Z](?![\w])|(?i:{_CONTAINER_ORDINALS})(?![\w]))"
)

# After a heading number these words continue a sentence: "Article 5 Paragraph 2 applies".
_REFERENCE_WORDS = re.compile(
    r"^(?:paragraphs?|para\.?|subparagraphs?|sub-paragraphs?|absatz|abs\.|satz|nr\.|no\.|lit\.|"
    r"alinéas?|paragraphes?|párrafos?|apartados?|incisos?|leden|lid|sub|and|or|of|to|in|et|ou|"
    r"und|oder|y|o|en|shall|may|is|are|applies|apply)\b",
    re.IGNORECASE,
)
# A short line ending in a full stop is a title unless it says something: "Scope." but not
# "The Convention applies."
_VERBS = re.compile(
    r"\b(?:shall|may|must|will|is|are|has|have|applies|apply|doit|peut|est|sont|debe|podrá|será|es|"
    r"wird|werden|ist|sind|kann|zal|kan|wordt|worden)\b",
    re.IGNORECASE,
)
_FOOTNOTE_MARK = re.compile(r"^(?:\*{1,3}|\[\^?\d{1,3}\]|\^\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)(?=\s|$|[.:–—-])")
_LEADERS = re.compile(r"(?:\.{4,}|…{2,}|(?:\. ){3,}\.?|_{4,})\s*\d{0,4}\s*$")
_SEPARATOR = re.compile(r"^\s*(?:\.\s*[-–—]|[.:\-–—])\s*")
# A title read from the next line must not end like a sentence or a clause.
_CLAUSE_END = re.compile(r"[.;,:]$")


@dataclass(frozen=True)
class Heading:
    """What a heading line says, before context decides whether it is one."""

    kind: Kind
    number: str  # as written, spaces collapsed: "8 bis", "IV", "J.1"
    word: str = ""  # the heading word as written: "Article", "CHAPTER", "Erster Teil"
    title: str = ""  # inline title, possibly ""
    body_at: int = -1  # where running text starts on the heading line, -1 for none
    deleted: str = ""  # a placeholder written on the heading line: "[Deleted]"
    numbers: tuple[str, ...] = ()  # every article a plural placeholder stands for
    roman_only: bool = False  # a bare "IV. Title" container, trusted only with more evidence
    bracketed: bool = False  # the heading line opens with "[": the whole provision is proposed


def title_like(text: str, max_words: int = 16) -> bool:
    """Whether text after a heading number reads as a title, not as running text."""
    words = text.split(maxsplit=max_words)
    return (
        0 < len(words) <= max_words
        and len(text) <= 160
        and not text[0].islower()
        and not _CLAUSE_END.search(text)
    )


def has_verb(text: str) -> bool:
    """Whether a short line says something ("... shall apply") rather than naming it."""
    return bool(_VERBS.search(text))


def words_pattern(words: Iterable[str]) -> str:
    """An alternation that tries longer words first ("Artikel" before "Art")."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass
class HeadingGrammar:
    """Heading patterns for the chosen languages; `classify` reads one cleaned line."""

    languages: tuple[str, ...]
    article: re.Pattern[str] = field(init=False)
    articles: re.Pattern[str] = field(init=False)
    container: re.Pattern[str] = field(init=False)
    ordinal_container: re.Pattern[str] = field(init=False)
    annex: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        singular = {w for lang in self.languages for w in ARTICLE_WORDS[lang]}
        # "Art.5" is written; "Art" without its full stop needs a space to stay a heading word.
        alternatives = "|".join(
            re.escape(w) + ("" if w.endswith(".") else r"(?=\s)")
            for w in sorted(singular, key=lambda w: (-len(w), w))
        )
        self.article = re.compile(
            rf"^(?P<word>{alternatives})\s*(?P<num>{ARTICLE_NUMBER})(?P<rest>.*)$", re.DOTALL
        )
        plural = {w for lang in self.languages for w in ARTICLE_PLURALS[lang]}
        self.articles = re.compile(
            rf"^(?P<word>{words_pattern(plural)})\s*(?P<first>{ARTICLE_NUMBER})\s*"
            rf"{RANGE_WORDS}\s*(?P<last>{ARTICLE_NUMBER})(?P<rest>.*)$",
            re.DOTALL,
        )
        containers = {w for lang in self.languages for w in CONTAINER_WORDS[lang]}
        containers |= {w.upper() for w in containers}
        self.container = re.compile(
            rf"^(?P<word>{words_pattern(containers)})\s+(?P<num>{_CONTAINER_NUMBER})(?P<rest>.*)$",
            re.DOTALL,
        )
        lowered = {w.lower() for w in containers}
        self.ordinal_container = re.compile(
            rf"^(?P<num>{_CONTAINER_ORDINALS})\s+(?P<word>{words_pattern(lowered)})(?![\w])"
            r"(?P<rest>.*)$",
            re.IGNORECASE | re.DOTALL,
        )
        annexes = {w for lang in self.languages for w in ANNEX_WORDS[lang]}
        annexes |= {w.upper() for w in annexes}
        self.annex = re.compile(
            rf"^(?P<word>{words_pattern(annexes)})"
            r"(?:\s+(?P<num>[IVXLC]{1,7}|\d{1,3}|[A-Z](?:\.\d{1,2})?))?(?![\w])(?P<rest>.*)$",
            re.DOTALL,
        )

    def classify(self, line: str, markdown: bool = False) -> Heading | None:
        """The heading `line` would be, or None. Context (what surrounds the line) is judged by
        the caller."""
        if line.startswith("[") and len(line) > 1:
            return self._bracketed(line)
        if not line or not line[0].isupper():
            return None
        return (
            self._article_range(line)
            or self._article(line)
            or self._container(line, markdown)
            or self._annex(line)
            or _preamble(line)
        )

    def _bracketed(self, line: str) -> Heading | None:
        """A heading in square brackets, as negotiating texts bracket a proposed article:
        "[Article 13 bis" ... "]" or "[Article 13 bis – Supply chains]"."""
        inner = line[1:]
        if inner.endswith("]") and inner.count("[") < inner.count("]"):
            inner = inner[:-1]
        if not inner[:1].isupper():
            return None
        heading = (
            self._article_range(inner) or self._article(inner) or self._container(inner, False)
        )
        if heading is None or heading.roman_only:
            return None
        body_at = heading.body_at + 1 if heading.body_at >= 0 else -1
        return replace(heading, body_at=body_at, bracketed=True)

    def _article(self, line: str) -> Heading | None:
        match = self.article.match(line)
        if not match:
            return None
        rest = _read_rest(match["rest"], match.start("rest"))
        if rest is None:
            return None
        number = " ".join(match["num"].split())
        return Heading(Kind.ARTICLE, number, match["word"], *rest)

    def _article_range(self, line: str) -> Heading | None:
        match = self.articles.match(line)
        if not match:
            return None
        rest = match["rest"].strip(" .:-–—")
        if not PLACEHOLDER.match(rest):
            return None
        first, last = (" ".join(match[g].split()) for g in ("first", "last"))
        return Heading(
            Kind.ARTICLE,
            f"{first}-{last}",
            match["word"],
            deleted=rest,
            numbers=expand_range(first, last),
        )

    def _container(self, line: str, markdown: bool) -> Heading | None:
        match = self.container.match(line) or self.ordinal_container.match(line)
        if match:
            rest = _read_rest(match["rest"], match.start("rest"), container=True)
            if rest is None or rest[1] >= 0:
                return None
            word = match["word"]
            if match.re is self.ordinal_container:
                word = f"{match['num']} {word}"
            return Heading(Kind.PART, match["num"], word, rest[0])
        match = _ROMAN_CONTAINER.match(line)
        if match and (markdown or title_like(match["title"], 12)):
            return Heading(Kind.PART, match["num"], "", match["title"], roman_only=not markdown)
        return None

    def _annex(self, line: str) -> Heading | None:
        match = self.annex.match(line)
        if not match:
            return None
        raw = match["rest"]
        if re.match(r"^\s+(?:to|à|al|del|zum|zur|bij)\s", raw) and not _CLAUSE_END.search(raw):
            return Heading(Kind.ANNEX, match["num"] or "", match["word"], raw.strip())
        rest = _read_rest(raw, match.start("rest"), container=True)
        if rest is None or rest[1] >= 0:
            return None
        return Heading(Kind.ANNEX, match["num"] or "", match["word"], rest[0])


# The German Basic Law's "I. Die Grundrechte": a Roman numeral, a full stop and a title.
_ROMAN_CONTAINER = re.compile(r"^(?P<num>[IVXLC]{1,7}[a-z]?)\.\s+(?P<title>[^\W\d_].*)$")


def _preamble(line: str) -> Heading | None:
    bare = line.strip("*_:.# ").strip()
    if bare.lower() in PREAMBLE_WORDS:
        return Heading(Kind.PREAMBLE, "", bare)
    return None


def _read_rest(rest: str, offset: int, container: bool = False) -> tuple[str, int, str] | None:
    """(title, body_at, deleted) for what follows a heading number, or None when the line is
    prose that merely starts with a heading word."""
    marker = _FOOTNOTE_MARK.match(rest)
    if marker:
        # "Article 5*", "Article 5[^1]", "Article 5¹": a footnote marker is not a title.
        rest, offset = rest[marker.end() :], offset + marker.end()
    if not rest.strip():
        return "", -1, ""
    if _LEADERS.search(rest):
        return None  # a table of contents entry: "Article 1 Use of terms ........ 3"
    stripped = rest.strip()
    if PLACEHOLDER.match(stripped.strip(" .:-–—")):
        return "", -1, stripped.strip(" .:-–—")
    sep = _SEPARATOR.match(rest)
    if sep:
        after = rest[sep.end() :].strip()
        if not after:
            return "", -1, ""
        if PLACEHOLDER.match(after):
            return "", -1, after
        title = _as_title(after)
        if title is not None:
            return title, -1, ""
        if container or not (after[:1].isupper() or after[:1] in "\"'(["):
            return None
        # "Article 1. The States Parties shall..." : the heading line carries the first body line.
        return "", offset + len(rest) - len(rest[sep.end() :].lstrip()), ""
    if not rest[:1].isspace():
        return None
    if stripped.startswith("(") and stripped.endswith(")") and not stripped[1:2].isdigit():
        inner = stripped[1:-1].strip()
        return (inner, -1, "") if title_like(inner) else None
    if stripped.startswith("[") and stripped.endswith("]"):
        return stripped, -1, ""
    if _REFERENCE_WORDS.match(stripped):
        return None
    title = _as_title(stripped)
    return None if title is None else (title, -1, "")


def _as_title(text: str) -> str | None:
    """`text` as a title ("Scope." loses its full stop), or None when it reads as prose."""
    limit = 24 if text.isupper() else 16
    if title_like(text, limit):
        return text
    if (
        text.endswith(".")
        and not text.endswith("..")
        and title_like(text[:-1], 6)
        and not has_verb(text)
    ):
        return text[:-1]
    return None


def expand_range(first: str, last: str) -> tuple[str, ...]:
    """The article numbers from `first` to `last` when both are plain numbers (at most 100)."""
    if first.isdigit() and last.isdigit() and 0 < int(last) - int(first) <= 100:
        return tuple(str(n) for n in range(int(first), int(last) + 1))
    return (first, last)


# Function words by language, counted as whole words.
LANGUAGE_HINTS: dict[str, frozenset[str]] = {
    "de": frozenset(("und", "der", "die", "das", "nicht", "wird", "werden", "ist", "sind", "mit")),
    "nl": frozenset(("het", "een", "van", "wordt", "niet", "zijn", "worden", "deze", "aan")),
    "fr": frozenset(("les", "des", "est", "dans", "pour", "une", "aux", "sont", "qui")),
    "es": frozenset(("los", "las", "del", "que", "para", "una", "por", "con", "sus")),
    "en": frozenset(("the", "of", "and", "shall", "which", "to", "be", "any", "with")),
}
_HINT_WORD = re.compile(r"\w+")
_HEADING_HINTS: dict[str, re.Pattern[str]] = {
    "es": re.compile(r"^[^\w\n]*(?:artículo|capítulo|título)\b", re.MULTILINE | re.IGNORECASE),
    "fr": re.compile(
        r"^[^\w\n]*(?:chapitre|titre|article premier)\b", re.MULTILINE | re.IGNORECASE
    ),
    "de": re.compile(
        r"^[^\w\n]*(?:kapitel|abschnitt|teil|präambel|"
        r"\w+(?:er|es) (?:abschnitt|teil|titel|kapitel))\b",
        re.MULTILINE | re.IGNORECASE,
    ),
    "nl": re.compile(r"^[^\w\n]*(?:hoofdstuk|afdeling|artikelen)\b", re.MULTILINE | re.IGNORECASE),
}
_ARTIKEL = re.compile(r"^[^\w\n]*artikel\b", re.MULTILINE | re.IGNORECASE)


def detect_language(text: str) -> str:
    """The language whose heading words and function words the text uses most ("en" when none)."""
    sample = text[:50_000].lower()  # some eight thousand words say enough
    # A whole word is a maximal run of word characters: the words are counted once, in one pass.
    counts = Counter(_HINT_WORD.findall(sample))
    scores = {lang: sum(counts[word] for word in words) for lang, words in LANGUAGE_HINTS.items()}
    for lang, pattern in _HEADING_HINTS.items():
        scores[lang] += 20 * len(pattern.findall(sample))
    # "Artikel" is German or Dutch: English, French and Spanish are out.
    candidates = ("de", "nl") if _ARTIKEL.search(sample) else LANGUAGES
    best = max(candidates, key=lambda lang: (scores[lang], -LANGUAGES.index(lang)))
    return best if scores[best] or len(candidates) < len(LANGUAGES) else "en"
