"""The preamble: where it starts, its paragraphs, its opening words and closing formula."""

from __future__ import annotations

from mla_diff.preamble import (
    PreambleLine,
    find_preamble_start,
    name_preamble_units,
    split_preamble,
)


def _split(text: str, wrapped: bool = False) -> list[str]:
    lines = []
    offset = 0
    for raw in text.split("\n"):
        lines.append((offset, raw, False))
        offset += len(raw) + 1
    return [
        " ".join(piece.strip() for piece in pieces) for _, pieces in split_preamble(lines, wrapped)
    ]


def test_a_run_on_preamble_splits_at_its_participles() -> None:
    text = (
        "The Governments signatory hereto, Considering that unity matters; Believing that "
        "rules help;and Considering that extradition is related,Have agreed as follows:"
    )
    assert _split(text) == [
        "The Governments signatory hereto,",
        "Considering that unity matters;",
        "Believing that rules help;and",
        "Considering that extradition is related,",
        "Have agreed as follows:",
    ]


def test_one_paragraph_per_line_and_hard_wrapped_paragraphs() -> None:
    text = (
        "Recalling the Charter of the\nUnited Nations,\nConvinced that justice matters,\n"
        "Have agreed as follows:"
    )
    assert _split(text, wrapped=True) == [
        "Recalling the Charter of the United Nations,",
        "Convinced that justice matters,",
        "Have agreed as follows:",
    ]
    german = (
        "Im Bewußtsein seiner Verantwortung,\nvon dem Willen beseelt, beschlossen.\n"
        "Es hat gehandelt."
    )
    assert _split(german) == [
        "Im Bewußtsein seiner Verantwortung, von dem Willen beseelt, beschlossen.",
        "Es hat gehandelt.",
    ]
    assert _split("considering that lower case, Considering in a sentence") == [
        "considering that lower case,",
        "Considering in a sentence",
    ]


def test_opening_words_and_formula_are_not_numbered() -> None:
    texts = [
        "The States Parties to this Convention,",
        "Recalling x,",
        "Noting y,",
        "Have agreed as follows:",
    ]
    assert name_preamble_units(texts) == ["intro", "PP1", "PP2", "formula"]
    assert name_preamble_units(["Recalling x,", "Noting y."]) == ["PP1", "PP2"]
    assert name_preamble_units(["Les Hautes Parties contractantes,", "Considérant z,"]) == [
        "intro",
        "PP1",
    ]


def test_where_an_unannounced_preamble_starts() -> None:
    lines = [
        PreambleLine(t) for t in ("Draft Convention", "", "The States Parties,", "", "Recalling x,")
    ]
    assert find_preamble_start(lines) == 2
    assert (
        find_preamble_start([PreambleLine("Draft Convention"), PreambleLine("on Cooperation")])
        == -1
    )
    assert (
        find_preamble_start(
            [PreambleLine("Note"), PreambleLine(""), PreambleLine("Recalling the Charter")]
        )
        == 2
    )


def test_capitals_and_other_formulas() -> None:
    text = "THE HIGH CONTRACTING PARTIES, CONSIDERING that x; RECALLING y, HAVE AGREED AS FOLLOWS:"
    assert _split(text) == [
        "THE HIGH CONTRACTING PARTIES,",
        "CONSIDERING that x;",
        "RECALLING y,",
        "HAVE AGREED AS FOLLOWS:",
    ]
    for formula in (
        "Sont convenues de ce qui suit :",
        "Han acordado lo siguiente:",
        "haben Folgendes vereinbart:",
        "Zijn overeengekomen als volgt:",
        "Have adopted this Regulation:",
    ):
        assert name_preamble_units(["Recalling x,", formula]) == ["PP1", "formula"]
