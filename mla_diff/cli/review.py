"""Review commands: the policy gate (check) and the git diff driver (git-diff)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mla_diff import __version__
from mla_diff.cli.shared import (
    EXIT_CHANGED,
    EXIT_SAME,
    github_option,
    language_option,
    report_to_github,
    reports_errors,
)
from mla_diff.gitsource import DraftSpec
from mla_diff.pairs import check_pairs, compare_driver_files, review_pair, review_report_name
from mla_diff.policy import Policy, choose_policy, describe_violation, evaluate
from mla_diff.render import render_html
from mla_diff.reports import create_folder, write_text
from mla_diff.textdiff import render_text_diff


@click.command()
@click.argument("drafts", nargs=-1, required=True)
@click.option(
    "--fail-on",
    "fail_on",
    multiple=True,
    help="A gate: critical, high, medium, low or info (that severity or worse), deleted (any "
    "article deleted) or a flag rule name; repeat or separate with commas. Overrides the "
    "repository's policy.",
)
@click.option(
    "--config",
    type=click.Path(path_type=Path),
    help="Read the policy from this mla-diff.toml or pyproject.toml ([tool.mla-diff]).",
)
@click.option(
    "--base",
    default=None,
    help="Check each of DRAFTS against this git revision (its version there, its name before a "
    "rename, or the previous version in versions.toml for a new draft).",
)
@click.option(
    "--report-dir",
    type=click.Path(path_type=Path),
    help="Also write each comparison's HTML report into this folder.",
)
@github_option
@language_option()
@reports_errors
def check(
    drafts: tuple[str, ...],
    language: str,
    fail_on: tuple[str, ...],
    config: Path | None,
    base: str | None,
    report_dir: Path | None,
    github: bool,
) -> None:
    """Apply a policy to changed drafts: print the changes that violate it and exit 1 if any.

    DRAFTS is OLD NEW (each FILE or FILE@REV), or with --base one or more changed drafts. The policy
    comes from --fail-on, else --config, else mla-diff.toml or pyproject.toml [tool.mla-diff]
    (fail-on = [...]) beside the drafts or above them, else fail-on critical.

    Exit code 0 when no change violates the policy, 1 when one does, 2 on error."""
    pairs: list[tuple[DraftSpec, DraftSpec]] = []
    for old, new in check_pairs(drafts, base):
        if old is None:
            click.echo(f"{new}: a first draft, nothing to compare it with")
        else:
            pairs.append((old, new))
    if report_dir is not None:
        create_folder(report_dir)
    failed = 0
    policy: Policy | None = None
    for old, new in pairs:
        policy = policy or choose_policy(fail_on, config, new.path)
        comparison = review_pair(old, new, language)
        violations = evaluate(comparison, policy)
        report_to_github(comparison, old.path, new.path, github, policy, violations)
        if report_dir is not None:
            write_text(report_dir / review_report_name(new), render_html(comparison, __version__))
        verdict = f"{len(violations)} violation(s)" if violations else "passes"
        click.echo(f"{old} → {new}: {verdict}")
        for violation in violations:
            click.echo(f"  {describe_violation(violation)}")
        failed += bool(violations)
    if policy is not None:
        click.echo(f"policy {policy.describe()}: {failed} of {len(pairs)} draft(s) fail")
    sys.exit(EXIT_CHANGED if failed else EXIT_SAME)


@click.command("git-diff", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@reports_errors
def git_diff(args: tuple[str, ...]) -> None:
    """A git diff driver: git runs it as diff.mla.command with PATH OLD-FILE OLD-HEX OLD-MODE
    NEW-FILE NEW-HEX NEW-MODE, and it prints the article-level comparison.

    Set it up with: git config diff.mla.command "mla-diff git-diff" and, in .gitattributes,
    drafts/**/*.txt diff=mla. Then git diff and git log -p compare drafts article by article."""
    if len(args) == 1:
        click.echo(f"mla-diff {args[0]}: unmerged, resolve the conflict first")
        return
    comparison, name = compare_driver_files(args)
    click.echo(render_text_diff(comparison, name), nl=False)


COMMANDS = (check, git_diff)
