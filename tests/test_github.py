"""GitHub Actions output as library calls: annotation commands and the step summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from mla_diff.compare import compare_drafts
from mla_diff.github import annotation_commands, write_step_summary
from mla_diff.model import Comparison, Settings, Version
from mla_diff.parse import parse_draft
from mla_diff.policy import Policy, evaluate
from tests.drafting import V1, V2


def _comparison() -> Comparison:
    return compare_drafts(
        parse_draft(V1),
        parse_draft(V2),
        Settings(),
        old_version=Version("v1", "v1.txt"),
        new_version=Version("v2", "v2.txt"),
    )


def test_annotation_commands_name_the_drafts_as_the_workspace_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    comparison = _comparison()
    commands = annotation_commands(comparison, tmp_path / "d" / "v1.txt", Path("v2.txt"))
    assert len(commands) == len(comparison.flags)
    assert all(c.startswith(("::warning ", "::notice ")) for c in commands)  # no policy failed
    assert any(" file=d/v1.txt," in c for c in commands)
    policy = Policy(("critical",), "--fail-on")
    failing = annotation_commands(
        comparison, Path("v1.txt"), Path("v2.txt"), evaluate(comparison, policy)
    )
    assert failing[0].startswith("::error file=v1.txt,")


def test_step_summary_is_written_only_where_github_says(tmp_path: Path) -> None:
    comparison = _comparison()
    assert not write_step_summary(comparison, "9.9", environ={})
    summary = tmp_path / "summary.md"
    environ = {"GITHUB_STEP_SUMMARY": str(summary)}
    assert write_step_summary(comparison, "9.9", environ=environ)
    policy = Policy(("critical",), "--fail-on")
    violations = evaluate(comparison, policy)
    assert write_step_summary(comparison, "9.9", policy, violations, environ)
    text = summary.read_text(encoding="utf-8")
    assert text.count("## v1 → v2") == 2
    assert "**Policy failed**: 1 violation(s) of fail-on critical (--fail-on)." in text
