"""The C++ build of diff-match-patch gives the same runs as the Python reference: on every diff
made comparing the corpus's and the illustrative drafts' successive versions, and on any text."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from diff_match_patch import diff_match_patch
from hypothesis import given, settings
from hypothesis import strategies as st

import mla_diff.diff
from mla_diff.compare import compare_drafts
from mla_diff.diff import diff_cleaned
from mla_diff.sources import read_draft

ROOT = Path(__file__).resolve().parent.parent
SERIES = {
    "eu-teu": "TEU_v*.txt",
    "coe-ets030": "ECMACM_*_v*.md",
    "coe-ets112": "ETS112_*_v*.md",
    "de-grundgesetz-1968": "v*.txt",
}


def _reference(old: str, new: str) -> list[tuple[int, str]]:
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    runs = engine.diff_main(old, new, False)
    engine.diff_cleanupSemantic(runs)
    return [(op, text) for op, text in runs]


def _successive(corpus: Path) -> list[tuple[Path, Path]]:
    pairs = list(pairwise(sorted((ROOT / "drafts" / "mla-convention").glob("*.txt"))))
    for folder, pattern in SERIES.items():
        found = sorted((corpus / folder).glob(pattern))
        for language in sorted({path.name.split("_v")[0] for path in found}):
            pairs += pairwise(p for p in found if p.name.split("_v")[0] == language)
    return pairs


@pytest.mark.corpus
def test_same_runs_on_every_diff_of_the_drafts(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[tuple[str, str, list[tuple[int, str]]]] = []

    def recording(old: str, new: str, timeout: float = 0.0) -> list[tuple[int, str]]:
        runs = diff_cleaned(old, new, timeout)
        made.append((old, new, runs))
        return runs

    monkeypatch.setattr(mla_diff.diff, "diff_cleaned", recording)
    mla_diff.diff._diff_cached.cache_clear()  # every pair diffed here, none remembered from before
    pairs = _successive(corpus)
    for old, new in pairs:
        compare_drafts(read_draft(old)[1], read_draft(new)[1])
    assert len(pairs) >= 10
    assert len(made) >= 300  # distinct pairs of texts: a pair met twice is diffed once
    for old_code, new_code, runs in made:
        assert runs == _reference(old_code, new_code)


# Texts over a few characters, as the word diff encodes words (one code point each, some past
# the Basic Multilingual Plane), so that edits repeat and overlap as they do in drafts.
ALPHABET = st.sampled_from(["a", "b", " ", "\u0100", "\u0101", "\u0102", "\U00010000", "\ufb00"])
texts = st.lists(ALPHABET, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts, texts)
def test_same_runs_on_any_text(old: str, new: str) -> None:
    runs = diff_cleaned(old, new)
    assert runs == _reference(old, new)
    assert "".join(text for op, text in runs if op <= 0) == old
    assert "".join(text for op, text in runs if op >= 0) == new


# Drafts' words: a few of them, with spacing, punctuation and case that differ, so that equal
# runs, deletions and insertions alternate.
WORDS = st.sampled_from(["shall", "Shall", "may", " ", "  ", ",", "(a)", "\n", "State", "état"])
sentences = st.lists(WORDS, max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(sentences, sentences, st.sampled_from(["word", "char"]), st.sampled_from(["", "case"]))
def test_whole_runs_give_the_edits_token_by_token_gives(
    old: str, new: str, granularity: str, ignore: str
) -> None:
    """When every token counts, runs are taken whole: the edits are those of the token-by-token
    expansion that ignore options need (same runs, same boundaries, same ignored flags)."""
    ignored = frozenset({ignore} - {""})
    old_tokens = mla_diff.diff._tokens(old, granularity, ignored)
    new_tokens = mla_diff.diff._tokens(new, granularity, ignored)
    vocabulary: dict[str, str] = {}

    def encode(tokens: list[mla_diff.diff._Token]) -> str:
        return "".join(
            vocabulary.setdefault(t.key, mla_diff.diff._code_point(len(vocabulary))) for t in tokens
        )

    runs = diff_cleaned(encode(old_tokens), encode(new_tokens))
    token_by_token = mla_diff.diff._merge(mla_diff.diff._expand(runs, old_tokens, new_tokens))
    whole = mla_diff.diff._merge(
        mla_diff.diff._runs(runs, [t.text for t in old_tokens], [t.text for t in new_tokens])
    )
    assert whole == token_by_token
    assert mla_diff.diff.diff_texts(old, new, granularity=granularity, ignore=ignored) == whole
