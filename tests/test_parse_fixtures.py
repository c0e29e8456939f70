"""Each layout case in tests/fixtures/parse/ parses to its expected outline (one JSON per case).

After an intended change to the parser, rewrite the expected outlines and review the diff by eye:

    make parse-fixtures
    git diff tests/fixtures/parse/

(`make parse-fixtures` runs this file with MLA_DIFF_REGENERATE=1.)
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mla_diff.normalize import decode_text
from mla_diff.outline import outline_data
from mla_diff.parse import coverage_problems, parse_draft

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "parse"
CASES = sorted(FIXTURES.glob("*.txt"))
REGENERATE = bool(os.environ.get("MLA_DIFF_REGENERATE"))


def _expected_path(case: Path) -> Path:
    return case.with_suffix(".json")


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.stem)
def test_fixture_parses_to_its_expected_outline(case: Path) -> None:
    draft = parse_draft(decode_text(case.read_bytes(), str(case)))
    actual = outline_data(draft, detail=True)
    expected_path = _expected_path(case)
    if REGENERATE:
        expected_path.write_text(
            json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    assert expected_path.exists(), f"no expected outline: run `make parse-fixtures` for {case.name}"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert actual == expected
    assert coverage_problems(draft) == []


def test_every_expected_outline_has_its_input() -> None:
    inputs = {case.stem for case in CASES}
    orphans = sorted(path.name for path in FIXTURES.glob("*.json") if path.stem not in inputs)
    assert not orphans
    assert len(CASES) >= 20
