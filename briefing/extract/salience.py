"""Salience: which of an article's figures are its headline ("key") figures.

A figure's salience adds the evidence a reader uses to tell an article's headline numbers
from its supporting detail; `KEY_THRESHOLD` or more makes it key. For:

    headline metric   the lexicon flags its metric `key` (index values, ranks, user totals,
                      penetration …) or its unit is a survey unit (index, rank, rank change)
    user total        a large count of a service's users (个人用户注册数量2.39亿)
    online rate       a share of services offered or handled online (网办比例, 在线办事率)
    lead              in the article's lead: the first sentence with a substantive figure,
                      and the first sentence that reports a finding (news puts it first)
    finding           its sentence reports what a survey or statistic found (数据显示,
                      《报告》显示, 据…统计, a report … shows)
    echoed            the title or a section heading prints its number
    few figures       the article gives only a handful of substantive figures

and against, for the figures that frame a finding rather than report one:

    duration          how long something has run (近40年的历程, 改革已经实施三年)
    change            the amount of a change (比2018年增加了15个, 新增用户985万, rose by)
    base              the population a figure is taken from or a survey covers
                      (在193个成员国中, 全国9.04亿网民中, 对190多个国家进行调查, among 193)
    aside             a breakdown in parentheses (用户5401万(本市户籍用户1156万))
    history           a sentence whose figures are years older than most of the article's
                      (a history of the field, not its current state)
    restated          a heading's figure that the body states again (the body's statement,
                      with its period and subject, is the finding)

All framing signals but change (a change is still news) make a figure "not substantive":
it neither opens the lead nor counts towards "few figures", and gains nothing from standing
in the lead or in a finding (a base in the lead is still a base). The vocabulary (user
words, online-rate words) is in briefing/data/salience.yaml; the grammar is here.

Contract:
    figure_signals(article, figures) -> tuple[Signals, ...]   the evidence, one per figure
    salience_scores(article, figures) -> tuple[float, ...]    the weighted sums
    mark_key_figures(article, figures) -> tuple[Figure, ...]  `salience` and `key` set
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Sequence

from briefing.extract.lexicon import Lexicon, cues, data_file, lexicon
from briefing.models import Article, Figure
from briefing.textnorm import fold_width

KEY_THRESHOLD = 2.0
#: An article with at most this many substantive figures presents each of them as a finding.
FEW_FIGURES = 3
#: A sentence whose newest period is this many years older than the article's is history.
HISTORY_YEARS = 6

WEIGHTS: dict[str, float] = {
    "headline_metric": 2.0,
    "user_total": 2.0,
    "online_rate": 2.0,
    "lead": 1.0,
    "echoed": 1.0,
    "few_figures": 1.0,
    "finding": 1.0,
    "duration": -3.0,
    "change": -2.0,
    "base": -3.0,
    "aside": -2.0,
    "history": -2.0,
    "restated": -3.0,
}

#: Units that measure a length of time: a programme's age frames the article.
_DURATION_UNITS = frozenset({"years"})
#: Context signals that make a figure not substantive for the lead and for counting.
_CONTEXT = ("duration", "base", "aside", "history", "restated")

# A change amount: the change verb directly before the number (比2018年增加了15个,
# 较2018年底增长76.3%, rose by 36 million), or 新增 before what is counted (新增个人用户985.1万).
# A verb with 为/至/到 states the new level (上升为0.9059, 提升至1655项): not a change.
_CHANGE_BEFORE = re.compile(
    rf"(?:{cues().pattern('change_verbs')}了?"
    r"|(?:增幅|增速|增量|涨幅|降幅)(?:达到?|为|是)?)"
    rf"\s*(?:{cues().pattern('over_words', 'about_words')}|多达)?\s*$"
    r"|(?:新增|净增)[^,;。]{0,10}$"
    r"|(?:rose|grew|increased|decreased|fell|dropped|up|down|added)\s+(?:by\s+)?"
    r"(?:about|nearly|more than|over)?\s*$",
    re.IGNORECASE,
)
# A base the figure is taken from: 在193个成员国中 / 全国9.04亿网民中 / 在32个重点城市(计划单列市)中
# / among 193 countries; and a survey's population: 对全球190多个国家……进行调查.
_BASE_AFTER = re.compile(r"^(?:[^,;。:()]|\([^()]{0,12}\)){0,14}?(?:中|之中|当中)")
# What follows 在N个X中 when it is a base: a clause break, 有, a rank verb (…中,有145个…,
# …中|位居第45).
_BASE_FOLLOW = re.compile(rf"^[,;:]|^有|^的|^{cues().pattern('rank_verbs', 'rank_move_verbs')}")
# The 在 (with a place) that opens a base: 在|193个成员国中, 在全球|190个国家中.
_BASE_OPEN = re.compile(rf"在(?:{cues().pattern('area_scopes')}|我国)?\s*$")
# An English base: among|193 countries, out of the|50 states.
_BASE_BEFORE = re.compile(r"(?:among|of the|out of)\s+(?:the\s+)?(?:about\s+|nearly\s+)?$",
                          re.IGNORECASE)
# The 对 that opens what a survey covers: 对全球|190多个国家…进行调查.
_SURVEY_SCOPE_BEFORE = re.compile(r"对[^,;。]{0,12}$")
# The survey verb after that population: …个国家|进行调查.
_SURVEY_VERB_AFTER = re.compile(r"^[^;。]{0,40}?(?:调查|评估|测评|评价|监测|调研)")
# A sentence that reports what a survey or statistic found: 数据显示, 《报告》显示, 据…统计,
# 根据《…报告》, 在…发布的《…评估报告》中 (a report, not a plan: 在《规划》中 proposes), a report
# … shows, according to the … survey.
_FINDING_CUE = re.compile(
    r"(?:数据|报告|调查|统计|监测|评估|结果|》)(?:数据)?(?:显示|表明|指出)"
    r"|据[^,;。]{0,30}(?:统计|报告|调查|数据)"
    r"|根据[^,;。]{0,30}(?:报告|调查|统计|数据)"
    r"|在[^,;。]{0,40}《[^》]{0,40}(?:报告|调查|评估|指数|统计|白皮书|公报)[^》]{0,8}》中"
    r"|\b(?:report|survey|data|statistics|figures)\b[^.;]{0,80}\b(?:show|shows|showed|found|finds)\b"
    r"|\baccording to\b[^,;.]{0,60}\b(?:report|survey|data|statistics|index)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")  # the digits of a figure, to find it in a heading


@dataclass(frozen=True, slots=True)
class Signals:
    """The evidence for and against one figure being a headline figure."""

    headline_metric: bool = False
    user_total: bool = False
    online_rate: bool = False
    lead: bool = False
    finding: bool = False
    echoed: bool = False
    few_figures: bool = False
    duration: bool = False
    change: bool = False
    base: bool = False
    aside: bool = False
    history: bool = False
    restated: bool = False

    @property
    def context(self) -> bool:
        """Whether the figure frames the article rather than reports a finding."""
        return any(getattr(self, name) for name in _CONTEXT)

    def score(self) -> float:
        """The weighted sum of the signals that hold."""
        return sum(w for name, w in WEIGHTS.items() if getattr(self, name))


@dataclass(frozen=True, slots=True)
class _Place:
    """A figure's sentence (normalized) and where the figure stands in it."""

    text: str
    start: int
    end: int
    in_heading: bool


def _locate(article: Article, figure: Figure, nth: int) -> _Place:
    """The normalized sentence and the span of the figure's nth printed form in it."""
    ref = figure.ref
    at = -1
    for _ in range(nth + 1):
        found = ref.sentence.find(figure.raw, at + 1)
        if found < 0:
            break
        at = found
    at = max(at, 0)
    norm = article.norm if len(article.norm) == len(article.text) else article.text
    in_heading = any(
        p.is_heading and p.start <= ref.start < p.end for p in article.paragraphs
    )
    return _Place(fold_width(norm[ref.start : ref.end]), at, at + len(figure.raw), in_heading)


def _inside_parentheses(text: str, pos: int) -> bool:
    """Whether `pos` is inside (…) of its sentence (full-width folded)."""
    return text.rfind("(", 0, pos) > text.rfind(")", 0, pos)


def _is_change(place: _Place) -> bool:
    return bool(_CHANGE_BEFORE.search(place.text[max(0, place.start - 12) : place.start]))


def _is_base(place: _Place) -> bool:
    """The population a figure is taken from, or the set of units a survey covers."""
    before, after = place.text[max(0, place.start - 16) : place.start], place.text[place.end :]
    taken_from = _BASE_AFTER.match(after)
    if taken_from and (_BASE_OPEN.search(before) or _BASE_FOLLOW.match(after[taken_from.end() :])):
        return True
    if _BASE_BEFORE.search(before):
        return True
    return bool(_SURVEY_SCOPE_BEFORE.search(before) and _SURVEY_VERB_AFTER.match(after))


def _year(period: str | None) -> int | None:
    match = re.match(r"(\d{4})", period or "")
    return int(match.group(1)) if match else None


def _historical_sentences(figures: Sequence[Figure]) -> set[int]:
    """Sentence starts whose newest figure period is far older than the article's usual one.

    The article's usual year is the one most of its figures have (the latest of equals), so
    one target year (2030年实现…) does not make the present history.
    """
    newest_by_sentence: dict[int, int] = {}
    counts: dict[int, int] = {}
    for figure in figures:
        year = _year(figure.period)
        if year is not None:
            start = figure.ref.start
            newest_by_sentence[start] = max(year, newest_by_sentence.get(start, year))
            counts[year] = counts.get(year, 0) + 1
    if not counts:
        return set()
    usual = max(counts, key=lambda y: (counts[y], y))
    return {s for s, y in newest_by_sentence.items() if y <= usual - HISTORY_YEARS}


def _headings(article: Article) -> list[str]:
    """The title and the section headings, normalized."""
    norm = article.norm if len(article.norm) == len(article.text) else article.text
    texts = [article.title or ""]
    texts += [norm[p.start : p.end] for p in article.paragraphs if p.is_heading]
    return [fold_width(t) for t in texts if t]


def _echoed(figure: Figure, headings: list[str]) -> bool:
    """The title or a heading prints the figure's number (第70位 under …居全球第70位)."""
    number = _NUMBER.search(fold_width(figure.raw))
    if number is None:
        return False
    printed = re.compile(rf"(?<![\d.]){re.escape(number.group(0))}(?![\d.])")
    return any(printed.search(heading) for heading in headings)


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    user_words: tuple[str, ...]
    users_at_least: float
    online_rate_words: tuple[str, ...]


@cache
def _vocabulary() -> _Vocabulary:
    data = data_file("salience.yaml")
    return _Vocabulary(
        tuple(w.lower() for w in data["user_words"]),
        float(data["users_at_least"]),
        tuple(w.lower() for w in data["online_rate_words"]),
    )


def _label_text(figure: Figure) -> str:
    return f"{figure.metric or ''} {figure.label or ''}".lower()


#: a rank counts as a headline by its unit alone only on the podium
PODIUM = 3


def _headline(lex: Lexicon, figure: Figure) -> bool:
    """A headline metric: one flagged key (a survey index and its rank), or an index value,
    rank or rank change stated exactly; a bound (75分以上, 前三名) is no headline, and a rank
    below the podium (a sixth place in a list) is key only through its metric's flag."""
    if lex.is_headline_metric(figure.metric, ""):
        return True
    if not lex.is_headline_metric(None, figure.unit):
        return False
    return figure.qualifier == "exact" and not (figure.unit == "rank" and figure.value > PODIUM)


def _user_total(figure: Figure) -> bool:
    """A count of a service's users: persons, a user word in its label, and large."""
    vocab = _vocabulary()
    return (
        figure.unit == "persons"
        and figure.value >= vocab.users_at_least
        and any(w in _label_text(figure) for w in vocab.user_words)
    )


def _online_rate(figure: Figure) -> bool:
    """A percentage of services offered or handled online."""
    return figure.unit == "percent" and any(
        w in _label_text(figure) for w in _vocabulary().online_rate_words
    )


def _restated_in_body(figure: Figure, place: _Place, body: Sequence[tuple[Figure, _Place]]) -> bool:
    """A heading's figure that the body states again: the body's statement is the finding."""
    return place.in_heading and any(
        not p.in_heading and f.value == figure.value and f.unit == figure.unit for f, p in body
    )


def figure_signals(article: Article, figures: Sequence[Figure]) -> tuple[Signals, ...]:
    """The salience evidence of each of an article's figures (in the order given)."""
    lex = lexicon()
    headings = _headings(article)
    history = _historical_sentences(figures)
    occurrences: dict[tuple[int, str], int] = {}
    places = []
    for figure in figures:
        slot = (figure.ref.start, figure.raw)
        places.append(_locate(article, figure, occurrences.get(slot, 0)))
        occurrences[slot] = occurrences.get(slot, 0) + 1
    located = list(zip(figures, places))
    partial = [
        Signals(
            headline_metric=_headline(lex, figure),
            user_total=_user_total(figure),
            online_rate=_online_rate(figure),
            finding=bool(_FINDING_CUE.search(place.text)),
            echoed=not place.in_heading and _echoed(figure, headings),
            duration=figure.unit in _DURATION_UNITS,
            change=_is_change(place),
            base=_is_base(place),
            aside=_inside_parentheses(place.text, place.start),
            history=figure.ref.start in history,
            restated=_restated_in_body(figure, place, located),
        )
        for figure, place in located
    ]
    substantive = [i for i, sig in enumerate(partial) if not sig.context]
    findings = [i for i in substantive if partial[i].finding]
    # the lead: the first sentence with a substantive figure, and the first reported finding
    leads = {figures[i[0]].ref.start for i in (substantive, findings) if i}
    few = len(substantive) <= FEW_FIGURES
    # a framing figure gains nothing from where it stands: a base in the lead is still a base
    return tuple(
        replace(sig, lead=f.ref.start in leads, few_figures=few)
        if not sig.context
        else replace(sig, finding=False)
        for f, sig in zip(figures, partial)
    )


def salience_scores(article: Article, figures: Sequence[Figure]) -> tuple[float, ...]:
    """Each figure's salience in the article; `KEY_THRESHOLD` or more makes it key."""
    return tuple(s.score() for s in figure_signals(article, figures))


def mark_key_figures(article: Article, figures: Sequence[Figure]) -> tuple[Figure, ...]:
    """The figures with `salience` and `key` set by how the article states them."""
    scores = salience_scores(article, figures)
    return tuple(
        replace(f, salience=score, key=score >= KEY_THRESHOLD)
        for f, score in zip(figures, scores)
    )
