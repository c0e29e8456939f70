"""Policy gates: which flags of a comparison fail a check, from --fail-on or the drafts' repository.

A gate is a severity ("critical", "high", ...: that severity or worse), "deleted" (any article
deleted, whatever its flags say) or the name of a flag rule ("obligation-weakened"). The policy
lives in `mla-diff.toml` (top-level `fail-on = [...]`) or in `pyproject.toml` under
`[tool.mla-diff]`, in the folder of the new draft or any folder above it up to the repository root.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mla_diff.errors import InputError
from mla_diff.model import Comparison, Flag, Kind, MatchStatus, Severity, UnitStatus
from mla_diff.significance import RULES

DELETED = "deleted"
DEFAULT_GATES = (Severity.CRITICAL.value,)
CONFIG_FILES = ("mla-diff.toml", "pyproject.toml")
_KEYS = {"fail-on"}
_GATE = re.compile(r"^[a-z][a-z0-9-]*$")
_SEVERITIES = {severity.value for severity in Severity}
KNOWN_GATES = frozenset({*_SEVERITIES, DELETED, *RULES})


@dataclass(frozen=True)
class Policy:
    """The gates a check applies, and where they were read (for the check's last line)."""

    gates: tuple[str, ...]
    origin: str  # "--fail-on", a config file path, or "default"

    def describe(self) -> str:
        return f"fail-on {', '.join(self.gates)} ({self.origin})"


@dataclass(frozen=True)
class Violation:
    """A change that fails the policy: the gates it trips and what to show the reader."""

    gates: tuple[str, ...]
    severity: Severity
    rule: str
    old: str | None  # article labels, as in Flag
    new: str | None
    message: str


def parse_gates(values: Iterable[str], origin: str) -> tuple[str, ...]:
    """Gates from --fail-on values or a config list; commas separate several in one value."""
    gates: list[str] = []
    for value in values:
        for word in value.split(","):
            gate = word.strip().lower()
            if not gate:
                continue
            if not _GATE.match(gate) or gate not in KNOWN_GATES:
                raise InputError(
                    f"'{word.strip()}' is not a gate",
                    path=origin,
                    hint="use critical, high, medium, low, info, deleted or a flag rule name "
                    "such as article-deleted or obligation-weakened",
                )
            if gate not in gates:
                gates.append(gate)
    if not gates:
        raise InputError(
            "names no gate", path=origin, hint="e.g. fail-on = ['critical', 'deleted']"
        )
    return tuple(gates)


def find_policy(start: Path) -> Policy | None:
    """The first policy found in `start` or a folder above it, stopping at a repository root."""
    folder = start.absolute()
    while True:
        for name in CONFIG_FILES:
            policy = read_policy(folder / name)
            if policy is not None:
                return policy
        if (folder / ".git").exists() or folder == folder.parent:
            return None
        folder = folder.parent


def read_policy(path: Path) -> Policy | None:
    """The policy in one config file, or None when the file holds none."""
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise InputError(f"cannot be read as TOML: {exc}", path=str(path), hint="fix it") from exc
    table: Any = (
        data.get("tool", {}).get("mla-diff") if isinstance(data.get("tool"), dict) else None
    )
    if path.name == "mla-diff.toml" and table is None:
        table = data
    if not isinstance(table, dict) or "fail-on" not in table:
        return None
    unknown = sorted(set(table) - _KEYS - ({"tool"} if table is data else set()))
    if unknown:
        raise InputError(
            f"unknown mla-diff setting {', '.join(unknown)}",
            path=str(path),
            hint="the policy takes fail-on = [...]",
        )
    values = table["fail-on"]
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise InputError("fail-on must be a list of strings", path=str(path), hint="fix it")
    return Policy(parse_gates(values, str(path)), str(path))


def choose_policy(fail_on: tuple[str, ...], config: Path | None, draft: Path) -> Policy:
    """--fail-on wins, then --config, then the drafts' repository, then DEFAULT_GATES."""
    if fail_on:
        return Policy(parse_gates(fail_on, "--fail-on"), "--fail-on")
    if config is not None:
        if not config.is_file():
            raise InputError("no such file", path=str(config), hint="check --config")
        policy = read_policy(config)
        if policy is None:
            raise InputError("holds no fail-on setting", path=str(config), hint="add one")
        return policy
    return find_policy(draft.parent) or Policy(DEFAULT_GATES, "default")


def _trips(flag: Flag, gates: tuple[str, ...]) -> tuple[str, ...]:
    tripped = []
    for gate in gates:
        if (gate in _SEVERITIES and flag.severity.rank <= Severity(gate).rank) or gate == flag.rule:
            tripped.append(gate)
    return tuple(tripped)


def deleted_articles(comparison: Comparison) -> list[str]:
    """Labels of the old draft's articles the new draft deletes (gone, or left a placeholder)."""
    labels = []
    for row in comparison.rows:
        match = row.match
        if match.kind is not Kind.ARTICLE:
            continue
        if (match.status is MatchStatus.DELETED and match.old[0].status is UnitStatus.ACTIVE) or (
            match.status is MatchStatus.MATCHED
            and match.old[0].status is UnitStatus.ACTIVE
            and match.new[0].status is not UnitStatus.ACTIVE
        ):
            labels.append(match.old[0].number)
    return labels


def evaluate(comparison: Comparison, policy: Policy) -> tuple[Violation, ...]:
    """Every flag that trips a gate, plus each deleted article when "deleted" is a gate."""
    violations: list[Violation] = []
    covered: set[str] = set()
    for flag in comparison.flags:
        gates = _trips(flag, policy.gates)
        if DELETED in policy.gates and flag.rule == "article-deleted":
            gates = (*gates, DELETED)
        if gates:
            violations.append(
                Violation(gates, flag.severity, flag.rule, flag.old, flag.new, flag.message)
            )
            if flag.rule == "article-deleted" and flag.old:
                covered.add(flag.old)
    if DELETED in policy.gates:
        for label in deleted_articles(comparison):
            if label not in covered:
                violations.append(
                    Violation(
                        (DELETED,),
                        Severity.MEDIUM,
                        "article-deleted",
                        label,
                        None,
                        f"Art. {label} was deleted.",
                    )
                )
    return tuple(violations)


def describe_violation(violation: Violation) -> str:
    """One line per violation: where, how bad, which rule, what happened, which gate."""
    where = f"art. {violation.new or violation.old}"
    if violation.old and violation.new and violation.old != violation.new:
        where = f"art. {violation.old} → art. {violation.new}"
    gates = ", ".join(violation.gates)
    return f"{where}: {violation.severity.value} {violation.rule}: {violation.message} [{gates}]"
