"""Markdown helpers: escaping draft text for GitHub comments and fitting a summary in its limit."""

from __future__ import annotations

import re
from collections.abc import Callable

from mla_diff.redline import Run

# GitHub refuses comments longer than this many characters.
MARKDOWN_LIMIT = 65_536
# Longest text a table cell shows before it is cut with "…".
CELL_CHARS = 300

# Characters Markdown would read as syntax inside a table cell.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# Characters GitHub would turn into mentions or issue links: written as entities instead.
_ENTITIES = {"@": "&#64;", "#": "&#35;"}


def md_text(text: str, limit: int = CELL_CHARS) -> str:
    """Draft text made inert in a Markdown table cell: one line, syntax escaped, HTML as text."""
    line = " ".join(text.split())
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    line = _SPECIAL.sub(r"\\\1", line)
    return "".join(_ENTITIES.get(char, char) for char in line)


def md_runs(runs: tuple[Run, ...]) -> str:
    """A redline in Markdown: ~~deleted~~ and **inserted**, everything else escaped. Markers hug
    the words (GitHub ignores "~~ x~~"), and the spaces around a change stay outside them."""
    parts = []
    for run in runs:
        inner = md_text(run.text)
        lead = " " if run.text[:1].isspace() else ""
        trail = " " if run.text[-1:].isspace() else ""
        if run.op == "equal" or not inner:
            parts.append(f"{lead}{inner}{trail}" if inner else lead or trail)
        elif run.op == "delete":
            parts.append(f"{lead}~~{inner}~~{trail}")
        else:
            parts.append(f"{lead}**{inner}**{trail}")
    return " ".join("".join(parts).split())


def fit_markdown(render: Callable[[int, int], str], rows: int, flags: int) -> str:
    """The longest rendering under MARKDOWN_LIMIT: drop changed provisions from the end first,
    then flags (the least grave are last), and let the template say what was left out."""
    text = render(rows, flags)
    if len(text) <= MARKDOWN_LIMIT:
        return text
    kept_rows = _largest(lambda n: len(render(n, flags)) <= MARKDOWN_LIMIT, rows)
    if kept_rows >= 0:
        return render(kept_rows, flags)
    kept_flags = _largest(lambda n: len(render(0, n)) <= MARKDOWN_LIMIT, flags)
    return render(0, max(kept_flags, 0))


def _largest(fits: Callable[[int], bool], most: int) -> int:
    """The largest n in 0..most with fits(n), or -1 when even 0 does not fit."""
    if not fits(0):
        return -1
    low, high = 0, most
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low
