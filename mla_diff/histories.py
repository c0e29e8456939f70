"""A history as a command names it: a drafts folder with versions.toml, one draft's git revisions,
or several FILE[@REV]; with the step comparisons its HTML page links, and its output."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mla_diff.compare import compare_drafts
from mla_diff.errors import InputError
from mla_diff.gitsource import (
    file_revisions,
    parse_spec,
    read_instrument,
    read_revisions,
    read_spec,
)
from mla_diff.history import History, TermHit, build_history, reuse_concordances
from mla_diff.jsonreport import TOOL_NAME
from mla_diff.model import Comparison, Draft, Settings, Version, anchor_slug
from mla_diff.render import render_history, render_html
from mla_diff.sources import load_instrument, rules_beside, with_rules
from mla_diff.terms import find_terms
from mla_diff.timeline import render_history_json, render_terms_text, render_timeline_text

HISTORY_FORMATS = {".html": "html", ".htm": "html", ".json": "json", ".txt": "text"}


@dataclass(frozen=True)
class TracedHistory:
    """A history with its title, the terms searched and where they were found, and the
    comparison of each consecutive pair when step reports were asked for."""

    title: str
    history: History
    terms: tuple[str, ...] = ()
    hits: tuple[TermHit, ...] = ()
    steps: tuple[Comparison, ...] = ()


def read_history_sources(
    sources: Sequence[str], use_git: bool = False, language: str = ""
) -> tuple[str, list[tuple[Version, Draft]]]:
    """A title and the versions of a history: a drafts folder with versions.toml, one FILE's git
    revisions (`use_git`), or several FILE[@REV] in order."""
    if use_git:
        if len(sources) != 1:
            raise InputError(
                "--git follows one file", path=" ".join(sources), hint="name a single draft"
            )
        spec = parse_spec(sources[0])
        revisions = file_revisions(spec.path, spec.revision)
        return f"{spec.path.name} in git", read_revisions(
            spec.path, tuple(reversed(revisions)), language
        )
    if len(sources) == 1 and Path(sources[0]).is_dir():
        instrument = load_instrument(Path(sources[0]))
        return instrument.title, read_instrument(instrument, language)
    if len(sources) == 1:
        raise InputError(
            "a history needs several versions",
            path=sources[0],
            hint="name a folder with versions.toml, several drafts, or one draft with --git",
        )
    return "History", [read_spec(source, language=language) for source in sources]


def trace_history(
    sources: Sequence[str],
    use_git: bool = False,
    language: str = "",
    terms: Sequence[str] = (),
    with_steps: bool = False,
) -> TracedHistory:
    """The history of every provision across the versions `sources` names, and where each term
    appears; `with_steps` also compares each consecutive pair, with the rules.toml beside the
    drafts, for the step reports an HTML history links."""
    if any(not term.strip() for term in terms):
        raise InputError("--term is empty", hint="give a word such as --term amnesty")
    title, read = read_history_sources(sources, use_git, language)
    versions, drafts = [v for v, _ in read], [d for _, d in read]
    steps: list[Comparison] = []
    if with_steps:
        first = Path(sources[0])
        folder = first if first.is_dir() else parse_spec(sources[0]).path.parent
        settings = with_rules(Settings(language=language), rules_beside(folder))
        steps = [
            compare_drafts(drafts[k], drafts[k + 1], settings, old_version=a, new_version=b)
            for k, (a, b) in enumerate(itertools.pairwise(versions))
        ]
    history = build_history(versions, drafts, reuse_concordances(steps))
    hits = find_terms(history, terms)
    return TracedHistory(title, history, tuple(terms), tuple(hits), tuple(steps))


def step_report_name(old: Version, new: Version) -> str:
    """The file name of a step's comparison beside an HTML history."""
    return f"compare-{anchor_slug(old.label)}__{anchor_slug(new.label)}.html"


def step_report_names(steps: Sequence[Comparison]) -> list[str]:
    """The steps' file names, each its own: a name two steps would share (drafts labelled by
    the same file name in different folders) takes the step's number."""
    names = [step_report_name(c.old_version, c.new_version) for c in steps]
    return [
        name.replace("compare-", f"compare-{k + 1:02d}-", 1) if names.count(name) > 1 else name
        for k, name in enumerate(names)
    ]


def render_traced(traced: TracedHistory, fmt: str, tool_version: str) -> str:
    """The history as `fmt`: json, text (a timeline, or the terms' findings when searched) or
    html (linking the step reports)."""
    history, terms, hits = traced.history, traced.terms, traced.hits
    if fmt == "json":
        tool = {"name": TOOL_NAME, "version": tool_version}
        return render_history_json(history, tool, terms, hits)
    if fmt == "text":
        return render_terms_text(history, terms, hits) if terms else render_timeline_text(history)
    hrefs = step_report_names(traced.steps)
    return render_history(
        history, tool_version, title=traced.title, step_hrefs=hrefs, terms=terms, hits=hits
    )


def render_step_reports(traced: TracedHistory, tool_version: str) -> list[tuple[str, str]]:
    """Each step's HTML comparison with the file name the HTML history links it by."""
    names = step_report_names(traced.steps)
    return [
        (name, render_html(c, tool_version)) for name, c in zip(names, traced.steps, strict=True)
    ]
