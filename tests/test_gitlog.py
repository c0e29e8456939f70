"""A draft's git log: revisions newest first across a rename, with the articles each changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mla_diff.errors import RevisionError
from mla_diff.gitlog import LogEntry, log_entries, render_log_json, render_log_text
from tests.drafting import drafts_repository


def _entry(**fields: object) -> LogEntry:
    entry = LogEntry(
        commit="c" * 40,
        date="2020-03-01T10:00:00+00:00",
        author="Ann Drafter",
        email="ann@example.org",
        message="March draft",
        tags=[],
        path="drafts/mla.txt",
        renamed_from=None,
        articles=5,
        changes=None,
    )
    entry.update(fields)  # type: ignore[typeddict-item]
    return entry


def test_log_entries_follow_the_draft_across_its_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = drafts_repository(tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    entries = log_entries("drafts/convention.txt")
    assert [e["message"] for e in entries] == [
        "March draft",
        "Rename the draft",
        "Revised draft",
        "Preliminary draft",
    ]
    assert entries[0]["tags"] == ["v2020"]
    assert entries[0]["commit"] == repo.git("rev-parse", "v2020").strip()
    assert entries[0]["articles"] == 6
    assert entries[1]["renamed_from"] == "drafts/mla.txt"
    assert entries[1]["changes"] == dict.fromkeys(
        ("added", "deleted", "amended", "renumbered", "moved", "split", "merged"), 0
    )
    revised = entries[2]["changes"]
    assert revised is not None
    assert (revised["added"], revised["deleted"], revised["amended"]) == (1, 1, 1)
    assert entries[3]["changes"] is None
    assert entries[3]["path"] == "drafts/mla.txt"


def test_log_entries_start_at_a_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = drafts_repository(tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    assert [e["message"] for e in log_entries("drafts/mla.txt@v2018")] == ["Preliminary draft"]
    with pytest.raises(RevisionError, match="unknown revision 'nope'"):
        log_entries("drafts/mla.txt@nope")


def test_log_text_reads_like_git_log() -> None:
    first = _entry(tags=["v2018"], message="Preliminary draft")
    renamed = _entry(
        commit="d" * 40,
        path="drafts/convention.txt",
        renamed_from="drafts/mla.txt",
        changes={"added": 1, "deleted": 0, "renumbered": 2},
    )
    unchanged = _entry(commit="e" * 40, changes={"added": 0})
    assert render_log_text([renamed, unchanged, first]) == (
        f"commit {'d' * 40}\n"
        "Date:   2020-03-01T10:00:00+00:00\n"
        "Author: Ann Drafter <ann@example.org>\n"
        "    March draft\n"
        "    drafts/convention.txt (renamed from drafts/mla.txt): 1 added, 2 renumbered\n"
        "\n"
        f"commit {'e' * 40}\n"
        "Date:   2020-03-01T10:00:00+00:00\n"
        "Author: Ann Drafter <ann@example.org>\n"
        "    March draft\n"
        "    drafts/mla.txt: no article changed\n"
        "\n"
        f"commit {'c' * 40} (tag: v2018)\n"
        "Date:   2020-03-01T10:00:00+00:00\n"
        "Author: Ann Drafter <ann@example.org>\n"
        "    Preliminary draft\n"
        "    drafts/mla.txt: first revision, 5 articles\n"
        "\n"
    )


def test_log_json_names_the_draft_and_keeps_unicode() -> None:
    text = render_log_json("drafts/mla.txt", [_entry(message="Révision")])
    assert text.endswith("}\n")
    assert "Révision" in text
    data = json.loads(text)
    assert data["draft"] == "drafts/mla.txt"
    assert data["revisions"][0]["changes"] is None
