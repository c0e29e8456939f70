"""Benchmark: history of ten versions of a 300-article text, against difflib in the same process.

Run: .venv/bin/python -m tests.benchmarks.bench_history [--versions 10] [--articles 300]

Each version renumbers, amends, inserts, deletes and moves a few articles of the one before, as
successive negotiating drafts do. Figures are wall-clock seconds on this machine; the ratio to
difflib's line diff of the same texts (a peer that neither aligns nor follows provisions) is what
stays comparable across machines."""

from __future__ import annotations

import argparse
import difflib
import itertools
import random
import time

from mla_diff.history import build_history
from mla_diff.model import Version
from mla_diff.parse import parse_draft

WORDS = [
    "State",
    "Party",
    "shall",
    "may",
    "request",
    "assistance",
    "competent",
    "authority",
    "extradition",
    "victim",
    "reparation",
    "measure",
    "domestic",
    "law",
    "evidence",
    "proceedings",
    "offence",
    "sentence",
    "transfer",
    "cooperation",
    "jurisdiction",
    "information",
    "procedure",
    "prosecution",
    "investigation",
    "person",
    "territory",
    "protection",
    "witness",
    "expert",
    "confiscation",
    "property",
    "proceeds",
    "crime",
]


def make_article(rng: random.Random) -> tuple[str, str]:
    title = " ".join(rng.choice(WORDS) for _ in range(3)).capitalize()
    paragraphs = []
    for number in range(1, rng.randint(2, 4) + 1):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(18, 40)))
        paragraphs.append(f"{number}. {words.capitalize()}.")
    return title, "\n".join(paragraphs)


def render(articles: list[tuple[str, str]]) -> str:
    parts = ["DRAFT CONVENTION ON MUTUAL LEGAL ASSISTANCE\n"]
    for number, (title, text) in enumerate(articles, start=1):
        parts.append(f"Article {number}\n{title}\n\n{text}\n")
    return "\n".join(parts)


def next_version(articles: list[tuple[str, str]], rng: random.Random) -> list[tuple[str, str]]:
    """Amend eight articles, delete two, insert three, move one."""
    out = list(articles)
    for index in rng.sample(range(len(out)), 8):
        title, text = out[index]
        words = text.split(" ")
        words[rng.randrange(len(words))] = rng.choice(WORDS)
        out[index] = (title, " ".join(words))
    for _ in range(2):
        out.pop(rng.randrange(len(out)))
    for _ in range(3):
        out.insert(rng.randrange(len(out)), make_article(rng))
    moved = out.pop(rng.randrange(len(out)))
    out.insert(rng.randrange(len(out)), moved)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=10)
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(20230526)
    articles = [make_article(rng) for _ in range(args.articles)]
    texts = [render(articles)]
    for _ in range(args.versions - 1):
        articles = next_version(articles, rng)
        texts.append(render(articles))

    clock = Clock()
    lines = [text.splitlines() for text in texts]
    for old, new in itertools.pairwise(lines):
        list(difflib.unified_diff(old, new, lineterm=""))
    peer = clock.lap()
    drafts = [parse_draft(text, "en") for text in texts]
    parsed = clock.lap()
    versions = [Version(label=f"v{i + 1}", date=f"{2014 + i}-01") for i in range(len(texts))]
    history = build_history(versions, drafts)
    built = clock.lap()

    size = sum(len(text) for text in texts)
    print(f"{len(texts)} versions, {args.articles} articles, {size / 1e6:.1f} MB of text")
    print("seconds (wall / cpu)")
    print(f"  difflib unified_diff of consecutive versions: {peer[0]:6.2f} / {peer[1]:6.2f}")
    print(f"  parse:                                        {parsed[0]:6.2f} / {parsed[1]:6.2f}")
    print(f"  history (align + lineages):                   {built[0]:6.2f} / {built[1]:6.2f}")
    print(f"lineages: {len(history.lineages)}; history / difflib (cpu) = {built[1] / peer[1]:.1f}x")


class Clock:
    """Wall and processor time since the last lap: on a busy machine the second is the fair one."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        spent = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return spent


if __name__ == "__main__":
    main()
