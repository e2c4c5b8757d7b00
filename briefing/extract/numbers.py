"""Numeral parsing: Arabic and Chinese numerals, scale words (万/亿/万亿, million/billion)."""

from __future__ import annotations

CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_SCALES = {"万": 10_000, "亿": 100_000_000}

#: Multipliers of scale words printed after a number.
SCALES = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "万": 1e4,
    "trillion": 1e12,
    "billion": 1e9,
    "million": 1e6,
    "thousand": 1e3,
}

CHINESE_NUMERAL_CHARS = "".join([*CHINESE_DIGITS, *CHINESE_UNITS, *CHINESE_SCALES])


def parse_arabic(text: str) -> float:
    """Parse an Arabic numeral with optional thousands commas: "1,300.5" → 1300.5."""
    return float(text.replace(",", "").replace("，", ""))


def parse_chinese(text: str) -> int | None:
    """Parse a Chinese numeral ("九", "四十五", "一百零三", "三千万"); None when it is not one."""
    if not text or any(c not in CHINESE_NUMERAL_CHARS for c in text):
        return None
    total, section, digit = 0, 0, None
    for char in text:
        if char in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[char]
        elif char in CHINESE_UNITS:
            # "十" alone at the start means one ten: 十五 = 15
            section += (1 if digit is None else digit) * CHINESE_UNITS[char]
            digit = None
        else:
            section += digit or 0
            total += (section or 1) * CHINESE_SCALES[char]
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_numeral(text: str) -> float | None:
    """Parse an Arabic or Chinese numeral ("三点五" too); None when `text` is neither."""
    try:
        return parse_arabic(text)
    except ValueError:
        whole, dot, decimals = text.partition("点")
        value = parse_chinese(whole)
        if value is None:
            return None
        if not dot:
            return float(value)
        # 三点五: the digits after 点 are read one by one
        if not decimals or any(c not in CHINESE_DIGITS for c in decimals):
            return None
        return float(f"{value}.{''.join(str(CHINESE_DIGITS[c]) for c in decimals)}")


def fraction_percent(numerator: float, denominator: float) -> float:
    """A fraction as a percentage, rounded to six decimals: 2/3 → 66.666667."""
    return float(round(numerator / denominator * 100, 6))


def apply_scale(value: float, scale: str | None) -> float:
    """Multiply by a scale word ("亿", "万", "billion"); no scale leaves the value as is."""
    if not scale:
        return value
    factor = SCALES.get(scale.lower())
    if factor is None:
        raise ValueError(f"unknown scale word: {scale}")
    # round away float noise: 13.19 * 1e8 must be exactly 1319000000
    return float(round(value * factor, 6))
