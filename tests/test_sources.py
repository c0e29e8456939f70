"""Draft files and the drafts/ folder: reading bytes, the rules beside a draft, a new manifest."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from mla_diff.errors import InputError, OutputError
from mla_diff.model import Settings
from mla_diff.reports import create_folder
from mla_diff.sources import append_version, read_bytes, rules_beside, with_rules

RULES = '[watch]\nterms = ["amnesty"]\n'


def test_read_bytes_says_what_to_name_instead_of_a_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"is a directory, not a draft file \(name a .txt file\)"):
        read_bytes(tmp_path)
    with pytest.raises(InputError, match=r"\(name a file\)"):
        read_bytes(tmp_path, wanted="a file")
    with pytest.raises(InputError, match="no such file"):
        read_bytes(tmp_path / "absent.txt")


def test_rules_beside_a_draft_are_merged_into_the_settings(tmp_path: Path) -> None:
    settings = Settings(language="en")
    assert rules_beside(tmp_path) is None
    assert with_rules(settings, None) is settings
    (tmp_path / "rules.toml").write_text(RULES, encoding="utf-8")
    found = rules_beside(tmp_path)
    assert found == tmp_path / "rules.toml"
    merged = with_rules(settings, found)
    assert merged.rules == RULES
    assert merged.rules_source == str(found)
    assert merged.language == "en"


def test_a_first_version_creates_the_manifest_with_the_title_given(tmp_path: Path) -> None:
    folder = tmp_path / "mla"
    folder.mkdir()
    (folder / "a.txt").write_text("Article 1\nScope\n", encoding="utf-8")
    manifest = append_version(
        folder, "a.txt", "A", "2020-01", "", "", title='Convention "MLA" on évidence'
    )
    data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    assert data["instrument"] == "mla"
    assert data["title"] == 'Convention "MLA" on évidence'
    assert data["versions"] == [{"file": "a.txt", "label": "A", "date": "2020-01"}]


def test_a_new_manifest_without_a_title_is_titled_after_its_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Article 1\nScope\n", encoding="utf-8")
    manifest = append_version(tmp_path, "a.txt", "A", "", "", "")
    assert tomllib.loads(manifest.read_text(encoding="utf-8"))["title"] == tmp_path.name


def test_create_folder_names_the_folder_it_cannot_create(tmp_path: Path) -> None:
    create_folder(tmp_path / "a" / "b")
    assert (tmp_path / "a" / "b").is_dir()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match=re.escape(f"{tmp_path / 'file' / 'sub'}: cannot be")):
        create_folder(tmp_path / "file" / "sub")
