"""What alignment compares: unit profiles, their similarity and containment, and a shingle index."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain

from rapidfuzz import process
from rapidfuzz.distance import Indel

from mla_diff.model import Kind, Paragraph, Unit, UnitStatus

# A unit with fewer words than this is "short": boilerplate such as "This Convention shall be
# ratified" looks alike across articles, so short units need near-identical text to match on text.
SHORT_WORDS = 25
# Word n-grams used to find candidates and to measure containment.
SHINGLE_SIZE = 3
# A chunk this short says too little to be followed on its own; it joins its neighbour.
MIN_CHUNK_WORDS = 6

_WORD = re.compile(r"\w+")
# Words and single punctuation marks: the wording, whatever the spacing ("a)costs" = "a) costs").
_TOKEN = re.compile(r"\w+|[^\w\s]")
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]*)\]\([^()\s]*\)")
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2}|_{1,2})(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")
_LAYOUT = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u00ad": "",
}
_LAYOUT_CHAR = re.compile("[" + "".join(_LAYOUT) + "]")
_LABEL_NOISE = re.compile(r"[\s.\-_()\[\]]+")
_SENTENCE_BREAK = re.compile(r"(?<=[.;:])\s+(?=[\"'(\[]?[A-Z0-9])")


def fold_layout(text: str) -> str:
    """Text with what is layout, not wording, taken out: NFKC, quote and dash variants, markdown
    links and emphasis marks. Whitespace is dropped later, by tokenising."""
    if not text.isascii():
        # ASCII text is NFKC already and holds none of the quote, dash and hyphen variants.
        text = unicodedata.normalize("NFKC", text)
        if _LAYOUT_CHAR.search(text):
            text = _LAYOUT_CHAR.sub(lambda m: _LAYOUT[m.group()], text)
    if "](" in text:
        text = _MARKDOWN_LINK.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(r"\2", text)
    return text


def wording(text: str) -> tuple[str, ...]:
    """The words and punctuation of `text` as written, spacing and layout aside: two texts with
    the same wording are the same text."""
    return tuple(_TOKEN.findall(fold_layout(text)))


def label_key(label: str) -> str:
    """An article label as compared: "J.1" = "J1", "8 bis" = "8bis" = "8-bis", "12A" = "12a"."""
    return _LABEL_NOISE.sub("", unicodedata.normalize("NFKC", label)).casefold()


class Vocabulary:
    """Word ids shared by both drafts, assigned in order of first appearance (so deterministic),
    with each word's character in a signature (see `signature_of_ids`)."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._id_chars: list[str] = []

    def ids(self, words: Sequence[str]) -> tuple[int, ...]:
        self._learn(words)
        return tuple(map(self._ids.__getitem__, words))

    def words_of(self, text: str) -> tuple[int, ...]:
        return self.ids(_WORD.findall(fold_layout(text).casefold()))

    def signature_of_ids(self, ids: Sequence[int]) -> str:
        """Word ids as a string, one character each (see `_character`), for ids this
        vocabulary gave."""
        return "".join(map(self._id_chars.__getitem__, ids))

    def _learn(self, words: Sequence[str]) -> None:
        known = self._ids
        distinct = dict.fromkeys(words)  # in order of first appearance
        if distinct.keys() <= known.keys():
            return  # the usual case once a draft has been read: one set comparison, no loop
        for word in distinct:
            if word not in known:
                known[word] = len(known)
                self._id_chars.append(_character(known[word]))


# A shingle is a word trigram packed into one integer (word ids stay below _BASE); a text of
# fewer than three words is one shingle of its own, packed above every trigram.
Shingle = int
_BASE = 1 << 24


def shingles(words: Sequence[int]) -> frozenset[Shingle]:
    """The word trigrams of a text; a text shorter than a trigram is its own single shingle."""
    return frozenset(ordered_shingles(words))


def ordered_shingles(words: Sequence[int]) -> tuple[Shingle, ...]:
    """Shingles in text order without repeats, so index postings are built deterministically."""
    if len(words) < SHINGLE_SIZE:
        if not words:
            return ()
        packed = 0
        for word in words:
            packed = packed * _BASE + word
        return (len(words) * _BASE**SHINGLE_SIZE + packed,)
    base = _BASE
    grams = [
        (a * base + b) * base + c for a, b, c in zip(words, words[1:], words[2:], strict=False)
    ]
    return tuple(dict.fromkeys(grams))


@dataclass(frozen=True)
class Chunk:
    """A piece of a unit followed through a split or merge: a paragraph with its sub-paragraphs,
    or, in a unit written as one block, a sentence."""

    label: str  # "1", "(a)", or "" when unlabelled
    ordinal: int  # 1-based position among the unit's chunks
    sentence: bool  # True when the unit had no paragraphs and was cut into sentences
    shingles: frozenset[Shingle]

    @property
    def name(self) -> str:
        return self.label or str(self.ordinal)


@dataclass(frozen=True)
class Profile:
    """A unit as alignment sees it."""

    unit: Unit
    # Case-folded words of title and text, one character per word (its vocabulary id): rapidfuzz
    # compares strings fastest, and two texts with the same words have the same string.
    words: str
    shingles: frozenset[Shingle]
    ordered_shingles: tuple[Shingle, ...]
    label: str  # label_key of the number
    title: str  # case-folded title, "" when untitled
    vocabulary: Vocabulary = field(repr=False, compare=False)

    @cached_property
    def title_wording(self) -> tuple[str, ...]:
        return wording(self.unit.title)

    @cached_property
    def text_wording(self) -> tuple[str, ...]:
        return wording(self.unit.text)

    @cached_property
    def chunks(self) -> tuple[Chunk, ...]:
        """Paragraphs (or sentences): only splits and merges need them, so made on demand."""
        return tuple(_chunks(self.unit, self.vocabulary))

    @property
    def placeholder(self) -> bool:
        return self.unit.status is UnitStatus.DELETED

    @property
    def blank(self) -> bool:
        """A placeholder or a heading without words: only its number can align it."""
        return self.placeholder or not self.words

    @property
    def short(self) -> bool:
        return len(self.words) < SHORT_WORDS

    @property
    def size(self) -> int:
        return len(self.words)


@dataclass(frozen=True)
class Evidence:
    """What, besides the text, speaks for a pairing."""

    same_label: bool = False
    same_title: bool = False
    same_place: bool = False  # the only unpaired unit on each side between two aligned units
    affinity: float = 0.0  # containers: share of their articles aligned with each other
    kept: float = 0.0  # share of the shorter text found in the longer


def _character(k: int) -> str:
    return chr(k + 0x100 if k < 0xD700 else k % 0x10E000 + 0x900)


def profile_unit(unit: Unit, vocabulary: Vocabulary, twin: Profile | None = None) -> Profile:
    """The unit's profile over `vocabulary`. `twin`, a profile over the same vocabulary of a unit
    with the same body (title and text), lends what depends on the body alone: its word
    signature and shingles (an article unchanged between drafts is read once)."""
    title = " ".join(_WORD.findall(fold_layout(unit.title).casefold()))
    if twin is not None and twin.vocabulary is vocabulary and twin.unit.body == unit.body:
        words, shingles, ordered = twin.words, twin.shingles, twin.ordered_shingles
    else:
        ids = vocabulary.ids(_WORD.findall(fold_layout(unit.body).casefold()))
        ordered = ordered_shingles(ids)
        words, shingles = vocabulary.signature_of_ids(ids), frozenset(ordered)
    return Profile(
        unit=unit,
        words=words,
        shingles=shingles,
        ordered_shingles=ordered,
        label=_evidence_label(unit),
        title=title,
        vocabulary=vocabulary,
    )


def _evidence_label(unit: Unit) -> str:
    """The label as evidence of identity. Front matter and final clauses are one of a kind;
    preamble ordinals (PP3) and the sections counted in a text without headings are positions,
    not labels, and prove nothing; the preamble's "intro" and "formula" do."""
    if unit.kind in (Kind.FRONT, Kind.FINAL):
        return unit.kind.value
    if unit.kind is Kind.PREAMBLE and unit.number.startswith("PP"):
        return ""
    if unit.kind is Kind.SECTION and not unit.heading:
        return ""
    return label_key(unit.number)


def _chunks(unit: Unit, vocabulary: Vocabulary) -> list[Chunk]:
    groups: list[tuple[str, list[str]]] = []
    for paragraph in unit.paragraphs:
        if paragraph.depth == 0 or not groups:
            groups.append((_display_label(paragraph), [paragraph.text]))
        else:
            groups[-1][1].append(paragraph.text)
    sentence = False
    if len(groups) < 2:
        sentence = True
        groups = [("", [piece]) for piece in _SENTENCE_BREAK.split(unit.text) if piece.strip()]
    merged: list[tuple[str, tuple[int, ...]]] = []
    for label, texts in groups:
        words = vocabulary.words_of(" ".join(texts))
        if merged and (len(words) < MIN_CHUNK_WORDS or len(merged[-1][1]) < MIN_CHUNK_WORDS):
            last_label, last_words = merged[-1]
            merged[-1] = (last_label, last_words + words)
        else:
            merged.append((label, words))
    return [
        Chunk(label=label, ordinal=k, sentence=sentence, shingles=shingles(words))
        for k, (label, words) in enumerate(merged, start=1)
        if words
    ]


def _display_label(paragraph: Paragraph) -> str:
    """A paragraph label as a citation writes it: "1." -> "1", "(a)" and "a)" -> "(a)"."""
    label = paragraph.label.strip().rstrip(".")
    core = label.strip("()")
    if not core:
        return ""
    return f"({core})" if not core.isdigit() else core


def similarity(a: Profile, b: Profile) -> float:
    """Share of words the two units have in common, in order: 2 * LCS / (|a| + |b|), 0..1."""
    if not a.words and not b.words:
        return 1.0
    return float(Indel.normalized_similarity(a.words, b.words))


def words_similarity(a: str, b: str) -> float:
    """Similarity of two word signatures (see Profile.words)."""
    if not a and not b:
        return 1.0
    return float(Indel.normalized_similarity(a, b))


def closest(probe: Profile, others: Sequence[Profile]) -> list[tuple[int, float]]:
    """(position, similarity) of every unit of `others` against `probe`, best first: one pass of
    rapidfuzz's C++ scorer, kept for the few units a concordance leaves unpaired."""
    if not others:
        return []
    found = process.extract(
        probe.words,
        [other.words for other in others],
        scorer=Indel.normalized_similarity,
        limit=None,
    )
    return [(k, float(score)) for _, score, k in found]


# Past this many probe-by-unit comparisons, the closest units are sought among those sharing
# the most wording with the probe, and those at the same place, not among all.
EXACT_NEAREST = 250_000
NEAREST_POOL = 24


def rank_closest(
    probes: Sequence[tuple[Profile, float]], others: Sequence[Profile]
) -> list[list[tuple[int, float]]]:
    """For each (probe, relative place 0..1), (position, similarity) of units of `others`, best
    first: all of them (`closest`) when the drafts are of ordinary size; in a draft of thousands
    of units, the few sharing most three-word runs with the probe and the units at its place, so
    that the unpaired units of two large drafts are not each compared with every other."""
    if len(probes) * len(others) <= EXACT_NEAREST:
        return [closest(probe, others) for probe, _ in probes]
    index = ShingleIndex(others, common_limit(others, ()), [probe for probe, _ in probes])
    ranked = []
    for probe, position in probes:
        shared = index.overlaps(probe)
        picked = set(sorted(shared, key=lambda k: (-shared[k], k))[:NEAREST_POOL])
        place = round(position * (len(others) - 1))
        picked.update(range(max(0, place - 2), min(len(others), place + 3)))
        scored = [(k, similarity(probe, others[k])) for k in picked]
        ranked.append(sorted(scored, key=lambda item: (-item[1], item[0])))
    return ranked


def containment(part: frozenset[Shingle], whole: frozenset[Shingle]) -> float:
    """Share of `part`'s shingles found in `whole`: how much of one text is found in another."""
    if not part:
        return 0.0
    return len(part & whole) / len(part)


class ShingleIndex:
    """An inverted index from shingles to the units holding them: candidates for alignment are
    found by shared wording, never by comparing every pair of units."""

    def __init__(
        self,
        profiles: Sequence[Profile],
        common: int,
        probes: Sequence[Profile] | None = None,
    ) -> None:
        # A shingle found in more than `common` units is boilerplate: it proves nothing.
        self.common = common
        self.postings: dict[Shingle, list[int]] = {}
        # Only the shingles some probe holds can ever be looked up: the others are not indexed.
        wanted = None if probes is None else frozenset().union(*(p.shingles for p in probes))
        for index, profile in enumerate(profiles):
            grams = profile.shingles if wanted is None else profile.shingles & wanted
            for shingle in grams:
                self.postings.setdefault(shingle, []).append(index)

    def overlaps(self, probe: Profile) -> Counter[int]:
        """Number of shingles `probe` shares with each indexed unit."""
        limit = self.common
        get = self.postings.get
        hits = [
            posting
            for shingle in probe.ordered_shingles
            if (posting := get(shingle)) and len(posting) <= limit
        ]
        return Counter(chain.from_iterable(hits))


# A three-word run found in more units than this is boilerplate, however large the drafts.
COMMON_CAP = 64


def common_limit(olds: Sequence[Profile], news: Sequence[Profile]) -> int:
    """How many units a shingle may appear in and still be evidence: a tenth of them, at least
    six and at most COMMON_CAP (in a draft of thousands of articles, a phrase found in hundreds
    of them says nothing of which is which, and would make every pair of them a candidate)."""
    return min(COMMON_CAP, max(6, (len(olds) + len(news)) // 10))


def candidate_pairs(
    olds: Sequence[Profile],
    news: Sequence[Profile],
    old_index: ShingleIndex | None = None,
    per_unit: int = 6,
) -> list[tuple[int, int]]:
    """Pairs (old, new) worth comparing: for each unit, the units of the other draft sharing the
    most wording with it (by Dice coefficient over shingles), in a deterministic order."""
    if old_index is None:
        old_index = ShingleIndex(olds, common_limit(olds, news))
    found: set[tuple[int, int]] = set()
    by_old: dict[int, list[tuple[float, int]]] = {}
    for j, probe in enumerate(news):
        ranked = []
        for i, shared in old_index.overlaps(probe).items():
            dice = 2 * shared / (len(olds[i].shingles) + len(probe.shingles))
            ranked.append((dice, i))
            by_old.setdefault(i, []).append((dice, j))
        ranked.sort(key=lambda item: (-item[0], item[1]))
        found.update((i, j) for _, i in ranked[:per_unit])
    for i, ranked in by_old.items():
        ranked.sort(key=lambda item: (-item[0], item[1]))
        found.update((i, j) for _, j in ranked[:per_unit])
    return sorted(found)
