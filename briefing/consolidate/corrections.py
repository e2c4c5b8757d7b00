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
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefing import schema
from briefing.errors import ConfigError, InputError
from briefing.read.decode import decode
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


MAX_BYTES = 16 * 1024 * 1024  #: a larger corrections file is refused unread
MAX_ENTRIES = 50_000  #: corrections in one file (a corpus of 1,000 articles has ~25,000 figures)
MAX_VALUE = 60  #: characters of a corrected subject or metric (the longest extracted: ~50)
MAX_NOTE = 1_000  #: characters of a note
_ID = re.compile(r"^[0-9a-f]{12}$")
#: a period as the extractor writes one: a year, or a year and month (1800-01 … 2199-12)
_PERIOD = re.compile(r"^(?:1[89]|2[01])\d\d(?:-(?:0[1-9]|1[0-2]))?$")


def _figure_id(value: Any, where: schema.Path_) -> list[schema.Problem]:
    if isinstance(value, int) and not isinstance(value, bool):
        return [schema.Problem(where, "quote the id ('…'): YAML reads an all-digit id as a "
                                      "number")]
    return schema.text(12, _ID, "the 12 hex digits `briefing facts` prints")(value, where)


def _period(value: Any, where: schema.Path_) -> list[schema.Problem]:
    if isinstance(value, int) and not isinstance(value, bool):  # period: 2022 (unquoted)
        value = str(value)
    return schema.text(7, _PERIOD, "a year or a year and month, such as '2022' or "
                                   "'2022-06'")(value, where)


_FIELDS_SCHEMA = schema.table({
    "id": _figure_id,
    "subject": schema.optional(schema.printable(MAX_VALUE)),
    "period": schema.optional(_period),
    "metric": schema.optional(schema.printable(MAX_VALUE)),
    "wrong": schema.boolean,
    "note": schema.optional(schema.printable(MAX_NOTE, multiline=True)),
})


def _entry(value: Any, where: schema.Path_) -> list[schema.Problem]:
    """One correction: its fields' checks, an id, and something to change."""
    problems = _FIELDS_SCHEMA(value, where)
    if not isinstance(value, dict):
        return problems
    if value.get("id") is None:
        problems.append(schema.Problem(where, "needs an 'id' (from `briefing facts`)"))
    elif all(value.get(f) is None for f in FIELDS) and value.get("wrong") is not True:
        problems.append(schema.Problem(where, f"sets nothing; give {', '.join(FIELDS)} or "
                                              f"wrong: true"))
    return problems


def _entries(value: Any, where: schema.Path_) -> list[schema.Problem]:
    """The list of corrections, none of them for an id an earlier one corrects."""
    if value is None:  # `corrections:` with nothing under it
        return []
    problems = schema.listing(_entry, MAX_ENTRIES)(value, where)
    if problems or not isinstance(value, list):
        return problems
    first: dict[str, int] = {}
    for n, entry in enumerate(value):
        fid = entry.get("id")
        if fid in first:
            problems.append(schema.Problem((*where, n, "id"), f"corrects the same figure as "
                                                             f"correction {first[fid] + 1}; "
                                                             f"merge the two"))
        first.setdefault(fid, n)
    return problems


SCHEMA: schema.Check = schema.table({"corrections": _entries})


def read_corrections_text(path: Path) -> str:
    """The text of a corrections file in any encoding the article reader accepts (UTF-8/16,
    GB18030/GBK, Big5); ConfigError when it is missing, a folder, too large or not text."""
    if not path.exists():
        raise ConfigError("corrections file not found", file=str(path))
    if not path.is_file():
        raise ConfigError("not a file (a corrections file is a YAML file)", file=str(path))
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ConfigError(f"over {MAX_BYTES:,} bytes; not read", file=str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read the corrections file ({exc.strerror})",
                          file=str(path)) from None
    if not data.strip():
        return ""
    try:
        return decode(data, path.name).text
    except InputError as exc:
        # A short file holds too few Chinese characters for the encoding to be detected;
        # one saved by an editor set to the Chinese Windows code page is GBK (GB18030).
        try:
            if b"\x00" not in data:
                return data.decode("gb18030")
        except UnicodeDecodeError:
            pass
        raise ConfigError(exc.message, file=str(path)) from None


def load_corrections(path: Path) -> tuple[Correction, ...]:
    """Read and check corrections.yaml; ConfigError naming every problem with its line.

    The file must exist: a path given by flag or setting that names nothing is a mistake.
    """
    document = schema.parse_yaml(read_corrections_text(path), str(path), ConfigError)
    data = {} if document.data is None else document.data
    schema.raise_problems(SCHEMA(data, ()), path, str(path), ConfigError, document.line)
    return tuple(_correction(entry) for entry in data.get("corrections") or ())


def _correction(entry: dict[str, Any]) -> Correction:
    values = {f: str(entry[f]) for f in FIELDS if entry.get(f) is not None}
    return Correction(entry["id"], wrong=entry.get("wrong") is True,
                      note=str(entry.get("note") or ""), **values)


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
