"""Runs of text with revision and negotiation marks -> text with [-deleted-] and {+inserted+}.

The markers are those of `git diff --word-diff=plain` and wdiff, so a reader knows them; the
square bracket of a deletion also reads, as negotiators mean it, as text not agreed."""

from __future__ import annotations

from dataclasses import dataclass

DELETED = ("[-", "-]")
INSERTED = ("{+", "+}")


@dataclass(frozen=True)
class ImportOptions:
    """Choices a user makes about marked-up text."""

    show_changes: bool = False  # tracked changes as [-deleted-] {+inserted+}, not accepted
    keep_marks: bool = False  # strike-through as [-...-] and underline as {+...+}


class MarkedText:
    """A paragraph's text built run by run. Tracked changes are accepted unless `show_changes`;
    strike-through and underline (proposed deletion and insertion in negotiating texts) become
    markers when `keep_marks`."""

    def __init__(self, show_changes: bool, keep_marks: bool) -> None:
        self.show_changes = show_changes
        self.keep_marks = keep_marks
        self.segments: list[tuple[str, str]] = []  # (text, "" | "del" | "ins")
        self.fields: list[bool] = []  # open fields: True while in the field's code part
        self.kept = 0  # visible characters that are not deletions

    def field(self, kind: str) -> None:
        """A Word complex field's begin, separate or end: its code is not text, its result is."""
        if kind == "begin":
            self.fields.append(True)
        elif kind == "separate" and self.fields:
            self.fields[-1] = False
        elif kind == "end" and self.fields:
            self.fields.pop()

    def add(self, text: str, change: str = "", style: str = "") -> None:
        """Add a run's text; `change` is "ins", "del" or ""; `style` "strike", "underline" or ""."""
        if not text or any(self.fields):
            return
        if change != "del":
            self.kept += len(text.strip())
        if change == "del" and not self.show_changes:
            return
        mark = ""
        if change == "del" or (change == "ins" and self.show_changes):
            mark = change
        elif self.keep_marks and style == "strike":
            mark = "del"
        elif self.keep_marks and style == "underline":
            mark = "ins"
        if self.segments and self.segments[-1][1] == mark:
            self.segments[-1] = (self.segments[-1][0] + text, mark)
        else:
            self.segments.append((text, mark))

    def only_deleted(self) -> bool:
        """Whether every visible character of the paragraph is a tracked deletion."""
        return self.kept == 0

    def text(self) -> str:
        out: list[str] = []
        for text, mark in self.segments:
            if not mark or not text.strip():
                out.append(text)
                continue
            opener, closer = DELETED if mark == "del" else INSERTED
            core = text.strip()
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            out.append(f"{lead}{opener}{core}{closer}{trail}")
        return "".join(out)
