"""The command line: click commands over the library; the only importer of click."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from mla_diff import __version__
from mla_diff.compare import compare_drafts
from mla_diff.errors import InputError, MlaDiffError, OutputError
from mla_diff.headings import LANGUAGES
from mla_diff.model import Settings, Version
from mla_diff.outline import outline_json, outline_text
from mla_diff.render import render_html, render_json, render_markdown
from mla_diff.reports import build_reports, write_text
from mla_diff.sources import read_draft, read_rules

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".json": "json"}
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mla-diff")
def main() -> None:
    """Compare successive treaty drafts: align articles across versions, diff them word by word,
    and flag legally significant changes.

    Exit codes: 0 no change, 1 changes found, 2 error."""


@main.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the report here; the extension (.html, .md, .json) picks the format.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "markdown", "json"]),
    help="Output format (default: from -o's extension, else html).",
)
@click.option(
    "--old-label", default="", help="Label of the old version in the report (default: file name)."
)
@click.option(
    "--new-label", default="", help="Label of the new version in the report (default: file name)."
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when the drafts differ.")
@click.option(
    "--language",
    type=click.Choice(["auto", *LANGUAGES]),
    default="auto",
    show_default=True,
    help="Language of the drafts' headings (Article, Artikel, Artículo...); auto detects it.",
)
@click.option(
    "--ignore",
    default="",
    metavar="LIST",
    help="Differences not to count as changes, comma-separated: whitespace, case, punctuation, "
    "numbering. They stay visible; square brackets and words always count.",
)
@click.option(
    "--granularity",
    type=click.Choice(["word", "char"]),
    default="word",
    show_default=True,
    help="Diff word by word, or character by character.",
)
@click.option(
    "--rules",
    "rules_file",
    type=click.Path(path_type=Path),
    help="A TOML rules file merged over the shipped significance rules (watch terms, modals, "
    "qualifiers...).",
)
@reports_errors
def compare(
    old: Path,
    new: Path,
    output: Path | None,
    fmt: str | None,
    old_label: str,
    new_label: str,
    exit_zero: bool,
    language: str,
    ignore: str,
    granularity: str,
    rules_file: Path | None,
) -> None:
    """Compare two drafts OLD and NEW article by article.

    Exit code 0 when the drafts have no change, 1 when they differ, 2 on error."""
    if output is not None and output.resolve() in (old.resolve(), new.resolve()):
        raise OutputError(
            "is one of the drafts being compared",
            path=str(output),
            hint="choose another output file",
        )
    if output is not None and not fmt:
        fmt = FORMATS.get(output.suffix.lower())
        if fmt is None:
            raise InputError(
                f"unknown report extension {output.suffix or '(none)'}",
                path=str(output),
                hint="use .html, .md or .json, or say --format",
            )
    fmt = fmt or "html"
    language = "" if language == "auto" else language
    old_version, old_draft = read_draft(
        old, Version(label=old_label or old.name, path=str(old)), language
    )
    new_version, new_draft = read_draft(
        new, Version(label=new_label or new.name, path=str(new)), language
    )
    settings = Settings(
        granularity=granularity,
        ignore=frozenset(part.strip() for part in ignore.split(",") if part.strip()),
        language=language,
    )
    if rules_file is not None:
        settings = replace(settings, rules=read_rules(rules_file), rules_source=str(rules_file))
    comparison = compare_drafts(
        old_draft, new_draft, settings, old_version=old_version, new_version=new_version
    )
    render = {"html": render_html, "markdown": render_markdown, "json": render_json}[fmt]
    text = render(comparison, __version__)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text(output, text)
    sys.exit(EXIT_CHANGED if comparison.changed and not exit_zero else EXIT_SAME)


@main.command()
@click.argument("drafts", type=click.Path(path_type=Path), default=Path("drafts"))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Folder to write the reports into.",
)
@reports_errors
def reports(drafts: Path, output: Path) -> None:
    """Build HTML reports for every instrument under DRAFTS (default: drafts/).

    For each folder with a versions.toml: a report per consecutive pair of versions and one from
    the first to the last, an index per instrument and OUTPUT/index.html linking them all."""
    written = build_reports(drafts, output, __version__)
    for report in written:
        click.echo(f"wrote {report.path}")
    click.echo(f"{len(written)} reports; open {output / 'index.html'}")


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: an indented tree; json: an object whose `units` list has kind, number, title...",
)
@click.option(
    "--language",
    type=click.Choice(["auto", *LANGUAGES]),
    default="auto",
    show_default=True,
    help="Language of the draft's headings (Article, Artikel, Artículo...); auto detects it.",
)
@reports_errors
def outline(file: Path, fmt: str, language: str) -> None:
    """Print the structure the parser finds in the draft FILE: title block, preamble paragraphs,
    parts and chapters, articles with their titles and paragraph counts, final clauses, annexes,
    each with its source lines, then any warnings.

    Check it before comparing: a missed or invented article misaligns everything after it."""
    _, draft = read_draft(file, language="" if language == "auto" else language)
    if fmt == "json":
        click.echo(outline_json(draft), nl=False)
    else:
        click.echo(outline_text(draft, file.name), nl=False)
