"""The frozen objects that pass between pipeline stages.

read → Article; extract → Extraction; consolidate → Corpus; compose → Briefing; render → files.
Every collection is a tuple so objects are hashable and cannot be changed behind a stage's back.
Offsets (`start`, `end`) always index `Article.text`, the decoded text of the original file
(for .txt/.md exactly the file's characters; for .html/.docx the text the reader extracted).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --------------------------------------------------------------------------- read


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article body; `text == article.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One body paragraph (or sub-heading, when `is_heading`) with its sentences."""

    start: int
    end: int
    text: str
    sentences: tuple[Sentence, ...]
    is_heading: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    """A read article: cleaned body, metadata, and the original text that offsets point into.

    Metadata the file does not state stays None: never guessed.
    """

    id: str  #: sha256 hex of the file's bytes
    file: str  #: file name inside the articles folder
    text: str  #: decoded original text; all offsets index this string
    norm: str  #: same length as `text`: full-width→half-width, traditional→simplified
    paragraphs: tuple[Paragraph, ...]  #: body only, page noise removed
    title: str | None = None
    date: str | None = None  #: ISO "YYYY-MM-DD" (or "YYYY-MM" / "YYYY" when only that is given)
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    site: str | None = None
    encoding: str = "utf-8"
    language: str = "zh"  #: "zh" or "en"
    problems: tuple[str, ...] = ()  #: non-fatal remarks, e.g. "encoding detected as gb18030"

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """All body sentences in reading order."""
        return tuple(s for p in self.paragraphs for s in p.sentences)


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input file the reader could not use, with the reason a user can act on."""

    file: str
    reason: str


# --------------------------------------------------------------------------- extract


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a claim comes from: the article, and the sentence's span in `Article.text`."""

    article_id: str
    file: str
    start: int
    end: int
    sentence: str  #: verbatim `Article.text[start:end]`


@dataclass(frozen=True, slots=True)
class Figure:
    """A number an article states, with what it measures."""

    value: float  #: plain number: 13.19亿 → 1319000000, 82% → 82, 第九位 → 9
    unit: str  #: index | rank | rank_change | percent | persons | count | calls | years | yuan …
    raw: str  #: the figure as printed in the sentence, e.g. "13.19亿", "第九位"
    ref: SourceRef
    qualifier: str = "exact"  #: exact | over | about | under
    period: str | None = None  #: "2020", "2018-12"; None when the text gives none
    subject: str | None = None  #: 中国, 北京市, 全球平均 …
    metric: str | None = None  #: canonical metric label from the metrics data file
    label: str | None = None  #: what the text calls it: a noun phrase near the number
    #: where the subject / period came from: clause | sentence | paragraph | article (None: not found)
    subject_scope: str | None = None
    period_scope: str | None = None
    key: bool = False  #: a headline figure of its article (briefing.extract.salience)
    salience: float = 0.0  #: how prominently the article states it; key from a threshold
    #: ids of the rules that found each attribute (briefing/data/rules.yaml names them all)
    value_rule: str = ""
    subject_rule: str = ""
    period_rule: str = ""
    metric_rule: str = ""
    #: how far the text states it (briefing.extract.grades): stated | inferred | unknown
    grade: str = "unknown"
    #: the sentence its period comes from when not its own: the report it cites (报告显示，… →
    #: the lead sentence naming the report and its year; cited beside `ref`), or, for a period
    #: the figure's sentence leaves to its context, the earlier sentence that wrote it
    period_ref: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class EnumItem:
    """One item of an enumeration: a short heading and the full text."""

    heading: str
    text: str
    ref: SourceRef


@dataclass(frozen=True, slots=True)
class Enumeration:
    """A list an article makes: 第一…第四, 一是…四是, 首先…最后, stage headings …"""

    kind: str  #: recommendation | measure | achievement | problem | stage | component
    cue: str  #: the cue family, e.g. "一是…四是"
    frame: str  #: the framing sentence ("需要从以下三个方面发力"), may be ""
    items: tuple[EnumItem, ...]
    ref: SourceRef  #: the framing sentence (or the first item when there is no frame)
    speaker: str | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """An attributed statement, direct or reported."""

    speaker: str
    role: str | None
    verb: str  #: 表示, 指出, 认为, 说, 介绍 …
    statement: str
    ref: SourceRef


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event for a timeline: 1993年启动"三金工程"."""

    date: str  #: "1993", "2014-02"
    text: str
    ref: SourceRef


@dataclass(frozen=True, slots=True)
class ThemeMention:
    """A sentence that mentions a theme from the themes lexicon."""

    theme: str
    term: str
    ref: SourceRef


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article."""

    article_id: str
    file: str
    figures: tuple[Figure, ...] = ()
    enumerations: tuple[Enumeration, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    themes: tuple[ThemeMention, ...] = ()


# --------------------------------------------------------------------------- consolidate


@dataclass(frozen=True, slots=True)
class Claim:
    """One figure (metric, subject, period, value) with every source that states it."""

    metric: str
    subject: str | None
    period: str | None
    value: float
    unit: str
    qualifier: str
    raw: str  #: the printed form from the first source
    refs: tuple[SourceRef, ...]  #: one per stating sentence, several when corroborated
    key: bool = False  #: a headline figure of some article that states it
    salience: float = 0.0  #: the highest salience of its stating figures
    #: the best grade of its stating figures (briefing.extract.grades); refs are of that grade
    grade: str = "unknown"
    #: ids of the rules that found the value, subject, period and metric (of the first source)
    rules: tuple[str, ...] = ()
    #: the sentence the first source's period comes from when its own sentence does not write it
    period_ref: SourceRef | None = None

    @property
    def stated(self) -> bool:
        """Whether some source's own clause or sentence states value, subject and period."""
        return self.grade == "stated"

    @property
    def source_count(self) -> int:
        """How many distinct articles back this claim."""
        return len({r.article_id for r in self.refs})


@dataclass(frozen=True, slots=True)
class Conflict:
    """Different values for the same metric, subject and period, from different sources."""

    metric: str
    subject: str | None
    period: str | None
    claims: tuple[Claim, ...]
    note: str


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One dated value of a series, with the sources that state it."""

    period: str
    value: float
    refs: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class Series:
    """A metric for one subject over time; feeds the charts."""

    metric: str
    subject: str | None
    unit: str
    points: tuple[SeriesPoint, ...]


@dataclass(frozen=True, slots=True)
class ThemeSummary:
    """A theme with every mention, best first, and the articles that discuss it."""

    theme: str
    mentions: tuple[ThemeMention, ...]
    article_ids: tuple[str, ...]  #: every article that mentions it
    #: the independent sources that discuss it (two sentences or more, or its title), one per
    #: story when outlets repost the same one; what ranks the themes
    discussed_by: tuple[str, ...] = ()
    latest: str = ""  #: the date of the newest article discussing it ("" when none is dated)


@dataclass(frozen=True, slots=True)
class Corpus:
    """What all the articles say together."""

    articles: tuple[Article, ...]
    extractions: tuple[Extraction, ...]
    claims: tuple[Claim, ...]
    conflicts: tuple[Conflict, ...]
    series: tuple[Series, ...]
    themes: tuple[ThemeSummary, ...]
    enumerations: tuple[Enumeration, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]
    skipped: tuple[Skipped, ...] = ()


# --------------------------------------------------------------------------- compose


@dataclass(frozen=True, slots=True)
class Span:
    """A run of inline text. `kind` is text | bold | cite; a cite's `keys` are source numbers."""

    text: str
    kind: str = "text"
    keys: tuple[int, ...] = ()
    #: a resolved cite's (source key, cited sentence) pairs: what footnotes quote
    quotes: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a brief, produced by the Markdown-subset parser.

    kind: heading (level 1–3) | paragraph | list (ordered or not; `items` of spans) |
    table (`rows`, first row is the header) | chart (`chart_id`) | rule | pagebreak.
    `role` carries a template-chosen style hint such as "lead", "note", "masthead".
    """

    kind: str
    spans: tuple[Span, ...] = ()
    level: int = 0
    ordered: bool = False
    items: tuple[tuple[Span, ...], ...] = ()
    rows: tuple[tuple[tuple[Span, ...], ...], ...] = ()
    chart_id: str = ""
    role: str = ""


@dataclass(frozen=True, slots=True)
class ChartSeries:
    """One line or bar group of a chart: `points` are (x label, y value)."""

    name: str
    points: tuple[tuple[str, float], ...]
    labels: tuple[str, ...] = ()  #: per point: a timeline event's text
    ends: tuple[float, ...] = ()  #: per point: where a timeline stage (a year range) ends
    #: per point: the stage has no end yet (2014年至今): drawn open, `ends` is the latest year
    open_ends: tuple[bool, ...] = ()


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """A chart to draw once and place in every writer, drawn only from extracted data."""

    id: str
    title: str
    kind: str  #: line | bar | timeline | matrix
    series: tuple[ChartSeries, ...]
    x_label: str = ""
    y_label: str = ""
    invert_y: bool = False  #: ranks: 1 is best, so draw it on top
    source_keys: tuple[int, ...] = ()
    note: str = ""  #: caption line, e.g. the sources


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """A numbered entry in the brief's source list."""

    key: int
    article_id: str
    file: str
    title: str | None
    outlet: str | None
    date: str | None
    url: str | None
    site: str | None = None
    author: str | None = None
    opening: str | None = None  #: an untitled source's first words (listed as such, never as a title)


@dataclass(frozen=True, slots=True)
class Fact:
    """A figure a statement prints, as data a program can check against the cited sentences."""

    metric: str
    subject: str | None
    period: str | None
    value: float
    unit: str
    qualifier: str = "exact"
    grade: str = ""  #: stated | inferred | unknown: how far the cited sentences state it
    rules: tuple[str, ...] = ()  #: ids of the rules that found it (briefing/data/grades.yaml)


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence of the brief that states something, with the source sentences behind it.

    `kind` says what it states (figure, headline, conflict, recommendation, quotation, theme,
    chart, event, citation …); `facts` are the figures it prints.
    """

    text: str
    citations: tuple[SourceRef, ...]
    kind: str = ""
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True, slots=True)
class Masthead:
    """Masthead and end-block text, from the template's TOML."""

    name: str = ""  #: 报头 name, e.g. 领导参阅
    issuer: str = ""  #: 编发单位
    issue_no: str = ""  #: 期号 as rendered, e.g. 2026年第1期
    classification: str = ""  #: 内部参阅 …; empty for public briefs
    distribution: tuple[tuple[str, str], ...] = ()  #: (报, 领导同志), (送, …), (发, …)


@dataclass(frozen=True, slots=True)
class FigureCorrection:
    """A staff correction applied to an extracted figure, or to a source's metadata
    (briefing.consolidate.corrections), for the audit."""

    id: str  #: the figure's stable id (`generate.py facts`), or `source:FILE`
    file: str
    sentence: str
    start: int
    end: int
    raw: str
    wrong: bool  #: the figure was dropped
    extracted: tuple[tuple[str, str | float | None], ...]  #: (field, value as extracted)
    corrected: tuple[tuple[str, str | float | None], ...]  #: (field, value as corrected)
    note: str = ""
    kind: str = "figure"  #: figure | source (title, outlet, date of an article)
    confirmed: bool = False  #: a person confirmed the figure: it counts as stated
    reviewer: str = ""  #: who decided (the review page, when given a name)
    at: str = ""  #: when (ISO time)

    @property
    def decision(self) -> str:
        """rejected | corrected | confirmed: what the staff decided."""
        if self.wrong:
            return "rejected"
        changed = [k for k, _ in self.corrected if k != "grade"]
        return "corrected" if changed else "confirmed" if self.confirmed else "corrected"


@dataclass(frozen=True, slots=True)
class Briefing:
    """One audience's brief: everything a writer needs, nothing it must look up elsewhere."""

    audience: str
    title: str
    date: str  #: date of issue, ISO
    language: str  #: zh | en
    style: str  #: style preset: gongwen | brief
    masthead: Masthead
    blocks: tuple[Block, ...]
    charts: tuple[ChartSpec, ...]
    sources: tuple[SourceEntry, ...]
    statements: tuple[Statement, ...]
    labels: tuple[tuple[str, str], ...] = field(default=())  #: writer labels, e.g. ("sources", "参考来源")
    #: a DOCX whose styles replace the writer's (template key `reference_doc`); "" = none
    reference_doc: str = ""
    corrections: tuple[FigureCorrection, ...] = ()  #: staff corrections applied to the corpus

    def label(self, name: str, default: str) -> str:
        """A writer-visible label the template set, or `default`."""
        return dict(self.labels).get(name, default)
