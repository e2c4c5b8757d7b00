"""Scopes wider than a sentence: what a paragraph or the whole article says a figure is about.

A figure's subject and period come from the narrowest scope that states them: its clause, its
sentence, its paragraph (carried from earlier sentences), then the article (title, lead,
the report or survey it presents, its date). This module finds the article's answers and
the bodies (platforms, hubs, libraries, apps) a sentence names, which are subjects too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from briefing.extract._text import normalize
from briefing.extract.labels import body_phrase_before
from briefing.extract.lexicon import Lexicon, Mention, cues
from briefing.extract.periods import time_mentions
from briefing.models import Article

_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"  # a report's year: 1950–2049
# The year of a report or survey the article presents: 《…报告(2018)》, 2022数字政府发展指数报告,
# 2014年联合国电子政务调查, the 2020 UN E-Government Survey.
_REPORT_YEAR = (
    # the data year a report states when it is presented: 《…报告(2020)》显示，2019年…
    re.compile(rf"(?:报告|调查|评估|统计|数据)(?:\s*\(\d{{4}}\))?》?(?:结果)?显示\s*[,:]?\s*({_YEAR})\s*年(?!\s*\d)"),
    re.compile(rf"《[^》]{{0,60}}?[(（]\s*({_YEAR})\s*[)）]\s*》"),
    re.compile(
        rf"(?<!\d)({_YEAR})(?!\d)\s*年?度?[^，,。；;！？!?\d]{{0,24}}?"
        r"(?:报告|调查|评估|白皮书|蓝皮书|指数)"
    ),
    re.compile(rf"\b({_YEAR})\s+(?:United Nations\s+|UN\s+)?E-Government", re.IGNORECASE),
    re.compile(rf"(?:Survey|Report|Index)\s+({_YEAR})\b", re.IGNORECASE),
)
_LEAD_PARAGRAPHS = 6  # page furniture (a 时间: line, a heading) can come first
# Bodies a text names: …平台, …枢纽, …库, …热线, …中心, …系统, …大厅, …门户, …App.
_BODY_SUFFIX = re.compile(
    r"(?:平台|枢纽|数据库|证照库|资源库|库|热线|中心|系统|体系|大厅|门户|网站|网页|主页|小程序|客户端|专区|App|APP|app)"
    r"(?![\u4e00-\u9fff]{0,1}(?:化|建设|改革|的建设))"
)
# Governments named by their level are bodies too: 中央政府, 各级政府, 地方政府, 县级政府.
_LEVEL_GOVERNMENT = re.compile(
    r"(?:中央|地方|各级|省级|市级|县级|区县|乡镇|基层)(?:人民)?政府(?![\u4e00-\u9fff]{0,1}(?:化|建设|改革))"
)
# Quoted app and service names: “随申办”, “浙里办”, “粤省事”, “健康码”.
_APP_NAME = re.compile(r"[“\"]([\u4e00-\u9fff]{1,6}(?:办|码|通|事|云|宝|家|号))[”\"]")
# Words that refer to the article's own city or province: deictic ones (全市, 我省) always,
# level words (市级, 省本级) only in an article about that place, since a national report's
# 省本级事项 are every province's.
_OWN_CITY = re.compile(cues().pattern("own_city_words"))  # 全市, 我市
_OWN_PROVINCE = re.compile(cues().pattern("own_province_words"))  # 全省, 我省
_CITY_LEVEL = re.compile(cues().pattern("city_level_words"))  # 市级部门
_PROVINCE_LEVEL = re.compile(cues().pattern("province_level_words"))  # 省本级事项
_NATIONAL_SCOPE = re.compile(cues().pattern("national_scope_words"))  # 全国, 各省: a national text
_PLACE_KINDS = ("country", "province", "city")
# A body after 据/根据 is the source of the figure (据中国互联网络信息中心统计), not its subject.
_SOURCE_BEFORE = re.compile(rf"{cues().pattern('source_cues')}\s*$")
# A body right after a count is what is counted (5000个信息系统), not who the figure is about.
_COUNTED_BEFORE = re.compile(r"[\d一二三四五六七八九十百千万亿多余]\s*[个家类项套座所批]?$")
# ...unless the counted set opens its clause (32个省级平台的注册用户达…, 31个省级平台可以提供…):
# then the clause's figures are about that set of bodies. (摸清了500个信息系统的家底: an object.)
_COUNT_OPENS_CLAUSE = re.compile(
    rf"(?:^|[,，;；:：。])\s*(?:其中|全国|共有|共|有|{cues().pattern('over_words', 'about_words')})?"
    r"\s*[\d.]+\s*[个家类项套座所批]?\s*$"
)


def _counted_set_is_topic(before: str) -> bool:
    """A counted set of bodies that opens its clause is the clause's topic, so a subject."""
    return bool(_COUNT_OPENS_CLAUSE.search(before))


@dataclass(frozen=True, slots=True)
class ArticleScope:
    """What the article as a whole says figures are about and when."""

    report_period: str | None = None  #: the year of the report or survey it presents
    report_issued: str | None = None  #: the year in that report's name: when it came out
    #: where the text first names that report (0: in the title); paragraphs before it are not
    #: the report's (…已连接71个部门。《2022…报告》显示…: the 71 is no 2022 survey figure)
    report_from: int = 0
    pub_period: str | None = None  #: the year of publication
    place: str | None = None  #: the place the article is about (title, else most named)
    city: str | None = None  #: the city it is about (for 全市, 市级)
    province: str | None = None  #: the province it is about (for 全省, 省本级)
    local: bool = True  #: whether level words (市级, 省本级) mean its own city or province
    #: the body sentence (start, end) that names the report and its year: the evidence a brief
    #: cites beside a figure dated by the report (None when only the title names it)
    report_sentence: tuple[int, int] | None = None


def _states_its_day(date: str, lead: list[str]) -> bool:
    """Whether the lead names the day of its own date: 今天(7月27日), 7月27日上午举行发布会."""
    match = re.fullmatch(r"\d{4}-(\d{2})-(\d{2})", date)
    if match is None:
        return False
    day = rf"(?<!\d){int(match.group(1))}\s*月\s*{int(match.group(2))}\s*日"
    return any(re.search(day, text) for text in lead)


def _report_period(
    texts: list[str], patterns: tuple[re.Pattern[str], ...] = _REPORT_YEAR
) -> tuple[str | None, int]:
    """The report year the first of `texts` to name one gives, and that text's index."""
    for index, text in enumerate(texts):
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                return match.group(1), index
    return None, 0


def _places(lex: Lexicon, text: str) -> list[str]:
    return [
        m.canon for m in lex.subject_mentions(text) if lex.subject_kinds.get(m.canon) in _PLACE_KINDS
    ]


def _most_named(names: list[str]) -> str | None:
    if not names:
        return None
    counts = Counter(names)
    best = max(counts.values())
    return next(n for n in names if counts[n] == best)  # ties: the first named


_DOMINANT_SHARE = 0.8  # an article about one place still names a neighbour or two
_DOMINANT_AT_LEAST = 3


def _one_place_dominates(lex: Lexicon, names: list[str], province: str | None) -> bool:
    """Whether nearly all cities and provinces named belong to the article's province."""
    local = [n for n in names if lex.subject_kinds.get(n) in ("city", "province")]
    own = [n for n in local if province in (n, lex.city_province.get(n))]
    return bool(province) and len(own) >= _DOMINANT_AT_LEAST and len(own) >= _DOMINANT_SHARE * len(local)


def _section_start(article: Article, index: int) -> int:
    """Where the section holding paragraph `index` starts: the headings right before it
    announce what it says (一、…排名全国第一 over the paragraph naming the ranking report)."""
    while index > 0 and _is_heading_paragraph(article, index - 1):
        index -= 1
    return article.paragraphs[index].start


def _is_heading_paragraph(article: Article, index: int) -> bool:
    paragraph = article.paragraphs[index]
    return paragraph.is_heading or is_heading(normalize(article.norm[paragraph.start : paragraph.end]))


def article_scope(lex: Lexicon, article: Article) -> ArticleScope:
    """The article's report year, publication year and main place, city and province."""
    title = normalize(article.title or "")
    paragraphs = [normalize(article.norm[p.start : p.end]) for p in article.paragraphs]
    lead = paragraphs[:_LEAD_PARAGRAPHS]
    year = re.match(r"(\d{4})", article.date or "")
    pub_period = year.group(1) if year else None
    if pub_period and _states_its_day(article.date or "", lead):
        pub_period = (article.date or "")[:7]  # 今天(7月27日)…: the text gives the month
    body_places = [name for text in paragraphs for name in _places(lex, text)]
    place = _most_named(_places(lex, title)) or _most_named(body_places)
    cities = [n for n in _places(lex, title) + body_places if lex.subject_kinds.get(n) == "city"]
    city = _most_named(cities)
    provinces = [
        n for n in _places(lex, title) + body_places if lex.subject_kinds.get(n) == "province"
    ]
    province = lex.city_province.get(city or "") or _most_named(provinces)
    # level words are local when the title names the place, the text never looks national,
    # or nearly every place the text names is that place (a city counting as its province)
    local = (
        bool(_places(lex, title))
        or not any(_NATIONAL_SCOPE.search(t) for t in paragraphs)
        or _one_place_dominates(lex, body_places, province)
    )
    report_period, named_in = _report_period([title, *lead])
    return ArticleScope(
        local=local,
        report_period=report_period,
        report_issued=_report_period([title, *lead], _REPORT_YEAR[1:])[0],  # not its data year
        report_from=_section_start(article, named_in - 1) if named_in else 0,
        pub_period=pub_period,
        place=place,
        city=city,
        province=province,
        report_sentence=_report_sentence(article, report_period),
    )


def _report_sentence(article: Article, period: str | None) -> tuple[int, int] | None:
    """The first lead sentence of the body that names the report with `period`'s year."""
    if not period:
        return None
    for paragraph in article.paragraphs[:_LEAD_PARAGRAPHS]:
        for sentence in paragraph.sentences:
            text = normalize(article.norm[sentence.start : sentence.end])
            if period in text and _report_period([text])[0] == period:
                return sentence.start, sentence.end
    return None


def own_place(scope: ArticleScope, text: str, start: int, end: int) -> str | None:
    """The article's city or province when the clause says 全市/市级 or 全省/省本级."""
    if scope.city and (
        _OWN_CITY.search(text, start, end) or (scope.local and _CITY_LEVEL.search(text, start, end))
    ):
        return scope.city
    if scope.province and (
        _OWN_PROVINCE.search(text, start, end)
        or (scope.local and _PROVINCE_LEVEL.search(text, start, end))
    ):
        return scope.province
    return None


def body_mentions(lex: Lexicon, text: str) -> list[Mention]:
    """Platforms, hubs, libraries, hotlines and apps a sentence names, as printed."""
    found: list[Mention] = []
    for m in _BODY_SUFFIX.finditer(text):
        phrase = body_phrase_before(text[: m.end()])
        before = text[: m.end() - len(phrase)]
        counted = (
            _COUNTED_BEFORE.search(before) and not _counted_set_is_topic(before)
        ) or _SOURCE_BEFORE.search(before)
        if len(phrase) >= 3 and phrase != m.group(0) and not counted:
            found.append(Mention(phrase, m.end() - len(phrase), m.end()))
    for m in _APP_NAME.finditer(text):
        found.append(Mention(f"“{m.group(1)}”", m.start(), m.end()))
    for m in _LEVEL_GOVERNMENT.finditer(text):
        # the place before it stays in the name (中国各级政府); the level word is kept
        phrase = body_phrase_before(text[: m.end()])
        if not phrase.endswith(m.group(0)):
            places = [p for p in lex.subject_mentions(text[: m.start()]) if p.end == m.start()]
            phrase = text[places[-1].start : m.end()] if places else m.group(0)
        before = text[: m.end() - len(phrase)]
        if not (_COUNTED_BEFORE.search(before) and not _counted_set_is_topic(before)):
            found.append(Mention(phrase, m.end() - len(phrase), m.end()))
    found.sort(key=lambda m: (m.start, -m.end))
    out: list[Mention] = []
    for mention in found:
        if out and mention.start < out[-1].end:
            if mention.end > out[-1].end:  # 各级政府 + 政府门户网站: one name, 各级政府门户网站
                out[-1] = Mention(text[out[-1].start : mention.end], out[-1].start, mention.end)
            continue  # inside a longer body already taken
        if out and _COORDINATOR.fullmatch(text[out[-1].end : mention.start]):
            # 市民主页和企业专属网页累计访问…: coordinated bodies share the figures
            out[-1] = Mention(text[out[-1].start : mention.end], out[-1].start, mention.end)
            continue
        out.append(mention)
    return out


# What joins coordinated bodies: 市民主页|和|企业专属网页.
_COORDINATOR = re.compile(rf"\s*(?:{cues().pattern('coordinators')}|、)\s*")


def source_names(text: str) -> list[Mention]:
    """Bodies a sentence cites as its source: 据中国互联网络信息中心统计 → that centre.

    A place inside a source's name (中国 in 中国互联网络信息中心) is not who a figure is about.
    """
    out = []
    for m in _BODY_SUFFIX.finditer(text):
        phrase = body_phrase_before(text[: m.end()])
        if len(phrase) >= 3 and _SOURCE_BEFORE.search(text[: m.end() - len(phrase)]):
            out.append(Mention(phrase, m.end() - len(phrase), m.end()))
    return out


# English bodies: "the national integrated online government service platform".
_EN_BODY = re.compile(
    r"\b(?:[Tt]he|an?|[Ii]ts|China's)\s+((?:[A-Za-z][A-Za-z-]*\s+){1,7}?"
    r"(?i:platform|hub|portal|database|app|hotline|system|center|centre))\b"
)
# English population groups by age: "people age 65 and older", "seniors aged 60 or above".
_EN_GROUP = re.compile(
    r"\b((?:(?:senior|older|elderly|rural|urban|Chinese)\s+)?"
    r"(?:people|persons|users|internet users|netizens|residents|adults|citizens|seniors)"
    r"\s+(?:aged?|of)\s+\d+\s+(?:and|or)\s+(?:older|over|above))\b"
)
# "a report from the China Internet Network Information Center": the source, not the subject
_EN_SOURCE_BEFORE = re.compile(r"\b(?:from|by|according to|cited|citing)\s+(?:the\s+)?$", re.IGNORECASE)
# Function words inside an English body phrase: the name starts after the last of them
# (the launch of| the national platform → national platform).
_EN_BODY_STOP = re.compile(r"\b(?:of|and|or|to|for|with|by|in|on|that|which|is|are|has|have)\b")


# The grammatical subject of a share ("The added value of the core industries of digital
# economy is set to account for 10% of GDP"): what the share is of, without its measure word.
_EN_SHARE_OWNER = re.compile(
    r"(?:^|(?<=[.;:]\s))[Tt]he\s+(?:(?:added value|value|share|proportion|number|output|revenue|"
    r"scale|size)\s+of\s+(?:the\s+)?)?(?P<owner>[a-z][\w'’\- ]{3,60}?)\s+"
    r"(?:(?:is|are|was|were|will|would)\s+)?(?:(?:set|expected|projected|likely)\s+to\s+)?"
    r"(?:account(?:s|ed)?\s+for|make(?:s)?\s+up|made\s+up|represent(?:s|ed)?)\b"
)


def english_body_mentions(text: str) -> list[Mention]:
    """Platforms and systems an English sentence names, as printed (without the article)."""
    out = []
    for m in _EN_BODY.finditer(text):
        phrase = m.group(1)
        stops = list(_EN_BODY_STOP.finditer(phrase))
        start = m.start(1) + (stops[-1].end() + 1 if stops else 0)
        name = text[start : m.end(1)].strip()
        if len(name.split()) >= 2 and not _EN_SOURCE_BEFORE.search(text[: m.start(1)]):
            out.append(Mention(name, start, m.end(1)))
    out.extend(Mention(m.group(1), m.start(1), m.end(1)) for m in _EN_GROUP.finditer(text))
    out.extend(
        Mention(m.group("owner"), m.start("owner"), m.end("owner"))
        for m in _EN_SHARE_OWNER.finditer(text)
        if not any(o.start < m.end("owner") and m.start("owner") < o.end for o in out)
    )
    return sorted(out, key=lambda m: m.start)


def is_group(lex: Lexicon, name: str | None) -> bool:
    """Whether a subject names a population group (老年人, 60岁以上人口, people age 65 and older)."""
    return bool(name) and (
        lex.subject_kinds.get(name or "") == "group"
        or bool(_EN_GROUP.fullmatch(name or ""))
        or any(m.end() == len(name or "") for m in AGE_GROUP.finditer(name or ""))
    )


# A population group named by its age, as statistics write it: 60岁以上人口, 60岁及以上老年网民,
# 65周岁以上的老年人, 18-35岁青年. The age bound makes it a group whatever noun follows.
AGE_GROUP = re.compile(
    r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?:周)?岁"
    r"(?:\s*(?:及|或)?\s*(?:以上|以下|以内)|\s*(?:-|—|–|~|至|到)\s*\d{1,3}\s*(?:周)?岁)"
    r"(?:的)?(?:老年|老龄|青年|青少年|儿童|未成年)?"
    r"(?:人口|网民|老年人|老人|人群|群体|居民|用户|人员|人)"
)


def age_groups(text: str) -> list[Mention]:
    """Population groups a sentence names by age (60岁以上人口), as printed."""
    return [Mention(m.group(0), m.start(), m.end()) for m in AGE_GROUP.finditer(text)]


def merge_subjects(places: list[Mention], bodies: list[Mention]) -> list[Mention]:
    """Lexicon subjects and bodies in one list; a place inside a body's name is the body's."""
    kept = [p for p in places if not any(b.start <= p.start and p.end <= b.end for b in bodies)]
    return sorted(kept + bodies, key=lambda m: m.start)


def as_of_period(text: str, pub_year: int | None, pub_month: int | None = None) -> str | None:
    """The period a 截至…/as of… statement sets for the rest of the article, if any."""
    for mention in time_mentions(text, pub_year, pub_month):
        before = text[max(0, mention.start - 8) : mention.start]
        if re.search(r"(?:截至|截止|截止到|到|至|as of|As of)\s*$", before) and not (
            mention.target or mention.baseline or mention.comparison
        ):
            return mention.period
    return None


# A plan, programme or policy document whose own counts (11项工程, 17项重点任务) are about it.
_PLAN_DOCUMENT = re.compile(
    r"《([^《》]{0,40}(?:规划|纲要|方案|计划|意见|战略|行动|指南|办法))》"
)
# What such a document counts: its tasks, projects, measures, targets.
PLAN_ITEMS = re.compile(r"^[项个条大]?\s*(?:具体|重点|重大|主要)?(?:任务|工程|项目|举措|措施|目标|行动)")
_SHORT_NAME = 4  # 《规划》, 《方案》: a short reference to the document named before
_RUBY = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")  # 规(guī)划: pinyin left by a page
_HEADING_MAX = 60


def _plan_documents(text: str) -> list[re.Match[str]]:
    return list(_PLAN_DOCUMENT.finditer(_RUBY.sub("", text)))


def named_document(text: str) -> str | None:
    """The last plan document a text names in full: 《“十四五”国家信息化规划》."""
    full = [m.group(0) for m in _plan_documents(text) if len(m.group(1)) > _SHORT_NAME]
    return full[-1] if full else None


def refers_to_document(text: str) -> bool:
    """Whether a text refers to a document by a short name: 《规划》提出…, 《方案》明确…."""
    return any(len(m.group(1)) <= _SHORT_NAME for m in _plan_documents(text))


def is_heading(text: str) -> bool:
    """A short paragraph without a full stop: a heading whose topic holds until the next one."""
    return len(text) <= _HEADING_MAX and not re.search(r"[。！？!?]\s*$", text.strip())


# An issue date printed with a document: (发布时间2021年12月28日), 印发日期：2022年6月.
_ISSUE_DATE = re.compile(
    rf"^[^《》。]{{0,16}}?(?:发布|印发|公布|出台|颁布)(?:时间|日期|于)?\s*[:：]?\s*({_YEAR})\s*年"
    rf"|^\s*[(（]?\s*(?:于|在)\s*({_YEAR})\s*年[^《》。,，]{{0,8}}?(?:发布|印发|公布|出台|颁布)"
)


def document_year(text: str, document: str) -> str | None:
    """The year a document was issued, printed after its name: its number
    (《…规划》(发改高技〔2021〕1898号)) or its issue date (发布时间2021年12月28日)."""
    plain = _RUBY.sub("", text)
    at = plain.find(document)
    if at < 0:
        return None
    after = plain[at + len(document) :]
    match = re.match(
        r"\s*[(（][^()（）]{0,20}?[〔\[［(（]\s*((?:19|20)\d\d)\s*[〕\]］)）]\s*\d+\s*号", after
    ) or _ISSUE_DATE.match(after)
    return next((g for g in match.groups() if g), None) if match else None
