"""Chart data built from the Corpus, by the chart kind a template asks for.

[charts.<id>] in template.toml names a kind:
- line / bar: one metric's Series by period (index by year; a rank by year, drawn inverted);
- timeline: the stages the articles name, as year ranges, and the dated events, by year (the
  first MAX_TIMELINE_STAGES stages and the latest MAX_TIMELINE_EVENTS events: a row each);
- matrix: themes against sources, each cell the number of times a source mentions a theme.
A chart exists only when its data do (two periods, two dated items, two themes); otherwise the
chart section is left out, so no brief prints an empty or invented chart.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from briefing.compose import views
from briefing.compose.figures import ChartData, unique_refs
from briefing.models import ChartSeries, Corpus, SourceRef
from briefing.read.metadata import source_label

KINDS = ("line", "bar", "timeline", "matrix")
#: a stage's year range: "1981年—1992年", "(2000-2013)", "2014年至今"
_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*年?\s*(?:[—–\-~～至到]+\s*((?:19|20)\d{2})\s*年?|(至今|以来))")
_YEAR = re.compile(r"^((?:19|20)\d{2})(?:-(\d{1,2}))?")


@dataclass(frozen=True)
class KindChartData(ChartData):
    """Chart data that is not one series: timeline or matrix, with its series ready to draw."""

    kind: str = "line"
    series: tuple[ChartSeries, ...] = field(default=())


def chart_data(corpus: Corpus, chart_id: str, spec: Mapping[str, Any],
               source_names: Mapping[str, str], lang: str | None = None) -> ChartData | None:
    """The data of one [charts.<id>] entry, or None when the corpus has too little for it.
    A timeline labels its points with its sources' words: only sources in the brief's `lang`."""
    kind = str(spec.get("kind", "line"))
    if kind == "timeline":
        return timeline_data(corpus, chart_id, latest_year(corpus),
                             Milestones(tuple(spec.get("milestones", ())),
                                        tuple(spec.get("not_milestones", ()))), lang=lang)
    if kind == "matrix":
        return matrix_data(corpus, chart_id, source_names, int(spec.get("max_themes", 8)),
                           int(spec.get("max_sources", 8)))
    return views.chart_data(corpus, chart_id, spec.get("metric", ""), spec.get("subject"))


def latest_year(corpus: Corpus) -> int | None:
    """The year of the newest article: what a stage "至今" runs to."""
    years = [int(a.date[:4]) for a in corpus.articles if a.date and a.date[:4].isdigit()]
    return max(years, default=None)


def year_value(date: str) -> float | None:
    """"2014" → 2014.0, "2014-02" → 2014.083 (a position on a year axis)."""
    m = _YEAR.match(date)
    if not m:
        return None
    month = int(m.group(2)) if m.group(2) else 1
    return int(m.group(1)) + (month - 1) / 12


def stage_range(text: str, now_year: int | None) -> tuple[float, float, bool] | None:
    """The (start, end, open) years a stage heading names; a stage "至今" is open and ends,
    for the axis, at `now_year`."""
    m = _YEAR_RANGE.search(text)
    if not m:
        return None
    start = float(m.group(1))
    end = float(m.group(2)) if m.group(2) else float(max(now_year or start, start))
    return (start, end, not m.group(2)) if end >= start else None


MAX_TIMELINE_STAGES = 12  #: a timeline's stage rows at most (the first the articles name)
MAX_TIMELINE_EVENTS = 24  #: a timeline's event rows at most (the latest)

#: an aside in brackets: left out of a label (…平台（以下简称：平台）初步建成)
_ASIDE = re.compile(r"[（(][^（）()]*[）)]")
#: where a label's first phrase ends
_PHRASE_END = re.compile(r"[，,；;。！？!?]")


def short_label(text: str, limit: int = 0) -> str:
    """A stage or event as a chart labels it: its text without the year range and asides,
    its first phrase, whole (the chart wraps a long one). With `limit` (a matrix column:
    a source's title), the phrase is shortened to that many characters, ending on a whole
    word with "…"."""
    text = _ASIDE.sub("", _YEAR_RANGE.sub("", text)).strip(" （）()：:，,。")
    phrase = _PHRASE_END.split(text, maxsplit=1)[0].strip() or text
    if not limit or len(phrase) <= limit:
        return phrase
    cut = phrase[: limit - 1]
    if re.search(r"[A-Za-z0-9]$", cut) and " " in cut:  # never inside a Latin word
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ，,、") + "…"


@dataclass(frozen=True)
class Milestones:
    """Which dated events a timeline draws: those naming one of `words` (the kinds of action
    the template lists: 启动, 印发, 上线 …) and none of `not_words` (gatherings: 发布会,
    研讨会 …). With no words every dated event is drawn."""

    words: tuple[str, ...] = ()
    not_words: tuple[str, ...] = ()

    def drawn(self, text: str) -> bool:
        if any(w in text for w in self.not_words):
            return False
        return not self.words or any(w in text for w in self.words)


def timeline_data(corpus: Corpus, chart_id: str, now_year: int | None,
                  milestones: Milestones = Milestones(),
                  max_stages: int = MAX_TIMELINE_STAGES,
                  max_events: int = MAX_TIMELINE_EVENTS,
                  lang: str | None = None) -> KindChartData | None:
    """Stages (year ranges, the first `max_stages` named) and dated milestones (the latest
    `max_events`), from sources in `lang` (all when None); None unless at least two items
    have years."""

    stage_points, ends, opened, stage_refs = [], [], [], []
    for enum in views.written_in(corpus, corpus.enumerations, lang):
        if enum.kind != "stage":
            continue
        for item in enum.items:
            span = stage_range(item.heading or item.text, now_year)
            if span:
                stage_points.append((short_label(item.heading or item.text), span[0]))
                ends.append(span[1])
                opened.append(span[2])
                stage_refs.append(item.ref)
    event_points, labels, event_refs = [], [], []
    for event in sorted(views.written_in(corpus, corpus.events, lang), key=lambda e: e.date):
        year = year_value(event.date)
        if year is not None and milestones.drawn(event.text):
            event_points.append((event.date, round(year, 3)))
            labels.append(short_label(event.text))
            event_refs.append(event.ref)
    # a row each: unbounded, a large corpus's chart grows past any page (and past the image
    # size PIL accepts at 10,000 articles, which failed the brief on every build)
    stage_points, ends, opened, stage_refs = stage_points[:max_stages], ends[:max_stages], \
        opened[:max_stages], stage_refs[:max_stages]
    event_points, labels, event_refs = event_points[-max_events:], labels[-max_events:], \
        event_refs[-max_events:]
    if len(stage_points) + len(event_points) < 2:
        return None
    series = []
    if stage_points:
        series.append(ChartSeries("阶段", tuple(stage_points), ends=tuple(ends),
                                  open_ends=tuple(opened)))
    if event_points:
        series.append(ChartSeries("事件", tuple(event_points), labels=tuple(labels)))
    refs = unique_refs(stage_refs, event_refs)
    return KindChartData(chart_id, "timeline", "", "year", (), refs, kind="timeline",
                         series=tuple(series))


def matrix_data(corpus: Corpus, chart_id: str, source_names: Mapping[str, str],
                max_themes: int = 8, max_sources: int = 8) -> KindChartData | None:
    """Themes × sources: one series per theme, a point per source with its mention count.

    The sources are the `max_sources` that mention these themes most (a column per source
    stays legible); each is named as in running text, else by its title or opening words.
    """
    themes = corpus.themes[:max_themes]
    mentions = Counter(m.ref.article_id for t in themes for m in t.mentions)
    article_ids = [a for a, _ in sorted(mentions.items(), key=lambda kv: -kv[1])[:max_sources]]
    if len(themes) < 2 or not article_ids:
        return None
    articles = {a.id: a for a in corpus.articles}
    columns = [source_names.get(a) or short_label(source_label(articles[a]), 12)
               if a in articles else a[:8] for a in article_ids]
    series, refs = [], []
    for theme in themes:
        counts = {a: 0 for a in article_ids}
        for mention in theme.mentions:
            if mention.ref.article_id in counts:
                counts[mention.ref.article_id] += 1
                refs.append(mention.ref)
        series.append(ChartSeries(theme.theme, tuple((columns[i], float(counts[a]))
                                                     for i, a in enumerate(article_ids))))
    return KindChartData(chart_id, "matrix", "", "count", (), _first_per_article(refs),
                         kind="matrix", series=tuple(series))


def _first_per_article(refs: list[SourceRef]) -> tuple[SourceRef, ...]:
    """One ref per article (a matrix cites its sources, not every mention)."""
    seen: dict[str, SourceRef] = {}
    for ref in refs:
        seen.setdefault(ref.article_id, ref)
    return tuple(seen.values())
