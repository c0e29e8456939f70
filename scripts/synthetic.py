"""A large synthetic pair of drafts with known edits, built from the corpus's real articles.

Used by `scripts/bench_align.py` (speed) and `scripts/quality.py` (accuracy on many articles at
once). The old draft numbers N real articles 1..N in Parts of 30; the new draft renumbers them
after inserting, deleting, moving, amending, splitting and merging some, with a fixed seed."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from mla_diff.model import Kind
from mla_diff.parse import parse_draft
from mla_diff.similarity import Shingle, Vocabulary, shingles

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SOURCES = (
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
MIN_WORDS = 10


Source = tuple[
    str, int
]  # ("old", k), ("piece", k) second half of a split, ("merge", k), ("new", -1)


@dataclass(frozen=True)
class SyntheticPair:
    old: str
    new: str
    # Expected rows: (old labels, new labels, status), status as in the concordance.
    truth: tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...]


def corpus_articles() -> list[list[str]]:
    """Paragraphs of the corpus's articles, in file order, leaving out short ones and any that
    shares much wording with one taken before (another version of the same article)."""
    vocabulary = Vocabulary()
    taken: list[frozenset[Shingle]] = []
    found = []
    for name in SOURCES:
        draft = parse_draft((CORPUS / name).read_text(encoding="utf-8"))
        for unit in draft.of_kind(Kind.ARTICLE):
            if len(unit.text.split()) < MIN_WORDS:
                continue
            grams = shingles(vocabulary.words_of(unit.text))
            if any(len(grams & other) > len(grams) // 2 for other in taken):
                continue
            taken.append(grams)
            found.append([p.strip() for p in unit.text.split("\n") if p.strip()])
    return found


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


def synthetic_pair(
    size: int = 300, seed: int = 7, *, rate: float = 0.04, moves: int = 5, churn: int = 10
) -> SyntheticPair:
    """`rate`: share of words changed in an amended paragraph; `moves`: articles moved
    elsewhere; `churn`: articles deleted, and as many inserted."""
    pool = corpus_articles()
    if len(pool) < size + churn:
        raise SystemExit(f"the corpus gives {len(pool)} articles, fewer than {size + churn}")
    rng = random.Random(seed)
    old = [list(pool[k]) for k in range(size)]
    spare = pool[size : size + churn]
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
    return _render(old, items, deleted, firsts, seconds)


def _render(
    old: list[list[str]],
    items: list[tuple[list[str], Source]],
    deleted: set[int],
    firsts: set[int],
    seconds: set[int],
) -> SyntheticPair:
    where: dict[Source, str] = {}
    added = []
    for number, (_, source) in enumerate(items, start=1):
        if source[0] == "new":
            added.append(str(number))
        else:
            where[source] = str(number)
    truth: list[tuple[tuple[str, ...], tuple[str, ...], str]] = []
    for k in range(len(old)):
        label = str(k + 1)
        if k in deleted:
            truth.append(((label,), (), "deleted"))
        elif k in firsts:
            truth.append(((label, str(k + 2)), (where[("merge", k)],), "merged"))
        elif ("piece", k) in where:
            truth.append(((label,), (where[("old", k)], where[("piece", k)]), "split"))
        elif k not in seconds:
            truth.append(((label,), (where[("old", k)],), "matched"))
    truth.extend(((), (label,), "added") for label in added)
    return SyntheticPair(_text(old), _text([p for p, _ in items]), tuple(truth))


def _text(articles: list[list[str]]) -> str:
    lines = ["SYNTHETIC CONVENTION", ""]
    for number, paragraphs in enumerate(articles, start=1):
        if (number - 1) % 30 == 0:
            lines += [f"PART {number // 30 + 1}", ""]
        lines += [f"Article {number}", ""]
        lines += [f"{k}. {p}" if len(paragraphs) > 1 else p for k, p in enumerate(paragraphs, 1)]
        lines.append("")
    return "\n".join(lines)
