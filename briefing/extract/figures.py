"""Figure extraction: numbers an article states, with unit, period, subject and metric."""

from __future__ import annotations

import re
from dataclasses import replace

from briefing.extract.candidates import Candidate, clause_starts, find_candidates
from briefing.extract.english import find_english_candidates, is_latin
from briefing.extract.figure_metrics import (
    index_metric,
    plain_metric,
    text_label,
    unit_for_scaled,
)
from briefing.extract.figure_subjects import (
    names_subject,
    respectively,
    strip_subject,
    subject_hint,
    subject_of,
)
from briefing.extract.lexicon import Lexicon, lexicon
from briefing.extract.periods import PRESENT_CUES, carried_period, own_period, time_mentions
from briefing.extract.sentence_context import SentenceContext, clause_bounds, fold_width
from briefing.models import Article, Figure, Paragraph, Sentence, SourceRef

_INDEX_WORD = re.compile(r"指数|index", re.IGNORECASE)
_SURVEY_UNITS = ("index", "rank", "rank_change")


def _pub_year(article: Article) -> int | None:
    match = re.match(r"(\d{4})", article.date or "")
    return int(match.group(1)) if match else None


def _said_of_now(ctx: SentenceContext, bounds: tuple[int, int]) -> bool:
    """A present-tense clause without a year of its own: 目前… in it, or opening the sentence."""
    if any(bounds[0] <= m.start < bounds[1] for m in ctx.times):
        return False
    if PRESENT_CUES.search(ctx.text, *bounds):
        return True
    earlier_years = any(m.start < bounds[0] for m in ctx.times)
    return not earlier_years and bool(PRESENT_CUES.search(ctx.text, 0, bounds[0]))


def _period(ctx: SentenceContext, cand: Candidate) -> str | None:
    """The figure's own year, else a present-tense clause's publication year, else carried."""
    if cand.unit == "years":
        return None  # a duration describes no single year
    bounds = clause_bounds(ctx, cand.start)
    if ctx.pub_year and _said_of_now(ctx, bounds):
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
    ctx: SentenceContext,
    cand: Candidate,
    article: Article,
    sent: Sentence,
    previous: str | None = None,
) -> Figure | None:
    """The Figure a candidate number is, or None when it is a decimal outside an index context."""
    unit = "index" if cand.unit == "index_candidate" else cand.unit
    cand = replace(cand, unit=unit)
    anchor = cand.start
    if unit in ("index", "rank", "rank_change"):
        metric, index = index_metric(lex, ctx, cand)
        if index is not None and index.end <= cand.start:
            anchor = index.start  # the subject is the index's: 我国电子政务发展指数…位居45名
    else:
        metric = plain_metric(lex, ctx, cand)
    if (
        unit == "index"
        and metric is None
        and not _INDEX_WORD.search(ctx.text, max(0, cand.start - 20), cand.start)
    ):
        return None  # a bare decimal is only a figure in an index context
    words = strip_subject(lex, text_label(lex, ctx, cand, metric, previous))
    label = metric or words
    if unit == "scaled":
        unit = unit_for_scaled(lex, metric, label)
    ref = SourceRef(article.id, article.file, sent.start, sent.end, sent.text)
    return Figure(
        value=cand.value,
        unit=unit,
        raw=article.text[sent.start + cand.start : sent.start + cand.end],
        ref=ref,
        qualifier=cand.qualifier,
        period=_period(ctx, cand),
        subject=subject_of(lex, ctx, anchor, subject_hint(ctx, cand, metric, label)),
        metric=label or None,
        label=words or None,
    )


def _sentence_figures(
    lex: Lexicon, article: Article, sent: Sentence, carried: tuple[str | None, str | None]
) -> tuple[list[Figure], SentenceContext]:
    text = fold_width(article.norm[sent.start : sent.end])
    pub_year = _pub_year(article)
    latin = is_latin(text)
    ctx = SentenceContext(
        text=text,
        clauses=clause_starts(text),
        times=time_mentions(text, pub_year),
        metrics=lex.metric_mentions(text),
        subjects=[m for m in lex.subject_mentions(text) if names_subject(text, m)],
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
    return respectively(ctx, figures, positions), ctx


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
