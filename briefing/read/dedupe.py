"""Recognize the same article read twice: identical bytes, or the same body in another frame.

Two articles are the same when their bodies share at least THRESHOLD (Jaccard) of their
5-character shingles. Comparing every pair costs n²/2 comparisons (2,000 articles: two million),
so candidates come from an index instead, by *prefix filtering* (Chaudhuri, Ganti & Kaushik
2006; Bayardo, Ma & Srikant 2007): order all shingles globally, rarest first; two sets with
Jaccard ≥ t must share one of the first |s| − ⌈t·|s|⌉ + 1 shingles of each. Only those prefix
shingles are indexed, and only candidates are compared exactly, so the decisions are the
pairwise loop's decisions (not an approximation like MinHash LSH), at a cost linear in the
number of articles for real corpora, where the rarest shingles of an article are nearly its own.
A length filter and PPJoin's positional filter drop most candidates before the exact count.

Shingles are kept as 64-bit hashes in NumPy arrays (8 bytes each, not a Python string), and
an article's array is recomputed when it is a candidate rather than kept for all articles, so
memory grows with the index, not with the corpus text.

A near copy whose figures differ is a revision, not a duplicate (位居45名 in one, 位居12名 in
the other, at the same place in the text): the later one by date of publication wins and the
earlier is reported ("an earlier version of …: 45名 → 12名"); when the dates do not say
which is later, both are kept and a warning names the pair, so the brief shows both figures
and never the stale one silently. A copy that only leaves text out is still a duplicate.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from briefing.models import Article, Skipped

SHINGLE = 5  #: characters per shingle
THRESHOLD = 0.8  #: Jaccard similarity from which two bodies are the same article
_SKETCH_BITS = 22  #: 4 Mi counters (16 MiB) estimate how many articles hold each shingle
_MASK = np.uint64((1 << _SKETCH_BITS) - 1)
_PRIME = np.uint64(0x100000001B3)  # FNV-64 prime: the rolling-hash base
#: A number in a body key: Arabic digits or Chinese numerals (not the scale words 万 and 亿,
#: which stay in the context and so tell 45万 from 45亿).
_NUMBER = re.compile(r"[0-9〇零一二三四五六七八九十百千两]+")
FIGURE_CONTEXT = (6, 4)  #: characters before and after a number that say where it stands
MAX_REPORTED = 3  #: changed figures named in a message

log = logging.getLogger(__name__)


def body_key(article: Article) -> str:
    """The normalized body, lowercase, without spaces and punctuation: what shingles are of."""
    body = "".join(article.norm[p.start : p.end] for p in article.paragraphs)
    return re.sub(r"[\W_]+", "", body.lower())


def body_shingles(article: Article) -> frozenset[str]:
    """Character shingles of the normalized body, without spaces and punctuation."""
    key = body_key(article)
    return frozenset(key[i : i + SHINGLE] for i in range(max(len(key) - SHINGLE + 1, 1)))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two shingle sets."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def shingle_hashes(article: Article) -> np.ndarray:
    """The body's shingles as sorted, unique 64-bit hashes (the same set as `body_shingles`).

    A polynomial hash of each window of SHINGLE code points, then splitmix64's finalizer so
    the bits are well mixed; vectorized, stable across processes and runs.
    """
    key = body_key(article)
    if len(key) < SHINGLE:  # the whole key is the one shingle, as in body_shingles
        digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
        return np.frombuffer(digest, dtype=np.uint64).copy()
    points = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    windows = len(points) - SHINGLE + 1
    hashes = np.zeros(windows, dtype=np.uint64)
    with np.errstate(over="ignore"):  # wrap-around is the point of the arithmetic
        for offset in range(SHINGLE):
            hashes = hashes * _PRIME + points[offset : offset + windows]
        hashes = _splitmix64(hashes)
    return np.unique(hashes)


def _splitmix64(x: np.ndarray) -> np.ndarray:
    x = x + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


@dataclass
class _Slot:
    """A kept article: which input it is, its shingle count and its indexed prefix."""

    index: int
    size: int
    prefix: np.ndarray  #: indexed prefix hashes, in the global order
    positions: np.ndarray  #: where each of them stands in the article's ordered shingles


def drop_duplicates(articles: list[Article]) -> tuple[list[Article], list[Skipped]]:
    """Keep one copy of each article (the better-described one); the others become Skipped.

    The same decisions as comparing each article with every kept one in order (the first kept
    twin wins, a better-described duplicate takes its place), found through a prefix index.
    A twin whose figures differ is a revision: the later one wins, the earlier is Skipped as
    "an earlier version"; when their dates do not tell, it is no twin and both are kept.
    """
    counts = _shingle_counts(articles)

    @lru_cache(maxsize=2048)
    def tokens(i: int) -> np.ndarray:
        return shingle_hashes(articles[i])

    kept: list[_Slot] = []
    by_id: dict[str, int] = {}
    index: defaultdict[int, dict[int, int]] = defaultdict(dict)  # hash → {slot: position}
    skipped: list[Skipped] = []
    for i, article in enumerate(articles):
        mine = tokens(i)
        slot_here = _Slot(i, len(mine), *_indexed_prefix(mine, counts))
        candidates = _candidates(slot_here, index, kept)
        if article.id in by_id:
            candidates.add(by_id[article.id])
        twin = next((s for s in sorted(candidates)
                     if _same(article, mine, kept[s], articles, tokens)
                     and _not_an_undated_revision(articles[kept[s].index], article)), None)
        if twin is None:
            _index(index, len(kept), slot_here)
            kept.append(slot_here)
            by_id.setdefault(article.id, len(kept) - 1)
            continue
        other = articles[kept[twin].index]
        if changed_figures(other, article):
            newer_here = published_later(other, article) > 0
            older, newer = (other, article) if newer_here else (article, other)
            changes = ", ".join(changed_figures(older, newer)[:MAX_REPORTED])
            reason = f"an earlier version of {newer.file}: figures differ ({changes})"
        else:
            newer_here = metadata_score(article) > metadata_score(other)
            older, newer = (other, article) if newer_here else (article, other)
            reason = f"duplicate of {newer.file}"
        if newer_here:
            _unindex(index, twin, kept[twin])
            del by_id[other.id]
            kept[twin] = slot_here
            _index(index, twin, slot_here)
            by_id[article.id] = twin
        skipped.append(Skipped(older.file, reason))
    return [articles[s.index] for s in kept], skipped


def changed_figures(old: Article, new: Article) -> tuple[str, ...]:
    """The figures a near copy changed, as "45名 → 12名": numbers standing between the same
    characters (FIGURE_CONTEXT before and after) in both bodies whose values differ, neither
    copy's values holding the other's (a copy that only leaves text out changes none).
    """
    before, after = _numbers_by_place(old), _numbers_by_place(new)
    changed = []
    for place in sorted(before.keys() & after.keys()):
        was, now = before[place], after[place]
        if not was <= now and not now <= was:
            unit = place[1][:1]
            changed.append(f"{'/'.join(sorted(was - now))}{unit} → "
                           f"{'/'.join(sorted(now - was))}{unit}")
    return tuple(changed)


def _numbers_by_place(article: Article) -> dict[tuple[str, str], set[str]]:
    """Each number of the body key by (the characters before it, the characters after it)."""
    key = body_key(article)
    before, after = FIGURE_CONTEXT
    places: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for m in _NUMBER.finditer(key):
        places[(key[max(m.start() - before, 0):m.start()],
                key[m.end():m.end() + after])].add(m.group())
    return places


def published_later(a: Article, b: Article) -> int:
    """1 when b was published after a, -1 when before, 0 when their dates do not tell (one
    is missing, they are equal, or one is only a coarser form of the other: 2024 / 2024-05)."""
    if not a.date or not b.date or a.date.startswith(b.date) or b.date.startswith(a.date):
        return 0
    return 1 if b.date > a.date else -1


def _not_an_undated_revision(kept: Article, article: Article) -> bool:
    """False for a near copy whose figures differ and whose dates do not say which is later:
    both are kept (with a warning), so neither figure is dropped silently."""
    changes = changed_figures(kept, article)
    if not changes or published_later(kept, article) != 0:
        return True
    log.warning("%s and %s are near copies whose figures differ (%s) and whose dates do not "
                "say which is later: both are kept", kept.file, article.file,
                ", ".join(changes[:MAX_REPORTED]))
    return False


def _shingle_counts(articles: list[Article]) -> np.ndarray:
    """How many articles hold each shingle (a count per hash bucket: never an undercount)."""
    counts = np.zeros(1 << _SKETCH_BITS, dtype=np.uint32)
    for article in articles:
        np.add.at(counts, (shingle_hashes(article) & _MASK).astype(np.intp), 1)
    return counts


def _indexed_prefix(hashes: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The prefix that must meet a twin's prefix: the rarest |s| − ⌈t·|s|⌉ + 1 shingles.

    Ordered by (estimated article count, hash), one fixed order for the whole run. Shingles
    of count 1 are left out of the result: no other article holds them, so they match nothing.
    """
    frequency = counts[(hashes & _MASK).astype(np.intp)]
    order = np.lexsort((hashes, frequency))
    size = len(hashes)
    length = size - math.ceil(THRESHOLD * size - 1e-9) + 1
    chosen = order[:length]
    shared = frequency[chosen] > 1
    return hashes[chosen[shared]], np.flatnonzero(shared)


def _same(article: Article, mine: np.ndarray, slot: _Slot, articles: list[Article],
          tokens) -> bool:  # type: ignore[no-untyped-def]
    """Same bytes, or Jaccard ≥ THRESHOLD computed exactly on the two shingle sets."""
    other = articles[slot.index]
    if other.id == article.id:
        return True
    small, large = sorted((len(mine), slot.size))
    if small < THRESHOLD * large - 1e-9:  # the length filter: J ≤ |small| / |large|
        return False
    theirs = tokens(slot.index)
    shared = len(np.intersect1d(mine, theirs, assume_unique=True))
    return shared / (len(mine) + len(theirs) - shared) >= THRESHOLD


def _candidates(mine: _Slot, index: defaultdict[int, dict[int, int]],
                kept: list[_Slot]) -> set[int]:
    """Kept slots sharing a prefix shingle that could still reach THRESHOLD.

    The positional filter (PPJoin, Xiao et al. 2008): when the first shingle two articles
    share stands at position i in one and j in the other (same global order), no shingle
    before it is shared, so the overlap is at most min(|A| − i, |B| − j); a pair whose bound
    is below the overlap Jaccard ≥ t needs, t/(1+t)·(|A|+|B|), cannot be a duplicate.
    """
    first: dict[int, tuple[int, int]] = {}
    for token, i in zip(mine.prefix.tolist(), mine.positions.tolist(), strict=True):
        for slot, j in index.get(token, {}).items():
            first.setdefault(slot, (i, j))
    ratio = THRESHOLD / (1 + THRESHOLD)
    return {
        slot for slot, (i, j) in first.items()
        if min(mine.size - i, kept[slot].size - j) >= ratio * (mine.size + kept[slot].size) - 1e-9
    }


def _index(index: defaultdict[int, dict[int, int]], slot: int, entry: _Slot) -> None:
    for token, position in zip(entry.prefix.tolist(), entry.positions.tolist(), strict=True):
        index[token][slot] = position


def _unindex(index: defaultdict[int, dict[int, int]], slot: int, entry: _Slot) -> None:
    for token in entry.prefix.tolist():
        index[token].pop(slot, None)


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
