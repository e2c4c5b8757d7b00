"""Theme mentions: sentences that use a term from the themes lexicon (briefing/data/themes.yaml)."""

from __future__ import annotations

import re
from functools import cache

from briefing.extract._text import view
from briefing.extract.lexicon import data_file
from briefing.models import Article, ThemeMention


@cache
def _patterns() -> tuple[tuple[str, tuple[tuple[str, re.Pattern[str]], ...]], ...]:
    """Per theme, (term, pattern) pairs; ASCII terms get word boundaries and ignore case."""
    themes = []
    for theme, terms in data_file("themes.yaml").items():
        compiled = []
        for term in terms:
            term = str(term)
            if re.fullmatch(r"[A-Za-z0-9 .+-]+", term) and re.search(r"[A-Za-z]", term):
                compiled.append(
                    (
                        term,
                        re.compile(rf"(?<![A-Za-z]){re.escape(term)}(?![A-Za-z])", re.IGNORECASE),
                    )
                )
            else:
                compiled.append((term, re.compile(re.escape(term))))
        themes.append((str(theme), tuple(compiled)))
    return tuple(themes)


def _first_term(text: str, terms: tuple[tuple[str, re.Pattern[str]], ...]) -> str | None:
    """The term that occurs earliest in the sentence (lexicon order breaks ties)."""
    best: tuple[int, int, str] | None = None
    for rank, (term, pattern) in enumerate(terms):
        m = pattern.search(text)
        if m and (best is None or (m.start(), rank) < best[:2]):
            best = (m.start(), rank, term)
    return best[2] if best else None


def extract_themes(article: Article) -> tuple[ThemeMention, ...]:
    """One mention per sentence per theme, in reading order."""
    v = view(article)
    mentions = []
    for s in article.sentences:
        text = v.snorm(s)
        for theme, terms in _patterns():
            term = _first_term(text, terms)
            if term:
                mentions.append(ThemeMention(theme, term, v.sentence_ref(s)))
    return tuple(mentions)
