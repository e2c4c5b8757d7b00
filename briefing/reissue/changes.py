"""本期新增 / What's new: what the corpus says now that the previous issue's record did not.

    record_of(corpus) -> dict             the JSON-able record an issue keeps (archive/<n>/issue.json)
    changes_since(previous, corpus) -> Changes
    cites_only(changes, corpus) -> bool   every citation it carries is in the corpus, verbatim

A record lists the sources (article id, file, title, outlet, date), every consolidated figure
under its claim key (metric, subject, period) with its values and citations, and every
recommendation item. Comparing the previous issue's record with the current corpus gives
new sources, new figures (a key the previous issue did not have, e.g. a later survey year),
revised figures (same key, other value: old → new, each with its citation), new
recommendations, and figures no longer backed by any source (the key is gone).

Templates see the result as `changes` (see docs/templates.md); the current side of each
change carries SourceRefs so `cite()` works, the previous side is named in words because its
article may no longer be in the corpus.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from briefing.models import Claim, Corpus, SourceRef

RECORD_VERSION = 1


@dataclass(frozen=True, slots=True)
class OldCitation:
    """Where the previous issue's value came from, in words (its article may be gone)."""

    file: str
    source: str  #: outlet, site or title of the article, as recorded
    sentence: str


@dataclass(frozen=True, slots=True)
class SourceChange:
    """An article the previous issue did not draw on."""

    file: str
    title: str | None
    outlet: str | None
    date: str | None


@dataclass(frozen=True, slots=True)
class FigureChange:
    """A figure that is new, revised (`old_*` set) or no longer backed (`refs` empty)."""

    metric: str
    subject: str | None
    period: str | None
    unit: str
    raw: str  #: current printed value ("" when no longer backed)
    value: float | None
    refs: tuple[SourceRef, ...] = ()  #: current citations, for cite()
    old_raw: str = ""
    old_value: float | None = None
    old_citations: tuple[OldCitation, ...] = ()


@dataclass(frozen=True, slots=True)
class RecommendationChange:
    """A recommendation item no earlier issue recorded."""

    heading: str
    text: str
    refs: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed since `previous_issue` (None for a first issue: nothing is "new")."""

    previous_issue: int | None = None
    previous_date: str | None = None
    new_sources: tuple[SourceChange, ...] = ()
    new_figures: tuple[FigureChange, ...] = ()
    revised_figures: tuple[FigureChange, ...] = ()
    new_recommendations: tuple[RecommendationChange, ...] = ()
    unbacked_figures: tuple[FigureChange, ...] = ()

    @property
    def any(self) -> bool:
        """Whether there is anything to report."""
        return self.count > 0

    @property
    def count(self) -> int:
        return (len(self.new_sources) + len(self.new_figures) + len(self.revised_figures)
                + len(self.new_recommendations) + len(self.unbacked_figures))

    def __bool__(self) -> bool:
        return self.any


#: the figure lines a plain-text summary gives at most (the rest is in the audit record)
SUMMARY_FIGURES = 4


def summary_lines(changes: Changes, lang: str = "zh", limit: int = SUMMARY_FIGURES) -> list[str]:
    """What's new as plain lines (e-mail bodies, logs), empty when nothing is new: one line
    of counts, then at most `limit` figures — revisions first (old → new, naming the old
    value's sources), then new figures — in one punctuation style per language. Sources are
    counted, never listed by a placeholder name."""
    if not changes:
        return []
    zh = lang == "zh"
    sep, colon = ("，", "：") if zh else (", ", ": ")

    def where(f: FigureChange) -> str:
        parts = [p for p in (f.subject, f.metric) if p]
        name = ("" if zh else " ").join(parts)
        period = f"（{f.period}）" if zh else f" ({f.period})"
        return name + (period if f.period else "")

    def sources(f: FigureChange) -> str:
        names = [c.source for c in f.old_citations if c.source]
        joined = ("、" if zh else ", ").join(dict.fromkeys(names))
        if not joined:
            return ""
        return f"（原据{joined}）" if zh else f" (previously {joined})"

    if zh:
        counts = [f"新增来源{len(changes.new_sources)}篇", f"新增数据{len(changes.new_figures)}项",
                  f"修订数据{len(changes.revised_figures)}项"]
        counts += [f"新增建议{n}条" for n in [len(changes.new_recommendations)] if n]
        counts += [f"{n}项数据不再有来源支持" for n in [len(changes.unbacked_figures)] if n]
        head = f"与第{changes.previous_issue}期相比{colon}{sep.join(counts)}。"
    else:
        def many(n: int, what: str) -> str:
            return f"{n} {what}" + ("" if n == 1 else "s")

        counts = [many(len(changes.new_sources), "new source"),
                  many(len(changes.new_figures), "new figure"),
                  many(len(changes.revised_figures), "revised figure")]
        counts += [many(n, "new recommendation") for n in [len(changes.new_recommendations)] if n]
        counts += [many(n, "figure") + " no longer backed"
                   for n in [len(changes.unbacked_figures)] if n]
        head = f"Since issue {changes.previous_issue}{colon}{sep.join(counts)}."
    revised = [("数据修订" if zh else "Revised") + colon
               + f"{where(f)} {f.old_raw}{sources(f)} → {f.raw}" for f in changes.revised_figures]
    added = [("新增数据" if zh else "New figure") + colon + f"{where(f)} {f.raw}"
             for f in changes.new_figures]
    return [head, *(revised + added)[:limit]]


CHANGE_TYPES = {c.__name__: c for c in
                (OldCitation, SourceChange, FigureChange, RecommendationChange, Changes)}


def _refs(changes: Changes) -> Iterator[SourceRef]:
    for change in (*changes.new_figures, *changes.revised_figures, *changes.unbacked_figures,
                   *changes.new_recommendations):
        yield from change.refs


def cites_only(changes: Changes, corpus: Corpus) -> bool:
    """Whether every citation `changes` carries points into `corpus`: its article is there
    and holds the cited sentence at its span. A what's-new whose source was removed or edited
    since cannot be printed again (its article, or its sentence, is gone)."""
    texts = {a.id: a.text for a in corpus.articles}
    return all(r.article_id in texts and 0 <= r.start <= r.end
               and texts[r.article_id][r.start:r.end] == r.sentence for r in _refs(changes))


# --------------------------------------------------------------------------- the record


def figure_key(metric: str, subject: str | None, period: str | None) -> str:
    """The claim key as one string (metric|subject|period), as records store it."""
    return f"{metric}|{subject or ''}|{period or ''}"


def _item_key(text: str) -> str:
    return hashlib.sha256("".join(text.split()).encode()).hexdigest()[:16]


def _source_name(corpus: Corpus, article_id: str) -> str:
    for a in corpus.articles:
        if a.id == article_id:
            return a.outlet or a.site or a.title or a.file
    return ""


def record_of(corpus: Corpus) -> dict[str, Any]:
    """The JSON-able record of what the corpus states, kept with each issue."""
    figures: dict[str, dict[str, Any]] = {}
    for claim in (c for c in corpus.claims if c.stated):  # what a brief may print as a figure
        entry = figures.setdefault(figure_key(claim.metric, claim.subject, claim.period), {
            "metric": claim.metric, "subject": claim.subject, "period": claim.period,
            "unit": claim.unit, "values": []})
        entry["values"].append({
            "value": claim.value, "raw": claim.raw,
            "citations": [{"file": r.file, "source": _source_name(corpus, r.article_id),
                           "sentence": r.sentence} for r in claim.refs],
        })
    for entry in figures.values():
        entry["values"].sort(key=lambda v: v["value"])
    recommendations = {
        _item_key(item.text): {"heading": item.heading, "text": item.text}
        for e in corpus.enumerations if e.kind == "recommendation" for item in e.items
    }
    sources = {a.id: {"file": a.file, "title": a.title, "outlet": a.outlet, "date": a.date}
               for a in corpus.articles}
    return {"version": RECORD_VERSION, "sources": sources, "figures": figures,
            "recommendations": recommendations}


# --------------------------------------------------------------------------- the comparison


def changes_since(previous: dict[str, Any] | None, corpus: Corpus, *,
                  previous_issue: int | None = None,
                  previous_date: str | None = None) -> Changes:
    """What `corpus` states that the `previous` record did not (empty Changes without one)."""
    if not previous or previous.get("version") != RECORD_VERSION:
        return Changes(previous_issue, previous_date)
    current = record_of(corpus)
    claims = _claims_by_key(corpus)
    old_figures: dict[str, Any] = previous.get("figures", {})
    new_figures, revised = [], []
    for key, entry in current["figures"].items():
        old = old_figures.get(key)
        if old is None:
            new_figures.append(_figure_change(entry, claims[key]))
        elif _values(old) != _values(entry):
            revised.append(_figure_change(entry, claims[key], old))
    unbacked = [_unbacked(entry) for key, entry in old_figures.items()
                if key not in current["figures"]]
    old_sources = previous.get("sources", {})
    new_sources = [SourceChange(a.file, a.title, a.outlet, a.date)
                   for a in corpus.articles if a.id not in old_sources]
    old_items = previous.get("recommendations", {})
    new_recs = [RecommendationChange(item.heading, item.text, (item.ref,))
                for e in corpus.enumerations if e.kind == "recommendation" for item in e.items
                if _item_key(item.text) not in old_items]
    return Changes(
        previous_issue=previous_issue, previous_date=previous_date,
        new_sources=tuple(new_sources), new_figures=tuple(new_figures),
        revised_figures=tuple(revised),
        new_recommendations=tuple(dict((r.text, r) for r in new_recs).values()),
        unbacked_figures=tuple(unbacked),
    )


def _claims_by_key(corpus: Corpus) -> dict[str, list[Claim]]:
    out: dict[str, list[Claim]] = {}
    for claim in corpus.claims:
        out.setdefault(figure_key(claim.metric, claim.subject, claim.period), []).append(claim)
    return out


def _values(entry: dict[str, Any]) -> list[float]:
    return sorted(float(v["value"]) for v in entry.get("values", ()))


def _old_citations(entry: dict[str, Any]) -> tuple[OldCitation, ...]:
    return tuple(OldCitation(str(c.get("file", "")), str(c.get("source", "")),
                             str(c.get("sentence", "")))
                 for v in entry.get("values", ()) for c in v.get("citations", ()))


def _figure_change(entry: dict[str, Any], claims: list[Claim],
                   old: dict[str, Any] | None = None) -> FigureChange:
    best = max(claims, key=lambda c: c.source_count)  # the best-corroborated value leads
    refs = tuple(r for c in claims for r in c.refs)
    old_values = (old or {}).get("values", ())
    return FigureChange(
        metric=entry["metric"], subject=entry["subject"], period=entry["period"],
        unit=entry["unit"], raw=best.raw, value=best.value, refs=refs,
        old_raw="、".join(str(v.get("raw", "")) for v in old_values),
        old_value=float(old_values[0]["value"]) if old_values else None,
        old_citations=_old_citations(old) if old else (),
    )


def _unbacked(entry: dict[str, Any]) -> FigureChange:
    values = entry.get("values", ())
    return FigureChange(
        metric=str(entry.get("metric", "")), subject=entry.get("subject"),
        period=entry.get("period"), unit=str(entry.get("unit", "")), raw="", value=None,
        old_raw="、".join(str(v.get("raw", "")) for v in values),
        old_value=float(values[0]["value"]) if values else None,
        old_citations=_old_citations(entry),
    )


__all__ = [
    "CHANGE_TYPES",
    "Changes",
    "FigureChange",
    "OldCitation",
    "RecommendationChange",
    "SourceChange",
    "changes_since",
    "cites_only",
    "SUMMARY_FIGURES",
    "figure_key",
    "record_of",
    "summary_lines",
]
