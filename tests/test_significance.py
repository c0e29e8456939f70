"""significance.py and the rules file: overrides, languages, order, and the real corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from mla_diff.compare import compare_drafts
from mla_diff.errors import InputError
from mla_diff.model import Comparison, Settings, Severity
from mla_diff.parse import parse_draft
from mla_diff.reports import build_reports
from mla_diff.rules.evidence import editorial_only
from mla_diff.rules.rulebook import build_rulebook, compile_phrase
from mla_diff.significance import RULES
from mla_diff.sources import read_draft

AMNESTY_OLD = """Article 4
Cooperation

Each State Party shall cooperate in the investigation of the crimes covered by this Convention.
"""
AMNESTY_NEW = """Article 4
Cooperation

Each State Party shall cooperate in the investigation of the crimes covered by this Convention,
save where a general truce applies.
"""


def _flags(old: str, new: str, settings: Settings | None = None) -> Comparison:
    return compare_drafts(parse_draft(old), parse_draft(new), settings)


def test_phrase_syntax() -> None:
    phrase = compile_phrase("in accordance with its|their domestic law*")
    assert phrase.count("in accordance with  their\ndomestic laws") == 1
    assert phrase.count("In Accordance With its domestic law") == 1
    assert phrase.count("in accordance with article 5") == 0
    assert compile_phrase("may").count("dismay") == 0


def test_shipped_rules_cover_english_french_and_spanish() -> None:
    rules = build_rulebook()
    assert {"en", "fr", "es"} <= set(rules.languages)
    english = rules.language("en")
    ranks = {m.phrase.text: m.rank for m in english.modals if not m.prohibition}
    assert ranks["shall"] > ranks["shall endeavour|endeavor to"] > ranks["should"] > ranks["may"]
    assert {"amnesty", "pardon", "commutation", "immunity", "statute of limitations"} <= {
        t.name for t in english.watch_terms
    }
    assert rules.language("de") is english, "a language without rules reads with English"
    french = rules.language("fr")
    assert any(m.phrase.count("L'État partie doit") for m in french.modals)


def test_languages_inherit_english_sections_until_they_write_their_own() -> None:
    rules = build_rulebook('[fr.scope]\noptional_markers = ["facultatif*"]\n', "my-rules.toml")
    english, french, spanish = (rules.language(code) for code in ("en", "fr", "es"))
    assert [p.text for p in french.optional_markers] == ["facultatif*"]
    assert french.optional_markers[0].count("un protocole facultatif") == 1
    assert "annex*" in [p.text for p in english.optional_markers]
    assert spanish.optional_markers == english.optional_markers
    assert french.crimes == english.crimes, "the rest of [en.scope] is inherited"


def test_a_rules_file_adds_a_watch_term() -> None:
    assert not [f for f in _flags(AMNESTY_OLD, AMNESTY_NEW).flags if f.rule == "watch-term-added"]
    settings = Settings(rules='[en.watch_terms]\ntruce = ["truce*"]\n', rules_source="truce.toml")
    flags = _flags(AMNESTY_OLD, AMNESTY_NEW, settings).flags
    added = [f for f in flags if f.rule == "watch-term-added"]
    assert [(f.severity, f.old, f.new) for f in added] == [(Severity.HIGH, "4", "4")]
    assert "'truce'" in added[0].message


# One article, then an article added about amnesty, in each shipped language.
AMNESTY_ADDED = {
    "en": (
        "Article 1\nObject\n\nEach State Party shall cooperate in the investigation of the "
        "crimes covered by this Convention.\n",
        "Article 2\nAmnesty\n\nNo amnesty shall be granted to the perpetrators of such crimes.\n",
    ),
    "fr": (
        "Article premier\nObjet\n\nChaque État partie coopère aux enquêtes sur les crimes "
        "visés par la présente Convention.\n",
        "Article 2\nAmnistie\n\nAucune amnistie ne peut être accordée aux auteurs de ces crimes.\n",
    ),
    "es": (
        "Artículo 1\nObjeto\n\nCada Estado Parte cooperará en la investigación de los "
        "crímenes comprendidos en la presente Convención.\n",
        "Artículo 2\nAmnistía\n\nNo se concederá amnistía a los autores de esos crímenes.\n",
    ),
}


@pytest.mark.parametrize("language", ["fr", "es"])
def test_critical_terms_work_in_every_language(language: str) -> None:
    def added(language: str) -> list[tuple[str, Severity, str | None]]:
        old, article = AMNESTY_ADDED[language]
        comparison = _flags(old, f"{old}\n{article}")
        assert comparison.new.language == language
        return [(f.rule, f.severity, f.new) for f in comparison.flags]

    english = added("en")
    assert english == [("article-added", Severity.HIGH, "2")]
    assert added(language) == english


def test_a_critical_term_must_name_a_watch_term_of_its_language() -> None:
    with pytest.raises(InputError, match=r"fr\.critical_terms\.terms must be names of watch terms"):
        build_rulebook('[fr.critical_terms]\nterms = ["amnesty"]\n', "my-rules.toml")
    rules = build_rulebook('[fr.critical_terms]\nterms = ["amnistie"]\n', "my-rules.toml")
    assert rules.language("fr").critical_terms == {"amnistie"}


@pytest.mark.parametrize(
    ("old", "new", "editorial"),
    [
        ("measures against inaction", "measures against in action", False),
        ("Each State  Party shall,", "each State Party shall", True),
        ("international co-operation", "international cooperation", True),
        ("non-refoulement", "non refoulement", True),
        ("States [shall] cooperate", "States [ shall ] cooperate", True),
        ("States [shall] cooperate", "States shall cooperate", False),
    ],
)
def test_editorial_only_compares_words(old: str, new: str, editorial: bool) -> None:
    assert editorial_only(old, new) is editorial


def test_a_renumbered_article_with_words_split_is_not_unchanged() -> None:
    old = (
        "Article 1\nObject\n\nEach State Party shall cooperate.\n\nArticle 2\nRemedies\n\n"
        "Each State Party shall provide remedies against inaction by its authorities.\n"
    )
    new = old.replace("Article 2", "Article 3")
    renumbered = [(f.rule, f.old, f.new) for f in _flags(old, new).flags]
    assert renumbered == [("renumbered-only", "2", "3")]
    split = _flags(old, new.replace("inaction", "in action")).flags
    assert [f for f in split if f.rule == "renumbered-only"] == []


def test_a_rules_file_can_rank_modals_differently() -> None:
    old = "Article 2\nCooperation\n\nEach State Party will cooperate fully with the others.\n"
    new = "Article 2\nCooperation\n\nEach State Party shall cooperate fully with the others.\n"
    assert [f.rule for f in _flags(old, new).flags] == ["obligation-strengthened"]
    settings = Settings(rules='[en.modals]\n"will" = 5\n')
    assert _flags(old, new, settings).flags == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[en.modals\n", "is not valid TOML"),
        ('[en.modals]\n"shall" = "high"\n', "must be a whole number from 1 to 5"),
        ("[en.watch_terms]\namnesty = 3\n", "en.watch_terms.amnesty must be a list"),
        ("[general]\nsubstitution_min_articles = 1\n", "at least 2"),
        ("en = 3\n", "rules key en must be a table"),
    ],
)
def test_a_bad_rules_file_is_one_clear_error(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as error:
        build_rulebook(text, "my-rules.toml")
    assert error.value.one_line().startswith("my-rules.toml:")


def test_flags_come_most_severe_first_then_in_reading_order() -> None:
    old = (
        "Article 1\nScope\n\nEach State Party shall cooperate under this Convention.\n\n"
        "Article 2\nPardon\n\nA State Party may grant amnesty or pardon for these crimes.\n\n"
        "Article 3\nCosts\n\nThe requested State shall bear the ordinary costs of execution.\n"
    )
    new = (
        "Article 1\nScope\n\nEach State Party may cooperate under this Convention.\n\n"
        "Article 3\nCosts\n\nThe requested State should bear the ordinary costs of execution.\n"
    )
    flags = _flags(old, new).flags
    assert [(f.rule, f.severity.value, f.old) for f in flags] == [
        ("article-deleted", "critical", "2"),
        ("obligation-weakened", "high", "1"),
        ("obligation-weakened", "high", "3"),
    ]
    assert all(f.rule in RULES for f in flags)
    assert all(f.message and f.rationale for f in flags)


def _corpus_pair(corpus: Path, old: str, new: str) -> Comparison:
    _, old_draft = read_draft(corpus / old)
    _, new_draft = read_draft(corpus / new)
    return compare_drafts(old_draft, new_draft)


@pytest.mark.corpus
def test_ets030_flags_only_the_articles_the_protocol_replaced(corpus: Path) -> None:
    comparison = _corpus_pair(
        corpus,
        "coe-ets030/ECMACM_en_v1_1982-04-12.md",
        "coe-ets030/ECMACM_en_v2_2011-04-01.md",
    )
    touched = {label for f in comparison.flags for label in (f.old, f.new, *f.articles) if label}
    assert touched, "the protocol's changes raise no flag"
    assert touched <= {"1", "4", "11", "15", "20", "24"}, touched
    # the consolidation correction of 2012 changed art. 20 editorially only
    later = _corpus_pair(
        corpus,
        "coe-ets030/ECMACM_en_v2_2011-04-01.md",
        "coe-ets030/ECMACM_en_v3_2012-07-10.md",
    )
    assert [f for f in later.flags if f.severity.rank <= Severity.LOW.rank] == []


@pytest.mark.corpus
def test_ets112_editorial_changes_raise_nothing_above_low(corpus: Path) -> None:
    comparison = _corpus_pair(
        corpus,
        "coe-ets112/ETS112_en_v1_1988-01-01.md",
        "coe-ets112/ETS112_en_v2_2011-04-14.md",
    )
    assert comparison.changed, "the two versions differ: the test must compare something"
    assert [f for f in comparison.flags if f.severity.rank < Severity.LOW.rank] == []


@pytest.mark.corpus
def test_teu_renumbering_raises_nothing_above_info(corpus: Path) -> None:
    comparison = _corpus_pair(
        corpus,
        "eu-teu/TEU_v2_1997-10-02_amsterdam-amended-old-numbering.txt",
        "eu-teu/TEU_v3_1999-05-01_amsterdam-renumbered.txt",
    )
    above = [f for f in comparison.flags if f.severity is not Severity.INFO]
    assert above == []
    renumbered = {(f.old, f.new) for f in comparison.flags if f.rule == "renumbered-only"}
    assert ("J.1", "11") in renumbered
    assert ("F.1", "7") in renumbered


def test_an_instrument_can_carry_its_own_rules(tmp_path: Path) -> None:
    folder = tmp_path / "drafts" / "truce-convention"
    folder.mkdir(parents=True)
    (folder / "v1.txt").write_text(AMNESTY_OLD, encoding="utf-8")
    (folder / "v2.txt").write_text(AMNESTY_NEW, encoding="utf-8")
    (folder / "versions.toml").write_text(
        'title = "Truce"\n[[versions]]\nfile = "v1.txt"\nlabel = "one"\n'
        '[[versions]]\nfile = "v2.txt"\nlabel = "two"\n',
        encoding="utf-8",
    )
    (report,) = build_reports(tmp_path / "drafts", tmp_path / "out", "x")
    assert "watch-term-added" not in report.path.read_text(encoding="utf-8")
    (folder / "rules.toml").write_text('[en.watch_terms]\ntruce = ["truce"]\n', encoding="utf-8")
    (report,) = build_reports(tmp_path / "drafts", tmp_path / "out", "x")
    assert "watch-term-added" in report.path.read_text(encoding="utf-8")
