"""Synthetic drafts with known edits at any size, built from the corpus's real articles.

One generator for the benchmarks (`make bench`: pairs at 1x, 4x and 16x the article count, and a
ten-version history) and for `scripts/quality.py` (accuracy on many articles at once, against the
exact truth recorded here). The old draft numbers N real articles 1..N in Parts of 30; the new
draft renumbers them after inserting, deleting, moving, amending, splitting and merging some, with
a fixed seed. Past the corpus's own articles, copies are made distinct by marking some of their
words, so that a large text does not repeat itself."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mla_diff.model import Kind
from mla_diff.parse import parse_draft
from mla_diff.similarity import Shingle, Vocabulary, shingles

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
# The quality pairs' pool, in this order.
SOURCES = tuple(
    CORPUS / name
    for name in (
        "de-grundgesetz-1968/v2_1968-06-23_16th-amendment.txt",
        "eu-teu/TEU_v2_1997-10-02_amsterdam-amended-old-numbering.txt",
        "coe-ets030/ECMACM_en_v1_1982-04-12.md",
        "coe-ets030/ECMACM_nl_v1_1982-04-12.md",
        "coe-ets112/ETS112_en_v1_1988-01-01.md",
        "de-grundgesetz-1968/v3_1968-06-28_17th-amendment-emergency-constitution.txt",
        "eu-teu/TEU_v1_1992-11-01_maastricht.txt",
        "eu-teu/TEU_v4_2003-02-01_nice.txt",
        "coe-ets112/ETS112_en_v2_2011-04-14.md",
        "coe-ets030/ECMACM_en_v2_2011-04-01.md",
    )
)
# The benchmarks also draw on the illustrative drafts, and keep articles of 60 words or more, so
# that 300 articles make about 45,000 words, as a long negotiating text does.
BENCH_SOURCES = SOURCES + tuple(
    ROOT / "drafts" / "mla-convention" / name
    for name in (
        "2018-11_preliminary-draft.txt",
        "2020-03_march-2020-version.txt",
        "2022-11-30_version-30-11-2022.txt",
        "2023-05-26_adopted-text.txt",
    )
)
MIN_WORDS = 10
BENCH_MIN_WORDS = 60
PART_SIZE = 30

# ("old", k), ("piece", k) second half of a split, ("merge", k), ("new", -1)
Source = tuple[str, int]
Row = tuple[tuple[str, ...], tuple[str, ...], str]


@dataclass(frozen=True)
class SyntheticPair:
    old: str
    new: str
    # Expected rows: (old labels, new labels, status), status as in the concordance.
    truth: tuple[Row, ...]


@dataclass(frozen=True)
class Revision:
    """One step of a series: the new draft's articles, and where each came from."""

    items: list[tuple[list[str], Source]]
    deleted: set[int]
    firsts: set[int]  # first of two articles merged
    seconds: set[int]


@cache
def corpus_articles(
    sources: tuple[Path, ...] = SOURCES, min_words: int = MIN_WORDS
) -> tuple[tuple[str, ...], ...]:
    """Paragraphs of the corpus's articles, in file order, leaving out short ones and any that
    shares much wording with one taken before (another version of the same article)."""
    vocabulary = Vocabulary()
    taken: list[frozenset[Shingle]] = []
    found = []
    for path in sources:
        if not path.is_file():
            continue
        draft = parse_draft(path.read_text(encoding="utf-8"))
        for unit in draft.of_kind(Kind.ARTICLE):
            if len(unit.text.split()) < min_words:
                continue
            grams = shingles(vocabulary.words_of(unit.text))
            if any(len(grams & other) > len(grams) // 2 for other in taken):
                continue
            taken.append(grams)
            found.append(tuple(p.strip() for p in unit.text.split("\n") if p.strip()))
    return tuple(found)


def articles(
    count: int,
    *,
    start: int = 0,
    sources: tuple[Path, ...] = SOURCES,
    min_words: int = MIN_WORDS,
) -> list[list[str]]:
    """Articles `start` .. `start + count` of the pool; past its end, copies whose words are
    marked every ninth word or so, differently for each round through the pool."""
    pool = corpus_articles(sources, min_words)
    if not pool:
        raise SystemExit(f"no articles found in {CORPUS}")
    out = []
    for k in range(start, start + count):
        paragraphs = list(pool[k % len(pool)])
        replica = k // len(pool)
        if replica:
            rng = random.Random(k)
            for p, paragraph in enumerate(paragraphs):
                words = paragraph.split()
                for i in range(rng.randrange(2, 8), len(words), 9):
                    words[i] = f"{words[i]}-{replica}"
                paragraphs[p] = " ".join(words)
        out.append(paragraphs)
    return out


def _amend(paragraphs: list[str], rng: random.Random, rate: float) -> list[str]:
    """Change words as negotiators do (a verb, a qualifier, a struck phrase): about `rate` of
    them in one paragraph, at least one."""
    out = list(paragraphs)
    k = rng.randrange(len(out))
    words = out[k].split()
    for _ in range(max(1, round(len(words) * rate))):
        position = rng.randrange(len(words))
        words[position] = rng.choice(["shall", "may", "promptly", "[pending]", "where appropriate"])
    out[k] = " ".join(words)
    return out


def _sentences(paragraphs: list[str]) -> list[str]:
    """A one-block article cut at sentence ends, so that it has paragraphs to split."""
    if len(paragraphs) > 1:
        return paragraphs
    return [p for p in re.split(r"(?<=[.;])\s+(?=[A-Z(])", paragraphs[0]) if p]


def revise(
    old: list[list[str]],
    spare: list[list[str]],
    rng: random.Random,
    *,
    rate: float,
    moves: int,
    churn: int,
) -> Revision:
    """The next draft of `old` (whose split candidates are cut into sentences in place): two
    articles split, two pairs merged, `churn` deleted and `spare` inserted, a tenth amended at
    `rate` of the words of one paragraph, `moves` moved elsewhere."""
    size = len(old)
    splittable = [k for k in range(size) if len(_sentences(old[k])) >= 4]
    splits = set(rng.sample(splittable, 2))
    for k in splits:
        old[k] = _sentences(old[k])
    free = [k for k in range(size - 1) if not {k, k + 1} & splits]
    firsts: set[int] = set()
    for k in rng.sample(free, 6):
        if len(firsts) < 2 and not {k - 1, k, k + 1, k + 2} & firsts:
            firsts.add(k)
    seconds = {k + 1 for k in firsts}
    busy = splits | firsts | seconds
    deleted = set(rng.sample([k for k in range(size) if k not in busy], churn))
    amended = set(rng.sample([k for k in range(size) if k not in busy | deleted], size // 10))
    items: list[tuple[list[str], Source]] = []
    for k in range(size):
        if k in deleted or k in seconds:
            continue
        if k in firsts:
            items.append((old[k] + old[k + 1], ("merge", k)))
        elif k in splits:
            half = len(old[k]) // 2
            items.append((old[k][:half], ("old", k)))
            items.append((old[k][half:], ("piece", k)))
        else:
            items.append((_amend(old[k], rng, rate) if k in amended else old[k], ("old", k)))
    for paragraphs in spare:
        items.insert(rng.randrange(len(items) + 1), (paragraphs, ("new", -1)))
    movable = [i for i, (_, (what, k)) in enumerate(items) if what == "old" and k not in busy]
    for i in sorted(rng.sample(movable, moves), reverse=True):
        item = items.pop(i)
        items.insert(rng.randrange(len(items) + 1), item)
    return Revision(items, deleted, firsts, seconds)


def synthetic_pair(
    size: int = 300,
    seed: int = 7,
    *,
    rate: float = 0.04,
    moves: int = 5,
    churn: int = 10,
    sources: tuple[Path, ...] = SOURCES,
    min_words: int = MIN_WORDS,
) -> SyntheticPair:
    """`rate`: share of words changed in an amended paragraph; `moves`: articles moved
    elsewhere; `churn`: articles deleted, and as many inserted."""
    rng = random.Random(seed)
    old = articles(size, sources=sources, min_words=min_words)
    spare = articles(churn, start=size, sources=sources, min_words=min_words)
    step = revise(old, spare, rng, rate=rate, moves=moves, churn=churn)
    return SyntheticPair(
        render_draft(old), render_draft([p for p, _ in step.items]), _truth(old, step)
    )


def bench_pair(scale: float, seed: int = 7) -> SyntheticPair:
    """The benchmark's pair at `scale` times 300 articles, churn and moves growing with it."""
    size = round(300 * scale)
    return synthetic_pair(
        size,
        seed,
        rate=0.04,
        moves=max(5, size // 60),
        churn=max(10, size // 30),
        sources=BENCH_SOURCES,
        min_words=BENCH_MIN_WORDS,
    )


def bench_series(versions: int, size: int = 300, seed: int = 11) -> list[str]:
    """`versions` successive drafts of one text of `size` articles, each revised from the one
    before as the benchmark pair is."""
    rng = random.Random(seed)
    current = articles(size, sources=BENCH_SOURCES, min_words=BENCH_MIN_WORDS)
    fresh = size
    texts = [render_draft(current)]
    for _ in range(versions - 1):
        churn = max(10, len(current) // 30)
        spare = articles(churn, start=fresh, sources=BENCH_SOURCES, min_words=BENCH_MIN_WORDS)
        fresh += churn
        step = revise(current, spare, rng, rate=0.04, moves=5, churn=churn)
        current = [list(p) for p, _ in step.items]
        texts.append(render_draft(current))
    return texts


def _truth(old: list[list[str]], step: Revision) -> tuple[Row, ...]:
    where: dict[Source, str] = {}
    added = []
    for number, (_, source) in enumerate(step.items, start=1):
        if source[0] == "new":
            added.append(str(number))
        else:
            where[source] = str(number)
    truth: list[Row] = []
    for k in range(len(old)):
        label = str(k + 1)
        if k in step.deleted:
            truth.append(((label,), (), "deleted"))
        elif k in step.firsts:
            truth.append(((label, str(k + 2)), (where[("merge", k)],), "merged"))
        elif ("piece", k) in where:
            truth.append(((label,), (where[("old", k)], where[("piece", k)]), "split"))
        elif k not in step.seconds:
            truth.append(((label,), (where[("old", k)],), "matched"))
    truth.extend(((), (label,), "added") for label in added)
    return tuple(truth)


def render_draft(articles: list[list[str]]) -> str:
    """Articles numbered from 1 in Parts of thirty, paragraphs numbered when there are several."""
    lines = ["SYNTHETIC CONVENTION", ""]
    for number, paragraphs in enumerate(articles, start=1):
        if (number - 1) % PART_SIZE == 0:
            lines += [f"PART {number // PART_SIZE + 1}", ""]
        lines += [f"Article {number}", ""]
        lines += [f"{k}. {p}" if len(paragraphs) > 1 else p for k, p in enumerate(paragraphs, 1)]
        lines.append("")
    return "\n".join(lines)
