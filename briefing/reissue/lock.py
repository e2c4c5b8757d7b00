"""The build lock: one build at a time writes into an output folder.

    with build_lock(out_dir, timeout=60.0):       raises BusyError (exit code 3) after timeout
        ...

An advisory `flock` on `out_dir/.build.lock`, held for the whole build: the kernel releases it
when the process ends, however it ends (kill -9 included), so a killed build never leaves a
stale lock. A second build polls for `timeout` seconds, then gives up with BusyError naming
the folder and the holder's pid. POSIX only (fcntl), like the rest of the output handling.
"""

from __future__ import annotations

import contextlib
import fcntl
import math
import os
import time
from collections.abc import Iterator
from pathlib import Path

from briefing.errors import BusyError

LOCK_NAME = ".build.lock"
DEFAULT_TIMEOUT = 60.0  #: seconds a build waits for another one before it says busy
BUSY_EXIT = BusyError.exit_code
_POLL = 0.1


@contextlib.contextmanager
def build_lock(out_dir: Path, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Hold the build lock of `out_dir` (created if needed) for the `with` block.

    ValueError when `timeout` is not a finite number of seconds ≥ 0 (NaN would wait forever).
    """
    if not (math.isfinite(timeout) and timeout >= 0):
        raise ValueError(f"the wait for the build lock must be a finite number of seconds ≥ 0, "
                         f"got {timeout!r}")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, path, timeout)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())  # for the busy message of the next build
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _acquire(fd: int, path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise BusyError(f"build busy: another build (pid {_holder(path)}) is writing "
                                f"this folder; waited {timeout:g} s", file=str(path.parent)) \
                    from None
            time.sleep(_POLL)


def _holder(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii").strip() or "?"
    except (OSError, UnicodeDecodeError):
        return "?"
