"""A Comparison as terminal text, in git's word-diff style: what `git diff` shows through mla-diff.

Changed words read `[-old-]{+new+}` as in `git diff --word-diff=plain`; only the paragraphs of an
article that changed are shown. Added and deleted provisions are shown whole, line by line."""

from __future__ import annotations

from mla_diff.model import Comparison, Edit, Match, MatchStatus, Op, Row, Unit
from mla_diff.steps import count_changes


def _mark(edits: tuple[Edit, ...]) -> str:
    out = []
    for edit in edits:
        if edit.op is Op.DELETE:
            out.append(f"[-{edit.text}-]")
        elif edit.op is Op.INSERT:
            out.append(f"{{+{edit.text}+}}")
        else:
            out.append(edit.text)
    return "".join(out)


def _changed_lines(edits: tuple[Edit, ...]) -> list[str]:
    """The paragraphs (lines of the marked text) that hold a change."""
    marked = _mark(edits)
    return [line for line in marked.split("\n") if "[-" in line or "{+" in line]


def _cite(units: tuple[Unit, ...]) -> str:
    return ", ".join(unit.citation for unit in units)


def _heading(match: Match) -> str:
    old, new = _cite(match.old), _cite(match.new)
    if match.status is MatchStatus.ADDED:
        return f"{new} added"
    if match.status is MatchStatus.DELETED:
        return f"{old} deleted"
    if match.status in (MatchStatus.SPLIT, MatchStatus.MERGED):
        return f"{old} → {new} {match.status.value}"
    words = [
        w
        for w, on in (
            ("renumbered", match.renumbered),
            ("moved", match.moved),
            ("amended", match.modified),
        )
        if on
    ]
    where = f"{old} → {new}" if old != new else new
    return f"{where} {' and '.join(words)}"


def _whole(unit: Unit, sign: str) -> list[str]:
    lines = [unit.title] if unit.title else []
    lines += unit.text.split("\n") if unit.text else []
    return [f"  {sign} {line}" for line in lines]


def _row_lines(row: Row) -> list[str]:
    match = row.match
    lines = [_heading(match)]
    if match.status is MatchStatus.ADDED:
        lines += _whole(match.new[0], "+")
    elif match.status is MatchStatus.DELETED:
        lines += _whole(match.old[0], "-")
    elif row.edits or row.title_edits:
        if any(e.op is not Op.EQUAL for e in row.title_edits):
            lines.append(f"  title: {_mark(row.title_edits)}")
        lines += [f"  {line}" for line in _changed_lines(row.edits)]
    elif match.status in (MatchStatus.SPLIT, MatchStatus.MERGED):
        lines += [f"  - {_cite((u,))}: {u.title}" for u in match.old]
        lines += [f"  + {_cite((u,))}: {u.title}" for u in match.new]
    return lines


def render_text_diff(comparison: Comparison, name: str) -> str:
    """The article-level comparison of one file, for a terminal or a pager."""
    old, new = comparison.old_version, comparison.new_version
    lines = [f"mla-diff {name}", f"--- {old.label}", f"+++ {new.label}"]
    counts = count_changes([row.match for row in comparison.rows])
    summary = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
    lines.append(summary or "no article-level change")
    for flag in comparison.flags:
        where = flag.new or flag.old or ""
        lines.append(f"! {flag.severity.value} {flag.rule} (art. {where}): {flag.message}")
    for row in comparison.rows:
        match = row.match
        if match.status is MatchStatus.MATCHED and not (
            match.modified or match.renumbered or match.moved
        ):
            continue
        lines.append("")
        lines += _row_lines(row)
    return "\n".join(lines) + "\n"
