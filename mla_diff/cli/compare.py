"""Commands over two drafts or a drafts folder: compare, schema, reports, outline."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from mla_diff import __version__
from mla_diff.cli.shared import (
    EXIT_CHANGED,
    EXIT_SAME,
    format_option,
    github_option,
    language_option,
    output_format,
    output_option,
    report_to_github,
    reports_errors,
)
from mla_diff.errors import OutputError
from mla_diff.gitsource import parse_spec
from mla_diff.jsonreport import load_schema
from mla_diff.model import Settings
from mla_diff.outline import outline_json, outline_text
from mla_diff.pairs import compare_specs
from mla_diff.render import render_html, render_json, render_markdown, render_text
from mla_diff.reports import build_reports, write_text
from mla_diff.sources import read_draft

FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".txt": "text",
}
RENDERERS = {"html": render_html, "markdown": render_markdown, "json": render_json}


@click.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@output_option("Write the report here; the extension (.html, .md, .json, .txt) picks the format.")
@format_option(
    ["html", "markdown", "json", "text"],
    "Output format (default: from -o's extension; without -o, a terminal summary).",
)
@click.option(
    "--title",
    default="",
    help="Instrument named in the report header (default: from versions.toml or the draft).",
)
@click.option(
    "--old-label", default="", help="Label of the old version in the report (default: file name)."
)
@click.option(
    "--new-label", default="", help="Label of the new version in the report (default: file name)."
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when the drafts differ.")
@github_option
@language_option()
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
    help="A TOML rules file merged over the shipped significance rules (default: a rules.toml "
    "beside NEW, if any; watch terms, modals, "
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
    github: bool,
    language: str,
    ignore: str,
    granularity: str,
    rules_file: Path | None,
    title: str,
) -> None:
    """Compare two drafts OLD and NEW article by article.

    Without -o, prints a summary for the terminal (or the --format asked for). Labels, dates
    and the instrument come from a versions.toml beside the drafts when it lists them.

    OLD and NEW may name a git revision: drafts/x.txt@v2020, drafts/x.txt@HEAD~2.

    Exit code 0 when the drafts have no change, 1 when they differ, 2 on error."""
    if output is not None and output.resolve() in (old.resolve(), new.resolve()):
        raise OutputError(
            "is one of the drafts being compared",
            path=str(output),
            hint="choose another output file",
        )
    fmt = output_format(
        output,
        fmt,
        FORMATS,
        "unknown report extension",
        f"use {', '.join(sorted(FORMATS))}, or say --format",
    )
    settings = Settings(
        granularity=granularity,
        ignore=frozenset(part.strip() for part in ignore.split(",") if part.strip()),
        language=language,
    )
    comparison = compare_specs(str(old), str(new), settings, old_label, new_label, rules_file)
    report_to_github(comparison, parse_spec(str(old)).path, parse_spec(str(new)).path, github)
    instrument = title or comparison.new_version.instrument or comparison.old_version.instrument
    if fmt == "text":
        colour = output is None and _colour_wanted()
        text = render_text(comparison, __version__, instrument, colour=colour)
    else:
        text = RENDERERS[fmt](comparison, __version__, instrument)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text(output, text)
    sys.exit(EXIT_CHANGED if comparison.changed and not exit_zero else EXIT_SAME)


def _colour_wanted() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@click.command()
def schema() -> None:
    """Print the JSON Schema that describes `compare --format json` output.

    The same file ships in the package as mla_diff/data/comparison.schema.json."""
    click.echo(json.dumps(load_schema(), indent=2, ensure_ascii=False))


@click.command()
@click.argument("drafts", type=click.Path(path_type=Path), default=Path("drafts"))
@output_option("Folder to write the reports into.", default=Path("reports"))
@reports_errors
def reports(drafts: Path, output: Path) -> None:
    """Build HTML reports for every instrument under DRAFTS (default: drafts/).

    For each folder with a versions.toml: a report per consecutive pair of versions and one from
    the first to the last (HTML, with Markdown and JSON beside it), an index per instrument and
    OUTPUT/index.html linking them all. The same drafts always give the same bytes."""
    written = build_reports(drafts, output, __version__)
    for report in written:
        click.echo(f"wrote {report.path}")
    click.echo(f"{len(written)} reports; open {output / 'index.html'}")


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@format_option(
    ["text", "json"],
    "text: an indented tree; json: an object whose `units` list has kind, number, title...",
    default="text",
)
@language_option("the draft's")
@reports_errors
def outline(file: Path, fmt: str, language: str) -> None:
    """Print the structure the parser finds in the draft FILE: title block, preamble paragraphs,
    parts and chapters, articles with their titles and paragraph counts, final clauses, annexes,
    each with its source lines, then any warnings.

    Check it before comparing: a missed or invented article misaligns everything after it."""
    _, draft = read_draft(file, language=language)
    if fmt == "json":
        click.echo(outline_json(draft), nl=False)
    else:
        click.echo(outline_text(draft, file.name), nl=False)


COMMANDS = (compare, schema, reports, outline)
