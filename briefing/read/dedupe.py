"""Recognize the same article read twice: identical bytes, or the same body in another frame."""

from __future__ import annotations

import re

from briefing.models import Article, Skipped

SHINGLE = 5  #: characters per shingle
THRESHOLD = 0.8  #: Jaccard similarity from which two bodies are the same article


def body_shingles(article: Article) -> frozenset[str]:
    """Character shingles of the normalized body, without spaces and punctuation."""
    body = "".join(article.norm[p.start : p.end] for p in article.paragraphs)
    key = re.sub(r"[\W_]+", "", body.lower())
    return frozenset(key[i : i + SHINGLE] for i in range(max(len(key) - SHINGLE + 1, 1)))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two shingle sets."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def drop_duplicates(articles: list[Article]) -> tuple[list[Article], list[Skipped]]:
    """Keep one copy of each article (the better-described one); the others become Skipped."""
    kept: list[tuple[Article, frozenset[str]]] = []
    skipped: list[Skipped] = []
    for article in articles:
        shingles = body_shingles(article)
        twin = next(
            (
                i
                for i, (other, theirs) in enumerate(kept)
                if other.id == article.id or similarity(shingles, theirs) >= THRESHOLD
            ),
            None,
        )
        if twin is None:
            kept.append((article, shingles))
            continue
        other = kept[twin][0]
        if metadata_score(article) > metadata_score(other):
            kept[twin] = (article, shingles)
            skipped.append(Skipped(other.file, f"duplicate of {article.file}"))
        else:
            skipped.append(Skipped(article.file, f"duplicate of {other.file}"))
    return [a for a, _ in kept], skipped


def metadata_score(article: Article) -> int:
    """How many metadata fields an article has filled."""
    values = (
        article.title,
        article.date,
        article.outlet,
        article.author,
        article.url,
        article.site,
    )
    return sum(v is not None for v in values)
