"""(old text, new text) -> edits; the only importer of diff_match_patch."""

from __future__ import annotations

import re
from collections.abc import Iterable

from diff_match_patch import diff_match_patch

from mla_diff.model import Edit, Op

# Words, runs of spaces, and single punctuation marks are the tokens of a word diff.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_OPS = {0: Op.EQUAL, 1: Op.INSERT, -1: Op.DELETE}
# Tokens map onto characters from here on; below it lie the control and ASCII characters.
_FIRST_CODE_POINT = 0x100


def tokenize(text: str) -> list[str]:
    """Word, whitespace and punctuation tokens; joined they rebuild `text` exactly."""
    return _TOKEN.findall(text)


def _engine(timeout: float) -> diff_match_patch:
    engine = diff_match_patch()
    engine.Diff_Timeout = timeout  # 0 = no limit: results never depend on machine speed
    return engine


def diff_texts(
    old: str, new: str, *, granularity: str = "word", timeout: float = 0.0
) -> tuple[Edit, ...]:
    """Edits turning `old` into `new`, semantically cleaned up, at word or character granularity."""
    engine = _engine(timeout)
    if granularity == "char":
        diffs = engine.diff_main(old, new, False)
        engine.diff_cleanupSemantic(diffs)
        return _merge(Edit(_OPS[op], text) for op, text in diffs)
    vocabulary: dict[str, str] = {}
    tokens: list[str] = []

    def encode(text: str) -> str:
        out = []
        for token in tokenize(text):
            code = vocabulary.get(token)
            if code is None:
                code = chr(_FIRST_CODE_POINT + len(tokens))
                vocabulary[token] = code
                tokens.append(token)
            out.append(code)
        return "".join(out)

    diffs = engine.diff_main(encode(old), encode(new), False)
    engine.diff_cleanupSemantic(diffs)
    return _merge(
        Edit(_OPS[op], "".join(tokens[ord(ch) - _FIRST_CODE_POINT] for ch in chars))
        for op, chars in diffs
    )


def _merge(edits: Iterable[Edit]) -> tuple[Edit, ...]:
    out: list[Edit] = []
    for edit in edits:
        if not edit.text:
            continue
        if out and out[-1].op is edit.op and out[-1].moved == edit.moved:
            out[-1] = Edit(edit.op, out[-1].text + edit.text, edit.moved)
        else:
            out.append(edit)
    return tuple(out)


def old_text(edits: tuple[Edit, ...]) -> str:
    return "".join(edit.text for edit in edits if edit.op is not Op.INSERT)


def new_text(edits: tuple[Edit, ...]) -> str:
    return "".join(edit.text for edit in edits if edit.op is not Op.DELETE)
