"""Shared fixtures: paths to the project's drafts and to the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "drafts"
MLA = DRAFTS / "mla-convention"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture
def corpus() -> Path:
    """The shared corpus of real texts; tests that need it skip, saying why, where it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(autouse=True)
def _outside_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as if outside GitHub Actions, even in CI: no test appends to the real step
    summary; the review tests set these variables themselves."""
    for name in ("GITHUB_STEP_SUMMARY", "GITHUB_ACTIONS", "GITHUB_BASE_REF"):
        monkeypatch.delenv(name, raising=False)
