"""Dates a page gives without a year, and the year the rest of the page gives them.

A wire story opens with its dateline (新华社北京12月28日电, "BEIJING, Dec. 28 (Xinhua) --"),
a report often with the day alone (4月27日，…; 2 月 28 日消息，…). The year comes from the
page, never from the clock:

1. a full date elsewhere on the page (a repost's header, a footer): the year that puts the
   day on or before it (a story of 28 December reposted on 2 January is of the year before);
2. a date in a URL on the page;
3. the text itself: a report of a completed year (截至2022年底, 2022年全年) was written in a
   later year, so the year after the latest such one is the earliest possible; and a wire
   story, news of its day, is of the latest year it speaks of (到2035年 and other targets
   aside) — a lead that only opens with a day may recount an event long after, so it takes
   the year from a completed year, never from the latest year mentioned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

#: 新华社北京12月28日电, 本报讯 3月5日讯: a wire dateline (its outlet is read elsewhere)
WIRE_DATELINE = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,8}?(?:社|网|台|报|讯))?[\u4e00-\u9fff]{0,6}?"
    r"(?P<m>\d{1,2})月\s*(?P<d>\d{1,2})日\s*(?:电|讯)"
)
#: BEIJING, Dec. 28 (Xinhua) -- : an English wire dateline, the agency in brackets
EN_WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'’-]{1,30},\s+(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"[a-z]*\.?\s+(?P<d>\d{1,2})\s*\((?P<v>[^()]{2,40})\)\s*(?:-{1,2}|–|—)"
)
#: 4月27日，… / 【环球网报道】2 月 28 日消息，…: a lead that opens with the day
LEAD_DATE = re.compile(
    r"^(?:[【\[][^】\]]{1,24}[】\]]\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*(?:消息|讯)?\s*[,，]"
)
_YEAR = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*年")
#: words before a year that make it a target, not a year the text reports on
_TARGET_BEFORE = re.compile(r"(?:到|预计|力争|计划|目标|展望|将|将于|至)\s*$")
#: …after a year: 2035年远景目标, 2030年前, 2035年左右
_TARGET_AFTER = re.compile(r"^\s*年\s*(?:前|左右|远景|目标)")
_COMPLETED_YEAR = re.compile(
    r"截至\s*(?P<y>(?:19|20)\d{2})\s*年\s*(?:底|末|年底|年末|12\s*月)|(?P<y2>(?:19|20)\d{2})\s*年\s*全年"
)


@dataclass(frozen=True, slots=True)
class MonthDay:
    """A day without its year, and whether a wire dateline gave it."""

    month: int
    day: int
    wire: bool


def month_day(lead: str) -> MonthDay | None:
    """The day a lead's dateline or opening date gives, or None."""
    if m := WIRE_DATELINE.match(lead):
        return MonthDay(int(m.group("m")), int(m.group("d")), wire=True)
    if m := EN_WIRE_DATELINE.match(lead):
        return MonthDay(EN_MONTHS.index(m.group("mon").lower()) + 1, int(m.group("d")), wire=True)
    if m := LEAD_DATE.match(lead):
        return MonthDay(int(m.group("m")), int(m.group("d")), wire=False)
    return None


def year_for(day: MonthDay, page_dates: Iterable[tuple[int, int, int]],
             url_years: set[int], text: str) -> int | None:
    """The year of `day` from the page (see the module docstring), or None."""
    for year, month, date in page_dates:
        return year if (day.month, day.day) <= (month, date) else year - 1
    if len(url_years) == 1:
        return next(iter(url_years))
    completed = [int(m.group("y") or m.group("y2")) for m in _COMPLETED_YEAR.finditer(text)]
    earliest = max(completed) + 1 if completed else None
    if day.wire:
        reported = [int(m.group("y")) for m in _YEAR.finditer(text) if not _target(text, m)]
        if reported:
            earliest = max(earliest or 0, max(reported))
    return earliest


def _target(text: str, m: re.Match[str]) -> bool:
    """A year the text aims at (到2035年, 2030年前), not one it reports on."""
    return bool(_TARGET_BEFORE.search(text[max(0, m.start() - 3) : m.start()])
                or _TARGET_AFTER.match(text[m.end("y") : m.end("y") + 4]))
