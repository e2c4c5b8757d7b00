"""Folding printed numbers for checks: Chinese numerals, 万/亿 and million/billion scales.

A brief prints figures in its house style (第9位, 13.19亿, 1.319 billion) while the cited
sentence may print 第九位 or 1,319,000,000: these helpers compare them by value.
"""

from __future__ import annotations

import re

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_SCALES = {"万": 1e4, "亿": 1e8, "万亿": 1e12}

# A number as printed: Arabic (with thousands commas) or Chinese, 多/余 (3000多万), a scale.
_NUMBER = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)\s*(?:多|余)?(万亿|万|亿)?")


def _chinese_to_int(text: str) -> int | None:
    """十五 → 15, 二十 → 20, 九 → 9; None for strings that are not numerals."""
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (digit if digit is not None else 1) * _CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def folded_values(text: str) -> set[float]:
    """Every number in `text`, as printed and scaled (13.19亿 → {13.19, 1319000000})."""
    values: set[float] = set()
    for m in _NUMBER.finditer(text):
        digits, scale = m.group(1), m.group(2)
        if digits[0].isdigit():
            base = float(digits.replace(",", ""))
        else:
            parsed = _chinese_to_int(digits)
            if parsed is None:
                continue
            base = float(parsed)
        values.add(round(base, 6))
        if scale:
            values.add(round(base * _SCALES[scale], 6))
    return values


_ENGLISH_SCALES = {"million": 1e6, "billion": 1e9}


def printed_numbers(text: str) -> set[float]:
    """Arabic numbers printed in a statement, scale words applied (13.19亿, 1.319 billion).

    Chinese numerals in the brief's own prose are words, not figures.
    """
    values: set[float] = set()
    pattern = r"(\d+(?:,\d{3})*(?:\.\d+)?)(?:\s*(万亿|万|亿)|\s+(million|billion))?"
    for m in re.finditer(pattern, text):
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= _SCALES[m.group(2)]
        elif m.group(3):
            value *= _ENGLISH_SCALES[m.group(3)]
        values.add(round(value, 6))
    return values
