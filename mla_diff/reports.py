"""drafts/ -> reports/: a report per consecutive pair and first-to-last, and index pages."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from pathlib import Path

from mla_diff.compare import compare_drafts
from mla_diff.errors import OutputError
from mla_diff.gitsource import read_instrument
from mla_diff.history import build_history, reuse_concordances
from mla_diff.model import Comparison, Draft, Settings, Version
from mla_diff.render import render_history, render_html, render_index
from mla_diff.sources import RULES_FILE, Instrument, find_instruments, read_rules

HISTORY_PAGE = "history.html"


@dataclass(frozen=True)
class Report:
    instrument: str
    old: Version
    new: Version
    path: Path


def report_pairs(instrument: Instrument) -> list[tuple[Version, Version]]:
    """Consecutive pairs in manifest order, then first-to-last when that is not one of them."""
    versions = instrument.versions
    pairs = list(itertools.pairwise(versions))
    if len(versions) > 2:
        pairs.append((versions[0], versions[-1]))
    return pairs


def report_name(old: Version, new: Version) -> str:
    return f"{Path(old.path).stem}__{Path(new.path).stem}.html"


def write_text(path: Path, text: str) -> None:
    """Write a report, or raise an OutputError naming the path."""
    if not path.parent.is_dir():
        raise OutputError("folder does not exist", path=str(path.parent), hint="create it first")
    try:
        path.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise OutputError(f"cannot be written ({exc.strerror})", path=str(path)) from exc


def write_history_page(
    instrument: Instrument,
    read: list[tuple[Version, Draft]],
    folder: Path,
    tool_version: str,
    comparisons: list[Comparison],
) -> dict[str, str]:
    """The instrument's history page, linking each step to its pair report; its index entry."""
    versions = [version for version, _ in read]
    drafts = [draft for _, draft in read]
    history = build_history(versions, drafts, reuse_concordances(comparisons))
    hrefs = [report_name(old, new) for old, new in itertools.pairwise(instrument.versions)]
    page = render_history(history, tool_version, title=instrument.title, step_hrefs=hrefs)
    write_text(folder / HISTORY_PAGE, page)
    return {"title": "History of every provision", "href": HISTORY_PAGE, "note": ""}


def settings_for(instrument: Instrument, settings: Settings | None) -> Settings:
    """The settings for one instrument: a rules.toml beside its versions.toml is merged over
    the shipped significance rules."""
    settings = settings or Settings()
    path = Path(instrument.directory) / RULES_FILE
    if not path.is_file():
        return settings
    return replace(settings, rules=read_rules(path), rules_source=str(path))


def build_reports(
    drafts: Path, out: Path, tool_version: str, settings: Settings | None = None
) -> list[Report]:
    """Write every instrument's reports and index pages under `out`; return what was written."""
    instruments = find_instruments(drafts)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot be created ({exc.strerror})", path=str(out)) from exc
    written: list[Report] = []
    top_entries: list[dict[str, str]] = []
    for instrument in instruments:
        folder = out / Path(instrument.directory).name
        folder.mkdir(exist_ok=True)
        instrument_settings = settings_for(instrument, settings)
        parsed = {
            version.path: read
            for version, read in zip(instrument.versions, read_instrument(instrument), strict=True)
        }
        entries: list[dict[str, str]] = []
        comparisons: list[Comparison] = []
        for old, new in report_pairs(instrument):
            old_version, old_draft = parsed[old.path]
            new_version, new_draft = parsed[new.path]
            comparison = compare_drafts(
                old_draft,
                new_draft,
                instrument_settings,
                old_version=old_version,
                new_version=new_version,
            )
            comparisons.append(comparison)
            name = report_name(old, new)
            write_text(folder / name, render_html(comparison, tool_version))
            written.append(Report(instrument.name, old, new, folder / name))
            entries.append({"title": f"{old.label} → {new.label}", "href": name, "note": ""})
        entries.insert(
            0,
            write_history_page(
                instrument, list(parsed.values()), folder, tool_version, comparisons
            ),
        )
        write_text(folder / "index.html", render_index(instrument.title, entries, tool_version))
        top_entries.append(
            {
                "title": instrument.title,
                "href": f"{folder.name}/index.html",
                "note": instrument.notice,
            }
        )
    write_text(out / "index.html", render_index("Draft comparisons", top_entries, tool_version))
    return written
