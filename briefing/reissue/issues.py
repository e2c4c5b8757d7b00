"""Issues of a brief: out/<audience>/archive/<number>/ keeps every published issue.

    latest_issue(audience_dir) -> Issue | None
    archive_issue(audience_dir, issue, files) -> Path

Each archive folder holds a copy of the brief's files and `issue.json`: the number, the date
of issue, the content key the brief was rendered from, the corpus record and the what's-new
it printed. A folder is built under a temporary name and renamed into place, so it either
exists complete or not at all; a published issue is never rewritten. The build calls
archive_issue() after the brief's files are written (`out/<audience>/brief.*` is the latest).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.reissue.cache import decode, encode, write_json_atomically
from briefing.reissue.changes import CHANGE_TYPES, Changes

log = logging.getLogger(__name__)

ARCHIVE_DIR = "archive"
ISSUE_FILE = "issue.json"


@dataclass(frozen=True)
class Issue:
    """One published issue of an audience's brief."""

    number: int
    date: str  #: date of issue, ISO
    content_key: str  #: hash of the Briefing, its template files and style
    record: dict[str, Any] = field(default_factory=dict)  #: changes.record_of(corpus)
    changes: Changes = field(default_factory=Changes)  #: the what's-new this issue printed
    files: tuple[str, ...] = ()


def archive_dir(audience_dir: Path) -> Path:
    return Path(audience_dir) / ARCHIVE_DIR


def latest_issue(audience_dir: Path) -> Issue | None:
    """The highest-numbered complete issue in the archive (unreadable folders are skipped)."""
    root = archive_dir(audience_dir)
    if not root.is_dir():
        return None
    numbers = sorted((int(p.name) for p in root.iterdir() if p.is_dir() and p.name.isdigit()),
                     reverse=True)
    for number in numbers:
        issue = _load_issue(root / str(number))
        if issue is not None:
            return issue
    return None


def _load_issue(folder: Path) -> Issue | None:
    path = folder / ISSUE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        changes = decode(data.get("changes"), CHANGE_TYPES) if data.get("changes") else Changes()
        if not isinstance(changes, Changes):
            raise ValueError("changes is not a Changes record")
        return Issue(int(data["number"]), str(data["date"]), str(data["content_key"]),
                     dict(data.get("record") or {}), changes, tuple(data.get("files", ())))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("%s: not a readable issue record, ignored (%s)", path, exc)
        return None


def archive_issue(audience_dir: Path, issue: Issue, files: list[Path]) -> Path:
    """Copy `files` and the issue record into archive/<number>/ (atomically, once)."""
    target = archive_dir(audience_dir) / str(issue.number)
    if target.exists():  # published issues are immutable
        log.warning("%s: issue %d already archived, kept as it is", target, issue.number)
        return target
    tmp = target.with_name(f".{issue.number}.{os.getpid()}.tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    try:
        for path in files:
            shutil.copy2(path, tmp / path.name)
        write_json_atomically(tmp / ISSUE_FILE, {
            "number": issue.number, "date": issue.date, "content_key": issue.content_key,
            "files": [p.name for p in files], "record": issue.record,
            "changes": encode(issue.changes),
        })
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


__all__ = ["ARCHIVE_DIR", "ISSUE_FILE", "Issue", "archive_dir", "archive_issue", "latest_issue"]
