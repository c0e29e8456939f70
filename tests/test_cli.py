"""The command line as a user meets it: help, version, errors and exit codes."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from mla_diff import __version__
from mla_diff.cli import main


def _commands() -> list[str]:
    return sorted(main.commands)


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_main_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in _commands():
        assert name in result.output


@pytest.mark.parametrize("name", _commands())
def test_every_command_has_help(name: str) -> None:
    command = main.commands[name]
    assert command.help, f"{name} needs a help text"
    assert len(command.help.split()) >= 5, f"{name} needs a help text that explains it"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts} needs a help text"
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


OLD = """PART I
GENERAL

Article 1
Scope

1. This Convention applies to genocide.

Article 2
Pardon

1. A pardon may be granted by either State.
"""
NEW = """PART I
GENERAL

Article 1
Scope

1. This Convention applies to genocide and crimes against humanity.
"""


def test_compare_exit_codes(tmp_path: Path) -> None:
    old = _write(tmp_path / "old.txt", OLD)
    new = _write(tmp_path / "new.txt", NEW)
    runner = CliRunner()
    assert runner.invoke(main, ["compare", str(old), str(old), "--format", "json"]).exit_code == 0
    changed = runner.invoke(main, ["compare", str(old), str(new), "--format", "json"])
    assert changed.exit_code == 1, changed.output
    assert '"article-deleted"' in changed.output
    assert runner.invoke(main, ["compare", str(old), str(new), "--exit-zero"]).exit_code == 0


def test_missing_file_is_one_line_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["compare", str(tmp_path / "nope.txt"), str(tmp_path / "x.txt")]
    )
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert "nope.txt" in lines[0]
    assert "Traceback" not in result.output
