"""Cross-references resolved through the concordance: dangling, or pointing elsewhere."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from mla_diff.model import Evidence, Kind, MatchStatus, Row, Severity
from mla_diff.rules.context import Finding, Passage, Provision, make_flag
from mla_diff.rules.evidence import map_span, window
from mla_diff.rules.references import Reference, Side, Sides, number_of, references
from mla_diff.rules.rulebook import Language


def crossrefs(
    rows: Sequence[Row], provisions: Sequence[Provision], language: Language, drafts: Sides
) -> Iterator[Finding]:
    old, new, concordance = drafts
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


@dataclass(frozen=True)
class _Verdict:
    """What is wrong with a reference: the flag it earns, but for its evidence."""

    rule: str
    severity: Severity
    message: str
    rationale: str


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
        verdict = _judge(passage, ref, twin, old, new, concordance)
        if verdict is None:
            continue
        # The words around the reference on each side, read only for a reference flagged: most
        # references are in order.
        evidence = Evidence(
            window(passage.old, twin.start, twin.end) if twin else "",
            window(passage.new, ref.start, ref.end),
        )
        yield Finding(
            make_flag(
                verdict.rule,
                verdict.severity,
                passage,
                verdict.message,
                evidence,
                verdict.rationale,
            )
        )


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
) -> _Verdict | None:
    cite = passage.cite
    written = ref.written()
    if twin is not None and not old.active(twin.key):
        return None  # it pointed at nothing before either: not a change
    if twin is not None and ref.key in concordance.get(twin.key, []) and ref.key != twin.key:
        return None  # updated for the renumbering: no change
    if not new.active(ref.key):
        successors = concordance.get(ref.key, [])
        if old.active(ref.key) and successors:
            now_at = ", ".join(f"art. {number_of(new, s)}" for s in successors)
            return _Verdict(
                "crossref-dangling",
                Severity.INFO,
                f"{cite}: the reference to {written} keeps the former number; "
                f"that article is now {now_at}",
                "The provision cited still exists under a new number: the reference needs "
                "updating, nothing more.",
            )
        reason = "was deleted" if ref.key in old.units else "does not exist in this draft"
        return _Verdict(
            "crossref-dangling",
            Severity.MEDIUM,
            f"{cite}: the reference to {written} is dangling: that article {reason}",
            "A reference to a provision that is gone leaves the obligation that relies on it "
            "without content.",
        )
    if twin is None:
        if ref.path and not new.has_paragraph(ref.key, ref.path[0]):
            return _missing_paragraph(passage, ref, new)
        return None
    successors = concordance.get(twin.key, [])
    if not successors and ref.key == twin.key and ref.key in new.fresh:
        return None  # the article was replaced in place: the reference follows its number
    if ref.key in successors:
        was_valid = not twin.path or old.has_paragraph(twin.key, twin.path[0])
        if ref.path and was_valid and not new.has_paragraph(ref.key, ref.path[0]):
            return _missing_paragraph(passage, ref, new)
        return None
    if successors:
        now_at = ", ".join(f"art. {number_of(new, s)}" for s in successors)
        former = f"the former art. {twin.article} is now {now_at}"
    else:
        former = f"the former art. {twin.article} was deleted"
    if ref.key == twin.key:
        # Left as it was while the numbering moved under it: it now lands on another provision.
        return _Verdict(
            "crossref-dangling",
            Severity.MEDIUM,
            f"{cite}: the reference to {written} is dangling: it now points at another "
            f"provision ({former})",
            "A reference left unchanged while the articles were renumbered imports the wrong "
            "provision, or none.",
        )
    if successors == [twin.key]:
        message = (
            f"{cite}: the reference changed from {twin.written()} to {written}: it now points at "
            "a different provision"
        )
    else:
        message = f"{cite}: the reference changed from {twin.written()} to {written}; {former}"
    return _Verdict(
        "crossref-retargeted",
        Severity.MEDIUM,
        message,
        "A reference that points at another provision than before imports other obligations.",
    )


def _missing_paragraph(passage: Passage, ref: Reference, new: Side) -> _Verdict:
    return _Verdict(
        "crossref-dangling",
        Severity.MEDIUM,
        f"{passage.cite}: the reference to {ref.written()} is dangling: "
        f"art. {number_of(new, ref.key)} has no paragraph {ref.path[0]}",
        "A reference to a paragraph that does not exist cannot be applied.",
    )
