"""Which metric a figure measures: a metrics.yaml entry, an index's rank, or a derived label."""

from __future__ import annotations

import re

from briefing.extract.candidates import Candidate
from briefing.extract.english import english_label, english_label_before
from briefing.extract.labels import label_after, label_before
from briefing.extract.lexicon import Lexicon, Mention
from briefing.extract.sentence_context import (
    COUNTED_UNITS,
    SentenceContext,
    clause_bounds,
    nearest,
)

_IGNORED_RANK_WORDS = ("总体", "整体", "综合", "总", "全球", "世界", "全国", "指数", "")
# A word that names a variant ranking (国家排名): Han characters, not ending in a locative
# (在193个成员国中排名 is the overall ranking among members).
_RANK_WORD = re.compile(r"[\u4e00-\u9fff]{2,4}(?<![中内里上间])")
_CHANGE_VERB = re.compile(
    r"(增长|增加|减少|下降|降低|提高|提升|上升|新增|扩大|缩小|压缩|缩短|节约|节省|精简)了?"
    r"(?:超过|约|近|逾|达到|达)?$"
)
_RANK_SCOPES = ("全球", "世界", "全国", "亚洲", "全省", "全市", "国内", "国际")


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
    if word:
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
    return mention.canon if mention else None


# The from–to frame before a number: 从1279项增加到 (the "to" value), 由 (the "from" value).
_FROM_TO_TAIL = re.compile(r"(?:从|由)(?:[^从由,;。]*(?:到|至|为)\s*(?:\d{4}\s*年的?)?\s*第?)?\s*$")


def _without_from_to(before: str) -> str:
    """事项从1279项增加到 → 事项: what changes is named before the from–to frame."""
    match = _FROM_TO_TAIL.search(before)
    return before[: match.start()] if match and match.start() > 0 else before


def fallback_label(ctx: SentenceContext, cand: Candidate, previous: str | None) -> str:
    """A label from the words around the number, for metrics not in metrics.yaml."""
    c_start, _ = clause_bounds(ctx, cand.start)
    before, after = ctx.text[c_start : cand.start], ctx.text[cand.end :]
    if not ctx.latin and cand.unit not in ("rank", "rank_change"):
        framed = _without_from_to(before)
        if framed != before and label_before(framed):
            return label_before(framed)
    if ctx.latin:
        if cand.unit in ("rank", "rank_change"):
            return "ranking" if cand.unit == "rank" else "ranking change"
        return english_label_before(ctx.text[: cand.start]) or english_label(after)
    if cand.unit in ("rank", "rank_change"):
        own = _own_rank_phrase(ctx, cand)
        if cand.unit == "rank_change":
            return f"{own}排名提升"
        if own:
            return f"{own}排名"
        label = label_before(before)
        return "排名" if not label or label in _RANK_SCOPES else label
    change = _CHANGE_VERB.search(before.rstrip())
    if change:
        # 较2022年增长2480万人: the change of the figure named before (网民规模增长)
        noun = label_before(before[: change.start()]) or previous or ""
        return f"{noun}{change.group(1)}"
    counted = cand.unit not in ("scaled", "percent", "index", "percentage_points")
    if counted or re.match(r"(?:以上|以下|左右|多|余)?的", after):  # 95%以上的政务服务事项
        return label_after(after) or label_before(before)
    return label_before(before) or label_after(after)


def unit_for_scaled(lex: Lexicon, metric: str | None, label: str) -> str:
    """The unit of a bare scaled number (2040万): the metric's, else persons or count by its words."""
    spec = lex.metrics.get(metric or "")
    if spec is not None and spec.unit in COUNTED_UNITS:
        return spec.unit
    return "persons" if _names_people(lex, label) else "count"


def _names_people(lex: Lexicon, label: str) -> bool:
    """个人用户注册数量, 60岁以上网民: people; 企业用户, 法人用户: organisations."""
    for word in lex.person_words:
        at = label.find(word)
        if at >= 0 and not label[:at].endswith(tuple(lex.organisation_words)):
            return True
    return False
