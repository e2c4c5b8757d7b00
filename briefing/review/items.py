"""What the review page shows: each extracted figure with its evidence, why, and the decision.

    load_project_figures(articles_dir, cache_dir) -> Snapshot      read-only, from the build cache
    folder_state(articles_dir)                                     what tells the folder changed
    review_items(snapshot, corrections) -> ReviewPage              figures grouped by grade

A figure's id is the one corrections use (briefing.consolidate.corrections.figure_ids), taken
over the same extractions the build corrects, so a decision made here is the correction the
next build applies. Nothing here writes a file: the build cache is only looked up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefing.build import read_folder
from briefing.consolidate.corrections import Correction, figure_ids
from briefing.extract.grades import INFERRED, STATED, UNKNOWN, GradePolicy, policy
from briefing.models import Article, Extraction, Figure, Skipped
from briefing.read import list_folder
from briefing.reissue.cache import BuildCache

#: The order the page lists the grades in: what needs a person first.
GRADE_ORDER = (INFERRED, UNKNOWN, STATED)
CONFIRMED, CORRECTED, REJECTED, UNDECIDED = "confirmed", "corrected", "rejected", "undecided"


@dataclass(frozen=True)
class Snapshot:
    """The articles folder as the build reads it: one copy of each article and its extraction."""

    articles: tuple[Article, ...]
    extractions: tuple[Extraction, ...]
    skipped: tuple[Skipped, ...]
    state: tuple[tuple[str, int, int], ...] = ()  #: folder_state() when it was read


@dataclass(frozen=True)
class Found:
    """One attribute the extractor found (subject, period, metric …) and why."""

    name: str
    value: str  #: as extracted ("" when not found)
    rule: str  #: the id of the rule that found it
    scope: str  #: where it looked: clause | sentence | paragraph | article | ""
    state: str  #: stated | inferred | unknown: how far the figure's own sentence writes it
    corrected: str | None = None  #: the staff's value, when a correction changes it


@dataclass(frozen=True)
class Source:
    """An article as the page shows it: metadata as read, and as corrected."""

    index: int
    file: str
    title: str
    outlet: str
    date: str
    read_title: str
    read_outlet: str
    read_date: str
    corrected: bool
    figures: int = 0


@dataclass(frozen=True)
class Item:
    """One figure to review."""

    id: str
    grade: str
    raw: str
    value: str
    unit: str
    qualifier: str
    label: str
    before: str  #: the sentence up to the figure
    printed: str  #: the figure as its sentence prints it (highlighted)
    after: str
    source: Source
    found: tuple[Found, ...]
    value_rule: str
    decision: str  #: confirmed | corrected | rejected | undecided
    note: str = ""
    reviewer: str = ""
    at: str = ""

    @property
    def metric(self) -> str:
        return next((f.corrected or f.value for f in self.found if f.name == "metric"), "")


@dataclass(frozen=True)
class ReviewPage:
    """Everything the page lists: groups of items by grade, the sources, the filter choices."""

    groups: tuple[tuple[str, tuple[Item, ...]], ...]
    sources: tuple[Source, ...]
    metrics: tuple[str, ...]
    skipped: tuple[Skipped, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def items(self) -> Iterable[Item]:
        return (item for _, items in self.groups for item in items)


# --------------------------------------------------------------------------- loading


def load_project_figures(articles_dir: Path, cache_dir: Path) -> Snapshot:
    """Every article of the folder and its extraction, as the build would use them.

    What an earlier build cached is taken from the cache; the rest is read and extracted here
    and not stored (the review page writes only the corrections file).
    """
    state = folder_state(articles_dir)
    articles, extractions, skipped = read_folder(articles_dir, BuildCache(cache_dir,
                                                                          read_only=True))
    return Snapshot(articles, extractions, skipped, state)


def folder_state(articles_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """(name, size, modification time) of every entry of the folder: tells that it changed."""
    state = []
    for path, _ in list_folder(articles_dir):
        try:
            info = path.stat()
        except OSError:  # vanished or a dangling link: the reader names it
            state.append((path.name, -1, -1))
            continue
        state.append((path.name, info.st_size, info.st_mtime_ns))
    return tuple(state)


# --------------------------------------------------------------------------- items


def review_items(snapshot: Snapshot, corrections: Iterable[Correction]) -> ReviewPage:
    """Every figure of the snapshot, grouped by grade (inferred, unknown, stated), each with
    its sentence, source, what was found and why, and the staff decision recorded for it."""
    staff = list(corrections)
    by_id = {c.id: c for c in staff if c.source is None}
    by_file = {c.source: c for c in staff if c.source is not None}
    rules = policy()
    groups: dict[str, list[Item]] = {grade: [] for grade in GRADE_ORDER}
    sources = []
    for index, (article, extraction) in enumerate(zip(snapshot.articles, snapshot.extractions,
                                                      strict=True)):
        source = _source(index, article, by_file.get(article.file), len(extraction.figures))
        sources.append(source)
        for fid, figure, occurrence in _with_ids(extraction):
            item = _item(fid, figure, occurrence, source, by_id.get(fid), rules)
            groups.setdefault(item.grade, []).append(item)
    metrics = sorted({item.metric for items in groups.values() for item in items if item.metric})
    counts = {grade: len(items) for grade, items in groups.items()}
    return ReviewPage(tuple((g, tuple(items)) for g, items in groups.items()), tuple(sources),
                      tuple(metrics), snapshot.skipped, counts)


def _with_ids(extraction: Extraction) -> Iterable[tuple[str, Figure, int]]:
    """Each figure with its id and which occurrence of its printed form in its sentence it is
    (the same count figure_ids hashes)."""
    seen: dict[tuple[int, int, str], int] = {}
    for fid, figure in zip(figure_ids(extraction.article_id, extraction.figures),
                           extraction.figures, strict=True):
        slot = (figure.ref.start, figure.ref.end, figure.raw)
        seen[slot] = seen.get(slot, -1) + 1
        yield fid, figure, seen[slot]


def _source(index: int, article: Article, correction: Correction | None, figures: int) -> Source:
    fixed = correction.source_changes() if correction is not None else {}
    read = {"title": article.title or "", "outlet": article.outlet or "",
            "date": article.date or ""}
    shown = {**read, **fixed}
    return Source(index, article.file, shown["title"], shown["outlet"], shown["date"],
                  read["title"], read["outlet"], read["date"], bool(fixed), figures)


def _item(fid: str, figure: Figure, occurrence: int, source: Source,
          correction: Correction | None, rules: GradePolicy) -> Item:
    before, printed, after = split_at_figure(figure.ref.sentence, figure.raw, occurrence)
    changes = correction.changes() if correction is not None else {}
    return Item(
        id=fid, grade=figure.grade, raw=figure.raw, value=_number(figure.value),
        unit=figure.unit, qualifier=figure.qualifier, label=figure.label or "",
        before=before, printed=printed, after=after, source=source,
        found=_found(figure, changes, rules), value_rule=figure.value_rule,
        decision=decision_of(correction),
        note=correction.note if correction else "",
        reviewer=correction.reviewer if correction else "",
        at=correction.at if correction else "")


def decision_of(correction: Correction | None) -> str:
    """What the staff decided about a figure, as the page names it."""
    if correction is None:
        return UNDECIDED
    if correction.wrong:
        return REJECTED
    return CORRECTED if correction.changes() else CONFIRMED


def _found(figure: Figure, changes: dict[str, object], rules: GradePolicy) -> tuple[Found, ...]:
    def fixed(name: str) -> str | None:
        value = changes.get(name)
        return None if value is None else _number(value) if name == "value" else str(value)

    return (
        Found("subject", figure.subject or "", figure.subject_rule, figure.subject_scope or "",
              _subject_state(figure, rules), fixed("subject")),
        Found("period", figure.period or "", figure.period_rule, figure.period_scope or "",
              _period_state(figure, rules), fixed("period")),
        Found("metric", figure.metric or "", figure.metric_rule, "", "", fixed("metric")),
        Found("unit", figure.unit, "", "", "", fixed("unit")),
        Found("value", _number(figure.value), figure.value_rule, "", "", fixed("value")),
    )


def _subject_state(figure: Figure, rules: GradePolicy) -> str:
    if not figure.subject:
        return UNKNOWN
    stated = (figure.subject_rule in rules.subject_rules
              and figure.subject_scope in rules.stated_scopes)
    return STATED if stated else INFERRED


def _period_state(figure: Figure, rules: GradePolicy) -> str:
    if not figure.period:
        return "" if figure.unit in rules.timeless_units else UNKNOWN
    stated = (figure.period_rule in rules.period_rules
              and figure.period_scope in rules.stated_scopes)
    return STATED if stated else INFERRED


def split_at_figure(sentence: str, raw: str, occurrence: int = 0) -> tuple[str, str, str]:
    """(before, the figure, after): the `occurrence`-th place `raw` is printed in the sentence,
    or the whole sentence before an empty figure when it is not printed there as such."""
    at = -1
    for _ in range(occurrence + 1):
        at = sentence.find(raw, at + 1) if raw else -1
        if at < 0:
            break
    if at < 0 and occurrence and raw:
        at = sentence.find(raw)
    if at < 0:
        return sentence, "", ""
    return sentence[:at], raw, sentence[at + len(raw):]


def _number(value: object) -> str:
    number = float(value)  # type: ignore[arg-type]
    return str(int(number)) if number.is_integer() else str(number)


__all__ = [
    "CONFIRMED",
    "CORRECTED",
    "GRADE_ORDER",
    "REJECTED",
    "UNDECIDED",
    "Item",
    "ReviewPage",
    "Snapshot",
    "Source",
    "decision_of",
    "folder_state",
    "load_project_figures",
    "review_items",
    "split_at_figure",
]
