"""Staff corrections that persist: fix a figure's subject, period or metric, or mark it wrong.

    figure_ids(article, figures) -> list[str]      the stable id of each extracted figure
    load_corrections(path) -> tuple[Correction, ...]       checked against SCHEMA, file:line
    apply_corrections(extractions, articles, corrections) -> (extractions, problems)
    corrections_from_sheet(sheet, records, rows) -> SheetEdits   the edits of a facts sheet
    merge_corrections(path, corrections) -> int    merged field by field, comments kept, atomic

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
import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import SingleQuotedScalarString

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
MAX_ENTRIES = 200_000  #: corrections in one file (10,000 articles hold ~250,000 figures)
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
    return schema.text(40, _PERIOD, "a year or a year and month, such as '2022' or "
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
    elif all(value.get(f) is None for f in FIELDS) and not value.get("wrong") \
            and isinstance(value.get("wrong", False), bool):  # a bad `wrong` is its own error
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


_MARKED_WRONG = ("1", "true", "yes", "x", "wrong")  #: what staff put in a sheet's wrong column


@dataclass(frozen=True)
class SheetEdits:
    """What an edited facts sheet changes, and its rows that name no current figure."""

    corrections: tuple[Correction, ...]
    unknown_rows: tuple[int, ...]  #: sheet rows (from 2, after the header) of unknown ids


def corrections_from_sheet(sheet: Path, records: list[dict[str, str]],
                           rows: list[dict[str, Any]]) -> SheetEdits:
    """Compare an edited facts sheet's records (briefing.consolidate.fact_sheet.read_sheet)
    with the current extraction's rows: every edit is a correction.

    ConfigError naming each sheet row whose edit the corrections file could not hold (a
    period that is no period, an invisible character …), all at once.
    """
    current = {r["id"]: r for r in rows}
    out: list[Correction] = []
    unknown: list[int] = []
    problems: list[str] = []
    for number, record in enumerate(records, 2):
        row = current.get(record["id"])
        if row is None:
            if any(v.strip() for v in record.values()):
                unknown.append(number)
            continue
        wrong = record.get("wrong", "").strip().lower() in _MARKED_WRONG
        values = {f: record.get(f, "").strip() for f in FIELDS}
        changed = {f: v for f, v in values.items() if v != str(row.get(f) or "") and v}
        if not changed and not wrong:
            continue
        note = record.get("note", "").strip()
        entry = {"id": record["id"], **changed, **({"wrong": True} if wrong else {}),
                 **({"note": note} if note else {})}
        found = _entry(entry, ())
        problems += [f"row {number} ({record['id']}): {'.'.join(map(str, p.where)) or 'row'}: "
                     f"{p.message}" for p in found]
        if not found:
            out.append(Correction(record["id"], wrong=wrong, note=note, **changed))
    if problems:
        listed = "\n".join(f"  {p}" for p in problems[: schema.MAX_LISTED])
        more = (f"\n  … and {len(problems) - schema.MAX_LISTED:,} more"
                if len(problems) > schema.MAX_LISTED else "")
        raise ConfigError(f"{len(problems):,} edit(s) cannot be corrections; nothing was "
                          f"imported:\n{listed}{more}", file=str(sheet))
    return SheetEdits(tuple(out), tuple(unknown))


# --------------------------------------------------------------------------- merging


def merge_corrections(path: Path, new: Iterable[Correction]) -> int:
    """Merge `new` into the corrections file at `path`, field by field; how many entries
    were added or changed.

    A figure already corrected keeps what the new correction does not set (an earlier
    subject fix and its note survive a new period); comments, order and quoting of the
    file are kept (ruamel.yaml's round trip). The result is checked as a build checks it,
    then written to a temp file beside `path` and renamed over it, so a full disk or a kill
    leaves the old file whole. A file read in another encoding is written as UTF-8.
    """
    text = read_corrections_text(path) if path.exists() else ""
    if text:
        load_corrections(path)  # the file as it is must be valid: ConfigError with its lines
    document = _round_trip().load(text) if text.strip() else None
    if document is None:
        document = CommentedMap()
    if document.get("corrections") is None:
        document["corrections"] = CommentedSeq()
    entries = document["corrections"]
    by_id = {str(entry["id"]): entry for entry in entries}
    changed = 0
    for correction in new:
        entry = by_id.get(correction.id)
        if entry is None:
            entry = by_id[correction.id] = CommentedMap(id=_quoted(correction.id))
            entries.append(entry)
        if _merge_into(entry, correction):
            changed += 1
    buffer = io.StringIO()
    _round_trip().dump(document, buffer)
    result = buffer.getvalue()
    checked = schema.parse_yaml(result, str(path), ConfigError)
    schema.raise_problems(SCHEMA(checked.data, ()), path, str(path), ConfigError, checked.line)
    write_text_atomically(path, result)
    return changed


def _merge_into(entry: CommentedMap, correction: Correction) -> bool:
    """Set what `correction` sets on the file's `entry`; whether anything changed."""
    updates: dict[str, Any] = {f: _plain_scalar(v) for f, v in correction.changes().items()}
    if correction.wrong:
        updates["wrong"] = True
    if correction.note:
        updates["note"] = _plain_scalar(correction.note)
    changed = False
    for key, value in updates.items():
        if entry.get(key) != value:
            entry[key] = value
            changed = True
    return changed


def _round_trip() -> YAML:
    """ruamel.yaml's round trip, laid out as the README's example (lists indented by 2)."""
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 4096  # a long note stays on one line
    rt.indent(mapping=2, sequence=4, offset=2)
    return rt


def _quoted(value: str) -> SingleQuotedScalarString:
    return SingleQuotedScalarString(value)


def _plain_scalar(value: str) -> str:
    """`value`, quoted when a YAML 1.1 reader (PyYAML, which builds read with) would take
    it unquoted for something else: yes, no, on, 2022 …"""
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    return value if tag == "tag:yaml.org,2002:str" else _quoted(value)


_RESOLVER = yaml.resolver.Resolver()


def write_text_atomically(target: Path, text: str) -> None:
    """Write UTF-8 text to a temp file beside `target`, fsync it, then rename it over `target`."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


__all__ = [
    "Correction",
    "apply_corrections",
    "applied_corrections",
    "SheetEdits",
    "corrections_from_sheet",
    "figure_ids",
    "load_corrections",
    "merge_corrections",
    "read_corrections_text",
    "write_text_atomically",
]
