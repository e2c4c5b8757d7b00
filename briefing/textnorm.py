"""The one text normaliser of the pipeline: same-length, idempotent, character by character.

Full-width ASCII → half-width, ideographic and other wide spaces → space, traditional →
simplified (only where one character maps to one). Every offset into a normalized string is
an offset into the original, so readers and extractors match on the normal form and cite the
original. OpenCC is built once, on first use.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPACES = "\u3000\u00a0\u2002\u2003\u2009"


@cache
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def _fold_char(ch: str) -> str:
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII block
        return chr(code - 0xFEE0)
    return " " if ch in _SPACES else ch


@lru_cache(maxsize=65536)
def _norm_char(ch: str) -> str:
    ch = _fold_char(ch)
    if _CJK.match(ch):
        simple = _t2s().convert(ch)
        return simple if len(simple) == 1 else ch
    return ch


def fold_width(text: str) -> str:
    """Full-width ASCII → half-width and wide spaces → space; same length."""
    return "".join(_fold_char(ch) for ch in text)


def normalize(text: str) -> str:
    """Width folded and traditional → simplified, character by character (same length)."""
    return "".join(_norm_char(ch) for ch in text)
