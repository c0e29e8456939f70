"""GitHub Actions output: flags as workflow annotations on the draft's lines, and the step summary.

Levels: a flag that fails the policy is an `::error` (it is what turned the check red); other
critical, high and medium flags are `::warning`; low and info flags are `::notice`. An annotation
points at the article in the new draft, or in the old draft for a deletion."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from mla_diff.errors import OutputError
from mla_diff.model import Comparison, Draft, Flag, Kind, Severity, Unit
from mla_diff.policy import Policy, Violation, describe_violation
from mla_diff.render import render_markdown

SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY"


@dataclass(frozen=True)
class Annotation:
    level: str  # "error", "warning" or "notice"
    path: str
    line: int
    end_line: int
    title: str
    message: str

    def command(self) -> str:
        """The workflow command line GitHub turns into an annotation."""
        props = [f"file={_escape_property(self.path)}"]
        if self.line:
            props.append(f"line={self.line}")
            props.append(f"endLine={max(self.end_line, self.line)}")
        props.append(f"title={_escape_property(self.title)}")
        return f"::{self.level} {','.join(props)}::{_escape_data(self.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workspace_path(path: Path) -> str:
    """The path as GitHub names files: relative to the working directory, posix separators."""
    absolute = path.absolute()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def _find_article(draft: Draft, label: str) -> Unit | None:
    units = [u for u in draft.units if u.number == label]
    return next((u for u in units if u.kind is Kind.ARTICLE), units[0] if units else None)


def _level(flag: Flag, failing: bool) -> str:
    if failing:
        return "error"
    return "notice" if flag.severity.rank > Severity.MEDIUM.rank else "warning"


def flag_annotations(
    comparison: Comparison,
    old_path: str,
    new_path: str,
    violations: Sequence[Violation] = (),
) -> list[Annotation]:
    """One annotation per flag, at the flagged article's lines."""
    failing = {(v.rule, v.old, v.new) for v in violations}
    found: list[Annotation] = []
    for flag in comparison.flags:
        if flag.new is not None:
            unit, path = _find_article(comparison.new, flag.new), new_path
        else:
            unit, path = _find_article(comparison.old, flag.old or ""), old_path
        found.append(
            Annotation(
                level=_level(flag, (flag.rule, flag.old, flag.new) in failing),
                path=path,
                line=unit.first_line if unit else 0,
                end_line=unit.last_line if unit else 0,
                title=f"{flag.rule} ({flag.severity.value})",
                message=flag.message,
            )
        )
    known = {(f.rule, f.old, f.new) for f in comparison.flags}
    for violation in violations:  # gates that trip without a flag, e.g. a bare deletion
        if (violation.rule, violation.old, violation.new) in known:
            continue
        unit = _find_article(comparison.old, violation.old or "")
        found.append(
            Annotation(
                "error",
                old_path,
                unit.first_line if unit else 0,
                unit.last_line if unit else 0,
                f"{violation.rule} ({', '.join(violation.gates)})",
                violation.message,
            )
        )
    return found


def policy_markdown(policy: Policy, violations: Sequence[Violation]) -> str:
    """The policy's verdict, appended to the comparison's Markdown summary."""
    if not violations:
        return f"\n**Policy passed**: {policy.describe()}.\n"
    lines = [f"\n**Policy failed**: {len(violations)} violation(s) of {policy.describe()}.\n"]
    lines += [f"- {describe_violation(v)}" for v in violations]
    return "\n".join(lines) + "\n"


def summary_path(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where the step summary goes: $GITHUB_STEP_SUMMARY when set (with or without --github)."""
    value = (os.environ if environ is None else environ).get(SUMMARY_VARIABLE, "")
    return Path(value) if value else None


def append_summary(path: Path, markdown: str) -> None:
    """Append to the step summary file, as GitHub expects (each step appends its part)."""
    try:
        with path.open("a", encoding="utf-8", newline="\n") as summary:
            summary.write(markdown if markdown.endswith("\n") else markdown + "\n")
    except OSError as exc:
        raise OutputError(
            f"cannot be appended to ({exc.strerror})",
            path=str(path),
            hint=f"check ${SUMMARY_VARIABLE}",
        ) from exc


def annotation_commands(
    comparison: Comparison, old: Path, new: Path, violations: Sequence[Violation] = ()
) -> list[str]:
    """The workflow command lines that annotate the drafts `old` and `new` with their flags."""
    old_path, new_path = workspace_path(old), workspace_path(new)
    return [note.command() for note in flag_annotations(comparison, old_path, new_path, violations)]


def write_step_summary(
    comparison: Comparison,
    tool_version: str,
    policy: Policy | None = None,
    violations: Sequence[Violation] = (),
    environ: Mapping[str, str] | None = None,
) -> bool:
    """Append the comparison's Markdown summary, and the policy's verdict when one was applied, to
    $GITHUB_STEP_SUMMARY; False when that is not set, so nothing was written."""
    summary = summary_path(environ)
    if summary is None:
        return False
    markdown = render_markdown(comparison, tool_version)
    if policy is not None:
        markdown += policy_markdown(policy, violations)
    append_summary(summary, markdown)
    return True
