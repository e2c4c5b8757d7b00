"""Fragments: a clause cut before its verb or object is never printed.

Extraction cuts list items and sentences out of pages; some come out unfinished — an item
that ends on a word that needs more after it (已然成为国家和社会和, 服务事项网上办已成为), a
short item opened by a preposition whose frame is never closed (在构建开放共享), the last words
of an excerpt cut off by the page (…重点工作包括互联网网站与移动互联网应用适). Compose leaves
them out of every list, theme and appendix. The words are cue lists of
briefing/data/cues.yaml (dangling_endings, open_prepositions, clause_prepositions,
closing_localizers).
"""

from __future__ import annotations

import re
from functools import cache

from briefing.extract.lexicon import cues

#: a short item: longer ones opened by 在 are whole sentences whose frame closes later
SHORT_OPENING = 12
#: where a sentence may end: a cut excerpt ends without any of these
_TERMINAL = re.compile(r"[。！？!?.…”’」』)）\]】]\s*$")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_TRAILING_MARKS = " \t\u3000，,、；;：:"


#: where a clause ends inside an item: a phrase before it frames what comes after
_CLAUSE_BREAK = re.compile(r"[，,；;：:]")


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    found = cues()
    return (re.compile(f"{found.pattern('dangling_endings')}$"),
            re.compile(f"^{found.pattern('open_prepositions')}"),
            re.compile(f"^{found.pattern('clause_prepositions')}"),
            re.compile(found.pattern("closing_localizers")))


def is_fragment(text: str) -> bool:
    """Whether an item or clause stops before its verb or object: it ends on a colon (what
    it introduces is missing) or on a word that needs more after it (和, 的; by, of); it is
    only a
    framing phrase (根据…, 随着…) with no clause after it; or it is short, opened by a
    preposition and never closed (在构建开放共享)."""
    stripped = text.strip()
    words = stripped.rstrip(_TRAILING_MARKS)
    if stripped.endswith(("：", ":")):
        return True  # in any language: what it introduces is missing ("…, specifically by:")
    dangling, opening, framing, closing = _patterns()
    if dangling.search(words):
        return True  # 国家和社会和; "…, specifically by"
    if not _HAN.search(words):
        return False  # the rest of the checks are Chinese phrasing
    if framing.match(words) and not _CLAUSE_BREAK.search(words):
        return True
    head = opening.match(words)
    return bool(head and len(words) <= SHORT_OPENING
                and not closing.search(words, head.end() + 1))


def is_cut(sentence: str, article_text: str, end: int) -> bool:
    """Whether a sentence is the cut-off end of an excerpt: it runs to the end of the text
    and stops without a sentence mark."""
    return not article_text[end:].strip() and not _TERMINAL.search(sentence)


__all__ = ["SHORT_OPENING", "is_cut", "is_fragment"]
