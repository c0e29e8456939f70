"""Office packages (Word .docx, ODT): ZIP archives of XML parts, opened and read defensively."""

from __future__ import annotations

import io
import zipfile
from xml.etree.ElementTree import Element, ParseError, fromstring

from mla_diff.errors import InputError


def read_xml_part(archive: zipfile.ZipFile, name: str, path: str) -> Element | None:
    """One XML part of an OOXML or ODF package, None when absent. Parts with a DOCTYPE are
    refused: office files never carry one, and entity expansion is how XML bombs work."""
    try:
        data = archive.read(name)
    except KeyError:
        return None
    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
        raise InputError(
            f"is damaged ({name} cannot be unpacked)", path=path, hint="save it again"
        ) from exc
    if b"<!DOCTYPE" in data[:4096].upper():
        raise InputError(
            f"holds an XML part with a DOCTYPE ({name})", path=path, hint="save it again in Word"
        )
    try:
        return fromstring(data)
    except ParseError as exc:
        raise InputError(
            f"is damaged ({name} is not well-formed XML)", path=path, hint="save it again"
        ) from exc


def open_package(data: bytes, path: str, kind: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise InputError(
            f"is not a readable {kind} file (damaged archive)",
            path=path,
            hint="re-download it or save it again",
        ) from exc


def int_attribute(value: str | None, default: int, low: int, high: int, name: str = "") -> int:
    """A whole-number XML attribute: `default` when absent or empty. A value that is not a
    decimal number, or lies outside [`low`, `high`], raises ValueError naming `name` (the
    importer reports the file as damaged)."""
    if value is None or not value.strip():
        return default
    text = value.strip()
    if not text.isdecimal():
        raise ValueError(f"{name or 'a number attribute'} is {value!r}, not a whole number")
    number = int(text)
    if not low <= number <= high:
        raise ValueError(f"{name or 'a number attribute'} is {number}, not {low} to {high}")
    return number
