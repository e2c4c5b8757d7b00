"""Publishing a brief: out/<audience>/brief.{docx,pdf,json} replaced together, never mixed.

    prepare_output(out_dir) -> None                 create it, or one OutputError naming it
    publish(dest_dir, produce) -> list[Path]         write a set into a fresh folder, then swap
    clean_stale(dest_dir) -> list[Path]              temp files of killed builds, removed

How the swap works (POSIX): each set of files is written into a fresh hidden folder
`out/<audience>/.sets/<id>/`; `out/<audience>/.current` is a relative symlink to the live
set, replaced in one `os.replace`, so a reader sees the old set or the new one, never a mix.
`brief.docx` etc. are fixed symlinks through `.current`, so the published paths never change.
Any other entry of `out/<audience>/` (an `archive/`, a cache) is left alone. Callers hold the
build lock (briefing.lock) around publish, so two builds never swap at once.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from briefing.errors import OutputError

SETS = ".sets"
CURRENT = ".current"
#: Names a build leaves behind only when killed: staging sets, temp links, writers' temp files.
_STALE = re.compile(r"^\..*\.\d+\.tmp$")


def prepare_output(out_dir: Path) -> None:
    """Create `out_dir` (and parents) and check that it is a writable folder."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / f".write-test.{os.getpid()}.tmp"
        probe.touch()
        probe.unlink()
    except OSError as exc:
        raise OutputError.from_os_error(exc, out_dir) from None
