"""Stage 3, consolidate: all Extractions → Corpus (merged claims, conflicts, series, themes).

Contract:
    consolidate(articles, extractions, skipped=()) -> Corpus
"""

from __future__ import annotations

import re

from collections import defaultdict
from collections.abc import Iterable, Sequence

from briefing.extract.lexicon import lexicon
from briefing.models import (
    Article,
    Claim,
    Conflict,
    Corpus,
    Extraction,
    Figure,
    Quote,
    Series,
    SeriesPoint,
    Skipped,
    SourceRef,
    ThemeMention,
    ThemeSummary,
)

UNNAMED_METRIC = "未命名指标"
#: Units that make no chart: a duration or a change is not a level over time.
_NO_SERIES_UNITS = frozenset({"years", "rank_change", "percentage_points"})

ClaimKey = tuple[str, str | None, str | None, float, str]


def _claim_key(figure: Figure) -> ClaimKey:
    value = round(figure.value, 9)
    return (figure.metric or UNNAMED_METRIC, figure.subject, figure.period, value, figure.unit)


def _unique_refs(refs: Iterable[SourceRef]) -> tuple[SourceRef, ...]:
    seen: dict[tuple[str, int, int], SourceRef] = {}
    for ref in refs:
        seen.setdefault((ref.article_id, ref.start, ref.end), ref)
    return tuple(seen.values())


def merge_claims(extractions: Sequence[Extraction]) -> tuple[Claim, ...]:
    """One Claim per (metric, subject, period, value, unit), citing every stating sentence.

    A claim is key when any sentence states it as a headline figure of its article.
    """
    groups: dict[ClaimKey, list[Figure]] = defaultdict(list)
    for extraction in extractions:
        for figure in extraction.figures:
            groups[_claim_key(figure)].append(figure)
    claims = []
    for (metric, subject, period, value, unit), figures in groups.items():
        first = figures[0]
        claims.append(
            Claim(
                metric=metric,
                subject=subject,
                period=period,
                value=first.value,
                unit=unit,
                qualifier=first.qualifier,
                raw=first.raw,
                refs=_unique_refs(f.ref for f in figures),
                key=any(f.key for f in figures),
                salience=max(f.salience for f in figures),
            )
        )
    return tuple(claims)


def metric_family(metric: str) -> str | None:
    """The lexicon metric a claim's metric belongs to: 在线服务国家排名 → 在线服务指数.

    Known metrics are their own family (or their `family` in metrics.yaml); a rank label
    derived from an index (在线服务 + 国家 + 排名) belongs to that index. Labels derived from
    the words around a number belong to none: too weak to call two figures the same metric.
    """
    lex = lexicon()
    spec = lex.metrics.get(metric)
    if spec is not None:
        return spec.family or spec.name
    for name, index in lex.metrics.items():
        base = name.removesuffix("指数")
        if index.kind == "index" and metric.startswith(base) and metric.endswith("排名"):
            return name
    return None


def _source_name(ref: SourceRef, titles: dict[str, str]) -> str:
    title = titles.get(ref.article_id)
    return f"《{title}》" if title else ref.file


def _display(claim: Claim) -> str:
    value = f"{claim.value:g}"
    if claim.unit == "rank":
        return f"第{value}位"
    if claim.unit == "rank_change":
        return f"提升{value}位" if claim.value >= 0 else f"下降{value.lstrip('-')}位"
    return claim.raw


def _conflict_note(
    label: str, period: str | None, claims: Sequence[Claim], titles: dict[str, str]
) -> str:
    parts = []
    for claim in claims:
        sources = "、".join(dict.fromkeys(_source_name(r, titles) for r in claim.refs))
        metric_note = "" if claim.metric == label else f"({claim.metric})"
        parts.append(f"{sources}称{_display(claim)}{metric_note}")
    when = f"({period})" if period else ""
    return f"{label}{when}:" + ",".join(parts)


_PRINTED_NUMBER = re.compile(r"(\d+(?:,\d{3})*)(?:\.(\d+))?\s*(万亿|亿|万|million|billion)?", re.I)
_SCALE = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "million": 1e6, "billion": 1e9}


def rounding_step(claim: Claim) -> float:
    """The step the printed figure is rounded to: 13.2亿 → 0.1亿, 0.55 → 0.01, 45 → 1."""
    match = _PRINTED_NUMBER.search(claim.raw or "")
    if match is None:
        return 0.0
    decimals = len(match.group(2) or "")
    scale = _SCALE.get((match.group(3) or "").lower(), 1.0)
    if claim.unit == "percent" or claim.value == 0:
        scale = 1.0
    return scale * 10.0**-decimals


def _consistent(a: Claim, b: Claim) -> bool:
    """Whether two values can both be true: 超过5亿 and 5.2亿, 约360万 and 355万, 0.55 and 0.5500.

    Values that differ by no more than half the rounding step of the less precise one agree.
    """
    if abs(a.value - b.value) <= 0.5 * max(rounding_step(a), rounding_step(b)) + 1e-12:
        return True
    for x, y in ((a, b), (b, a)):
        if x.qualifier == "over" and y.value >= x.value:
            return True
        if x.qualifier == "under" and y.value <= x.value:
            return True
        if x.qualifier == "about" and abs(y.value - x.value) <= 0.1 * abs(x.value):
            return True
    return False


def _disagree(group: Sequence[Claim], *, across_metrics: bool = False) -> bool:
    """Whether two claims of the group contradict (of different metrics, if asked)."""
    return any(
        not _consistent(a, b) and (a.metric != b.metric or not across_metrics)
        for i, a in enumerate(group)
        for b in group[i + 1 :]
    )


def _articles_of(claims: Iterable[Claim]) -> set[str]:
    return {r.article_id for c in claims for r in c.refs}


def find_conflicts(
    claims: Sequence[Claim], titles: dict[str, str] | None = None
) -> tuple[Conflict, ...]:
    """Disagreements a careful brief flags rather than hides.

    1. the same metric, subject, period and unit with different values from different
       articles (values a qualifier reconciles, 超过5亿 and 5.2亿, do not conflict);
    2. a "tension": closely related metrics of one family (在线服务指数排名 and
       在线服务国家排名) for the same subject and period whose values differ — even within
       one article, since readers will take either for "the" rank.
    Each family (metric with its related metrics) for a subject and period gives at most one
    Conflict listing all its claims.
    """
    titles = titles or {}
    families: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        family = metric_family(claim.metric)
        if family is None or claim.subject is None:
            continue  # without a subject two figures may be about different things
        families[(family, claim.subject, claim.period, claim.unit)].append(claim)
    out = []
    for (_, subject, period, _), group in families.items():
        if not (_sources_disagree(group) or _disagree(group, across_metrics=True)):
            continue
        label = next((c.metric for c in group if c.metric in lexicon().metrics), group[0].metric)
        note = _conflict_note(label, period, group, titles)
        out.append(Conflict(label, subject, period, tuple(group), note))
    return tuple(out)


def _sources_disagree(group: Sequence[Claim]) -> bool:
    """Rule 1: one metric, different articles, contradicting values."""
    by_metric: dict[str, list[Claim]] = defaultdict(list)
    for claim in group:
        by_metric[claim.metric].append(claim)
    return any(_disagree(g) and len(_articles_of(g)) > 1 for g in by_metric.values())


def build_series(claims: Sequence[Claim]) -> tuple[Series, ...]:
    """A series per (metric, subject, unit) stated for two or more periods, points by period.

    Only levels with a known subject: a chart must not join figures about different things.

    When sources disagree on a period, the value with most sources is plotted.
    """
    groups: dict[tuple[str, str | None, str], dict[str, list[Claim]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for claim in claims:
        if claim.period and claim.subject and claim.unit not in _NO_SERIES_UNITS:
            groups[(claim.metric, claim.subject, claim.unit)][claim.period].append(claim)
    out = []
    for (metric, subject, unit), by_period in groups.items():
        if len(by_period) < 2 or metric == UNNAMED_METRIC:
            continue
        points = []
        for period in sorted(by_period):
            best = max(by_period[period], key=lambda c: (c.source_count, len(c.refs)))
            points.append(SeriesPoint(period, best.value, best.refs))
        out.append(Series(metric, subject, unit, tuple(points)))
    return tuple(out)


def _mention_rank(mention: ThemeMention) -> tuple[int, int]:
    # Best first: sentences that name the term early, then short (focused) sentences.
    position = mention.ref.sentence.find(mention.term)
    return (position if position >= 0 else len(mention.ref.sentence), len(mention.ref.sentence))


def summarize_themes(extractions: Sequence[Extraction]) -> tuple[ThemeSummary, ...]:
    """One summary per theme: mentions best first, the articles that discuss it."""
    by_theme: dict[str, list[ThemeMention]] = defaultdict(list)
    for extraction in extractions:
        by_theme_seen = set()
        for mention in extraction.themes:
            key = (mention.theme, mention.ref.start, mention.ref.end)
            if key not in by_theme_seen:
                by_theme_seen.add(key)
                by_theme[mention.theme].append(mention)
    summaries = [
        ThemeSummary(
            theme,
            tuple(sorted(mentions, key=_mention_rank)),
            tuple(dict.fromkeys(m.ref.article_id for m in mentions)),
        )
        for theme, mentions in by_theme.items()
    ]
    return tuple(sorted(summaries, key=lambda s: (-len(s.article_ids), -len(s.mentions))))


def unique_quotes(extractions: Sequence[Extraction]) -> tuple[Quote, ...]:
    """All quotations, an identical one reposted by several outlets kept once."""
    seen: set[tuple[str, str]] = set()
    out = []
    for extraction in extractions:
        for quote in extraction.quotes:
            key = (quote.speaker, "".join(quote.statement.split()))
            if key not in seen:
                seen.add(key)
                out.append(quote)
    return tuple(out)


def consolidate(
    articles: Sequence[Article],
    extractions: Sequence[Extraction],
    skipped: Sequence[Skipped] = (),
) -> Corpus:
    """Merge every article's extraction into what the corpus says together."""
    titles = {a.id: a.title for a in articles if a.title}
    claims = merge_claims(extractions)
    return Corpus(
        articles=tuple(articles),
        extractions=tuple(extractions),
        claims=claims,
        conflicts=find_conflicts(claims, titles),
        series=build_series(claims),
        themes=summarize_themes(extractions),
        enumerations=tuple(e for x in extractions for e in x.enumerations),
        quotes=unique_quotes(extractions),
        events=tuple(e for x in extractions for e in x.events),
        skipped=tuple(skipped),
    )
