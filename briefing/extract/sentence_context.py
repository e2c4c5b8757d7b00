"""What the figures of one sentence share: its normalized text, clauses, times and words."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.extract.lexicon import Mention
from briefing.extract.periods import TimeMention
from briefing.extract.scopes import ArticleScope
from briefing.textnorm import fold_width

__all__ = ["COUNTED_UNITS", "SentenceContext", "clause_bounds", "fold_width", "nearest"]

#: Units of counted things (a scaled number such as 2040万 becomes one of these).
COUNTED_UNITS = ("count", "persons", "households", "person_times", "calls", "times")


@dataclass(frozen=True, slots=True)
class SentenceContext:
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
    article: ArticleScope = ArticleScope()  #: what the whole article says (title, lead, date)
    as_of: str | None = None  #: the last 截至… period stated in an earlier paragraph
    document: str | None = None  #: the last plan or programme 《…》 the article named so far
    document_year: str | None = None  #: the year of that document's number (〔2021〕1898号)
    carried_place: str | None = None  #: the last place an earlier sentence of the paragraph named
    position: int = 0  #: where the sentence starts in the article's text

    def report(self) -> tuple[str | None, str | None]:
        """The article's report year and issue year, where the text has named that report."""
        if self.position < self.article.report_from:
            return None, None
        return self.article.report_period, self.article.report_issued


def clause_bounds(ctx: SentenceContext, pos: int) -> tuple[int, int]:
    """Start and end of the clause that contains `pos`."""
    start = max((s for s in ctx.clauses if s <= pos), default=0)
    end = min((s for s in ctx.clauses if s > pos), default=len(ctx.text))
    return start, end


def nearest(
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
