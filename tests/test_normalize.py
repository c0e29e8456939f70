"""Text hygiene: decoding, line breaks, quotes, spaces, markdown noise and hyphenation."""

from __future__ import annotations

import re

import pytest

from mla_diff.errors import InputError
from mla_diff.normalize import (
    clean_line,
    decode_text,
    hyphenation_words,
    join_wrapped,
    split_lines,
)


def test_split_lines_keeps_offsets_true_for_crlf_cr_and_lf() -> None:
    text = "a\r\nbb\rc\nd"
    lines = split_lines(text)
    assert [text[start:end] for start, end, _ in lines] == ["a", "bb", "c", "d"]
    assert [nxt for _, _, nxt in lines] == [3, 6, 8, 9]


@pytest.mark.parametrize(
    "text",
    ["", "\n", "\n\n", "a", "a\n", "a\nb", "a\n\nb\n", "\na\f\v\u2028b\x85c\n", "a\r", "\r\n\n"],
)
def test_split_lines_without_cr_finds_the_same_lines_as_with(text: str) -> None:
    # Text without CR takes a shortcut: LF alone ends a line, and no other line separator does.
    expected, pos = [], 0
    for match in re.finditer(r"\r\n|\r|\n", text):
        expected.append((pos, match.start(), match.end()))
        pos = match.end()
    if pos < len(text):
        expected.append((pos, len(text), len(text)))
    assert split_lines(text) == expected


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Article\u00a0 15  ", "Article 15"),
        ("\ufeffArticle 1", "Article 1"),
        ("the \u201ccentral authority\u201d\u2019s", 'the "central authority"\'s'),
        ("juris\u00addiction", "jurisdiction"),
        ("\t1.\tThe  States", "1. The States"),
        ("*Preamble*", "Preamble"),
        ("**Article 16 – Scope**", "Article 16 – Scope"),
        ("the [Charter](https://un.org/charter) applies", "the Charter applies"),
        ("it \\[shall\\]\\[should\\] apply", "it [shall][should] apply"),
        ("---", ""),
        ("* * *", ""),
        ("within the juris- diction of", "within the jurisdiction of"),
        ("pre- and post-trial", "pre- and post-trial"),
        ("non- governmental", "non-governmental"),
        ("\fA/CONF.1", "A/CONF.1"),
    ],
)
def test_clean_line(raw: str, clean: str) -> None:
    assert clean_line(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # ASCII lines skip the Unicode pass, and lines with single spaces the space pass: each
        # character that either pass handles still gets it, alone or beside others.
        ("a\vb", "a b"),
        ("a \f b", "a b"),
        ("a\u2003b", "a b"),
        ("\u3000Article 1\u202f", "Article 1"),
        ("Übereinkommen  und", "Übereinkommen und"),
        ("Straße\u00a0und", "Straße und"),
        ("Cafe\u0301 e\u0301", "Café é"),
        ("\u00abZoll\u00bb", '"Zoll"'),
        ("\u2018a\u2019 b", "'a' b"),
        ("a\u200bb\u2060c", "abc"),
        ("Bekenntnis\u00ad", "Bekenntnis-"),
        ("Bekenntnis\u00ad \u00a0", "Bekenntnis-"),
        ("[ Charter ](x) applies", "Charter applies"),
        ("Übereinkommen", "Übereinkommen"),
        ("a b c", "a b c"),
    ],
)
def test_clean_line_screens(raw: str, clean: str) -> None:
    assert clean_line(raw) == clean


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["within the juris-", "diction of"], "within the jurisdiction of"),
        (["international co-", "operation"], "international co-operation"),
        (["a non-", "governmental body"], "a non-governmental body"),
        (["UN-", "led"], "UN-led"),
        (["the Con-", "vention"], "the Convention"),
        (["the", "", "Party"], "the Party"),
        (["ends with a dash -", "next"], "ends with a dash - next"),
        (["the pre-", "and post-trial phase"], "the pre- and post-trial phase"),
        (["die Zoll-", "und Handelsabkommen"], "die Zoll- und Handelsabkommen"),
        (["the ex-", "tradition of"], "the extradition of"),
        (["a re-", "quest"], "a request"),
        (["the Euro-", "Atlantic area"], "the Euro-Atlantic area"),
        (
            [clean_line("within the juris\u00ad"), clean_line("diction of")],
            "within the jurisdiction of",
        ),
    ],
)
def test_join_wrapped_undoes_hyphenation_only(lines: list[str], joined: str) -> None:
    assert join_wrapped(lines) == joined


def test_decode_text_uses_the_bom_then_utf8_then_cp1252() -> None:
    assert decode_text("\ufeffArticle 1".encode()) == "Article 1"
    assert decode_text("Artículo 1".encode("utf-16")) == "Artículo 1"
    assert decode_text("Artículo 1".encode("cp1252")) == "Artículo 1"


def test_decode_text_refuses_binary_input() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_text(b"%PDF-1.7\x00\x01", "draft.pdf")


def test_the_drafts_own_spellings_decide_a_line_end_hyphen() -> None:
    words = hyphenation_words(
        "decision-making and jurisdiction; twenty-six States.\n"
        "the decision-\nmaking of the juris-\n"
    )
    assert join_wrapped(["the decision-", "making process"], words) == "the decision-making process"
    assert join_wrapped(["within the juris-", "diction"], words) == "within the jurisdiction"
    assert join_wrapped(["twenty-", "six States"], words) == "twenty-six States"
    assert hyphenation_words("no hyphen at a line end-\n"[:-2]) == frozenset()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("juris-\ndiction", True),
        ("juris- \t\r\ndiction", True),
        ("Zoll-\rund", True),
        ("Stra\u00dfen-\n", True),
        ("x_-\n", True),  # "_" and digits are word characters
        ("1-\n", True),
        ("-\nfirst", False),  # nothing before the hyphen
        ("a -\n", False),
        ("a--\n", False),
        ("a-\u00a0\n", False),  # only spaces and tabs may stand between hyphen and break
        ("a- b\nc", False),
        ("a-\fb", False),
        ("--\na-", False),
        ("a -\n" * 3 + "juris-\ndiction", True),  # the first hyphen at a line end is no word's
        ("-\nx-\n", True),
    ],
)
def test_hyphenation_words_only_when_a_line_ends_with_a_hyphen(text: str, found: bool) -> None:
    assert bool(hyphenation_words(text + " word")) is found
