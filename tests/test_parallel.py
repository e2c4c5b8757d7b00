"""Parallel paths give the serial result: same briefs byte for byte, same articles in order."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from briefing import parallel
from briefing.build import BuildOptions, build
from briefing.read import read_articles
from conftest import SHARED, required_path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
AUDIENCES = ["leadership", "department"]

fork_only = pytest.mark.skipif(not parallel._can_fork(), reason="needs the fork start method")


def _square(x: int) -> int:
    return x * x


@fork_only
def test_map_ordered_keeps_input_order_in_a_pool(monkeypatch):
    monkeypatch.setenv(parallel.ENV_WORKERS, "2")
    items = list(range(500))
    assert parallel.map_ordered(_square, items, min_items=10) == tuple(x * x for x in items)


def _die_on_seven(x: int) -> int:
    if x == 7 and parallel._MAP_JOB is not None and os.getpid() != PARENT:
        os._exit(1)  # a worker killed mid-job
    return x + 1


PARENT = os.getpid()


@fork_only
def test_map_ordered_survives_a_dying_worker(monkeypatch):
    monkeypatch.setenv(parallel.ENV_WORKERS, "2")
    assert parallel.map_ordered(_die_on_seven, list(range(40)), min_items=10) == tuple(
        range(1, 41))


def test_workers_available_follows_the_environment(monkeypatch):
    monkeypatch.setenv(parallel.ENV_WORKERS, "3")
    assert parallel.workers_available() == 3
    monkeypatch.setenv(parallel.ENV_WORKERS, "0")
    assert parallel.workers_available() == 1  # never fewer than the calling process
    monkeypatch.setenv(parallel.ENV_WORKERS, "many")
    assert parallel.workers_available() >= 1


@fork_only
@pytest.mark.parametrize("folder", [ARTICLES, SHARED / "corpus2" / "articles"],
                         ids=["samples", "corpus2"])
def test_reading_in_a_pool_gives_the_serial_articles(folder, monkeypatch):
    required_path(folder)
    monkeypatch.setenv(parallel.ENV_WORKERS, "1")
    serial = read_articles(folder)
    monkeypatch.setenv(parallel.ENV_WORKERS, "2")
    monkeypatch.setattr(parallel, "MIN_POOL_ITEMS", 2)
    pooled = read_articles(folder)
    assert pooled == serial


@fork_only
def test_a_cached_build_read_in_a_pool_records_what_the_workers_did(tmp_path, monkeypatch):
    """The build's cached reader runs in forked workers: its bookkeeping (files read and
    extracted, each extraction) comes back to the parent, so the briefs equal a serial build's
    and a second build reuses every entry the workers stored."""
    def built(name: str, workers: str) -> tuple[object, dict[str, bytes]]:
        monkeypatch.setenv(parallel.ENV_WORKERS, workers)
        report = build(BuildOptions(ARTICLES, tmp_path / name / "out", ("leadership",),
                                    issue_date=dt.date(2026, 11, 22)))
        assert report.exit_code == 0, report.failed
        return report, {"json": (tmp_path / name / "out" / "leadership" / "brief.json").read_bytes()}

    _, serial = built("serial", "1")
    monkeypatch.setattr(parallel, "MIN_POOL_ITEMS", 2)
    report, pooled = built("pooled", "2")
    names = sorted(p.name for p in ARTICLES.iterdir())
    assert sorted(report.cache.read) == names and sorted(report.cache.extracted) == names
    assert pooled == serial
    again, _ = built("pooled", "2")
    assert again.nothing_changed and sorted(again.cache.reused) == names
