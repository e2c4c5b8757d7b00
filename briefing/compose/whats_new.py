"""本期新增 / What's new as a reader takes it in: counts, then the few changes that matter.

briefing.reissue.changes compares the corpus with the previous issue's record and lists
every change (the audit record keeps them all). A brief prints a summary bounded by its
template's `[whats_new] max_lines`: one line of counts (new sources, new and revised figures,
new recommendations), then at most `max_lines - 1` figures: revised figures first (old → new,
both sources), then new stated key figures (newest period, best corroborated first). Only
figures whose names read in the brief's language (briefing/compose/glossary.py) are worded;
a value that only joins a standing one (two sources now disagree) is the conflicts section's,
not a revision.

Templates see it as `whats_new` (docs/templates.md); false on a first issue and when nothing
is new.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from briefing.compose.figures import claim_period_text, in_language
from briefing.compose.numbers import NumberStyle
from briefing.models import Claim, Corpus, Fact, SourceRef
from briefing.reissue.changes import Changes, FigureChange


@dataclass(frozen=True)
class NewsItem:
    """One figure of what's new, worded in the house style; `old_text` and `old_sources` are
    set for a revision (the previous value and the sources that stated it)."""

    statement_kind: ClassVar[str] = "figure"

    metric: str
    subject: str
    period: str  #: printed period ("" when no cited sentence states it)
    unit: str
    text: str  #: the value in the house style
    refs: tuple[SourceRef, ...]
    facts: tuple[Fact, ...]
    old_text: str = ""
    old_sources: tuple[str, ...] = ()  #: names of the previous value's sources ("" unnamed)

    @property
    def revised(self) -> bool:
        return bool(self.old_text)


@dataclass(frozen=True)
class WhatsNew:
    """Counts of what changed since `previous_issue`, and the items a brief prints."""

    previous_issue: int | None
    previous_date: str | None
    new_sources: int = 0
    new_figures: int = 0
    revised_figures: int = 0
    new_recommendations: int = 0
    unbacked_figures: int = 0
    items: tuple[NewsItem, ...] = ()
    more: int = 0  #: changed figures left out of `items` (they are in the audit record)

    @property
    def count(self) -> int:
        return (self.new_sources + self.new_figures + self.revised_figures
                + self.new_recommendations + self.unbacked_figures)

    def __bool__(self) -> bool:
        return self.count > 0


def summarize(changes: Changes | None, corpus: Corpus, style: NumberStyle, lang: str,
              max_lines: int) -> WhatsNew:
    """What's new in at most `max_lines` lines: the counts line and the items that matter."""
    if not changes:
        return WhatsNew(getattr(changes, "previous_issue", None),
                        getattr(changes, "previous_date", None))
    claims = _claims(corpus)
    revised = [r for r in changes.revised_figures if not _value_stands(r, claims)]
    candidates = [(0, change) for change in revised]
    candidates += [(1, change) for change in changes.new_figures]
    items = []
    for rank, change in sorted(candidates, key=lambda rc: _order(rc, claims)):
        claim = _best(claims, change)
        if claim is None or not in_language(claim, lang) or (rank == 1 and not claim.key):
            continue
        items.append(_item(change, claim, style, revision=rank == 0))
    shown = tuple(items[:max(max_lines - 1, 0)])
    return WhatsNew(
        previous_issue=changes.previous_issue, previous_date=changes.previous_date,
        new_sources=len(changes.new_sources), new_figures=len(changes.new_figures),
        revised_figures=len(revised), new_recommendations=len(changes.new_recommendations),
        unbacked_figures=len(changes.unbacked_figures), items=shown,
        more=len(changes.new_figures) + len(revised) - len(shown),
    )


Key = tuple[str, str | None, str | None]


def _claims(corpus: Corpus) -> dict[Key, list[Claim]]:
    out: dict[Key, list[Claim]] = {}
    for claim in corpus.claims:
        if claim.stated:
            out.setdefault((claim.metric, claim.subject, claim.period), []).append(claim)
    return out


def _key(change: FigureChange) -> Key:
    return (change.metric, change.subject, change.period)


def _best(claims: dict[Key, list[Claim]], change: FigureChange) -> Claim | None:
    """The stated claim of the change's key that carries its current value."""
    found = claims.get(_key(change), [])
    exact = [c for c in found if c.value == change.value] or found
    return max(exact, key=lambda c: c.source_count) if exact else None


def _value_stands(change: FigureChange, claims: dict[Key, list[Claim]]) -> bool:
    """Whether the previous value is still among the current ones (a second source now
    states another value: a disagreement, not a revision)."""
    return change.old_value is not None and any(
        c.value == change.old_value for c in claims.get(_key(change), []))


def _order(ranked: tuple[int, FigureChange], claims: dict[Key, list[Claim]]) -> tuple:
    """Revisions first, then key figures, the newest period, the best corroborated."""
    rank, change = ranked
    claim = _best(claims, change)
    return (rank, not (claim and claim.key), _newest_first(change.period or ""),
            -(claim.source_count if claim else 0), change.metric)


def _newest_first(period: str) -> tuple[int, ...]:
    """A sort key that puts later periods ("2024" after "2022-12") first."""
    return tuple(-ord(ch) for ch in period) + (1,)


#: a recorded source name that is only the article's file name: no name to print
_FILE_NAME = re.compile(r"^[\w.-]+\.(?:txt|html?|md|docx)$", re.IGNORECASE)


def _item(change: FigureChange, claim: Claim, style: NumberStyle, revision: bool) -> NewsItem:
    fact = Fact(claim.metric, claim.subject, claim.period, claim.value, claim.unit,
                claim.qualifier, claim.grade, claim.rules)
    old_text, old_sources = "", ()
    if revision:
        old_text = style.figure(change.old_value or 0.0, change.unit, change.old_raw)
        old_sources = tuple(dict.fromkeys(c.source for c in change.old_citations
                                          if c.source and not _FILE_NAME.match(c.source)))
    return NewsItem(
        metric=claim.metric, subject=claim.subject or "",
        period=claim_period_text(claim, style), unit=claim.unit,
        text=style.figure(claim.value, claim.unit, claim.raw, claim.qualifier),
        refs=claim.refs, facts=(fact,), old_text=old_text, old_sources=old_sources,
    )


__all__ = ["NewsItem", "WhatsNew", "summarize"]
