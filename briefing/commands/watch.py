"""`briefing watch`: build, then rebuild whenever the articles, templates or settings change.

What is watched (WatchPlan):
  folders   the articles folder and every template folder, with each real folder under
            them, one by one (watchfiles, not recursive): a symbolic link in a watched folder
            is never followed, so a link to `/` costs nothing
  files     the corrections file and briefing.toml, through their folder, so a file created
            after the watch started, or saved by rename as editors do, is seen
  parents   the folder holding each watched folder, so a folder deleted and created again
            is watched again (the plan is made anew whenever a folder appears, goes, or is
            replaced)
Before a build starts, every changed file must be stable: its size and modification time
unchanged for the debounce, and no process holding it open for writing (on Linux, where
/proc tells), so a file still being copied is never built half. Each settled batch runs one
incremental build, so only what changed is read, extracted and rendered. A failing build is
reported and the watch goes on; Ctrl-C stops it cleanly (exit 0).
"""

from __future__ import annotations

import argparse
import logging
import os
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import watchfiles

from briefing.commands.build import BUILD_SETTINGS, run_build
from briefing.compose.templates import search_dirs
from briefing.errors import ConfigError
from briefing.settings import (
    CONFIG_NAME,
    MAX_DEBOUNCE,
    Settings,
    add_config_flag,
    add_flags,
    load_settings,
)

HELP = "build, then rebuild whenever articles or templates change"
log = logging.getLogger(__name__)
RECHECK_MS = 1000  #: how often the watched folders are checked for being replaced
MAX_SETTLE = 600.0  #: seconds a file may stay unstable before it is built anyway
_WRITING = (os.O_WRONLY, os.O_RDWR)
_PROC = Path("/proc")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Every build flag, and --debounce MS."""
    add_config_flag(parser)
    add_flags(parser, (*BUILD_SETTINGS, "debounce"))


def run(args: argparse.Namespace) -> int:
    """Build, then rebuild after every settled batch of changes, until Ctrl-C (exit 0)."""
    settings = load_settings(args)
    if not settings["articles"].is_dir():
        raise ConfigError("articles folder not found", file=str(settings["articles"]))
    paths = watched_paths(settings)
    print(f"watching {', '.join(str(p) for p in paths)} (Ctrl-C stops)", file=sys.stderr)
    # settings again for each build: an edited briefing.toml or a new corrections file counts
    return watch(paths, lambda: run_build(load_settings(args)), debounce_ms=settings["debounce"])


def watched_paths(settings: Settings) -> list[Path]:
    """The articles folder, every template folder, the corrections and settings files.

    The files are named even when they do not exist yet: `corrections.yaml` beside the
    articles folder and `briefing.toml` here, unless the settings name others.
    """
    articles = Path(settings["articles"])
    corrections = settings["corrections"] or articles.resolve().parent / "corrections.yaml"
    config = settings.config_file or Path(CONFIG_NAME)
    paths = [articles, *search_dirs(settings["templates"]), corrections, config]
    return list(dict.fromkeys(Path(p).resolve() for p in paths))


# --------------------------------------------------------------------------- what is watched


@dataclass(frozen=True)
class WatchPlan:
    """Folders watched with their real subfolders, and single files watched by name."""

    folders: tuple[Path, ...]
    files: tuple[Path, ...]

    @classmethod
    def of(cls, paths: Iterable[Path]) -> WatchPlan:
        """Folders are the paths that are folders now; the others are files (maybe not yet)."""
        absolute = [Path(os.path.abspath(p)) for p in paths]
        return cls(tuple(p for p in absolute if p.is_dir()),
                   tuple(p for p in absolute if not p.is_dir()))

    def directories(self) -> dict[Path, tuple[int, int]]:
        """Every folder to watch (not recursively), with its identity (device, inode)."""
        found: dict[Path, tuple[int, int]] = {}
        for root in self.folders:
            for folder in (root.parent, *_real_folders(root)):
                _add_identity(found, folder)
        for file in self.files:
            _add_identity(found, file.parent)
        return found

    def replaced(self, watched: dict[Path, tuple[int, int]], *, thorough: bool) -> bool:
        """Whether the folders to watch differ from `watched`: all of them compared when
        `thorough` (after a change), else only the roots (a cheap check between changes)."""
        if thorough:
            return self.directories() != watched
        now: dict[Path, tuple[int, int]] = {}
        for root in self.folders:
            _add_identity(now, root)
        return any(now.get(root) != watched.get(root) for root in self.folders)

    def relevant(self, path: Path) -> bool:
        """A change to a watched file, to a watched folder itself, or inside one."""
        if path in self.files:
            return True
        if _hidden(path.name):
            return False
        return any(path == root or root in path.parents for root in self.folders)


def _add_identity(found: dict[Path, tuple[int, int]], folder: Path) -> None:
    try:
        info = folder.stat()
    except OSError:
        return
    if stat.S_ISDIR(info.st_mode):
        found[folder] = (info.st_dev, info.st_ino)


def _real_folders(root: Path) -> Iterator[Path]:
    """`root` and every folder under it, without following a symbolic link."""
    if not root.is_dir():
        return
    yield root
    for folder, subfolders, _files in os.walk(root, followlinks=False):
        # os.walk lists a link to a folder among the folders (without entering it)
        subfolders[:] = [d for d in subfolders
                         if not _hidden(d) and not os.path.islink(os.path.join(folder, d))]
        for name in subfolders:
            yield Path(folder) / name


def _hidden(name: str) -> bool:
    """Editor temp files and our own atomic-write temp files are not changes."""
    return name.startswith(".") or name.endswith(("~", ".tmp", ".swp"))


# --------------------------------------------------------------------------- stable files


def wait_until_stable(paths: Iterable[Path], quiet_s: float, stop: threading.Event,
                      limit_s: float = MAX_SETTLE) -> None:
    """Return once every file of `paths` kept its size and modification time for `quiet_s`
    seconds and no process holds it open for writing (or after `limit_s`, with a warning)."""
    files = sorted({p for p in paths})
    started = last_change = time.monotonic()
    last = _sizes(files)
    told: set[Path] = set()
    while not stop.is_set():
        stop.wait(min(max(quiet_s / 4, 0.05), 0.5))
        now = _sizes(files)
        if now != last:
            last, last_change = now, time.monotonic()
            continue
        if time.monotonic() - started > limit_s:
            log.warning("%s: still changing after %g s; building anyway",
                        ", ".join(p.name for p in files), limit_s)
            return
        if time.monotonic() - last_change < quiet_s:
            continue
        writing = open_for_writing(p for p, size in now.items() if size is not None)
        if not writing:
            return
        for path in writing - told:
            print(f"waiting for {path.name}: a program is still writing it", file=sys.stderr)
        told |= writing


def _sizes(files: list[Path]) -> dict[Path, tuple[int, int] | None]:
    """Each file's size and modification time (None: gone, or not a regular file)."""
    out: dict[Path, tuple[int, int] | None] = {}
    for path in files:
        try:
            info = path.stat()
            out[path] = (info.st_size, info.st_mtime_ns) if stat.S_ISREG(info.st_mode) else None
        except OSError:
            out[path] = None
    return out


def open_for_writing(paths: Iterable[Path]) -> set[Path]:
    """Those of `paths` some process holds open for writing (Linux /proc; elsewhere none).

    Only processes whose /proc entries this user may read are seen (all of them for root).
    """
    wanted: dict[tuple[int, int], Path] = {}
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        wanted[(info.st_dev, info.st_ino)] = path
    if not wanted or not _PROC.is_dir():
        return set()
    found: set[Path] = set()
    for pid in os.listdir(_PROC):
        if not pid.isascii() or not pid.isdigit():
            continue
        try:
            descriptors = os.listdir(_PROC / pid / "fd")
        except OSError:  # gone, or not ours to read
            continue
        for fd in descriptors:
            try:
                info = os.stat(_PROC / pid / "fd" / fd)
                path = wanted.get((info.st_dev, info.st_ino))
                if path is not None and _writes(_PROC / pid / "fdinfo" / fd):
                    found.add(path)
            except OSError:
                continue
    return found


def _writes(fdinfo: Path) -> bool:
    """Whether the descriptor /proc/<pid>/fdinfo/<fd> describes was opened for writing."""
    for line in fdinfo.read_text(encoding="ascii", errors="replace").splitlines():
        if line.startswith("flags:"):
            return (int(line.split()[1], 8) & os.O_ACCMODE) in _WRITING
    return False


# --------------------------------------------------------------------------- the loop


def watch(
    paths: list[Path],
    rebuild: Callable[[], int],
    *,
    debounce_ms: int = 1600,
    stop_event: threading.Event | None = None,
    ignore: Callable[[Path], bool] = lambda p: False,
) -> int:
    """Run `rebuild` once, then after every settled batch of changes under `paths`.

    `paths` are folders (watched with their real subfolders) and files (watched by name,
    whether they exist yet or not). ValueError when `debounce_ms` is not a whole number of
    milliseconds from 0 to MAX_DEBOUNCE.
    """
    if isinstance(debounce_ms, bool) or not isinstance(debounce_ms, int) \
            or not 0 <= debounce_ms <= MAX_DEBOUNCE:
        raise ValueError(f"debounce must be a whole number of milliseconds from 0 to "
                         f"{MAX_DEBOUNCE:,}, got {debounce_ms!r}")
    plan = WatchPlan.of(paths)
    stop = stop_event or threading.Event()
    _safe_build(rebuild)
    try:
        pending = False  # a change seen while the watch was being set up again
        while not stop.is_set():
            pending = _watch_once(plan, rebuild, debounce_ms, stop, ignore, pending)
    except KeyboardInterrupt:
        pass
    print("watch stopped", file=sys.stderr)
    return 0


def _watch_once(plan: WatchPlan, rebuild: Callable[[], int], debounce_ms: int,
                stop: threading.Event, ignore: Callable[[Path], bool], pending: bool) -> bool:
    """Watch the plan's folders as they are now, until they change (or stop); returns
    whether a rebuild is owed once they are watched again."""
    folders = plan.directories()
    if not folders:  # nothing to watch yet: look again shortly
        stop.wait(RECHECK_MS / 1000)
        return pending
    changes_seen = watchfiles.watch(
        *folders, recursive=False, debounce=debounce_ms, stop_event=stop,
        rust_timeout=RECHECK_MS, yield_on_timeout=True, raise_interrupt=True,
        ignore_permission_denied=True, watch_filter=lambda _c, p: plan.relevant(Path(p)))
    try:
        for changes in changes_seen:
            changed = {Path(p) for _, p in changes if not ignore(Path(p))}
            # a watched folder itself changed (deleted, created again: its inode may be
            # reused, so identities alone cannot tell), or a folder appeared
            replaced = any(p in folders or (p not in plan.files and p.is_dir())
                           for p in changed) or plan.replaced(folders, thorough=bool(changes))
            if replaced:  # watch the new folders first, then build: nothing slips between
                return pending or bool(changed)
            if changed or pending:
                wait_until_stable(changed, debounce_ms / 1000, stop)
                names = sorted({p.name for p in changed}) or ["watched folders"]
                print(f"changed: {', '.join(names)}; rebuilding", file=sys.stderr)
                _safe_build(rebuild)
                pending = False
    except FileNotFoundError:  # a watched folder went while the watch was being set up
        return True
    finally:
        changes_seen.close()
    return pending


def _safe_build(rebuild: Callable[[], int]) -> int | None:
    """One build; any failure is reported and the watch keeps going."""
    try:
        code = rebuild()
        print(f"build finished (exit {code}); watching for changes", file=sys.stderr)
        return code
    except Exception as exc:  # a broken template or article must not end the watch
        log.debug("build crashed", exc_info=True)
        print(f"build failed: {type(exc).__name__}: {exc}; watching for changes",
              file=sys.stderr)
        return None


__all__ = ["WatchPlan", "open_for_writing", "run", "wait_until_stable", "watch",
           "watched_paths"]
