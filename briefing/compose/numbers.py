"""The house style for figures, one per audience: 第45位 / 45th, 提升20位 / up 20 places, 万/亿.

The patterns are wording, so they live in the template's `[numbers]` table (base sets the
Chinese style, english overrides it); this module only does the arithmetic. A figure is never
printed more precisely than its source printed it: "13.19亿" is 13.19亿 or 1.319 billion,
"2040万" is 2040万 or 20.4 million, "5亿" never becomes 5.00亿.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from briefing.errors import TemplateError
from briefing.textnorm import normalize

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
# The number as the source printed it, an approximation word (多/余), then a scale word.
_PRINTED = re.compile(
    r"(?P<num>\d+(?:,\d{3})*(?:\.(?P<dec>\d+))?)\s*(?P<approx>多|余)?\s*"
    r"(?P<scale>万亿|千万|百万|亿|万|千|百|billion|million|thousand)?",
    re.IGNORECASE,
)
_SCALE_WORDS = {"万亿": 1e12, "千万": 1e7, "百万": 1e6, "亿": 1e8, "万": 1e4, "千": 1e3,
                "百": 1e2, "billion": 1e9, "million": 1e6, "thousand": 1e3}
_UNIT_WORD = re.compile(r"^[\u4e00-\u9fff]{1,3}$")  # 人, 个, 户, 条次 … after the number
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
#: Scales each language writes large numbers in, largest first.
_SCALES = {"zh": ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")),
           "en": ((1e12, " trillion"), (1e9, " billion"), (1e6, " million"))}


@dataclass(frozen=True)
class NumberStyle:
    """How one audience prints figures; every field is a pattern from `[numbers]`.

    `{n}` is the plain number, `{ordinal}` its English ordinal, `{v}` the printed amount.
    """

    scale: str  #: zh (万/亿, no thousands separator) | en (million/billion, 1,234)
    rank: str  #: 第{n}位 | {ordinal}
    rank_up: str  #: a rise in rank: 提升{n}位 | up {n} places
    rank_down: str
    rank_same: str
    percent: str
    over: str  #: qualifiers around an amount {v}: 超过{v} | over {v}
    about: str
    under: str
    unit_words: bool  #: keep the source's classifier after an amount (5亿人, 2900个)
    year: str  #: a period of one year, {y}: {y}年 | {y}
    month: str  #: a period of one month: {y}年{m}月 | {month_name} {y}
    target: str  #: a period a plan or forecast expects a figure for, {p}: 预计{p} | expected {p}

    @classmethod
    def from_table(cls, table: Mapping[str, Any], file: str | None = None) -> NumberStyle:
        """The style a template's merged `[numbers]` table sets (unknown keys are errors)."""
        known = {f.name for f in fields(cls)}
        unknown, missing = sorted(set(table) - known), sorted(known - set(table))
        if unknown or missing:
            what = "; ".join(p for p in (unknown and f"unknown key(s) {', '.join(unknown)}",
                                         missing and f"missing {', '.join(missing)}") if p)
            raise TemplateError(f"[numbers]: {what} (base sets them all; see "
                                f"docs/templates.md)", file=file)
        if table.get("scale", "zh") not in _SCALES:
            raise TemplateError(f"[numbers] scale must be one of {', '.join(_SCALES)}", file=file)
        return cls(**dict(table))

    # ----------------------------------------------------------------- one figure

    def figure(self, value: float, unit: str, raw: str = "", qualifier: str = "exact") -> str:
        """A figure in the house style, from its value, unit and the source's printed form."""
        if unit == "rank":
            return self.rank_text(value)
        if unit == "rank_change":
            return self.rank_change_text(value)
        printed = _parse(raw)
        if unit == "percent":
            text = self.percent.format(n=_fixed(value, printed.decimals if printed else None))
        elif unit == "index":
            text = _fixed(value, printed.decimals if printed else None)
        else:
            text = self.amount(value, printed.resolution if printed else None)
            if self.unit_words and printed and _UNIT_WORD.match(printed.unit_word):
                text += printed.unit_word
        if printed and printed.approx and qualifier == "exact":
            qualifier = "over"  # 3000多万: more than 3000万
        pattern = {"over": self.over, "about": self.about, "under": self.under}.get(qualifier)
        return pattern.format(v=text) if pattern else text

    def period(self, period: str) -> str:
        """An ISO period ("2020", "2018-12") worded: 2020年, 2018年12月 / December 2018."""
        year, _, month = period.partition("-")
        if not month.isdigit():
            return self.year.format(y=year)
        m = int(month)
        return self.month.format(y=year, m=m, mm=month, month_name=_MONTHS[m - 1])

    def rank_text(self, value: float) -> str:
        n = _integer(value)
        return self.rank.format(n=n, ordinal=ordinal(n))

    def rank_change_text(self, value: float) -> str:
        """A rank change: positive is a rise (a better, smaller rank), never written "20名"."""
        n = _integer(abs(value))
        if value == 0:
            return self.rank_same
        return (self.rank_up if value > 0 else self.rank_down).format(n=n, ordinal=ordinal(n))

    def amount(self, value: float, resolution: float | None = None) -> str:
        """A large number in 万/亿 or million/billion, no finer than `resolution`."""
        for size, word in _SCALES[self.scale]:
            if abs(value) >= size:
                return _scaled(value, size, resolution) + word
        if self.scale == "en" and value == int(value):
            return f"{int(value):,}"
        return _scaled(value, 1, resolution)


@dataclass(frozen=True)
class _Printed:
    decimals: int
    resolution: float  #: the smallest step the source's digits state, in plain units
    approx: bool
    unit_word: str


def _parse(raw: str) -> _Printed | None:
    text = normalize(raw)  # 億/萬 and full-width digits read as 亿/万 and ASCII
    m = _PRINTED.search(text)
    if not m:
        return None
    decimals = len(m.group("dec") or "")
    scale = _SCALE_WORDS.get((m.group("scale") or "").lower(), 1.0)
    return _Printed(decimals, 10.0 ** -decimals * scale, bool(m.group("approx")),
                    text[m.end():].strip())


def _scaled(value: float, size: float, resolution: float | None) -> str:
    """value / size with as many decimals as the resolution allows, trailing zeros dropped."""
    if resolution is None or resolution <= 0:
        text = f"{value / size:.10g}"
    else:
        decimals = max(0, math.ceil(math.log10(size / resolution) - 1e-9))
        text = f"{value / size:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _fixed(value: float, decimals: int | None) -> str:
    """0.7948 → '0.7948'; 0.545 with 4 source decimals → '0.5450' (as the source printed it)."""
    return f"{value:.{decimals}f}" if decimals is not None else f"{value:.10g}"


def _integer(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def ordinal(value: object) -> str:
    """'45' → '45th', '1' → '1st', '12' → '12th'; text that is not a whole number stays."""
    text = str(value)
    if not text.isdigit():
        return text
    n = int(text)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{text}{suffix}"


__all__ = ["NumberStyle", "ordinal"]
