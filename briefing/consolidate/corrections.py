"""Staff corrections that persist: fix a figure's subject, period or metric, or mark it wrong.

    figure_ids(article, figures) -> list[str]      the stable id of each extracted figure
    load_corrections(path) -> tuple[Correction, ...]
    apply_corrections(extractions, articles, corrections) -> (extractions, problems)
    corrections_from_sheet(sheet, rows) -> list[Correction]   the edits of a facts sheet

`data/corrections.yaml`:

    corrections:
      - id: 3f2a9c0d1e4b          # from `generate.py facts --csv/--xlsx`
        subject: 中国              # any of subject, period, metric: the corrected value
        period: "2022"
        note: the survey year, not the publication year
      - id: 77b1e0c2a9d4
        wrong: true               # the figure is dropped from every brief

A figure's id hashes its article (sha256 of the bytes), its sentence span, its printed form
and which occurrence of that form in the sentence it is, so it survives rule changes and
rebuilds, and changes only when the article's file does. A correction whose figure no longer
exists is reported on every build, never silently dropped.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefing.errors import ConfigError
from briefing.extract.salience import mark_key_figures
from briefing.models import Article, Extraction, Figure, FigureCorrection

FIELDS = ("subject", "period", "metric")


@dataclass(frozen=True, slots=True)
class Correction:
    """One staff correction of one figure."""

    id: str
    subject: str | None = None
    period: str | None = None
    metric: str | None = None
    wrong: bool = False
    note: str = ""

    def changes(self) -> dict[str, str]:
        return {f: getattr(self, f) for f in FIELDS if getattr(self, f) is not None}


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
        if isinstance(entry, dict) and not isinstance(entry.get("id", ""), str):
            raise ConfigError(f"correction {n}: quote the id ('{entry['id']}'), or YAML reads "
                              f"an all-digit id as a number", file=str(path))
        if not isinstance(entry, dict) or not entry.get("id"):
            raise ConfigError(f"correction {n}: needs an 'id' (from `generate.py facts`)",
                              file=str(path))
        unknown = set(entry) - {"id", "wrong", "note", *FIELDS}
        if unknown:
            raise ConfigError(f"correction {n} ({entry['id']}): unknown key(s) "
                              f"{', '.join(sorted(unknown))}; use {', '.join(FIELDS)}, wrong, note",
                              file=str(path))
        values = {f: str(entry[f]) for f in FIELDS if entry.get(f) is not None}
        if not values and not entry.get("wrong"):
            raise ConfigError(f"correction {n} ({entry['id']}): sets nothing; give "
                              f"{', '.join(FIELDS)} or wrong: true", file=str(path))
        out.append(Correction(str(entry["id"]), wrong=bool(entry.get("wrong", False)),
                              note=str(entry.get("note", "")), **values))
    return tuple(out)


def save_corrections(path: Path, corrections: Iterable[Correction]) -> None:
    """Write corrections.yaml (one entry per figure id, the last one winning)."""
    by_id = {c.id: c for c in corrections}
    entries = []
    for c in by_id.values():
        entry: dict[str, Any] = {"id": c.id, **c.changes()}
        if c.wrong:
            entry["wrong"] = True
        if c.note:
            entry["note"] = c.note
        entries.append(entry)
    text = yaml.safe_dump({"corrections": entries}, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")


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
    by_id = {c.id: c for c in corrections}
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
                figures.append(dataclasses.replace(figure, **correction.changes()))
        article = by_article.get(extraction.article_id)
        if corrected and article is not None:
            figures = list(mark_key_figures(article, figures))
        out.append(dataclasses.replace(extraction, figures=tuple(figures)))
    problems = [f"correction {c.id}: no extracted figure has this id any more (its article "
                f"was removed or edited); check `generate.py facts` and update or delete it"
                for c in corrections if c.id not in used]
    return tuple(out), problems


def applied_corrections(
    extractions: tuple[Extraction, ...], corrections: tuple[Correction, ...]
) -> tuple[FigureCorrection, ...]:
    """The audit view of each correction that matched a figure (before applying it)."""
    by_id = {c.id: c for c in corrections}
    out = []
    for extraction in extractions:
        for fid, f in zip(figure_ids(extraction.article_id, extraction.figures),
                          extraction.figures, strict=True):
            c = by_id.get(fid)
            if c is None:
                continue
            fields = tuple(c.changes()) or FIELDS
            out.append(FigureCorrection(
                id=fid, file=f.ref.file, sentence=f.ref.sentence, start=f.ref.start,
                end=f.ref.end, raw=f.raw, wrong=c.wrong,
                extracted=tuple((k, getattr(f, k)) for k in fields),
                corrected=tuple((k, v) for k, v in c.changes().items()), note=c.note))
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
    "applied_corrections",
    "corrections_from_sheet",
    "figure_ids",
    "load_corrections",
    "save_corrections",
]
