"""Runs one tool on one pair in a fresh process and prints its time and peak memory as JSON.

Usage: python worker.py TOOL OLD NEW OUT (OUT ending in .html; for mla-diff-history, OLD is a
drafts folder and NEW is ignored). Each measurement gets its own process so that peak
memory (ru_maxrss) belongs to that tool alone."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def _read(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def _mla_diff(*args: str) -> None:
    """The command line, in this process: what a user runs, without the interpreter's start."""
    from mla_diff.cli import main
    from mla_diff.cli.shared import EXIT_CHANGED, EXIT_SAME

    try:
        main([*args], standalone_mode=False)
    except SystemExit as done:  # compare's exit status tells whether the drafts differ
        if done.code not in (EXIT_SAME, EXIT_CHANGED):
            raise


def run_mla_diff(old: str, new: str, out: str) -> None:
    _mla_diff("compare", old, new, "-o", out)


def run_mla_diff_history(folder: str, _: str, out: str) -> None:
    """The history of every provision across the versions of a drafts folder, as HTML."""
    _mla_diff("history", folder, "-o", out, "--no-step-reports")


def run_difflib_words(old: str, new: str, out: str) -> None:
    from difflib import SequenceMatcher

    a, b = _read(old).split(), _read(new).split()
    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    Path(out).write_text("\n".join(map(str, opcodes)), encoding="utf-8")


def run_difflib_html(old: str, new: str, out: str) -> None:
    from difflib import HtmlDiff

    html = HtmlDiff().make_file(_read(old).splitlines(), _read(new).splitlines())
    Path(out).write_text(html, encoding="utf-8")


def run_dmp_words(old: str, new: str, out: str) -> None:
    import re

    from diff_match_patch import diff_match_patch

    codes: dict[str, str] = {}

    def encode(text: str) -> str:
        return "".join(
            codes.setdefault(w, chr(0x100 + len(codes))) for w in re.findall(r"\S+|\s+", text)
        )

    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    diffs = engine.diff_main(encode(_read(old)), encode(_read(new)), False)
    engine.diff_cleanupSemantic(diffs)
    Path(out).write_text(str(len(diffs)), encoding="utf-8")


def run_iddiff(old: str, new: str, out: str) -> None:
    from iddiff.iddiff import get_iddiff

    Path(out).write_text(get_iddiff(old, new), encoding="utf-8")


def run_redlines(old: str, new: str, out: str) -> None:
    from redlines import Redlines

    Path(out).write_text(Redlines(_read(old), _read(new)).output_markdown, encoding="utf-8")


def run_git_word_diff(old: str, new: str, out: str) -> None:
    with open(out, "wb") as sink:
        subprocess.run(
            ["git", "diff", "--no-index", "--word-diff=plain", "--no-color", old, new],
            stdout=sink,
            check=False,
        )


TOOLS: dict[str, Callable[[str, str, str], None]] = {
    "mla-diff": run_mla_diff,
    "mla-diff-history": run_mla_diff_history,
    "difflib-words": run_difflib_words,
    "difflib-html": run_difflib_html,
    "dmp-words": run_dmp_words,
    "iddiff": run_iddiff,
    "redlines": run_redlines,
    "git-word-diff": run_git_word_diff,
}


def _own_peak_kb() -> int:
    """This process's peak resident memory. Linux's ru_maxrss keeps the peak of the process that
    forked it (the harness) across exec; VmHWM belongs to this program's memory alone."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    tool, old, new, out = sys.argv[1:5]
    start = time.perf_counter()
    TOOLS[tool](old, new, out)
    seconds = time.perf_counter() - start
    peak_kb = max(_own_peak_kb(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(
        json.dumps(
            {"seconds": seconds, "peak_mb": peak_kb / 1024, "bytes": Path(out).stat().st_size}
        )
    )


if __name__ == "__main__":
    main()
