"""The import command: a PDF, Word, ODT, HTML, RTF or text draft as a clean plain-text version."""

from __future__ import annotations

from pathlib import Path

import click

from mla_diff.cli.shared import listing_options, reports_errors
from mla_diff.importers import ImportOptions
from mla_diff.instruments import Listing, import_file


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@listing_options
@click.option(
    "--source", default="", help="Provenance for versions.toml (default: the imported file's name)."
)
@click.option("--status", default="draft", show_default=True, help="Status for versions.toml.")
@click.option(
    "--show-changes",
    is_flag=True,
    help="Write tracked changes as [-deleted-] {+inserted+} instead of accepting them.",
)
@click.option(
    "--keep-marks",
    is_flag=True,
    help="Write strike-through as [-...-] and underline as {+...+}, as negotiators mean them.",
)
@click.option("--force", is_flag=True, help="Replace a draft file of the same date and label.")
@reports_errors
def import_(
    file: Path,
    instrument: str,
    label: str,
    date: str,
    drafts: Path,
    source: str,
    status: str,
    show_changes: bool,
    keep_marks: bool,
    force: bool,
) -> None:
    """Import a draft from PDF, Word (.docx), ODT, HTML, RTF or text as a clean plain-text version.

    Writes DRAFTS/INSTRUMENT/<date>_<label>.txt and its entry in versions.toml, then says what it
    removed (page headers, footers, numbers), what it joined (hyphenated words, wrapped lines) and
    what it is unsure of. A scanned PDF needs OCR first (ocrmypdf)."""
    listing = Listing(drafts, instrument, label, date, source, status)
    options = ImportOptions(show_changes=show_changes, keep_marks=keep_marks)
    target, imported = import_file(file, listing, options, force)
    articles = f"{imported.articles} article{'' if imported.articles == 1 else 's'}"
    click.echo(f"wrote {target} from {imported.format} ({articles})")
    click.echo(imported.report.summary())


COMMANDS = (import_,)
