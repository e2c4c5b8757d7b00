"""Figure views: key-figure rows, rank/index trends, the headline judgment and chart data.

Every view carries `refs`, the source sentences behind it, so `{{ cite(view) }}` can cite it.
Nothing here invents a figure: numbers come from Claim.raw, Series points or the sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from briefing.models import Claim, Corpus, Series, SourceRef

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
_SUBJECT_WORDS = {"中国": "我国"}


@dataclass(frozen=True)
class FigureRow:
    """A key figure: metric, subject, period (only when the sentence states it), raw value."""

    metric: str
    subject: str
    period: str  #: "2020", "2018年12月" or "" when no cited sentence states it
    value: str  #: the figure as printed in the first source, e.g. "第45位", "13.19亿"
    number: str  #: the plain number ("45", "0.7948") when a cited sentence prints it, else ""
    unit: str
    n_sources: int
    corroborated: bool
    refs: tuple[SourceRef, ...]
    amount: float = 0.0  #: the value as a plain number (13.19亿 → 1319000000), for other scales


@dataclass(frozen=True)
class TrendView:
    """A series reduced to its first and last point, for headline wording."""

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


@dataclass(frozen=True)
class Headline:
    """The headline judgment: the strongest rank trend plus the latest index value."""

    text: str  #: ready Chinese wording; other languages word it from the parts
    rank: TrendView | None
    index: FigureRow | None
    refs: tuple[SourceRef, ...]


@dataclass(frozen=True)
class ChartData:
    """A chart's data from one Series, with the refs behind its points."""

    id: str
    metric: str
    subject: str
    unit: str
    points: tuple[tuple[str, float], ...]
    refs: tuple[SourceRef, ...] = field(default=())


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


def period_text(period: str | None, refs: Sequence[SourceRef], lang: str = "zh") -> str:
    """A period worded for print, or "" when no cited sentence states it (no invented dates)."""
    if not period:
        return ""
    parts = period.split("-")
    if not supported(" ".join(parts), refs):
        return ""
    if lang != "zh":
        return period
    return f"{parts[0]}年{int(parts[1])}月" if len(parts) == 2 else f"{parts[0]}年"


def subject_word(subject: str | None, lang: str = "zh") -> str:
    """'中国' reads '我国' in Chinese briefs."""
    if not subject:
        return ""
    return _SUBJECT_WORDS.get(subject, subject) if lang == "zh" else subject


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


def rank_value(value: float) -> str:
    return f"第{plain_number(value)}位"


# --------------------------------------------------------------------------- figures


def figure_row(claim: Claim, lang: str = "zh") -> FigureRow:
    """A claim as a key-figure row."""
    return FigureRow(
        metric=claim.metric,
        subject=claim.subject or "",
        period=period_text(claim.period, claim.refs, lang),
        value=claim.raw,
        number=_plain_if_printed(claim.value, claim.refs),
        unit=claim.unit,
        n_sources=claim.source_count,
        corroborated=claim.source_count > 1,
        refs=claim.refs,
        amount=claim.value,
    )


def key_figures(corpus: Corpus, lang: str = "zh") -> tuple[FigureRow, ...]:
    """Key claims first, best corroborated first; falls back to all claims if none is key."""
    claims = [c for c in corpus.claims if c.key] or list(corpus.claims)
    order = {id(c): i for i, c in enumerate(claims)}
    claims.sort(key=lambda c: (-c.source_count, c.unit == "rank_change", order[id(c)]))
    return tuple(figure_row(c, lang) for c in claims if supported(c.raw, c.refs))


def find_claim(corpus: Corpus, metric: str, subject: str | None, period: str) -> Claim | None:
    """The claim behind one series point (for its printed form)."""
    for claim in corpus.claims:
        if claim.metric == metric and claim.subject == subject and claim.period == period:
            return claim
    return None


def trend(corpus: Corpus, series: Series, lang: str = "zh") -> TrendView | None:
    """First and last point of a series, worded from the claims' printed forms."""
    points = sorted(series.points, key=lambda p: p.period)
    if len(points) < 2:
        return None
    first, last = points[0], points[-1]
    refs = unique_refs(first.refs, last.refs)
    if series.unit == "rank":
        first_value, last_value = rank_value(first.value), rank_value(last.value)
        better = last.value < first.value
    else:
        first_value = _printed(corpus, series, first.period, first.value)
        last_value = _printed(corpus, series, last.period, last.value)
        better = last.value > first.value
    direction = "flat" if first.value == last.value else "up" if better else "down"
    return TrendView(
        metric=series.metric,
        subject=series.subject or "",
        unit=series.unit,
        first_period=period_text(first.period, refs, lang),
        first_value=first_value,
        last_period=period_text(last.period, refs, lang),
        last_value=last_value,
        first_number=plain_number(first.value),
        last_number=plain_number(last.value),
        direction=direction,
        refs=refs,
    )


def _printed(corpus: Corpus, series: Series, period: str, value: float) -> str:
    claim = find_claim(corpus, series.metric, series.subject, period)
    return claim.raw if claim and claim.value == value else plain_number(value)


def headline(corpus: Corpus, lang: str = "zh") -> Headline | None:
    """Strongest rank trend (most sources; survey ranks first) plus its index's latest value."""
    ranks = [s for s in corpus.series if s.unit == "rank" and len(s.points) >= 2]
    ranks.sort(key=lambda s: (*(-w for w in _weight(s)), s.metric))
    rank = trend(corpus, ranks[0], lang) if ranks else None
    index = _index_figure(corpus, rank, lang)
    if rank is None and index is None:
        figures = key_figures(corpus, lang)
        index = figures[0] if figures else None
    if rank is None and index is None:
        return None
    refs = unique_refs(rank.refs if rank else (), index.refs if index else ())
    text = _headline_zh(rank, index)
    return Headline(text if supported(text, refs) else "", rank, index, refs)


def _weight(series: Series) -> tuple[int, int]:
    survey = "发展指数" in series.metric
    return (int(survey), sum(len(p.refs) for p in series.points))


def _index_figure(corpus: Corpus, rank: TrendView | None, lang: str) -> FigureRow | None:
    """The latest value of the index the rank belongs to (metric without 排名)."""
    if rank is None:
        return None
    metric = rank.metric.removesuffix("排名")
    claims = [c for c in corpus.claims if c.metric == metric and c.unit == "index"
              and c.subject == (rank.subject or None) and c.period]
    if not claims:
        return None
    latest = max(claims, key=lambda c: (c.period or "", c.source_count))
    return figure_row(latest, lang)


def _headline_zh(rank: TrendView | None, index: FigureRow | None) -> str:
    parts = []
    if rank is not None:
        verb = {"up": "升至", "down": "降至", "flat": "保持在"}[rank.direction]
        subject = subject_word(rank.subject)
        parts.append(f"{subject}{rank.metric}由{rank.first_period}{rank.first_value}"
                     f"{verb}{rank.last_period}{rank.last_value}")
    if index is not None:
        name = "指数" if rank is not None else subject_word(index.subject) + index.metric
        parts.append(f"{name}达{index.value}")
    return "，".join(parts) + "。"
