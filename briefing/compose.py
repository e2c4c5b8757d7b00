"""Stage 4, compose: Corpus + audience Template → Briefing (blocks, charts, sources, statements).

Contract:
    compose(corpus: Corpus, template: Template, issue_date: date) -> Briefing
"""

from __future__ import annotations
