"""Benchmark: align a synthetic 300-article pair, against difflib over the same words.

Run `.venv/bin/python scripts/bench_align.py`. Prints CPU seconds (median of several runs, taken
in turn so that both see the same machine load) of `align_drafts` and of difflib's
SequenceMatcher comparing the two drafts' words, and their ratio. Needs ../shared/corpus."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

from mla_diff.align import align_drafts
from mla_diff.parse import parse_draft

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_pair


def cpu_seconds(run: object) -> float:
    start = time.process_time()
    run()  # type: ignore[operator]
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=300, help="articles in the old draft")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each")
    args = parser.parse_args()
    pair = synthetic_pair(args.size)
    parse_time = cpu_seconds(lambda: (parse_draft(pair.old, "en"), parse_draft(pair.new, "en")))
    old, new = parse_draft(pair.old, "en"), parse_draft(pair.new, "en")
    old_words, new_words = pair.old.split(), pair.new.split()
    align_drafts(old, new)  # warm up: regular expressions, imports
    aligned, diffed = [], []
    for _ in range(args.runs):
        aligned.append(cpu_seconds(lambda: align_drafts(old, new)))
        diffed.append(
            cpu_seconds(
                lambda: SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes()
            )
        )
    align_time, difflib_time = statistics.median(aligned), statistics.median(diffed)
    print(
        f"{len(old.articles)} -> {len(new.articles)} articles, "
        f"{len(old_words)} -> {len(new_words)} words"
    )
    print(f"align_drafts:          {align_time:.3f} s CPU (median of {args.runs})")
    print(f"difflib SequenceMatcher: {difflib_time:.3f} s CPU over the same words")
    print(f"ratio align / difflib:  {align_time / difflib_time:.2f}")
    print(f"(parsing both drafts, not included above: {parse_time:.3f} s CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
