"""Before/after cases, one file each in tests/cases/flags/: every rule shown firing and held back.

A case file starts with a comment line, then `expect:` and `absent:` lines, then the two drafts:

    # "may be refused" became "shall be refused"
    expect: obligation-strengthened high 21 21
    absent: obligation-weakened
    === old
    Article 21 ...
    === new
    Article 21 ...

`expect: RULE SEVERITY OLD NEW` needs a flag with that rule, severity and article labels ("-" for
none, "*" for any, "_" for a space: "2_bis"). `absent: RULE` forbids the rule. Every flag above
info must be expected, so a case also fails on a false alarm.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from mla_diff.compare import compare_drafts
from mla_diff.model import Flag, Severity
from mla_diff.parse import parse_draft
from mla_diff.significance import RULES

CASES = Path(__file__).parent / "cases" / "flags"


@dataclass(frozen=True)
class Expected:
    rule: str
    severity: str
    old: str
    new: str

    def matches(self, flag: Flag) -> bool:
        return (
            flag.rule == self.rule
            and flag.severity.value == self.severity
            and _label(self.old, flag.old)
            and _label(self.new, flag.new)
        )

    def __str__(self) -> str:
        return f"{self.rule} {self.severity} {self.old} {self.new}"


def _label(wanted: str, actual: str | None) -> bool:
    """ "-" wants no label, "*" any; "_" stands for a space ("2_bis")."""
    if wanted in ("*", "-"):
        return wanted == "*" or actual is None
    return wanted.replace("_", " ") == actual


@dataclass(frozen=True)
class Case:
    name: str
    summary: str
    expected: tuple[Expected, ...]
    absent: tuple[str, ...]
    old: str
    new: str


def read_case(path: Path) -> Case:
    head, _, rest = path.read_text(encoding="utf-8").partition("=== old\n")
    old, _, new = rest.partition("=== new\n")
    assert old, f"{path.name}: needs an '=== old' section"
    assert new, f"{path.name}: needs an '=== new' section"
    expected: list[Expected] = []
    absent: list[str] = []
    summary = ""
    for line in head.splitlines():
        if line.startswith("#"):
            summary = summary or line.lstrip("# ")
        elif line.startswith("expect:"):
            rule, severity, old_label, new_label = line.split(":", 1)[1].split()
            assert rule in RULES, f"{path.name}: unknown rule {rule}"
            assert severity in {s.value for s in Severity}, f"{path.name}: bad severity"
            expected.append(Expected(rule, severity, old_label, new_label))
        elif line.startswith("absent:"):
            rule = line.split(":", 1)[1].strip()
            assert rule in RULES, f"{path.name}: unknown rule {rule}"
            absent.append(rule)
        elif line.strip():
            raise AssertionError(f"{path.name}: cannot read header line {line!r}")
    return Case(path.stem, summary, tuple(expected), tuple(absent), old, new)


def _cases() -> list[Case]:
    return [read_case(path) for path in sorted(CASES.glob("*.txt"))]


def _describe(flags: tuple[Flag, ...]) -> str:
    return "\n".join(
        f"  {f.rule} {f.severity.value} {f.old or '-'} {f.new or '-'}: {f.message}" for f in flags
    )


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c.name)
def test_case(case: Case) -> None:
    flags = compare_drafts(parse_draft(case.old), parse_draft(case.new)).flags
    for expected in case.expected:
        assert any(expected.matches(f) for f in flags), (
            f"{case.name} ({case.summary}): no {expected}; got\n{_describe(flags)}"
        )
    for rule in case.absent:
        assert not [f for f in flags if f.rule == rule], (
            f"{case.name}: {rule} raised\n{_describe(flags)}"
        )
    for flag in flags:  # every flag explains itself and shows its words
        assert flag.message, f"{case.name}: {flag.rule} has no message"
        assert flag.rationale, f"{case.name}: {flag.rule} has no rationale"
        assert flag.evidence.old or flag.evidence.new, f"{case.name}: {flag.rule} has no evidence"
    unexpected = tuple(
        f
        for f in flags
        if f.severity is not Severity.INFO and not any(e.matches(f) for e in case.expected)
    )
    assert not unexpected, f"{case.name}: false alarm\n{_describe(unexpected)}"


def test_the_suite_covers_every_rule_both_ways() -> None:
    cases = _cases()
    assert len(cases) >= 40
    raised = {e.rule for c in cases for e in c.expected}
    held_back = {rule for c in cases for rule in c.absent}
    assert set(RULES) - raised == set(), "rules no case raises"
    assert set(RULES) - held_back == set(), "rules no case holds back"


def test_a_case_that_expects_the_wrong_flag_fails(tmp_path: Path) -> None:
    """The runner is not vacuous: a case expecting a flag the drafts do not raise fails."""
    path = tmp_path / "wrong.txt"
    path.write_text(
        "# shall stays shall\nexpect: obligation-weakened high 1 1\n=== old\nArticle 1\n\n"
        "Each State Party shall cooperate.\n=== new\nArticle 1\n\n"
        "Each State Party shall cooperate fully.\n",
        encoding="utf-8",
    )
    with pytest.raises(AssertionError, match="no obligation-weakened"):
        test_case(read_case(path))
