"""Stage 3, consolidate: all Extractions → Corpus (merged claims, conflicts, series, themes).

Contract:
    consolidate(articles, extractions, skipped=()) -> Corpus
"""

from __future__ import annotations
