"""Shared helpers for the extractors: normalized text, sentence lookup, refs."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from briefing import textnorm
from briefing.models import Article, Paragraph, Sentence, SourceRef

# Clause boundaries after normalization (full-width folded to half-width).
CLAUSE_BREAK = ",;:。!?、"
SENTENCE_BREAK = "。!?;"  # ends of sentences (a ; ends a list item too)
OPEN_QUOTES = '“「『"'
CLOSE_QUOTES = '”」』"'


def normalize(text: str) -> str:
    """Same-length normalization; idempotent, so it is safe on an already normalized norm."""
    return textnorm.normalize(text)


@dataclass(frozen=True)
class View:
    """An article with its normalized text and a sentence index, built once per extractor."""

    article: Article
    norm: str
    sentences: tuple[Sentence, ...]
    starts: tuple[int, ...]

    def snorm(self, s: Sentence | Paragraph) -> str:
        """The normalized text of a sentence or paragraph."""
        return self.norm[s.start : s.end]

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence that contains offset `pos`."""
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end:
            return self.sentences[i]
        return None

    def ref(self, start: int, end: int) -> SourceRef:
        """A ref covering the whole sentences that overlap [start, end)."""
        first = self.sentence_at(start)
        last = self.sentence_at(max(start, end - 1))
        s = first.start if first else start
        e = last.end if last else end
        return SourceRef(self.article.id, self.article.file, s, e, self.article.text[s:e])

    def sentence_ref(self, s: Sentence) -> SourceRef:
        """A ref to one sentence."""
        return SourceRef(self.article.id, self.article.file, s.start, s.end, s.text)


@lru_cache(maxsize=4)
def view(article: Article) -> View:
    """Build the normalized view of an article (once: the five extractors share it, and
    normalizing is linear in the article's length with a large constant)."""
    norm = article.norm if len(article.norm) == len(article.text) else article.text
    sentences = article.sentences
    return View(article, normalize(norm), sentences, tuple(s.start for s in sentences))


def strip_edges(text: str) -> str:
    """Trim whitespace and clause punctuation from both ends."""
    return text.strip().strip(",;:、。，；：!?！？ \u3000").strip()


def clause_start(text: str, pos: int) -> int:
    """Index just after the nearest clause break before `pos` (0 when none)."""
    for i in range(pos - 1, -1, -1):
        if text[i] in CLAUSE_BREAK or text[i] in "\n":
            return i + 1
    return 0


def words(pattern_list: list[str]) -> str:
    """An alternation regex of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(pattern_list), key=len, reverse=True))


def make_article(text: str, file: str = "inline.txt") -> Article:
    """An Article from a plain string (one paragraph a line); for tests and ad-hoc checks."""
    import hashlib

    from briefing.read.segment import detect_language, make_paragraph

    paragraphs, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.strip()
        if body:
            start = pos + line.index(body)
            # the reader's own sentence splitter, so English sentences split as when read
            end = start + len(body)
            paragraphs.append(make_paragraph(text, start, end, detect_language(body), False))
        pos += len(line)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(digest, file, text, normalize(text), tuple(paragraphs))
