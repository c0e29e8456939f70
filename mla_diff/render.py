"""Comparison -> HTML, Markdown, JSON or terminal text; the only importer of jinja2."""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.bccache import Bucket
from markupsafe import Markup

from mla_diff.history import History, TermHit
from mla_diff.jsonreport import TOOL_NAME, comparison_json, render_json
from mla_diff.markdown import MARKDOWN_LIMIT, fit_markdown, md_runs, md_text
from mla_diff.model import Comparison
from mla_diff.reasons import percent
from mla_diff.terminal import render_text
from mla_diff.view import assign_anchors, build_view

__all__ = [
    "IndexEntry",
    "comparison_json",
    "render_history",
    "render_html",
    "render_index",
    "render_json",
    "render_markdown",
    "render_text",
]


def css_string(text: str) -> Markup:
    """A quoted CSS string of untrusted text: every character but letters, digits and spaces is
    written as a hex escape, so nothing in it can end the string or the <style> element."""
    out = []
    for char in text:
        if char.isascii() and (char.isalnum() or char == " "):
            out.append(char)
        else:
            # the space ends the escape and is swallowed by it, so real spaces after it survive
            out.append(f"\\{ord(char):x} ")
    return Markup('"' + "".join(out) + '"')


def percent_filter(value: float) -> str:
    """A similarity as the reasons write it, so that a row never shows two figures."""
    return f"{percent(value)}%"


class _CompiledTemplates(FileSystemBytecodeCache):
    """Templates compiled once and kept between runs, as Python keeps .pyc files: compiling them
    costs more than rendering a long report. Jinja keys each by the checksum of its source, so
    an edited template is compiled afresh; a cache that cannot be read or written is skipped.
    Keep it in a folder of your own: what it holds is loaded as code."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged cache file: compile the template again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):
            super().dump_bytecode(bucket)


def _template_cache() -> BytecodeCache | None:
    """MLA_DIFF_CACHE names the folder (empty: no cache); by default a private folder of the
    user's in the temporary directory."""
    folder = os.environ.get("MLA_DIFF_CACHE")
    if folder == "":
        return None
    try:
        if folder:
            os.makedirs(folder, exist_ok=True)
        return _CompiledTemplates(folder)
    except (OSError, RuntimeError):  # no safe folder: compile each time
        return None


@cache
def _env() -> Environment:
    """The templates' environment, made on first use: importing this module writes nothing."""
    env = Environment(
        loader=PackageLoader("mla_diff", "templates"),
        bytecode_cache=_template_cache(),
        autoescape=select_autoescape(["html", "css", "js"], default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates ship with the package: no mtime check per include
    )
    env.filters["css_string"] = css_string
    env.filters["percent"] = percent_filter
    env.filters["md_text"] = md_text
    env.filters["md_runs"] = md_runs
    return env


def _source_hash(text: str) -> str:
    """The CSP source expression allowing exactly this inline style or script."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@dataclass(frozen=True)
class PageAssets:
    """The inline style and script of a page, and the policy that allows only them."""

    style: Markup
    script: Markup
    policy: str


def _assets(print_header: str, *, extra_style: str = "", script: bool = True) -> PageAssets:
    """The report's style (plus `extra_style`) and script, and a policy allowing only them."""
    style = _env().get_template("report.css").render(print_header=print_header)
    if extra_style:
        style += _env().get_template(extra_style).render()
    code = _env().get_template("report.js").render() if script else ""
    script_source = _source_hash(code) if script else "'none'"
    # No network at all: the page is one file. Only our own style and script may run.
    policy = (
        "default-src 'none'; "
        f"style-src {_source_hash(style)}; "
        f"script-src {script_source}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return PageAssets(Markup(style), Markup(code), policy)


def render_html(comparison: Comparison, tool_version: str, instrument: str = "") -> str:
    """The self-contained HTML report: one file, no external resource, same bytes every time."""
    view = build_view(comparison, instrument)
    pair = f"{comparison.old_version.label} → {comparison.new_version.label}"
    return (
        _env()
        .get_template("report.html")
        .render(
            v=view,
            c=comparison,
            assets=_assets(f"{pair} · unofficial comparison"),
            tool=TOOL_NAME,
            tool_version=tool_version,
        )
    )


def render_markdown(comparison: Comparison, tool_version: str, instrument: str = "") -> str:
    """A concise Markdown summary for pull-request comments, kept under GitHub's limit."""
    view = build_view(comparison, instrument)
    template = _env().get_template("summary.md")

    def render(rows: int, flags: int) -> str:
        return template.render(
            v=view,
            c=comparison,
            rows=view.changes[:rows],
            flags=view.flags[:flags],
            omitted_rows=len(view.changes) - rows,
            omitted_flags=len(view.flags) - flags,
            tool=TOOL_NAME,
            tool_version=tool_version,
            limit=MARKDOWN_LIMIT,
        )

    return fit_markdown(render, len(view.changes), len(view.flags))


@dataclass(frozen=True)
class IndexEntry:
    """One line of an index page: a link, what it compares and its counts."""

    title: str
    href: str
    note: str = ""
    links: tuple[tuple[str, str], ...] = ()  # other formats: (label, href)
    counts: tuple[tuple[str, int], ...] = ()  # ("Removed", 1), ("Critical flags", 1)...


def render_index(
    title: str,
    entries: list[IndexEntry],
    tool_version: str,
    *,
    intro: str = "",
    versions: tuple[Any, ...] = (),
    illustrative: bool = False,
) -> str:
    """An index page linking reports (per instrument) or instruments (at the top)."""
    return (
        _env()
        .get_template("index.html")
        .render(
            title=title,
            intro=intro,
            entries=entries,
            versions=versions,
            illustrative=illustrative,
            assets=_assets(f"{title} · unofficial comparisons"),
            tool=TOOL_NAME,
            tool_version=tool_version,
        )
    )


def render_history(
    history: History,
    tool_version: str,
    *,
    title: str = "",
    step_hrefs: Sequence[str | None] = (),
    terms: Sequence[str] = (),
    hits: Sequence[TermHit] = (),
) -> str:
    """The timeline page of a History: a row per lineage, a column per version, each cell linking
    to that step's comparison (`step_hrefs[k - 1]` compares versions k - 1 and k), then every
    provision's text in every version."""
    hrefs = list(step_hrefs) or [None] * (len(history.versions) - 1)
    # The ids the pair reports give their units ("new-art-52", and "new-art-52-2" for a second
    # article 52), so that a cell links to the very provision.
    anchors = {
        side: [assign_anchors(draft, side) for draft in history.drafts] for side in ("old", "new")
    }
    rows = []
    for lineage in history.lineages:
        present = [unit for unit in lineage.units if unit is not None]
        first, last = present[0], present[-1]
        label = first.citation
        if last.number != first.number:
            label = f"{label} → {last.number}"
        cells = []
        for index, unit in enumerate(lineage.units):
            # Everything in the first version is introduced there: marking it would be noise.
            steps = lineage.events_at(index) if index else ()
            href = hrefs[index - 1] if index else None
            previous = lineage.units[index - 1] if index else None
            if href and unit is not None:
                href = f"{href}#{anchors['new'][index][unit.index]}"
            elif href and steps and previous is not None:
                href = f"{href}#{anchors['old'][index - 1][previous.index]}"
            elif not steps:
                href = None
            cells.append({"unit": unit, "steps": steps, "href": href})
        rows.append({"lineage": lineage, "label": label, "cells": cells})
    heading = title or "History of every provision"
    return (
        _env()
        .get_template("history.html")
        .render(
            h=history,
            title=heading,
            rows=rows,
            terms=list(terms),
            hits=list(hits),
            illustrative=any(version.illustrative for version in history.versions),
            assets=_assets(
                f"{heading} · unofficial history", extra_style="history.css", script=False
            ),
            tool=TOOL_NAME,
            tool_version=tool_version,
        )
    )
