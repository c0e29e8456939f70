"""Files and the drafts/ manifest -> Version and Draft."""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections import OrderedDict
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path

import tomli_w

from mla_diff.errors import InputError, ManifestError, OutputError
from mla_diff.model import Draft, Settings, Version
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


def read_bytes(path: Path, wanted: str = "a .txt file") -> bytes:
    """A file's bytes, or an InputError that names the file and the fix; `wanted` says what to
    name instead of a folder."""
    if not path.exists():
        raise InputError("no such file", path=str(path), hint="check the path")
    if path.is_dir():
        raise InputError("is a directory, not a draft file", path=str(path), hint=f"name {wanted}")
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


# Drafts parsed, by the sha256 of their bytes and the language asked for, most recent last.
_PARSED: OrderedDict[tuple[str, str], Draft] = OrderedDict()
PARSED_KEPT = 256  # a history of more revisions re-parses the oldest


def parse_cached(digest: str, text: str, language: str = "") -> Draft:
    """parse_draft, once per content hash: a history over many revisions re-reads the same text
    whenever a commit leaves the draft as it was, or a revert brings an older text back, and a
    draft compared with itself is read twice. A Draft is immutable: one parse serves all."""
    key = (digest, language)
    draft = _PARSED.get(key)
    if draft is None:
        draft = _PARSED[key] = parse_draft(text, language)
        if len(_PARSED) > PARSED_KEPT:
            _PARSED.popitem(last=False)
    else:
        _PARSED.move_to_end(key)
    return draft


def read_draft(
    path: Path, version: Version | None = None, language: str = ""
) -> tuple[Version, Draft]:
    """Read and parse one draft file; the Version records its sha256."""
    version = version or Version(label=path.stem, path=str(path))
    version = replace(version, path=version.path or str(path))
    return draft_from_bytes(read_bytes(path), str(path), version, language)


def draft_from_bytes(
    data: bytes, shown: str, version: Version, language: str = ""
) -> tuple[Version, Draft]:
    """A draft's bytes (from disk or from a commit, `shown` as named in errors) parsed, its
    Version recording their sha256."""
    text = load_text(data, shown)
    digest = hashlib.sha256(data).hexdigest()
    return replace(version, sha256=digest), parse_cached(digest, text, language)


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
    except OSError as exc:
        raise ManifestError(
            f"cannot be read ({exc.strerror})", path=str(manifest), hint="check its permissions"
        ) from exc
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
    data = read_bytes(path, wanted="a .toml rules file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            "is not UTF-8 text", path=str(path), hint="save the rules file as UTF-8"
        ) from exc


def rules_beside(folder: Path) -> Path | None:
    """The rules.toml in `folder` (beside a manifest or a draft), when there is one."""
    path = folder / RULES_FILE
    return path if path.is_file() else None


def with_rules(settings: Settings, path: Path | None) -> Settings:
    """`settings` with the rules file at `path` merged over the shipped significance rules; no
    path leaves them as they are."""
    if path is None:
        return settings
    return replace(settings, rules=read_rules(path), rules_source=str(path))


def describe_file(path: Path, label: str = "", shown_as: str = "") -> Version:
    """The Version of a draft file: label, date, source and instrument title from the
    versions.toml beside it when that manifest lists the file, else the file name. `label`
    overrides the label; `shown_as` is the path as the user wrote it."""
    version = Version(label=path.name, path=shown_as or str(path))
    if (path.parent / MANIFEST).is_file():
        # A manifest half written by hand leaves the file its name; it does not stop a compare.
        with suppress(ManifestError):
            instrument = load_instrument(path.parent)
            for listed in instrument.versions:
                if Path(listed.path).resolve() == path.resolve():
                    version = replace(
                        listed, path=shown_as or str(path), instrument=instrument.title
                    )
    if label:
        version = replace(version, label=label)
    return version


# A table header line of TOML: `[[versions]]` opens a version entry, any other header ends one.
_TABLE_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)
_VERSIONS_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*versions[ \t]*\]\][ \t]*(#.*)?$", re.MULTILINE)


def append_version(
    directory: Path, file: str, label: str, date: str, source: str, status: str, title: str = ""
) -> Path:
    """Add a version to `directory/versions.toml`, creating the manifest when absent (the
    instrument named after the folder, titled `title` or the folder's name).

    The manifest stays oldest first: the entry goes before the first version dated later, else at
    the end. An entry for the same file is replaced in place (a re-imported draft); another entry
    with the same label is an error. The rest of the file, comments included, is kept as written.
    Returns the manifest's path."""
    manifest = directory / MANIFEST
    if manifest.is_file():
        try:
            text = manifest.read_text(encoding="utf-8")
            entries = tomllib.loads(text).get("versions", [])
        except OSError as exc:
            raise ManifestError(
                f"cannot be read ({exc.strerror})", path=str(manifest), hint="check its permissions"
            ) from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ManifestError(
                f"is not valid TOML: {exc}", path=str(manifest), hint="fix the syntax first"
            ) from exc
    else:
        text = tomli_w.dumps({"instrument": directory.name, "title": title or directory.name})
        entries = []
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ManifestError(
            "has a versions key that is not a list of tables",
            path=str(manifest),
            hint="use one [[versions]] table per draft",
        )
    for entry in entries:
        if entry.get("label") == label and entry.get("file") != file:
            raise ManifestError(
                f"already lists a version labelled {label!r} ({entry.get('file')})",
                path=str(manifest),
                hint="choose another label",
            )
    fields = {"file": file, "label": label, "date": date, "source": source, "status": status}
    block = "[[versions]]\n" + tomli_w.dumps({k: v for k, v in fields.items() if v or k == "label"})
    spans = _version_spans(text)
    if len(spans) != len(entries):
        raise ManifestError(
            "has [[versions]] tables this tool cannot edit safely (inline or nested)",
            path=str(manifest),
            hint="add the entry by hand",
        )
    same_file = [i for i, entry in enumerate(entries) if entry.get("file") == file]
    if same_file:
        start, end = spans[same_file[0]]
        text = text[:start] + block + ("\n" if end < len(text) else "") + text[end:]
    else:
        later = [i for i, e in enumerate(entries) if date and str(e.get("date", "")) > date]
        if later:
            start = spans[later[0]][0]
            text = text[:start] + block + "\n" + text[start:]
        else:
            text = text.rstrip("\n") + "\n\n" + block
    _check_manifest(text, file, manifest)
    try:
        manifest.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise OutputError(
            f"cannot be written ({exc.strerror})", path=str(manifest), hint="check the folder"
        ) from exc
    return manifest


def _version_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every `[[versions]]` table's text, header to the next table header."""
    spans: list[tuple[int, int]] = []
    for match in _VERSIONS_HEADER.finditer(text):
        following = _TABLE_HEADER.search(text, match.end())
        spans.append((match.start(), following.start() if following else len(text)))
    return spans


def _check_manifest(text: str, file: str, manifest: Path) -> None:
    """Refuse to write a manifest that would not read back with the new entry in it."""
    try:
        entries = tomllib.loads(text).get("versions", [])
    except tomllib.TOMLDecodeError as exc:  # pragma: no cover - a bug here, not bad input
        raise ManifestError(
            f"would become invalid TOML ({exc})", path=str(manifest), hint="add the entry by hand"
        ) from exc
    if sum(1 for entry in entries if entry.get("file") == file) != 1:
        raise ManifestError(  # pragma: no cover - same
            "could not be updated safely", path=str(manifest), hint="add the entry by hand"
        )


# A slash between digits is a date ("Version 30/11/2022"); any other slash or backslash in a
# label would read as a path where labels name files or tags.
_PATH_IN_LABEL = re.compile(r"\\|(?<!\d)/|/(?!\d)")


def check_label(label: str) -> str:
    """A version label as advocates cite it; refused when empty or when it holds a path."""
    if not label.strip():
        raise InputError(
            "the version label is empty", hint='give one, e.g. --label "Revised draft"'
        )
    if _PATH_IN_LABEL.search(label):
        raise InputError(
            f"the version label {label!r} contains a path separator",
            hint="write it without / or \\; a date such as 30/11/2022 is fine",
        )
    return label
