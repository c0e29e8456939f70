"""A draft's git log: its revisions, newest first across renames, with what each changed."""

from __future__ import annotations

import json
from typing import TypedDict

from mla_diff.gitsource import file_revisions, parse_spec, read_revisions
from mla_diff.history import build_history
from mla_diff.steps import count_changes


class LogEntry(TypedDict):
    """One revision in `log --format json`."""

    commit: str
    date: str
    author: str
    email: str
    message: str
    tags: list[str]
    path: str
    renamed_from: str | None
    articles: int
    changes: dict[str, int] | None  # None for the first revision


def log_entries(draft: str, language: str = "") -> list[LogEntry]:
    """The revisions of DRAFT (FILE, or FILE@REV to start there), newest first: each with its
    articles and how many articles it added, deleted, amended, renumbered, moved, split or merged
    against the revision before it."""
    spec = parse_spec(draft)
    oldest_first = tuple(reversed(file_revisions(spec.path, spec.revision)))
    read = read_revisions(spec.path, oldest_first, language)
    steps = build_history([v for v, _ in read], [d for _, d in read]).concordances
    counts: list[dict[str, int] | None] = [None, *(count_changes(step) for step in steps)]
    entries: list[LogEntry] = []
    for index, revision in enumerate(oldest_first):
        previous = oldest_first[index - 1].path if index else None
        entries.append(
            LogEntry(
                commit=revision.commit,
                date=revision.date,
                author=revision.author,
                email=revision.email,
                message=revision.subject,
                tags=list(revision.tags),
                path=revision.path,
                renamed_from=previous if previous and previous != revision.path else None,
                articles=len(read[index][1].articles),
                changes=counts[index],
            )
        )
    entries.reverse()
    return entries


def render_log_json(draft: str, entries: list[LogEntry]) -> str:
    """The object `log --format json` prints: the draft as named and its revisions."""
    return json.dumps({"draft": draft, "revisions": entries}, indent=2, ensure_ascii=False) + "\n"


def render_log_text(entries: list[LogEntry]) -> str:
    """The log as git log shows commits, each followed by the draft's path and its changes."""
    lines: list[str] = []
    for entry in entries:
        tags = f" (tag: {', '.join(entry['tags'])})" if entry["tags"] else ""
        renamed = f" (renamed from {entry['renamed_from']})" if entry["renamed_from"] else ""
        changes = entry["changes"]
        if changes is None:
            what = f"first revision, {entry['articles']} articles"
        else:
            what = (
                ", ".join(f"{n} {kind}" for kind, n in changes.items() if n) or "no article changed"
            )
        lines += [
            f"commit {entry['commit']}{tags}",
            f"Date:   {entry['date']}",
            f"Author: {entry['author']} <{entry['email']}>",
            f"    {entry['message']}",
            f"    {entry['path']}{renamed}: {what}",
            "",
        ]
    return "".join(f"{line}\n" for line in lines)
