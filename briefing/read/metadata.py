"""Metadata from a page's frame: title, date, outlet, author, url, site; None when unstated."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from urllib.parse import urlparse

from briefing.models import Article
from briefing.read.clean import Layout, is_meta_line
from briefing.read.dates import MonthDay, month_day, year_for
from briefing.read.headline import OPENING_CHARS, reads_as_headline, without_unrelated_prefix
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
_MDY = re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d{2})(?!\d)")
_DATE_LABEL = re.compile(
    r"(发布时间|发布日期|发表时间|更新时间|时间|日期|Published|Date)" + _C, re.IGNORECASE
)
_YEAR_IN_URL = re.compile(r"/(?P<y>(?:19|20)\d{2})[-/]?(?P<m>\d{2})[-/]?(?P<d>\d{2})?(?=[/_.t])")
# A label opens its line or follows a separator: 凡本网注明“来源:XXX”的作品 is no label.
_OUTLET = re.compile(
    r"(?:^|(?<=[\s|｜•·【\[(（]))(?:文章|本文|信息|新闻|稿件)?"
    r"(?:来源|来自|出处|稿源|转自|转载自|Source)\s*[:：丨|｜]\s*"
    r"(?P<v>.*?)(?=\s{2,}|\u00a0|\s*(?:19|20)\d{2}[-年/.]"
    r"|\s+(?:作者|编辑|记者|责任编辑|点击|浏览|发布)|[|｜丨]|$)",
    re.IGNORECASE,
)
#: 来源 新华社: a label and its value alone on a short line, a space between
_SPACED_OUTLET = re.compile(r"^(?:来源|稿源|出处|转自)\s+(?P<v>[^\s:：]{2,20})$")
#: Zhitongcaijing·12/27/2025, 新华网 | 2024-05-01: an outlet's name stamped with the date
_NAMED_STAMP = re.compile(
    r"^(?P<v>[A-Za-z][A-Za-z&'’.-]{2,30}|[\u4e00-\u9fff]{1,12}(?:网|社|报|台|频道|新闻|财经))"
    r"\s*[·•|｜]\s*(?:\d{1,4}[-/.年]|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))"
)
#: what an outlet's name never holds: sentence punctuation, quotes (a disclaimer's words)
_NOT_A_NAME = re.compile(r"[，,。；;“”\"!?！？]")
_NEWSPAPER = re.compile(r"《?(?P<v>[\u4e00-\u9fff]{2,10}?(?:日报|晚报|时报|周报|商报|报|周刊))》?")
_COPYRIGHT_SOURCE = re.compile(
    r"(?:来源于|来源|转载自|出自)\s*[:：]?\s*《?(?P<v>[\u4e00-\u9fff]{2,10}?报)》?"
)
_AUTHOR_LABELS = (
    re.compile(r"(?:作者|撰文|文)\s*[:：/／]\s*(?P<v>" + _NAMES + r"|未知|佚名|不详)(?![\u4e00-\u9fff·])"),
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
# Who reports, in the lead: 据新华社报道, 据国家发改委官网消息, IT之家了解到, 澎湃新闻从…获悉,
# 新华社北京12月28日电, "according to the Xinhua News Agency", "(People's Daily Online) 10:22".
_LEAD_OUTLETS = (
    re.compile(r"^.{0,30}?据(?P<v>[^,，。:：“”《》]{2,14}?)(?:消息|报道|电)"),
    re.compile(
        r"^(?P<v>[\u4e00-\u9fffA-Za-z]{2,8}?)(?:从[^,，。]{2,20}?)?(?:获悉|了解到|消息称)"
    ),
    re.compile(
        r"^(?P<v>[\u4e00-\u9fff]{1,8}?(?:社|网|台|报))[\u4e00-\u9fff]{0,6}?\d{1,2}月\s*\d{1,2}日\s*电"
    ),
    re.compile(r"\b[Aa]ccording to (?:the )?(?P<v>(?:[A-Z][\w'’.&-]*\s?){1,5}?)(?:,|\s+(?:on|in)\b)"),
    re.compile(r"^[(（](?P<v>[A-Z][\w'’.&-]*(?:\s[A-Z][\w'’.&-]*){0,4})[)）]"),
    # BEIJING, Dec. 28 (Xinhua) --
    re.compile(r"^[A-Z][A-Za-z .'’-]{1,30},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*\((?P<v>[^()]{2,40})\)\s*(?:-{1,2}|–|—)"),
    # 【环球网科技综合报道】: the outlet's own bracketed report line
    re.compile(r"^[【\[](?P<v>[\u4e00-\u9fff]{1,10}?(?:网|社|报|台|频道|新闻))[\u4e00-\u9fff]{0,8}?报道[】\]]"),
    # 人民网传媒频道就此话题专访了…: the outlet that interviews, at a sentence's start
    re.compile(
        r"(?:^|[。！？]\s*)(?P<v>[\u4e00-\u9fff]{1,12}?(?:网|社|报|台|频道|新闻|杂志)[\u4e00-\u9fff]{0,4}?)"
        r"(?:记者)?(?:就[^,，。]{0,10}?)?(?:专访|采访|独家对话)"
    ),
)
# The lead's first words are a reporter only when they are not a person or pronoun.
_NOT_OUTLETS = re.compile(r"^(记者|笔者|我们|小编|本报|本网|本刊|本站|我|有关|相关|业内|专家)")
_EN_COPYRIGHT = re.compile(
    r"(?i:copyright)\s*(?:©|\(c\))?\s*(?:(?:19|20)\d{2}\s*[-–]?\s*)+(?P<v>[A-Z][A-Za-z&' ]{1,40}?)"
    r"\s*(?:\.|,|$|(?i:all rights))"
)


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


def extract_metadata(
    page: Layout, first_paragraph: str = "", paragraphs: tuple[str, ...] = ()
) -> tuple[Metadata, tuple[str, ...]]:
    """Metadata stated in the page's header, footer and inline notes, plus problems found.

    `paragraphs` (the body's texts) let the outlet come from a paragraph that opens with its
    reporter (IT之家了解到…) or a short 转自:… line left inside the body."""
    header = [Text(ln.text, ln.norm) for ln in page.header]
    footer = [Text(ln.text, ln.norm) for ln in page.footer]
    notes = _texts(page.inline_noise)
    title = choose_title(page, first_paragraph, opening(first_paragraph, paragraphs))
    leads = [t.norm for t in notes] + [normalize(first_paragraph)]
    date, problems = find_date(header, footer, leads, normalize("\n".join(paragraphs)))
    meta = Metadata(
        title=title,
        date=date,
        outlet=find_outlet(
            header, footer, notes, _texts([first_paragraph, *paragraphs[:12]]), _credit(page)
        ),
        author=find_author(
            header, footer, notes, page.byline, normalize(title) if title else None
        ),
        url=find_url(header, footer, notes),
        site=None,
    )
    return replace(meta, site=find_site(header, footer, notes, meta.url)), problems


def _credit(page: Layout) -> list[Text]:
    """The lines right under the body, before any copyright notice or link list: where an
    article credits its source (来源 新华社 / 编辑 …)."""
    end = page.body[-1].end if page.body else 0
    below = sorted((ln for ln in page.footer if ln.start >= end), key=lambda ln: ln.start)
    credit = []
    for line in below:
        if noise_kind(line.norm) in ("copyright", "navigation", "promotion", "registration"):
            break
        credit.append(Text(line.text, line.norm))
    return credit


def opening(first_paragraph: str, paragraphs: tuple[str, ...] = ()) -> str:
    """The body's opening: what its headline announces (OPENING_CHARS characters at most)."""
    text = first_paragraph
    for paragraph in paragraphs:
        if len(text) >= OPENING_CHARS:
            break
        if paragraph != first_paragraph:
            text += "\n" + paragraph
    return text[:OPENING_CHARS]


def date_in_text(text: str) -> str | None:
    """An ISO date from free text such as a front-matter or HTML meta value."""
    return _date_in(normalize(text), allow_month=True)


def find_date(
    header: list[Text], footer: list[Text], leads: list[str], text: str = ""
) -> tuple[str | None, tuple[str, ...]]:
    """ISO date: a wire dateline's (the original story's day, its year from the page), else
    the header's, else a labelled footer line's, else a lead that opens with a day and a year
    the page gives (see briefing.read.dates). `text` is the body, for the year."""
    frame = [t.norm for t in header + footer]
    days = [(lead, day) for lead in leads if (day := month_day(lead))]
    wire = next((day for _, day in days if day.wire), None)
    if wire:
        found = _with_year(wire, header + footer, frame, text)
        if found:
            return found, ()
    for line in header:
        found = _date_in(line.norm, allow_month=bool(_DATE_LABEL.search(line.norm)))
        if found:
            return found, ()
    for line in footer:
        if _DATE_LABEL.search(line.norm):
            found = _date_in(line.norm, allow_month=True)
            if found:
                return found, ()
    for _, day in days:
        if not day.wire and (found := _with_year(day, header + footer, frame, text)):
            return found, ()
    if wire:
        return None, (f"dateline gives {wire.month}月{wire.day}日 but no year; date left unknown",)
    return None, ()


def _with_year(day: MonthDay, lines: list[Text], frame: list[str], text: str) -> str | None:
    """`day` as an ISO date with the year the page gives, or None."""
    page_dates = [d for line in lines if (d := _full_date(line.norm))]
    url_years = {int(u.group("y")) for line in frame for u in _YEAR_IN_URL.finditer(line)}
    year = year_for(day, page_dates, url_years, text)
    return _iso(str(year), str(day.month), str(day.day)) if year else None


def _full_date(line: str) -> tuple[int, int, int] | None:
    found = _date_in(line, allow_month=False)
    return tuple(int(x) for x in found.split("-")) if found else None  # type: ignore[return-value]


def _date_in(line: str, allow_month: bool) -> str | None:
    if m := _YMD.search(line):
        return _iso(m.group("y"), m.group("m"), m.group("d"))
    if m := _EN_DATE.search(line):
        return _iso(m.group("y"), str(_EN_MONTHS.index(m.group("mon").lower()) + 1), m.group("d"))
    if (m := _MDY.search(line)) and (max(int(m.group("a")), int(m.group("b"))) > 12):
        # 12/27/2025 or 27/12/2025: read only when one of the two cannot be a month
        month, day = sorted((m.group("a"), m.group("b")), key=int)
        return _iso(m.group("y"), month, day)
    if allow_month and (m := _YM.search(line)):
        return _iso(m.group("y"), m.group("m"), None)
    return None


def _iso(y: str, m: str, d: str | None) -> str | None:
    month, day = int(m), int(d) if d else None
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return f"{y}-{month:02d}" + (f"-{day:02d}" if day else "")


def find_outlet(
    header: list[Text],
    footer: list[Text],
    notes: list[Text],
    leads: Sequence[Text] = (),
    credit: Sequence[Text] = (),
) -> str | None:
    """The reporting outlet, in simplified characters: who the lead says reports (据…报道,
    …获悉, …电, 【…报道】, …专访了) or a 来源: label (the article's own credit line under its
    body, `credit`, before the page header's); else a name stamped with the date, a 本报
    copyright line, an English copyright holder. Never a disclaimer's words.

    A lead outlet the label does not contain wins: a repost's 来源 names the reposting site
    while its lead names the outlet that wrote the story (来源:金羊网, 澎湃新闻从…获悉); a
    label that contains it is the more precise (人民网北京…电, 来源:人民网－人民日报).
    """
    found = _outlet(header, footer, notes, leads, credit)
    if not found or len(found) > 30 or _NOT_A_NAME.search(found):
        return None
    return "".join(normalize(c) if _HAN_CHAR.match(c) else c for c in found)  # 國→国 only


_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")


def _outlet(header: list[Text], footer: list[Text], notes: list[Text], leads: Sequence[Text],
            credit: Sequence[Text]) -> str | None:
    reporter = _reporter(notes, leads, header)
    labelled = _labelled_outlet(
        [*credit, *header, *footer, *(t for t in leads if len(t.norm) <= 30)])
    if reporter and not (labelled and normalize(reporter) in normalize(labelled)):
        return reporter
    if labelled:
        return labelled
    for line in header:
        if m := _NAMED_STAMP.match(line.norm):
            value = _clean_value(line.value(m))
            if value:
                return value
    for line in [*footer, *notes]:
        names_paper = line.norm.startswith("本报") or noise_kind(line.norm) == "copyright"
        if names_paper and (m := _COPYRIGHT_SOURCE.search(line.norm)):
            return line.value(m)
    for line in header:
        if m := re.search(r"《(?P<v>[^》]{2,12}(?:报|刊))》\s*[(（]?\s*(19|20)\d{2}年", line.norm):
            return line.value(m)
    for line in [*header, *footer]:
        if (m := _EN_COPYRIGHT.search(line.norm)) and not _DOMAIN.fullmatch(m.group("v")):
            return line.value(m).strip()
    return None


def _reporter(notes: list[Text], leads: Sequence[Text], header: list[Text]) -> str | None:
    """The outlet an inline note, the first paragraph, a later paragraph's opening words or a
    header line names as reporting."""
    for i, line in enumerate([*notes, *leads, *header]):
        if found := lead_outlet(line, anywhere=i < len(notes) + 1):
            return found
    return None


def _labelled_outlet(lines: list[Text]) -> str | None:
    """The value of the first 来源:/转自:/Source: label outside copyright notices."""
    for line in lines:
        if noise_kind(line.norm) == "copyright":
            continue  # 凡本网注明“来源:XXX”的作品…: a disclaimer names no outlet
        found = [*_OUTLET.finditer(line.norm), *filter(None, [_SPACED_OUTLET.match(line.norm)])]
        for m in found:
            value = _clean_value(line.value(m).strip(" 《》\u00a0"))
            if value and not _URL.match(value):
                return value
    return None


def lead_outlet(line: Text, anywhere: bool = True) -> str | None:
    """The outlet a paragraph names as its reporter, or None. Only the first paragraph (and
    inline notes) may name it after a few words (On 12 January, according to …); a later one
    must open with it (IT之家了解到…)."""
    head = line.norm[:160]
    for pattern in _LEAD_OUTLETS:
        m = pattern.search(head)
        if not m or (not anywhere and m.start("v") > 1):
            continue
        value = _clean_value(line.value(m).strip())
        if not value or _NOT_OUTLETS.match(normalize(value)) or _DOMAIN.fullmatch(value):
            continue
        if value.isascii() and not _EN_OUTLET_WORD.search(value):
            continue  # "according to the China Development Research Foundation" is a source
        return value
    return None


# English outlets name themselves as such: Xinhua News Agency, People's Daily Online, CGTN.
_EN_OUTLET_WORD = re.compile(
    r"\b(News|Agency|Daily|Times|Online|Post|Press|Journal|Herald|Tribune|Network|TV|Radio|"
    r"Television|Gazette|Media|Magazine|Weekly|Xinhua|CGTN|CCTV|CRI|Reuters|AP|AFP|BBC)\b"
)


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
    for line in header:
        if names := header_names(line.norm):
            return "、".join(names)
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


# --------------------------------------------------------------------------- names and titles

_NAME_TOKEN = re.compile(r"[\u4e00-\u9fff·]+")


def header_names(line: str) -> list[str] | None:
    """The names on a header line that is only a byline: 文言; 叶 子 朱倩倩 (a two-character
    name padded with a space to the width of three); None when the line is anything else."""
    if len(line) > 20:
        return None
    tokens = line.split()
    if not tokens or not all(_NAME_TOKEN.fullmatch(t) for t in tokens):
        return None
    names: list[str] = []
    i = 0
    while i < len(tokens):
        if len(tokens[i]) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            names.append(tokens[i] + tokens[i + 1])  # 叶 子 → 叶子
            i += 2
        else:
            names.append(tokens[i])
            i += 1
    if all(2 <= len(n) <= 3 and n[0] in SURNAMES for n in names):
        return names
    return None


# A photo caption or credit: …供图, …摄, 图为…, (资料图片), 截图自…, Photo/…
_CAPTION = re.compile(
    r"(供图|摄|图片来源\S*|资料图片?|截图自\S*|[(（]图[)）])$|^(图为|图片|图:|Photo\b)|\(Photo[/:]"
)
# A quote (stock ticker) or a line of numbers: 上证指数 3210.55 +0.52%
_TICKER = re.compile(r"[+\-−]\s?\d+(\.\d+)?%|\b\d{6}\b|(\d+\.\d+\s+){2,}")
# A site or section name: …网, …频道, …Online, or words separated like a menu.
_SITE_NAME = re.compile(
    r"^[\u4e00-\u9fffA-Za-z]{1,8}(网|网站|频道|在线|官网|门户|资讯|文库|论坛|社区|平台|之家)$|"
    r"^[\w\s'’.&-]{1,30}\b(?i:online|news|daily|times|network|net|com|cn)$"
)
_LOGIN = re.compile(r"登录|注册|账号|密码|^[•·●▪■◆>›»]|>>$|<<$")
_TITLE_SUFFIX = re.compile(r"\s*(?:[|｜_]|\s[-–—]\s)\s*(?P<site>[^|｜_]{1,12})$")
_FOOTNOTE_MARK = re.compile(r"[*＊†‡①②③]+$")


def is_title_like(text: str) -> bool:
    """Whether a header line can be the article's title: not navigation, a site or section
    name, a login widget, a stock ticker, a photo caption, a date line or a sentence."""
    norm = normalize(text).strip()
    if not 4 <= len(norm) <= 100 or noise_kind(norm) is not None or is_meta_line(norm):
        return False
    if norm.startswith(("—", "-", "–", "(", "（")):
        return False  # a subtitle (——以浙江湖州为例) or a note
    if "。" in norm or _CAPTION.search(norm) or _TICKER.search(norm) or _LOGIN.search(norm):
        return False
    if _SITE_NAME.match(norm):
        return False
    latin = re.sub(r"[^A-Za-z ]", "", norm).split()
    if norm.isascii() and (len(latin) < 3 or not any(w.islower() for w in latin)):
        return False  # SITEMAP, HomeOpinionsBusiness…, Apple News Facebook Twitter
    return True


def tidy_title(text: str) -> str:
    """The title without a site suffix (…|讯息, … - 人民网), a footnote mark, and with the
    opening quote a copy lost (十四五”规划 → “十四五”规划)."""
    text = text.strip()
    if (m := _TITLE_SUFFIX.search(text)) and len(text) - len(m.group(0)) >= 8:
        text = text[: m.start()]
    text = _FOOTNOTE_MARK.sub("", text).strip()
    if text.count("”") > text.count("“"):
        text = "“" + text
    return text


def choose_title(page: Layout, first_paragraph: str = "", opening: str = "") -> str | None:
    """The article's own title among the lines above the body, or None.

    A line can be the title when it is shaped like one (is_title_like) and reads as the
    headline of `opening`, the body's first paragraphs (headline.reads_as_headline; without
    an opening, as for a page frame, the shape alone decides). Two or three such lines right
    above the body are one headline set in several lines (引题 and 主题), joined by a space.
    Else the one right above a date or source line (headline, then dateline) wins, else the
    first; a shorter candidate it contains (the same headline without a site name or a 范文
    suffix) is preferred to it. With no candidate, a lead that names its title (…讲解标题X。)
    gives it.
    """
    body_start = page.body[0].start if page.body else float("inf")
    lines = sorted([ln for ln in [*([page.title] if page.title else []), *page.header]
                    if ln.start < body_start], key=lambda ln: ln.start)
    fits = [is_title_like(ln.text) and (not opening or reads_as_headline(ln.text, opening))
            for ln in lines]
    run = next((i for i, fit in enumerate(reversed(fits)) if not fit), len(fits))
    if 2 <= run <= MAX_TITLE_LINES and sum(len(ln.text) for ln in lines[-run:]) <= MAX_TITLE:
        return _finished(" ".join(ln.text.strip() for ln in lines[-run:]), opening)
    candidates = [i for i, fit in enumerate(fits) if fit]
    if not candidates:
        named = _named_title(first_paragraph)
        return named if named and (not opening or reads_as_headline(named, opening)) else None
    above_meta = [i for i in candidates if i + 1 < len(lines) and is_meta_line(lines[i + 1].norm)]
    best = lines[(above_meta or candidates)[0]].text
    inside = [
        lines[i].text
        for i in candidates
        if len(lines[i].text) >= 6 and lines[i].text != best and _bare_title(lines[i].text) in _bare_title(best)
    ]
    return _finished(min(inside, key=len) if inside else best, opening)


MAX_TITLE_LINES = 3  #: a headline set in more lines than this is a list, not a headline
MAX_TITLE = 100  #: characters of a title


def _finished(title: str, opening: str) -> str:
    """The chosen line tidied, without a column name the article never mentions."""
    return without_unrelated_prefix(tidy_title(title), opening) if opening else tidy_title(title)


def checked_title(title: str | None, opening: str) -> str | None:
    """A title from elsewhere (the page frame, the HTML head): tidied, and kept only when it
    reads as the headline of the body's `opening`."""
    if not title:
        return None
    title = _finished(title, opening)
    return title if reads_as_headline(title, opening) else None


def _bare_title(text: str) -> str:
    return re.sub(r"[\W_]+", "", normalize(text))


# 标题为…, 讲解标题X: the lead names its title; a quoted word (“标题党”) is no label
_NAMED_TITLE = re.compile(r"(?<![“\"「‘])标题(?:为|是)?[:：]?\s*《?(?P<v>[^。《》]{6,60}?)》?。")


def _named_title(lead: str) -> str | None:
    m = _NAMED_TITLE.search(normalize(lead)[:200])
    return tidy_title(lead[m.start("v") : m.end("v")]) if m else None


OPENING_WORDS = 24


def source_label(article: Article) -> str:
    """How a chart or list names an article in a few words: its title, else its opening
    words (never the file name, which means nothing to a reader)."""
    return article.title or opening_words(article) or article.outlet or article.date or "—"


def opening_words(article: Article) -> str:
    """The first OPENING_WORDS characters of the article's first paragraph (… when cut)."""
    lead = next((p.text for p in article.paragraphs if not p.is_heading), None)
    lead = lead or (article.paragraphs[0].text if article.paragraphs else "")
    words = " ".join(lead.split())
    return words if len(words) <= OPENING_WORDS else words[:OPENING_WORDS].rstrip(" ，,、；;：:") + "…"
