"""The compare options of the command line: --ignore, --granularity, --rules."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from mla_diff.cli import main

OLD = """Article 1
Cooperation

1. Each State Party shall afford assistance in accordance with this Convention.
2. Assistance may be refused if the request is discriminatory.
"""
NEW = """Article 1
Cooperation

1. Each state party shall afford assistance in accordance with this Convention.
2. Assistance shall be refused if the request is discriminatory, save in a general truce.
"""


def _drafts(tmp_path: Path) -> tuple[str, str]:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return str(old), str(new)


def _json(args: list[str]) -> dict[str, object]:
    result = CliRunner().invoke(main, ["compare", *args, "--format", "json"])
    assert result.exit_code == 1, result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def test_compare_json_has_flags_and_a_summary(tmp_path: Path) -> None:
    data = _json(list(_drafts(tmp_path)))
    flags = data["flags"]
    assert isinstance(flags, list)
    assert [f["rule"] for f in flags] == ["obligation-strengthened"]
    assert flags[0]["message"] == (
        "Art. 1(2): 'may be refused' became 'shall be refused': the obligation is stronger"
    )
    summary = data["summary"]
    assert isinstance(summary, dict)
    assert summary["status"] == {"modified": 1}
    assert summary["severity"] == {"critical": 0, "high": 1, "medium": 0, "low": 0, "info": 0}


def test_ignore_and_granularity_reach_the_comparison(tmp_path: Path) -> None:
    old, new = _drafts(tmp_path)
    data = _json([old, new, "--ignore", "case, whitespace", "--granularity", "char"])
    assert data["settings"] == "granularity=char; ignore=case,whitespace; language=auto"
    concordance = data["concordance"]
    assert isinstance(concordance, list)
    edits = concordance[0]["edits"]
    assert {"op": "delete", "text": "S", "moved": "", "ignored": True} in edits


def test_rules_file_overrides_the_shipped_rules(tmp_path: Path) -> None:
    old, new = _drafts(tmp_path)
    rules = tmp_path / "rules.toml"
    rules.write_text('[en.watch_terms]\ntruce = ["truce"]\n', encoding="utf-8")
    data = _json([old, new, "--rules", str(rules)])
    assert "watch-term-added" in [f["rule"] for f in data["flags"]]  # type: ignore[attr-defined]
    assert str(data["settings"]).endswith(f"rules={rules}")


def test_bad_options_are_one_line_errors(tmp_path: Path) -> None:
    old, new = _drafts(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["compare", old, new, "--ignore", "spelling"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "Error: unknown ignore option spelling: use whitespace, case, punctuation, numbering "
        "(see mla-diff compare --help)"
    ]
    broken = tmp_path / "broken.toml"
    broken.write_text("[en.modals\n", encoding="utf-8")
    result = runner.invoke(main, ["compare", old, new, "--rules", str(broken)])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {broken}: is not valid TOML")
    assert len(result.output.strip().splitlines()) == 1
    result = runner.invoke(main, ["compare", old, new, "--rules", str(tmp_path / "none.toml")])
    assert result.exit_code == 2
    assert "none.toml: no such file" in result.output


def test_compare_applies_the_rules_beside_the_new_draft_as_check_does(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("Article 1\n\nThe Parties shall cooperate.\n", encoding="utf-8")
    new.write_text("Article 1\n\nThe Parties shall cooperate on zebras.\n", encoding="utf-8")

    def flag_messages() -> list[str]:
        result = CliRunner().invoke(main, ["compare", str(old), str(new), "--format", "json"])
        assert result.exit_code == 1, result.output
        return [flag["message"] for flag in json.loads(result.output)["flags"]]

    assert not any("zebra" in message for message in flag_messages())
    (tmp_path / "rules.toml").write_text('[en.watch_terms]\nzebra = ["zebra*"]\n', "utf-8")
    assert any("zebra" in message for message in flag_messages())
