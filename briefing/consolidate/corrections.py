"""Staff corrections that persist: fix a figure's subject, period or metric, or mark it wrong;
confirm a figure; fix a source's title, outlet or date.

    figure_ids(article, figures) -> list[str]      the stable id of each extracted figure
    load_corrections(path) -> tuple[Correction, ...]       checked against SCHEMA, file:line
    apply_corrections(extractions, articles, corrections) -> (extractions, problems)
    apply_source_corrections(articles, corrections) -> (articles, problems)
    corrections_from_sheet(sheet, records, rows) -> SheetEdits   the edits of a facts sheet
    merge_corrections(path, corrections) -> int    the import: merged field by field
    replace_correction(path, key, correction)      the review page: one whole decision
    save_corrections(path, corrections)            write exactly these (one per key)

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

Every writer keeps the file's comments, order and quoting (ruamel.yaml's round trip), checks
the result as a build checks it, and writes it to a temp file beside the file that is then
renamed over it, so a full disk or a kill leaves the old file whole.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import io
import math
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from briefing import schema
from briefing.errors import ConfigError, InputError
from briefing.extract.grades import STAFF_PERIOD_RULE, STATED
from briefing.extract.salience import mark_key_figures
from briefing.models import Article, Extraction, Figure, FigureCorrection
from briefing.read.decode import decode

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


# --------------------------------------------------------------------------- the schema


MAX_BYTES = 16 * 1024 * 1024  #: a larger corrections file is refused unread
MAX_ENTRIES = 200_000  #: corrections in one file (10,000 articles hold ~250,000 figures)
MAX_VALUE = 60  #: characters of a corrected subject or metric (the longest extracted: ~50)
MAX_UNIT = 32  #: characters of a corrected unit (persons, rank_change …)
MAX_TITLE = 300  #: characters of a corrected source title
MAX_OUTLET = 200  #: characters of a corrected outlet
MAX_FILE_NAME = 1_000  #: characters of a source's file name
MAX_NOTE = 1_000  #: characters of a note
MAX_REVIEWER = 80  #: characters of a reviewer's name
_ID = re.compile(r"^[0-9a-f]{12}$")
#: a period as the extractor writes one: a year, or a year and month (1800-01 … 2199-12)
_PERIOD = re.compile(r"^(?:1[89]|2[01])\d\d(?:-(?:0[1-9]|1[0-2]))?$")
#: a source's date as the reader writes one: YYYY, YYYY-MM or YYYY-MM-DD
_DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


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


def _value(value: Any, where: schema.Path_) -> list[schema.Problem]:
    """A corrected value: a finite number."""
    if isinstance(value, bool) or not isinstance(value, int | float) \
            or not math.isfinite(value):
        return [schema.Problem(where, f"must be a number, got {schema.got(value)}")]
    return []


def _source_date(value: Any, where: schema.Path_) -> list[schema.Problem]:
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):  # date: 2021-04-26
        return []
    return schema.text(10, _DATE, "a date such as '2021', '2021-04' or "
                                  "'2021-04-26'")(value, where)


def _moment(value: Any, where: schema.Path_) -> list[schema.Problem]:
    """When a decision was made: an ISO date and time (a YAML timestamp unquoted)."""
    if isinstance(value, _dt.datetime | _dt.date):
        return []
    if isinstance(value, str) and len(value) <= 40:
        try:
            _dt.datetime.fromisoformat(value)
            return []
        except ValueError:
            pass
    return [schema.Problem(where, f"must be a time such as '2026-11-22T10:15:00+08:00', "
                                  f"got {schema.got(value)}")]


_NOTE = schema.optional(schema.printable(MAX_NOTE, multiline=True))
_WHO_WHEN_SCHEMA = {"reviewer": schema.optional(schema.printable(MAX_REVIEWER)),
                    "at": schema.optional(_moment)}

_FIGURE_SCHEMA = schema.table({
    "id": _figure_id,
    "subject": schema.optional(schema.printable(MAX_VALUE)),
    "period": schema.optional(_period),
    "metric": schema.optional(schema.printable(MAX_VALUE)),
    "unit": schema.optional(schema.printable(MAX_UNIT, min_len=1)),
    "value": schema.optional(_value),
    "wrong": schema.boolean,
    "confirm": schema.boolean,
    "note": _NOTE,
    **_WHO_WHEN_SCHEMA,
})

_SOURCE_SCHEMA = schema.table({
    "source": schema.printable(MAX_FILE_NAME, min_len=1),
    "title": schema.optional(schema.printable(MAX_TITLE)),
    "outlet": schema.optional(schema.printable(MAX_OUTLET)),
    "date": schema.optional(_source_date),
    "note": _NOTE,
    **_WHO_WHEN_SCHEMA,
})


def _entry_problems(value: Any, where: schema.Path_) -> list[schema.Problem]:
    """One correction: of a source (it has `source:`) or of a figure (by `id`); its fields'
    checks, and something to change."""
    if isinstance(value, dict) and "source" in value:
        problems = _SOURCE_SCHEMA(value, where)
        if all(value.get(f) is None for f in SOURCE_FIELDS):
            problems.append(schema.Problem(where, f"sets nothing; give "
                                                  f"{', '.join(SOURCE_FIELDS)}"))
        return problems
    problems = _FIGURE_SCHEMA(value, where)
    if not isinstance(value, dict):
        return problems
    flags = [value.get(f, False) for f in ("wrong", "confirm")]
    if value.get("id") is None:
        problems.append(schema.Problem(where, "needs an 'id' (from `briefing facts`) or a "
                                              "'source' (an article file name)"))
    elif all(value.get(f) is None for f in (*FIELDS, *MORE_FIELDS)) and not any(flags) \
            and all(isinstance(f, bool) for f in flags):  # a bad flag is its own error
        problems.append(schema.Problem(where, f"sets nothing; give {', '.join(FIELDS)}, "
                                              f"wrong: true or confirm: true"))
    return problems


def _entry_key(entry: Any) -> str | None:
    """What an entry of the file is about (as Correction.key), None when it names nothing."""
    if not isinstance(entry, dict):
        return None
    if "source" in entry:
        return f"source:{entry['source']}"
    return None if entry.get("id") is None else str(entry["id"])


def _entries(value: Any, where: schema.Path_) -> list[schema.Problem]:
    """The list of corrections, none of them about a figure or source an earlier one is."""
    if value is None:  # `corrections:` with nothing under it
        return []
    problems = schema.listing(_entry_problems, MAX_ENTRIES)(value, where)
    if problems or not isinstance(value, list):
        return problems
    first: dict[str, int] = {}
    for n, entry in enumerate(value):
        key = _entry_key(entry)
        if key is None:
            continue
        if key in first:
            about = "source" if key.startswith("source:") else "figure"
            field = "source" if about == "source" else "id"
            problems.append(schema.Problem((*where, n, field), f"corrects the same {about} as "
                                                               f"correction {first[key] + 1}; "
                                                               f"merge the two"))
        else:
            first[key] = n
    return problems


SCHEMA: schema.Check = schema.table({"corrections": _entries})


def correction_problems(correction: Correction) -> list[str]:
    """What the corrections file's schema finds wrong with `correction` (empty: it can be
    written): a writer checks a decision before it reaches the file."""
    return [f"{'.'.join(map(str, p.where)) or 'correction'}: {p.message}"
            for p in _entry_problems(_as_entry(correction), ())]


# --------------------------------------------------------------------------- reading


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
    data = _checked_data(read_corrections_text(path), path)
    return tuple(_correction(entry) for entry in data.get("corrections") or ())


def _checked_data(text: str, path: Path) -> dict[str, Any]:
    """The data of a corrections text, checked against SCHEMA (ConfigError with lines)."""
    data = schema.checked_yaml(text, SCHEMA, str(path), ConfigError)
    return {} if data is None else data


def _correction(entry: dict[str, Any]) -> Correction:
    """The Correction of one checked entry of the file."""
    common = {"note": str(entry.get("note") or ""),
              **{f: _text(entry[f]) for f in WHO_WHEN if entry.get(f) is not None}}
    if "source" in entry:
        values = {f: _text(entry[f]) for f in SOURCE_FIELDS if entry.get(f) is not None}
        return Correction("", source=str(entry["source"]), **common, **values)
    changes: dict[str, Any] = {f: str(entry[f]) for f in (*FIELDS, "unit")
                               if entry.get(f) is not None}
    if entry.get("value") is not None:
        changes["value"] = float(entry["value"])
    return Correction(entry["id"], wrong=entry.get("wrong") is True,
                      confirm=entry.get("confirm") is True, **common, **changes)


def _text(value: Any) -> str:
    """A checked scalar as text; an unquoted YAML date or time in ISO form."""
    return value.isoformat() if isinstance(value, _dt.date) else str(value)


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
    """A figure a person confirmed counts as stated, whatever the rules graded it, and a
    period a person confirmed or set is theirs to print (STAFF_PERIOD_RULE)."""
    vouched = {"period_rule": STAFF_PERIOD_RULE} if correction.confirm or correction.period else {}
    return {"grade": STATED, **vouched} if correction.confirm else vouched


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
        found = _entry_problems(entry, ())
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


# --------------------------------------------------------------------------- writing


def merge_corrections(path: Path, new: Iterable[Correction]) -> int:
    """Merge `new` into the corrections file at `path`, field by field; how many entries
    were added or changed (the import of an edited facts sheet).

    A figure already corrected keeps what the new correction does not set (an earlier
    subject fix and its note survive a new period). A file read in another encoding is
    written as UTF-8.
    """

    def merge(entries: CommentedSeq) -> int:
        by_key = {_entry_key(entry): entry for entry in entries}
        changed = 0
        for correction in new:
            entry = by_key.get(correction.key)
            if entry is None:
                entry = by_key[correction.key] = CommentedMap(_identity(correction))
                entries.append(entry)
            if _set_fields(entry, _fields_of(correction)):
                changed += 1
        return changed

    return _update_file(path, merge)


def replace_correction(path: Path, key: str, correction: Correction | None) -> None:
    """Replace the whole entry about `key` (a figure id or `source:FILE`) by `correction`, in
    its place, or remove it (None), or add it at the end (the review page's decisions: what a
    decision does not set is cleared, unlike the import's merge). The file is made when
    missing; the other entries and the comments stay as they are.

    The entry's lines are replaced in the text where the layout allows (a block list of block
    entries, as every writer here makes), so a decision costs two readings of the file, not a
    round trip of every entry (a second per thousand entries); otherwise the file goes
    through the round trip.
    """
    text = read_corrections_text(path) if path.exists() else ""
    spliced = _spliced(text, path, key, correction) if text.strip() else None
    if spliced is not None:
        if spliced != text:
            _checked_data(spliced, path)
            write_text_atomically(path, spliced)
        return

    def replace(entries: CommentedSeq) -> int:
        at = next((i for i, e in enumerate(entries) if _entry_key(e) == key), None)
        if correction is None:
            if at is not None:
                del entries[at]
            return int(at is not None)
        fields = {**_identity(correction), **_fields_of(correction)}
        if at is None:
            entries.append(CommentedMap(fields))
            return 1
        entry = entries[at]
        for stale in [k for k in entry if k not in fields]:
            del entry[stale]
        return int(_set_fields(entry, fields))

    _update_file(path, replace)


def _spliced(text: str, path: Path, key: str, correction: Correction | None) -> str | None:
    """`text` with the entry about `key` replaced by `correction`'s lines (removed, or added
    after the last entry); None when the file's layout is not a block list of block entries
    (the caller then takes the round trip). ConfigError when the file is not valid."""
    document = schema.checked_document(text, SCHEMA, str(path), ConfigError)
    root = document.root
    items = next((v for k, v in root.value if k.value == "corrections"), None) \
        if isinstance(root, yaml.MappingNode) else None
    if not isinstance(items, yaml.SequenceNode) or items.flow_style or not items.value:
        return None
    lines = text.splitlines(keepends=True)
    at = next((i for i, e in enumerate(document.data["corrections"]) if _entry_key(e) == key),
              None)
    span = _entry_lines(items.value[-1 if at is None else at], lines)
    if span is None:
        return None
    first, last, dash, comment = span
    if at is None and correction is None:
        return text
    new = [] if correction is None else _entry_text(correction, dash, comment if at is not None
                                                                          else "")
    if at is None:  # after the last entry
        lines[last] = lines[last] if lines[last].endswith("\n") else lines[last] + "\n"
        first = last = last + 1
        return "".join(lines[:first] + new + lines[first:])
    return "".join(lines[:first] + new + lines[last + 1:])


def _entry_lines(node: yaml.Node, lines: list[str]) -> tuple[int, int, int, str] | None:
    """(first line, last line, column of its `-`, the comment after its first value) of a
    block entry of the list that starts on its `- ` line and ends before any other text on
    its last line; None for another layout."""
    if not isinstance(node, yaml.MappingNode) or node.flow_style or not node.value:
        return None
    first = node.start_mark.line
    prefix = lines[first][:node.start_mark.column]
    if prefix.strip() != "-":
        return None
    end = node.value[-1][1].end_mark
    last = end.line if end.column > 0 else end.line - 1  # a block scalar ends on the next line
    if end.column > 0 and lines[last][end.column:].strip()[:1] not in ("", "#"):
        return None
    opening = node.value[0][1].end_mark
    after = lines[first][opening.column:].strip() if opening.line == first else ""
    return first, last, prefix.index("-"), after if after.startswith("#") else ""


def _entry_text(correction: Correction, dash: int, comment: str) -> list[str]:
    """The lines of one entry as the list holds it, its `-` at column `dash` (and `comment`,
    kept from the entry it replaces, after its first value)."""
    dumped = yaml.dump([_as_entry(correction)], Dumper=_DUMPER, allow_unicode=True,
                       sort_keys=False, width=4096)
    lines = [" " * dash + line if line.strip() else line
             for line in dumped.splitlines(keepends=True)]
    if comment:
        lines[0] = f"{lines[0].rstrip()}   {comment}\n"
    return lines


#: libyaml's emitter when PyYAML was built with it (its wheels are)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def save_corrections(path: Path, corrections: Iterable[Correction]) -> None:
    """Make the file hold exactly `corrections` (one entry per figure id or source, the last
    one winning), each entry kept where it was and with its comments when it stays."""
    by_key = {c.key: c for c in corrections}

    def save(entries: CommentedSeq) -> int:
        for i in reversed(range(len(entries))):  # backwards: deleting shifts what follows
            if _entry_key(entries[i]) not in by_key:
                del entries[i]
        old = {_entry_key(e) for e in entries}
        entries.extend(CommentedMap(_identity(c)) for key, c in by_key.items() if key not in old)
        for entry in entries:
            correction = by_key[_entry_key(entry)]
            fields = {**_identity(correction), **_fields_of(correction)}
            for stale in [k for k in entry if k not in fields]:
                del entry[stale]
            _set_fields(entry, fields)
        return len(by_key)

    _update_file(path, save)


def _update_file(path: Path, edit: Callable[[CommentedSeq], int]) -> int:
    """Apply `edit` to the `corrections:` list of the file at `path` (made when missing; its
    comments, order and quoting kept), check the result as a build checks it and write it
    atomically; what `edit` returns. The file as it is must be valid (ConfigError with its
    lines)."""
    text = read_corrections_text(path) if path.exists() else ""
    if text:
        _checked_data(text, path)
    document = _round_trip().load(text) if text.strip() else None
    if document is None:
        document = CommentedMap()
    if document.get("corrections") is None:
        document["corrections"] = CommentedSeq()
    result = edit(document["corrections"])
    buffer = io.StringIO()
    _round_trip().dump(document, buffer)
    written = buffer.getvalue()
    _checked_data(written, path)
    write_text_atomically(path, written)
    return result


def _identity(correction: Correction) -> dict[str, Any]:
    """The key fields of an entry: `id` (quoted, as ids look like numbers) or `source`."""
    if correction.source is not None:
        return {"source": _plain_scalar(correction.source)}
    return {"id": _quoted(correction.id)}


def _fields_of(correction: Correction) -> dict[str, Any]:
    """What `correction` sets, as the file writes it."""
    fields: dict[str, Any] = {
        f: _plain_scalar(v) for f, v in (correction.source_changes() if correction.source
                                         is not None else correction.changes()).items()
        if f != "value"}
    if correction.value is not None:
        fields["value"] = (int(correction.value) if float(correction.value).is_integer()
                           else correction.value)
    for flag in ("wrong", "confirm"):
        if getattr(correction, flag):
            fields[flag] = True
    for name in ("note", *WHO_WHEN):
        if getattr(correction, name):
            fields[name] = _plain_scalar(getattr(correction, name))
    return fields


def _as_entry(correction: Correction) -> dict[str, Any]:
    """One correction as the file holds it, as plain data (for the schema)."""
    return {k: (str(v) if isinstance(v, str) else v)
            for k, v in {**_identity(correction), **_fields_of(correction)}.items()}


def _set_fields(entry: CommentedMap, fields: dict[str, Any]) -> bool:
    """Set `fields` on the file's `entry`; whether anything changed."""
    changed = False
    for key, value in fields.items():
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
    it unquoted for something else: yes, no, on, 2022, 2026-11-22T10:15:00 …"""
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    return value if tag == "tag:yaml.org,2002:str" else _quoted(value)


_RESOLVER = yaml.resolver.Resolver()


def write_text_atomically(target: Path, text: str) -> None:
    """Write UTF-8 text to a temp file beside `target`, fsync it, then rename it over `target`:
    a reader (a build, the review page) never sees half a file."""
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
    "SheetEdits",
    "apply_corrections",
    "apply_source_corrections",
    "applied_corrections",
    "applied_source_corrections",
    "correction_problems",
    "corrections_from_sheet",
    "figure_ids",
    "load_corrections",
    "merge_corrections",
    "read_corrections_text",
    "replace_correction",
    "save_corrections",
    "write_text_atomically",
]
