"""Staff corrections that persist: fix a figure's subject, period or metric, or mark it wrong;
confirm a figure; fix a source's title, outlet or date.

    figure_ids(article, figures) -> list[str]      the stable id of each extracted figure
    load_corrections(path) -> tuple[Correction, ...]
    apply_corrections(extractions, articles, corrections) -> (extractions, problems)
    apply_source_corrections(articles, corrections) -> (articles, problems)
    corrections_from_sheet(sheet, rows) -> list[Correction]   the edits of a facts sheet

`data/corrections.yaml`:

    corrections:
      - id: 3f2a9c0d1e4b          # from `generate.py facts --csv/--xlsx`
        subject: 中国              # any of subject, period, metric: the corrected value
        period: "2022"
        note: the survey year, not the publication year
      - id: 77b1e0c2a9d4
        wrong: true               # the figure is dropped from every brief
      - id: 5c0e9a1b2d3f
        confirm: true             # a person read the sentence: the figure counts as stated
        reviewer: 王芳             # who and when (the review page writes them when named)
        at: "2026-11-22T10:15:00+08:00"
      - source: a001_report.txt   # a source (by its file name), not a figure
        title: 2022联合国电子政务调查报告   # any of title, outlet, date

A figure's id hashes its article (sha256 of the bytes), its sentence span, its printed form
and which occurrence of that form in the sentence it is, so it survives rule changes and
rebuilds, and changes only when the article's file does. A correction whose figure no longer
exists is reported on every build, never silently dropped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefing.errors import ConfigError
from briefing.extract.grades import STATED
from briefing.extract.salience import mark_key_figures
from briefing.models import Article, Extraction, Figure, FigureCorrection

FIELDS = ("subject", "period", "metric")
#: What else a correction may set on a figure (the review page corrects them too).
MORE_FIELDS = ("unit", "value")
#: What a correction of a source (keyed by `source:`, its file name) may set on its Article.
SOURCE_FIELDS = ("title", "outlet", "date")
#: Who decided and when: written by the review page when the reviewer gave a name.
WHO_WHEN = ("reviewer", "at")


@dataclass(frozen=True, slots=True)
class Correction:
    """One staff correction of one figure (by `id`) or of one source (by `source`, a file name)."""

    id: str
    subject: str | None = None
    period: str | None = None
    metric: str | None = None
    wrong: bool = False
    note: str = ""
    unit: str | None = None
    value: float | None = None
    confirm: bool = False  #: a person checked the figure: it counts as stated for printing
    source: str | None = None  #: the article file a source correction is for (then id is "")
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    reviewer: str = ""
    at: str = ""  #: ISO time of the decision

    @property
    def key(self) -> str:
        """What one entry of the file is about: a figure id, or `source:FILE`."""
        return self.id if self.source is None else f"source:{self.source}"

    def changes(self) -> dict[str, Any]:
        """The figure's corrected fields (value a number, the others text)."""
        return {f: getattr(self, f) for f in (*FIELDS, *MORE_FIELDS)
                if getattr(self, f) is not None}

    def source_changes(self) -> dict[str, str]:
        """A source correction's corrected metadata."""
        return {f: getattr(self, f) for f in SOURCE_FIELDS if getattr(self, f) is not None}


# --------------------------------------------------------------------------- ids


def figure_ids(article_id: str, figures: Iterable[Figure]) -> list[str]:
    """The stable id of each figure, in order (12 hex digits)."""
    seen: dict[tuple[int, int, str], int] = {}
    ids = []
    for f in figures:
        slot = (f.ref.start, f.ref.end, f.raw)
        seen[slot] = seen.get(slot, -1) + 1
        text = f"{article_id}:{f.ref.start}:{f.ref.end}:{f.raw}:{seen[slot]}"
        ids.append(hashlib.sha256(text.encode()).hexdigest()[:12])
    return ids


# --------------------------------------------------------------------------- the file


def load_corrections(path: Path) -> tuple[Correction, ...]:
    """Read corrections.yaml; ConfigError naming the file and entry when it is malformed."""
    if not path.is_file():
        return ()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise ConfigError(f"not valid YAML ({exc})", file=str(path),
                          line=line + 1 if line is not None else None) from None
    entries = data.get("corrections", []) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConfigError("expected a 'corrections:' list", file=str(path))
    out = []
    for n, entry in enumerate(entries, 1):
        if isinstance(entry, dict) and "source" in entry:
            out.append(_source_entry(n, entry, path))
            continue
        if isinstance(entry, dict) and not isinstance(entry.get("id", ""), str):
            raise ConfigError(f"correction {n}: quote the id ('{entry['id']}'), or YAML reads "
                              f"an all-digit id as a number", file=str(path))
        if not isinstance(entry, dict) or not entry.get("id"):
            raise ConfigError(f"correction {n}: needs an 'id' (from `generate.py facts`) "
                              f"or a 'source' (an article file name)", file=str(path))
        unknown = set(entry) - {"id", "wrong", "note", "confirm", *FIELDS, *MORE_FIELDS,
                                *WHO_WHEN}
        if unknown:
            raise ConfigError(f"correction {n} ({entry['id']}): unknown key(s) "
                              f"{', '.join(sorted(unknown))}; use {', '.join(FIELDS)}, unit, "
                              f"value, wrong, confirm, note, reviewer, at", file=str(path))
        values: dict[str, Any] = {f: str(entry[f]) for f in (*FIELDS, "unit")
                                  if entry.get(f) is not None}
        if entry.get("value") is not None:
            values["value"] = _number(entry["value"], f"correction {n} ({entry['id']})", path)
        if not values and not entry.get("wrong") and not entry.get("confirm"):
            raise ConfigError(f"correction {n} ({entry['id']}): sets nothing; give "
                              f"{', '.join(FIELDS)}, wrong: true or confirm: true",
                              file=str(path))
        out.append(Correction(str(entry["id"]), wrong=bool(entry.get("wrong", False)),
                              confirm=bool(entry.get("confirm", False)),
                              note=str(entry.get("note", "")), **_who_when(entry), **values))
    return tuple(out)


def _source_entry(n: int, entry: dict[str, Any], path: Path) -> Correction:
    """A correction of a source's title, outlet or date, keyed by its file name."""
    name = entry.get("source")
    if not isinstance(name, str) or not name:
        raise ConfigError(f"correction {n}: 'source' must be an article file name",
                          file=str(path))
    unknown = set(entry) - {"source", "note", *SOURCE_FIELDS, *WHO_WHEN}
    if unknown:
        raise ConfigError(f"correction {n} (source {name}): unknown key(s) "
                          f"{', '.join(sorted(unknown))}; use {', '.join(SOURCE_FIELDS)}, note, "
                          f"reviewer, at", file=str(path))
    values = {f: str(entry[f]) for f in SOURCE_FIELDS if entry.get(f) is not None}
    if not values:
        raise ConfigError(f"correction {n} (source {name}): sets nothing; give "
                          f"{', '.join(SOURCE_FIELDS)}", file=str(path))
    return Correction("", source=name, note=str(entry.get("note", "")), **_who_when(entry),
                      **values)


def _who_when(entry: dict[str, Any]) -> dict[str, str]:
    return {f: str(entry[f]) for f in WHO_WHEN if entry.get(f) is not None}


def _number(value: Any, where: str, path: Path) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: value must be a number, got {value!r}",
                          file=str(path)) from None


def _entry(c: Correction) -> dict[str, Any]:
    """One correction as the file writes it."""
    entry: dict[str, Any] = ({"source": c.source, **c.source_changes()} if c.source is not None
                             else {"id": c.id, **c.changes()})
    if c.value is not None and float(c.value).is_integer():
        entry["value"] = int(c.value)
    for flag in ("wrong", "confirm"):
        if getattr(c, flag):
            entry[flag] = True
    for name in ("note", *WHO_WHEN):
        if getattr(c, name):
            entry[name] = getattr(c, name)
    return entry


def save_corrections(path: Path, corrections: Iterable[Correction]) -> None:
    """Write corrections.yaml (one entry per figure id or source, the last one winning)."""
    by_key = {c.key: c for c in corrections}
    entries = [_entry(c) for c in by_key.values()]
    text = yaml.safe_dump({"corrections": entries}, allow_unicode=True, sort_keys=False)
    # atomically: a reader (a build, the review page) never sees half a file
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=".",
                                     suffix=".tmp", delete=False) as handle:
        handle.write(text)
    os.replace(handle.name, path)


# --------------------------------------------------------------------------- applying


def apply_corrections(
    extractions: tuple[Extraction, ...],
    articles: tuple[Article, ...],
    corrections: tuple[Correction, ...],
) -> tuple[tuple[Extraction, ...], list[str]]:
    """Extractions with the corrections applied, and a message per correction left unused.

    An article whose figures were corrected has its key figures decided again: a corrected
    metric or a dropped figure changes what its headline figures are.
    """
    by_article = {a.id: a for a in articles}
    by_id = {c.id: c for c in corrections if c.source is None}
    used: set[str] = set()
    out = []
    for extraction in extractions:
        figures = []
        corrected = False
        for fid, figure in zip(figure_ids(extraction.article_id, extraction.figures),
                               extraction.figures, strict=True):
            correction = by_id.get(fid)
            if correction is None:
                figures.append(figure)
                continue
            used.add(fid)
            corrected = True
            if not correction.wrong:
                figures.append(dataclasses.replace(figure, **correction.changes(),
                                                   **_confirmed(correction)))
        article = by_article.get(extraction.article_id)
        if corrected and article is not None:
            figures = list(mark_key_figures(article, figures))
        out.append(dataclasses.replace(extraction, figures=tuple(figures)))
    problems = [f"correction {c.id}: no extracted figure has this id any more (its article "
                f"was removed or edited); check `generate.py facts` and update or delete it"
                for c in corrections if c.source is None and c.id not in used]
    return tuple(out), problems


def _confirmed(correction: Correction) -> dict[str, str]:
    """A figure a person confirmed counts as stated, whatever the rules graded it."""
    return {"grade": STATED} if correction.confirm else {}


def apply_source_corrections(
    articles: tuple[Article, ...], corrections: tuple[Correction, ...]
) -> tuple[tuple[Article, ...], list[str]]:
    """Articles with their title, outlet or date corrected, and a message per source
    correction whose file is not among them."""
    by_file = {c.source: c for c in corrections if c.source is not None}
    out = tuple(dataclasses.replace(a, **by_file[a.file].source_changes())
                if a.file in by_file else a for a in articles)
    present = {a.file for a in articles}
    problems = [f"correction of source {name}: no article has this file name any more; "
                f"update or delete it" for name in by_file if name not in present]
    return out, problems


def applied_source_corrections(
    articles: tuple[Article, ...], corrections: tuple[Correction, ...]
) -> tuple[FigureCorrection, ...]:
    """The audit view of each source correction that matched an article (before applying it)."""
    by_file = {c.source: c for c in corrections if c.source is not None}
    return tuple(
        FigureCorrection(
            id=c.key, file=a.file, sentence="", start=0, end=0, raw="", wrong=False,
            extracted=tuple((k, getattr(a, k)) for k in c.source_changes()),
            corrected=tuple(c.source_changes().items()), note=c.note, kind="source",
            reviewer=c.reviewer, at=c.at)
        for a in articles if (c := by_file.get(a.file)) is not None)


def applied_corrections(
    extractions: tuple[Extraction, ...], corrections: tuple[Correction, ...]
) -> tuple[FigureCorrection, ...]:
    """The audit view of each correction that matched a figure (before applying it)."""
    by_id = {c.id: c for c in corrections if c.source is None}
    out = []
    for extraction in extractions:
        for fid, f in zip(figure_ids(extraction.article_id, extraction.figures),
                          extraction.figures, strict=True):
            c = by_id.get(fid)
            if c is None:
                continue
            fields = tuple(c.changes()) or FIELDS
            corrected = tuple((k, v) for k, v in c.changes().items())
            if c.confirm:  # the grade as extracted beside the staff's decision
                fields, corrected = (*fields, "grade"), (*corrected, ("grade", STATED))
            out.append(FigureCorrection(
                id=fid, file=f.ref.file, sentence=f.ref.sentence, start=f.ref.start,
                end=f.ref.end, raw=f.raw, wrong=c.wrong,
                extracted=tuple((k, getattr(f, k)) for k in fields),
                corrected=corrected, note=c.note, confirmed=c.confirm,
                reviewer=c.reviewer, at=c.at))
    return tuple(out)


# --------------------------------------------------------------------------- import


def corrections_from_sheet(sheet: Path, rows: list[dict[str, Any]]) -> list[Correction]:
    """Compare an edited facts sheet with the current extraction: every edit is a correction."""
    import pandas as pd

    try:
        frame = (pd.read_excel(sheet, dtype=str) if sheet.suffix.lower() == ".xlsx"
                 else pd.read_csv(sheet, dtype=str, encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read the facts sheet ({exc})", file=str(sheet)) from None
    if "id" not in frame.columns:
        raise ConfigError("the sheet has no 'id' column; export it with `generate.py facts "
                          "--xlsx` or `--csv`", file=str(sheet))
    current = {r["id"]: r for r in rows}
    out = []
    for record in frame.fillna("").to_dict("records"):
        row = current.get(record["id"])
        if row is None:
            continue
        wrong = str(record.get("wrong", "")).strip().lower() in ("1", "true", "yes", "x", "wrong")
        values = {f: str(record.get(f, "")).strip() for f in FIELDS}
        changed = {f: v for f, v in values.items() if v != (row.get(f) or "") and v}
        if changed or wrong:
            out.append(Correction(record["id"], wrong=wrong,
                                  note=str(record.get("note", "")).strip(), **changed))
    return out


__all__ = [
    "Correction",
    "apply_corrections",
    "apply_source_corrections",
    "applied_corrections",
    "applied_source_corrections",
    "corrections_from_sheet",
    "figure_ids",
    "load_corrections",
    "save_corrections",
]
