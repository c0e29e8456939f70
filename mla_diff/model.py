"""The pipeline's data: Draft and Unit (parse), Match (align), Edit (diff), Flag, Comparison."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """What a unit of a draft is."""

    FRONT = "front"  # title block and anything before the preamble
    PREAMBLE = "preamble"  # one preamble paragraph, cited PP1, PP2...
    PART = "part"  # a container heading: Part, Chapter, Section, Title, Teil, Hoofdstuk...
    ARTICLE = "article"
    ANNEX = "annex"
    FINAL = "final"  # closing formula: "In witness whereof...", "Done at..."
    SECTION = "section"  # fallback unit of a text without article headings


class UnitStatus(StrEnum):
    ACTIVE = "active"
    DELETED = "deleted"  # a placeholder: "[Deleted]", "(weggefallen)", "[aufgehoben]", "(reserved)"


class FurnitureKind(StrEnum):
    """Source text kept out of every unit, but recorded so that nothing is lost."""

    FRONT_MATTER = "front-matter"  # YAML front matter
    PAGE_HEADER = "page-header"  # running headers and footers
    PAGE_NUMBER = "page-number"
    BLANK = "blank"


@dataclass(frozen=True)
class Paragraph:
    """A numbered or unnumbered paragraph of a unit, as written after its label."""

    label: str  # "1", "(a)", "a)", "(i)", "" when unnumbered
    text: str  # normalised text, without the label
    depth: int = 0  # 0 paragraph, 1 sub-paragraph, 2 sub-sub-paragraph
    role: str = "text"  # "text", "chapeau" (introduces a list), "item", "tail" (closes a list)
    line: int = 0  # 1-based source line where the paragraph starts


@dataclass(frozen=True)
class Furniture:
    kind: FurnitureKind
    start: int  # character offsets into Draft.source
    end: int
    text: str


_LEADING_NUMBER = re.compile(r"(\d+)")
_LATIN_ORDINALS = {
    "bis": 2,
    "ter": 3,
    "quater": 4,
    "quinquies": 5,
    "sexies": 6,
    "septies": 7,
    "octies": 8,
    "novies": 9,
    "nonies": 9,
    "decies": 10,
}
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_to_int(text: str) -> int | None:
    """The value of a Roman numeral, or None when `text` is not one."""
    text = text.lower()
    if not text or any(ch not in _ROMAN for ch in text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN[ch]
        if i + 1 < len(text) and _ROMAN[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def label_sort_key(label: str) -> tuple[tuple[int, int, str], ...]:
    """A key that orders article labels as a reader does: 8 < 8 bis < 8a < 9, J.1 < J.2 < J.10."""
    parts: list[tuple[int, int, str]] = []
    for token in re.findall(r"\d+|[^\W\d_]+", label.lower()):
        if token.isdigit():
            parts.append((1, int(token), ""))
        elif token in _LATIN_ORDINALS:
            parts.append((2, _LATIN_ORDINALS[token], ""))
        elif token == "premier":
            parts.append((1, 1, ""))
        else:
            parts.append((3, 0, token))
    return tuple(parts)


def anchor_slug(text: str) -> str:
    """A fragment safe in an HTML id: "8 bis" -> "8-bis", "J.1" -> "j-1"."""
    slug = re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")
    return slug or "x"


_KIND_PREFIX = {
    Kind.FRONT: "front",
    Kind.PREAMBLE: "pp",
    Kind.PART: "part",
    Kind.ARTICLE: "art",
    Kind.ANNEX: "annex",
    Kind.FINAL: "final",
    Kind.SECTION: "sec",
}


@dataclass(frozen=True)
class Unit:
    """One provision of a draft: an article, a preamble paragraph, an annex, a container heading."""

    kind: Kind
    number: (
        str  # the label exactly as written: "52", "8 bis", "J.1", "premier"; "PP3" for preambles
    )
    title: str = ""
    text: str = ""  # normalised body text: paragraphs joined by newlines, notes excluded
    heading: str = ""  # the heading as written (normalised), e.g. "Article 52"
    path: tuple[str, ...] = ()  # enclosing containers, outermost first: ("Part IV", "Chapter 2")
    start: int = 0  # character offsets into Draft.source (end exclusive)
    end: int = 0
    first_line: int = 0  # 1-based line range in the source, for citations
    last_line: int = 0
    paragraphs: tuple[Paragraph, ...] = ()
    notes: tuple[str, ...] = ()  # footnotes and facilitator's notes, kept apart from the text
    brackets: tuple[str, ...] = ()  # square-bracketed spans of the text (unagreed text, options)
    status: UnitStatus = UnitStatus.ACTIVE
    index: int = 0  # position among the draft's units
    # The source it covers, as [start, end) offsets into Draft.source in order: one span, or more
    # when page furniture interrupts it. All units' spans and the furniture tile the source.
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def key(self) -> str:
        """A stable id within one draft: "art-52", "pp-3", "annex-i", "part-iv", "chapter-ii".

        Containers are named by their heading word, so that Part I and Chapter I differ, and an
        unnumbered container by its heading ("part-final-clauses")."""
        if self.kind is Kind.PART:
            number = self.number.lower()
            words = [w for w in self.heading.split() if w.isalpha() and w.lower() != number]
            if self.number and words:
                return f"{anchor_slug(words[0])}-{anchor_slug(self.number)}"
            if not self.number and (self.title or self.heading):
                return f"part-{anchor_slug(self.title or self.heading)[:40].rstrip('-')}"
        if self.kind is Kind.PREAMBLE and self.number.startswith("PP"):
            return f"pp-{anchor_slug(self.number.removeprefix('PP'))}"  # "PP3": "pp-3"
        return f"{_KIND_PREFIX[self.kind]}-{anchor_slug(self.number)}"

    @property
    def sort_key(self) -> tuple[tuple[int, int, str], ...]:
        return label_sort_key(self.number)

    @property
    def citation(self) -> str:
        """How a lawyer cites the unit: "art. 52", "PP3", "Annex I", "Part IV"."""
        if self.kind is Kind.ARTICLE:
            return f"art. {self.number}"
        if self.kind is Kind.PREAMBLE:
            # "PP3"; the opening words and "Have agreed as follows:" are not numbered paragraphs.
            return self.number if self.number.startswith("PP") else f"preamble ({self.number})"
        if self.kind is Kind.ANNEX:
            return f"Annex {self.number}" if self.number else "Annex"
        if self.kind is Kind.SECTION:
            return f"section {self.number}"
        return self.heading or self.kind.value

    @property
    def body(self) -> str:
        """Title and text together: what alignment and diffing compare."""
        return f"{self.title}\n{self.text}" if self.title else self.text


@dataclass(frozen=True)
class Draft:
    """A parsed draft: units in document order plus the furniture, together covering the source."""

    source: str
    units: tuple[Unit, ...]
    furniture: tuple[Furniture, ...] = ()
    language: str = "en"
    warnings: tuple[str, ...] = ()

    def of_kind(self, *kinds: Kind) -> tuple[Unit, ...]:
        return tuple(unit for unit in self.units if unit.kind in kinds)

    @property
    def articles(self) -> tuple[Unit, ...]:
        return self.of_kind(Kind.ARTICLE)


@dataclass(frozen=True)
class Version:
    """Where a draft came from: what the report header and citations say about it."""

    label: str  # "Preliminary draft (Nov 2018)"
    path: str = ""  # as given by the user, or "drafts/x.txt@HEAD"
    date: str = ""
    source: str = ""  # provenance in words
    status: str = ""
    illustrative: bool = False
    sha256: str = ""
    commit: str = ""  # git commit id when read from a repository
    instrument: str = ""  # the instrument's title, from the manifest that lists the file


class MatchStatus(StrEnum):
    MATCHED = "matched"
    ADDED = "added"
    DELETED = "deleted"
    SPLIT = "split"
    MERGED = "merged"


@dataclass(frozen=True)
class Candidate:
    """A near miss offered as evidence for an added or deleted unit."""

    number: str
    similarity: float
    key: str = ""


@dataclass(frozen=True)
class Share:
    """In a split or merged row: which paragraphs passed from one unit to another."""

    old: str  # label of the old unit
    new: str  # label of the new unit
    # Labels ("1", "(a)") or ordinals: of the old unit's paragraphs in a split, of the new unit's
    # in a merge.
    paragraphs: tuple[str, ...]
    sentences: bool = False  # the unit had no paragraphs: the ordinals count its sentences


@dataclass(frozen=True)
class Match:
    """One row of the concordance: these old units became these new units."""

    status: MatchStatus
    kind: Kind
    old: tuple[Unit, ...]
    new: tuple[Unit, ...]
    similarity: float
    reason: str
    renumbered: bool = False
    modified: bool = False
    moved: bool = False
    nearest: tuple[Candidate, ...] = ()
    shares: tuple[Share, ...] = ()  # split and merged rows: which paragraphs went where


class Op(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


@dataclass(frozen=True)
class Edit:
    """One run of a diff. Concatenating the EQUAL and DELETE runs rebuilds the old text, EQUAL and
    INSERT runs the new one."""

    op: Op
    text: str
    moved: str = ""  # id shared by both ends of a move ("" when the text did not move)
    ignored: bool = (
        False  # a change the ignore options do not count (case, spacing...): still shown
    )


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


@dataclass(frozen=True)
class Evidence:
    old: str = ""
    new: str = ""


@dataclass(frozen=True)
class Flag:
    """A legally significant change, with the words that prove it."""

    rule: str  # "article-deleted", "obligation-weakened"...
    severity: Severity
    old: str | None  # article label in the old draft, or None
    new: str | None
    message: str
    evidence: Evidence = field(default_factory=Evidence)
    rationale: str = ""
    articles: tuple[str, ...] = ()  # every article a grouped flag covers (global substitutions)


@dataclass(frozen=True)
class Settings:
    """Every choice that changes a comparison; recorded in each report."""

    granularity: str = "word"  # "word" or "char"
    ignore: frozenset[str] = frozenset()  # "whitespace", "case", "punctuation", "numbering"
    language: str = ""  # "" detects
    diff_timeout: float = 0.0  # seconds; 0 means no limit, so results never depend on speed
    rules: str = ""  # TOML text overriding the shipped significance rules ("" = shipped rules only)
    rules_source: str = ""  # where `rules` came from, for the report: a file path

    def describe(self) -> str:
        ignore = ",".join(sorted(self.ignore)) or "nothing"
        described = (
            f"granularity={self.granularity}; ignore={ignore}; language={self.language or 'auto'}"
        )
        if self.rules:
            described += f"; rules={self.rules_source or 'custom'}"
        return described


class ParagraphStatus(StrEnum):
    """What happened to one paragraph of an article between two drafts."""

    EQUAL = "equal"
    MODIFIED = "modified"
    MOVED = "moved"  # paired with a paragraph elsewhere: out of order, or in another article
    ADDED = "added"
    DELETED = "deleted"


@dataclass(frozen=True)
class ParagraphDiff:
    """One paragraph of a row, aligned with its counterpart before its words are diffed."""

    status: ParagraphStatus
    old_label: str | None  # the paragraph's citation in the old draft: "1", "1(a)", "" unlabelled
    new_label: str | None  # None on the side where the paragraph does not exist
    edits: tuple[Edit, ...] = ()  # word diff of the paragraph; EQUAL+DELETE = old paragraph text
    moved: str = ""  # id shared with the other end of a move ("" when not moved)
    counterpart: str = ""  # where the other end of a move between articles is: "art. 9(2)"
    old_article: str = ""  # number of the old unit holding it (split and merged rows hold several)
    new_article: str = ""


@dataclass(frozen=True)
class Row:
    """A concordance row with the word diff of its text (empty for added and deleted rows)."""

    match: Match
    edits: tuple[Edit, ...] = ()
    title_edits: tuple[Edit, ...] = ()
    paragraphs: tuple[ParagraphDiff, ...] = ()  # every paragraph of both sides, in reading order
    note_edits: tuple[Edit, ...] = ()  # diff of the units' footnotes and facilitator's notes


@dataclass(frozen=True)
class Comparison:
    old_version: Version
    new_version: Version
    old: Draft
    new: Draft
    rows: tuple[Row, ...]
    flags: tuple[Flag, ...] = ()
    settings: Settings = field(default_factory=Settings)

    @property
    def changed(self) -> bool:
        return any(
            row.match.status is not MatchStatus.MATCHED
            or row.match.modified
            or row.match.renumbered
            or row.match.moved
            for row in self.rows
        )
