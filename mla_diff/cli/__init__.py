"""The command line: click commands over the library; the only importer of click.

Each module holds a family of commands (compare, history, review, importing); shared.py what they
share. Commands parse options, call the library and print; the library raises MlaDiffError, which
`reports_errors` turns into a one-line error and exit code 2."""

from __future__ import annotations

import click

from mla_diff import __version__
from mla_diff.cli import compare, history, importing, review
from mla_diff.cli.shared import fail, reports_errors

__all__ = ["fail", "main", "reports_errors"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mla-diff")
def main() -> None:
    """Compare successive treaty drafts: align articles across versions, diff them word by word,
    and flag legally significant changes.

    Exit codes: 0 no change, 1 changes found, 2 error."""


for family in (compare, history, review, importing):
    for command in family.COMMANDS:
        main.add_command(command)
