"""drafts/ -> reports/: a report per consecutive pair and first-to-last, and index pages."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from pathlib import Path

from mla_diff.compare import compare_drafts
from mla_diff.errors import OutputError
from mla_diff.model import Settings, Version
from mla_diff.render import render_html, render_index
from mla_diff.sources import RULES_FILE, Instrument, find_instruments, read_draft, read_rules


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
        parsed = {}
        for version in instrument.versions:
            parsed[version.path] = read_draft(Path(version.path), version)
        entries: list[dict[str, str]] = []
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
            name = report_name(old, new)
            write_text(folder / name, render_html(comparison, tool_version))
            written.append(Report(instrument.name, old, new, folder / name))
            entries.append({"title": f"{old.label} → {new.label}", "href": name, "note": ""})
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
