"""Glosses that content farms put inside words: 中(zhong)国, 報（bào）告, 區(qū), 状(🦍)况.

Reposting sites break up the words of a copied article, so that search engines do not see a
duplicate, with the reading of a character in brackets after it (half- or full-width, with or
without tone marks, in simplified or traditional text), or a decoration in brackets. Left in,
they split names and figures' subjects (60岁以上网( )民) and print in citations and titles.
A bracket right after a Chinese character is dropped when it holds nothing, only symbols, or a
pinyin reading of that character (checked with pypinyin, tone marks folded, so 应用(app),
指数(EGDI) and 附表(一) stay).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: letters of a pinyin syllable, tone-marked vowels and ü included (what NFD folds away)
_PINYIN = "a-zA-ZāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÜêếềńňǹḿ"
# a gloss follows a Chinese character; what follows it may be anything (區(qū)、直轄市)
_GLOSS = re.compile(
    rf"(?<=[{_HAN}])[(（][ \u3000]*(?P<g>[{_PINYIN}]{{1,7}}[1-5]?|[^\w\s()（）]*)[ \u3000]*[)）]"
)


@lru_cache(maxsize=8192)
def _readings(char: str) -> frozenset[str]:
    """The pinyin readings of `char` without tones (ü written both v and u)."""
    from pypinyin import Style, pinyin  # 0.6 s to import: only pages with a bracket pay it

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    readings = set(found[0]) if found else set()
    return frozenset(readings | {r.replace("v", "u") for r in readings})


def _toneless(gloss: str) -> str:
    """`gloss` lowercase, tone marks and a tone number dropped, ü as u: bào → bao, lü3 → lu."""
    bare = "".join(c for c in unicodedata.normalize("NFD", gloss.lower())
                   if not unicodedata.combining(c))
    return bare.rstrip("12345")


def is_gloss(char: str, content: str) -> bool:
    """Whether a bracket holding `content` right after `char` is a gloss on it: nothing, only
    symbols (an emoji in brackets), or one of the character's readings."""
    if not any(c.isalnum() for c in content):
        return True
    return _toneless(content) in _readings(char)


def gloss_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every gloss in `text`, in order."""
    if "(" not in text and "（" not in text:
        return []
    return [m.span() for m in _GLOSS.finditer(text)
            if is_gloss(text[m.start() - 1], m.group("g"))]


def strip_glosses(text: str) -> str:
    """`text` without in-word glosses: empty or symbol-only brackets and a character's own
    pinyin."""
    spans = gloss_spans(text)
    if not spans:
        return text
    kept, last = [], 0
    for start, end in spans:
        kept.append(text[last:start])
        last = end
    kept.append(text[last:])
    return "".join(kept)
