"""Comparison -> a readable terminal summary, coloured only when the output is a terminal."""

from __future__ import annotations

from mla_diff.model import Comparison, Severity
from mla_diff.reasons import percent
from mla_diff.redline import Run
from mla_diff.view import RowView, build_view

# ANSI styles; the word-diff marks [-...-] and {+...+} carry the meaning without them.
_RESET = "\x1b[0m"
_STYLES = {
    "bold": "\x1b[1m",
    "dim": "\x1b[2m",
    "delete": "\x1b[9;38;5;166m",  # strike-through, orange
    "insert": "\x1b[4;38;5;32m",  # underline, blue
    Severity.CRITICAL.value: "\x1b[1;97;41m",
    Severity.HIGH.value: "\x1b[1;38;5;166m",
    Severity.MEDIUM.value: "\x1b[1;38;5;32m",
    Severity.LOW.value: "\x1b[1m",
    Severity.INFO.value: "\x1b[2m",
}
GIST_CHARS = 160
LIST_LIMIT = 40  # changed provisions listed before "... and N more"


class _Painter:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, style: str, text: str) -> str:
        if not self.colour or not text:
            return text
        return f"{_STYLES[style]}{text}{_RESET}"


def _gist(runs: tuple[Run, ...], paint: _Painter) -> str:
    parts: list[str] = []
    length = 0
    for run in runs:
        text = run.text
        if length + len(text) > GIST_CHARS:
            text = text[: max(GIST_CHARS - length, 0)] + "…"
        length += len(text)
        if run.op == "delete":
            parts.append(paint("delete", f"[-{text}-]"))
        elif run.op == "insert":
            parts.append(paint("insert", f"{{+{text}+}}"))
        else:
            parts.append(text)
        if length >= GIST_CHARS:
            break
    return "".join(parts).strip()


def _row_line(row: RowView, width: int, paint: _Painter) -> str:
    where = f"{row.old_label} → {row.new_label}"
    similarity = f" {percent(row.match.similarity)}%" if row.old and row.new else ""
    what = (
        _gist(row.gist, paint) if row.gist else " · ".join(t for t in (row.title, row.opening) if t)
    )
    return f"  {where:<{width}}  {row.status_label}{similarity}  {what}".rstrip()


def render_text(
    comparison: Comparison, tool_version: str, instrument: str = "", *, colour: bool = False
) -> str:
    """What `compare` prints without -o: header, counts, flags gravest first, changed provisions."""
    view = build_view(comparison, instrument)
    paint = _Painter(colour)
    c = comparison
    lines = [
        paint("bold", f"{c.old_version.label} → {c.new_version.label}")
        + (f"  ({view.instrument})" if view.instrument else ""),
        "Unofficial comparison, not an authoritative text."
        + (" Illustrative drafts, not the official text." if view.illustrative else ""),
    ]
    for side, version in (("old", c.old_version), ("new", c.new_version)):
        proof = f"sha256 {version.sha256[:12]}" if version.sha256 else ""
        if version.commit:
            proof = f"commit {version.commit[:12]}"
        lines.append(paint("dim", f"{side}: {version.path or version.label}  {proof}".rstrip()))
    lines.append("")
    for label, pick in (("Articles", "articles"), ("Other provisions", "others")):
        counts = [(n.label.lower(), getattr(n, pick)) for n in view.counts]
        shown = ", ".join(f"{number} {name}" for name, number in counts if number)
        lines.append(f"{label}: {shown or 'none'}")
    lines.append("")
    total = len(view.flags)
    by_severity = ", ".join(f"{len(g.flags)} {g.severity.value}" for g in view.flag_groups)
    lines.append(paint("bold", f"Flags ({total})") + (f": {by_severity}" if total else ": none"))
    for group in view.flag_groups:
        for flag_view in group.flags:
            badge = paint(group.severity.value, f"{group.severity.value.upper():<8}")
            lines.append(f"  {badge}  {flag_view.where}  {flag_view.flag.message}")
    changes = view.changes
    lines.append("")
    lines.append(paint("bold", f"Changed provisions ({len(changes)})"))
    width = max((len(f"{r.old_label} → {r.new_label}") for r in changes[:LIST_LIMIT]), default=0)
    lines.extend(_row_line(row, width, paint) for row in changes[:LIST_LIMIT])
    if len(changes) > LIST_LIMIT:
        lines.append(f"  … and {len(changes) - LIST_LIMIT} more")
    lines.append("")
    lines.append(
        paint("dim", f"mla-diff {tool_version}. ")
        + "For the full report: -o report.html (or .md, .json)."
    )
    return "\n".join(lines) + "\n"
