"""Files and the drafts/ manifest -> Version and Draft."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from mla_diff.errors import InputError, ManifestError
from mla_diff.model import Draft, Version
from mla_diff.normalize import decode_text
from mla_diff.parse import parse_draft

MANIFEST = "versions.toml"


@dataclass(frozen=True)
class Instrument:
    """One folder of drafts/: an instrument and its versions in the manifest's order."""

    name: str
    title: str
    short_title: str
    illustrative: bool
    notice: str
    directory: Path
    versions: tuple[Version, ...]


def read_bytes(path: Path) -> bytes:
    """A file's bytes, or an InputError that names the file and the fix."""
    if not path.exists():
        raise InputError("no such file", path=str(path), hint="check the path")
    if path.is_dir():
        raise InputError(
            "is a directory, not a draft file", path=str(path), hint="name a .txt file"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot be read ({exc.strerror})", path=str(path), hint="check its permissions"
        ) from exc


def load_text(data: bytes, path: str) -> str:
    """Decoded draft text; empty or blank drafts are refused, since nothing could be compared."""
    text = decode_text(data, path)
    if not text.strip():
        raise InputError("is empty", path=path, hint="give a draft with text in it")
    return text


def read_draft(
    path: Path, version: Version | None = None, language: str = ""
) -> tuple[Version, Draft]:
    """Read and parse one draft file; the Version records its sha256."""
    data = read_bytes(path)
    text = load_text(data, str(path))
    version = version or Version(label=path.stem, path=str(path))
    version = replace(
        version, sha256=hashlib.sha256(data).hexdigest(), path=version.path or str(path)
    )
    return version, parse_draft(text, language)


def load_instrument(directory: Path) -> Instrument:
    """The instrument described by `directory/versions.toml`."""
    manifest = directory / MANIFEST
    if not manifest.is_file():
        raise ManifestError(
            "no versions.toml in this folder",
            path=str(directory),
            hint="add one listing file, label, date, source and status per version",
        )
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ManifestError(
            f"is not valid TOML: {exc}", path=str(manifest), hint="fix the syntax"
        ) from exc
    entries = data.get("versions")
    if not isinstance(entries, list) or not entries:
        raise ManifestError(
            "lists no [[versions]]",
            path=str(manifest),
            hint="add a [[versions]] table per draft, oldest first",
        )
    illustrative = bool(data.get("illustrative", False))
    versions: list[Version] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not entry.get("file") or not entry.get("label"):
            raise ManifestError(
                f"version {number} needs a file and a label",
                path=str(manifest),
                hint='add file = "..." and label = "..."',
            )
        file = directory / str(entry["file"])
        if not file.is_file():
            raise ManifestError(
                f"version {number} names a missing file {entry['file']}",
                path=str(manifest),
                hint="fix the file name or add the file",
            )
        versions.append(
            Version(
                label=str(entry["label"]),
                path=str(file),
                date=str(entry.get("date", "")),
                source=str(entry.get("source", "")),
                status=str(entry.get("status", "")),
                illustrative=illustrative,
            )
        )
    labels = [version.label for version in versions]
    if len(set(labels)) != len(labels):
        raise ManifestError(
            "two versions share a label", path=str(manifest), hint="give each version its own label"
        )
    return Instrument(
        name=str(data.get("instrument", directory.name)),
        title=str(data.get("title", directory.name)),
        short_title=str(data.get("short_title", data.get("title", directory.name))),
        illustrative=illustrative,
        notice=str(data.get("notice", "")),
        directory=directory,
        versions=tuple(versions),
    )


def find_instruments(drafts: Path) -> tuple[Instrument, ...]:
    """Every folder of `drafts` holding a manifest, by name."""
    if not drafts.is_dir():
        raise InputError(
            "is not a folder of drafts", path=str(drafts), hint="name the drafts/ folder"
        )
    folders = sorted(p for p in drafts.iterdir() if (p / MANIFEST).is_file())
    if not folders:
        raise ManifestError(
            "holds no instrument folder with a versions.toml",
            path=str(drafts),
            hint="see drafts/README.md",
        )
    return tuple(load_instrument(folder) for folder in folders)


RULES_FILE = "rules.toml"


def read_rules(path: Path) -> str:
    """The text of a rules file (TOML), or an InputError that names it."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            "is not UTF-8 text", path=str(path), hint="save the rules file as UTF-8"
        ) from exc
