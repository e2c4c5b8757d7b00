"""Publishing a brief: out/<audience>/brief.{docx,pdf,json} replaced together, never mixed.

    prepare_output(out_dir) -> None                 create it, or one OutputError naming it
    publish(dest_dir, produce, before_swap) -> list[Path]
                                                    write a set into a fresh folder, then swap
    make_live(dest_dir, set_name, names)            the swap alone (a journal's replay)
    live_set(dest_dir) -> str | None                the set the brief's links point to
    clean_stale(dest_dir) -> list[Path]             temp files of killed builds, removed
    clean_output(out_dir) -> list[Path]             the same for every audience folder

How the swap works (POSIX): each set of files is written into a fresh hidden folder
`out/<audience>/.sets/<id>/`; `out/<audience>/.current` is a relative symlink to the live
set, replaced in one `os.replace`, so a reader sees the old set or the new one, never a mix.
`brief.docx` etc. are fixed symlinks through `.current`, so the published paths never change.
Any other entry of `out/<audience>/` (an `archive/`, a cache) is left alone. Callers hold the
build lock (briefing.reissue.lock) around publish, so two builds never swap at once.

Nothing outside the audience folder is followed or deleted: a `.sets` that is a symbolic
link, or a user's folder where `.current` or a brief's link goes, is reported (OutputError)
before anything is swapped, and left as it is. A writer that failed because the disk is full
(or a quota or file-size limit is reached) is an OutputError too, like any other output
location that cannot take the brief.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from briefing.errors import BriefingError, OutputError
from briefing.reissue.issues import clean_archive

SETS = ".sets"
CURRENT = ".current"
#: Names a build leaves behind only when killed: staging sets, temp links, writers' temp files.
_STALE = re.compile(r"^\..*\.\d+\.tmp$")
#: A published set's folder name: `<time_ns>-<pid>`; nothing else in .sets is removed.
SET_NAME = re.compile(r"[0-9]+-[0-9]+")
#: The room a brief needs at least, when no earlier one tells (bytes).
MIN_ROOM = 1024 * 1024
_NO_ROOM = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def prepare_output(out_dir: Path) -> None:
    """Create `out_dir` (and parents) and check that it is a writable folder."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / f".write-test.{os.getpid()}.tmp"
        probe.touch()
        probe.unlink()
    except OSError as exc:
        raise OutputError.from_os_error(exc, out_dir) from None


def publish(dest_dir: Path, produce: Callable[[Path], list[Path]],
            before_swap: Callable[[str], None] | None = None) -> list[Path]:
    """Let `produce` write a brief's files into a fresh folder, then make them the live set.

    `produce(folder)` returns the paths it wrote in `folder`. If it raises, nothing published
    changes (the fresh folder is removed). `before_swap(set_name)` runs once the set is
    complete and before it goes live (the journal of briefing.reissue.issues is written
    there). Returns the published paths, `dest_dir/<name>`. The caller holds the build lock.
    """
    sets = _sets_folder(dest_dir)
    clean_stale(dest_dir)
    staging = Path(tempfile.mkdtemp(prefix=".staging.", suffix=f".{os.getpid()}.tmp", dir=sets))
    os.chmod(staging, 0o755)  # mkdtemp makes it private; the brief is read by others too
    try:
        names = [Path(p).name for p in produce(staging)]
        _refuse_foreign(dest_dir, names)  # before anything goes live
        final = sets / f"{time.time_ns()}-{os.getpid()}"
        os.rename(staging, final)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, BriefingError) and not isinstance(exc, OutputError):
            no_room = _out_of_room(sets, max(_set_size(dest_dir), MIN_ROOM))
            if no_room:
                raise OutputError(f"{no_room}: the brief cannot be written; the last good brief "
                                  f"is kept ({exc.message})", file=str(dest_dir)) from exc
        raise
    try:
        if before_swap is not None:
            before_swap(final.name)
    except BaseException:
        shutil.rmtree(final, ignore_errors=True)
        raise
    make_live(dest_dir, final.name, names)
    _remove_old_sets(sets, keep=final.name)
    return [dest_dir / name for name in names]


def make_live(dest_dir: Path, set_name: str, names: list[str]) -> None:
    """Point `.current` at the set `set_name` (the one atomic step), and each name through it."""
    _refuse_foreign(dest_dir, names)
    _point(dest_dir / CURRENT, f"{SETS}/{set_name}")
    for name in names:
        link = dest_dir / name
        if not (link.is_symlink() and os.readlink(link) == f"{CURRENT}/{name}"):
            _point(link, f"{CURRENT}/{name}")  # once: replaces a plain file of older builds


def live_set(dest_dir: Path) -> str | None:
    """The name of the set `.current` points to, if it is one of ours."""
    try:
        target = os.readlink(dest_dir / CURRENT)
    except OSError:
        return None
    folder, _, name = target.rpartition("/")
    return name if folder == SETS and SET_NAME.fullmatch(name) else None


def set_folder(dest_dir: Path, set_name: str) -> Path:
    """Where the set `set_name` of an audience folder is."""
    return dest_dir / SETS / set_name


def _sets_folder(dest_dir: Path) -> Path:
    """`dest_dir/.sets`, created; OutputError when something else has that name."""
    sets = dest_dir / SETS
    if sets.is_symlink() or (sets.exists() and not sets.is_dir()):
        what = "a symbolic link" if sets.is_symlink() else "not a folder"
        raise OutputError(f"is {what}, not the folder this tool keeps the brief's files in; it "
                          "is neither followed nor removed: move it away", file=str(sets))
    sets.mkdir(parents=True, exist_ok=True)
    return sets


def _refuse_foreign(dest_dir: Path, names: list[str]) -> None:
    """OutputError naming the first entry where a link of ours goes but a user's thing is.

    `.current` must be a symbolic link (or absent); a brief's name may also be a plain file
    (older builds wrote them) but never a folder.
    """
    current = dest_dir / CURRENT
    if current.exists() and not current.is_symlink():
        raise OutputError("is not this tool's link to the live brief; it is left as it is: "
                          "move it away", file=str(current))
    for name in names:
        path = dest_dir / name
        if path.is_dir() and not path.is_symlink():
            raise OutputError("is a folder where the brief's file goes; it is left as it is "
                              "and nothing was published: move it away", file=str(path))


def _set_size(dest_dir: Path) -> int:
    """Bytes of the live set (what the next brief will need, about)."""
    name = live_set(dest_dir)
    if name is None:
        return 0
    folder = set_folder(dest_dir, name)
    try:
        return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    except OSError:
        return 0


def _out_of_room(folder: Path, need: int) -> str | None:
    """The system's words when `folder` cannot take `need` more bytes (disk full, quota or
    file-size limit); None when it can, or when that cannot be told."""
    probe = folder / f".room.{os.getpid()}.tmp"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.posix_fallocate(fd, 0, need)
        finally:
            os.close(fd)
    except OSError as exc:
        return exc.strerror if exc.errno in _NO_ROOM else None
    finally:
        probe.unlink(missing_ok=True)
    return None


def clean_stale(dest_dir: Path) -> list[Path]:
    """Remove what killed builds left in `dest_dir` and its sets folder; returns what went.

    Only names this module and the writers make (`.….<pid>.tmp`): any other entry stays.
    Call with the build lock held, so no running build owns them.
    """
    removed: list[Path] = []
    for folder in (dest_dir, dest_dir / SETS):
        if not folder.is_dir() or folder.is_symlink():
            continue
        for entry in folder.iterdir():
            if _STALE.match(entry.name):
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
                removed.append(entry)
    return removed


def clean_output(out_dir: Path) -> list[Path]:
    """clean_stale for `out_dir` and every audience folder in it (lock held)."""
    removed = clean_stale(out_dir)
    for entry in out_dir.iterdir() if out_dir.is_dir() else ():
        if entry.is_dir() and not entry.is_symlink() and not entry.name.startswith("."):
            removed += clean_stale(entry) + clean_archive(entry)
    return removed


def _point(link: Path, target: str) -> None:
    """Make `link` a symlink to `target`, atomically (a temp link renamed over it)."""
    tmp = link.with_name(f".{link.name}.link.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)  # a folder there (checked before: never ours) makes this fail
    finally:
        tmp.unlink(missing_ok=True)


def _remove_old_sets(sets: Path, keep: str) -> None:
    """Remove the earlier sets: our names only, folders only (a link is never followed)."""
    for entry in sets.iterdir():
        if entry.name != keep and SET_NAME.fullmatch(entry.name) and entry.is_dir() \
                and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
