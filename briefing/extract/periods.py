"""Time mentions in a sentence and the period a figure describes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.extract.lexicon import cues
from briefing.extract.numbers import parse_chinese

_YEAR = r"(?:19[5-9]\d|20\d\d)"  # targets reach 2050 and beyond
# A year with its month or its end: 2020年, 2021年6月, 2018年底 (not 90年代, not 1.2020年).
_YEAR_MONTH = re.compile(rf"(?<![\d.\-/])({_YEAR})\s*年\s*(?:(\d{{1,2}})\s*月|(底|末))?(?!代)")
_TITLE_YEAR = re.compile(rf"《\s*({_YEAR})(?!\d)")  # 《2020联合国电子政务调查报告》
_EVENT_YEAR = re.compile(rf"(?<![\d.\-/])({_YEAR})(?=\s*[(（]第)")  # 2020(第十五届)…论坛
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# English month names and their abbreviations, for months named without a year.
_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
# A month named without a year, where a date is expected: 截至6月(底), 到6月末, 3月至6月, 1-6月;
# "as of March", "by the end of June", "from March to June". The year is the article's.
_CN_MONTH_ALONE = re.compile(
    r"(?:(?:截至|截止|截止到|到|至)\s*|(?<![\d年])\d{1,2}\s*(?:月\s*)?(?:至|到|-|—|–|~)\s*)"
    r"(?<![\d年])(?P<month>\d{1,2})\s*月(?:\s*(?:底|末|\d{1,2}\s*日))?"
)
# An English month alone after as of/by/in…: as of March, by the end of June (no year after).
_EN_MONTH_ALONE = re.compile(
    rf"\b(?i:as of|as at|by|until|till|through|to|in|at|since|end of|from)\s+"
    rf"(?:the\s+(?i:end|beginning|start|middle)\s+of\s+)?(?P<month>{_MONTH_NAMES})\b\.?"
    rf"(?!\s*(?:\d{{1,2}},?\s*)?{_YEAR})(?!\s+\d)"
)
# An English month and year: June 2021, Dec. 5, 2020.
_LATIN_MONTH_YEAR = re.compile(
    rf"\b(?P<month>(?:{'|'.join(_MONTHS)})[a-z]*)\.?\s+(?:\d{{1,2}},?\s+)?(?P<year>{_YEAR})\b",
    re.IGNORECASE,
)
# A bare year in English text: in 2020 (not inside a code or a date such as 2020-05).
_LATIN_YEAR = re.compile(rf"(?<![\w.\-/])({_YEAR})(?![\w\-/])")
# Five-year plans: 七五时期 → 1990 (the plan's last year).
_PLAN = re.compile(r"[“\"]?(十[一二三四五六七八九]?|[六七八九])五[”\"]?\s*(?:时期|期间|期末|末)")
# A year named relative to the article's: 今年, 去年, next year.
_RELATIVE = re.compile(
    r"(今年|本年度|去年|上年|前年|明年|(?i:this year|last year|next year|a year earlier|a year ago))"
)
_RELATIVE_OFFSET = {
    "今年": 0, "本年度": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1,
    "this year": 0, "last year": -1, "next year": 1, "a year earlier": -1, "a year ago": -1,
}
_THIS_YEAR = ("今年", "本年度", "this year")
# A year preceded by these is a comparison baseline (比2018年提升了20位), not the period.
_BASELINE_BEFORE = re.compile(r"(?:比|较|相比|相较|相比于|相较于|同比|对比|与|和|than|since)\s*$")
# A year preceded by these is a target (争取在2000年实现…), which never carries over.
# A bare 到 is a target only at a clause start (到2025年…); 提高到2020年的 is a from–to.
_TARGET_BEFORE = re.compile(
    r"(?:(?:争取|力争|计划|预计|预期|目标是|目标为)\s*(?:在|于|到)?|(?:^|[,;:。])\s*到|\b[Bb]y)\s*$"
)
# The "to" of a from–to frame after a from year: 从2020年的0.7948|提升到|0.8119.
_TO_MARK = re.compile(r"到|至|为|\bto\b")
# English names a comparison base after a change: "up 7 percent from the level at the end of
# 2019", "compared with the same period of 2020", "than in 2019" (a number between, as in
# "up from 45th in 2020", makes it the from-value's own year instead).
_EN_BASE_BEFORE = re.compile(
    r"\b(?:from|compared (?:with|to)|than|over|versus)\s+"
    r"(?:(?:the|a|its|their|figure|figures|level|levels|number|total|same|period|time|end|start|"
    r"beginning|close|middle|first|second|half|quarter|of|in|at|recorded|reported)\s+){0,7}$",
    re.IGNORECASE,
)
# A year that opens a range is no comparison base: from 2019| to 2021.
_EN_RANGE_AFTER = re.compile(r"^\s*(?:to|through|until|till|and)\b", re.IGNORECASE)
# 自2001年启动以来, 2019年以来, since 2019: the start of a span that reaches the present.
_SINCE_AFTER = re.compile(r"^[^,，;；。]{0,20}?(?:以来|至今|迄今)")
# A year inside a comparison clause ("compared with 0.7948 in 2020", 与2020年的0.7948相比)
# dates that compared value, but is not what the following sentences talk about.
_COMPARISON_CLAUSE = re.compile(
    r"(?:compared (?:with|to)|versus|up from|down from|与|较|比)(?:[^,;，；。.]|\.(?=\d))*$",
    re.IGNORECASE,
)
# Words that set a clause in the present (目前, currently): cues.yaml present_cues.
PRESENT_CUES = re.compile(cues().pattern("present_cues"))


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A year (or year-month) a sentence names, with its role."""

    period: str
    start: int
    end: int
    baseline: bool = False
    target: bool = False
    origin: bool = False  #: the "from" year of 从2020年的0.7948提升到0.8119
    comparison: bool = False  #: inside a comparison clause: never carried to later sentences
    this_year: bool = False  #: 今年/this year: the article's present, not a year it names


def _plan_end_year(numeral: str) -> int | None:
    number = parse_chinese(numeral)
    return None if number is None or number < 6 else 1955 + 5 * number


def _year_of_month(month: int, pub_year: int | None, pub_month: int | None) -> int | None:
    """The year of a month named without one: the article's, or the year before when the
    month is later than the article's month (an article of February speaking of November)."""
    if pub_year is None or not 1 <= month <= 12:
        return None
    return pub_year - 1 if pub_month is not None and month > pub_month else pub_year


def _months_alone(
    text: str, pub_year: int | None, pub_month: int | None
) -> list[tuple[str, int, int]]:
    """截至6月, as of March, from March to June: months without a year, dated by the article."""
    found = []
    for m in _CN_MONTH_ALONE.finditer(text):
        month = int(m.group("month"))
        year = _year_of_month(month, pub_year, pub_month)
        if year is not None:
            found.append((f"{year}-{month:02d}", m.start("month"), m.end()))
    for m in _EN_MONTH_ALONE.finditer(text):
        month = _MONTHS.index(m.group("month")[:3].lower()) + 1
        year = _year_of_month(month, pub_year, pub_month)
        if year is not None:
            found.append((f"{year}-{month:02d}", m.start("month"), m.end("month")))
    return found


def _is_baseline(text: str, start: int, end: int) -> bool:
    """Whether a year is a comparison base (比2018年, 较2018年底, from the figure at the end of
    2018) or the start of a span to now (自2001年…以来, since 2019) rather than a period."""
    before = text[max(0, start - 6) : start]
    after = text[end : end + 3]
    baseline = bool(_BASELINE_BEFORE.search(before)) and not after.startswith(("的", "至"))
    if before.endswith(("与", "和")):
        baseline = "相比" in text[end : end + 6]  # 与2018年相比
    if _EN_BASE_BEFORE.search(text[max(0, start - 60) : start]) and not _EN_RANGE_AFTER.match(
        text[end:]
    ):
        baseline = True
    if _SINCE_AFTER.match(text[end:]) and text[start:end] not in _THIS_YEAR:
        baseline = True  # 今年以来 is this year so far, which is this year's
    return baseline


def time_mentions(
    text: str, pub_year: int | None = None, pub_month: int | None = None
) -> list[TimeMention]:
    """Every year or year-month `text` names, in order.

    Relative years (今年, next year) and months without a year (截至6月, as of March) are
    dated by the article's year and month when they are known.
    """
    found: list[tuple[str, int, int]] = []
    for m in _YEAR_MONTH.finditer(text):
        month = m.group(2) or ("12" if m.group(3) else None)  # 年底/年末 is the year's December
        period = f"{m.group(1)}-{int(month):02d}" if month and 1 <= int(month) <= 12 else m.group(1)
        found.append((period, m.start(), m.end()))
    for m in _LATIN_MONTH_YEAR.finditer(text):
        month = _MONTHS.index(m.group("month")[:3].lower()) + 1
        found.append((f"{m.group('year')}-{month:02d}", m.start("year"), m.end("year")))
    for pattern in (_TITLE_YEAR, _EVENT_YEAR, _LATIN_YEAR):
        for m in pattern.finditer(text):
            if not any(s <= m.start(1) < e for _, s, e in found):
                found.append((m.group(1), m.start(1), m.end(1)))
    for m in _PLAN.finditer(text):
        year = _plan_end_year(m.group(1))
        if year:
            found.append((str(year), m.start(), m.end()))
    if pub_year is not None:
        for m in _RELATIVE.finditer(text):
            offset = _RELATIVE_OFFSET[m.group(1).lower() if m.group(1).isascii() else m.group(1)]
            found.append((str(pub_year + offset), m.start(), m.end()))
        for period, start, end in _months_alone(text, pub_year, pub_month):
            if not any(s <= start < e for _, s, e in found):
                found.append((period, start, end))
    out = []
    for period, start, end in sorted(found, key=lambda f: f[1]):
        before = text[max(0, start - 6) : start]
        baseline = _is_baseline(text, start, end)
        target = bool(_TARGET_BEFORE.search(before)) or _is_future(period, pub_year)
        if target and text[start:end].endswith(("底", "末")):
            period = period[:4]  # a deadline (到2025年底, 2026年底实现…) is its year
        origin = bool(re.search(r"(?:从|由|自)\s*$", before))
        comparison = bool(_COMPARISON_CLAUSE.search(text[:start]))
        this_year = text[start:end].lower() in _THIS_YEAR
        out.append(
            TimeMention(period, start, end, baseline, target, origin, comparison, this_year)
        )
    return out


def _is_future(period: str, pub_year: int | None) -> bool:
    """A year after the article's own is a target or forecast, never data already counted."""
    return pub_year is not None and int(period[:4]) > pub_year


def carried_period(mentions: list[TimeMention], present: str | None = None) -> str | None:
    """The period a sentence passes on to the next ones: its last plain (non-baseline) year.

    A 今年/this year passes on the article's `present` when that is finer (今年新增…。月活峰值…
    in a news item of 27 July 2021 is July 2021): only its own clause is "this year" as a whole.
    """
    plain = [m for m in mentions if not (m.baseline or m.target or m.comparison or m.origin)]
    if not plain:
        return None
    last = plain[-1]
    if last.this_year and present and present.startswith(last.period):
        return present
    return last.period


def _left_behind(mention: TimeMention, text: str, pos: int) -> bool:
    """A "from" year the sentence has moved on from before `pos` (从2020年的…提升到0.8119)."""
    return mention.origin and bool(_TO_MARK.search(text[mention.end : pos]))


# What stands between a comparison's time and its own value: 比2020年调查时的0.5988.
_BASE_VALUE_GAP = re.compile(r"[\s]*(?:[年月底末]|调查|统计|时|期|同期|水平|平均|的|为)*\s*")


def own_period(
    mentions: list[TimeMention],
    pos: int,
    clause: tuple[int, int],
    *,
    latin: bool = False,
    from_value: bool = False,
    text: str = "",
) -> str | None:
    """The period of a figure at `pos` from its own sentence's time mentions, or None.

    Chinese puts the time before the figure (2020年的0.7948); English usually after
    (45th in 2020), so English looks after the figure within its clause first.
    A "from" value without its own year (由第34位跃升至第9位) takes the comparison year or the
    year of a parallel "from" before it; with neither (部门从39家增加到72家) it has none: the
    sentence's time is the "to" value's.
    """
    c_start, c_end = clause
    base = next((m for m in mentions if m.baseline and c_start <= m.start < pos
                 and _BASE_VALUE_GAP.fullmatch(text, m.end, pos)), None)
    if base is not None:
        return base.period  # 比2020年调查时的0.5988: the comparison's own value, of its year
    plain = [m for m in mentions if not m.baseline and not _left_behind(m, text, pos)]
    in_clause_before = [m for m in plain if c_start <= m.start < pos]
    # a from-year after the figure belongs to the from-value it introduces (在193个会员国中
    # 从2012年的第78位上升到2022年的第43位: 193 is of 2022, not 2012)
    in_clause_after = [m for m in plain if pos < m.start < c_end and (latin or not m.origin)]
    if latin and in_clause_after:
        return in_clause_after[0].period
    if in_clause_before:
        return in_clause_before[-1].period
    if from_value:
        # the comparison year, else the "from" year of an earlier from–to frame it parallels
        # (从2020年的0.7948提升到0.8119，排名从第45位升至第43位: 第45位 is of 2020 too)
        earlier = [m for m in mentions if m.baseline] + [
            m for m in mentions if m.origin and m.start < pos
        ]
        return earlier[0].period if earlier else None
    before = [m for m in plain if m.start < pos]
    if before:
        return before[-1].period
    if in_clause_after:
        return in_clause_after[0].period
    return None
