"""Version tracking commands: history, log, add."""

from __future__ import annotations

from pathlib import Path

import click

from mla_diff import __version__
from mla_diff.cli.shared import (
    format_option,
    language_option,
    listing_options,
    output_format,
    output_option,
    reports_errors,
)
from mla_diff.gitlog import log_entries, render_log_json, render_log_text
from mla_diff.histories import HISTORY_FORMATS, render_step_reports, render_traced, trace_history
from mla_diff.instruments import Listing, add_draft, commit_added
from mla_diff.reports import write_text


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--git",
    "use_git",
    is_flag=True,
    help="Follow one FILE through its git revisions, renames included.",
)
@click.option(
    "--term",
    "terms",
    multiple=True,
    help="Show in which versions and articles a term appears (repeat for several terms).",
)
@output_option("Write here; the extension (.html, .json, .txt) picks the format.")
@format_option(["text", "json", "html"], "Output format (default: from -o's extension, else text).")
@click.option(
    "--step-reports/--no-step-reports",
    default=True,
    help="With HTML output, also write each step's comparison beside it (the timeline links them).",
)
@language_option()
@reports_errors
def history(
    sources: tuple[str, ...],
    language: str,
    use_git: bool,
    terms: tuple[str, ...],
    output: Path | None,
    fmt: str | None,
    step_reports: bool,
) -> None:
    """The history of every provision across versions: where each article came from, where it
    went, and what happened to it in each version (introduced, amended, renumbered, moved, split,
    merged, deleted, reinstated).

    SOURCES is a drafts folder with a versions.toml (versions in its order), one draft with --git
    (its revisions, oldest first), or several drafts FILE[@REV] oldest first."""
    fmt = output_format(
        output,
        fmt,
        HISTORY_FORMATS,
        "unknown extension",
        "use .html, .json or .txt, or say --format",
    )
    with_steps = fmt == "html" and output is not None and step_reports
    traced = trace_history(sources, use_git, language, terms, with_steps)
    text = render_traced(traced, fmt, __version__)
    if output is None:
        click.echo(text, nl=False)
    else:
        for name, page in render_step_reports(traced, __version__):
            write_text(output.parent / name, page)
        write_text(output, text)
        click.echo(f"wrote {output}", err=True)


@click.command()
@click.argument("draft")
@format_option(["text", "json"], "text for people, json for scripts.", default="text")
@language_option()
@reports_errors
def log(draft: str, fmt: str, language: str) -> None:
    """The git revisions of a DRAFT, newest first, following renames: date, author, message and
    how many articles each commit added, deleted, amended, renumbered, moved, split or merged.

    DRAFT@REV starts the log at that revision."""
    entries = log_entries(draft, language)
    if fmt == "json":
        click.echo(render_log_json(draft, entries), nl=False)
    else:
        click.echo(render_log_text(entries), nl=False)


@click.command()
@click.argument("draft")
@listing_options
@click.option(
    "--name", default="", help="File name in the instrument folder (default: DRAFT's name)."
)
@click.option(
    "--title", default="", help="Title of the instrument, when this is its first version."
)
@click.option("--source", default="", help="Where the text comes from, in words.")
@click.option("--status", default="", help="Status of the version, e.g. draft, adopted.")
@click.option(
    "--commit",
    "do_commit",
    is_flag=True,
    help="Commit the draft and the manifest, and tag the commit.",
)
@click.option("--tag", default="", help="Tag name with --commit (default: INSTRUMENT-DATE).")
@reports_errors
def add(
    draft: str,
    instrument: str,
    label: str,
    date: str,
    drafts: Path,
    name: str,
    title: str,
    source: str,
    status: str,
    do_commit: bool,
    tag: str,
) -> None:
    """Add a new version DRAFT (a file, or FILE@REV) to an instrument: copy it into
    DRAFTS/INSTRUMENT/, append it to that folder's versions.toml, and with --commit commit both
    and tag the commit."""
    listing = Listing(drafts, instrument, label, date, source, status)
    added = add_draft(draft, listing, name, title, tag, commit=do_commit)
    click.echo(
        f"added {added.path} as version {added.position} of {added.versions} of {instrument} "
        f"({label}, {added.articles} articles)"
    )
    if do_commit:
        commit = commit_added(added)
        click.echo(f"committed {commit[:12]} and tagged it {added.tag}")


COMMANDS = (history, log, add)
