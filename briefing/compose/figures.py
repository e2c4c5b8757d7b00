"""Figure views: key-figure rows, rank/index trends, the headline judgment and chart data.

Every view carries `refs`, the source sentences behind it, so `{{ cite(view) }}` can cite it.
Nothing here invents a figure: numbers come from Claim.raw, Series points or the sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from briefing.compose.glossary import readable
from briefing.compose.numbers import NumberStyle
from briefing.extract.grades import STAFF_PERIOD_RULE, TARGET_PERIOD_RULE
from briefing.models import Claim, Corpus, Fact, Series, SeriesPoint, SourceRef

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")

@dataclass(frozen=True)
class FigureRow:
    """A key figure: metric, subject, period (only when the sentence states it), raw value."""

    statement_kind: ClassVar[str] = "figure"

    metric: str
    subject: str
    period: str  #: "2020", "2018年12月" or "" when no cited sentence states it
    value: str  #: the figure as printed in the first source, e.g. "第九位", "13.19亿"
    number: str  #: the plain number ("45", "0.7948") when a cited sentence prints it, else ""
    unit: str
    n_sources: int
    corroborated: bool
    refs: tuple[SourceRef, ...]
    amount: float = 0.0  #: the value as a plain number (13.19亿 → 1319000000), for other scales
    text: str = ""  #: the figure in the audience's house style: 第9位, 提升20位, 1.319 billion
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class TrendView:
    """A series reduced to its first and last point, for headline wording."""

    statement_kind: ClassVar[str] = "trend"

    metric: str
    subject: str
    unit: str
    first_period: str  #: "" when no cited sentence prints it
    first_value: str
    last_period: str
    last_value: str
    first_number: str  #: plain numbers, e.g. "65", for wording in other languages
    last_number: str
    direction: str  #: up | down | flat — for ranks, "up" means a better (smaller) rank
    refs: tuple[SourceRef, ...]
    first_text: str = ""  #: house style: 第65位 / 65th
    last_text: str = ""
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class Headline:
    """The headline judgment: the strongest rank trend plus its index's latest value.

    The template words it. `index_period` is set (printed) only when the index value is of
    another period than the rank's last point, so a sentence joining them names both periods.
    """

    statement_kind: ClassVar[str] = "headline"

    rank: TrendView | None
    index: FigureRow | None
    refs: tuple[SourceRef, ...]
    index_period: str = ""
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class ChartData:
    """A chart's data from the Series of one metric and subject, with the refs behind it."""

    statement_kind: ClassVar[str] = "chart"

    id: str
    metric: str
    subject: str
    unit: str
    points: tuple[tuple[str, float], ...]
    refs: tuple[SourceRef, ...] = field(default=())
    facts: tuple[Fact, ...] = ()


# --------------------------------------------------------------------------- helpers


def sentence_numbers(refs: Iterable[SourceRef]) -> set[str]:
    """Every number the cited sentences print."""
    found: set[str] = set()
    for ref in refs:
        found.update(_NUMBER.findall(ref.sentence.translate(_FULLWIDTH_DIGITS)))
    return found


def supported(text: str, refs: Sequence[SourceRef]) -> bool:
    """Whether every number in `text` is printed by one of the cited sentences."""
    allowed = sentence_numbers(refs)
    return all(n in allowed for n in _NUMBER.findall(text.translate(_FULLWIDTH_DIGITS)))


def period_text(period: str | None, refs: Sequence[SourceRef],
                style: NumberStyle | None = None, vouched: bool = False,
                target: bool = False) -> str:
    """A period worded by the house style, or "" when no cited sentence states it (no
    invented dates) and no person `vouched` for it (confirmed or set it in the corrections);
    a `target` period (what a plan or forecast expects) is marked so ("预计2025年").
    Without a style the period prints as it is ("2018-12")."""
    text = _period_text(period, refs, style, vouched)
    return style.target.format(p=text) if text and target and style else text


def _period_text(period: str | None, refs: Sequence[SourceRef],
                 style: NumberStyle | None, vouched: bool) -> str:
    if not period:
        return ""
    if not vouched:
        period = printed_period(period, [r.sentence for r in refs])
        if not period:
            return ""
    return style.period(period) if style else period


def printed_period(period: str, texts: Sequence[str]) -> str:
    """The period as far as `texts` print it: whole; its year when they say 年底 for a
    December (截至2019年底 states 2019-12 without a 12 to print); "" when they do not."""
    if period_in(period, texts):
        return period
    if period.endswith("-12") and _YEAR_END.search(" ".join(texts)) and period_in(period[:4], texts):
        return period[:4]
    return ""


def claim_period_text(claim: Claim, style: NumberStyle | None = None) -> str:
    """A claim's period as a brief prints it: when its sentences state it, or a person
    confirmed or set it (STAFF_PERIOD_RULE)."""
    return period_text(claim.period, claim.refs, style, vouched=vouched_period(claim),
                       target=TARGET_PERIOD_RULE in claim.rules)


def vouched_period(claim: Claim | None) -> bool:
    """Whether a person confirmed or set the claim's period (the corrections file)."""
    return claim is not None and STAFF_PERIOD_RULE in claim.rules


_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
_YEAR_END = re.compile(r"年底|年末|end of (?:the year|\d{4})|year-end", re.IGNORECASE)


def period_in(period: str, texts: Sequence[str]) -> bool:
    """Whether `texts` print the period's year and its month and day: as numbers
    (截至2020年3月 states 2020-03; 12022万件 is no 2022) or a month's English name (As of
    March 2023)."""
    year, *rest = period.split("-")
    numbers = {n.lstrip("0") or "0" for t in texts
               for n in _NUMBER.findall(t.translate(_FULLWIDTH_DIGITS))}
    if year not in numbers:
        return False
    text = " ".join(texts)
    for i, part in enumerate(rest):
        if part.lstrip("0") in numbers:
            continue
        month = int(part) if i == 0 and part.isdigit() else 0
        name = _MONTH_NAMES[month - 1] if 1 <= month <= 12 else ""
        if name and re.search(rf"\b(?:{name}|{name[:3]}\.?)(?![a-z])", text, re.IGNORECASE):
            continue
        return False
    return True


def subject_word(subject: str | None, lang: str = "zh") -> str:
    """A subject as the corpus names it ("" for none).

    How a brief words it (中国 → 我国 in Chinese, China in English) is the template's
    `[translations]`, applied by the `subject` and `tr` filters: no wording here.
    """
    return subject or ""


def joined_name(subject: str, metric: str, lang: str = "zh") -> str:
    """A figure's subject and metric as one name, the words they share printed once:
    城市数字政府 + 城市数字政府发展水平 → 城市数字政府发展水平; 中国60岁及以上网民 + 网民 → the
    group; 全国县域 + 县域政务服务在线办事率 → 全国县域政务服务在线办事率 (an overlap of two
    characters or more: 我国 + 国家… shares only a character, not a word). English names are
    words: joined with a space."""
    subject, metric = str(subject or ""), str(metric or "")
    if lang != "zh":
        return " ".join(w for w in (subject, metric) if w)
    if not subject or metric.startswith(subject):
        return metric
    if subject.endswith(metric):
        return subject
    for size in range(min(len(subject), len(metric)) - 1, 1, -1):
        if subject.endswith(metric[:size]):
            return subject + metric[size:]
    return subject + metric


def unique_refs(*groups: Iterable[SourceRef]) -> tuple[SourceRef, ...]:
    """Refs in first-seen order without repeats."""
    seen: dict[tuple[str, int, int], SourceRef] = {}
    for group in groups:
        for ref in group:
            seen.setdefault((ref.article_id, ref.start, ref.end), ref)
    return tuple(seen.values())


def plain_number(value: float) -> str:
    """0.7948 → '0.7948', 45.0 → '45'."""
    return f"{value:.10g}"


def _plain_if_printed(value: float, refs: Sequence[SourceRef]) -> str:
    text = plain_number(value)
    return text if supported(text, refs) else ""


def claim_fact(claim: Claim) -> Fact:
    """The checkable data of a claim: metric, subject, period, value, unit, qualifier."""
    return Fact(claim.metric, claim.subject, claim.period, claim.value, claim.unit,
                claim.qualifier, claim.grade, claim.rules)


def _period_key(period: str | None) -> tuple[int, str]:
    """Sort key, latest first when reversed: undated figures count as the oldest."""
    return (1, period) if period else (0, "")


# --------------------------------------------------------------------------- figures


def figure_row(claim: Claim, style: NumberStyle, lang: str = "zh") -> FigureRow:
    """A claim as a key-figure row, its value in the audience's house style."""
    return FigureRow(
        metric=claim.metric,
        subject=claim.subject or "",
        period=claim_period_text(claim, style),
        value=claim.raw,
        number=_plain_if_printed(claim.value, claim.refs),
        unit=claim.unit,
        n_sources=claim.source_count,
        corroborated=claim.source_count > 1,
        refs=claim.refs,
        amount=claim.value,
        text=style.figure(claim.value, claim.unit, claim.raw, claim.qualifier),
        facts=(claim_fact(claim),),
    )


def key_figures(corpus: Corpus, style: NumberStyle, lang: str = "zh") -> tuple[FigureRow, ...]:
    """Stated claims, key ones first, the latest period of each metric first.

    Only stated claims: a figure whose subject or period its source leaves to the reader is
    never a row of a table. Key claims (a headline figure of some article) come before the
    others, so a short list (a cap) shows headline figures and a complete one every stated
    figure. Within each, claims are grouped by (metric, subject); groups come best
    corroborated first (rank changes after levels, then the most salient), and the first rows
    are each group's latest period, so a short list shows each metric once at its newest
    value. Older periods follow.
    """
    stated = [c for c in corpus.claims if c.stated and supported(c.raw, c.refs)
              and in_language(c, lang)]
    key = [c for c in stated if c.key]
    rest = [c for c in stated if not c.key and _a_finding(c)]
    ordered = (*_by_metric(key), *_by_metric(rest))
    if lang == "en":  # figures an English source names in English first: no translation needed
        ordered = tuple(sorted(ordered, key=lambda c: bool(_CJK.search(c.subject or ""))))
    return tuple(figure_row(c, style, lang) for c in ordered)


# Figures that frame others rather than report a finding: a duration (经过三年多的建设) and
# the size of the field a ranking is taken in (在193个会员国中, among 193 countries).
_CONTEXT_UNITS = frozenset({"years"})
_CONTEXT_RULES = frozenset({"subject.field_size"})


def _a_finding(claim: Claim) -> bool:
    """Whether a claim reports something rather than frames it (for the non-key rows)."""
    return claim.unit not in _CONTEXT_UNITS and _CONTEXT_RULES.isdisjoint(claim.rules)


_CJK = re.compile(r"[\u4e00-\u9fff]")


def in_language(claim: Claim, lang: str) -> bool:
    """Whether a claim's subject and metric read in the brief's language, as they are or
    through the glossary (briefing/compose/glossary.py): a brief composes no sentence around
    a name in another language (a Chinese brief around "National Government Service
    Platform" unless the glossary gives its Chinese name; an English brief around 委预测)."""
    return readable(claim.subject, lang) and readable(claim.metric, lang)


def _by_metric(claims: Sequence[Claim]) -> list[Claim]:
    """Each (metric, subject)'s latest claim, best corroborated and most salient first; then
    the older periods."""
    groups: dict[tuple[str, str | None], list[Claim]] = {}
    for claim in claims:
        groups.setdefault((claim.metric, claim.subject), []).append(claim)
    order = {key: i for i, key in enumerate(groups)}
    for members in groups.values():
        members.sort(key=lambda c: (_period_key(c.period), c.source_count), reverse=True)
    ranked = sorted(groups.items(), key=lambda kv: (
        -max(c.source_count for c in kv[1]), kv[1][0].unit == "rank_change",
        -max(c.salience for c in kv[1]), order[kv[0]]))
    return [members[0] for _, members in ranked] + [c for _, m in ranked for c in m[1:]]


def find_claim(corpus: Corpus, metric: str, subject: str | None, period: str) -> Claim | None:
    """The claim behind one series point (for its printed form)."""
    for claim in corpus.claims:
        if claim.stated and (claim.metric, claim.subject, claim.period) == (metric, subject, period):
            return claim
    return None


def trend(corpus: Corpus, series: Series, style: NumberStyle, lang: str = "zh") -> TrendView | None:
    """First and last point of a series, worded from the claims' printed forms."""
    points = sorted(series.points, key=lambda p: p.period)
    if len(points) < 2:
        return None
    first, last = points[0], points[-1]
    refs = unique_refs(first.refs, last.refs)
    first_claim = find_claim(corpus, series.metric, series.subject, first.period)
    last_claim = find_claim(corpus, series.metric, series.subject, last.period)
    first_raw = _printed(first_claim, first.value)
    last_raw = _printed(last_claim, last.value)
    better = last.value < first.value if series.unit == "rank" else last.value > first.value
    direction = "flat" if first.value == last.value else "up" if better else "down"
    return TrendView(
        metric=series.metric,
        subject=series.subject or "",
        unit=series.unit,
        first_period=period_text(first.period, refs, style, vouched_period(first_claim)),
        first_value=first_raw,
        last_period=period_text(last.period, refs, style, vouched_period(last_claim)),
        last_value=last_raw,
        first_number=plain_number(first.value),
        last_number=plain_number(last.value),
        direction=direction,
        refs=refs,
        first_text=style.figure(first.value, series.unit, first_raw),
        last_text=style.figure(last.value, series.unit, last_raw),
        facts=tuple(Fact(series.metric, series.subject, p.period, p.value, series.unit,
                         grade="stated") for p in (first, last)),
    )


def _printed(claim: Claim | None, value: float) -> str:
    """How the point's claim printed the value (the plain number when none did)."""
    return claim.raw if claim and claim.value == value else plain_number(value)


def joined_series(corpus: Corpus) -> tuple[Series, ...]:
    """The corpus's series with those of one (metric, subject, unit) joined: every period
    any of them states, one point a period (the best-sourced value)."""
    joined: dict[tuple[str, str | None, str], dict[str, SeriesPoint]] = {}
    for series in corpus.series:
        points = joined.setdefault((series.metric, series.subject, series.unit), {})
        for point in series.points:
            held = points.get(point.period)
            if held is None or len(point.refs) > len(held.refs):
                points[point.period] = point
    return tuple(Series(metric, subject, unit, tuple(sorted(points.values(),
                                                            key=lambda p: p.period)))
                 for (metric, subject, unit), points in joined.items())


def headline(corpus: Corpus, style: NumberStyle, lang: str = "zh") -> Headline | None:
    """Strongest rank trend (most sources; survey ranks first) plus its index's latest value."""
    ranks = [s for s in joined_series(corpus) if s.unit == "rank" and len(s.points) >= 2]
    ranks.sort(key=lambda s: (*(-w for w in _weight(s)), s.metric))
    # A trend joins two periods, so both must be printable (stated by the cited sentences).
    trends = (trend(corpus, s, style, lang) for s in ranks)
    rank = next((t for t in trends if t and t.first_period and t.last_period), None)
    index, index_period = _index_figure(corpus, rank, style, lang)
    if rank is None and index is None:
        figures = key_figures(corpus, style, lang)
        index = figures[0] if figures else None
    if rank is None and index is None:
        return None
    refs = unique_refs(rank.refs if rank else (), index.refs if index else ())
    facts = (*(rank.facts if rank else ()), *(index.facts if index else ()))
    return Headline(rank, index, refs, index_period, facts)


def _weight(series: Series) -> tuple[int, int]:
    survey = "发展指数" in series.metric
    return (int(survey), sum(len(p.refs) for p in series.points))


def _index_figure(corpus: Corpus, rank: TrendView | None, style: NumberStyle,
                  lang: str) -> tuple[FigureRow | None, str]:
    """The latest value of the index the rank belongs to (metric without 排名), and its
    printed period when that differs from the rank's last period.

    A value of another period whose sentence does not print that period is left out: the
    headline may not join figures of different periods without naming each.
    """
    if rank is None:
        return None, ""
    metric = rank.metric.removesuffix("排名")
    claims = [c for c in corpus.claims if c.metric == metric and c.unit == "index"
              and c.subject == (rank.subject or None) and c.period and c.stated]
    if not claims:
        return None, ""
    latest = max(claims, key=lambda c: (c.period or "", c.source_count))
    row = figure_row(latest, style, lang)
    rank_last = rank.facts[-1].period if rank.facts else None
    if latest.period == rank_last:
        return row, ""
    return (row, row.period) if row.period else (None, "")
