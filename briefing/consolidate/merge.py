"""Stage 3, consolidate: all Extractions → Corpus (merged claims, conflicts, series, themes).

Contract:
    consolidate(articles, extractions, skipped=()) -> Corpus
"""

from __future__ import annotations

import re

from collections import defaultdict
from collections.abc import Iterable, Sequence

from briefing.consolidate.plausibility import flag_claim
from briefing.extract.grades import INFERRED, STATED, TARGET_PERIOD_RULE, UNKNOWN, policy
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


_GRADE_ORDER = (STATED, INFERRED, UNKNOWN)


def merge_claims(extractions: Sequence[Extraction]) -> tuple[Claim, ...]:
    """One Claim per (metric, subject, period, value, unit), citing every sentence that states
    it; its grade is the best of theirs (one source stating subject and period in its own
    sentence makes the claim stated, and a source that implies the same ones corroborates it).

    A claim is key when any sentence states it as a headline figure of its article. A value
    beyond the plausible range of its unit makes the claim unknown and never key
    (briefing.consolidate.plausibility).
    """
    groups: dict[ClaimKey, list[Figure]] = defaultdict(list)
    for extraction in extractions:
        for figure in extraction.figures:
            groups[_claim_key(figure)].append(figure)
    claims = []
    for (metric, subject, period, value, unit), figures in groups.items():
        grade = min((f.grade for f in figures), key=_grade_rank)
        first = next(f for f in figures if f.grade == grade)
        claims.append(flag_claim(
            Claim(
                metric=metric,
                subject=subject,
                period=period,
                value=first.value,
                unit=unit,
                qualifier=first.qualifier,
                raw=first.raw,
                refs=_unique_refs(r for f in figures for r in (f.ref, _cited_period_ref(f)) if r),
                key=any(f.key for f in figures),
                salience=max(f.salience for f in figures),
                grade=grade,
                rules=figure_rules(first),
                period_ref=first.period_ref,
            )
        ))
    return tuple(claims)


def _cited_period_ref(figure: Figure) -> SourceRef | None:
    """The sentence a claim cites for a figure's period: one whose period rule states it (the
    report a sentence cites); a sentence a period was only inferred from is no citation."""
    return figure.period_ref if figure.period_rule in policy().period_rules else None


def _grade_rank(grade: str) -> int:
    return _GRADE_ORDER.index(grade) if grade in _GRADE_ORDER else len(_GRADE_ORDER)


def figure_rules(figure: Figure) -> tuple[str, ...]:
    """The ids of the rules that found a figure's value, subject, period and metric."""
    return tuple(r for r in (figure.value_rule, figure.subject_rule, figure.period_rule,
                             figure.metric_rule) if r)


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


def _articles_of(claims: Iterable[Claim]) -> set[str]:
    return {r.article_id for c in claims for r in c.refs}


def find_conflicts(
    claims: Sequence[Claim], titles: dict[str, str] | None = None
) -> tuple[Conflict, ...]:
    """Disagreements a careful brief flags rather than hides: the same canonical metric (a
    metrics.yaml entry, not a label derived from nearby words), the same subject and period,
    each stated by its source's own clause or sentence, with values that cannot both be true
    (超过5亿 and 5.2亿 can), from different articles. Values of one article never conflict
    with each other: one sentence stating 9th and 12th states two rankings, not a dispute.
    """
    titles = titles or {}
    known = lexicon().metrics
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.stated and claim.metric in known and claim.subject and claim.period:
            groups[(claim.metric, claim.subject, claim.period, claim.unit)].append(claim)
    out = []
    for (metric, subject, period, _), group in groups.items():
        sides = _disputing(group)
        if sides:
            out.append(Conflict(metric, subject, period, sides,
                                _conflict_note(metric, period, sides, titles)))
    return tuple(out)


def _disputing(group: Sequence[Claim]) -> tuple[Claim, ...]:
    """The claims of a group that some claim from another article contradicts."""
    return tuple(
        a for a in group
        if any(not _consistent(a, b) and _articles_of([a]).isdisjoint(_articles_of([b]))
               for b in group if b is not a)
    )


def build_series(claims: Sequence[Claim]) -> tuple[Series, ...]:
    """A series per (metric, subject, unit) stated for two or more periods, points by period.

    Only stated levels with a known subject: a chart must not join figures about different
    things, nor plot a value whose subject or period its source leaves to the reader.

    When sources disagree on a period, the value with most sources is plotted.
    """
    groups: dict[tuple[str, str | None, str], dict[str, list[Claim]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for claim in claims:
        if claim.stated and claim.period and claim.subject and claim.unit not in _NO_SERIES_UNITS \
                and TARGET_PERIOD_RULE not in claim.rules:  # a target is no data point
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


_DISCUSSED_AT = 2  #: sentences mentioning a theme before an article counts as discussing it


def summarize_themes(extractions: Sequence[Extraction],
                     articles: Sequence[Article] = ()) -> tuple[ThemeSummary, ...]:
    """One summary per theme, mentions best first; themes ranked by how many independent
    sources discuss them, then by how recent the newest of them is.

    An article discusses a theme when two or more of its sentences mention it or its title
    does; reposts of one story (the same title) count once.
    """
    by_id = {a.id: a for a in articles}
    by_theme: dict[str, list[ThemeMention]] = defaultdict(list)
    for extraction in extractions:
        by_theme_seen = set()
        for mention in extraction.themes:
            key = (mention.theme, mention.ref.start, mention.ref.end)
            if key not in by_theme_seen:
                by_theme_seen.add(key)
                by_theme[mention.theme].append(mention)
    summaries = []
    for theme, mentions in by_theme.items():
        discussing = _discussing(mentions, by_id)
        summaries.append(ThemeSummary(
            theme,
            tuple(sorted(mentions, key=_mention_rank)),
            tuple(dict.fromkeys(m.ref.article_id for m in mentions)),
            discussing,
            max((by_id[i].date or "" for i in discussing if i in by_id), default=""),
        ))
    return tuple(sorted(summaries, key=lambda s: (
        -len(s.discussed_by), _descending(s.latest), -len(s.article_ids), -len(s.mentions))))


def _discussing(mentions: Sequence[ThemeMention], articles: dict[str, Article]) -> tuple[str, ...]:
    """The articles that discuss a theme, one per story (reposts share a title)."""
    sentences: dict[str, set[int]] = defaultdict(set)
    terms: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        sentences[m.ref.article_id].add(m.ref.start)
        terms[m.ref.article_id].add(m.term)
    stories: dict[str, str] = {}
    for article_id, starts in sentences.items():
        article = articles.get(article_id)
        title = (article.title or "") if article else ""
        in_title = any(term in title for term in terms[article_id])
        if len(starts) >= _DISCUSSED_AT or in_title:
            stories.setdefault(_story(title) or article_id, article_id)
    return tuple(stories.values())


def _story(title: str) -> str:
    """A title folded so reposts of one story compare equal (spaces and brackets dropped)."""
    return re.sub(r"[\s《》“”\"'()（）【】\[\]:：,，、|｜_-]", "", title)


def _descending(date: str) -> tuple[int, ...]:
    """Sort key putting newer ISO dates first ("" last)."""
    return tuple(-int(part) for part in re.findall(r"\d+", date)) or (1,)


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
        themes=summarize_themes(extractions, articles),
        enumerations=tuple(e for x in extractions for e in x.enumerations),
        quotes=unique_quotes(extractions),
        events=tuple(e for x in extractions for e in x.events),
        skipped=tuple(skipped),
    )
