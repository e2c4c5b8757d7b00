"""Map a pure function over many items, in order: here, in a fork pool, or in a given executor.

Every path gives the serial result, in the same order: the workers run the very function the
serial path runs, on the same inputs, and results come back in input order. The function must
be pure (its result depends on its argument only), since what it changes in a worker is lost.

    workers_available() -> int                 cores free for this build ($BRIEFING_WORKERS wins)
    map_ordered(fn, items, executor=None, on_done=None)
                                               tuple(fn(x) for x in items), wherever it runs best;
                                               on_done(n) as each n results come back
    use_executor(executor)                     context: map_ordered without `executor` uses it
    executor_in_use() -> bool                  whether use_executor set one here
    open_executor(spec, workers)               context: a Dask cluster's executor, from
                                               `local` or `dask://HOST:PORT` (the `executor` setting)

Where it runs, when no executor is given or set by use_executor: in the calling process below
MIN_POOL_ITEMS items or with fewer than two free cores (or without fork); else in a fork
ProcessPoolExecutor, whose workers inherit the parent's loaded modules, `fn` and the items, so
only results are pickled. Any `concurrent.futures.Executor` can take its place (a thread pool
in tests; a `dask.distributed` cluster through `Client.get_executor()`, see open_executor),
then `fn`, the items and the results are pickled. Dask is an optional extra
(`pip install 'briefing[dask]'`): only open_executor imports it.

Audiences are published (composed and, when their output cache is not current, rendered) in
a local fork pool too when the build read new files and more than one core is free
(briefing.build); each audience's files are the serial ones byte for byte.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import multiprocessing
import os
import re
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from briefing.errors import ConfigError

log = logging.getLogger(__name__)

#: The `executor` setting: a Dask scheduler's address, or `local` for a LocalCluster here.
EXECUTOR_SPEC = re.compile(r"^(?:local|dask://[A-Za-z0-9._\[\]:-]+:\d{1,5})$")
DASK_HINT = "pip install 'briefing[dask]'"

ENV_WORKERS = "BRIEFING_WORKERS"  #: "1" forces serial; "4" four workers, whatever the load
MIN_POOL_ITEMS = 100  #: below this many items a local pool costs more than it saves
CHUNKS_PER_WORKER = 8  #: several chunks a worker, so the workers finish together

T = TypeVar("T")
R = TypeVar("R")

#: The executor set by use_executor(), for every map_ordered() not given one.
_EXECUTOR: contextvars.ContextVar[Executor | None] = contextvars.ContextVar(
    "briefing_executor", default=None)


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


@contextlib.contextmanager
def use_executor(executor: Executor) -> Iterator[Executor]:
    """Within the block, every map_ordered() without its own executor runs in `executor`.

    The executor stays the caller's: it is neither started nor shut down here.
    """
    token = _EXECUTOR.set(executor)
    try:
        yield executor
    finally:
        _EXECUTOR.reset(token)


def executor_in_use() -> bool:
    """Whether map_ordered() calls in this context go to an executor use_executor set (a Dask
    client's: no fork beside its threads)."""
    return _EXECUTOR.get() is not None


def map_ordered(
    fn: Callable[[T], R], items: Sequence[T], *, executor: Executor | None = None,
    min_items: int | None = None, on_done: Callable[[int], None] | None = None,
    local: bool = False,
) -> tuple[R, ...]:
    """`tuple(fn(x) for x in items)`: in `executor` (or the one use_executor set) when there
    is one, else in a local fork pool when there are many items and free cores, else here.

    `min_items` overrides MIN_POOL_ITEMS for the local pool; a given executor gets every list.
    `on_done(n)` is called in this process as results come back (n of them; for progress).
    `local=True` ignores the executor use_executor set: here or in a local fork pool only.
    """
    done = on_done or _ignore
    executor = executor or (None if local else _EXECUTOR.get())
    if executor is not None:
        return tuple(_counted(executor.map(fn, items), done))
    workers = min(workers_available(), len(items))
    threshold = MIN_POOL_ITEMS if min_items is None else min_items
    if len(items) < threshold or workers < 2 or not _can_fork():
        return tuple(_counted((fn(x) for x in items), done))
    return _map_in_fork_pool(fn, items, workers, done)


def _ignore(count: int) -> None:
    del count


def _counted(results: Iterator[R], done: Callable[[int], None]) -> Iterator[R]:
    for result in results:
        done(1)
        yield result


@contextlib.contextmanager
def open_executor(spec: str, workers: int | None = None) -> Iterator[Executor]:
    """A Dask cluster's concurrent.futures executor for the block, closed after it.

    `spec` is `local` (a distributed.LocalCluster of `workers` processes, one thread each;
    default: every core) or `dask://HOST:PORT` (a running scheduler; its workers must see the
    articles folder at the same path). ConfigError when the spec is malformed, Dask is not
    installed or the scheduler cannot be reached.
    """
    if not EXECUTOR_SPEC.match(spec):
        raise ConfigError(f"executor {spec!r}: expected `local` or `dask://HOST:PORT`")
    try:
        from distributed import Client, LocalCluster  # optional: the `dask` extra
    except ImportError:
        raise ConfigError(f"executor {spec!r} needs Dask: {DASK_HINT}") from None
    with contextlib.ExitStack() as stack:
        if spec == "local":
            cluster = stack.enter_context(LocalCluster(
                n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                processes=True, dashboard_address=None))
            address: Any = cluster
        else:
            address = "tcp://" + spec.removeprefix("dask://")
        try:
            client = stack.enter_context(Client(address, timeout="10s"))
        except OSError as exc:  # unreachable scheduler: a message, not a traceback
            raise ConfigError(f"executor {spec!r}: cannot reach the Dask scheduler ({exc})") \
                from None
        log.info("reading and extracting on Dask (%s, %d workers)", spec,
                 len(client.scheduler_info().get("workers", {})))
        yield client.get_executor()


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


# What a forked worker runs: set just before the pool forks, so children inherit it.
_FORK_JOB: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _run_chunk(bounds: tuple[int, int]) -> list[Any]:
    fn, items = _FORK_JOB  # type: ignore[misc]
    return [fn(items[i]) for i in range(*bounds)]


def _map_in_fork_pool(fn: Callable[[T], R], items: Sequence[T], workers: int,
                      done: Callable[[int], None]) -> tuple[R, ...]:
    """fn over items in `workers` forked processes; only chunk bounds and results are pickled.

    A killed worker (memory, signal) costs time, not the build: the items whose chunk did not
    come back are redone here.
    """
    global _FORK_JOB
    _FORK_JOB = (fn, items)
    size = max(1, len(items) // (workers * CHUNKS_PER_WORKER))
    chunks = [(i, min(i + size, len(items))) for i in range(0, len(items), size)]
    results: list[R] = []
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            for chunk in pool.map(_run_chunk, chunks):
                results.extend(chunk)
                done(len(chunk))
        return tuple(results)
    except BrokenProcessPool:
        log.warning("a worker process died; going on in this process")
        rest = items[len(results):]  # the chunks that came back are kept, in order
        return tuple(results) + tuple(_counted((fn(x) for x in rest), done))
    finally:
        _FORK_JOB = None
