"""Progress of a long run on stderr: a bar on a terminal, a log line now and then otherwise.

    with progress("reading and extracting", total, unit="file", eager=True) as advance:
        ... advance(n) as n more are done ...

Shown only when briefing's log reports INFO, as the command line's does by default (`-q`
turns it off) and a library caller's does not unless it asks. On a terminal it is a tqdm bar;
in a log file or a pipe, a line at most every LOG_EVERY seconds, and one at the end. Work that
is `eager` (known to be long, e.g. a hundred articles to extract) shows from its start; other
work only once it has run SHOW_AFTER seconds, so a quick build prints nothing more.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any, TextIO

log = logging.getLogger("briefing.progress")

SHOW_AFTER = 2.0  #: seconds before work that is not eager shows its progress
LOG_EVERY = 10.0  #: seconds between two progress lines when stderr is no terminal

__all__ = ["LOG_EVERY", "SHOW_AFTER", "progress"]


@contextlib.contextmanager
def progress(what: str, total: int, *, unit: str = "file", eager: bool = False,
             stream: TextIO | None = None,
             clock: Callable[[], float] = time.monotonic) -> Iterator[Callable[[int], None]]:
    """A function to call with each number of items done; the progress shows as the module
    says. `stream` (default: stderr) decides between bar and lines by whether it is a tty."""
    if total <= 0 or not log.isEnabledFor(logging.INFO):
        yield _ignore
        return
    stream = stream or sys.stderr
    bar = _bar(what, total, unit, eager, stream) if _is_terminal(stream) else None
    if bar is not None:
        with bar:
            yield bar.update
        return
    lines = _Lines(what, total, unit, eager, clock)
    try:
        yield lines.advance
    finally:
        lines.close()


def _ignore(count: int) -> None:
    del count


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream: no bar
        return False


def _bar(what: str, total: int, unit: str, eager: bool, stream: TextIO) -> Any:
    """tqdm's bar, shown at once when eager, else after SHOW_AFTER seconds (None without tqdm:
    then lines are written)."""
    try:
        from tqdm import tqdm  # only on a terminal
    except ImportError:
        return None
    tqdm.monitor_interval = 0  # no monitor thread: the build forks pool workers under the bar
    return tqdm(total=total, desc=what, unit=unit, file=stream, delay=0 if eager else SHOW_AFTER,
                dynamic_ncols=True, leave=False)


class _Lines:
    """Progress as log lines: `what: 120 of 1,000 files (12%), 8.1 files/s`."""

    def __init__(self, what: str, total: int, unit: str, eager: bool,
                 clock: Callable[[], float]):
        self.what, self.total, self.unit, self.clock = what, total, unit, clock
        self.done = 0
        self.started = clock()
        self.shown = False
        self.last = self.started - LOG_EVERY  # eager work shows at once
        if eager:
            self._show()

    def advance(self, count: int) -> None:
        self.done += count
        now = self.clock()
        due = now - self.last >= LOG_EVERY
        if due and (self.shown or now - self.started >= SHOW_AFTER):
            self._show()

    def close(self) -> None:
        if self.shown and self.done:  # a line shown: say how it ended
            self._show()

    def _show(self) -> None:
        now = self.clock()
        elapsed = now - self.started
        rate = f", {self.done / elapsed:.1f} {self.unit}s/s" if elapsed > 0 and self.done else ""
        log.info("%s: %s of %s %ss (%d%%)%s", self.what, f"{self.done:,}", f"{self.total:,}",
                 self.unit, 100 * self.done // self.total, rate)
        self.shown, self.last = True, now
