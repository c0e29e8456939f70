"""New versions of an instrument: a draft copied (add) or imported into DRAFTS/INSTRUMENT/,
listed in the folder's versions.toml and, for add, committed and tagged."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from mla_diff.errors import InputError, MlaDiffError, OutputError
from mla_diff.gitsource import check_new_tag, commit_draft, parse_spec, spec_bytes
from mla_diff.importers import (
    ImportedDraft,
    ImportOptions,
    check_date,
    check_instrument,
    draft_file_name,
    import_draft,
    write_draft,
)
from mla_diff.parse import parse_draft
from mla_diff.sources import MANIFEST, append_version, check_label, load_instrument, load_text


@dataclass(frozen=True)
class Listing:
    """Where a new version goes and what its versions.toml entry says."""

    drafts: Path  # the drafts folder, one folder per instrument
    instrument: str
    label: str
    date: str  # YYYY-MM-DD or YYYY-MM
    source: str = ""
    status: str = ""

    @property
    def folder(self) -> Path:
        return self.drafts / self.instrument


@dataclass(frozen=True)
class AddedDraft:
    """A draft added to an instrument: where it was written and where the manifest lists it."""

    listing: Listing
    path: Path
    position: int  # 1 for the oldest version
    versions: int  # versions the manifest lists, this one included
    articles: int
    tag: str  # the tag a commit of this version gets

    @property
    def manifest(self) -> Path:
        return self.path.parent / MANIFEST


def add_draft(
    draft: str,
    listing: Listing,
    name: str = "",
    title: str = "",
    tag: str = "",
    commit: bool = False,
) -> AddedDraft:
    """Copy DRAFT (FILE or FILE@REV) into the instrument's folder as `name` (default: its own
    name) and list it in versions.toml, creating the manifest, titled `title`, for a first version.

    Everything is checked before anything is written: the label, date and instrument, the draft's
    text, a free file name, a manifest that loads and, with `commit`, a valid unused tag (default
    INSTRUMENT-DATE). Commit with `commit_added`."""
    check_label(listing.label)
    check_date(listing.date)
    check_instrument(listing.instrument)
    spec = parse_spec(draft)
    data = spec_bytes(spec)
    parsed = parse_draft(load_text(data, str(spec)))
    target = listing.folder / (name or spec.path.name)
    if target.exists():
        raise InputError(
            "already exists", path=str(target), hint="choose another --name or remove the file"
        )
    if (listing.folder / MANIFEST).is_file():
        load_instrument(listing.folder)  # a manifest that does not load is fixed first
    tag = tag or f"{listing.instrument}-{listing.date}"
    if commit:
        check_new_tag(target, tag)
    try:
        listing.folder.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError as exc:
        raise OutputError(f"cannot be written ({exc.strerror})", path=str(target)) from exc
    _list_version(target, listing, replaced=False, title=title)
    listed = [Path(v.path).name for v in load_instrument(listing.folder).versions]
    position = listed.index(target.name) + 1
    return AddedDraft(listing, target, position, len(listed), len(parsed.articles), tag)


def commit_added(added: AddedDraft) -> str:
    """Commit an added draft with its manifest and tag the commit; return the commit id."""
    listing = added.listing
    message = f"Add {listing.label} ({listing.date}) of {listing.instrument}"
    return commit_draft([added.path, added.manifest], message, added.tag, listing.label)


def import_file(
    file: Path, listing: Listing, options: ImportOptions | None = None, force: bool = False
) -> tuple[Path, ImportedDraft]:
    """Import FILE (PDF, Word, ODT, HTML, RTF or text) as DRAFTS/INSTRUMENT/<date>_<label>.txt and
    list it in versions.toml (source: the file's name unless given); with `force`, replace a draft
    of the same date and label. Returns the written path and what the import did."""
    check_instrument(listing.instrument)
    check_date(listing.date)
    check_label(listing.label)
    target = listing.folder / draft_file_name(listing.date, listing.label)
    existed = target.exists()
    if existed and not force:
        raise OutputError(
            "already exists",
            path=str(target),
            hint="pass --force to replace it, or change the label",
        )
    imported = import_draft(file, options)
    write_draft(target, imported.text)
    listing = replace(listing, source=listing.source or f"imported from {file.name}")
    _list_version(target, listing, replaced=existed)
    return target, imported


def _list_version(target: Path, listing: Listing, replaced: bool, title: str = "") -> None:
    """List the written `target` in its folder's manifest; when that fails, remove what was
    written (a replaced draft stays replaced) so that the folder stays as it was."""
    manifest = target.parent / MANIFEST
    new_manifest = not manifest.is_file()
    try:
        append_version(
            target.parent,
            target.name,
            listing.label,
            listing.date,
            listing.source,
            listing.status,
            title,
        )
    except MlaDiffError:
        if not replaced:
            target.unlink()
        if new_manifest:
            manifest.unlink(missing_ok=True)
        raise
