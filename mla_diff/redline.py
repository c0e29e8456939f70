"""Edits -> what a redline shows: inline runs, side-by-side rows and short change gists."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from mla_diff.model import Edit, Op

# How much unchanged text a gist keeps around each change, in words, and how long it may grow.
GIST_CONTEXT_WORDS = 6
GIST_MAX_CHANGES = 3
GIST_MAX_CHARS = 240
GIST_RUN_CHARS = 120  # a long inserted or deleted passage is cut here


@dataclass(frozen=True)
class Run:
    """A stretch of text as a redline shows it: equal, inserted or deleted."""

    op: str  # "equal", "insert", "delete"
    text: str
    moved: str = ""  # id shared by both ends of a move ("" when the text did not move)
    elided: bool = False  # a gist's "…" standing for unchanged text left out
    ignored: bool = False  # a change the ignore options do not count: shown, but quieter
    where: str = (
        ""  # the other end of a move between provisions ("art. 9(2)"), on a move's last run
    )

    @property
    def blank(self) -> bool:
        """Only whitespace changed: the redline marks it with a visible sign."""
        return self.op != "equal" and not self.text.strip()

    @property
    def line_break(self) -> bool:
        return "\n" in self.text


@dataclass(frozen=True)
class SideBySideRow:
    """One aligned pair of passages: the old column holds equal and deleted runs, the new column
    equal and inserted runs, and a row ends where both texts start a new line together."""

    old: tuple[Run, ...]
    new: tuple[Run, ...]


def runs_of(edits: tuple[Edit, ...], moves: Mapping[str, str] | None = None) -> tuple[Run, ...]:
    """The inline redline: every edit as a run, in order. `moves` names, per move id, where the
    other end of a move between provisions is; the last run of each move says so."""
    runs = [
        Run(edit.op.value, edit.text, edit.moved, ignored=edit.ignored)
        for edit in edits
        if edit.text
    ]
    return tuple(_name_move_ends(runs, moves or {}))


def _name_move_ends(runs: list[Run], moves: Mapping[str, str]) -> list[Run]:
    """Runs with `where` set on the last run of each stretch of one move between provisions."""
    out = list(runs)
    for index, run in enumerate(out):
        following = out[index + 1].moved if index + 1 < len(out) else ""
        if run.moved and run.moved in moves and following != run.moved:
            out[index] = replace(run, where=moves[run.moved])
    return out


def side_by_side(
    edits: tuple[Edit, ...], moves: Mapping[str, str] | None = None
) -> tuple[SideBySideRow, ...]:
    """Paragraph rows for a two-column view, cut at line breaks inside unchanged text: joining
    each column's rows with line breaks rebuilds that version's text exactly. `moves` as in
    runs_of."""
    rows: list[SideBySideRow] = []
    old: list[Run] = []
    new: list[Run] = []

    def close_row() -> None:
        rows.append(
            SideBySideRow(
                tuple(_name_move_ends(old, moves or {})), tuple(_name_move_ends(new, moves or {}))
            )
        )
        old.clear()
        new.clear()

    for edit in edits:
        if not edit.text:
            continue
        if edit.op is Op.DELETE:
            old.append(Run("delete", edit.text, edit.moved, ignored=edit.ignored))
            continue
        if edit.op is Op.INSERT:
            new.append(Run("insert", edit.text, edit.moved, ignored=edit.ignored))
            continue
        pieces = edit.text.split("\n")
        for number, piece in enumerate(pieces):
            if number:
                close_row()
            if piece:
                old.append(Run("equal", piece))
                new.append(Run("equal", piece))
    close_row()
    if len(rows) == 1 and not rows[0].old and not rows[0].new:
        return ()
    return tuple(rows)


def _hunks(runs: list[Run]) -> list[tuple[int, int]]:
    """(start, end) index ranges of consecutive changed runs."""
    hunks: list[tuple[int, int]] = []
    start = -1
    for i, run in enumerate(runs):
        if run.op != "equal" and start < 0:
            start = i
        elif run.op == "equal" and start >= 0:
            hunks.append((start, i))
            start = -1
    if start >= 0:
        hunks.append((start, len(runs)))
    return hunks


def gist(edits: tuple[Edit, ...]) -> tuple[Run, ...]:
    """The first few changes with a little unchanged text around each, for summaries.

    Unchanged text left out becomes an elided run ("…"); line breaks become spaces."""
    flat = [
        Run(e.op.value, " ".join(e.text.split("\n")), e.moved, ignored=e.ignored)
        for e in edits
        if e.text
    ]
    hunks = _hunks(flat)
    n = GIST_CONTEXT_WORDS
    out: list[Run] = []
    length = 0
    for number, (start, end) in enumerate(hunks):
        if number == GIST_MAX_CHANGES or length > GIST_MAX_CHARS:
            out.append(_ELLIPSIS)
            return tuple(out)
        if start > 0:
            words = flat[start - 1].text.split(" ")
            if number and len(words) <= 2 * n:
                # the previous hunk already showed the first words of this stretch
                if len(words) > n:
                    out.append(Run("equal", " " + " ".join(words[n:])))
            else:
                if number or len(words) > n:
                    out.append(_ELLIPSIS)
                out.append(Run("equal", " ".join(words[-n:])))
        for run in flat[start:end]:
            text = run.text
            if len(text) > GIST_RUN_CHARS:
                text = text[:GIST_RUN_CHARS].rstrip() + "…"
            out.append(Run(run.op, text, run.moved, ignored=run.ignored))
            length += len(text)
        if end < len(flat):
            words = flat[end].text.split(" ")
            out.append(Run("equal", " ".join(words[:n])))
            last = number + 1 == len(hunks)
            if len(words) > n and last:
                out.append(_ELLIPSIS)
    return tuple(out)


_ELLIPSIS = Run("equal", " … ", elided=True)


def excerpt(text: str, words: int = 14) -> str:
    """The opening words of a text on one line, for lists of whole provisions."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def wdiff(runs: tuple[Run, ...]) -> str:
    """Runs in git's word-diff notation: [-deleted-]{+inserted+}, for plain text and terminals."""
    parts = []
    for run in runs:
        if run.op == "delete":
            parts.append(f"[-{run.text}-]")
        elif run.op == "insert":
            parts.append(f"{{+{run.text}+}}")
        else:
            parts.append(run.text)
    return "".join(parts)
