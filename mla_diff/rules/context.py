"""What the rules read: each provision as passages of old and new wording, with citations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from mla_diff.diff import diff_texts, new_text, old_text
from mla_diff.model import (
    Edit,
    Evidence,
    Flag,
    Kind,
    MatchStatus,
    ParagraphDiff,
    Row,
    Severity,
    Unit,
)
from mla_diff.rules.evidence import Hunk, find_hunks, map_span, normalise_words, window

# Kinds of unit the text rules read; preamble paragraphs have a rule of their own.
PROVISION_KINDS = (Kind.ARTICLE, Kind.ANNEX, Kind.SECTION)


@dataclass(frozen=True)
class Passage:
    """A paragraph as it was and as it is ("" on the side where it does not exist)."""

    old: str
    new: str
    old_cite: str  # "Art. 21(1)(a)", "" when absent
    new_cite: str
    old_article: str | None  # the label a flag carries: "21", "Annex I"
    new_article: str | None
    old_context: str = ""  # the chapeau(s) the paragraph continues, on each side
    new_context: str = ""
    adjusted_old: str = ""  # the old wording with global substitutions applied: what rules count
    title: bool = False  # the provision's title rather than a paragraph of its text

    @cached_property
    def edits(self) -> tuple[Edit, ...]:
        return diff_texts(self.old, self.new)

    @cached_property
    def hunks(self) -> tuple[Hunk, ...]:
        return tuple(find_hunks(self.edits))

    @property
    def cite(self) -> str:
        return self.new_cite or self.old_cite

    def evidence(self, side: str, start: int, end: int) -> Evidence:
        """The words around [start, end) of one side, and the words at the same place of the
        other side."""
        if side == "old":
            o_start, o_end = start, end
            n_start, n_end = map_span(self.edits, start, end, "old")
        else:
            n_start, n_end = start, end
            o_start, o_end = map_span(self.edits, start, end, "new")
        return Evidence(window(self.old, o_start, o_end), window(self.new, n_start, n_end))


@dataclass(frozen=True)
class Provision:
    """A provision present in both drafts (or text moved between two), passage by passage."""

    position: int  # index of its row: flags follow the report's reading order
    kind: Kind
    old_label: str | None
    new_label: str | None
    passages: tuple[Passage, ...]
    moved_between: bool = False  # text that left old_label for new_label

    @property
    def cite(self) -> str:
        return cite_unit(self.kind, self.new_label or self.old_label or "")

    @property
    def changed(self) -> bool:
        """Whether any of its wording differs (global substitutions aside)."""
        return any(p.adjusted_old != p.new for p in self.passages)

    def adjusted_old_text(self) -> str:
        return "\n".join(p.adjusted_old for p in self.passages if p.adjusted_old)

    def new_text(self) -> str:
        return "\n".join(p.new for p in self.passages if p.new)


@dataclass(frozen=True)
class Finding:
    """A flag with what orders it and what it explains (so that a grouped flag can stand for
    the flags it replaces)."""

    flag: Flag
    position: tuple[int, int] = (0, 0)
    covers: frozenset[tuple[str, str]] = field(default_factory=frozenset)  # (article, term)


def label_of(unit: Unit) -> str:
    """The label a flag gives a unit: the number for articles, the citation otherwise."""
    return unit.number if unit.kind is Kind.ARTICLE else unit.citation


def cite_unit(kind: Kind, label: str, paragraph: str = "") -> str:
    """How a lawyer writes it: "Art. 21(1)(a)", "Annex I(2)", "PP3"."""
    if kind is Kind.ARTICLE:
        return f"Art. {label}{paragraph}"
    return f"{label}{paragraph}"


def apply_substitutions(passage: Passage, substitutions: frozenset[tuple[str, str]]) -> str:
    """The old wording with the given word substitutions made, where the new wording made them."""
    if not substitutions or not passage.old or not passage.new:
        return passage.old
    out: list[str] = []
    position = 0
    for hunk in passage.hunks:
        if (normalise_words(hunk.old), normalise_words(hunk.new)) in substitutions:
            out.append(passage.old[position : hunk.old_start])
            out.append(hunk.new)
            position = hunk.old_end
    out.append(passage.old[position:])
    return "".join(out)


def _depth(label: str | None) -> int:
    return (label or "").count("(")


def chapeau_contexts(paragraphs: Sequence[tuple[str | None, str]]) -> list[str]:
    """For each paragraph, the text of the chapeaux it continues (labels deeper than theirs)."""
    stack: list[tuple[int, str]] = []
    out: list[str] = []
    for label, text in paragraphs:
        depth = _depth(label)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        # Most paragraphs are top-level ones, which continue nothing.
        out.append(" ".join(t for _, t in stack) if stack else "")
        if depth == 0 or text.rstrip().endswith((":", "—", "-")):
            stack.append((depth, text))
    return out


def _side_contexts(
    paragraphs: Sequence[tuple[ParagraphDiff, str, str]], side: str
) -> dict[int, str]:
    """The chapeaux each paragraph present on one side continues, by its index in `paragraphs`
    (a paragraph's diff and its old and new wording)."""
    present = [
        (k, d.old_label if side == "old" else d.new_label, old if side == "old" else new)
        for k, (d, old, new) in enumerate(paragraphs)
        if (d.old_label if side == "old" else d.new_label) is not None
    ]
    texts = [(label, text) for _, label, text in present]
    return {k: context for (k, _, _), context in zip(present, chapeau_contexts(texts), strict=True)}


def provision_passages(row: Row, kind: Kind) -> list[Passage]:
    """The passages of a row present on both sides: its title, then its paragraphs."""
    match = row.match
    old_units, new_units = match.old, match.new
    old_label = label_of(old_units[0]) if old_units else None
    new_label = label_of(new_units[0]) if new_units else None
    passages: list[Passage] = []
    old_title = " ".join(u.title for u in old_units)
    new_title = " ".join(u.title for u in new_units)
    if old_title or new_title:
        passages.append(
            Passage(
                old_title,
                new_title,
                f"{cite_unit(kind, old_label or '')} (title)" if old_label else "",
                f"{cite_unit(kind, new_label or '')} (title)" if new_label else "",
                old_label,
                new_label,
                adjusted_old=old_title,
                title=True,
            )
        )
    # Each paragraph's wording on each side, read once ("" on a side without it). One end of a
    # move between provisions is left out: it is read with its other end.
    paragraphs = [
        (
            diff,
            old_text(diff.edits) if diff.old_label is not None else "",
            new_text(diff.edits) if diff.new_label is not None else "",
        )
        for diff in row.paragraphs
        if not (diff.moved and diff.counterpart)
    ]
    old_contexts = _side_contexts(paragraphs, "old")
    new_contexts = _side_contexts(paragraphs, "new")
    for k, (diff, old, new) in enumerate(paragraphs):
        # A paragraph added to (or deleted from) an article still belongs to the article on both
        # sides: its flags name both labels.
        old_article = _article_label(diff.old_article, old_units)
        new_article = _article_label(diff.new_article, new_units)
        passages.append(
            Passage(
                old,
                new,
                cite_unit(kind, old_article, diff.old_label or "")
                if old_article and diff.old_label is not None
                else "",
                cite_unit(kind, new_article, diff.new_label or "")
                if new_article and diff.new_label is not None
                else "",
                old_article,
                new_article,
                old_contexts.get(k, ""),
                new_contexts.get(k, ""),
                adjusted_old=old,
            )
        )
    return passages


def _article_label(number: str, units: tuple[Unit, ...]) -> str | None:
    for unit in units:
        if unit.number == number:
            return label_of(unit)
    return label_of(units[0]) if units else None


def moved_passages(rows: Sequence[Row]) -> list[tuple[int, Passage]]:
    """Text moved between provisions, as passages from the old end to the new end, placed at the
    row of the new end."""
    gone: dict[str, tuple[Row, ParagraphDiff]] = {}
    came: dict[str, tuple[int, Row, ParagraphDiff]] = {}
    for position, row in enumerate(rows):
        for diff in row.paragraphs:
            if not (diff.moved and diff.counterpart):
                continue
            if diff.old_label is not None:
                gone[diff.moved] = (row, diff)
            else:
                came[diff.moved] = (position, row, diff)
    out: list[tuple[int, Passage]] = []
    for moved in sorted(came, key=lambda m: (came[m][0], m)):
        if moved not in gone:
            continue
        position, new_row, new_diff = came[moved]
        old_row, old_diff = gone[moved]
        old_kind, new_kind = old_row.match.kind, new_row.match.kind
        old_article = _article_label(old_diff.old_article, old_row.match.old)
        new_article = _article_label(new_diff.new_article, new_row.match.new)
        old = old_text(old_diff.edits)
        out.append(
            (
                position,
                Passage(
                    old,
                    new_text(new_diff.edits),
                    cite_unit(old_kind, old_article or "", old_diff.old_label or ""),
                    cite_unit(new_kind, new_article or "", new_diff.new_label or ""),
                    old_article,
                    new_article,
                    adjusted_old=old,
                ),
            )
        )
    return out


def is_provision(row: Row) -> bool:
    return row.match.kind in PROVISION_KINDS and row.match.status not in (
        MatchStatus.ADDED,
        MatchStatus.DELETED,
    )


def make_flag(
    rule: str,
    severity: Severity,
    passage_or_labels: Passage | tuple[str | None, str | None],
    message: str,
    evidence: Evidence,
    rationale: str,
    articles: tuple[str, ...] = (),
) -> Flag:
    if isinstance(passage_or_labels, Passage):
        old, new = passage_or_labels.old_article, passage_or_labels.new_article
    else:
        old, new = passage_or_labels
    return Flag(rule, severity, old, new, message, evidence, rationale, articles)
