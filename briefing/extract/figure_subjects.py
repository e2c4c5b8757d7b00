"""Who a figure is about: the subject words of its sentence, clause topics, 分别 lists."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from briefing.extract.candidates import Candidate, inside_title
from briefing.extract.labels import label_after
from briefing.extract.lexicon import Lexicon, Mention, cues
from briefing.extract.scopes import is_group
from briefing.extract.sentence_context import (
    COUNTED_UNITS,
    SentenceContext,
    clause_bounds,
    nearest,
)
from briefing.models import Figure

# A qualifier before a count: 约|500万, 超过|30个 (cues.yaml).
_ROUGHLY = cues().pattern("over_words", "about_words")
# A place right before a count of things (全国32个重点城市, 我国31个省级) only scopes the count.
_SCOPE_OF_COUNT = re.compile(rf"\s*(?:{_ROUGHLY}|共)?\s*\d+\s*(?:多|余)?\s*[个家所座类]")
_TOPIC_OFFSET = 4  # a subject this close to its clause start is the clause topic (目前…, 通过…)


# An English name followed by its verb of ranking or changing is who that verb's figures are
# about, whatever the clause opened with: "…, with the UK rising four places to 7th".
_EN_ACTS = re.compile(
    r"\s+(?:has\s+|have\s+|had\s+|was\s+|is\s+)?(?:ris(?:es|ing)|rose|climb(?:s|ed|ing)|jump(?:s|ed|ing)"
    r"|mov(?:es|ed|ing)|fell|fall(?:s|ing)|dropp?(?:s|ed|ing)|rank(?:s|ed|ing)|plac(?:es|ed|ing)"
    r"|reach(?:es|ed|ing)|scor(?:es|ed|ing))\b",
    re.IGNORECASE,
)


def subject_of(
    lex: Lexicon, ctx: SentenceContext, anchor: int, label: str
) -> tuple[str | None, str]:
    """Who the figure is about, and the id of the rule that said so: named in what it counts,
    else the clause topic before it.

    A subject at the start of its clause (目前全国一体化政务服务平台已覆盖…) is the topic;
    one inside a list of objects (…和新疆生产建设兵团以及46个部门) is not preferred.
    """
    inside_label = lex.subject_mentions(label) if label else []
    if inside_label:
        return inside_label[0].canon, "subject.in_label"
    # a population group in the figure's clause is who it is about; a country beside it is
    # only the scope (by 2050, China could have 500 million people age 60 and older)
    bounds = clause_bounds(ctx, anchor)
    groups = [m for m in ctx.subjects if bounds[0] <= m.start < bounds[1] and is_group(lex, m.canon)]
    if groups:
        return min(groups, key=lambda m: abs(m.start - anchor)).canon, "subject.group_in_clause"
    before = [m for m in ctx.subjects if m.end <= anchor]
    acting = [m for m in before if ctx.latin and _EN_ACTS.match(ctx.text, m.end)]
    if acting and clause_bounds(ctx, acting[-1].start)[0] == bounds[0]:
        return acting[-1].canon, "subject.en_agent"  # …, with the UK rising four places to 7th
    topics = [m for m in before if m.start - clause_bounds(ctx, m.start)[0] <= _TOPIC_OFFSET]
    if topics:
        return _head_of_run(ctx, topics[-1], anchor).canon, "subject.clause_topic"
    if before:
        return _head_of_run(ctx, before[-1], anchor).canon, "subject.named_before"
    in_clause = nearest(ctx.subjects, anchor, clause_bounds(ctx, anchor))
    if in_clause:
        return in_clause.canon, "subject.named_after"
    if ctx.subjects:
        return ctx.subjects[0].canon, "subject.named_after"
    return ctx.carried_subject, "subject.carried"


def _is_body(lex: Lexicon, name: str) -> bool:
    """A platform, system, hub or app the text names (no place, no population group)."""
    return lex.subject_kinds.get(name) is None and not is_group(lex, name)


def share_holder(lex: Lexicon, ctx: SentenceContext, cand: Candidate) -> str | None:
    """A body named right before a share is what the share is of: 互联网网站、服务平台100%
    完成改造 (coordinated bodies are one mention already; a place there only scopes it:
    全国90%的…)."""
    if cand.unit != "percent":
        return None
    before = [m for m in ctx.subjects if m.end <= cand.start]
    if not before or ctx.text[before[-1].end : cand.start].strip():
        return None
    return before[-1].canon if _is_body(lex, before[-1].canon) else None


# What may follow the object that ends a clause: an aspect particle, 等, the comma.
_OBJECT_TAIL = re.compile(r"\s*(?:了|等|等等)?\s*[,，;；]?\s*")
# A clause that states a quantity of its own subject: 开放的有效数据集超过了37万个 (a noun
# phrase, then 超过/达/为…, then the number), not a verb's counted object (发布了508个接口).
_STATES_QUANTITY = re.compile(
    r"[\u4e00-\u9fff]{2,}(?:超过|超|达到|达|为|突破|增至|增长至|增加到|提升至|提高到|升至)\s*了?"
    rf"\s*{_ROUGHLY}?\s*$"
)
# A clause that goes on about the previous clause's quantity: 是八年前的44倍, 占全国的12%.
_CONTINUES = re.compile(r"\s*(?:是|为|相当于|约为|占|比|较|同比|环比)")


def chained_object(lex: Lexicon, ctx: SentenceContext, anchor: int) -> str | None:
    """A clause that states a quantity without naming whose goes on about the body the
    clause before it ended on (a topic chain): 我国…上线了数据开放平台，开放的有效数据集
    超过了37万个，是八年前的44倍 → both figures are the platforms'.

    Only a body (platform, system, hub, app) qualifies: a place or group object is where or
    whom the verb reaches. A clause that opens with a verb and counts its object (…构建了
    数据资源体系，打通了42个垂直信息系统) shares the sentence's agent instead.
    """
    if ctx.latin:
        return None
    start, _ = clause_bounds(ctx, anchor)
    if any(start <= m.start < anchor for m in ctx.subjects):
        return None
    if _CONTINUES.match(ctx.text, start) and start > 0:
        base_start, _ = clause_bounds(ctx, start - 1)  # the clause whose quantity it compares
        if any(base_start <= m.start < start for m in ctx.subjects):
            return None
        start, stated = base_start, ctx.text[base_start:start]
        stated = re.split(r"[\d]", stated, maxsplit=1)[0]  # up to the base clause's number
    else:
        stated = ctx.text[start:anchor]
    if not _STATES_QUANTITY.search(stated) or start == 0:
        return None
    prev_start, _ = clause_bounds(ctx, start - 1)
    inside = [m for m in ctx.subjects if prev_start <= m.start < start]
    if not inside:
        return None
    last = inside[-1]
    ends_clause = _OBJECT_TAIL.fullmatch(ctx.text, last.end, start) is not None
    return last.canon if ends_clause and _is_body(lex, last.canon) else None


_APPOSITION_GAP = 4  # “一网通办”移动端“随申办”: a name right after another names the part meant


def _head_of_run(ctx: SentenceContext, mention: Mention, anchor: int) -> Mention:
    """The last of subject names that follow each other closely before the figure."""
    head = mention
    for other in ctx.subjects:
        gap = ctx.text[head.end : other.start]
        if other.start >= head.end and other.end <= anchor and len(gap) <= _APPOSITION_GAP:
            if not re.search(r"[,，;；:：。、和与及]", gap):
                head = other
    return head


def subject_hint(ctx: SentenceContext, cand: Candidate, metric: str | None, label: str) -> str:
    """The words that name what is counted: "193个联合国成员国" is about the UN, not 我国."""
    if cand.unit in COUNTED_UNITS:
        return label_after(ctx.text[cand.end :]) if metric else label
    return ""


_RANK_AFTER_SCOPE = ("第", "前", *cues().words("first_place_words"))  # 排名全国第3位, 居全国首位
# A rank verb after a place: 在全国|位居首位 ranks within the place.
_RANK_VERB_AFTER = re.compile(rf"(?:范围内)?{cues().pattern('rank_verbs', 'rank_move_verbs')}")


# A place right before 占比/比重/份额 is the whole a share is taken of (全球占比超60%); so is
# one right after 占 (占全球的, 占世界总量).
_BASE_OF_SHARE = re.compile(r"\s*(?:的)?\s*(?:占比|比重|份额|占有率)")
_SHARE_OF = re.compile(r"占\s*$")
# What a figure is compared with: "higher than the global average", 高于全球平均, 比全国.
_COMPARED_TO = re.compile(
    r"(?:\b(?:than|compared (?:with|to)|versus|vs\.?)\s+(?:the\s+)?|(?:高于|低于|超过|超出|比|相比|较)\s*)$",
    re.IGNORECASE,
)
# 在…中/里/上, ending its clause: an adverbial of where or in which survey something is
# measured (在联合国电子政务调查中，我国…); its noun is no subject of the clause.
_LOCATIVE_BEFORE = re.compile(r"在\s*$")
_LOCATIVE_AFTER = re.compile(r"[^,，;；:：。、]{0,16}?(?:中|里|上|内|期间)\s*[,，]")


# What may stand before a topic-only subject that opens its clause: 其中, 目前, a date
# (2022年全球EDGI平均值为0.6102).
_TOPIC_OPENING = re.compile(
    r"(?:^|[,;:。!?，；：])\s*(?:(?:19|20)\d\d\s*年(?:\s*\d{1,2}\s*月)?(?:底|末)?\s*[,，]?\s*)?"
    r"(?:其中|目前|当前|在|而)?\s*$"
)


def names_subject(text: str, mention: Mention, topic_only: frozenset[str] = frozenset()) -> bool:
    """Not in a 《title》, and not the scope of a rank (排名全国第3位 ranks within China).

    A topic-only subject (全球) counts only near the start of its clause.
    """
    if inside_title(text, mention.start) or text.startswith(_RANK_AFTER_SCOPE, mention.end):
        return False
    if text.endswith("在", 0, mention.start) and _RANK_VERB_AFTER.match(text, mention.end):
        return False  # 在全国位居首位: where it is ranked, not what
    if _SCOPE_OF_COUNT.match(text, mention.end):
        return False  # 在全国32个重点城市中排名第二: 全国 is where the cities are counted
    if _BASE_OF_SHARE.match(text, mention.end) or _SHARE_OF.search(text, 0, mention.start):
        return False  # 全球占比超60%, 占全球的37%: the whole a share is taken of
    if _COMPARED_TO.search(text, 0, mention.start):
        return False  # higher than the global average, 高于全球平均水平: what it is compared to
    if _LOCATIVE_BEFORE.search(text, 0, mention.start) and _LOCATIVE_AFTER.match(text, mention.end):
        return False  # 在联合国电子政务调查中，我国…: where it is measured, not what
    if mention.canon in topic_only:
        opening = _TOPIC_OPENING.search(text, 0, mention.start)
        return opening is not None
    return True


def strip_subject(lex: Lexicon, label: str) -> str:
    """浙江省政务服务能力排名 → 政务服务能力排名: the subject is its own field."""
    mentions = lex.subject_mentions(label)
    if mentions and mentions[0].start == 0 and mentions[0].end < len(label) - 1:
        return label[mentions[0].end :]
    return label


# Administrative units a rate is taken over: 行政村覆盖率, 县域在线办事率, 县级…覆盖率.
_ADMIN_SET = r"(?:行政村|自然村|乡镇|街道|社区|县域|县级|县市|地市|地级市|市级|省级|省份)"
# A rate over such units: 行政村|覆盖率, 县域|在线办事率 (not across a list break).
_RATE_OF_SET = re.compile(rf"({_ADMIN_SET})[^,，;；:：。、和与及]{{0,16}}?(?:率|占比|比例|比重)")
# A sentence about the whole country: its rates over units are the country's (全国行政村).
_NATIONWIDE = re.compile(r"全国|我国|中国")


def rate_bases(text: str, start: int, end: int) -> list[str]:
    """The units the rates between start and end are taken over, in order, with the
    sentence's national scope: "…行政村覆盖率增长至77%" in a sentence about 全国 → 全国行政村."""
    scope = "全国" if _NATIONWIDE.search(text, 0, end) else ""
    return [f"{scope}{m.group(1)}" for m in _RATE_OF_SET.finditer(text, start, end)]


# Words that hand a list's values out to the names before them in order (分列 = 分别位列).
_RESPECTIVELY = re.compile(cues().pattern("respective_words"))


def respectively(ctx: SentenceContext, figures: list[Figure], positions: list[int]) -> list[Figure]:
    """北京、上海、广东分别为95%、96%和98%: the n-th figure after 分别 is the n-th subject's;
    so is the n-th rank of 分列第二至四名. Each 分别 of a sentence pairs its own names and
    values: 其次是亚洲和美洲，分别为0.6493和0.6438；大洋洲和非洲最低，分别为0.5081和0.4054.

    Rates over units pair the same way: 行政村覆盖率和县级覆盖率分别为78.9%和78.0%.
    """
    cues = [m.start() for m in _RESPECTIVELY.finditer(ctx.text)]
    out = list(figures)
    for n, at in enumerate(cues):
        until = cues[n + 1] if n + 1 < len(cues) else len(ctx.text)
        after = [i for i, pos in enumerate(positions) if at < pos < until]
        names = _listed_before(ctx, positions, at) if len(cues) > 1 else []
        if len(names) != len(after):
            names, after = _paired_in_sentence(ctx, positions, at, after if len(cues) > 1 else
                                               [i for i, pos in enumerate(positions) if pos > at])
        if len(names) < 2 or len(names) != len(after):
            continue
        for name, i in zip(names, after, strict=True):
            out[i] = replace(out[i], subject=name, subject_scope="sentence",
                             subject_rule="subject.respectively")
    return out


def _listed_before(ctx: SentenceContext, positions: list[int], at: int) -> list[str]:
    """The names between the last figure before a 分别 and the 分别 itself."""
    since = max((pos for pos in positions if pos < at), default=0)
    return list(dict.fromkeys(m.canon for m in ctx.subjects if since <= m.start and m.end <= at))


def _paired_in_sentence(
    ctx: SentenceContext, positions: list[int], at: int, after: list[int]
) -> tuple[list[str], list[int]]:
    """Names and figures a 分别 pairs when the sentence has one list: every name before it,
    the figures of its clause when there are more; else the rates' units."""
    names = list(dict.fromkeys(m.canon for m in ctx.subjects if m.end <= at))
    if len(names) != len(after):  # …分列第二至六名，得分均在75分以上: the list's own clause
        clause_end = min((s for s in ctx.clauses if s > at), default=len(ctx.text))
        in_clause = [i for i in after if positions[i] < clause_end]
        after = in_clause if len(in_clause) == len(names) else after
    if len(names) != len(after):
        start = max((s for s in ctx.clauses if s <= at), default=0)
        names = rate_bases(ctx.text, start, at)
    return names, after


# A set a subset or share is then taken of: 在193个成员国中，… / 全国9亿网民中，… /
# …提供的2万项事项中，…: the count, its set and a comma after 中.
_FRAME = re.compile(
    r"(?<![\d.])(?P<count>\d[\d.]*\s*(?:多|余)?\s*[万亿]?\s*(?:多|余)?\s*[个项家所类座名]?)"
    r"(?P<set>[\u4e00-\u9fff]{1,16}?)中\s*[,，]"
)
_FRAME_UNITS = ("count", "persons", "percent")
# a mention right after a count is a counted subset (有145个国家), not the clause's own subject
_AFTER_COUNT = re.compile(r"\d\s*(?:多|余)?\s*[万亿]?\s*[个项家所类座名]\s*$")


@dataclass(frozen=True, slots=True)
class Frame:
    """A set named as the whole a later figure is taken from: 在193个联合国成员国中，…"""

    name: str  #: the set with the place it is counted in: 全国网民, 联合国成员国
    count_start: int  #: where its own count starts
    end: int  #: just after the comma that closes it
    scope_end: int  #: the end of the clause after it, which it frames


def frames(lex: Lexicon, ctx: SentenceContext) -> list[Frame]:
    """The 在N个X中， frames of a sentence, each with the clause after it."""
    out = []
    for m in _FRAME.finditer(ctx.text):
        name = m.group("set")
        if label_after(name) != name:
            continue  # not a noun phrase: 增长中, 发展进程中
        place = next(
            (p for p in lex.subject_mentions(ctx.text[: m.start()]) if p.end == m.start()), None
        )
        if place is not None and not name.startswith(ctx.text[place.start : place.end]):
            name = ctx.text[place.start : place.end] + name  # 全国9亿网民中 → 全国网民
        scope_end = clause_bounds(ctx, m.end())[1]
        out.append(Frame(name, m.start("count"), m.end(), scope_end))
    return out


def frame_subject(lex: Lexicon, ctx: SentenceContext, cand: Candidate) -> str | None:
    """A figure taken from a framed set is about that set.

    在193个联合国成员国中，有145个国家设有… → 145 is about 联合国成员国; so is a share
    (…2万项事项中，近73%的事项…) and the frame's own count of things (2万项 → the 事项).
    A population counted in a place (全国9亿网民中) stays the place's; ranks and indices
    within a set (在193个成员国中位居45名) are the ranked one's.
    """
    if ctx.latin or cand.unit not in _FRAME_UNITS:
        return None
    for frame in frames(lex, ctx):
        if cand.start == frame.count_start:
            return frame.name if cand.unit == "count" else None
        framed = frame.end <= cand.start < frame.scope_end
        if framed and not _own_subject(ctx, frame.end, cand.start):
            return frame.name
    return None


def _own_subject(ctx: SentenceContext, start: int, end: int) -> bool:
    """Whether the framed clause names a subject of its own before the figure (a counted
    subset such as 有145个国家 is not one; a body after the figure is its object)."""
    return any(
        start <= m.start < end and not _AFTER_COUNT.search(ctx.text[: m.start])
        for m in ctx.subjects
    )


# N个X的M项Y: the first count says how many Xs the second count's things come from
_OWNER_OF_COUNT = re.compile(rf"\s*([^\d\s,，;；:：。、“”的]{{2,12}})的\s*{_ROUGHLY}?\s*\d")
# N个X的Y: a count of the Xs something belongs to
_OWNER = re.compile(r"\s*([^\d\s,，;；:：。、“”的]{2,12})的")


# A verb of containing before a count opens a relative clause: [涵盖3万项目录的]资源库.
_CONTAINING = re.compile(
    rf"(?:涵盖|包含|包括|含有|拥有|覆盖|汇聚|汇集|囊括)\s*(?:了)?\s*{_ROUGHLY}?\s*$"
)


def _noun_phrase(words: str) -> bool:
    return label_after(words) == words


def owner_count_subject(ctx: SentenceContext, cand: Candidate) -> str | None:
    """A count of the sets a second count comes from is about those sets.

    "提供了300个县级部门的8000余项事项" → 300 is about 县级部门 (8000 stays the provider's).
    """
    if ctx.latin or cand.unit != "count":
        return None
    match = _OWNER_OF_COUNT.match(ctx.text, cand.end)
    return match.group(1) if match and _noun_phrase(match.group(1)) else None


# Words before a name that make it an object, not its clause's topic: 完成了与…, 向…, 对….
_OBJECT_BEFORE = re.compile(r"了|与|同|跟|向|对")


def has_topic(ctx: SentenceContext, anchor: int) -> bool:
    """Whether a subject before `anchor` opens its clause (is a topic, not an object)."""
    for m in ctx.subjects:
        start = clause_bounds(ctx, m.start)[0]
        opening = ctx.text[start : m.start]
        if m.end <= anchor and len(opening) <= _TOPIC_OFFSET and not _OBJECT_BEFORE.search(opening):
            if not (opening.endswith("在") and _LOCATIVE.match(ctx.text, m.start - 1)):
                return True  # 在全国开通…: a scope word after 在 says where, it is no topic
    return False


def object_count_subject(
    ctx: SentenceContext, cand: Candidate, entity_set: Callable[[str], str | None]
) -> str | None:
    """In a clause chain without a topic, a counted object is about what its phrase names.

    Without an agent (…打通了50个市级部门业务系统，实现了8个领域的数据互通), a body
    named as an object elsewhere in the sentence is no better a subject than the count's own
    words: the set whose things are counted (50个市级部门业务系统 → 市级部门; 8个领域的 →
    领域) or the body the count describes (建成包含3万项目录的资源库 → 资源库).
    """
    if ctx.latin or cand.unit != "count" or has_topic(ctx, cand.start):
        return None
    owner = _OWNER.match(ctx.text, cand.end)
    if owner:
        body = next((m for m in ctx.subjects if m.start == owner.end()), None)
        if body is not None and _CONTAINING.search(ctx.text, 0, cand.start):
            return body.canon  # 涵盖3万项目录的资源库: the count describes the body
        if _noun_phrase(owner.group(1)):
            return owner.group(1)
    phrase = label_after(ctx.text[cand.end :])
    owner_set = entity_set(phrase)
    if owner_set and len(owner_set) < len(phrase) and phrase.startswith(owner_set):
        return owner_set  # 50个市级部门业务系统: the departments whose systems are counted
    where = _locative_place(ctx, cand.start)
    if where and phrase and not phrase.startswith(where):
        return f"{where}{phrase}"  # 在全省范围内建成300个便民服务站 → 全省便民服务站
    return None


# A place in a locative phrase says where things are counted, not who counts them:
# 在全国范围内, 在全省各地, 在全市.
_LOCATIVE = re.compile(rf"在\s*({cues().pattern('area_scopes')})\s*(?:范围内|范围|各地|内)?")


def _locative_place(ctx: SentenceContext, pos: int) -> str | None:
    """The place of a locative phrase in the clause before `pos`, as printed (全国)."""
    start = clause_bounds(ctx, pos)[0]
    found = list(_LOCATIVE.finditer(ctx.text, start, pos))
    return found[-1].group(1) if found else None


# Class nouns a count can open a clause with (57个国家…, 20个城市…): alone they say what was
# counted, not where; the figure is about the place they were counted in.
_GENERIC_SETS = frozenset(("国家", "城市", "地区", "省份", "部门", "机构", "单位", "地方"))


def place_of_set(
    lex: Lexicon, ctx: SentenceContext, anchor: int, subject: str | None
) -> str | None:
    """A bare class noun as subject gives way to the place its members were counted in.

    "全球电子政务水平提升。其中，57个国家的指数为‘非常高’" → 全球: the sentence's own
    place before the figure, else the last place an earlier sentence of the paragraph named.
    """
    if subject not in _GENERIC_SETS:
        return subject
    places = [m.canon for m in ctx.subjects if m.end <= anchor and _is_place(lex, m.canon)]
    return places[-1] if places else ctx.carried_place or subject


def group_of_place(lex: Lexicon, ctx: SentenceContext, subject: str | None, anchor: int) -> str | None:
    """A population group takes the place its sentence counts it in: 我国…60岁以上网民…达9682万
    → 中国60岁及以上网民, so that one country's or city's elderly netizens never merge with
    another's. (English names its groups in words the lexicon does not print: left as is.)"""
    if ctx.latin or not subject or not is_group(lex, subject):
        return subject
    group = next((m for m in ctx.subjects if m.canon == subject and m.start < anchor), None)
    if group is None:
        return subject
    places = [m for m in ctx.subjects if m.end <= group.start and _is_place(lex, m.canon)]
    return f"{places[-1].canon}{subject}" if places else subject


def _is_place(lex: Lexicon, name: str) -> bool:
    return lex.subject_kinds.get(name, "group") != "group"


def last_place(lex: Lexicon, ctx: SentenceContext) -> str | None:
    """The last place (country, region, 全球, 联合国) a sentence names as a subject."""
    places = [m.canon for m in ctx.subjects if _is_place(lex, m.canon)]
    return places[-1] if places else None
