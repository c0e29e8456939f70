"""Synthetic draft pairs at any scale, built from the corpus and the illustrative drafts."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mla_diff.model import Kind
from mla_diff.parse import parse_draft

ARTICLES_PER_SCALE = 300
ARTICLES_PER_PART = 12


@dataclass
class Article:
    title: str
    paragraphs: list[str]


def _pool(sources: list[Path]) -> list[Article]:
    """Every article of the source texts with enough words to be one."""
    pool: list[Article] = []
    for path in sources:
        draft = parse_draft(path.read_text(encoding="utf-8"))
        for unit in draft.of_kind(Kind.ARTICLE):
            paragraphs = [line for line in unit.text.split("\n") if line.strip()]
            if sum(len(p.split()) for p in paragraphs) >= 40:
                pool.append(Article(unit.title or f"Provision {len(pool) + 1}", paragraphs))
    return pool


def _variant(article: Article, replica: int, rng: random.Random) -> Article:
    """A copy whose words differ from other replicas, so that scaled texts do not repeat."""
    if replica == 0:
        return Article(article.title, list(article.paragraphs))
    marker = f"r{replica}"
    paragraphs = []
    for paragraph in article.paragraphs:
        words = paragraph.split()
        for i in range(rng.randrange(3, 8), len(words), 9):
            words[i] = f"{words[i]}{marker}"
        paragraphs.append(" ".join(words))
    return Article(f"{article.title} {marker}", paragraphs)


def base_articles(sources: list[Path], scale: float, seed: int = 1) -> list[Article]:
    pool = _pool(sources)
    rng = random.Random(seed)
    count = round(ARTICLES_PER_SCALE * scale)
    return [_variant(pool[i % len(pool)], i // len(pool), rng) for i in range(count)]


def _edit_paragraph(paragraph: str, rng: random.Random) -> str:
    words = paragraph.split()
    if len(words) < 6:
        return paragraph + " as appropriate"
    action = rng.randrange(4)
    i = rng.randrange(1, len(words) - 1)
    if action == 0:
        words[i : i + 2] = ["shall", "endeavour", "to"]
    elif action == 1:
        del words[i : i + rng.randrange(1, 4)]
    elif action == 2:
        words.insert(i, "in accordance with its domestic law,")
    else:
        words[i] = words[i].upper()
    return " ".join(words)


def next_version(articles: list[Article], seed: int, change: float = 0.1) -> list[Article]:
    """A later draft: about `change` of the articles edited, some deleted, inserted and moved,
    so that numbering shifts throughout."""
    rng = random.Random(seed)
    out: list[Article] = []
    for article in articles:
        roll = rng.random()
        if roll < change * 0.3:
            continue  # deleted
        if roll < change:
            paragraphs = list(article.paragraphs)
            k = rng.randrange(len(paragraphs))
            paragraphs[k] = _edit_paragraph(paragraphs[k], rng)
            out.append(Article(article.title, paragraphs))
        else:
            out.append(article)
        if rng.random() < change * 0.3:
            out.append(
                Article(
                    f"New provision {seed}-{len(out)}",
                    [
                        f"1. Each State Party shall designate a central authority number {seed}."
                        f" {len(out)} for the purposes of this provision."
                    ],
                )
            )
    for _ in range(max(1, len(out) // 100)):
        a, b = rng.randrange(len(out)), rng.randrange(len(out))
        out[a], out[b] = out[b], out[a]
    return out


def render_text(articles: list[Article], label: str) -> str:
    """The articles as a draft in the usual layout: Parts, numbered articles with titles."""
    lines = [
        f"SYNTHETIC CONVENTION – {label}",
        "",
        "PREAMBLE",
        "",
        "The States Parties,",
        "",
        "Have agreed as follows:",
        "",
    ]
    for number, article in enumerate(articles, start=1):
        if (number - 1) % ARTICLES_PER_PART == 0:
            lines += [f"PART {(number - 1) // ARTICLES_PER_PART + 1}", "PROVISIONS", ""]
        lines += [f"Article {number}", article.title, ""]
        for paragraph in article.paragraphs:
            lines += [paragraph, ""]
    return "\n".join(lines)


def series(sources: list[Path], scale: float, versions: int, seed: int = 7) -> Iterator[str]:
    """`versions` successive drafts of one synthetic text."""
    articles = base_articles(sources, scale, seed)
    for k in range(versions):
        yield render_text(articles, f"version {k + 1}")
        articles = next_version(articles, seed * 100 + k)
