"""What the commands share: the error wrapper, exit codes, option decorators and GitHub output."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from mla_diff import __version__
from mla_diff.errors import InputError, MlaDiffError
from mla_diff.github import SUMMARY_VARIABLE, annotation_commands, write_step_summary
from mla_diff.headings import LANGUAGES
from mla_diff.model import Comparison
from mla_diff.policy import Policy, Violation

F = TypeVar("F", bound=Callable[..., Any])

EXIT_SAME, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def reports_errors(command: F) -> F:
    """Turn the library's errors into one line on stderr and exit code 2, never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except MlaDiffError as exc:
            fail(exc.one_line())

    return wrapper  # type: ignore[return-value]


def _auto_is_empty(_: click.Context, __: click.Parameter, value: str) -> str:
    return "" if value == "auto" else value


def language_option(whose: str = "the drafts'") -> Callable[[F], F]:
    """--language: the library's language code, "" when auto-detected."""
    return click.option(
        "--language",
        type=click.Choice(["auto", *LANGUAGES]),
        default="auto",
        show_default=True,
        callback=_auto_is_empty,
        help=f"Language of {whose} headings (Article, Artikel, Artículo...); auto detects it.",
    )


github_option = click.option(
    "--github",
    is_flag=True,
    help="Print flags as GitHub workflow annotations; the Markdown summary goes to "
    "$GITHUB_STEP_SUMMARY whenever that is set.",
)


def output_option(help_text: str, default: Path | None = None) -> Callable[[F], F]:
    """-o/--output: a file or folder to write."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path),
        default=default,
        show_default=default is not None,
        help=help_text,
    )


def format_option(
    choices: Sequence[str], help_text: str, default: str | None = None
) -> Callable[[F], F]:
    """--format, passed to the command as `fmt`."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=default is not None,
        help=help_text,
    )


def output_format(
    output: Path | None, fmt: str | None, formats: Mapping[str, str], unknown: str, hint: str
) -> str:
    """The format asked for: --format, else -o's extension, else text for the terminal."""
    if output is not None and not fmt:
        fmt = formats.get(output.suffix.lower())
        if fmt is None:
            raise InputError(f"{unknown} {output.suffix or '(none)'}", path=str(output), hint=hint)
    return fmt or "text"


def listing_options(command: F) -> F:
    """--instrument, --label, --date and --drafts: where a new version goes and its label."""
    options = (
        click.option(
            "--instrument",
            required=True,
            help="Instrument folder in the drafts folder, e.g. mla-convention.",
        ),
        click.option(
            "--label",
            required=True,
            help='Version label as advocates cite it, e.g. "Revised draft".',
        ),
        click.option("--date", required=True, help="Date of the draft: YYYY-MM-DD or YYYY-MM."),
        click.option(
            "--drafts",
            type=click.Path(path_type=Path),
            default=Path("drafts"),
            show_default=True,
            help="Folder holding one folder per instrument.",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


def report_to_github(
    comparison: Comparison,
    old: Path,
    new: Path,
    annotate: bool,
    policy: Policy | None = None,
    violations: tuple[Violation, ...] = (),
) -> None:
    """Annotations on stdout (with --github) and the Markdown summary appended to the step
    summary (whenever $GITHUB_STEP_SUMMARY is set)."""
    if annotate:
        for command in annotation_commands(comparison, old, new, violations):
            click.echo(command)
    written = write_step_summary(comparison, __version__, policy, violations)
    if not written and annotate:
        click.echo(f"note: ${SUMMARY_VARIABLE} is not set; no step summary written", err=True)
