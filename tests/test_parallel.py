"""Parallel paths give the serial result: same briefs byte for byte, same articles in order."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from briefing import parallel
from briefing.build import build
from briefing.errors import RenderError
from briefing.read import read_articles

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
CORPUS2 = ROOT.parent / "shared" / "corpus2" / "articles"
AUDIENCES = ["leadership", "department"]

fork_only = pytest.mark.skipif(not parallel._can_fork(), reason="needs the fork start method")


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("brief.*"))}


@fork_only
def test_parallel_render_gives_the_serial_bytes(tmp_path, monkeypatch):
    outputs = {}
    for workers in ("1", "2"):
        monkeypatch.setenv(parallel.ENV_WORKERS, workers)
        out = tmp_path / f"out{workers}"
        report = build(ARTICLES, out, AUDIENCES, issue_date=dt.date(2026, 11, 22))
        assert report.exit_code == 0 and sorted(report.written) == sorted(AUDIENCES)
        outputs[workers] = _files(out)
    assert len(outputs["1"]) == 3 * len(AUDIENCES)
    assert outputs["2"] == outputs["1"]


@fork_only
def test_a_failing_audience_in_a_worker_is_reported_and_the_others_built(tmp_path, monkeypatch):
    monkeypatch.setenv(parallel.ENV_WORKERS, "2")
    real = parallel._write_one

    def failing_department(briefing, dest_dir):  # inherited by the forked workers
        if dest_dir.name == "department":
            raise RenderError("disk full", file=str(dest_dir))
        return real(briefing, dest_dir)

    monkeypatch.setattr(parallel, "_write_one", failing_department)
    report = build(ARTICLES, tmp_path / "out", AUDIENCES, issue_date=dt.date(2026, 11, 22))
    assert isinstance(report.failed["department"], RenderError)
    assert "disk full" in str(report.failed["department"])
    assert list(report.written) == ["leadership"]
    assert report.exit_code == 1


def _square(x: int) -> int:
    return x * x + os.getpid() * 0  # the pid is read in the worker, the result does not show it


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
@pytest.mark.parametrize("folder", [ARTICLES, CORPUS2], ids=["samples", "corpus2"])
def test_reading_in_a_pool_gives_the_serial_articles(folder, monkeypatch):
    if not folder.is_dir():
        pytest.skip(f"{folder} is not there (the shared development set)")
    monkeypatch.setenv(parallel.ENV_WORKERS, "1")
    serial = read_articles(folder)
    monkeypatch.setenv(parallel.ENV_WORKERS, "2")
    monkeypatch.setattr(parallel, "MIN_POOL_ITEMS", 2)
    pooled = read_articles(folder)
    assert pooled == serial
