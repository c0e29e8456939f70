"""(old text, new text) -> edits, by word or by character; the only user of diff-match-patch."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import fast_diff_match_patch

from mla_diff.model import Edit, Op

GRANULARITIES = ("word", "char")
IGNORE_OPTIONS = ("whitespace", "case", "punctuation", "numbering")

# Words, runs of spaces, and single punctuation marks are the tokens of a word diff.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
# A paragraph label opening a line: "1.", "(a)", "a)", "(iv)", "2.1". Only seen as one token when
# numbering is ignored, so that "2." -> "3." is one ignorable change and never a changed word.
_LABEL = re.compile(
    r"(?m)^[ \t]*(?:\(?\d{1,3}[a-z]?[.)]|\(\d{1,3}[a-z]?\)|\(?[a-z]{1,2}[.)]|\(?[ivxlc]{1,6}[.)]"
    r"|\d+(?:\.\d+)+\.?)(?=\s|$)"
)
# Marks that ignoring punctuation may pass over. Square brackets are not among them: in a
# negotiating text they say whether words are agreed.
_PUNCTUATION = frozenset(".,;:!?'\"‘’“”‚„-‐‑‒–—―…/()«»¡¿·")
# Tokens map onto characters from here on; below it lie the control and ASCII characters.
_FIRST_CODE_POINT = 0x100
_SURROGATES = range(0xD800, 0xE000)


@dataclass(frozen=True)
class _Token:
    text: str
    key: str  # what the comparison sees: the text, folded by the ignore options
    counts: bool  # False for tokens the ignore options pass over (spaces, punctuation)


def tokenize(text: str) -> list[str]:
    """Word, whitespace and punctuation tokens; joined they rebuild `text` exactly."""
    return _TOKEN.findall(text)


def check_options(granularity: str, ignore: Iterable[str]) -> None:
    """Raise ValueError naming an unknown granularity or ignore option."""
    if granularity not in GRANULARITIES:
        raise ValueError(f"unknown granularity {granularity!r}: use {' or '.join(GRANULARITIES)}")
    unknown = sorted(set(ignore) - set(IGNORE_OPTIONS))
    if unknown:
        raise ValueError(
            f"unknown ignore option {', '.join(unknown)}: use {', '.join(IGNORE_OPTIONS)}"
        )


def _pieces(text: str, granularity: str, numbering: bool) -> Iterator[tuple[str, bool]]:
    """The text cut into tokens; the flag says whether a token is a paragraph label."""
    position = 0
    labels = list(_LABEL.finditer(text)) if numbering else []
    for label in labels:
        yield from _plain_pieces(text[position : label.start()], granularity)
        yield label.group(), True
        position = label.end()
    yield from _plain_pieces(text[position:], granularity)


def _plain_pieces(text: str, granularity: str) -> Iterator[tuple[str, bool]]:
    for token in tokenize(text):
        if granularity == "char":
            yield from ((ch, False) for ch in token)
        else:
            yield token, False


def _tokens(text: str, granularity: str, ignore: frozenset[str]) -> list[_Token]:
    tokens: list[_Token] = []
    for piece, is_label in _pieces(text, granularity, "numbering" in ignore):
        if is_label:
            tokens.append(_Token(piece, "\x00label", True))
            continue
        counts = True
        if piece.isspace():
            counts = "whitespace" not in ignore
        elif "punctuation" in ignore and all(ch in _PUNCTUATION for ch in piece):
            counts = False
        key = piece.casefold() if "case" in ignore else piece
        tokens.append(_Token(piece, key, counts))
    return tokens


_RUN_OPS = {"=": 0, "-": -1, "+": 1}


def diff_cleaned(old: str, new: str, timeout: float = 0.0) -> list[tuple[int, str]]:
    """Google diff-match-patch's diff_main then diff_cleanupSemantic, as (-1|0|1, text) runs.

    Its C++ build, eight times faster than the Python one and giving the same runs (a test
    compares them on every diff of the corpus and on random texts). A timeout of 0 is no limit:
    results never depend on machine speed."""
    runs = fast_diff_match_patch.diff(
        old, new, timelimit=timeout, checklines=False, cleanup="Semantic"
    )
    out: list[tuple[int, str]] = []
    i = j = 0
    for op, length in runs:
        if op == "+":
            out.append((1, new[j : j + length]))
            j += length
        else:
            out.append((_RUN_OPS[op], old[i : i + length]))
            i += length
            j += length if op == "=" else 0
    return out


def _code_point(index: int) -> str:
    code = _FIRST_CODE_POINT + index
    if code >= _SURROGATES.start:
        code += len(_SURROGATES)
    return chr(code)


def diff_texts(
    old: str,
    new: str,
    *,
    granularity: str = "word",
    ignore: Iterable[str] = (),
    timeout: float = 0.0,
) -> tuple[Edit, ...]:
    """Edits turning `old` into `new`, semantically cleaned up, at word or character granularity.

    Ignore options decide what counts as a change, never what is shown: a difference they pass
    over becomes a DELETE and INSERT pair marked `ignored`, so both texts stay rebuildable."""
    ignored = frozenset(ignore)
    check_options(granularity, ignored)
    if old == new:
        return (Edit(Op.EQUAL, old),) if old else ()
    return _diff_cached(old, new, granularity, ignored, timeout)


# The flags read the paragraphs that the comparison has just diffed: the same pair, diffed once.
@lru_cache(maxsize=4096)
def _diff_cached(
    old: str, new: str, granularity: str, ignored: frozenset[str], timeout: float
) -> tuple[Edit, ...]:
    vocabulary: dict[str, str] = {}

    def encode(keys: Iterable[str]) -> str:
        return "".join(vocabulary.setdefault(key, _code_point(len(vocabulary))) for key in keys)

    if not ignored:
        # Every token counts and is its own key: the texts are diffed as they are.
        old_texts = tokenize(old) if granularity == "word" else list(old)
        new_texts = tokenize(new) if granularity == "word" else list(new)
        diffs = diff_cleaned(encode(old_texts), encode(new_texts), timeout)
        return _merge(_runs(diffs, old_texts, new_texts))
    old_tokens = _tokens(old, granularity, ignored)
    new_tokens = _tokens(new, granularity, ignored)
    old_counted = [t.key for t in old_tokens if t.counts]
    new_counted = [t.key for t in new_tokens if t.counts]
    diffs = diff_cleaned(encode(old_counted), encode(new_counted), timeout)
    if len(old_counted) == len(old_tokens) and len(new_counted) == len(new_tokens):
        return _merge(_runs(diffs, [t.text for t in old_tokens], [t.text for t in new_tokens]))
    return _merge(_expand(diffs, old_tokens, new_tokens))


def _expand(
    diffs: list[tuple[int, str]], old_tokens: list[_Token], new_tokens: list[_Token]
) -> Iterator[Edit]:
    """Edits over every token, counted or not, from the diff of the counted tokens, token by
    token (`_runs` gives the same edits, faster, when every token counts)."""
    i = j = 0

    def gap(tokens: list[_Token], start: int) -> tuple[str, int]:
        end = start
        while end < len(tokens) and not tokens[end].counts:
            end += 1
        return "".join(t.text for t in tokens[start:end]), end

    def both_gaps() -> Iterator[Edit]:
        nonlocal i, j
        old_gap, i = gap(old_tokens, i)
        new_gap, j = gap(new_tokens, j)
        yield from _pair(old_gap, new_gap)

    for op, chars in diffs:
        for _ in chars:
            if op == 0:
                yield from both_gaps()
                yield from _pair(old_tokens[i].text, new_tokens[j].text)
                i += 1
                j += 1
            elif op == -1:
                old_gap, i = gap(old_tokens, i)
                yield Edit(Op.DELETE, old_gap + old_tokens[i].text)
                i += 1
            else:
                new_gap, j = gap(new_tokens, j)
                yield Edit(Op.INSERT, new_gap + new_tokens[j].text)
                j += 1
    yield from both_gaps()


def _runs(diffs: list[tuple[int, str]], old: list[str], new: list[str]) -> Iterator[Edit]:
    """Edits from the diff of two token lists in which every token counts (no ignore option
    passes over any): no gaps between counted tokens, so each run is taken whole."""
    i = j = 0
    for op, chars in diffs:
        n = len(chars)
        if op == 0:
            old_run, new_run = old[i : i + n], new[j : j + n]
            if old_run == new_run:
                yield Edit(Op.EQUAL, "".join(old_run))
            else:  # equal keys, different texts: what "case" passes over
                for a, b in zip(old_run, new_run, strict=True):
                    yield from _pair(a, b)
            i += n
            j += n
        elif op == -1:
            yield Edit(Op.DELETE, "".join(old[i : i + n]))
            i += n
        else:
            yield Edit(Op.INSERT, "".join(new[j : j + n]))
            j += n


def _pair(old: str, new: str) -> Iterator[Edit]:
    """Two stretches the comparison holds equal: EQUAL when they are, else an ignored change."""
    if old == new:
        yield Edit(Op.EQUAL, old)
        return
    yield Edit(Op.DELETE, old, ignored=True)
    yield Edit(Op.INSERT, new, ignored=True)


def _merge(edits: Iterable[Edit]) -> tuple[Edit, ...]:
    """Adjacent runs of the same kind joined, empty runs dropped."""
    out: list[Edit] = []
    pieces: list[str] = []  # the texts of the run that out[-1] will hold, joined once

    def close() -> None:
        if len(pieces) > 1:
            last = out[-1]
            out[-1] = Edit(last.op, "".join(pieces), last.moved, last.ignored)

    for edit in edits:
        if not edit.text:
            continue
        if out and (out[-1].op, out[-1].moved, out[-1].ignored) == (
            edit.op,
            edit.moved,
            edit.ignored,
        ):
            pieces.append(edit.text)
        else:
            close()
            out.append(edit)
            pieces = [edit.text]
    close()
    return tuple(out)


def join_edits(runs: Iterable[Iterable[Edit]]) -> tuple[Edit, ...]:
    """Several edit runs as one, adjacent runs of the same kind joined."""
    return _merge(edit for run in runs for edit in run)


def old_text(edits: Iterable[Edit]) -> str:
    return "".join(edit.text for edit in edits if edit.op is not Op.INSERT)


def new_text(edits: Iterable[Edit]) -> str:
    return "".join(edit.text for edit in edits if edit.op is not Op.DELETE)


def changed(edits: Iterable[Edit]) -> bool:
    """Whether the edits hold a change that counts under the ignore options in force."""
    return any(edit.op is not Op.EQUAL and not edit.ignored for edit in edits)


def mark_moved(edits: Iterable[Edit], moved: str) -> tuple[Edit, ...]:
    """The same edits with their changed runs marked as one end of the move `moved`."""
    return tuple(
        Edit(edit.op, edit.text, moved, edit.ignored) if edit.op is not Op.EQUAL else edit
        for edit in edits
    )
