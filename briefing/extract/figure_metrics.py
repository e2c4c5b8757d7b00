"""Which metric a figure measures: a metrics.yaml entry, an index's rank, or a derived label."""

from __future__ import annotations

import re

from briefing.extract.candidates import Candidate, complement_verb
from briefing.extract.english import PEOPLE_NOUNS, english_metric_label
from briefing.extract.labels import _TRAILING, label_before
from briefing.extract.lexicon import Lexicon, Mention, cues, lexicon
from briefing.extract.metric_labels import (
    RANK_SCOPES,
    coordinated_head,
    from_to_head,
    noun_phrase_after,
    noun_phrase_before,
    previous_clause_topic,
    rank_label,
    respective_head,
    verb_object,
)
from briefing.extract.sentence_context import (
    COUNTED_UNITS,
    SentenceContext,
    clause_bounds,
    nearest,
)

# Words before 排名 that name no variant ranking: the whole (总体排名) or an area (全国排名).
_IGNORED_RANK_WORDS = ("总体", "整体", "综合", "总", "指数", "", *RANK_SCOPES)
# A word that names a variant ranking (国家排名): Han characters, not ending in a locative
# (在193个成员国中排名 is the overall ranking among members).
_RANK_WORD = re.compile(r"[\u4e00-\u9fff]{2,4}(?<![中内里上间])")
# A verb of change ending the text before a number: 网民规模增长|2480万人 → 网民规模增长.
_CHANGE_VERB = re.compile(
    rf"({cues().pattern('change_verbs')})了?"
    rf"(?:{cues().pattern('over_words', 'about_words')}|达到|达)?$"
)
_SHARE_WORDS = ("比重", "比例", "份额", "占比")  #: a whole named with its share word already
_COUNTER = lexicon().counter_pattern  # the measure words of metrics.yaml: 个, 项, 人次 …
# The verb of a rank frame and the scope it ranks in: 在全国位居, 分列, 居全省.
_RANK_VERB_AT_END = re.compile(
    rf"(?:在?{cues().pattern('area_scopes')}(?:范围内)?)?"
    rf"{cues().pattern('rank_verbs', 'rank_move_verbs')}"
    rf"{cues().pattern('area_scopes')}?(?:第)?$"
)
# 是八年前的, 相当于全国平均水平的: the base a multiple is taken of.
_COMPARISON_BASE = re.compile(r"(?:是|为|相当于|达到|达)[^,，。;；]*$")
# A level a value is at, before it: 得分均在|75分以上, 保持在|90%.
_LEVEL_AT = re.compile(r"(?:均|都|也|已|仍)?(?:保持在|稳定在|维持在|处于|在)$")


def _rank_word(ctx: SentenceContext, cand: Candidate, index: Mention) -> str:
    """The word before 排名 in the figure's clause: 国家排名 → 国家; 指数排名 → ""."""
    c_start, _ = clause_bounds(ctx, cand.start)
    before = ctx.text[c_start : cand.start]
    at = before.rfind("排名")
    if at < 0 or index.start <= c_start + at < index.end:
        return ""  # this 排名 is part of the index's own name (电子政务排名): no variant word
    prefix_start = c_start + max(0, at - 4)
    if index.end > prefix_start and index.end <= c_start + at:
        prefix_start = index.end
    word = re.sub(r"^.*[的之在、]", "", ctx.text[prefix_start : c_start + at])
    if word in _IGNORED_RANK_WORDS or word.endswith("指数") or not _RANK_WORD.fullmatch(word):
        return ""
    return word


def _own_rank_phrase(ctx: SentenceContext, cand: Candidate) -> str:
    """The noun phrase before 排名 in the figure's own clause: 政务服务能力排名第3 → 政务服务能力."""
    c_start, _ = clause_bounds(ctx, cand.start)
    before = ctx.text[c_start : cand.start]
    at = before.rfind("排名")
    return label_before(before[:at]) if at >= 0 else ""


def index_metric(
    lex: Lexicon, ctx: SentenceContext, cand: Candidate
) -> tuple[str | None, Mention | None]:
    """An index value, rank or rank change: the index named nearest before (or after) it."""
    indices = [m for m in ctx.metrics if lex.metrics[m.canon].kind == "index"]
    index = nearest(indices, cand.start)
    if index is None:
        return None, None
    c_start, _ = clause_bounds(ctx, cand.start)
    if cand.unit != "index" and index.start < c_start and len(_own_rank_phrase(ctx, cand)) > 2:
        return None, None  # the clause ranks something else: 其中浙江省政务服务能力排名第一
    if cand.unit == "index":
        return index.canon, index
    if cand.unit == "rank_change":
        return f"{index.canon}排名提升", index
    word = _rank_word(ctx, cand, index)
    if word and word not in index.canon:  # 电子政务排名 is the index's own ranking
        return f"{index.canon.removesuffix('指数')}{word}排名", index
    return f"{index.canon}排名", index


def _compatible(metric_unit: str, unit: str) -> bool:
    """Whether a metric of `metric_unit` can label a figure of `unit`."""
    if unit == "scaled":
        return metric_unit in COUNTED_UNITS
    return metric_unit == unit or (
        metric_unit in ("persons", "count") and unit in ("persons", "count")
    )


def plain_metric(lex: Lexicon, ctx: SentenceContext, cand: Candidate) -> str | None:
    """A metrics.yaml metric of a compatible unit named in the figure's clause, else None."""
    bounds = clause_bounds(ctx, cand.start)
    usable = [
        m
        for m in ctx.metrics
        if lex.metrics[m.canon].kind != "index"
        and _compatible(lex.metrics[m.canon].unit, cand.unit)
    ]
    # after the number only the counted noun names the metric (2900个信息孤岛, 193 member states)
    reach = 30 if ctx.latin else 12
    mention = nearest(usable, cand.start, bounds, reach_after=cand.end - cand.start + reach)
    if mention is None or _names_other(ctx, mention, cand):
        return None
    return mention.canon


def _names_other(ctx: SentenceContext, mention: Mention, cand: Candidate) -> bool:
    """Whether a metric word is part of a name (数据共享交换平台) or another noun stands nearer
    the number (注册用户超5401万(本市户籍用户1156万): the nearer noun is what is counted)."""
    if ctx.text.startswith(lexicon().name_heads, mention.end):
        return True
    if ctx.latin or mention.end > cand.start:
        return False
    between = re.sub(r"[(（]", "，", ctx.text[mention.end : cand.start])
    return len(noun_phrase_before(_TRAILING.sub("", between))) >= 2


def _chinese_label(ctx: SentenceContext, cand: Candidate, previous: str | None) -> str:
    """A Chinese label: the noun phrase of a from–to frame, a change, a count or a level."""
    c_start, _ = clause_bounds(ctx, cand.start)
    before, after = ctx.text[c_start : cand.start], ctx.text[cand.end :]
    if cand.unit in ("rank", "rank_change"):
        own = _own_rank_phrase(ctx, cand)
        if cand.unit == "rank_change":
            return f"{own}排名提升"
        if own:
            return f"{own}排名"
        return _framed_rank_label(ctx, c_start, before, previous)
    if cand.unit == "years" and re.match(r"(?:来|间|以来)", after):
        return "年数"  # 近10年来排名首次上升: a span of years, whatever happened in it
    if ctx.text[cand.start : cand.end].endswith("倍") and _COMPARISON_BASE.search(before):
        return _multiple_label(ctx, c_start, before, previous)
    # 走过近40年的历程: a noun the duration modifies names it better than the verb before
    verb = complement_verb(before) if cand.unit == "years" and not after.startswith("的") else ""
    if verb:
        return f"{verb}年数"  # 改革已经实施三年: how long it has been carried out
    before = _LEVEL_AT.sub("", before)  # 得分均在75分以上: the level is what 在 points at
    head = respective_head(before) or from_to_head(before)
    if head:
        return head  # 市级部门从39家增加到72家: both values measure 市级部门
    # 分别提升84.6%、89.9%: the later values of a list share the first one's verb
    listed = re.sub(r"(?:[\d.]+[%％]?、)+$", "", before.rstrip())
    change = _CHANGE_VERB.search(listed)
    if change:
        # 较2022年增长2480万人: the change of the figure named before (网民规模增长)
        noun = noun_phrase_before(_TRAILING.sub("", listed[: change.start()])) or previous or ""
        verb = change.group(1)
        return noun if noun.endswith(verb) else f"{noun}{verb}"  # never 提升提升
    if cand.unit == "calls":
        act = _act_before(before)
        if act:
            return act
    counted = cand.unit not in ("scaled", "percent", "index", "percentage_points")
    if counted or re.match(r"(?:以上|以下|左右|多|余)?的", after):  # 95%以上的政务服务事项
        label = (
            noun_phrase_after(re.sub(r"^(?:以上|以下|左右|上下|多|余)?的?", "", after))
            or coordinated_head(after, _COUNTER)
            or noun_phrase_before(_TRAILING.sub("", before))
        )
    else:
        label = (
            (verb_object(after) if cand.unit == "percent" else "")  # 100%完成适老化改造
            or (_share_of(before) if cand.unit == "percent" else "")
            or noun_phrase_before(_TRAILING.sub("", before))
            or noun_phrase_after(after)
        )
    # 60岁以上网民持续增加,已占…,达9682万人: a clause without a noun is about the previous one's
    return label or previous_clause_topic(ctx.text[:c_start])


def share_of_amount(label: str, amount: str | None) -> str:
    """5G用户达5.61亿户，全球占比超60%: a share word alone (占比, 全球占比) is the share of the
    amount named just before it in the sentence (5G用户全球占比); `amount` is None when the
    figure before is a rate, an index, a rank, a multiple or a change — whose share it would be
    is not said (渗透率达33%，全球占比超60%; 比2018年增加了15个国家，占比65%)."""
    return f"{amount}{label}" if amount and _BARE_SHARE.fullmatch(label) else label


def names_change(label: str | None) -> bool:
    """Whether a label names a change (国家增加, 用户增长), not an amount a share or a rank
    could be of."""
    return bool(label and _CHANGED.search(label))


# A share word alone, or after the whole it is taken in: 占比, 全球占比.
_BARE_SHARE = re.compile(rf"(?:全球|全国|全省|全市|世界)?(?:{'|'.join(_SHARE_WORDS)})")
_CHANGED = re.compile(rf"{cues().pattern('change_verbs')}$")


def _share_of(before: str) -> str:
    """占总人口的19.8% → 占总人口比重: a percentage after 占 is a share of the whole it names,
    not that whole (the whole is 总人口, the figure is the share)."""
    text = _TRAILING.sub("", before)
    if _SHARE_OF_PART.search(before):
        # 可共享目录占90%: the share the part named before 占 takes of a whole named earlier
        named = noun_phrase_before(_SHARE_OF_PART.sub("", text))
        return f"{named}占比" if named and not named.endswith(_SHARE_WORDS) else ""
    whole = noun_phrase_before(text)
    taken = _SHARE_VERB.search(text)
    if not whole or not taken:
        return ""
    # the noun phrase is the whole (占总人口), or runs over 占 itself (网民规模占据全球网民)
    over_verb = len(whole) > len(text) - taken.start()
    if not (taken.group("whole").endswith(whole) or over_verb):
        return ""
    whole = taken.group("whole")  # 占据全球网民总规模: the whole with the place it is of
    return f"占{whole}" if whole.endswith(_SHARE_WORDS) else f"占{whole}比重"


# The verb that takes a share: 占, 占据, 占到, 占有, 占据了 (not 占比, 占有率: share words).
_TAKES = r"占(?!比|有率)(?:据|到|有)?了?"
# 占 right before the number, nothing named after it: 可共享目录占90%, 占据了.
_SHARE_OF_PART = re.compile(rf"{_TAKES}\s*$")
# 占 and the whole a share is taken of, up to the number: 占据全球网民总规模的32.17%.
_SHARE_VERB = re.compile(rf"{_TAKES}\s*(?P<whole>[^\s，,。；;、占]{{1,16}})$")


def _multiple_label(ctx: SentenceContext, c_start: int, before: str, previous: str | None) -> str:
    """数据集数量是八年前的44倍 → 数据集数量倍数: the multiple of what is compared with its base;
    a clause that names nothing (，是八年前的44倍) compares the figure before it."""
    topic = _COMPARISON_BASE.sub("", before)
    noun = (
        noun_phrase_before(_TRAILING.sub("", topic))
        or previous
        or previous_clause_topic(ctx.text[:c_start])
    )
    return f"{noun}倍数" if noun else "倍数"


def _framed_rank_label(ctx: SentenceContext, c_start: int, before: str,
                       previous: str | None = None) -> str:
    """A rank after a rank verb (信息化水平在全国位居首位 → 信息化水平排名); the scope's ranking
    (全国排名, 排名) when what stands before the verb is the ranked subject (杭州位居第一); the
    ranking of the amount named just before when the clause names nothing (数字经济规模达50.2万亿
    元，稳居世界第二 → 数字经济规模世界排名)."""
    head = _RANK_VERB_AT_END.sub("", before)
    label = noun_phrase_before(head)
    end = c_start + len(head)
    ranked_subject = any(m.end == end for m in ctx.subjects)
    if ranked_subject:
        return rank_label(before)
    if not label or label in RANK_SCOPES:
        return f"{previous or ''}{rank_label(before)}"
    return label if label.endswith("排名") else f"{label}排名"


def _act_before(before: str) -> str:
    """累计访问超80亿次 → 访问次数; 推送个性化政策服务超2.3亿次 → 推送个性化政策服务次数."""
    verbs = [v for v in lexicon().call_nouns if v in before]
    if not verbs:
        return ""
    at = max(before.rfind(v) for v in verbs)
    act = _TRAILING.sub("", before[at:])
    if not act or len(act) > 14:
        return ""
    return act if act.endswith(("量", "数", "次数")) else f"{act}次数"  # 调用量, not 调用量次数


def fallback_label(ctx: SentenceContext, cand: Candidate, previous: str | None) -> str:
    """A label from the words around the number, for metrics not in metrics.yaml."""
    if ctx.latin:
        return english_metric_label(ctx.text, cand, previous)
    return _chinese_label(ctx, cand, previous)


def text_label(
    lex: Lexicon, ctx: SentenceContext, cand: Candidate, metric: str | None, previous: str | None
) -> str:
    """What the text calls the figure's metric: the alias it prints for a known metric
    (EGDI for 电子政务发展指数, EGDI排名 for its rank), else the noun phrase near the number."""
    if metric:
        named = [m for m in ctx.metrics if metric.startswith(m.canon)]
        mention = nearest(named, cand.start)
        if mention is not None:
            return ctx.text[mention.start : mention.end] + metric[len(mention.canon) :]
    return fallback_label(ctx, cand, previous)


def unit_for_scaled(lex: Lexicon, metric: str | None, label: str) -> str:
    """The unit of a bare scaled number (2040万): the metric's, else calls, persons or count
    by its label's words."""
    spec = lex.metrics.get(metric or "")
    if spec is not None and spec.unit in COUNTED_UNITS:
        return spec.unit
    if any(w in label for w in lex.call_nouns):
        return "calls"  # accumulated usage exceeding 4.5 billion
    if PEOPLE_NOUNS.search(label) or _counts_people(lex, label):
        return "persons"
    return "count"


def _counts_people(lex: Lexicon, label: str) -> bool:
    """A person word not qualified by an organisation word right before it: 平台个人用户 counts
    people, 企业用户 counts firms."""
    for word in lex.person_words:
        at = label.find(word)
        if at >= 0 and not label[:at].endswith(lex.organisation_words):
            return True
    return False
