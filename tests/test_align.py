"""align_drafts: every unit in one row, what "modified" means, guards, and determinism."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mla_diff.align import align_drafts
from mla_diff.model import Draft, Kind, Match, MatchStatus
from mla_diff.parse import parse_draft

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "align"

SENTENCES = [
    "Each State Party shall designate a central authority to receive requests for assistance.",
    "Assistance may be refused if the request concerns a political offence.",
    "The requested State shall keep the request and its contents confidential.",
    "Requests shall be made in writing and shall state the facts of the case.",
    "The ordinary costs of executing a request shall be borne by the requested State.",
    "Witnesses and experts shall be protected from retaliation and intimidation.",
    "A person may be transferred to serve a sentence in the State of nationality.",
    "Victims shall have the right to reparation for the harm they have suffered.",
    "No reservation may be made to this Convention except as permitted by it.",
    "This Convention shall enter into force on the first day of the third month.",
    "Extradition shall not be refused on the ground that the offence is political.",
    "The central authority shall transmit the request to the competent authority.",
]


def _render(articles: list[tuple[str, str]], preamble: list[str]) -> str:
    lines = ["CONVENTION ON COOPERATION", ""]
    for paragraph in preamble:
        lines += [paragraph, ""]
    lines += ["Have agreed as follows:", "", "PART I", "PROVISIONS", ""]
    for label, text in articles:
        lines += [f"Article {label}", "", text, ""]
    return "\n".join(lines)


@st.composite
def draft_pairs(draw: st.DrawFn) -> tuple[str, str]:
    count = draw(st.integers(min_value=1, max_value=8))
    bodies = [
        " ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3)))
        for _ in range(count)
    ]
    old = [(str(k), body) for k, body in enumerate(bodies, start=1)]
    new_bodies = list(bodies)
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        op = draw(st.sampled_from(["delete", "insert", "swap", "edit", "repeal"]))
        if op == "delete" and new_bodies:
            del new_bodies[draw(st.integers(0, len(new_bodies) - 1))]
        elif op == "insert":
            position = draw(st.integers(0, len(new_bodies)))
            new_bodies.insert(position, draw(st.sampled_from(SENTENCES)))
        elif op == "swap" and len(new_bodies) > 1:
            k = draw(st.integers(0, len(new_bodies) - 2))
            new_bodies[k], new_bodies[k + 1] = new_bodies[k + 1], new_bodies[k]
        elif op == "edit" and new_bodies:
            k = draw(st.integers(0, len(new_bodies) - 1))
            new_bodies[k] = new_bodies[k].replace("shall", "may", 1)
        elif op == "repeal" and new_bodies:
            new_bodies[draw(st.integers(0, len(new_bodies) - 1))] = "[Deleted]"
    start = draw(st.integers(min_value=1, max_value=3))
    new = [(str(k), body) for k, body in enumerate(new_bodies, start=start)]
    preamble = draw(st.lists(st.sampled_from(SENTENCES[:4]), max_size=3, unique=True))
    return _render(old, preamble[:2]), _render(new, preamble[1:])


def _check_every_unit_once(old: Draft, new: Draft, rows: tuple[Match, ...]) -> None:
    seen_old = [unit.index for row in rows for unit in row.old]
    seen_new = [unit.index for row in rows for unit in row.new]
    assert sorted(seen_old) == [unit.index for unit in old.units]
    assert sorted(seen_new) == [unit.index for unit in new.units]
    for row in rows:
        shape = (len(row.old), len(row.new))
        if row.status is MatchStatus.MATCHED:
            assert shape == (1, 1)
        elif row.status is MatchStatus.ADDED:
            assert shape == (0, 1)
        elif row.status is MatchStatus.DELETED:
            assert shape == (1, 0)
        elif row.status is MatchStatus.SPLIT:
            assert shape[0] == 1
            assert shape[1] >= 2
        else:
            assert shape[0] >= 2
            assert shape[1] == 1
        assert {unit.kind for unit in row.old + row.new} <= {row.kind, Kind.SECTION, Kind.ARTICLE}


@settings(max_examples=150, deadline=None)
@given(draft_pairs())
def test_every_unit_of_both_drafts_is_in_exactly_one_row(pair: tuple[str, str]) -> None:
    old, new = parse_draft(pair[0]), parse_draft(pair[1])
    rows = align_drafts(old, new)
    _check_every_unit_once(old, new, rows)
    assert rows == align_drafts(old, new)


@settings(max_examples=50, deadline=None)
@given(draft_pairs())
def test_a_draft_aligned_with_itself_is_unchanged(pair: tuple[str, str]) -> None:
    draft = parse_draft(pair[0])
    rows = align_drafts(draft, draft)
    assert all(row.status is MatchStatus.MATCHED for row in rows)
    assert not any(row.modified or row.renumbered or row.moved for row in rows)


def _one_article(text: str, title: str = "Costs") -> Draft:
    return parse_draft(f"Article 20\n{title}\n\n{text}\n")


def _only_row(old: Draft, new: Draft) -> Match:
    (row,) = align_drafts(old, new)
    return row


COSTS = (
    "1. Parties shall not claim from each other the refund of any costs, except:\n"
    "a) costs incurred by the attendance of experts in the territory of the requested Party;\n"
    "b) costs of a substantial or extraordinary nature, under Article 11 of this Convention."
)


def test_layout_is_not_a_modification() -> None:
    """Spacing, markdown links and emphasis, typographic quotes: the same text, not modified."""
    noisy = (
        COSTS.replace("a) costs", "a)costs")
        .replace("Article 11", "[Article 11](../conventions/README.md)")
        .replace("substantial", "*substantial*")
        .replace("1. Parties", "1.  Parties")
    )
    row = _only_row(_one_article(COSTS), _one_article(noisy))
    assert not row.modified
    assert row.reason == "identical text"


def test_a_word_punctuation_or_capital_is_a_modification() -> None:
    changed = _only_row(_one_article(COSTS), _one_article(COSTS.replace("shall not", "may not")))
    assert changed.modified
    assert changed.reason.startswith("same number and title, ")
    comma = _only_row(_one_article(COSTS), _one_article(COSTS.replace("costs,", "costs")))
    assert comma.modified
    assert comma.reason == "same words; punctuation changed"
    capital = _only_row(_one_article(COSTS), _one_article(COSTS.replace("Parties", "parties")))
    assert capital.modified
    assert capital.reason == "same words; capitals changed"
    agreed = _only_row(
        _one_article(COSTS.replace("of any costs", "of [any] costs")), _one_article(COSTS)
    )
    assert agreed.modified
    assert agreed.reason == "same words; square brackets removed (text agreed)"


def test_a_title_change_alone_is_a_modification() -> None:
    row = _only_row(_one_article(COSTS), _one_article(COSTS, title="Expenses"))
    assert row.modified
    assert not row.renumbered
    assert row.reason == "same text, title changed"


def test_preamble_ordinals_are_never_renumbered() -> None:
    rows = align_drafts(
        parse_draft((FIXTURES / "preamble" / "old.txt").read_text(encoding="utf-8")),
        parse_draft((FIXTURES / "preamble" / "new.txt").read_text(encoding="utf-8")),
    )
    shifted = [r for r in rows if r.kind is Kind.PREAMBLE and r.old and r.new]
    assert any(r.old[0].number != r.new[0].number for r in shifted)
    assert not any(r.renumbered for r in shifted)


def _labels(rows: tuple[Match, ...]) -> dict[tuple[str, str], Match]:
    return {
        (row.old[0].number if row.old else "", row.new[0].number if row.new else ""): row
        for row in rows
    }


FILLER = " ".join(SENTENCES[:6])
COSTS_TEXT = " ".join(SENTENCES[6:9])


def test_a_short_article_moved_far_keeps_its_identity_only_when_identical() -> None:
    """Short boilerplate reads alike: out of its place it aligns only on identical wording."""
    clause = "This Convention shall be open for signature by all States."
    old = parse_draft(
        f"Article 1\nSignature\n\n{clause}\n\nArticle 2\nScope\n\n{FILLER}\n\n"
        f"Article 3\nCosts\n\n{COSTS_TEXT}\n"
    )
    moved = parse_draft(
        f"Article 1\nCosts\n\n{COSTS_TEXT}\n\n"
        f"Article 2\nScope\n\n{FILLER}\n\nArticle 3\nSignature\n\n{clause}\n"
    )
    rows = _labels(align_drafts(old, moved))
    assert rows[("1", "3")].moved
    assert not rows[("1", "3")].modified
    reworded = parse_draft(
        f"Article 1\nCosts\n\n{COSTS_TEXT}\n\nArticle 2\nScope\n\n{FILLER}\n\n"
        "Article 3\nSignature by regional organisations\n\n"
        "This Protocol shall be open for signature by the signatories of the Convention.\n"
    )
    rows = _labels(align_drafts(old, reworded))
    assert rows[("1", "")].status is MatchStatus.DELETED
    assert rows[("", "3")].status is MatchStatus.ADDED


def test_output_does_not_depend_on_hash_seed(tmp_path: Path) -> None:
    """Byte-identical JSON whatever Python's string hashing: no set or dict order leaks out."""
    folder = FIXTURES / "moved_part"
    outputs = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mla_diff",
                "compare",
                str(folder / "old.txt"),
                str(folder / "new.txt"),
                "--format",
                "json",
                "--exit-zero",
            ],
            capture_output=True,
            check=True,
            env=env,
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert b'"moved": true' in outputs[0]


def test_preamble_opening_and_closing_formulas_keep_their_roles() -> None:
    """ "The States Parties..." and "Have agreed as follows:" align by their role, however
    reworded; preamble paragraphs by their text."""
    old = parse_draft(
        "PREAMBLE\n\nThe States Parties to this Convention,\n\n"
        f"Recalling that {SENTENCES[0].lower()}\n\nHave agreed as follows:\n\n"
        f"Article 1\n\n{FILLER}\n"
    )
    new = parse_draft(
        "PREAMBLE\n\nThe High Contracting Parties,\n\n"
        f"Recalling that {SENTENCES[0].lower()}\n\nHave agreed upon the following:\n\n"
        f"Article 1\n\n{FILLER}\n"
    )
    rows = [r for r in align_drafts(old, new) if r.kind is Kind.PREAMBLE]
    assert [(r.old[0].number, r.new[0].number, r.modified) for r in rows] == [
        ("intro", "intro", True),
        ("PP1", "PP1", False),
        ("formula", "formula", True),
    ]


def test_a_chapter_moved_to_another_part_is_flagged_not_its_articles() -> None:
    def draft(first: bool) -> Draft:
        chapter = f"CHAPTER 1\nCOSTS\n\nArticle 3\n\n{COSTS_TEXT}\n\n"
        return parse_draft(
            "PART I\nGENERAL\n\n"
            + (chapter if first else "")
            + f"Article 1\n\n{FILLER}\n\nPART II\nFINAL\n\n"
            + (chapter if not first else "")
            + f"Article 2\n\n{SENTENCES[9]} {SENTENCES[10]} {SENTENCES[11]}\n"
        )

    rows = align_drafts(draft(True), draft(False))
    chapter = next(r for r in rows if r.kind is Kind.PART and r.old[0].number == "1")
    assert chapter.moved
    assert "moved from PART I to PART II" in chapter.reason
    article = next(r for r in rows if r.kind is Kind.ARTICLE and r.old[0].number == "3")
    assert article.status is MatchStatus.MATCHED
    assert "PART" not in article.reason
