"""Lineages across versions: every event, split and merge forks, reinstatement, stable ids."""

from __future__ import annotations

import json

import pytest

from mla_diff.align import align_drafts
from mla_diff.compare import compare_drafts
from mla_diff.history import Event, History, Lineage, build_history, reuse_concordances
from mla_diff.model import Draft, Kind, Match, MatchStatus, Version
from mla_diff.parse import parse_draft
from mla_diff.steps import count_changes, text_similarity
from mla_diff.terms import find_terms, term_pattern
from mla_diff.timeline import history_json, render_terms_text, render_timeline_text
from tests.drafting import (
    AMNESTY,
    DEFINITIONS,
    ENTRY,
    PURPOSE,
    SCOPE,
    V1,
    V2,
    V3,
    VICTIMS,
    draft_text,
)


def _history(*texts: str, dates: list[str] | None = None) -> History:
    dates = dates or [f"{2018 + i}-11" for i in range(len(texts))]
    versions = [Version(label=f"Draft {d}", date=d) for d in dates]
    return build_history(versions, [parse_draft(t, "en") for t in texts])


def _lineage(history: History, version: int, number: str) -> Lineage:
    found = [
        lineage
        for lineage in history.lineages
        if lineage.number(version) == number and lineage.kind is Kind.ARTICLE
    ]
    assert len(found) == 1, [lineage.id for lineage in found]
    return found[0]


def _events(lineage: Lineage, version: int) -> list[Event]:
    return [step.event for step in lineage.events_at(version)]


def test_three_versions_give_each_article_its_lineage_and_events() -> None:
    history = _history(V1, V2, V3)
    amnesty = _lineage(history, 0, "4")
    assert amnesty.id == "L-2018-11-art-4"
    assert [amnesty.number(i) for i in range(3)] == ["4", None, "5"]
    assert _events(amnesty, 0) == [Event.INTRODUCED]
    assert _events(amnesty, 1) == [Event.DELETED]
    assert _events(amnesty, 2) == [Event.REINSTATED, Event.RENUMBERED, Event.AMENDED]

    victims = _lineage(history, 0, "3")
    assert [victims.number(i) for i in range(3)] == ["3", "4", "4"]
    assert _events(victims, 1) == [Event.RENUMBERED, Event.AMENDED]
    assert _events(victims, 2) == []

    definitions = _lineage(history, 1, "2")
    assert definitions.id == "L-2019-11-art-2"
    assert definitions.number(0) is None
    assert _events(definitions, 1) == [Event.INTRODUCED]

    purpose = _lineage(history, 0, "1")
    assert [step.event for step in purpose.steps] == [Event.INTRODUCED]


def test_rows_follow_reading_order_with_new_articles_where_they_appear() -> None:
    history = _history(V1, V2, V3)
    first_numbers = [
        lineage.number(0) or f"new {lineage.number(1)}"
        for lineage in history.lineages
        if lineage.kind is Kind.ARTICLE
    ]
    assert first_numbers == ["1", "new 2", "2", "3", "4", "5"]


def test_ids_are_stable_when_a_version_is_appended() -> None:
    two = _history(V1, V2)
    three = _history(V1, V2, V3)
    assert [lineage.id for lineage in two.lineages] == [lineage.id for lineage in three.lineages]


def test_ids_fall_back_to_labels_when_dates_repeat() -> None:
    versions = [
        Version(label="v2018", date="2020-01-01"),
        Version(label="abc1234", date="2020-01-01"),
    ]
    history = build_history(versions, [parse_draft(V1, "en"), parse_draft(V2, "en")])
    assert history.lineages[0].id.startswith("L-v2018-")
    assert any(lineage.id.startswith("L-abc1234-") for lineage in history.lineages)


def test_a_placeholder_is_a_deletion_and_text_after_it_a_reinstatement() -> None:
    placeholder = V1.replace(f"Article 4\n{AMNESTY[0]}\n\n{AMNESTY[1]}\n", "Article 4 [Deleted]\n")
    history = _history(V1, placeholder, V1)
    amnesty = _lineage(history, 0, "4")
    assert [amnesty.number(i) for i in range(3)] == ["4", "4", "4"]
    assert _events(amnesty, 1) == [Event.DELETED]
    assert _events(amnesty, 2) == [Event.REINSTATED]
    data = history_json(history, {"name": "mla-diff", "version": "test"})
    row = next(item for item in data["lineages"] if item["id"] == amnesty.id)
    assert row["placeholders"] == ["Draft 2019-11"]


def test_a_deletion_and_addition_in_the_same_step_is_not_a_reinstatement() -> None:
    history = _history(V1, V2)
    amnesty = _lineage(history, 0, "4")
    assert _events(amnesty, 1) == [Event.DELETED]
    assert all(Event.REINSTATED not in _events(lineage, 1) for lineage in history.lineages)


def test_an_unrelated_new_article_does_not_reinstate_a_deleted_one() -> None:
    other = (
        "Languages",
        "The Arabic, Chinese, English, French, Russian and Spanish texts are equally authentic.",
    )
    v3 = draft_text(PURPOSE, DEFINITIONS, SCOPE, VICTIMS, ENTRY, other)
    history = _history(V1, V2, v3)
    amnesty = _lineage(history, 0, "4")
    assert amnesty.number(2) is None
    assert _events(_lineage(history, 2, "6"), 2) == [Event.INTRODUCED]


def test_an_article_moved_among_others_is_moved_not_merely_renumbered() -> None:
    old = draft_text(PURPOSE, SCOPE, VICTIMS, AMNESTY, ENTRY)
    new = draft_text(PURPOSE, AMNESTY, SCOPE, VICTIMS, ENTRY)
    history = _history(old, new)
    amnesty = _lineage(history, 0, "4")
    assert _events(amnesty, 1) == [Event.RENUMBERED, Event.MOVED]
    scope = _lineage(history, 0, "2")
    assert _events(scope, 1) == [Event.RENUMBERED]  # shifted by the move, still in place
    assert count_changes(history.concordances[0])["moved"] == 1


def _forced(status: MatchStatus, old_numbers: list[str], new_numbers: list[str]) -> object:
    """An aligner reporting one split or merge row (the rest as align_drafts has them), to test
    how lineages fork and join whatever concordance produced the row."""

    def align(old: Draft, new: Draft) -> tuple[Match, ...]:
        olds = tuple(u for u in old.articles if u.number in old_numbers)
        news = tuple(u for u in new.articles if u.number in new_numbers)
        taken = {u.index for u in olds} | {u.index + 10_000 for u in news}
        rows = [
            m
            for m in align_drafts(old, new)
            if not ({u.index for u in m.old} | {u.index + 10_000 for u in m.new}) & taken
        ]
        rows.append(Match(status, Kind.ARTICLE, olds, news, 0.6, "forced"))
        return tuple(rows)

    return align


SCOPE_A = (
    "Scope",
    "This Convention shall apply to the crime of genocide, crimes against humanity.",
)
SCOPE_B = ("Further crimes", "War crimes are covered as well.")


def test_a_split_keeps_the_lineage_in_the_closest_part_and_forks_the_others() -> None:
    old = parse_draft(draft_text(PURPOSE, SCOPE, ENTRY), "en")
    new = parse_draft(draft_text(PURPOSE, SCOPE_A, SCOPE_B, ENTRY), "en")
    versions = [Version(label="a", date="2018-11"), Version(label="b", date="2020-01")]
    history = build_history(versions, [old, new], _forced(MatchStatus.SPLIT, ["2"], ["2", "3"]))  # type: ignore[arg-type]
    parent = _lineage(history, 0, "2")
    child = _lineage(history, 1, "3")
    assert parent.number(1) == "2"
    assert _events(parent, 1) == [Event.SPLIT]
    assert parent.events_at(1)[0].related == (child.id,)
    assert child.id == "L-2020-01-art-3"
    assert _events(child, 1) == [Event.SPLIT]
    assert child.events_at(1)[0].related == (parent.id,)
    assert child.number(0) is None


def test_a_merge_continues_the_closest_lineage_and_ends_the_others() -> None:
    old = parse_draft(draft_text(PURPOSE, SCOPE_A, SCOPE_B, ENTRY), "en")
    new = parse_draft(draft_text(PURPOSE, SCOPE, ENTRY), "en")
    versions = [Version(label="a", date="2018-11"), Version(label="b", date="2020-01")]
    history = build_history(versions, [old, new], _forced(MatchStatus.MERGED, ["2", "3"], ["2"]))  # type: ignore[arg-type]
    survivor = _lineage(history, 1, "2")
    absorbed = _lineage(history, 0, "3")
    assert survivor.number(0) == "2"  # SCOPE_A is the closer text
    assert absorbed.number(1) is None
    assert _events(absorbed, 1) == [Event.MERGED]
    assert absorbed.events_at(1)[0].related == (survivor.id,)
    entry = _lineage(history, 0, "4")
    assert _events(entry, 1) == [Event.RENUMBERED]


def test_terms_are_found_per_version_and_article() -> None:
    history = _history(V1, V2, V3)
    hits = find_terms(history, ["amnesty", "Victim"])
    amnesty = [(h.version, h.number) for h in hits if h.term == "amnesty"]
    assert amnesty == [(0, "4"), (2, "5")]
    victims = sorted((h.version, h.number) for h in hits if h.term == "Victim")
    assert victims == [(0, "3"), (1, "2"), (1, "4"), (2, "2"), (2, "4")]
    text = render_terms_text(history, ["amnesty"], hits)
    assert "Draft 2019-11  (absent)" in text
    assert "last appears in Draft 2020-11 (art. 5)" in text


def test_term_pattern_matches_word_starts_across_spaces() -> None:
    pattern = term_pattern("statute of limitations")
    assert pattern.search("no Statute  of\nlimitations shall apply")
    assert not term_pattern("pardon").search("the unpardonable")
    assert term_pattern("amnesty").search("Amnesty-related")
    with pytest.raises(ValueError, match="empty"):
        term_pattern("  ")


def test_json_has_versions_and_lineages_with_numbers_and_events() -> None:
    history = _history(V1, V2, V3)
    data = json.loads(
        json.dumps(
            history_json(
                history,
                {"name": "mla-diff", "version": "t"},
                ["amnesty"],
                find_terms(history, ["amnesty"]),
            )
        )
    )
    assert data["versions"] == ["Draft 2018-11", "Draft 2019-11", "Draft 2020-11"]
    amnesty = next(item for item in data["lineages"] if item["id"] == "L-2018-11-art-4")
    assert amnesty["numbers"] == {"Draft 2018-11": "4", "Draft 2019-11": None, "Draft 2020-11": "5"}
    assert [e["event"] for e in amnesty["events"]] == [
        "introduced",
        "deleted",
        "reinstated",
        "renumbered",
        "amended",
    ]
    assert data["terms"]["amnesty"]["Draft 2019-11"] == []
    assert data["terms"]["amnesty"]["Draft 2020-11"] == [{"article": "5", "lineage": amnesty["id"]}]


def test_text_timeline_marks_each_cell() -> None:
    text = render_timeline_text(_history(V1, V2, V3))
    row = next(line for line in text.splitlines() if line.startswith("L-2018-11-art-4 "))
    assert row.split() == ["L-2018-11-art-4", "4", "-x", "5!#~"]
    assert "x deleted" in text
    definitions = next(line for line in text.splitlines() if line.startswith("L-2019-11-art-2 "))
    assert definitions.split() == ["L-2019-11-art-2", "-", "2+", "2"]


def test_history_of_one_version_lists_its_provisions() -> None:
    history = _history(V1)
    assert len([lineage for lineage in history.lineages if lineage.kind is Kind.ARTICLE]) == 5
    assert history.concordances == ()


def test_history_refuses_mismatched_inputs() -> None:
    with pytest.raises(ValueError, match="one version per draft"):
        build_history([Version(label="a")], [])


def test_reused_concordances_give_the_same_history() -> None:
    drafts = [parse_draft(text, "en") for text in (V1, V2, V3)]
    versions = [Version(label=f"v{i}", date=f"20{18 + i}") for i in range(3)]
    comparisons = [
        compare_drafts(
            drafts[k], drafts[k + 1], old_version=versions[k], new_version=versions[k + 1]
        )
        for k in range(2)
    ]
    calls: list[int] = []

    def counting(old: Draft, new: Draft) -> tuple[Match, ...]:
        calls.append(1)
        return align_drafts(old, new)

    fresh = build_history(versions, drafts)
    reused = build_history(versions, drafts, reuse_concordances(comparisons))
    assert reused.lineages == fresh.lineages
    build_history(versions, drafts, counting)
    assert len(calls) == 2


def test_an_identical_copy_needs_no_alignment() -> None:
    drafts = [parse_draft(V1, "en"), parse_draft(V1, "en")]

    def refuse(old: Draft, new: Draft) -> tuple[Match, ...]:
        raise AssertionError("aligned identical drafts")

    history = build_history([Version(label="a"), Version(label="b")], drafts, refuse)
    assert all(not lineage.events_at(1) for lineage in history.lineages)
    assert all(lineage.number(0) == lineage.number(1) for lineage in history.lineages)


def test_similarity_floor_gives_zero_below_it_and_the_ratio_above() -> None:
    draft = parse_draft(V1, "en")
    amnesty, entry = draft.articles[3], draft.articles[4]
    assert text_similarity(amnesty, entry, 0.9) == 0.0
    assert text_similarity(amnesty, amnesty, 0.9) == 1.0
    assert 0.0 < text_similarity(amnesty, entry) < 0.5
