"""Parallel paths give the serial result: same briefs byte for byte, same articles in order."""

from __future__ import annotations

import datetime as dt
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import briefing.build as build_module
from briefing import parallel
from briefing.build import BuildOptions, BuildReport, build
from briefing.errors import ConfigError
from briefing.read import formats, read_articles
from conftest import SHARED, required_path
from scripts.benchmark import source_pages, write_corpus

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
    if x == 7 and os.getpid() != PARENT:
        os._exit(1)  # a worker killed mid-job
    return x + 1


PARENT = os.getpid()


@fork_only
def test_map_ordered_survives_a_dying_worker(monkeypatch):
    monkeypatch.setenv(parallel.ENV_WORKERS, "2")
    assert parallel.map_ordered(_die_on_seven, list(range(40)), min_items=10) == tuple(
        range(1, 41))


def _square_and_thread(x: int) -> tuple[int, str]:
    return x * x, threading.current_thread().name


def test_a_given_executor_runs_every_item_in_order():
    items = list(range(7))  # below any pool threshold: a given executor still gets them
    with ThreadPoolExecutor(2, thread_name_prefix="given") as executor:
        results = parallel.map_ordered(_square_and_thread, items, executor=executor)
    assert [r for r, _ in results] == [x * x for x in items]
    assert all(thread.startswith("given") for _, thread in results)


def test_use_executor_reaches_map_ordered_calls_that_do_not_name_one():
    with ThreadPoolExecutor(2, thread_name_prefix="set") as executor:
        with parallel.use_executor(executor):
            inside = parallel.map_ordered(_square_and_thread, [1, 2, 3])
        after = parallel.map_ordered(_square_and_thread, [1, 2, 3])
    assert [r for r, _ in inside] == [1, 4, 9] == [r for r, _ in after]
    assert all(t.startswith("set") for _, t in inside)
    assert all(t == threading.current_thread().name for _, t in after)


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


def _explode(data: bytes, name: str) -> formats.Source:
    raise RuntimeError("parser crashed")


@pytest.fixture(scope="module")
def large_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """MIN_POOL_ITEMS generated articles (the benchmark's), one unusable file and one whose
    parser crashes (see the test's monkeypatch)."""
    folder = tmp_path_factory.mktemp("large") / "articles"
    write_corpus(folder, parallel.MIN_POOL_ITEMS, source_pages())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "page.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    return folder


@fork_only
def test_a_pool_build_equals_a_serial_build(large_folder, tmp_path, monkeypatch):
    """A folder large enough for the pool, built with two workers and with one: the same
    briefs byte for byte, the same Skipped (a worker's crash reported like a serial one), the
    same bookkeeping; a second pool build reuses every entry the workers' results filled."""
    monkeypatch.setitem(formats.READERS, ".html", _explode)

    def built(name: str, workers: str) -> tuple[BuildReport, bytes]:
        monkeypatch.setenv(parallel.ENV_WORKERS, workers)
        out = tmp_path / name / "out"
        report = build(BuildOptions(large_folder, out, ("leadership",),
                                    issue_date=dt.date(2026, 11, 22)))
        assert not report.failed
        return report, (out / "leadership" / "brief.json").read_bytes()

    serial, serial_json = built("serial", "1")
    pooled, pooled_json = built("pooled", "2")
    assert pooled_json == serial_json
    assert pooled.skipped == serial.skipped
    reasons = {s.file: s.reason for s in pooled.skipped}
    assert "RuntimeError: parser crashed" in reasons["page.html"] and "empty.txt" in reasons
    names = sorted(p.name for p in large_folder.iterdir())
    assert pooled.cache.read == serial.cache.read == names
    assert pooled.cache.extracted == serial.cache.extracted
    again, _ = built("pooled", "2")
    assert again.cache.read == ["page.html"]  # a crash is not cached: it is tried again
    assert sorted(again.cache.reused) == [n for n in names if n != "page.html"]
    assert again.skipped == serial.skipped


def test_a_dask_local_cluster_build_of_corpus2_equals_a_serial_build(tmp_path, monkeypatch):
    """The map over articles on a LocalCluster of two worker processes: every file goes
    through the cluster (none is read here), and the briefs are the serial ones byte for byte."""
    pytest.importorskip("distributed", reason="Dask is an optional extra: "
                        "pip install 'briefing[dask]' (make test installs it)")
    folder = required_path(SHARED / "corpus2" / "articles")
    audiences = ("department",)

    def built(name: str, **options) -> BuildReport:
        report = build(BuildOptions(folder, tmp_path / name / "out", audiences,
                                    issue_date=dt.date(2026, 11, 22), **options))
        assert not report.failed
        return report

    seen_here: list[Path] = []
    real = build_module.read_and_extract
    monkeypatch.setattr(build_module, "read_and_extract",
                        lambda path: seen_here.append(path) or real(path))
    serial = built("serial", workers=1)
    seen_here.clear()
    on_dask = built("dask", executor="local", workers=2)
    assert seen_here == []  # the cluster's processes read and extracted every file
    for audience in audiences:
        brief = Path(audience) / "brief.json"
        assert (tmp_path / "dask" / "out" / brief).read_bytes() == \
            (tmp_path / "serial" / "out" / brief).read_bytes()
    assert on_dask.skipped == serial.skipped
    assert on_dask.cache.extracted == serial.cache.extracted


def test_an_unreachable_scheduler_is_a_configuration_error():
    pytest.importorskip("distributed", reason="Dask is an optional extra: "
                        "pip install 'briefing[dask]' (make test installs it)")
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler"):
        with parallel.open_executor("dask://127.0.0.1:9"):  # the discard port: nobody listens
            pass


def test_a_malformed_executor_is_a_configuration_error():
    with pytest.raises(ConfigError, match="local.*dask://HOST:PORT"):
        with parallel.open_executor("tcp://somewhere"):
            pass


#: An article whose characters the brief's own faces lack (extension B, Latin beyond Latin-1):
#: its sentences print in the fallback faces (briefing.render.font_fallback).
FALLBACK_ARTICLE = """𠮷县与Wrocław推进电子政务建设

2024-12-01 来源：新华网

截至2024年底，全省政务服务事项全部实现网上办理，网上可办率达到98.5%，其中𠮷县与Wrocław合作完成。
"""


@fork_only
def test_audiences_published_in_a_pool_are_the_serial_files_byte_for_byte(tmp_path, monkeypatch):
    """A cold build of two audiences with two free workers publishes each in a forked worker:
    the same PDF, DOCX and JSON bytes as one after the other (fallback faces included), the
    same issues and counts."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in ARTICLES.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "900_fallback.txt").write_text(FALLBACK_ARTICLE, encoding="utf-8")

    def built(name: str, workers: str) -> BuildReport:
        monkeypatch.setenv(parallel.ENV_WORKERS, workers)
        report = build(BuildOptions(folder, tmp_path / name / "out", tuple(AUDIENCES),
                                    issue_date=dt.date(2026, 11, 22)))
        assert not report.failed
        return report

    pids: list[int] = []
    real = build_module._publish
    monkeypatch.setattr(build_module, "_publish",
                        lambda *args: pids.append(os.getpid()) or real(*args))
    serial = built("serial", "1")
    assert set(pids) == {os.getpid()}
    pids.clear()
    pooled = built("pooled", "2")
    assert pids == []  # every audience was published in a worker, none in this process
    for audience in AUDIENCES:
        for suffix in (".pdf", ".docx", ".json"):
            brief = Path(audience) / f"brief{suffix}"
            assert (tmp_path / "pooled" / "out" / brief).read_bytes() == \
                (tmp_path / "serial" / "out" / brief).read_bytes(), brief
    assert b"+NotoSans-" in (tmp_path / "pooled" / "out" / "department" / "brief.pdf").read_bytes()
    assert list(pooled.written) == list(serial.written) == AUDIENCES
    assert pooled.cache.rendered == serial.cache.rendered
    assert {a: r.issue for a, r in pooled.issues.items()} == \
        {a: r.issue for a, r in serial.issues.items()}
