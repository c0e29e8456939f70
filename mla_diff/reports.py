"""drafts/ -> reports/: a report per consecutive pair and first-to-last, and index pages."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

from mla_diff.compare import compare_drafts
from mla_diff.errors import OutputError
from mla_diff.gitsource import read_instrument
from mla_diff.history import build_history, reuse_concordances
from mla_diff.model import Comparison, Draft, Settings, Severity, Version
from mla_diff.render import (
    IndexEntry,
    render_history,
    render_html,
    render_index,
    render_json,
    render_markdown,
)
from mla_diff.sources import Instrument, find_instruments, rules_beside, with_rules
from mla_diff.view import build_view, flag_count

# What each report file of a pair is, by extension.
REPORT_FORMATS = (("html", "HTML"), ("md", "Markdown"), ("json", "JSON"))

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


def create_folder(path: Path) -> None:
    """Create a folder for reports (and its parents), or raise an OutputError naming it."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot be created ({exc.strerror})", path=str(path)) from exc


def settings_for(instrument: Instrument, settings: Settings | None) -> Settings:
    """The settings for one instrument: a rules.toml beside its versions.toml is merged over
    the shipped significance rules."""
    return with_rules(settings or Settings(), rules_beside(Path(instrument.directory)))


def _counts(comparison: Comparison) -> tuple[tuple[str, int], ...]:
    view = build_view(comparison)
    sections = (("removed", "removed"), ("changed", "changed"), ("added", "added"))
    counts = [(name, len(view.section(section))) for name, section in sections]
    counts.append(("critical flags", flag_count(comparison, Severity.CRITICAL)))
    counts.append(("high flags", flag_count(comparison, Severity.HIGH)))
    counts.append(("flags in all", len(comparison.flags)))
    return tuple(counts)


def _remove_stale(folder: Path, keep: set[str]) -> None:
    """Delete the reports of an earlier run that this run did not write (a renamed draft): only
    files named as a pair's reports are (OLD__NEW.html, .md, .json), so that nothing else kept in
    the folder is touched."""
    suffixes = {f".{extension}" for extension, _ in REPORT_FORMATS}
    for path in sorted(folder.glob("*__*")):
        if path.suffix in suffixes and path.name not in keep and path.is_file():
            path.unlink()


def _build_instrument(
    instrument: Instrument, folder: Path, tool_version: str, settings: Settings | None
) -> tuple[list[Report], IndexEntry]:
    parsed = {
        version.path: read
        for version, read in zip(instrument.versions, read_instrument(instrument), strict=True)
    }
    comparisons: list[Comparison] = []
    written: list[Report] = []
    entries: list[IndexEntry] = []
    names = {"index.html"}
    pairs = report_pairs(instrument)
    instrument_settings = settings_for(instrument, settings)
    for number, (old, new) in enumerate(pairs):
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
        stem = name.removesuffix(".html")
        renders = {
            "html": render_html(comparison, tool_version, instrument.title),
            "md": render_markdown(comparison, tool_version, instrument.title),
            "json": render_json(comparison, tool_version, instrument.title),
        }
        for extension, text in renders.items():
            write_text(folder / f"{stem}.{extension}", text)
            names.add(f"{stem}.{extension}")
        written.append(Report(instrument.name, old, new, folder / name))
        whole = len(pairs) > 1 and number == len(pairs) - 1 and len(instrument.versions) > 2
        entries.append(
            IndexEntry(
                title=f"{old.label} → {new.label}",
                href=name,
                note="First to last: the whole negotiation in one report." if whole else "",
                links=tuple((label, f"{stem}.{ext}") for ext, label in REPORT_FORMATS[1:]),
                counts=_counts(comparison),
            )
        )
    steps = [comparisons[k] for k in range(len(instrument.versions) - 1)]
    entries.insert(
        0, write_history_page(instrument, list(parsed.values()), folder, tool_version, steps)
    )
    names.add(HISTORY_PAGE)
    index_versions = tuple(parsed[version.path][0] for version in instrument.versions)
    write_text(
        folder / "index.html",
        render_index(
            instrument.title,
            entries,
            tool_version,
            intro=instrument.notice,
            versions=index_versions,
            illustrative=instrument.illustrative,
        ),
    )
    _remove_stale(folder, names)
    top = IndexEntry(
        title=instrument.title,
        href=f"{folder.name}/index.html",
        note=instrument.notice,
        counts=(("versions", len(instrument.versions)), ("reports", len(pairs))),
    )
    return written, top


def write_history_page(
    instrument: Instrument,
    read: list[tuple[Version, Draft]],
    folder: Path,
    tool_version: str,
    comparisons: list[Comparison],
) -> IndexEntry:
    """The instrument's history page, linking each step to its pair report; its index entry."""
    versions = [version for version, _ in read]
    drafts = [draft for _, draft in read]
    history = build_history(versions, drafts, reuse_concordances(comparisons))
    hrefs = [report_name(old, new) for old, new in itertools.pairwise(instrument.versions)]
    page = render_history(history, tool_version, title=instrument.title, step_hrefs=hrefs)
    write_text(folder / HISTORY_PAGE, page)
    return IndexEntry(
        title="History of every provision",
        href=HISTORY_PAGE,
        note="Every article across all versions: where it came from, when it was renumbered, "
        "amended or removed.",
    )


def build_reports(
    drafts: Path, out: Path, tool_version: str, settings: Settings | None = None
) -> list[Report]:
    """Write every instrument's reports and index pages under `out`; return what was written."""
    instruments = find_instruments(drafts)
    create_folder(out)
    written: list[Report] = []
    top_entries: list[IndexEntry] = []
    for instrument in instruments:
        folder = out / Path(instrument.directory).name
        create_folder(folder)
        reports, entry = _build_instrument(instrument, folder, tool_version, settings)
        written.extend(reports)
        top_entries.append(entry)
    write_text(
        out / "index.html",
        render_index(
            "Draft comparisons",
            top_entries,
            tool_version,
            intro="Each instrument's page links a report for every pair of consecutive versions "
            "and one from the first version to the last.",
            illustrative=any(i.illustrative for i in instruments),
        ),
    )
    return written
