"""Stage 2, extract: Article → Extraction (figures, enumerations, quotes, events, themes).

Contract:
    extract(article: Article) -> Extraction
"""

from __future__ import annotations
