"""A history as a command names it: where its versions come from, its step comparisons, its
outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mla_diff.errors import InputError
from mla_diff.histories import (
    TracedHistory,
    read_history_sources,
    render_step_reports,
    render_traced,
    step_report_name,
    trace_history,
)
from mla_diff.model import Version
from tests.drafting import V1, V2, V3, drafts_repository, manifest_folder


def test_sources_are_a_folder_several_drafts_or_one_draft_in_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = manifest_folder(tmp_path / "mla", [V1, V2, V3])
    title, read = read_history_sources([str(folder)])
    assert title == "MLA Convention"
    assert [v.label for v, _ in read] == ["Draft 2018-11", "Draft 2019-11", "Draft 2020-11"]
    title, read = read_history_sources([str(folder / "v1.txt"), str(folder / "v3.txt")])
    assert title == "History"
    assert len(read) == 2
    repo = drafts_repository(tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    title, read = read_history_sources(["drafts/convention.txt"], use_git=True)
    assert title == "convention.txt in git"
    labels = [v.label for v, _ in read]
    assert (labels[0], labels[-1]) == ("v2018", "v2020")


@pytest.mark.parametrize(
    ("sources", "use_git", "message"),
    [
        (["a.txt", "b.txt"], True, "a.txt b.txt: --git follows one file"),
        (["a.txt"], False, "a.txt: a history needs several versions"),
    ],
)
def test_sources_that_make_no_history(sources: list[str], use_git: bool, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_history_sources(sources, use_git)


def test_trace_history_finds_terms_and_compares_steps_with_the_rules_beside(
    tmp_path: Path,
) -> None:
    folder = manifest_folder(tmp_path / "mla", [V1, V2, V3])

    def seek_flags(traced: TracedHistory) -> list[list[str]]:
        return [[f.rule for f in step.flags if "'seek'" in f.message] for step in traced.steps]

    # "seek" is no shipped watch term: only the rules.toml beside the versions flags its removal
    plain = trace_history([str(folder)], terms=["amnesty"], with_steps=True)
    assert seek_flags(plain) == [[], []]
    (folder / "rules.toml").write_text('[en.watch_terms]\nseek = ["seek"]\n', encoding="utf-8")
    traced = trace_history([str(folder)], terms=["amnesty"], with_steps=True)
    assert traced.title == "MLA Convention"
    assert len(traced.steps) == 2
    assert all(step.settings.rules_source == str(folder / "rules.toml") for step in traced.steps)
    assert seek_flags(traced) == [["watch-term-removed"], []]
    assert sorted({hit.version for hit in traced.hits}) == [0, 2]
    assert trace_history([str(folder)]).steps == ()
    with pytest.raises(InputError, match="--term is empty"):
        trace_history([str(folder)], terms=[" "])


def test_traced_history_renders_as_json_text_and_html_linking_its_steps(tmp_path: Path) -> None:
    folder = manifest_folder(tmp_path / "mla", [V1, V2])
    traced = trace_history([str(folder)], terms=["amnesty"], with_steps=True)
    data = json.loads(render_traced(traced, "json", "9.9"))
    assert data["tool"] == {"name": "mla-diff", "version": "9.9"}
    assert set(data["terms"]) == {"amnesty"}
    assert render_traced(traced, "text", "9.9").startswith('"amnesty"\n')
    assert "lineage" in render_traced(trace_history([str(folder)]), "text", "9.9")
    ((name, page),) = render_step_reports(traced, "9.9")
    assert name == "compare-draft-2018-11__draft-2019-11.html"
    assert f'href="{name}#' in render_traced(traced, "html", "9.9")
    assert page.startswith("<!DOCTYPE html>")


def test_step_report_names_are_slugs_of_both_labels() -> None:
    assert step_report_name(Version("Draft (Nov 2018)"), Version("Rev. 1")) == (
        "compare-draft-nov-2018__rev-1.html"
    )
