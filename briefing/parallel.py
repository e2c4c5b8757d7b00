"""Use the free cores: render audiences in worker processes, read and extract large folders in a pool.

Every parallel path gives the same result as the serial one, in the same order: the workers run
the very functions the serial path runs, on the same inputs, and results are put back in input
order. Workers are forked (Linux), so they share the parent's loaded modules and data without
pickling it; where fork is unavailable, or fewer than two cores are free, everything runs in
the calling process.

    workers_available() -> int            cores free for this build ($BRIEFING_WORKERS overrides)
    map_ordered(fn, items) -> tuple       fn over items, in a fork pool when the list is large
    RenderPool(audiences)                 started at the top of build(): its workers import the
                                          writers while the parent reads and extracts
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from briefing.errors import BriefingError

if TYPE_CHECKING:
    from briefing.models import Briefing

log = logging.getLogger(__name__)

ENV_WORKERS = "BRIEFING_WORKERS"  #: "1" forces serial; "4" four workers, whatever the load
MIN_POOL_ITEMS = 100  #: below this many files/articles a pool costs more than it saves

T = TypeVar("T")
R = TypeVar("R")


def workers_available() -> int:
    """How many worker processes this build may use: $BRIEFING_WORKERS, else the free cores.

    Free cores are the cores this process may run on minus the 1-minute load average (the
    machine may be shared), so a busy machine gets a serial build rather than contention.
    """
    configured = os.environ.get(ENV_WORKERS, "").strip()
    if configured:
        try:
            return max(1, int(configured))
        except ValueError:
            log.warning("%s=%r is not a number; using the free cores", ENV_WORKERS, configured)
    if not _can_fork():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = 0.0
    return max(1, int((cores or 1) - load))


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


# What a forked map worker runs: set just before the pool forks, so children inherit it.
_MAP_JOB: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _run_map_chunk(bounds: tuple[int, int]) -> list[Any]:
    fn, items = _MAP_JOB  # type: ignore[misc]
    return [fn(items[i]) for i in range(*bounds)]


def map_ordered(
    fn: Callable[[T], R], items: Sequence[T], *, min_items: int | None = None
) -> tuple[R, ...]:
    """`tuple(fn(x) for x in items)`, in a fork pool when there are many items and free cores.

    Children inherit `fn` and `items` through fork, so only the results are pickled (and come
    back in input order). `fn` must not depend on state it changes between calls.
    """
    workers = min(workers_available(), len(items))
    if len(items) < (MIN_POOL_ITEMS if min_items is None else min_items) or workers < 2 \
            or not _can_fork():
        return tuple(fn(x) for x in items)
    global _MAP_JOB
    _MAP_JOB = (fn, items)
    size = max(1, len(items) // (workers * 8))  # several chunks a worker: an even finish
    chunks = [(i, min(i + size, len(items))) for i in range(0, len(items), size)]
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return tuple(r for chunk in pool.map(_run_map_chunk, chunks) for r in chunk)
    except BrokenProcessPool:  # a worker was killed (memory, signal): do it here instead
        log.warning("a worker process died; going on in this process")
        return tuple(fn(x) for x in items)
    finally:
        _MAP_JOB = None


def _warm_up() -> None:
    """Worker start: import the writers (matplotlib, python-docx, reportlab) before work comes."""
    import briefing.writers  # noqa: F401


def _write_one(briefing: Briefing, dest_dir: Path) -> list[Path]:
    from briefing.writers import write_briefing

    return write_briefing(briefing, dest_dir)


def _write_job(briefing: Briefing, dest_dir: Path) -> list[Path]:
    """What a worker runs: looks `_write_one` up when called (a forked worker sees the parent's)."""
    return _write_one(briefing, dest_dir)


class RenderPool:
    """Writes briefs in worker processes when more than one core is free, else in this one.

    Start it at the top of a build: the workers fork from a parent that has not loaded the
    writers yet, and import them while the parent reads and extracts. `write()` sends a
    composed Briefing (small to pickle) and returns a Future; `collect()` waits for all.
    The bytes are the serial bytes: a worker calls the same `write_briefing`.
    """

    def __init__(self, jobs: int) -> None:
        workers = min(workers_available(), jobs)
        self._pool: ProcessPoolExecutor | None = None
        if workers >= 2 and _can_fork():
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_up)
            self._pool.submit(int)  # a fork pool starts its workers at the first submit: now
            log.debug("rendering in %d worker processes", workers)
        self._pending: dict[str, tuple[Future[list[Path]], Briefing, Path]] = {}

    def write(self, audience: str, briefing: Briefing, dest_dir: Path) -> None:
        """Queue one audience's brief (or write it now when there is no pool)."""
        future: Future[list[Path]] = Future()
        if self._pool is not None:
            try:
                future = self._pool.submit(_write_job, briefing, dest_dir)
            except (BrokenProcessPool, RuntimeError):
                self._pool = None
        if self._pool is None:
            try:
                future.set_result(_write_one(briefing, dest_dir))
            except Exception as err:  # delivered by collect(), like a worker's error
                future.set_exception(err)
        self._pending[audience] = (future, briefing, dest_dir)

    def collect(self) -> tuple[dict[str, list[Path]], dict[str, BriefingError]]:
        """Wait for every queued brief: (files written per audience, errors per audience).

        A worker that died (killed, out of memory) costs no brief: that audience is written
        again in this process.
        """
        written: dict[str, list[Path]] = {}
        failed: dict[str, BriefingError] = {}
        for audience, (future, briefing, dest_dir) in self._pending.items():
            try:
                try:
                    written[audience] = future.result()
                except BrokenProcessPool:
                    log.warning("%s: a render worker died; writing it here", audience)
                    written[audience] = _write_one(briefing, dest_dir)
            except BriefingError as err:
                failed[audience] = err
        self._pending.clear()
        self.close()
        return written, failed

    def close(self) -> None:
        """Stop the workers (idempotent)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __del__(self) -> None:  # a build that raised before collect() must not leave workers
        self.close()
