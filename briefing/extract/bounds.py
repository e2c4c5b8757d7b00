"""How much of a sentence extraction reads: its first MAX_SENTENCE_CHARS characters.

    readable(article) -> Article          the article with every sentence cut to that length
    overlong_note(article) -> str | None  the problem to report when a sentence was cut

A sentence of 1,000,000 characters is a table or a page without full stops, not prose, and
every figure in it is weighed against the words around it: reading it whole made extraction
grow with the square of its length. Reading at most MAX_SENTENCE_CHARS of each sentence makes
extraction linear in the article's length, whatever its sentences are. A cut sentence is
cited as far as it was read, and the article carries a problem saying so.
"""

from __future__ import annotations

import dataclasses

from briefing.models import Article, Sentence

#: Characters of one sentence that extraction reads (the longest in the development sets: 391)
MAX_SENTENCE_CHARS = 2_000


def _cut(sentence: Sentence) -> Sentence:
    if sentence.end - sentence.start <= MAX_SENTENCE_CHARS:
        return sentence
    end = sentence.start + MAX_SENTENCE_CHARS
    return Sentence(sentence.start, end, sentence.text[:MAX_SENTENCE_CHARS])


def _overlong(article: Article) -> list[Sentence]:
    return [s for s in article.sentences if s.end - s.start > MAX_SENTENCE_CHARS]


def readable(article: Article) -> Article:
    """`article` with each sentence longer than MAX_SENTENCE_CHARS cut to its first
    MAX_SENTENCE_CHARS characters (the same object when none is that long)."""
    if not _overlong(article):
        return article
    paragraphs = tuple(dataclasses.replace(p, sentences=tuple(map(_cut, p.sentences)))
                       for p in article.paragraphs)
    return dataclasses.replace(article, paragraphs=paragraphs)


def overlong_note(article: Article) -> str | None:
    """The problem to report when extraction read only part of some sentence, else None."""
    cut = _overlong(article)
    if not cut:
        return None
    longest = max(s.end - s.start for s in cut)
    return (f"{len(cut)} sentence(s) longer than {MAX_SENTENCE_CHARS:,} characters (the longest "
            f"{longest:,}): figures, quotations and events were read from the first "
            f"{MAX_SENTENCE_CHARS:,} characters of each")


__all__ = ["MAX_SENTENCE_CHARS", "overlong_note", "readable"]


