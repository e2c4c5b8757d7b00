"""Time mentions in a sentence and the period a figure describes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.extract.numbers import parse_chinese

_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_YEAR_MONTH = re.compile(rf"(?<![\d.\-/])({_YEAR})\s*年\s*(?:(\d{{1,2}})\s*月|(底|末))?(?!代)")
_TITLE_YEAR = re.compile(rf"《\s*({_YEAR})(?!\d)")  # 《2020联合国电子政务调查报告》
_EVENT_YEAR = re.compile(rf"(?<![\d.\-/])({_YEAR})(?=\s*[(（]第)")  # 2020(第十五届)…论坛
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_LATIN_MONTH_YEAR = re.compile(
    rf"\b(?P<month>(?:{'|'.join(_MONTHS)})[a-z]*)\.?\s+(?:\d{{1,2}},?\s+)?(?P<year>{_YEAR})\b",
    re.IGNORECASE,
)
_LATIN_YEAR = re.compile(rf"(?<![\w.\-/])({_YEAR})(?![\w\-/])")
# Five-year plans: 七五时期 → 1990 (the plan's last year).
_PLAN = re.compile(r"[“\"]?(十[一二三四五六七八九]?|[六七八九])五[”\"]?\s*(?:时期|期间|期末|末)")
_RELATIVE = re.compile(r"(今年|本年度|去年|上年|前年)")
_RELATIVE_OFFSET = {"今年": 0, "本年度": 0, "去年": -1, "上年": -1, "前年": -2}
# A year preceded by these is a comparison baseline (比2018年提升了20位), not the period.
_BASELINE_BEFORE = re.compile(r"(?:比|较|相比|相较|相比于|相较于|同比|对比|与|和|than|since)\s*$")
# A year preceded by these is a target (争取在2000年实现…), which never carries over.
# A bare 到 is a target only at a clause start (到2025年…); 提高到2020年的 is a from–to.
_TARGET_BEFORE = re.compile(
    r"(?:(?:争取|力争|计划|预计|预期|目标是|目标为)\s*(?:在|于|到)?|(?:^|[,;:。])\s*到|\bby)\s*$"
)
_TO_MARK = re.compile(r"到|至|为|\bto\b")
# A year inside a comparison clause ("compared with 0.7948 in 2020", 与2020年的0.7948相比)
# dates that compared value, but is not what the following sentences talk about.
_COMPARISON_CLAUSE = re.compile(
    r"(?:compared (?:with|to)|versus|up from|down from|与|较|比)(?:[^,;，；。.]|\.(?=\d))*$",
    re.IGNORECASE,
)
PRESENT_CUES = re.compile(r"目前|当前|现在|截至目前|迄今|至今|如今|currently|now")


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


def _plan_end_year(numeral: str) -> int | None:
    number = parse_chinese(numeral)
    return None if number is None or number < 6 else 1955 + 5 * number


def time_mentions(text: str, pub_year: int | None = None) -> list[TimeMention]:
    """Every year or year-month `text` names, in order."""
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
            found.append((str(pub_year + _RELATIVE_OFFSET[m.group(1)]), m.start(), m.end()))
    out = []
    for period, start, end in sorted(found, key=lambda f: f[1]):
        before = text[max(0, start - 6) : start]
        after = text[end : end + 3]
        baseline = bool(_BASELINE_BEFORE.search(before)) and not after.startswith(("的", "至"))
        if before.endswith(("与", "和")):
            baseline = "相比" in text[end : end + 6]  # 与2018年相比
        target = bool(_TARGET_BEFORE.search(before))
        origin = bool(re.search(r"(?:从|由|自)\s*$", before))
        comparison = bool(_COMPARISON_CLAUSE.search(text[:start]))
        out.append(TimeMention(period, start, end, baseline, target, origin, comparison))
    return out


def carried_period(mentions: list[TimeMention]) -> str | None:
    """The period a sentence passes on to the next ones: its last plain (non-baseline) year."""
    plain = [m for m in mentions if not (m.baseline or m.target or m.comparison or m.origin)]
    return plain[-1].period if plain else None


def _left_behind(mention: TimeMention, text: str, pos: int) -> bool:
    """A "from" year the sentence has moved on from before `pos` (从2020年的…提升到0.8119)."""
    return mention.origin and bool(_TO_MARK.search(text[mention.end : pos]))


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
    A "from" value without its own year (由第34位跃升至第9位) takes the comparison year.
    """
    c_start, c_end = clause
    plain = [m for m in mentions if not m.baseline and not _left_behind(m, text, pos)]
    in_clause_before = [m for m in plain if c_start <= m.start < pos]
    in_clause_after = [m for m in plain if pos < m.start < c_end]
    if latin and in_clause_after:
        return in_clause_after[0].period
    if in_clause_before:
        return in_clause_before[-1].period
    if from_value:
        baselines = [m for m in mentions if m.baseline]
        if baselines:
            return baselines[0].period
    before = [m for m in plain if m.start < pos]
    if before:
        return before[-1].period
    if in_clause_after:
        return in_clause_after[0].period
    return None
