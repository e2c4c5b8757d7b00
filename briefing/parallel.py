"""Use the free cores: read and extract large folders in a pool.

Every parallel path gives the same result as the serial one, in the same order: the workers run
the very functions the serial path runs, on the same inputs, and results are put back in input
order. Workers are forked (Linux), so they share the parent's loaded modules and data without
pickling it; where fork is unavailable, or fewer than two cores are free, everything runs in
the calling process.

    workers_available() -> int            cores free for this build ($BRIEFING_WORKERS overrides)
    map_ordered(fn, items) -> tuple       fn over items, in a fork pool when the list is large

Audiences are rendered one after the other: each one's render is skipped when its output
cache is current (briefing.reissue.incremental), and a pool measured no gain on a busy 2-core machine.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

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


