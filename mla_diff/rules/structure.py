"""Rules on whole provisions: articles added or deleted, renumbering alone, preamble paragraphs."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from mla_diff.diff import new_text, old_text
from mla_diff.model import (
    Evidence,
    Flag,
    Kind,
    Match,
    MatchStatus,
    ParagraphDiff,
    ParagraphStatus,
    Row,
    Severity,
    Unit,
    UnitStatus,
)
from mla_diff.rules.context import PROVISION_KINDS, Finding, cite_unit, label_of, make_flag
from mla_diff.rules.evidence import editorial_only, quote, strip_label
from mla_diff.rules.rulebook import Language

EXCERPT = 300  # characters of a whole added or deleted provision quoted as evidence


def _excerpt(unit: Unit) -> str:
    text = " ".join(unit.body.split())
    return text if len(text) <= EXCERPT else text[:EXCERPT].rsplit(" ", 1)[0] + "…"


def _terms_in(unit: Unit, language: Language) -> list[str]:
    return [term.name for term in language.watch_terms if term.count(unit.body)]


def _moved_share(row: Row) -> tuple[float, list[str]]:
    """How much of a one-sided row's text moved to or from other provisions, and where."""
    total = moved = 0
    where: list[str] = []
    for diff in row.paragraphs:
        size = sum(len(e.text) for e in diff.edits)
        total += size
        if diff.moved and diff.counterpart:
            moved += size
            article = diff.counterpart.split("(")[0]
            if article not in where:
                where.append(article)
    return (moved / total if total else 0.0), where


def _placeholder_change(match: Match) -> tuple[Unit | None, Unit | None]:
    """A matched article turned into a "[Deleted]" placeholder, or a placeholder filled in."""
    if match.status is not MatchStatus.MATCHED or len(match.old) != 1 or len(match.new) != 1:
        return None, None
    old, new = match.old[0], match.new[0]
    if old.status is UnitStatus.ACTIVE and new.status is UnitStatus.DELETED:
        return old, None
    if old.status is UnitStatus.DELETED and new.status is UnitStatus.ACTIVE:
        return None, new
    return None, None


def is_placeholder_change(match: Match) -> bool:
    return _placeholder_change(match) != (None, None)


def provisions_added_deleted(rows: Sequence[Row], language: Language) -> Iterator[Finding]:
    for position, row in enumerate(rows):
        match = row.match
        if match.kind not in PROVISION_KINDS:
            continue
        gone, came = _placeholder_change(match)
        if match.status is MatchStatus.DELETED:
            gone = match.old[0]
        if match.status is MatchStatus.ADDED:
            came = match.new[0]
        if gone is not None and gone.status is UnitStatus.ACTIVE:
            yield Finding(_deleted(gone, row, match, language), (position, 0))
        if came is not None and came.status is UnitStatus.ACTIVE:
            yield Finding(_added(came, row, match, language), (position, 0))


def _named(unit: Unit) -> str:
    cite = cite_unit(unit.kind, label_of(unit))
    return f"{cite} ({unit.title})" if unit.title else cite


def _deleted(unit: Unit, row: Row, match: Match, language: Language) -> Flag:
    terms = _terms_in(unit, language)
    share, where = _moved_share(row) if match.status is MatchStatus.DELETED else (0.0, [])
    new_label = label_of(match.new[0]) if match.new else None
    if share >= 0.5:
        return make_flag(
            "article-deleted",
            Severity.INFO,
            (label_of(unit), new_label),
            f"{_named(unit)} was deleted as such; its text moved to {', '.join(where)}",
            Evidence(old=_excerpt(unit)),
            "The words survive elsewhere: see the moved text at the other end.",
        )
    about = f"; it mentioned {', '.join(quote(t) for t in terms)}" if terms else ""
    return make_flag(
        "article-deleted",
        Severity.CRITICAL if terms else Severity.MEDIUM,
        (label_of(unit), new_label),
        f"{_named(unit)} was deleted{about}",
        Evidence(old=_excerpt(unit)),
        "A provision that disappears without a counterpart changes what States accept"
        + (", and this one touched a watch term." if terms else "."),
    )


def _added(unit: Unit, row: Row, match: Match, language: Language) -> Flag:
    terms = _terms_in(unit, language)
    critical = [t for t in terms if t in language.critical_terms]
    share, where = _moved_share(row) if match.status is MatchStatus.ADDED else (0.0, [])
    old_label = label_of(match.old[0]) if match.old else None
    if share >= 0.5:
        return make_flag(
            "article-added",
            Severity.INFO,
            (old_label, label_of(unit)),
            f"{_named(unit)} is new as such; its text moved here from {', '.join(where)}",
            Evidence(new=_excerpt(unit)),
            "The words were already in the draft elsewhere: see the moved text.",
        )
    about = f"; it mentions {', '.join(quote(t) for t in terms)}" if terms else ""
    return make_flag(
        "article-added",
        Severity.HIGH if critical else Severity.MEDIUM,
        (old_label, label_of(unit)),
        f"{_named(unit)} is new{about}",
        Evidence(new=_excerpt(unit)),
        "A new provision has no earlier text to compare with: read it whole.",
    )


def renumbered_only(rows: Sequence[Row]) -> Iterator[Finding]:
    """Articles whose only change is their number, their place, or the order of their
    paragraphs: reported at info, so that they can be collapsed."""
    for position, row in enumerate(rows):
        match = row.match
        if match.kind not in PROVISION_KINDS or match.status is not MatchStatus.MATCHED:
            continue
        if is_placeholder_change(match):
            continue
        old, new = match.old[0], match.new[0]
        diffs = row.paragraphs
        reordered = any(d.status is ParagraphStatus.MOVED for d in diffs)
        relabelled = any(d.old_label != d.new_label for d in diffs)
        if not (match.renumbered or match.moved or reordered or relabelled):
            continue
        if not all(_same_words(d) for d in diffs):
            continue
        retitled = not editorial_only(old.title, new.title)
        exact = all(d.status is ParagraphStatus.EQUAL for d in diffs) and old.title == new.title
        old_cite, new_cite = cite_unit(old.kind, label_of(old)), cite_unit(new.kind, label_of(new))
        if match.renumbered:
            message = f"{old_cite} became {new_cite.replace('Art.', 'art.')}; the text is unchanged"
        elif reordered:
            message = f"{new_cite}: paragraphs reordered; the words are unchanged"
        elif relabelled:
            message = f"{new_cite}: paragraphs renumbered; the words are unchanged"
        else:
            message = f"{new_cite} moved to another place in the draft; the text is unchanged"
        if not exact and not reordered and not relabelled and not retitled:
            message += " but for spacing, case or punctuation"
        if retitled:
            message += f"; its title changed to {quote(new.title)}"
        yield Finding(
            make_flag(
                "renumbered-only",
                Severity.INFO,
                (label_of(old), label_of(new)),
                message,
                Evidence(old.heading or old_cite, new.heading or new_cite),
                "A new number or place changes citations, not obligations.",
            ),
            (position, 0),
        )


def _same_words(diff: ParagraphDiff) -> bool:
    """A paragraph present on both sides with the same words, whatever its label or place."""
    if diff.status is ParagraphStatus.EQUAL:
        return True
    if diff.old_label is None or diff.new_label is None:
        return False
    old, new = old_text(diff.edits), new_text(diff.edits)
    return editorial_only(strip_label(old), strip_label(new))


def preamble(rows: Sequence[Row]) -> Iterator[Finding]:
    for position, row in enumerate(rows):
        match = row.match
        if match.kind is not Kind.PREAMBLE:
            continue
        if match.status is MatchStatus.ADDED or match.status is MatchStatus.DELETED:
            unit = (match.new or match.old)[0]
            added = match.status is MatchStatus.ADDED
            yield Finding(
                make_flag(
                    "preamble-changed",
                    Severity.MEDIUM,
                    (None, unit.number) if added else (unit.number, None),
                    f"{unit.number} was {'added' if added else 'removed'}: {quote(unit.text)}",
                    Evidence(new=_excerpt(unit)) if added else Evidence(old=_excerpt(unit)),
                    "The preamble guides how the articles are read; a recital "
                    + ("added gives the text a new purpose." if added else "removed drops one."),
                ),
                (position, 0),
            )
        elif match.status is MatchStatus.MATCHED and match.modified:
            old, new = match.old[0], match.new[0]
            if editorial_only(old.text, new.text):
                continue
            yield Finding(
                make_flag(
                    "preamble-changed",
                    Severity.LOW,
                    (old.number, new.number),
                    f"{new.number} was reworded",
                    Evidence(_excerpt(old), _excerpt(new)),
                    "A reworded recital can shift how the articles are read.",
                ),
                (position, 0),
            )
