"""Metadata from a page's frame: title, date, outlet, author, url, site; None when unstated."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from urllib.parse import urlparse

from briefing.read.clean import Layout
from briefing.read.noise import SURNAMES, UNKNOWN_VALUES, noise_kind
from briefing.read.segment import normalize

_C = r"\s*[:：]\s*"
# One or more names; a word followed by a colon is the next label (作者：佚名　来源：…), not a name.
_NAMES = r"[\u4e00-\u9fff·]{2,4}(?:[ \u3000、,，]+[\u4e00-\u9fff·]{2,4}(?![\u4e00-\u9fff·]*[:：]))*"
_YMD = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})(?!\d)"
)
_YM = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*\d)")
_EN_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_EN_DATE = re.compile(
    r"\b(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?P<d>\d{1,2}),?\s+"
    r"(?P<y>(?:19|20)\d{2})\b"
)
_DATE_LABEL = re.compile(
    r"(发布时间|发布日期|发表时间|更新时间|时间|日期|Published|Date)" + _C, re.IGNORECASE
)
_DATELINE = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,8}?(?:社|网|台|报|讯))?[\u4e00-\u9fff]{0,6}?"
    r"(?P<m>\d{1,2})月\s*(?P<d>\d{1,2})日\s*(?:电|讯)"
)
_YEAR_IN_URL = re.compile(r"/(?P<y>(?:19|20)\d{2})[-/]?(?P<m>\d{2})[-/]?(?P<d>\d{2})?(?=[/_.t])")
_OUTLET = re.compile(
    r"(?<![图片照视频])(?:来源|来自|出处|Source)"
    + _C
    + r"(?P<v>.*?)(?=\s{2,}|\u00a0|\s*(?:19|20)\d{2}[-年/.]"
    r"|\s+(?:作者|编辑|记者|责任编辑|点击|浏览|发布)|[|｜]|$)",
    re.IGNORECASE,
)
_NEWSPAPER = re.compile(r"《?(?P<v>[\u4e00-\u9fff]{2,10}?(?:日报|晚报|时报|周报|商报|报|周刊))》?")
_COPYRIGHT_SOURCE = re.compile(
    r"(?:来源于|来源|转载自|出自)\s*[:：]?\s*《?(?P<v>[\u4e00-\u9fff]{2,10}?报)》?"
)
_AUTHOR_LABELS = (
    re.compile(r"(?:作者|撰文|文)\s*[:：/／]\s*(?P<v>" + _NAMES + r"|未知|佚名|不详)"),
    re.compile(
        r"(?:^|\s|[(（【])(?:本报)?记者\s*[:：]?\s*(?P<v>" + _NAMES + r")(?=$|[\s)）】]|报道)"
    ),
    re.compile(r"^By\s+(?P<v>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})"),
)
_URL = re.compile(
    r"https?://[^\s\"'<>()（）【】\u4e00-\u9fff，。]+|www\.[a-z0-9.-]+\.[a-z]{2,}[^\s\"'<>()（）\u4e00-\u9fff，。]*",
    re.IGNORECASE,
)
_LABELED_URL = re.compile(
    r"(?:转载注明来源|注明来源|原文链接|本文链接|原文地址|网址|URL)\s*[:：]\s*(?P<v>\S+)",
    re.IGNORECASE,
)
_DOMAIN = re.compile(
    r"(?<![@A-Za-z0-9.-])(?:https?://)?(?P<v>(?:[a-z0-9-]+\.)+[a-z]{2,6})(?![A-Za-z0-9.-]*@)",
    re.IGNORECASE,
)
_EMAIL_DOMAIN = re.compile(r"[A-Za-z0-9._+-]+@(?P<v>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_WEBMAIL = {
    "163.com",
    "126.com",
    "qq.com",
    "sina.com",
    "sohu.com",
    "gmail.com",
    "hotmail.com",
    "outlook.com",
    "yahoo.com",
    "foxmail.com",
    "139.com",
    "yeah.net",
    "aliyun.com",
}
_SIGNED_TITLE = re.compile(r"^(?P<v>[\u4e00-\u9fff]{2,3})[:：]\s*\S")


@dataclass(frozen=True, slots=True)
class Metadata:
    """The metadata fields of an Article; None when the page does not state them."""

    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    site: str | None = None

    def filled(self) -> int:
        """How many fields are known (used to keep the better-described duplicate)."""
        return sum(getattr(self, f.name) is not None for f in fields(self))

    def or_else(self, other: Metadata) -> Metadata:
        """This metadata, with gaps filled from `other`."""
        gaps = {
            f.name: getattr(other, f.name) for f in fields(self) if getattr(self, f.name) is None
        }
        return replace(self, **gaps)


@dataclass(frozen=True, slots=True)
class Text:
    """A line of the page frame: as printed, and normalized (same length) for matching."""

    orig: str
    norm: str

    def value(self, m: re.Match[str], group: str = "v") -> str:
        """The printed text of a match made on `norm`."""
        return self.orig[m.start(group) : m.end(group)]


def _texts(lines: list[str]) -> list[Text]:
    return [Text(line, normalize(line)) for line in lines]


def extract_metadata(page: Layout, first_paragraph: str = "") -> tuple[Metadata, tuple[str, ...]]:
    """Metadata stated in the page's header, footer and inline notes, plus problems found."""
    header = [Text(ln.text, ln.norm) for ln in page.header]
    footer = [Text(ln.text, ln.norm) for ln in page.footer]
    notes = _texts(page.inline_noise)
    title = page.title.text if page.title else None
    leads = [t.norm for t in notes] + [normalize(first_paragraph)]
    date, problems = find_date(header, footer, leads)
    meta = Metadata(
        title=title,
        date=date,
        outlet=find_outlet(header, footer, notes),
        author=find_author(
            header, footer, notes, page.byline, page.title.norm if page.title else None
        ),
        url=find_url(header, footer, notes),
        site=None,
    )
    return replace(meta, site=find_site(header, footer, notes, meta.url)), problems


def date_in_text(text: str) -> str | None:
    """An ISO date from free text such as a front-matter or HTML meta value."""
    return _date_in(normalize(text), allow_month=True)


def find_date(
    header: list[Text], footer: list[Text], leads: list[str]
) -> tuple[str | None, tuple[str, ...]]:
    """ISO date from the header, then labelled footer lines, then a dateline with a known year."""
    for line in header:
        found = _date_in(line.norm, allow_month=bool(_DATE_LABEL.search(line.norm)))
        if found:
            return found, ()
    for line in footer:
        if _DATE_LABEL.search(line.norm):
            found = _date_in(line.norm, allow_month=True)
            if found:
                return found, ()
    for lead in leads:
        if _DATELINE.match(lead):
            return _dateline(lead, [t.norm for t in header + footer])
    return None, ()


def _date_in(line: str, allow_month: bool) -> str | None:
    if m := _YMD.search(line):
        return _iso(m.group("y"), m.group("m"), m.group("d"))
    if m := _EN_DATE.search(line):
        return _iso(m.group("y"), str(_EN_MONTHS.index(m.group("mon").lower()) + 1), m.group("d"))
    if allow_month and (m := _YM.search(line)):
        return _iso(m.group("y"), m.group("m"), None)
    return None


def _iso(y: str, m: str, d: str | None) -> str | None:
    month, day = int(m), int(d) if d else None
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return f"{y}-{month:02d}" + (f"-{day:02d}" if day else "")


def _dateline(lead: str, frame: list[str]) -> tuple[str | None, tuple[str, ...]]:
    """新华社北京12月28日电: month and day; the year only from a URL date in the frame."""
    m = _DATELINE.match(lead)
    if not m:
        return None, ()
    years = {u.group("y") for line in frame for u in _YEAR_IN_URL.finditer(line)}
    if len(years) == 1:
        return _iso(years.pop(), m.group("m"), m.group("d")), ()
    return None, (
        f"dateline gives {m.group('m')}月{m.group('d')}日 but no year; date left unknown",
    )


def find_outlet(header: list[Text], footer: list[Text], notes: list[Text]) -> str | None:
    """来源: in the header or footer, else the newspaper a 本报 copyright line names."""
    for line in [*header, *footer]:
        for m in _OUTLET.finditer(line.norm):
            value = _clean_value(line.value(m).strip(" 《》\u00a0"))
            if value and not _URL.match(value):
                return value
    for line in [*footer, *notes]:
        names_paper = line.norm.startswith("本报") or noise_kind(line.norm) == "copyright"
        if names_paper and (m := _COPYRIGHT_SOURCE.search(line.norm)):
            return line.value(m)
    for line in header:
        if m := re.search(r"《(?P<v>[^》]{2,12}(?:报|刊))》\s*[(（]?\s*(19|20)\d{2}年", line.norm):
            return line.value(m)
    return None


def find_author(
    header: list[Text],
    footer: list[Text],
    notes: list[Text],
    byline: str | None,
    title_norm: str | None,
) -> str | None:
    """作者:/记者/文/ in the frame, a (记者…) note, a byline under the body, a signed headline."""
    for line in [*header, *notes, *footer]:
        for pattern in _AUTHOR_LABELS:
            if m := pattern.search(line.norm):
                value = _clean_value(line.value(m))
                return _join_names(value) if value else None
    if byline:
        return _clean_value(byline)
    if title_norm and (m := _SIGNED_TITLE.match(title_norm)) and m.group("v")[0] in SURNAMES:
        return m.group("v")
    return None


def find_url(header: list[Text], footer: list[Text], notes: list[Text]) -> str | None:
    """The article's own URL: a labelled link first, else any link with a path."""
    lines = [t.orig for t in [*header, *notes, *footer]]
    for line in lines:
        if (m := _LABELED_URL.search(line)) and (url := _URL.match(m.group("v"))):
            return url.group(0)
    for line in lines:
        for m in _URL.finditer(line):
            if urlparse(_with_scheme(m.group(0))).path.strip("/"):
                return m.group(0)
    return None


def find_site(
    header: list[Text], footer: list[Text], notes: list[Text], url: str | None
) -> str | None:
    """The site's domain: from a ©/copyright line, a link, then a non-webmail e-mail address."""
    lines = [t.norm for t in [*header, *notes, *footer]]
    copyright_lines = [ln for ln in lines if noise_kind(ln) == "copyright"]
    for line in _with_next(copyright_lines, [t.norm for t in footer]):
        if m := _DOMAIN.search(line):
            return _bare(m.group("v"))
    if url:
        return _bare(urlparse(_with_scheme(url)).hostname or "")
    for line in lines:
        if m := _URL.search(line):
            return _bare(urlparse(_with_scheme(m.group(0))).hostname or "")
    for line in lines:
        for m in _EMAIL_DOMAIN.finditer(line):
            if _bare(m.group("v")) not in _WEBMAIL:
                return _bare(m.group("v"))
    return None


def _with_next(selected: list[str], footer: list[str]) -> list[str]:
    """Copyright lines, each joined with the footer line after it (a © year wraps to a domain)."""
    out = []
    for line in selected:
        i = footer.index(line) if line in footer else -1
        out.append(line + " " + footer[i + 1] if 0 <= i < len(footer) - 1 else line)
    return out


def _with_scheme(url: str) -> str:
    return url if "://" in url else "http://" + url


def _bare(host: str) -> str | None:
    host = host.lower().rstrip(".")
    host = host.removeprefix("www.")
    return host or None


def _clean_value(value: str) -> str | None:
    value = value.strip(" \u00a0\u3000:：,，;；")
    return None if not value or normalize(value).lower() in UNKNOWN_VALUES else value


def _join_names(value: str) -> str:
    if value.isascii():  # "John Smith" is one name
        return value
    return "、".join(re.split(r"[ \u3000、,，]+", value))
