"""Issues of a brief: out/<audience>/archive/<number>/ keeps every published issue.

    read_state(audience_dir) -> IssueState        the checked archive and journal
    latest_issue(audience_dir) -> Issue | None    the latest issue they record
    archive_issue(audience_dir, issue, files) -> Path
    write_journal(audience_dir, journal) / read_journal(audience_dir) -> Journal | None

Each archive folder holds a copy of the brief's files and `issue.json`: the number, the date
of issue, the content key the brief was rendered from, the corpus record and the what's-new
it printed. A folder is built under a temporary name and renamed into place, so it either
exists complete or not at all; a published issue is never rewritten.

Nothing read back is trusted: every record is checked against a schema (ISSUE_SCHEMA) and
its number against its folder's name. A record that fails is reported and set aside, never
fatal, and never removed. Numbering comes from the checked archive: a new issue takes the
number after every number an archive entry uses, readable or not, and after the journal's.

The journal (`out/<audience>/.journal`) makes publishing, archiving and delivering an
issue one recoverable step (briefing.reissue.incremental): it names the issue and the set
of files that is about to go live before the swap, and says whether the archive has it.
The next build finishes what a killed one left (briefing.reissue.incremental.recover), and
the journal keeps the latest issue's record when the archive is deleted.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import logging
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.reissue.cache import CacheEntryError, decode, encode, write_json_atomically
from briefing.reissue.changes import CHANGE_TYPES, RECORD_VERSION, Changes
from briefing.schema import (
    Check,
    Path_,
    Problem,
    boolean,
    finite,
    listing,
    mapping,
    nullable,
    required,
    table,
    text,
    whole,
)

log = logging.getLogger(__name__)

ARCHIVE_DIR = "archive"
ISSUE_FILE = "issue.json"
JOURNAL_FILE = ".journal"  #: JSON, but no .json suffix: `out/*/*.json` globs find briefs, not state
JOURNAL_VERSION = 1
#: An archive entry's name: ASCII digits only (str.isdigit() also accepts '²' and '١').
_NUMBER_NAME = re.compile(r"[1-9][0-9]{0,8}")
MAX_NUMBER = 999_999_999
#: What a killed archive copy leaves: `.<number>.<pid>.tmp`.
STALE_ARCHIVE = re.compile(r"\.[0-9]+\.[0-9]+\.tmp")
_MAX_ENTRIES = 1_000_000  #: figures, sources, citations … of one record
_LONG = text(1_000_000)
_SHORT = text(10_000)


@dataclass(frozen=True)
class Issue:
    """One published issue of an audience's brief."""

    number: int
    date: str  #: date of issue, ISO
    content_key: str  #: hash of the Briefing, its template files and style
    record: dict[str, Any] = field(default_factory=dict)  #: changes.record_of(corpus)
    changes: Changes = field(default_factory=Changes)  #: the what's-new this issue printed
    files: tuple[str, ...] = ()


@dataclass(frozen=True)
class Journal:
    """The latest issue published, the set of files it went live as, and whether it is archived."""

    issue: Issue
    set_name: str  #: folder under out/<audience>/.sets/ (briefing.reissue.publish)
    archived: bool
    #: the issue's JSON as read (checked): an archive entry holding the same is not checked again
    issue_json: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class IssueState:
    """What the archive and the journal say, checked: the latest issue and the numbers in use."""

    latest: Issue | None  #: the highest-numbered readable issue (the journal's included)
    taken: frozenset[int]  #: numbers in use, readable or set aside
    journal: Journal | None

    @property
    def next_number(self) -> int:
        """The number of a new issue: after every number in use."""
        return max(self.taken, default=0) + 1


class IssueRecordError(ValueError):
    """An issue record (issue.json or the journal) that fails its schema."""


# --------------------------------------------------------------------------- the schema


def _equals(expected: Any) -> Check:
    def equals(value: Any, where: Path_) -> list[Problem]:
        ok = value == expected and type(value) is type(expected)
        return [] if ok else [Problem(where, f"must be {expected!r}, got {value!r:.40}")]

    return equals


def _iso_date(value: Any, where: Path_) -> list[Problem]:
    try:
        _dt.date.fromisoformat(value)
        return []
    except (TypeError, ValueError):
        return [Problem(where, f"must be a date YYYY-MM-DD, got {value!r:.40}")]


def _model(name: str, fields: dict[str, Check]) -> Check:
    """An encoded model (briefing.reissue.cache.encode) of class `name` with every field."""
    return required(table({"__model__": _equals(name), **fields}, "field"), "__model__", *fields)


_SOURCE_REF = _model("SourceRef", {"article_id": _SHORT, "file": _SHORT,
                                   "start": whole(10**12), "end": whole(10**12),
                                   "sentence": _LONG})
_REFS = listing(_SOURCE_REF, _MAX_ENTRIES)
_OLD_CITATION = _model("OldCitation", {"file": _SHORT, "source": _LONG, "sentence": _LONG})
_SOURCE_CHANGE = _model("SourceChange", {"file": _SHORT, "title": nullable(_LONG),
                                         "outlet": nullable(_LONG), "date": nullable(_SHORT)})
_FIGURE_CHANGE = _model("FigureChange", {
    "metric": _LONG, "subject": nullable(_LONG), "period": nullable(_SHORT), "unit": _SHORT,
    "raw": _LONG, "value": nullable(finite), "refs": _REFS, "old_raw": _LONG,
    "old_value": nullable(finite), "old_citations": listing(_OLD_CITATION, _MAX_ENTRIES)})
_RECOMMENDATION_CHANGE = _model("RecommendationChange",
                                {"heading": _LONG, "text": _LONG, "refs": _REFS})
CHANGES_SCHEMA = _model("Changes", {
    "previous_issue": nullable(whole(MAX_NUMBER, 1)), "previous_date": nullable(_iso_date),
    "new_sources": listing(_SOURCE_CHANGE, _MAX_ENTRIES),
    "new_figures": listing(_FIGURE_CHANGE, _MAX_ENTRIES),
    "revised_figures": listing(_FIGURE_CHANGE, _MAX_ENTRIES),
    "new_recommendations": listing(_RECOMMENDATION_CHANGE, _MAX_ENTRIES),
    "unbacked_figures": listing(_FIGURE_CHANGE, _MAX_ENTRIES)})

_CITATION = required(table({"file": _SHORT, "source": _LONG, "sentence": _LONG}),
                     "file", "source", "sentence")
_VALUE = required(table({"value": finite, "raw": _LONG,
                         "citations": listing(_CITATION, _MAX_ENTRIES)}), "value", "raw")
_FIGURE = required(table({"metric": _LONG, "subject": nullable(_LONG),
                          "period": nullable(_SHORT), "unit": _SHORT,
                          "values": listing(_VALUE, _MAX_ENTRIES)}),
                   "metric", "subject", "period", "unit", "values")
_SOURCE = table({"file": _SHORT, "title": nullable(_LONG), "outlet": nullable(_LONG),
                 "date": nullable(_SHORT)})
_RECOMMENDATION = table({"heading": nullable(_LONG), "text": _LONG})
RECORD_SCHEMA = required(table({
    "version": _equals(RECORD_VERSION),
    "sources": mapping(_SOURCE, _MAX_ENTRIES, 1000),
    "figures": mapping(_FIGURE, _MAX_ENTRIES, 100_000),
    "recommendations": mapping(_RECOMMENDATION, _MAX_ENTRIES, 1000)}),
    "version", "sources", "figures", "recommendations")
ISSUE_SCHEMA = required(table({
    "number": whole(MAX_NUMBER, 1), "date": _iso_date,
    "content_key": text(64, re.compile(r"[0-9a-f]{64}\Z"), "a sha256"),
    "files": listing(text(255, re.compile(r"[^/\x00]+\Z"), "a file name"), 100),
    "record": RECORD_SCHEMA, "changes": CHANGES_SCHEMA}),
    "number", "date", "content_key", "record", "changes")
JOURNAL_SCHEMA = required(table({
    "version": _equals(JOURNAL_VERSION), "issue": ISSUE_SCHEMA,
    "set": text(255, re.compile(r"[0-9]+-[0-9]+\Z"), "a set name"), "archived": boolean}),
    "version", "issue", "set", "archived")


def _checked(data: Any, schema: Check) -> None:
    problems = schema(data, ())
    if problems:
        shown = "; ".join(f"{'.'.join(map(str, p.where)) or 'record'}: {p.message}"
                          for p in problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise IssueRecordError(shown + more)


def issue_to_json(issue: Issue) -> dict[str, Any]:
    """The JSON form of an issue, as issue.json and the journal keep it."""
    return {"number": issue.number, "date": issue.date, "content_key": issue.content_key,
            "files": list(issue.files), "record": issue.record,
            "changes": encode(issue.changes)}


def issue_from_json(data: Any, checked: bool = False) -> Issue:
    """The Issue a JSON form holds; IssueRecordError when it fails ISSUE_SCHEMA (not checked
    again when the caller's schema holds it: `checked`)."""
    if not checked:
        _checked(data, ISSUE_SCHEMA)
    try:
        changes = decode(data["changes"], CHANGE_TYPES)
    except CacheEntryError as exc:
        raise IssueRecordError(f"changes: {exc}") from None
    return Issue(data["number"], data["date"], data["content_key"], data["record"], changes,
                 tuple(data.get("files", ())))


def _read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


# --------------------------------------------------------------------------- the archive


def archive_dir(audience_dir: Path) -> Path:
    return Path(audience_dir) / ARCHIVE_DIR


def _archive_entries(root: Path) -> dict[int, Path]:
    """Every archive entry named by an issue number (folder or not), by number."""
    if not root.is_dir() or root.is_symlink():
        return {}
    return {int(p.name): p for p in root.iterdir() if _NUMBER_NAME.fullmatch(p.name)}


def _load_issue(entry: Path, number: int, journal: Journal | None = None) -> Issue | None:
    """The issue of one archive entry; None (reported, set aside) when it cannot be trusted.
    An entry that holds exactly the `journal`'s checked issue is that issue."""
    path = entry / ISSUE_FILE
    try:
        if entry.is_symlink() or not entry.is_dir():
            raise IssueRecordError("not an archive folder")
        data = _read_json(path)
        same = journal is not None and journal.issue_json is not None and data == journal.issue_json
        issue = journal.issue if same else issue_from_json(data)
        if issue.number != number:
            raise IssueRecordError(f"it records issue {issue.number}, not {number}")
        return issue
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        log.warning("%s: not a readable issue record, set aside (%s); new issues are numbered "
                    "after it", path if entry.is_dir() else entry, exc)
        return None


def read_state(audience_dir: Path) -> IssueState:
    """The checked archive and journal of one audience folder. Records are checked from the
    newest down to the first readable one: numbering needs only the entries' names, and
    checking every record of a long archive cost a no-change rebuild of 10,000 articles
    seconds."""
    entries = _archive_entries(archive_dir(audience_dir))
    journal = read_journal(audience_dir)
    archived = journal.issue if journal is not None and journal.archived else None
    latest = None
    for number in sorted(set(entries) | ({archived.number} if archived else set()), reverse=True):
        latest = _load_issue(entries[number], number, journal) if number in entries else None
        if latest is None and archived is not None and archived.number == number:
            latest = archived
        if latest is not None:
            break
    taken = set(entries) | ({journal.issue.number} if journal is not None else set())
    return IssueState(latest, frozenset(taken), journal)


def latest_issue(audience_dir: Path) -> Issue | None:
    """The highest-numbered readable issue the archive and the journal record."""
    return read_state(audience_dir).latest


def archive_issue(audience_dir: Path, issue: Issue, files: list[Path]) -> Path:
    """Copy `files` and the issue record into archive/<number>/ (atomically, once)."""
    root = archive_dir(audience_dir)
    if root.is_symlink():
        raise OSError(f"{root} is a symbolic link; the archive is not written through it")
    target = root / str(issue.number)
    if target.exists() or target.is_symlink():  # published issues are immutable
        log.warning("%s: issue %d already archived, kept as it is", target, issue.number)
        return target
    tmp = target.with_name(f".{issue.number}.{os.getpid()}.tmp")
    if tmp.is_dir() and not tmp.is_symlink():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    try:
        for path in files:
            shutil.copy2(path, tmp / path.name)
        archived = Issue(issue.number, issue.date, issue.content_key, issue.record,
                         issue.changes, tuple(p.name for p in files))
        write_json_atomically(tmp / ISSUE_FILE, issue_to_json(archived))
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def clean_archive(audience_dir: Path) -> list[Path]:
    """Remove the temp folders of archive copies a killed build left; returns what went."""
    root = archive_dir(audience_dir)
    if not root.is_dir() or root.is_symlink():
        return []
    removed = []
    for entry in root.iterdir():
        if STALE_ARCHIVE.fullmatch(entry.name) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


# --------------------------------------------------------------------------- the journal


def read_journal(audience_dir: Path) -> Journal | None:
    """The journal, checked; None when there is none (or it is set aside, with a warning).
    The same file (path, inode, size, mtime) is checked once per process: a build reads it
    several times (recovery, recall, numbering)."""
    path = Path(audience_dir) / JOURNAL_FILE
    if not path.exists() and not path.is_symlink():
        return None
    try:
        if path.is_symlink() or not path.is_file():
            raise IssueRecordError("not a regular file")
        found = path.stat()
        return _journal_at(path, found.st_ino, found.st_size, found.st_mtime_ns)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        log.warning("%s: not a readable journal, set aside (%s)", path, exc)
        return None


@functools.lru_cache(maxsize=64)
def _journal_at(path: Path, inode: int, size: int, mtime_ns: int) -> Journal:
    """The checked journal in `path` as it is on disk (its identity is the cache key)."""
    data = _read_json(path)
    _checked(data, JOURNAL_SCHEMA)
    return Journal(issue_from_json(data["issue"], checked=True), data["set"], data["archived"],
                   data["issue"])


def write_journal(audience_dir: Path, journal: Journal) -> None:
    """Write the journal atomically (temp file renamed over it)."""
    write_json_atomically(Path(audience_dir) / JOURNAL_FILE, {
        "version": JOURNAL_VERSION, "issue": issue_to_json(journal.issue),
        "set": journal.set_name, "archived": journal.archived})


__all__ = [
    "ARCHIVE_DIR",
    "ISSUE_FILE",
    "ISSUE_SCHEMA",
    "JOURNAL_FILE",
    "Issue",
    "IssueRecordError",
    "IssueState",
    "Journal",
    "archive_dir",
    "archive_issue",
    "clean_archive",
    "issue_from_json",
    "issue_to_json",
    "latest_issue",
    "read_journal",
    "read_state",
    "write_journal",
]
