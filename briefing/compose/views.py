"""Read-only views of a Corpus that the templates word: one small frozen object per printable item.

Every view carries `refs`, the source sentences behind it, so `{{ cite(view) }}` can cite it.
Figures, trends, the headline and charts live in figures.py; lists, quotes and themes here.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from briefing.compose.figures import (  # noqa: F401 - re-exported for sections.py
    ChartData,
    FigureRow,
    Headline,
    TrendView,
    claim_fact,
    figure_row,
    headline,
    in_language,
    joined_series,
    key_figures,
    period_in,
    period_text,
    printed_period,
    subject_word,
    supported,
    unique_refs,
)
from briefing.compose.fragments import is_cut, is_fragment
from briefing.compose.numbers import NumberStyle
from briefing.extract.lexicon import cues, data_file, lexicon
from briefing.models import Claim, Corpus, Enumeration, Fact, SourceRef, ThemeSummary
from briefing.textnorm import fold_width, normalize

T = TypeVar("T")


@dataclass(frozen=True)
class ItemView:
    """One item of an enumeration (recommendation, measure, problem, stage, component …)."""

    heading: str
    text: str
    kind: str
    speaker: str
    label: str
    frame: str
    refs: tuple[SourceRef, ...]
    #: advice older than the template's [advice] max_age: its source's date, printed
    #: (2021年4月 / April 2021); "" for current advice and for other kinds
    dated: str = ""
    #: its list's frame announces goals (到2025年具体实现以下目标): printed under a line that
    #: says so, after what the sources propose or report as done
    goal: bool = False


@dataclass(frozen=True)
class Advice:
    """How a brief treats recommendations and measures older than `max_age` years: with
    their date (`drop` False) or not at all (the leadership brief)."""

    issue_date: _dt.date
    max_age: int
    drop: bool
    style: NumberStyle

    #: the enumeration kinds that are advice
    KINDS: ClassVar[frozenset[str]] = frozenset({"recommendation", "measure"})

    def dated(self, kind: str, date: str | None) -> str | None:
        """"" for current advice, the printed date for old advice, None for advice the brief
        leaves out: old advice when it drops it, and then advice of an undated source too
        (its age cannot be shown); a brief that dates old advice prints undated advice as
        it is."""
        if kind not in self.KINDS:
            return ""
        if not date or not date[:4].isdigit():
            return None if self.drop else ""
        year, month = int(date[:4]), int(date[5:7]) if date[5:7].isdigit() else 1
        age = (self.issue_date.year - year) - ((self.issue_date.month, 1) < (month, 1))
        if age < self.max_age:
            return ""
        return None if self.drop else self.style.period(date[:7] if len(date) >= 7 else date[:4])


@dataclass(frozen=True)
class GroupView:
    """A whole enumeration: its framing sentence, who said it, and its (capped) items.

    Cited as a statement of its `kind` (recommendation, measure, problem …), as are its items.
    """

    kind: str
    frame: str
    speaker: str
    label: str
    items: tuple[ItemView, ...]
    refs: tuple[SourceRef, ...]
    #: "global" when the list is about the world, not the country (全球电子政务整体发展水平不断
    #: 提升): shown only by a section whose `scope` is "global"
    scope: str = ""
    goal: bool = False  #: the frame announces the items as goals (ItemView.goal)


@dataclass(frozen=True)
class EventView:
    """A dated event; `date` is "" when the cited sentence does not print it."""

    statement_kind: ClassVar[str] = "event"

    date: str
    text: str
    refs: tuple[SourceRef, ...]


@dataclass(frozen=True)
class SentenceView:
    """A source sentence printed as it stands (a theme's sentence)."""

    statement_kind: ClassVar[str] = "theme"

    text: str
    refs: tuple[SourceRef, ...]


@dataclass(frozen=True)
class ThemeView:
    """A theme with its best sentences."""

    statement_kind: ClassVar[str] = "theme"

    theme: str
    sentences: tuple[SentenceView, ...]
    n_articles: int  #: the independent sources that discuss it
    refs: tuple[SourceRef, ...]
    figure: FigureRow | None = None  #: its latest stated figure, from a sentence about it


@dataclass(frozen=True)
class SourceFigureView:
    """A figure whose subject or period its source leaves to the context, shown in the
    source's own words: the clause that states it, verbatim, cited (never reworded)."""

    statement_kind: ClassVar[str] = "citation"

    text: str  #: the clause, as the source prints it
    refs: tuple[SourceRef, ...]
    #: the clause of another sentence of the source that writes the figure's period (its
    #: paragraph's earlier year, an earlier 截至…, the report it presents), verbatim; "" if none
    period_source: str = ""
    #: where that sentence stands: "paragraph" (the same paragraph) or "article"
    period_scope: str = ""
    #: the figures the quotation shows in full (value and subject in the clause, the period's
    #: year in it or in `period_source`), each with its inferred grade and rules
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class QuoteView:
    """An attributed statement."""

    statement_kind: ClassVar[str] = "quotation"

    speaker: str
    role: str
    verb: str
    statement: str
    refs: tuple[SourceRef, ...]
    direct: bool = False  #: the article quotes the words themselves (“…”), not reported speech


@dataclass(frozen=True)
class ConflictSide:
    """One source's value in a conflict."""

    statement_kind: ClassVar[str] = "conflict"

    value: str
    source: str  #: outlet, site or title of the article naming it ("" when it has none)
    refs: tuple[SourceRef, ...]
    text: str = ""  #: the value in the audience's house style
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class ConflictView:
    """Different values for one metric, subject and period, naming each source."""

    statement_kind: ClassVar[str] = "conflict"

    metric: str
    subject: str
    period: str
    note: str
    sides: tuple[ConflictSide, ...]
    refs: tuple[SourceRef, ...]
    facts: tuple[Fact, ...] = ()


# --------------------------------------------------------------------------- lists


def groups(corpus: Corpus, kind: str, exclude: Sequence[str] = (), lang: str = "zh",
           advice: Advice | None = None) -> tuple[GroupView, ...]:
    """Enumerations of one kind, each with its items (items naming excluded terms dropped);
    lists from sources that discuss the leading themes first (briefing.consolidate ranks the
    themes by how many independent sources discuss them). A Chinese brief takes no list of an
    English source (its items would print in English); old advice carries its date or is left
    out, as `advice` says."""
    out, seen = [], set()
    rank = theme_rank(corpus)
    dates = {a.id: a.date for a in corpus.articles}
    ordered = sorted(corpus.enumerations,
                     key=lambda e: (bool(_SOLVED.search(e.frame)),
                                    rank.get(e.ref.article_id, len(corpus.themes))))
    for enum in ordered:
        if enum.kind != kind or (lang == "zh" and not in_script(enum.ref.sentence, lang)):
            continue
        dated = advice.dated(enum.kind, dates.get(enum.ref.article_id)) if advice else ""
        if dated is None:
            continue
        goal = is_goal_frame(enum.frame)
        items = tuple(dataclasses.replace(i, dated=dated, goal=goal) for i in _items(enum)
                      if i.text not in seen and not _has(i.text, exclude)
                      and not is_fragment(i.heading) and not is_fragment(i.text)
                      and not _cut_item(corpus, i))
        seen.update(i.text for i in items)
        if items:
            out.append(GroupView(kind, enum.frame, enum.speaker or "", enum.label or "", items,
                                 unique_refs(*(i.refs for i in items)), list_scope(enum), goal))
    return tuple(out)


def is_goal_frame(frame: str) -> bool:
    """Whether a list's frame announces its items as goals or targets (cues.yaml
    goal_markers: 以下目标, 主要目标是, the goals are) in the clause that introduces the list,
    and does not say they were reached (goal_met_words: 主要目标任务全面完成)."""
    text = normalize(fold_width(frame)).rstrip(" ：:。.")
    introducing = _CLAUSE_MARK.split(text)[-1]
    markers, met = _goal_words()
    found = list(markers.finditer(introducing))
    return bool(found) and not met.search(introducing, found[-1].end())


@functools.cache
def _goal_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(cues().pattern("goal_markers")), re.compile(cues().pattern("goal_met_words"))


def list_scope(enum: Enumeration) -> str:
    """"global" when a list names the world (全球, 世界各国 …) and neither the country nor a
    place in it: its items are the world's, not the country's achievements or problems."""
    text = " ".join((enum.frame, enum.ref.sentence, *(i.text for i in enum.items)))
    world, national = _scope_words()
    return "global" if world.search(text) and not national.search(text) else ""


@functools.cache
def _scope_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The world's words and the country's (subjects.yaml: 全球, 全球平均; 中国, provinces)."""
    data = data_file("subjects.yaml")
    world = [*data["subjects"]["全球"], *data["subjects"]["全球平均"], "各国"]
    national = [*data["subjects"]["中国"], *data["provinces"], *data["provinces"].values()]
    return _alternation(world), _alternation(national)


def _alternation(words: list[str]) -> re.Pattern[str]:
    """A regex matching any of `words`, longest first."""
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


def _items(enum: Enumeration) -> tuple[ItemView, ...]:
    return tuple(
        ItemView(i.heading or i.text, _cited_text(i.text, i.ref), enum.kind, enum.speaker or "",
                 enum.label or "", enum.frame, (i.ref,))
        for i in enum.items
    )


def _cited_text(text: str, ref: SourceRef) -> str:
    """An item's text as far as its cited sentence carries it: never beyond what is cited."""
    if text in ref.sentence:
        return text
    sentence = ref.sentence.strip()
    if sentence.rstrip("。；;") in text:
        return sentence
    return text if supported(text, (ref,)) else sentence


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def in_script(text: str, lang: str) -> bool:
    """Whether a source's words are in the brief's language (Chinese: Han characters in them;
    English: none)."""
    return bool(_HAN.search(text)) == (lang == "zh")


def cap_groups(all_groups: Sequence[GroupView], limit: int) -> tuple[GroupView, ...]:
    """Keep whole items, in order, until `limit` items are kept."""
    out, left = [], limit
    for group in all_groups:
        if left <= 0:
            break
        items = group.items[:left]
        left -= len(items)
        out.append(dataclasses.replace(group, items=items,
                                       refs=unique_refs(*(i.refs for i in items))))
    return tuple(out)


def events(corpus: Corpus, style: NumberStyle | None = None,
           lang: str | None = None) -> tuple[EventView, ...]:
    """Dated events in date order, from articles in the brief's `lang` (an event is worded in
    its source's words: an English one has no place in a Chinese list); a date is shown only
    when its sentence prints it."""
    ordered = sorted(written_in(corpus, corpus.events, lang), key=lambda e: e.date)
    return tuple(EventView(period_text(e.date, (e.ref,), style), e.text, (e.ref,))
                 for e in ordered)


def written_in(corpus: Corpus, items: Iterable[T], lang: str | None,
               ref: Callable[[T], SourceRef] = lambda item: item.ref) -> list[T]:
    """The items whose source (`ref`: the item's own by default) is an article written in
    `lang`; all of them when `lang` is None."""
    if lang is None:
        return list(items)
    language = {a.id: a.language for a in corpus.articles}
    return [i for i in items if language.get(ref(i).article_id, lang) == lang]


# A sentence opening with a list cue or a connective continues an earlier one
# ("如:…", "四是…", "同时…"): quoted alone it reads as a fragment, so it is a poor pick.
_FRAGMENT_OPENING = re.compile(
    r"^(如|比如|例如|其中|同时|此外|另外|因此|但|而|并且?|也)[,，:：]?"
    r"|^(第?[一二三四五六七八九十]+(是|方面)|首先|其次|再次|最后|另一方面|一方面)"
)


# A list the text says was dealt with (有效解决了…的问题): shown after those still standing.
_SOLVED = re.compile(r"解决了|破解了|化解了|克服了|消除了|(?:已|已经)(?:解决|破解|化解)")


def theme_rank(corpus: Corpus) -> dict[str, int]:
    """Article id → the rank of the best theme it discusses (0 = the leading theme)."""
    rank: dict[str, int] = {}
    for i, summary in enumerate(corpus.themes):
        for article_id in summary.discussed_by:
            rank.setdefault(article_id, i)
    return rank


def themes(corpus: Corpus, per_theme: int, exclude: Sequence[str] = (),
           style: NumberStyle | None = None, lang: str = "zh") -> tuple[ThemeView, ...]:
    """Themes the sources discuss, leading ones first, with their best distinct sentences
    (self-contained ones first, short ones next) and their latest stated figure."""
    out = []
    used: set[tuple[str, str | None, str | None]] = set()  # a figure leads one theme only
    for summary in (s for s in corpus.themes if s.discussed_by):
        seen: set[str] = set()
        picked: list[SentenceView] = []
        mentions = sorted(summary.mentions, key=lambda m: len(m.ref.sentence) > 160)
        for mention in mentions:
            text = mention.ref.sentence.strip()
            if text in seen or _has(text, exclude) or _FRAGMENT_OPENING.match(text) \
                    or not in_script(text, lang) or is_fragment(text) \
                    or cut_sentence(corpus, mention.ref):
                continue
            seen.add(text)
            picked.append(SentenceView(text, (mention.ref,)))
            if len(picked) >= per_theme:
                break
        # a theme is cited by its printed sentences, else by its best-placed mention
        refs = unique_refs(*(s.refs for s in picked)) or (summary.mentions[0].ref,)
        lead = _lead_figure(corpus, summary, style, lang, used) if style else None
        out.append(ThemeView(summary.theme, tuple(picked), len(summary.discussed_by), refs, lead))
    return tuple(out)


def _lead_figure(corpus: Corpus, summary: ThemeSummary, style: NumberStyle, lang: str,
                 used: set[tuple[str, str | None, str | None]]) -> FigureRow | None:
    """A theme's latest stated figure: a claim cited from a sentence that mentions the theme,
    key ones first, newest period first; none that leads an earlier theme (`used`)."""
    about = {(m.ref.article_id, m.ref.start) for m in summary.mentions}
    claims = [c for c in corpus.claims if c.stated and c.period
              and (c.metric, c.subject, c.period) not in used and in_language(c, lang)
              and any((r.article_id, r.start) in about for r in c.refs)]
    if not claims:
        return None
    best = max(claims, key=lambda c: (c.key, c.period, c.source_count))
    used.add((best.metric, best.subject, best.period))
    return figure_row(best, style, lang)


# Where a clause ends: the figure's clause is cut at these, never inside a word.
_CLAUSE_MARK = re.compile(r"[,，;；。!！?？]")


def source_figures(corpus: Corpus, exclude: Sequence[str] = (),
                   lang: str | None = None) -> tuple[SourceFigureView, ...]:
    """Key figures that are not stated (subject or period implied by the context), each as
    the clause of its first source that prints it, in corpus order, one per clause. A Chinese
    brief quotes only Chinese sources here (an English brief quotes Chinese, noting it).

    Where the period came from another sentence of the source, that sentence's clause is shown
    beside it, verbatim: the reader sees where the time comes from instead of being told it."""
    picked: list[tuple[str, SourceRef, list[Claim]]] = []
    quoted = [c for c in corpus.claims if c.key and not c.stated and c.refs]
    for claim in written_in(corpus, quoted, lang if lang == "zh" else None,
                            ref=lambda c: c.refs[0]):
        ref = claim.refs[0]
        clause = figure_clause(ref.sentence, claim.raw)
        if not clause or _has(clause, exclude):
            continue
        holder = next((p for p in picked if clause in p[0] and p[1] == ref), None)
        if holder is not None:
            holder[2].append(claim)
            continue
        if any(clause in p[0] for p in picked):
            continue  # the same words quoted from another sentence
        held = [p for p in picked if p[0] in clause]  # a longer clause holds a shorter one
        picked = [p for p in picked if p not in held]
        picked.append((clause, ref, [c for p in held if p[1] == ref for c in p[2]] + [claim]))
    return tuple(_source_figure(clause, ref, claims) for clause, ref, claims in picked)


def _source_figure(clause: str, ref: SourceRef, claims: list[Claim]) -> SourceFigureView:
    """A quoted clause, the clause that dates it when another sentence does, and the figures
    it shows in full (value and subject in the clause, the whole period in the clause or in
    the clause of its own dating sentence)."""
    dated = next((c for c in claims if c.period and c.period_ref is not None
                  and c.period_ref.article_id == ref.article_id
                  and not period_in(c.period[:4], [clause])
                  and period_in(c.period[:4], [c.period_ref.sentence])), None)
    source = year_clause(dated.period_ref.sentence, dated.period[:4]) if dated else ""
    scope = ("paragraph" if "period.paragraph" in dated.rules else "article") if source else ""

    def shown(claim: Claim) -> bool:
        dating = source if dated is not None and claim.period_ref == dated.period_ref else ""
        return bool(claim.period) and _names(clause, claim.subject) and \
            bool(printed_period(claim.period, [clause, dating]))

    facts = tuple(claim_fact(c) for c in claims if shown(c))
    refs = (ref, dated.period_ref) if source and dated and dated.period_ref else (ref,)
    return SourceFigureView(clause, refs, source, scope, facts)


def _names(text: str, subject: str | None) -> bool:
    """Whether `text` names `subject`, as written or through the lexicon's aliases of the
    names in it (我国 for 中国: 我国农村网民 names 中国农村网民)."""
    if not subject:
        return False
    folded = normalize(fold_width(text))
    wanted = normalize(fold_width(subject))
    if wanted in folded:
        return True
    canonical, at = [], 0
    for mention in lexicon().subject_mentions(folded):
        canonical += [folded[at:mention.start], mention.canon]
        at = mention.end
    return wanted in "".join(canonical) + folded[at:]


def year_clause(sentence: str, year: str) -> str:
    """The clause of `sentence` that writes `year`, verbatim, trimmed at clause marks; a clause
    too short to read alone (2022年，) runs on to the next ones ("" when the year is absent)."""
    found = re.search(rf"(?<!\d){year}(?!\d)", fold_width(sentence))
    if found is None:
        return ""
    at = found.start()
    start = ([0] + [m.end() for m in _CLAUSE_MARK.finditer(sentence, 0, at)])[-1]
    stop = len(sentence)
    for mark in _CLAUSE_MARK.finditer(sentence, at):
        stop = mark.start()
        if stop - start >= _SELF_CONTAINED:
            break
    return sentence[start:stop].strip()


_SELF_CONTAINED = 15  #: characters a clause needs before it reads alone (达0.8305 does not)
# A clause that goes on about the one before: 分别为0.6493和0.6438, 同比增长10%, 其次是….
_CONTINUES = re.compile(r"\s*(?:分别|其次|依次|同比|环比|较|比|占|其中|并|且|达|为|位居|居|增长|提升|累计)")


def figure_clause(sentence: str, raw: str) -> str:
    """The clause of `sentence` that prints `raw`, trimmed at clause marks ("" if absent); a
    clause too short to name what it is about takes the clauses before it (…欧洲电子政务发展
    指数最高，达0.8305), never a word cut in two."""
    at = sentence.find(raw)
    if at < 0:
        return ""
    end = _CLAUSE_MARK.search(sentence, at + len(raw))
    stop = end.start() if end else len(sentence)
    starts = [0] + [m.end() for m in _CLAUSE_MARK.finditer(sentence, 0, at)]
    start = starts.pop()
    while starts and (stop - start < _SELF_CONTAINED
                      or _CONTINUES.match(sentence, start)):
        start = starts.pop()
    return sentence[start:stop].strip()


def quotes(corpus: Corpus, exclude: Sequence[str] = (), lang: str = "zh") -> tuple[QuoteView, ...]:
    """Quotations, one per speaker (those with a role first); a Chinese brief quotes no
    English speaker (name, verb and words would print in English)."""
    out, speakers = [], set()
    for q in sorted(corpus.quotes, key=lambda q: q.role is None):
        if q.speaker in speakers or _has(q.statement, exclude) \
                or (lang == "zh" and not (in_script(q.statement, lang)
                                          and in_script(q.speaker, lang))):
            continue
        speakers.add(q.speaker)
        out.append(QuoteView(q.speaker, q.role or "", q.verb, q.statement, (q.ref,),
                             _is_direct(q.statement, q.ref.sentence)))
    return tuple(out)


def _is_direct(statement: str, sentence: str) -> bool:
    """True when the sentence prints the statement inside quotation marks."""
    head = statement.strip("“”「」\"'")[:8]
    return any(f"{mark}{head}" in sentence for mark in ("“", "「", '"'))


def conflicts(corpus: Corpus, source_name: dict[str, str], style: NumberStyle,
              lang: str = "zh") -> tuple[ConflictView, ...]:
    """Conflicts between sources, each side naming its article.

    Only claims of the conflict's own subject and period are compared: a "conflict" between
    a global and a regional average, or between two years, is not one. (Which metric labels
    are one metric is consolidation's call: its aliases may join two labels.)
    """
    out = []
    for c in corpus.conflicts:
        claims = [k for k in c.claims if (k.subject, k.period) == (c.subject, c.period)]
        if len({k.value for k in claims}) < 2:
            continue
        sides = tuple(
            ConflictSide(claim.raw, "、".join(n for n in dict.fromkeys(
                source_name.get(r.article_id, "") for r in claim.refs) if n), claim.refs,
                style.figure(claim.value, claim.unit, claim.raw, claim.qualifier),
                (claim_fact(claim),))
            for claim in claims
        )
        refs = unique_refs(*(s.refs for s in sides))
        out.append(ConflictView(c.metric, c.subject or "", period_text(c.period, refs, style),
                                c.note, sides, refs, tuple(f for s in sides for f in s.facts)))
    return tuple(out)


def chart_data(corpus: Corpus, chart_id: str, metric: str, subject: str | None) -> ChartData | None:
    """A chart's points: every period any Series of the metric and subject states.

    Series of the same metric and subject are joined (one point a period, the best-sourced
    value); None when fewer than two periods are known.
    """
    for series in joined_series(corpus):
        if series.metric == metric and (subject is None or series.subject == subject):
            points = series.points
            if len(points) < 2:
                return None
            return ChartData(chart_id, series.metric, series.subject or "", series.unit,
                             tuple((p.period, p.value) for p in points),
                             unique_refs(*(p.refs for p in points)),
                             tuple(Fact(series.metric, series.subject, p.period, p.value,
                                        series.unit, grade="stated") for p in points))
    return None


def _cut_item(corpus: Corpus, item: ItemView) -> bool:
    """An item that ends where its page's excerpt was cut off (…淄博市于2020年明)."""
    ref = item.refs[0]
    return (cut_sentence(corpus, ref)
            and ref.sentence.rstrip().endswith(item.text.rstrip()[-6:]))


def cut_sentence(corpus: Corpus, ref: SourceRef) -> bool:
    """Whether the sentence is the cut-off end of its article's excerpt (fragments.is_cut)."""
    article = next((a for a in corpus.articles if a.id == ref.article_id), None)
    return article is not None and is_cut(ref.sentence, article.text, ref.end)


def _has(text: str, terms: Sequence[str]) -> bool:
    return any(t in text for t in terms)
