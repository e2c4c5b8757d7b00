"""Figure extraction: numbers an article states, with unit, period, subject and metric."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from briefing.extract.bounds import readable
from briefing.extract.candidates import Candidate, clause_starts, find_candidates
from briefing.extract.english import find_english_candidates, is_latin, qualify_owner
from briefing.extract.figure_metrics import (
    index_metric,
    names_change,
    plain_metric,
    share_of_amount,
    text_label,
    unit_for_scaled,
)
from briefing.extract.figure_subjects import (
    chained_object,
    frame_subject,
    frames,
    group_of_place,
    last_place,
    names_subject,
    object_count_subject,
    owner_count_subject,
    place_of_set,
    rate_bases,
    respectively,
    share_holder,
    strip_subject,
    subject_hint,
    subject_of,
)
from briefing.extract._text import normalize
from briefing.extract.labels import _posseg, label_after
from briefing.extract.lexicon import Lexicon, Mention, cues, lexicon
from briefing.extract.periods import PRESENT_CUES, carried_period, own_period, time_mentions
from briefing.extract.grades import TARGET_PERIOD_RULE, graded
from briefing.extract.salience import mark_key_figures
from briefing.extract.scopes import (
    ArticleScope,
    age_groups,
    article_scope,
    as_of_period,
    body_mentions,
    PLAN_ITEMS,
    english_body_mentions,
    merge_subjects,
    document_year,
    is_group,
    is_heading,
    named_document,
    refers_to_document,
    own_place,
    source_names,
)
from briefing.extract.sentence_context import (
    COUNTED_UNITS,
    SentenceContext,
    clause_bounds,
    fold_width,
)
from briefing.models import Article, Figure, Paragraph, Sentence, SourceRef

# What a subject or period finding is: the value, the scope that stated it, the rule's id.
Found = tuple[str | None, str | None, str]

# An index word in a sentence: its 0.x values are index values (电子政务发展指数为0.8119).
_INDEX_WORD = re.compile(r"指数|index", re.IGNORECASE)
_SURVEY_UNITS = ("index", "rank", "rank_change")


# A sentence that opens with a pronoun for a body: It/该平台/其… goes on about the last one named.
_PRONOUN_OPENING = re.compile(r"^\s*(?:(?:It|Its|They|Their|This platform|The platform)\b|该平台|该系统|其)")


def _inside_any(mention: Mention, spans: list[Mention]) -> bool:
    """A metric word inside a body's name (数据共享交换平台) names the body, not a metric."""
    return any(s.start <= mention.start and mention.end <= s.end for s in spans)


def _pub_year(article: Article) -> int | None:
    match = re.match(r"(\d{4})", article.date or "")
    return int(match.group(1)) if match else None


def _pub_month(article: Article) -> int | None:
    match = re.match(r"\d{4}-(\d{2})", article.date or "")
    return int(match.group(1)) if match else None


# The writer reporting what they saw or did (笔者登录…, 记者走访…, 记者从…获悉): the time of
# writing, not the date of data quoted earlier.
_WRITER_OBSERVES = re.compile(
    r"(?:笔者|记者|编者|小编)[^,，;；。]{0,12}?"
    r"(?:登录|登陆|打开|进入|点开|走访|探访|体验|试用|看到|注意到|发现|了解到|获悉|查询|搜索|浏览|查阅)"
)


def _said_of_now(ctx: SentenceContext, bounds: tuple[int, int]) -> bool:
    """A present-tense clause without a year of its own: 目前… in it, or opening the sentence,
    or the writer's own observation (笔者登录…)."""
    if any(bounds[0] <= m.start < bounds[1] for m in ctx.times):
        return False
    if PRESENT_CUES.search(ctx.text, *bounds):
        return True
    earlier_years = any(m.start < bounds[0] for m in ctx.times)
    if earlier_years:
        return False
    return bool(PRESENT_CUES.search(ctx.text, 0, bounds[0]) or _WRITER_OBSERVES.search(ctx.text))


def _present(ctx: SentenceContext) -> str | None:
    """The article's own time: its date; undated, the year the report it presents came out
    (《…报告(2018)》: written no earlier than that), else that report's year."""
    article = ctx.article
    if article.pub_period or ctx.pub_year:
        return article.pub_period or str(ctx.pub_year)
    report_period, report_issued = ctx.report()
    return report_issued or report_period


def _period(ctx: SentenceContext, cand: Candidate) -> Found:
    """The figure's period, the scope that stated it (clause, sentence, paragraph, article) and
    the id of the rule that found it.

    Its own clause's or sentence's year; a present-tense clause's publication year; the
    paragraph's carried year; an earlier 截至… of the article; the report or survey year
    the article presents; its publication year.
    """
    if cand.unit == "years":
        return None, None, ""  # a duration describes no single year
    bounds = clause_bounds(ctx, cand.start)
    present = _present(ctx)
    if present and _said_of_now(ctx, bounds):
        # 2019年上线以来，目前用户超过5亿: now, not 2019
        dated = bool(ctx.article.pub_period or ctx.pub_year)
        return present, "article", "period.said_of_now" if dated else "period.report"
    span = _year_range(ctx.text[: cand.start])
    is_from = cand.from_value or bool(re.search(r"(?:从|由)\s*$", ctx.text[: cand.start]))
    if span and is_from:
        return span[0], "sentence", "period.range_start"  # 2012年—2021年，规模从11万亿元增长到45.5万亿元
    if span:
        return span[1], "sentence", "period.range_end"
    # "43rd in 2022, up two places from 45th in 2020": a change belongs to the year before it
    latin_order = ctx.latin and cand.unit != "rank_change"
    if _total_after_relative(ctx, cand.start):
        # 今年新增…，累计…超5401万: a running total is not of an earlier clause's "this year"
        return _wider_period(ctx, cand.unit)
    period = own_period(
        ctx.times, cand.start, bounds, latin=latin_order, from_value=is_from, text=ctx.text
    )
    if period:
        in_clause = any(bounds[0] <= m.start < bounds[1] and m.period == period for m in ctx.times)
        rule = TARGET_PERIOD_RULE if _is_target(ctx, period, cand.start) else "period.own_time"
        return period, "clause" if in_clause else "sentence", rule
    if is_from:
        return None, None, ""  # 从39家增加到72家: the stated time is the "to" value's, not the "from"'s
    return _wider_period(ctx, cand.unit)


def _is_target(ctx: SentenceContext, period: str, pos: int) -> bool:
    """Whether the time mention that dates a figure is a target or forecast (到2025年…,
    by 2050, a year after the article's own): the figure is what a plan or forecast expects,
    not what was counted."""
    same = [m for m in ctx.times if m.period == period]
    before = [m for m in same if m.start < pos]
    mention = before[-1] if before else (same[0] if same else None)
    return bool(mention and mention.target)


# A running total: 累计…超5401万 counts since the start, not this year only.
_CUMULATIVE = re.compile(r"累计|总计|累积|cumulative|accumulated", re.IGNORECASE)
# A year range: 2012年—2021年, 2015-2020 (a figure after it is of its last year).
_RANGE = re.compile(r"((?:19|20)\d\d)\s*年?\s*(?:—|–|-|~|至|到)+\s*((?:19|20)\d\d)\s*年?")


def _total_after_relative(ctx: SentenceContext, pos: int) -> bool:
    """Whether a 累计 stands between the sentence's last 今年/本年度 and the figure."""
    before = [m for m in ctx.times if m.end <= pos]
    if not before or ctx.text[before[-1].start : before[-1].end] not in ("今年", "本年度"):
        return False
    return bool(_CUMULATIVE.search(ctx.text, before[-1].end, pos))


def _year_range(before: str) -> tuple[str, str] | None:
    """The last year range a sentence states before a figure: 2012年—2021年 → (2012, 2021)."""
    found = list(_RANGE.finditer(before))
    if not found or int(found[-1].group(1)) >= int(found[-1].group(2)):
        return None
    if re.search(r"(?:19|20)\d\d", before[found[-1].end() :]):
        return None  # a later year is the figure's own
    return found[-1].group(1), found[-1].group(2)


# A sentence that cites the report or survey the article presents: its figures are of the
# report's time (报告显示，…; 《报告》指出; According to the survey, …).
_CITES_REPORT = re.compile(
    r"(?:报告|调查|评估|《[^》]{0,30}》)(?:结果)?\s*(?:显示|指出|表明|发现|称)|数据显示|据(?:报告|调查)"
    r"|\b(?:the|this)\s+(?:report|survey)\b|\baccording to the\b[^,]{0,60}\b(?:report|survey)\b",
    re.IGNORECASE,
)
# "During this period", 在此期间: the clause is about a span named before, which has no month.
_SPAN_REFERENCE = re.compile(
    r"\b(?:during|in|over|throughout) (?:this|that|the same) period\b|在此期间|此期间|这一期间|这段时间",
    re.IGNORECASE,
)


def _wider_period(ctx: SentenceContext, unit: str | None = None) -> Found:
    """The period of the paragraph, else of the article (截至…, its date, its report).

    A rank or index value without a time of its own is the assessment's: the report the
    article presents dates it before the day the news was published.
    """
    if ctx.carried_period:
        return ctx.carried_period, "paragraph", "period.paragraph"
    article = ctx.article
    dated_news = bool(article.pub_period and len(article.pub_period) > 4)  # 今天(7月27日)…
    report_period = ctx.report()[0]
    survey = unit in _SURVEY_UNITS and report_period
    fallback = ctx.as_of or (
        article.pub_period if dated_news and not survey else report_period or article.pub_period
    )
    if fallback and _SPAN_REFERENCE.search(ctx.text):
        fallback = fallback[:4]  # a span reaching up to an as-of month is that month's year
    if not fallback:
        return None, None, ""
    if fallback == ctx.as_of:
        return fallback, "article", "period.as_of"
    if fallback in (report_period, report_period and report_period[:4]):
        if _CITES_REPORT.search(ctx.text) and ctx.article.report_sentence:
            return fallback, "sentence", "period.cited_report"  # 报告显示，…: the report's time
        return fallback, "article", "period.report"
    return fallback, "article", "period.publication"


# A qualifier before a count: 约|500万, 超过|30个 (cues.yaml).
_ROUGHLY = cues().pattern("over_words", "about_words")
# A count that opens its clause is about what it counts when that is a set of bodies or
# places: "31个省级政府被划分为…", "在333个城市中…", "40余个国务院部门建成…"; so is a count
# after a verb of membership (这一类包括6个省级政府) or right after the place it is counted in
# (对我国31个省级和333个城市进行评估, 在全国32个重点城市中): that place is only its scope.
_CLAUSE_OPENING = re.compile(
    rf"^\s*(?:(?:在|其中|全国|我国|共有|共|有|{_ROUGHLY})\s*)*$"
    rf"|(?:包括|包含|涵盖|分为|划分为)\s*{_ROUGHLY}?\s*$"
    rf"|(?:全国|我国|全省|全市)\s*{_ROUGHLY}?\s*$"
)
# The next of coordinated counts takes the first one's standing: 31个省级和333个城市,
# 全国31个省和兵团、40余个国务院部门建成… (but 覆盖31个省和46个部门: objects of 覆盖).
_COORDINATED_COUNT = re.compile(
    r"(?<![\d.])[\d.]+\s*(?:多|余)?\s*个[^,，;；:：。]{1,20}?"
    rf"(?:{cues().pattern('coordinators')}|、)\s*{_ROUGHLY}?\s*$"
)


def _opens_clause(opening: str) -> bool:
    """Whether a count after `opening` (its clause's text before it) opens the clause."""
    chained = _COORDINATED_COUNT.search(opening)
    if chained:
        return _opens_clause(opening[: chained.start()])
    return bool(_CLAUSE_OPENING.search(opening))


# The head of a set of bodies or places that a count counts: 31个省级|政府, 193个|成员国.
_ENTITY_SET = re.compile(
    r"(?:政府|城市|部门|省份|省|市|县|区|村|乡镇|平台|网站|机构|单位|国家|成员国|会员国|地区|委|局|厅"
    r"|省级|市级|县级)$"
)


def _entity_set(phrase: str) -> str | None:
    """The set of bodies or places a counted phrase names: 成员国处于 → 成员国."""
    words = [t.word for t in _posseg().cut(phrase)]
    for end in range(len(words), 0, -1):
        head = "".join(words[:end])
        if _ENTITY_SET.search(head):
            return head
    return None


# A count of N个 opening a clause: ,其中|126个成员国….
_OPENING_COUNT = re.compile(r"(?:^|[,，;；:：])\s*(?:其中|另有|有)?\s*(\d+)\s*(?:多|余)?\s*个")


def counted_sets(lex: Lexicon, text: str) -> list[Mention]:
    """Sets of bodies or places counted at the opening of a clause, as subjects of the sentence.

    "126个成员国处于高级别，比上次增加15个，占比65%": the later clauses go on about the set.
    """
    out = []
    for m in _OPENING_COUNT.finditer(text):
        name = _entity_set(label_after(text[m.end() :]))
        if name and not lex.subject_mentions(name):
            out.append(Mention(name, m.end(), m.end() + len(name)))
    return out


def _counted_topic(ctx: SentenceContext, cand: Candidate, hint: str) -> str | None:
    """The set of bodies or places a count opening its clause counts, if that is what it is."""
    if ctx.latin or cand.unit not in COUNTED_UNITS:
        return None
    start = clause_bounds(ctx, cand.start)[0]
    opening = ctx.text[start : cand.start]
    bare = re.sub(r"[(（][^)）]*[)）]$", "", hint)  # 省(区、市) is a set of provinces
    if not _opens_clause(opening):
        return None
    # what follows the count is what it counts; the label is a fallback
    hint = _entity_set(label_after(ctx.text[cand.end :])) or _entity_set(bare) or ""
    if not hint:
        return None
    hint += _kinds_after(ctx.text, cand.end, hint)
    return f"全国{hint}" if "全国" in opening and not hint.startswith("全国") else hint


# The kinds a set's name lists in brackets: 省(区、市), 市(州), 县(市、区).
_KIND = r"[\u4e00-\u9fff]{0,2}[区市州县盟旗省镇乡村]"
# The bracketed list of kinds itself: (区、市), (州).
_KINDS = re.compile(rf"\s*[(（]{_KIND}(?:、{_KIND})*[)）]")


def _kinds_after(text: str, end: int, name: str) -> str:
    """The bracketed kinds printed right after a counted set's name: 31个省(区、市) → (区、市)."""
    at = text.find(name, end, end + len(name) + 2)
    match = _KINDS.match(text, at + len(name)) if at >= 0 else None
    return match.group(0).strip() if match else ""


def _subject(
    lex: Lexicon, ctx: SentenceContext, anchor: int, hint: str, cand: Candidate | None = None
) -> Found:
    """The figure's subject, the scope that named it and the rule that found it."""
    subject, scope, rule = _subject_words(lex, ctx, anchor, hint, cand)
    place = place_of_set(lex, ctx, anchor, subject)
    if place != subject:
        in_sentence = any(m.canon == place for m in ctx.subjects)
        return place, "sentence" if in_sentence else "paragraph", "subject.place_of_set"
    return group_of_place(lex, ctx, subject, anchor), scope, rule


def _subject_words(
    lex: Lexicon, ctx: SentenceContext, anchor: int, hint: str, cand: Candidate | None = None
) -> Found:
    """The subject the sentence's words give (a class noun such as 国家 included)."""
    bounds = clause_bounds(ctx, anchor)
    named = _value_of_name(lex, ctx, cand) if cand is not None else None
    if named:
        return named, "clause", "subject.value_after_name"
    framed = frame_subject(lex, ctx, cand) if cand is not None else None
    if framed:
        rule = "subject.field_size" if _counts_the_field(lex, ctx, cand) else "subject.frame"
        return framed, "clause", rule
    ranked_in = _field_of_rank(ctx, cand) if cand is not None else None
    if ranked_in:
        return ranked_in, "clause", "subject.field_size"
    field = _english_field(ctx, cand) if cand is not None else None
    if field:
        return field, "clause", "subject.field_size"
    owner = owner_count_subject(ctx, cand) if cand is not None else None
    if owner:
        return owner, "clause", "subject.owner_of_count"
    counted = _counted_topic(ctx, cand, hint) if cand is not None else None
    if counted and not lex.subject_mentions(hint):
        return counted, "clause", "subject.counted_set"
    shared = _share_of_noun(lex, ctx, cand) if cand is not None else None
    if shared:
        return shared, "clause", "subject.share_of_noun"
    if cand is not None and _document_counts(ctx, cand, hint, bounds):
        return ctx.document, "paragraph", "subject.plan_document"
    rate_base = _rate_base(ctx, anchor, bounds) if cand is not None and cand.unit == "percent" else None
    if rate_base:
        return rate_base, "clause", "subject.rate_base"
    counted_object = (
        object_count_subject(ctx, cand, _entity_set)
        if cand is not None and not lex.subject_mentions(hint)
        else None
    )
    if counted_object:
        return counted_object, "clause", "subject.counted_object"
    if cand is not None and (held := share_holder(lex, ctx, cand)):
        return _qualified(lex, ctx, held, "clause", "subject.share_holder")
    if cand is not None and (held := chained_object(lex, ctx, anchor)):
        return _qualified(lex, ctx, held, "clause", "subject.topic_chain")
    subject, rule = subject_of(lex, ctx, anchor, hint)
    # 全市…, 市级部门…: the article's own city, unless the sentence names a city or body itself
    own = own_place(ctx.article, ctx.text, 0, anchor)
    if own and lex.subject_kinds.get(subject or "", "body") in ("country", "province", "body"):
        if subject is None or lex.subject_kinds.get(subject) or not _named_before(
            ctx, subject, bounds[0], anchor
        ):
            return own, "sentence", "subject.deictic_place"  # 全市/本市/市级: the article's city
    if subject is None:
        place = ctx.article.place
        return (place, "article", "subject.article_place") if place else (None, None, "")
    subject, from_article = _qualified_body(lex, ctx, subject)
    if from_article:
        rule = "subject.body_of_article_place"  # the place came from the article, not the text
    in_sentence = [m for m in ctx.subjects if subject.endswith(m.canon)]
    if not in_sentence:
        return subject, "paragraph", rule
    in_clause = any(bounds[0] <= m.start < bounds[1] for m in in_sentence)
    if in_clause and _HOLDER_AFTER_NAME.match(ctx.text, in_sentence[-1].end, anchor):
        return subject, "chain", rule  # 我国市值排名前100的互联网企业总研发投入: the firms'
    if in_clause:
        return subject, "clause", rule
    if _new_topic_since(lex, ctx, in_sentence[-1].end, anchor):
        return subject, "chain", rule  # a clause between opens a topic of its own
    return subject, "sentence", rule


# A place then "…的" and a holder's head before the figure: the holder's figure, not the
# place's (我国市值排名前100的互联网企业总研发投入达3384亿元).
_HOLDER_AFTER_NAME = re.compile(r"[^,，;；:：。]{0,16}的[^,，;；:：。的]{0,8}?(?:企业|机构|行业|产业|部门|单位|平台)")
# A name of users (网民, 用户, internet users): no holder of a population's rate.
_USERS = re.compile(r"网民|用户|users|netizens", re.IGNORECASE)
# A clause comparing with a named thing (比线下排队办理平均节省…), not with a time (比2018年).
_COMPARED_WITH = re.compile(r"\s*(?:比|较|相比)\s*(?![\d〇零一二三四五六七八九十]|上年|去年|同期)"
                            r"[\u4e00-\u9fff]{2,}")
# Heads of noun phrases that hold figures of their own: an industry, a sector, an area, a body
# (数字经济核心产业发明专利授权量, 农村地区互联网普及率, 电子社保卡持卡人数).
_HOLDER_WORD = re.compile(r"产业|行业|企业|机构|部门|单位|地区|平台|系统|网站|中心|枢纽|社保卡|数据库|人口库")


def _new_topic_since(lex: Lexicon, ctx: SentenceContext, since: int, anchor: int) -> bool:
    """Whether a clause after the subject's, up to the figure's, opens with a noun phrase of
    its own that is no metric: 我国…，数字经济核心产业发明专利授权量33.5万件，同比增长17.5% —
    both figures are the industry's, not 我国's."""
    starts = [s for s in ctx.clauses if since < s <= anchor]
    for start in starts:
        end = clause_bounds(ctx, start)[1]
        if any(start <= m.start < end for m in ctx.subjects):
            continue  # the clause names a subject itself
        if _COMPARED_WITH.match(ctx.text, start):
            return True  # 比线下排队办理节省25%: what saves is the clause before's act
        opening = label_after(ctx.text[start : min(end, anchor)])
        if _HOLDER_WORD.search(opening) and not lex.metric_mentions(opening):
            return True
    return False


# A share written as "N%的X" is a share of the Xs: 92.5%的省级行政许可事项实现网上受理.
_SHARE_OF_NOUN = re.compile(r"\s*(?:以上|以下|左右|多)?\s*的\s*")
# What may stand between a name and a share of it: 联合国66%的成员国, 全国约90%的….
_HOLDER_GAP = re.compile(r"\s*(?:的|有|约|近|超过|逾|已有|共有)?\s*")
# Words that make a noun phrase a rate or level, which a percentage restates.
_RATE_WORD = re.compile(r"(?:率|比例|比重|占比|水平|指数|增速|增幅)$")


# "68.91 per cent of Member States", "92.5% of provincial … matters": a share of what follows.
_EN_SHARE_OF = re.compile(
    r"\s+of\s+(?:the\s+|all\s+)?(?P<np>(?:[A-Za-z][\w-]*\s+){0,5}?"
    r"(?:[A-Za-z][\w-]*(?:s|ies|es)|people|population))\b(?!\s+of\b)"
)


def _english_share_of(ctx: SentenceContext, cand: Candidate) -> str | None:
    """The plural noun phrase an English percentage is a share of (… per cent of Member
    States → Member States); None for a share of a total named by a rate word."""
    if not ctx.latin or cand.unit != "percent":
        return None
    m = _EN_SHARE_OF.match(ctx.text, cand.end)
    if m is None or re.search(r"\b(?:total|rate|share|GDP)\b", m.group("np"), re.IGNORECASE):
        return None
    return m.group("np")


def _share_of_noun(lex: Lexicon, ctx: SentenceContext, cand: Candidate) -> str | None:
    """The noun phrase a percentage modifies (N%的X → X, N per cent of Xs → Xs), as the lexicon
    names it."""
    if ctx.latin:
        return _english_share_of(ctx, cand)
    of = _SHARE_OF_NOUN.match(ctx.text, cand.end) if cand.unit == "percent" else None
    if of is None:
        return None
    if any(_HOLDER_GAP.fullmatch(ctx.text, m.end, cand.start) for m in ctx.subjects):
        return None  # 联合国66%的成员国: the share is the name's right before it
    named = next((m for m in ctx.subjects if m.start == of.end()), None)
    if named is not None:
        return named.canon  # 80%的中国各级政府
    phrase = label_after(ctx.text[of.end() :])
    if len(phrase) < 3 or _RATE_WORD.search(phrase) or lex.metric_mentions(phrase):
        return None  # 82%的事项 points back; 78.6%的互联网普及率 restates a rate
    return phrase


# What may stand between a name and its own value: 欧洲（0.7727）, 高于全球平均水平0.61,
# "the global average value of 0.6102".
_NAME_VALUE_GAP = re.compile(
    r"\s*(?:的)?(?:平均)?(?:水平|值|得分|指数)?\s*(?:为|是|达|约)?\s*[(（]?\s*"
    r"|\s+(?:average\s+)?(?:value|level|score|index)?\s*(?:of|at|is|was|:)?\s*\(?\s*",
    re.IGNORECASE,
)
# …and what must come right before the name for that, when no bracket holds the value: a
# comparison (高于全球平均水平0.61, than the global average value of 0.6102).
_NAMES_ITS_VALUE = re.compile(r"(?:高于|低于|超过|超出|相比|\bthan(?:\s+the)?)\s*$", re.IGNORECASE)


def _value_of_name(lex: Lexicon, ctx: SentenceContext, cand: Candidate) -> str | None:
    """A value right after a name it is compared with or in brackets after a name is that
    name's: 欧洲（0.7727）继续领先, 高于全球平均水平0.61, higher than the global average value of
    0.6102 (the sentence's subject owns the other value)."""
    for m in lex.subject_mentions(ctx.text[: cand.start]):
        gap = _NAME_VALUE_GAP.fullmatch(ctx.text, m.end, cand.start)
        if gap is None:
            continue
        bracket = "(" in gap.group(0) or "（" in gap.group(0)
        before = ctx.text[max(0, m.start - 14) : m.start]
        if bracket or _NAMES_ITS_VALUE.search(before):
            return m.canon
    return None


# A count that sizes the field of a rank after it: 位列193个成员国的第43位, 在31个省份中排第3.
_FIELD_OF_RANK = re.compile(r"\s*(?:多|余)?\s*(?P<set>[\u4e00-\u9fff]{1,8}?)(?:的|中)\s*(?:排名|排|位列|居)?\s*第")


def _field_of_rank(ctx: SentenceContext, cand: Candidate) -> str | None:
    """The set a count sizes when a rank within it follows (193个成员国的第43位 → 成员国): a
    count of the field, never the ranked one's figure."""
    if ctx.latin or cand.unit not in COUNTED_UNITS:
        return None
    m = _FIELD_OF_RANK.match(ctx.text, cand.end)
    return m.group("set") if m and _noun_phrase_only(m.group("set")) else None


def _noun_phrase_only(words: str) -> bool:
    return label_after(words) == words


def _counts_the_field(lex: Lexicon, ctx: SentenceContext, cand: Candidate) -> bool:
    """Whether the figure is the size of a framed set itself (在193个会员国中 → 193)."""
    return any(cand.start == f.count_start for f in frames(lex, ctx))


# "among 193 countries", "of the 193 UN Member States": the size of the field ranked in.
_EN_FIELD = re.compile(r"\b(?:among|of the|out of|of)\s+(?:the\s+)?(?:about\s+|nearly\s+)?$",
                       re.IGNORECASE)
_EN_FIELD_NOUN = re.compile(r"\s+((?:UN\s+|United Nations\s+)?(?:Member States|member states"
                            r"|countries|economies|nations|cities))\b")


def _english_field(ctx: SentenceContext, cand: Candidate) -> str | None:
    """The field an English count sizes (China ranked 43rd among 193 countries → countries):
    a count of that field, never a figure of the ranked one."""
    if not ctx.latin or cand.unit not in COUNTED_UNITS:
        return None
    noun = _EN_FIELD_NOUN.match(ctx.text, cand.end)
    if noun is None or not _EN_FIELD.search(ctx.text, 0, cand.start):
        return None
    return noun.group(1)


def _document_counts(
    ctx: SentenceContext, cand: Candidate, hint: str, bounds: tuple[int, int]
) -> bool:
    """A count of tasks or projects with no subject of its own is the plan document's.

    《规划》提出了三大任务11项具体工程 → the plan the article named; so is "并明确了17项重点工程"
    in a paragraph summing up a plan.
    """
    if not ctx.document or ctx.latin or cand.unit not in COUNTED_UNITS:
        return False
    if not (PLAN_ITEMS.search(hint) or PLAN_ITEMS.search(ctx.text, cand.end)):
        return False
    own = [m for m in ctx.subjects if bounds[0] <= m.start < cand.start]
    return not own


def _rate_base(ctx: SentenceContext, anchor: int, bounds: tuple[int, int]) -> str | None:
    """A rate over a set of units is about those units: 行政村覆盖率增长至77% → 全国行政村.

    The units take the sentence's national scope (全国, 我国) when it has one.
    """
    if ctx.text.find("分别", bounds[0], anchor) >= 0:
        return None  # a 分别 list pairs its rates itself
    found = rate_bases(ctx.text, bounds[0], anchor)
    return found[-1] if found else None


def _without_overlaps(bodies: list[Mention], sets: list[Mention]) -> list[Mention]:
    """Bodies and counted sets in one list; a set inside a body's name is the body's."""
    kept = [m for m in sets if not any(b.start < m.end and m.start < b.end for b in bodies)]
    return sorted(bodies + kept, key=lambda m: m.start)


def _named_before(ctx: SentenceContext, subject: str, start: int, end: int) -> bool:
    return any(m.canon == subject and start <= m.start < end for m in ctx.subjects)


_NATIONAL = ("国家", "全国", "中央", "国务院", "中国", "我国", "省级", "市级", "县级", "各级", "地方")


def _qualified(lex: Lexicon, ctx: SentenceContext, body: str, scope: str, rule: str) -> Found:
    """A body found by `rule` in `scope`, qualified by its place; an article's place is its own
    rule, since the text does not print it there."""
    name, from_article = _qualified_body(lex, ctx, body)
    return name, scope, "subject.body_of_article_place" if from_article else rule


def _qualified_body(lex: Lexicon, ctx: SentenceContext, subject: str) -> tuple[str, bool]:
    """A local body takes the article's place: 市网上政务服务大厅 → 北京市网上政务服务大厅,
    “一网通办” in an article about Shanghai → 上海“一网通办”; and whether that place is the
    article's rather than the sentence's.

    Bodies named as national or by level (国家政务服务平台, 省级政务服务平台) and bodies
    whose name holds a place already stay as printed.
    """
    if lex.subject_kinds.get(subject) or subject.startswith(_NATIONAL):
        return subject, False
    if lex.subject_mentions(subject):
        return subject, False
    places = [
        m.canon for m in ctx.subjects if lex.subject_kinds.get(m.canon) in ("city", "province")
    ]
    local = ctx.article.city or (
        ctx.article.place if lex.subject_kinds.get(ctx.article.place or "") != "country" else None
    )
    place = places[-1] if places else local
    if not place:
        return subject, False
    # 市网上政务服务大厅 opens with the level 市; 市民主页 opens with the word 市民
    level = subject[0] if _first_word(subject) in ("市", "省") else ""
    if level and place.endswith(level):
        return f"{place}{subject[1:]}", not places
    if level:
        return subject, False
    return f"{place.removesuffix('市')}{subject}", not places


def _first_word(text: str) -> str:
    """The first word of a name by jieba's segmentation."""
    return next((token.word for token in _posseg().cut(text)), "")


def _figure(
    lex: Lexicon,
    ctx: SentenceContext,
    cand: Candidate,
    article: Article,
    sent: Sentence,
    previous: str | None = None,
    amount_before: str | None = None,
) -> Figure | None:
    """The Figure a candidate number is, or None when it is a decimal outside an index context.

    `previous` is the metric of the figure a figure naming nothing goes on about;
    `amount_before` the metric of the figure just before when that is an amount."""
    bare_decimal = cand.unit == "index_candidate"  # 0.8119 with nothing saying it is an index
    unit = "index" if bare_decimal else cand.unit
    cand = replace(cand, unit=unit)
    anchor = cand.start
    if unit in ("index", "rank", "rank_change"):
        metric, index = index_metric(lex, ctx, cand)
        same_clause = index is not None and (
            clause_bounds(ctx, index.start)[0] == clause_bounds(ctx, cand.start)[0])
        if index is not None and index.end <= cand.start and same_clause:
            anchor = index.start  # the subject is the index's: 我国电子政务发展指数…位居45名
    else:
        metric = plain_metric(lex, ctx, cand)
    if (
        bare_decimal
        and metric is None
        and not _INDEX_WORD.search(ctx.text, max(0, cand.start - 20), cand.start)
    ):
        return None  # a bare decimal is only a figure in an index context
    said = text_label(lex, ctx, cand, metric, previous)
    if unit == "percent" and metric is None:
        said = share_of_amount(said, amount_before)  # 5G用户达5.61亿户，全球占比超60%
    words = strip_subject(lex, said)
    label = metric or words
    if unit == "scaled":
        unit = unit_for_scaled(lex, metric, label)
    ref = SourceRef(article.id, article.file, sent.start, sent.end, sent.text)
    scope_sentence = ctx.article.report_sentence
    period, period_scope, period_rule = _period(ctx, cand)
    subject, subject_scope, subject_rule = _subject(
        lex, ctx, anchor, subject_hint(ctx, cand, metric, label), cand
    )
    if unit == "count" and cand.unit == "scaled" and is_group(lex, subject):
        unit = "persons"  # 我国60岁以上人口将超4亿: a population is counted in persons
    spec = lex.metrics.get(metric or "")
    if spec is not None and spec.of == "population" and subject and _USERS.search(subject):
        subject_scope = "chain"  # 老年网民…，互联网普及率达43.2%: the rate is of the population
    if period is None and subject and subject == ctx.document and ctx.document_year:
        # a plan's counts: its issue year
        period, period_scope, period_rule = ctx.document_year, "article", "period.document_year"
    period_ref = None
    if period_rule == "period.cited_report" and scope_sentence is not None:
        start, end = scope_sentence
        period_ref = SourceRef(article.id, article.file, start, end, article.text[start:end])
    return Figure(
        period_ref=period_ref,
        value=cand.value,
        unit=unit,
        raw=article.text[sent.start + cand.start : sent.start + cand.end],
        ref=ref,
        qualifier=cand.qualifier,
        period=period,
        subject=subject,
        metric=label or None,
        subject_scope=subject_scope,
        period_scope=period_scope,
        label=words or None,
        value_rule=cand.rule,
        subject_rule=subject_rule if subject else "",
        period_rule=period_rule if period else "",
        metric_rule=("metric.index" if unit in _SURVEY_UNITS and metric else
                     "metric.lexicon" if metric else "metric.words" if words else ""),
    )


_RATIO_UNITS = ("percent", "percentage_points", "index", "rank", "rank_change")


def _previous_metric(figures: list[Figure], cand: Candidate) -> str | None:
    """The metric of the figure before, which a figure naming nothing goes on about.

    An amount goes on about the last amount, not a share between them: 用户达2.21亿，占比
    92.5%，较2018年底增加7600万 — the 7600万 are more users, not more share.
    """
    if cand.unit in COUNTED_UNITS or cand.unit == "scaled":
        amounts = [f for f in figures if f.unit not in _RATIO_UNITS]
        return amounts[-1].metric if amounts else None
    if cand.unit == "rank":
        # 数字经济规模达50.2万亿元，稳居世界第二: a rank naming nothing ranks the amount just
        # before it; after a share, a rate or a multiple (全球占比10.5%，位居世界第二) it is not
        # said which
        return _amount_just_before(figures)
    return figures[-1].metric if figures else None


def _amount_just_before(figures: list[Figure]) -> str | None:
    """The metric of the sentence's last figure when it is an amount (not a rate, an index, a
    rank, a multiple or a change): what a share or a rank that names nothing is of."""
    last = figures[-1] if figures else None
    if last is None or last.unit in _NOT_AMOUNTS or names_change(last.metric):
        return None
    return last.metric


_NOT_AMOUNTS = (*_RATIO_UNITS, "times")


def _sentence_figures(
    lex: Lexicon,
    article: Article,
    sent: Sentence,
    carried: tuple[str | None, str | None],
    scope: ArticleScope,
    as_of: str | None,
    document: str | None = None,
    carried_place: str | None = None,
) -> tuple[list[Figure], SentenceContext]:
    text = fold_width(article.norm[sent.start : sent.end])
    pub_year = _pub_year(article)
    pub_month = _pub_month(article)
    latin = is_latin(text)
    bodies = english_body_mentions(text) if latin else _without_overlaps(
        body_mentions(lex, text), age_groups(text))
    sources = [] if latin else source_names(text)
    ctx = SentenceContext(
        text=text,
        clauses=clause_starts(text),
        times=time_mentions(text, pub_year, pub_month),
        metrics=[m for m in lex.metric_mentions(text) if not _inside_any(m, bodies)],
        subjects=merge_subjects(
            [
                m
                for m in lex.subject_mentions(text)
                if names_subject(text, m, lex.topic_only) and not _inside_any(m, sources)
            ],
            _without_overlaps(bodies, [] if latin else counted_sets(lex, text)),
        ),
        latin=latin,
        carried_period=carried[0],
        carried_subject=carried[1],
        pub_year=pub_year,
        article=scope,
        as_of=as_of,
        document=document,
        document_year=document_year(article.norm, document) if document else None,
        carried_place=carried_place,
        position=sent.start,
    )
    candidates = find_english_candidates(text) if latin else find_candidates(lex, text)
    figures: list[Figure] = []
    positions: list[int] = []
    for cand in candidates:
        previous = _previous_metric(figures, cand)
        figure = _figure(lex, ctx, cand, article, sent, previous, _amount_just_before(figures))
        if figure is not None:
            figures.append(figure)
            positions.append(cand.start)
    return respectively(ctx, figures, positions), ctx


def _paragraph_figures(
    lex: Lexicon,
    article: Article,
    paragraph: Paragraph,
    survey_subject: str | None,
    scope: ArticleScope,
    as_of: AsOf | None,
    last_subject: str | None = None,
    documents: dict[int, str] | None = None,
) -> tuple[list[Figure], str | None, AsOf | None, str | None]:
    """A paragraph's figures; periods and subjects carry from sentence to sentence.

    Survey figures (index values, ranks) with no subject in their paragraph take the last
    subject an earlier survey figure had ("The country's EGDI reached 0.8119").
    """
    out: list[Figure] = []
    period: str | None = None
    period_at: Sentence | None = None  # the sentence that wrote `period`, cited as its evidence
    # "It currently has…", "该平台…": a paragraph that opens with a pronoun goes on about the
    # subject the previous paragraph ended with
    opens_with_pronoun = paragraph.sentences and _PRONOUN_OPENING.match(paragraph.sentences[0].text)
    subject: str | None = last_subject if opens_with_pronoun else None
    pending_as_of = as_of  # a 截至… holds for later paragraphs, not for its own earlier sentences
    place: str | None = None  # the last place the paragraph named, for 其中57个国家…
    for sent in paragraph.sentences:
        figures, ctx = _sentence_figures(
            lex,
            article,
            sent,
            (period, subject),
            scope,
            as_of.period if as_of else None,
            (documents or {}).get(sent.start),
            carried_place=place,
        )
        place = last_place(lex, ctx) or place
        earlier = article.norm[paragraph.start : sent.start]
        for figure in figures:
            if ctx.latin and figure.subject:
                owned = qualify_owner(figure.subject, earlier)
                if owned != figure.subject:  # the possessor came from an earlier sentence
                    figure = replace(figure, subject=owned, subject_scope="paragraph",
                                     subject_rule="subject.en_paragraph_owner")
            if figure.unit in _SURVEY_UNITS:
                if figure.subject is None and survey_subject:
                    figure = replace(figure, subject=survey_subject, subject_scope="paragraph",
                                     subject_rule="subject.survey_carried")
                survey_subject = figure.subject or survey_subject
            out.append(_with_period_source(article, figure, period_at, as_of, scope))
        carried = carried_period(ctx.times, scope.pub_period)
        if carried:
            period, period_at = carried, sent
        subject = ctx.subjects[-1].canon if ctx.subjects else subject
        new_as_of = as_of_period(ctx.text, ctx.pub_year, _pub_month(article))
        if new_as_of:
            pending_as_of = AsOf(new_as_of, sent)
    return out, survey_subject, pending_as_of, subject


@dataclass(frozen=True)
class AsOf:
    """A 截至…/as of… period an earlier paragraph set, with the sentence that set it."""

    period: str
    sentence: Sentence


def _with_period_source(article: Article, figure: Figure, carried_at: Sentence | None,
                        as_of: AsOf | None, scope: ArticleScope) -> Figure:
    """The figure with `period_ref` set to the sentence a wider-scope period came from (the
    paragraph's earlier year, an earlier 截至…, the sentence naming the report), so a brief
    can show that sentence beside the figure's own clause rather than state the period."""
    if figure.period_ref is not None or not figure.period:
        return figure
    source: tuple[int, int] | None = None
    if figure.period_rule == "period.paragraph" and carried_at is not None:
        source = carried_at.start, carried_at.end
    elif figure.period_rule == "period.as_of" and as_of is not None:
        source = as_of.sentence.start, as_of.sentence.end
    elif figure.period_rule == "period.report":
        source = scope.report_sentence
    if source is None:
        return figure
    start, end = source
    return replace(figure, period_ref=SourceRef(article.id, article.file, start, end,
                                                article.text[start:end]))


def _documents_in_scope(article: Article) -> dict[int, str]:
    """For each sentence start, the plan document it is about, by scope.

    A document named in the title or a heading holds until the next heading; one named in a
    paragraph holds for the rest of that paragraph; a short reference (《规划》) means the
    last document named in full anywhere before.
    """
    section = named_document(normalize(article.title or ""))
    last = section
    out: dict[int, str] = {}
    for paragraph in article.paragraphs:
        text = fold_width(article.norm[paragraph.start : paragraph.end])
        if is_heading(text):
            # a numbered heading without a document starts a section about something else
            numbered = re.match(r"\s*\d+\s*[、.]", text)
            section = named_document(text) or (None if numbered else section)
        local = section
        for sent in paragraph.sentences:
            sentence = fold_width(article.norm[sent.start : sent.end])
            local = named_document(sentence) or local
            document = last if refers_to_document(sentence) and last else local
            if document:
                out[sent.start] = document
            last = named_document(sentence) or last
    return out


def extract_figures(article: Article) -> tuple[Figure, ...]:
    """Every figure the article's body states, in reading order, duplicates removed.

    Each figure's `key` says whether it is one of the article's headline figures
    (briefing.extract.salience). Sentences are read as far as briefing.extract.bounds allows.
    """
    article = readable(article)
    lex = lexicon()
    seen: set[tuple] = set()
    out = []
    survey_subject: str | None = None
    scope = article_scope(lex, article)
    as_of: AsOf | None = None
    last_subject: str | None = None
    documents = _documents_in_scope(article)
    for paragraph in article.paragraphs:
        figures, survey_subject, as_of, last_subject = _paragraph_figures(
            lex, article, paragraph, survey_subject, scope, as_of, last_subject, documents
        )
        for figure in figures:
            key = (figure.ref.start, figure.raw, figure.value, figure.unit, figure.metric)
            if key not in seen:
                seen.add(key)
                out.append(figure)
    return graded(mark_key_figures(article, out))
