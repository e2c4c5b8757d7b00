"""Duplicate detection through the prefix index decides exactly as the pairwise comparison did."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from briefing.models import Article, Skipped
from briefing.read import read_article
from briefing.read.dedupe import (
    THRESHOLD,
    body_shingles,
    changed_figures,
    drop_duplicates,
    metadata_score,
    published_later,
    shingle_hashes,
    similarity,
)
from conftest import SHARED, required_path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {
    "samples": ROOT / "data" / "articles",
    "corpus2": SHARED / "corpus2" / "articles",
}


def pairwise_reference(articles: list[Article]) -> tuple[list[Article], list[Skipped]]:
    """The previous implementation (every article against every kept one): the oracle. A twin
    whose figures differ is a revision (the later wins), or no twin when the dates do not tell."""
    kept: list[tuple[Article, frozenset[str]]] = []
    skipped: list[Skipped] = []
    for article in articles:
        shingles = body_shingles(article)
        twin = next((i for i, (other, theirs) in enumerate(kept)
                     if (other.id == article.id or similarity(shingles, theirs) >= THRESHOLD)
                     and (not changed_figures(other, article)
                          or published_later(other, article) != 0)), None)
        if twin is None:
            kept.append((article, shingles))
            continue
        other = kept[twin][0]
        revision = bool(changed_figures(other, article))
        newer_here = (published_later(other, article) > 0 if revision
                      else metadata_score(article) > metadata_score(other))
        older, newer = (other, article) if newer_here else (article, other)
        if newer_here:
            kept[twin] = (article, shingles)
        reason = (f"an earlier version of {newer.file}: figures differ "
                  f"({', '.join(changed_figures(older, newer)[:3])})" if revision
                  else f"duplicate of {newer.file}")
        skipped.append(Skipped(older.file, reason))
    return [a for a, _ in kept], skipped


def _read(folder: Path) -> list[Article]:
    required_path(folder)
    return [read_article(p) for p in sorted(folder.iterdir()) if p.is_file()]


def _variants(articles: list[Article], seed: int) -> list[Article]:
    """The articles plus near copies: paragraphs dropped, metadata removed, bytes repeated."""
    rng = random.Random(seed)
    out = list(articles)
    for n, article in enumerate(articles):
        paragraphs = list(article.paragraphs)
        keep = max(1, int(len(paragraphs) * rng.choice((0.7, 0.85, 0.95, 1.0))))
        trimmed = tuple(sorted(rng.sample(paragraphs, keep), key=lambda p: p.start))
        out.append(dataclasses.replace(article, id=f"v{n}", file=f"v{n}_{article.file}",
                                       paragraphs=trimmed, title=None, outlet=None))
        out.append(dataclasses.replace(article, file=f"same_bytes_{article.file}"))
    rng.shuffle(out)
    return out


@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_same_decisions_as_pairwise_on_the_development_sets(name):
    articles = _read(FOLDERS[name])
    assert drop_duplicates(articles) == pairwise_reference(articles)


@pytest.mark.parametrize("name", sorted(FOLDERS))
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_same_decisions_as_pairwise_with_near_copies(name, seed):
    articles = _variants(_read(FOLDERS[name]), seed)
    kept, skipped = drop_duplicates(articles)
    assert (kept, skipped) == pairwise_reference(articles)
    assert skipped  # the variants made real duplicates, so the comparison is not vacuous


def test_a_better_described_copy_takes_the_kept_place():
    article = _read(FOLDERS["samples"])[0]
    bare = dataclasses.replace(article, id="bare", file="a_bare.txt", title=None, url=None)
    kept, skipped = drop_duplicates([bare, article])
    assert kept == [article]
    assert skipped == [Skipped("a_bare.txt", f"duplicate of {article.file}")]


def test_hashes_are_the_shingle_set():
    for article in _read(FOLDERS["samples"]):
        assert len(shingle_hashes(article)) == len(body_shingles(article))  # no collision
        assert shingle_hashes(article).tolist() == sorted(shingle_hashes(article).tolist())


def _revised(tmp_path: Path, date: str | None = None) -> tuple[Article, Article]:
    """The first sample, and a copy saved beside it with its rank 45名 revised to 12名
    (and, when given, a later date of publication)."""
    original = FOLDERS["samples"] / "000_1b8e26d3558f27a7.txt"
    text = original.read_text(encoding="utf-8").replace("位居45名", "位居12名")
    if date is not None:
        text = text.replace("2021-04-25 11:34:32", f"{date} 09:00:00")
    copy = tmp_path / "001_revised.txt"
    copy.write_text(text, encoding="utf-8")
    return read_article(original), read_article(copy)


def test_a_revised_copy_that_changes_a_figure_is_kept_beside_the_original(tmp_path: Path):
    original, revised = _revised(tmp_path)
    kept, skipped = drop_duplicates([original, revised])
    assert kept == [original, revised] and skipped == []


def test_a_later_revision_wins_and_the_earlier_version_is_reported(tmp_path: Path):
    original, revised = _revised(tmp_path, date="2021-05-10")
    for order in ([original, revised], [revised, original]):
        kept, skipped = drop_duplicates(order)
        assert kept == [revised]
        (earlier,) = skipped
        assert earlier.file == original.file and revised.file in earlier.reason
        assert "45" in earlier.reason and "12" in earlier.reason
