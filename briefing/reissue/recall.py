"""A no-change build at any size: the last build's inputs, remembered whole, and its results.

    inputs_key(file_keys, skipped, audiences, template_dirs, corrections) -> str
    recall(cache, key, templates, out) -> Recalled | None
    remember(cache, key, article_count, skipped, corrections, issues, warnings)
    captured_warnings() -> list        context: the warnings consolidating and composing give
    replay(warnings)                   give them again, as the recalled build's own

A build whose every input is the last build's (each file's key, which holds its bytes and the
extractor version; the files skipped unread; the audiences, template folders, corrections file
and the code and data of this package) would read nothing, compose the same briefs and render
nothing. Recognising that from the inputs alone skips reading the cached extractions,
detecting duplicates, consolidating and composing: at 10,000 articles those cost a minute,
and they are skipped only when each audience's latest issue is still the one remembered and
its files on disk are the ones rendered (briefing.reissue.cache.outputs_current) and no
interrupted publication waits to be finished (briefing.reissue.incremental.recover); otherwise
the build runs whole. `--force` never recalls. The warnings consolidating and composing gave
(an implausible figure, a brief over its page limit) are remembered and given again, so a
recalled build says what the whole build said.

Entries are JSON in `<cache>/builds/`, like the other cache entries (briefing.reissue.cache),
with a checksum of their content: an edited entry is discarded and the build runs whole.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.compose.templates import Template
from briefing.models import Briefing, Skipped
from briefing.read import Crashed
from briefing.reissue.cache import (
    CACHE_FORMAT,
    BuildCache,
    CacheEntryError,
    decode,
    digest,
    encode,
    entry_checksum,
    write_json_atomically,
)
from briefing.reissue.incremental import AudienceResult, needs_recovery
from briefing.reissue.issues import latest_issue

log = logging.getLogger(__name__)

KIND = "builds"
_PACKAGE = Path(__file__).resolve().parents[1]
#: The loggers whose warnings a recalled build gives again: what consolidating and composing
#: say (a recalled build does neither; reading and rendering it does not need either).
REPLAYED_LOGGERS = ("briefing.consolidate", "briefing.compose")

#: One remembered warning: (logger name, level, message).
Warning_ = tuple[str, int, str]

__all__ = ["REPLAYED_LOGGERS", "Recalled", "captured_warnings", "inputs_key", "recall",
           "remember", "replay"]


@dataclass(frozen=True)
class Recalled:
    """What the remembered build reported, for a build with the same inputs."""

    article_count: int
    skipped: tuple[Skipped, ...]
    corrections: tuple[str, ...]  #: problems with the corrections file
    issues: dict[str, AudienceResult]
    warnings: tuple[Warning_, ...] = ()  #: what consolidating and composing warned


def inputs_key(file_keys: Sequence[tuple[str, str | None]], skipped: Iterable[Skipped],
               audiences: Iterable[str], template_dirs: Iterable[Path],
               corrections: Path | None) -> str:
    """Everything a build's briefs depend on, hashed: (file name, file key) of each article
    file, the files skipped unread, the audiences, every file of the template folders, the
    corrections file and this package's code and data."""
    parts: list[str | bytes] = [CACHE_FORMAT, "inputs", package_fingerprint()]
    for name, key in file_keys:
        parts += [name, key or "unreadable"]
    for item in skipped:
        parts += ["skipped", item.file, item.reason]
    parts += ["audiences", *audiences]
    for folder in template_dirs:
        parts += ["templates", str(folder), *_folder_parts(Path(folder))]
    if corrections is not None:
        parts += ["corrections", str(corrections),
                  corrections.read_bytes() if corrections.is_file() else b"(missing)"]
    return digest(*parts)


def package_fingerprint() -> str:
    """Hash of this package's code, data and built-in templates: another version composes
    other briefs."""
    return digest(*_folder_parts(_PACKAGE))


def _folder_parts(folder: Path) -> list[str | bytes]:
    """Relative name and bytes of every file under `folder` (bytecode aside), in a stable
    order."""
    if not folder.is_dir():
        return ["(missing)"]
    files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return [part for p in files for part in (p.relative_to(folder).as_posix(), p.read_bytes())]


def recall(cache: BuildCache, key: str, templates: Mapping[str, Template],
           out: Path) -> Recalled | None:
    """The remembered build of these inputs, when every audience's latest issue and files on
    disk are still the ones it left; else None (the build then runs whole)."""
    entry = _load(cache, key)
    if entry is None:
        return None
    try:
        audiences = entry["audiences"]
        if set(audiences) != set(templates):
            return None
        issues = {}
        for name, template in templates.items():
            remembered = audiences[name]
            if needs_recovery(out / name):  # an interrupted publication: the build finishes it
                return None
            latest = latest_issue(out / name)
            if latest is None or latest.content_key != remembered["content_key"] or \
                    not cache.outputs_current(out / name, template.name,
                                              remembered["render_key"]):
                return None
            briefing = decode(remembered["briefing"])
            if not isinstance(briefing, Briefing):
                raise CacheEntryError("not a Briefing")
            issues[name] = AudienceResult(latest.number, latest.date, False, (), latest.changes,
                                          briefing, remembered["content_key"],
                                          remembered["render_key"])
        skipped = tuple(decode(entry["skipped"]))
        if not all(isinstance(s, Skipped) for s in skipped):
            raise CacheEntryError("skipped is not a list of Skipped")
        warnings = tuple((str(name), int(level), str(message))
                         for name, level, message in entry["warnings"])
        return Recalled(int(entry["article_count"]), skipped,
                        tuple(str(p) for p in entry["corrections"]), issues, warnings)
    except (KeyError, TypeError, ValueError, CacheEntryError) as exc:
        _discard(cache, key, str(exc))
        return None


def remember(cache: BuildCache, key: str, article_count: int, skipped: Iterable[Skipped],
             corrections: Iterable[str], issues: Mapping[str, AudienceResult],
             warnings: Iterable[Warning_] = ()) -> None:
    """Keep what a whole build gave for `key`. Not kept when a file crashed (it is tried
    again), an audience has no content or render key, or the cache is read-only."""
    skipped = list(skipped)
    if cache.read_only or any(isinstance(s, Crashed) for s in skipped) or \
            any(not r.content_key or not r.render_key for r in issues.values()):
        return
    payload: dict[str, Any] = {
        "article_count": article_count, "skipped": encode(skipped),
        "corrections": list(corrections), "warnings": [list(w) for w in warnings],
        "audiences": {name: {"content_key": r.content_key, "render_key": r.render_key,
                             "briefing": encode(r.briefing)} for name, r in issues.items()},
    }
    entry = {"format": CACHE_FORMAT, "key": key, **payload,
             "checksum": entry_checksum(payload)}
    try:
        write_json_atomically(_path(cache, key), entry)
    except OSError as exc:  # a read-only cache: the next no-change build runs whole
        log.warning("%s: cannot write cache entry (%s)", cache.root, exc.strerror)


class _Collector(logging.Handler):
    """Keeps the warnings of REPLAYED_LOGGERS that reach it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.warnings: list[Warning_] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(REPLAYED_LOGGERS):
            self.warnings.append((record.name, record.levelno, record.getMessage()))


@contextlib.contextmanager
def captured_warnings() -> Iterator[list[Warning_]]:
    """The warnings consolidating and composing give in the block (they are shown as usual
    too), to be remembered with the build."""
    collector = _Collector()
    root = logging.getLogger("briefing")
    root.addHandler(collector)
    try:
        yield collector.warnings
    finally:
        root.removeHandler(collector)


def replay(warnings: Iterable[Warning_]) -> None:
    """Give remembered warnings again, from the loggers that gave them."""
    for name, level, message in warnings:
        logging.getLogger(name).log(level, "%s", message)


def _path(cache: BuildCache, key: str) -> Path:
    return cache.root / KIND / f"{key}.json"


def _discard(cache: BuildCache, key: str, why: str) -> None:
    """Warn and remove an untrusted build entry (a read-only cache keeps it)."""
    path = _path(cache, key)
    log.warning("%s: build entry discarded (%s)", path, why)
    if cache.read_only:
        return
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("%s: cannot remove the discarded entry (%s)", path, exc.strerror or exc)


def _load(cache: BuildCache, key: str) -> dict[str, Any] | None:
    path = _path(cache, key)
    if cache.force or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or \
                data.get("key") != key:
            raise CacheEntryError("not an entry of this cache format and key")
        payload = {k: v for k, v in data.items() if k not in ("format", "key", "checksum")}
        if data.get("checksum") != entry_checksum(payload):
            raise CacheEntryError("its content does not match its checksum")
        return data
    except RecursionError:
        _discard(cache, key, "nested too deeply")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, CacheEntryError) as exc:
        _discard(cache, key, str(exc))
    return None
