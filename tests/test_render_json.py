"""The JSON report: valid against the shipped schema, with the field names scripts rely on."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import mla_diff
from mla_diff.compare import compare_drafts
from mla_diff.jsonreport import load_schema, render_json
from mla_diff.model import Comparison
from mla_diff.sources import read_draft
from tests.report_fixtures import (
    CONCORDANCE_ROW_FIELDS,
    PAYLOAD,
    TEST_VERSION,
    golden_comparison,
    hostile_comparison,
)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _validate(
    validator: jsonschema.Draft202012Validator, comparison: Comparison
) -> dict[str, object]:
    data: dict[str, object] = json.loads(render_json(comparison, TEST_VERSION))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    return data


def test_golden_report_matches_the_schema(validator: jsonschema.Draft202012Validator) -> None:
    _validate(validator, golden_comparison())


def test_hostile_report_matches_the_schema_and_keeps_text(
    validator: jsonschema.Draft202012Validator,
) -> None:
    data = _validate(validator, hostile_comparison())
    texts = [
        unit["text"]
        for row in data["concordance"]  # type: ignore[attr-defined]
        for unit in row["old_units"] + row["new_units"]
    ]
    assert any(PAYLOAD in text for text in texts)


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("folder", "old", "new"),
    [
        ("coe-ets030", "ECMACM_en_v1_1982-04-12.md", "ECMACM_en_v2_2011-04-01.md"),
        (
            "eu-teu",
            "TEU_v2_1997-10-02_amsterdam-amended-old-numbering.txt",
            "TEU_v3_1999-05-01_amsterdam-renumbered.txt",
        ),
    ],
)
def test_corpus_reports_match_the_schema(
    corpus: Path, validator: jsonschema.Draft202012Validator, folder: str, old: str, new: str
) -> None:
    old_version, old_draft = read_draft(corpus / folder / old)
    new_version, new_draft = read_draft(corpus / folder / new)
    comparison = compare_drafts(
        old_draft, new_draft, old_version=old_version, new_version=new_version
    )
    _validate(validator, comparison)


def test_the_schema_rejects_an_undocumented_field(
    validator: jsonschema.Draft202012Validator,
) -> None:
    data = json.loads(render_json(golden_comparison(), TEST_VERSION))
    data["concordance"][0]["surprise"] = 1
    assert not validator.is_valid(data)


def test_contract_field_names() -> None:
    data = json.loads(render_json(golden_comparison(), TEST_VERSION))
    assert all(set(row) >= CONCORDANCE_ROW_FIELDS for row in data["concordance"])
    deleted = next(row for row in data["concordance"] if row["status"] == "deleted")
    assert {"article", "similarity"} == set(deleted["nearest"][0])
    flag_fields = {"rule", "severity", "old", "new", "message", "evidence", "rationale", "articles"}
    assert all(flag_fields <= set(flag) for flag in data["flags"])
    assert set(data["summary"]) >= {"status", "severity"}


def test_edits_rebuild_both_texts() -> None:
    data = json.loads(render_json(golden_comparison(), TEST_VERSION))
    for row in data["concordance"]:
        if row["edits"]:
            old = "".join(e["text"] for e in row["edits"] if e["op"] != "insert")
            new = "".join(e["text"] for e in row["edits"] if e["op"] != "delete")
            assert old == row["old_units"][0]["text"]
            assert new == row["new_units"][0]["text"]


def test_every_unit_of_both_drafts_is_in_exactly_one_row() -> None:
    comparison = golden_comparison()
    data = json.loads(render_json(comparison, TEST_VERSION))
    old = [u["anchor"] for row in data["concordance"] for u in row["old_units"]]
    new = [u["anchor"] for row in data["concordance"] for u in row["new_units"]]
    assert len(old) == len(set(old)) == len(comparison.old.units)
    assert len(new) == len(set(new)) == len(comparison.new.units)


def test_schema_ships_in_the_package() -> None:
    path = Path(mla_diff.__file__).parent / "data" / "comparison.schema.json"
    assert json.loads(path.read_text(encoding="utf-8")) == load_schema()
