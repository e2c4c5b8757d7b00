"""Stage 2, extract: Article → Extraction (figures, enumerations, quotes, events, themes).

Contract:
    extract(article: Article) -> Extraction

Each sentence is read up to briefing.extract.bounds.MAX_SENTENCE_CHARS characters, so the
work is linear in the article's length.
"""

from __future__ import annotations

from briefing.extract.bounds import readable
from briefing.extract.enumerations import extract_enumerations
from briefing.extract.events import extract_events
from briefing.extract.figures import extract_figures
from briefing.extract.quotes import extract_quotes
from briefing.extract.themes import extract_themes
from briefing.models import Article, Extraction


def extract(article: Article) -> Extraction:
    """Everything one article states: figures, enumerations, quotations, events, themes."""
    article = readable(article)
    return Extraction(
        article_id=article.id,
        file=article.file,
        figures=extract_figures(article),
        enumerations=extract_enumerations(article),
        quotes=extract_quotes(article),
        events=extract_events(article),
        themes=extract_themes(article),
    )
