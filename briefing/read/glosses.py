"""Glosses that content farms put inside words: 中(zhong)国, 状(🦍)况, 持(chi)续.

Reposting sites break up the words of a copied article, so that search engines do not see a
duplicate, with the reading of a character in brackets after it, or an emoji in brackets (which
the sanitiser has already made a space). Left in, they split names and figures' subjects
(60岁以上网( )民) and print in citations. A bracket is dropped only when it sits between two
Chinese characters and holds nothing, or a pinyin reading of the character before it
(checked with pypinyin, so 应用(app) and 指数(EGDI) stay).
"""

from __future__ import annotations

import re
from functools import lru_cache

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
# a gloss sits inside a word or before the number the word introduces (达(da)1200万)
_GLOSS = re.compile(rf"(?<=[{_HAN}])[(（]\s*([a-z]{{0,6}})\s*[)）](?=[{_HAN}\d(（“”《])")


@lru_cache(maxsize=4096)
def _readings(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    return frozenset(pinyin(char, style=Style.NORMAL, heteronym=True)[0])


def strip_glosses(text: str) -> str:
    """`text` without in-word glosses: empty brackets and a character's own pinyin."""

    def drop(match: re.Match[str]) -> str:
        gloss = match.group(1)
        if not gloss or gloss in _readings(text[match.start() - 1]):
            return ""
        return match.group(0)

    return _GLOSS.sub(drop, text) if "(" in text or "（" in text else text
