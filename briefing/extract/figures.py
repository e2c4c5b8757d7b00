"""Figure extraction: numbers an article states, with unit, period, subject and metric."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from briefing.extract.candidates import Candidate, clause_starts, find_candidates, inside_title
from briefing.extract.english import english_label, find_english_candidates, is_latin
from briefing.extract.labels import label_after, label_before
from briefing.extract.lexicon import Lexicon, Mention, lexicon
from briefing.extract.periods import (
    PRESENT_CUES,
    TimeMention,
    carried_period,
    own_period,
    time_mentions,
)
from briefing.models import Article, Figure, Paragraph, Sentence, SourceRef

_IGNORED_RANK_WORDS = ("总体", "整体", "综合", "总", "全球", "世界", "全国", "指数", "")
# A word that names a variant ranking (国家排名): Han characters, not ending in a locative
# (在193个成员国中排名 is the overall ranking among members).
_RANK_WORD = re.compile(r"[\u4e00-\u9fff]{2,4}(?<![中内里上间])")
_CHANGE_VERB = re.compile(
    r"(增长|增加|减少|下降|降低|提高|提升|上升|新增|扩大|缩小|压缩|缩短|节约|节省|精简)了?"
    r"(?:超过|约|近|逾|达到|达)?$"
)
_INDEX_WORD = re.compile(r"指数|index", re.IGNORECASE)
_RANK_SCOPES = ("全球", "世界", "全国", "亚洲", "全省", "全市", "国内", "国际")
_SURVEY_UNITS = ("index", "rank", "rank_change")
_TOPIC_OFFSET = 4  # a subject this close to its clause start is the clause topic (目前…, 通过…)
_COUNTED_UNITS = ("count", "persons", "households", "person_times", "calls", "times")


@dataclass(frozen=True, slots=True)
class _Context:
    """What a sentence's figures share: its text, clauses, times, metric and subject words."""

    text: str
    clauses: list[int]
    times: list[TimeMention]
    metrics: list[Mention]
    subjects: list[Mention]
    latin: bool
    carried_period: str | None
    carried_subject: str | None
    pub_year: int | None


def fold_width(text: str) -> str:
    """Full-width ASCII → half-width, same length (the reader's norm may not have done it)."""
    return "".join(
        chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else (" " if c == "\u3000" else c)
        for c in text
    )


def _pub_year(article: Article) -> int | None:
    match = re.match(r"(\d{4})", article.date or "")
    return int(match.group(1)) if match else None


def _clause_bounds(ctx: _Context, pos: int) -> tuple[int, int]:
    start = max((s for s in ctx.clauses if s <= pos), default=0)
    end = min((s for s in ctx.clauses if s > pos), default=len(ctx.text))
    return start, end


def _nearest(
    mentions: list[Mention],
    pos: int,
    bounds: tuple[int, int] | None = None,
    reach_after: int = 10**9,
) -> Mention | None:
    """The mention closest before `pos` (within `bounds`), else the first within reach after."""
    lo, hi = bounds or (0, 10**9)
    before = [m for m in mentions if lo <= m.start and m.end <= pos]
    if before:
        return before[-1]
    after = [m for m in mentions if pos <= m.start < min(hi, pos + reach_after)]
    return after[0] if after else None


def _rank_word(ctx: _Context, cand: Candidate, index: Mention) -> str:
    """The word before 排名 in the figure's clause: 国家排名 → 国家; 指数排名 → ""."""
    c_start, _ = _clause_bounds(ctx, cand.start)
    before = ctx.text[c_start : cand.start]
    at = before.rfind("排名")
    if at < 0:
        return ""
    prefix_start = c_start + max(0, at - 4)
    if index.end > prefix_start and index.end <= c_start + at:
        prefix_start = index.end
    word = re.sub(r"^.*[的之在、]", "", ctx.text[prefix_start : c_start + at])
    if word in _IGNORED_RANK_WORDS or word.endswith("指数") or not _RANK_WORD.fullmatch(word):
        return ""
    return word


def _own_rank_phrase(ctx: _Context, cand: Candidate) -> str:
    """The noun phrase before 排名 in the figure's own clause: 政务服务能力排名第3 → 政务服务能力."""
    c_start, _ = _clause_bounds(ctx, cand.start)
    before = ctx.text[c_start : cand.start]
    at = before.rfind("排名")
    return label_before(before[:at]) if at >= 0 else ""


def _index_metric(
    lex: Lexicon, ctx: _Context, cand: Candidate
) -> tuple[str | None, Mention | None]:
    indices = [m for m in ctx.metrics if lex.metrics[m.canon].kind == "index"]
    index = _nearest(indices, cand.start)
    if index is None:
        return None, None
    c_start, _ = _clause_bounds(ctx, cand.start)
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
    if unit == "scaled":
        return metric_unit in _COUNTED_UNITS
    return metric_unit == unit or (
        metric_unit in ("persons", "count") and unit in ("persons", "count")
    )


def _plain_metric(lex: Lexicon, ctx: _Context, cand: Candidate) -> str | None:
    bounds = _clause_bounds(ctx, cand.start)
    usable = [
        m
        for m in ctx.metrics
        if lex.metrics[m.canon].kind != "index"
        and _compatible(lex.metrics[m.canon].unit, cand.unit)
    ]
    # after the number only the counted noun names the metric (2900个信息孤岛, 193 member states)
    reach = 30 if ctx.latin else 12
    mention = _nearest(usable, cand.start, bounds, reach_after=cand.end - cand.start + reach)
    return mention.canon if mention else None


def _fallback_label(ctx: _Context, cand: Candidate, previous: str | None) -> str:
    c_start, _ = _clause_bounds(ctx, cand.start)
    before, after = ctx.text[c_start : cand.start], ctx.text[cand.end :]
    if ctx.latin:
        if cand.unit in ("rank", "rank_change"):
            return "ranking" if cand.unit == "rank" else "ranking change"
        return english_label(after)
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


def _unit_for_scaled(lex: Lexicon, metric: str | None, label: str) -> str:
    spec = lex.metrics.get(metric or "")
    if spec is not None and spec.unit in _COUNTED_UNITS:
        return spec.unit
    if any(w in label for w in lex.person_words) and not any(
        w in label for w in lex.organisation_words
    ):
        return "persons"
    return "count"


def _subject(lex: Lexicon, ctx: _Context, anchor: int, label: str) -> str | None:
    """Who the figure is about: named in what it counts, else the clause topic before it.

    A subject at the start of its clause (目前全国一体化政务服务平台已覆盖…) is the topic;
    one inside a list of objects (…和新疆生产建设兵团以及46个部门) is not preferred.
    """
    inside_label = lex.subject_mentions(label) if label else []
    if inside_label:
        return inside_label[0].canon
    before = [m for m in ctx.subjects if m.end <= anchor]
    topics = [m for m in before if m.start - _clause_bounds(ctx, m.start)[0] <= _TOPIC_OFFSET]
    if topics or before:
        return (topics or before)[-1].canon
    in_clause = _nearest(ctx.subjects, anchor, _clause_bounds(ctx, anchor))
    mention = in_clause or (ctx.subjects[0] if ctx.subjects else None)
    return mention.canon if mention else ctx.carried_subject


def _subject_hint(ctx: _Context, cand: Candidate, metric: str | None, label: str) -> str:
    """The words that name what is counted: "193个联合国成员国" is about the UN, not 我国."""
    if cand.unit in _COUNTED_UNITS:
        return label_after(ctx.text[cand.end :]) if metric else label
    return ""


def _period(ctx: _Context, cand: Candidate) -> str | None:
    if cand.unit == "years":
        return None  # a duration describes no single year
    bounds = _clause_bounds(ctx, cand.start)
    clause_has_time = any(bounds[0] <= m.start < bounds[1] for m in ctx.times)
    if ctx.pub_year and not clause_has_time and PRESENT_CUES.search(ctx.text, *bounds):
        return str(ctx.pub_year)  # 2019年上线以来，目前用户超过5亿: now, not 2019
    # "43rd in 2022, up two places from 45th in 2020": a change belongs to the year before it
    latin_order = ctx.latin and cand.unit != "rank_change"
    period = own_period(
        ctx.times, cand.start, bounds, latin=latin_order, from_value=cand.from_value, text=ctx.text
    )
    if period:
        return period
    if ctx.carried_period:
        return ctx.carried_period
    return str(ctx.pub_year) if ctx.pub_year else None


def _figure(
    lex: Lexicon,
    ctx: _Context,
    cand: Candidate,
    article: Article,
    sent: Sentence,
    previous: str | None = None,
) -> Figure | None:
    unit = "index" if cand.unit == "index_candidate" else cand.unit
    cand = replace(cand, unit=unit)
    anchor = cand.start
    if unit in ("index", "rank", "rank_change"):
        metric, index = _index_metric(lex, ctx, cand)
        if index is not None and index.end <= cand.start:
            anchor = index.start  # the subject is the index's: 我国电子政务发展指数…位居45名
    else:
        metric = _plain_metric(lex, ctx, cand)
    if (
        unit == "index"
        and metric is None
        and not _INDEX_WORD.search(ctx.text, max(0, cand.start - 20), cand.start)
    ):
        return None  # a bare decimal is only a figure in an index context
    label = metric or _strip_subject(lex, _fallback_label(ctx, cand, previous))
    if unit == "scaled":
        unit = _unit_for_scaled(lex, metric, label)
    ref = SourceRef(article.id, article.file, sent.start, sent.end, sent.text)
    return Figure(
        value=cand.value,
        unit=unit,
        raw=article.text[sent.start + cand.start : sent.start + cand.end],
        ref=ref,
        qualifier=cand.qualifier,
        period=_period(ctx, cand),
        subject=_subject(lex, ctx, anchor, _subject_hint(ctx, cand, metric, label)),
        metric=label or None,
    )


def _names_subject(text: str, mention: Mention) -> bool:
    """Not in a 《title》, and not the scope of a rank (排名全国第3位 ranks within China)."""
    return not inside_title(text, mention.start) and not text.startswith(("第", "前"), mention.end)


def _strip_subject(lex: Lexicon, label: str) -> str:
    """浙江省政务服务能力排名 → 政务服务能力排名: the subject is its own field."""
    mentions = lex.subject_mentions(label)
    if mentions and mentions[0].start == 0 and mentions[0].end < len(label) - 1:
        return label[mentions[0].end :]
    return label


def _sentence_figures(
    lex: Lexicon, article: Article, sent: Sentence, carried: tuple[str | None, str | None]
) -> tuple[list[Figure], _Context]:
    text = fold_width(article.norm[sent.start : sent.end])
    pub_year = _pub_year(article)
    latin = is_latin(text)
    ctx = _Context(
        text=text,
        clauses=clause_starts(text),
        times=time_mentions(text, pub_year),
        metrics=lex.metric_mentions(text),
        subjects=[m for m in lex.subject_mentions(text) if _names_subject(text, m)],
        latin=latin,
        carried_period=carried[0],
        carried_subject=carried[1],
        pub_year=pub_year,
    )
    candidates = find_english_candidates(text) if latin else find_candidates(lex, text)
    figures: list[Figure] = []
    positions: list[int] = []
    for cand in candidates:
        previous = figures[-1].metric if figures else None
        figure = _figure(lex, ctx, cand, article, sent, previous)
        if figure is not None:
            figures.append(figure)
            positions.append(cand.start)
    return _respectively(ctx, figures, positions), ctx


def _respectively(ctx: _Context, figures: list[Figure], positions: list[int]) -> list[Figure]:
    """北京、上海、广东分别为95%、96%和98%: the n-th figure after 分别 is the n-th subject's."""
    at = ctx.text.find("分别")
    if at < 0:
        return figures
    names = list(dict.fromkeys(m.canon for m in ctx.subjects if m.end <= at))
    after = [i for i, pos in enumerate(positions) if pos > at]
    if len(names) < 2 or len(names) != len(after):
        return figures
    out = list(figures)
    for name, i in zip(names, after, strict=True):
        out[i] = replace(out[i], subject=name)
    return out


def _paragraph_figures(
    lex: Lexicon, article: Article, paragraph: Paragraph, survey_subject: str | None
) -> tuple[list[Figure], str | None]:
    """A paragraph's figures; periods and subjects carry from sentence to sentence.

    Survey figures (index values, ranks) with no subject in their paragraph take the last
    subject an earlier survey figure had ("The country's EGDI reached 0.8119").
    """
    out: list[Figure] = []
    period: str | None = None
    subject: str | None = None
    for sent in paragraph.sentences:
        figures, ctx = _sentence_figures(lex, article, sent, (period, subject))
        for figure in figures:
            if figure.unit in _SURVEY_UNITS:
                if figure.subject is None and survey_subject:
                    figure = replace(figure, subject=survey_subject)
                survey_subject = figure.subject or survey_subject
            out.append(figure)
        period = carried_period(ctx.times) or period
        subject = ctx.subjects[-1].canon if ctx.subjects else subject
    return out, survey_subject


def extract_figures(article: Article) -> tuple[Figure, ...]:
    """Every figure the article's body states, in reading order, duplicates removed."""
    lex = lexicon()
    seen: set[tuple] = set()
    out = []
    survey_subject: str | None = None
    for paragraph in article.paragraphs:
        figures, survey_subject = _paragraph_figures(lex, article, paragraph, survey_subject)
        for figure in figures:
            key = (figure.ref.start, figure.raw, figure.value, figure.unit, figure.metric)
            if key not in seen:
                seen.add(key)
                out.append(figure)
    return tuple(out)
