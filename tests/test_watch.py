"""`generate.py watch`: rebuild after a settled burst of changes, survive failures, stop cleanly."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefing.commands.watch import watch, watched_paths

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles" / "000_1b8e26d3558f27a7.txt"


def _wait_for(condition, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_burst_of_changes_is_one_rebuild_and_a_failing_build_does_not_stop_it(
        tmp_path: Path) -> None:
    calls: list[float] = []
    stop = threading.Event()

    def rebuild() -> int:
        calls.append(time.monotonic())
        if len(calls) == 2:
            raise RuntimeError("broken template")  # the watch must keep going
        return 0

    thread = threading.Thread(target=watch, args=([tmp_path], rebuild),
                              kwargs={"debounce_ms": 300, "stop_event": stop})
    thread.start()
    try:
        assert _wait_for(lambda: len(calls) == 1)  # the first build
        time.sleep(0.5)  # let the watcher start
        for n in range(5):  # one burst
            (tmp_path / f"a{n}.txt").write_text("x", encoding="utf-8")
        assert _wait_for(lambda: len(calls) == 2)
        time.sleep(1.0)
        assert len(calls) == 2  # the burst settled into one rebuild
        (tmp_path / "b.txt").write_text("y", encoding="utf-8")
        assert _wait_for(lambda: len(calls) == 3)  # still watching after the failure
        (tmp_path / ".hidden.tmp").write_text("z", encoding="utf-8")
        time.sleep(1.0)
        assert len(calls) == 3  # temp files are not changes
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_the_command_builds_rebuilds_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(SAMPLE, articles)
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "generate.py"), "watch", "--articles", str(articles),
         "--out", str(tmp_path / "out"), "--audience", "public", "--debounce", "300"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        brief = tmp_path / "out" / "public" / "brief.json"
        assert _wait_for(brief.is_file, 120)
        assert _wait_for(lambda: (tmp_path / "out" / "public" / "archive" / "1").is_dir(), 30)
        time.sleep(1.0)
        shutil.copy(ROOT / "data" / "articles" / "004_41c6d9978f3fd55e.txt", articles)
        assert _wait_for(lambda: (tmp_path / "out" / "public" / "archive" / "2").is_dir(), 120)
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "watch stopped" in err and "Traceback" not in err


class _Watching:
    """watch() in a thread over `paths`; `builds` counts rebuilds after the first build."""

    def __init__(self, paths: list[Path], rebuild=None, debounce_ms: int = 300) -> None:
        self.builds = 0
        self.stop = threading.Event()
        self.extra = rebuild

        def count() -> int:
            self.builds += 1
            if self.extra is not None:
                self.extra()
            return 0

        self.thread = threading.Thread(target=watch, args=(paths, count),
                                       kwargs={"debounce_ms": debounce_ms,
                                               "stop_event": self.stop})

    def __enter__(self) -> "_Watching":
        self.thread.start()
        assert _wait_for(lambda: self.builds == 1)
        time.sleep(0.7)  # let the watcher start
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=15)
        assert not self.thread.is_alive()

    def rebuilt(self, since: int, timeout: float = 15.0) -> bool:
        return _wait_for(lambda: self.builds > since, timeout)


def test_a_file_written_slowly_is_built_only_once_it_is_complete(tmp_path: Path) -> None:
    whole = "第一段。\n" * 2000
    target = tmp_path / "slow.txt"
    seen: list[str] = []

    def read() -> None:
        if target.exists():
            seen.append(target.read_text(encoding="utf-8"))

    with _Watching([tmp_path], read, debounce_ms=400) as watching:
        with target.open("w", encoding="utf-8") as fh:  # a copy that pauses half-way
            fh.write(whole[:len(whole) // 2])
            fh.flush()
            time.sleep(3.0)
            fh.write(whole[len(whole) // 2:])
        assert watching.rebuilt(1)
        time.sleep(1.0)
    assert seen and all(text == whole for text in seen), [len(t) for t in seen]


def test_a_watched_folder_deleted_and_recreated_is_watched_again(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    with _Watching([articles]) as watching:
        shutil.rmtree(articles)
        articles.mkdir()
        time.sleep(1.5)
        before = watching.builds
        (articles / "new.txt").write_text("新文章。", encoding="utf-8")
        assert watching.rebuilt(before)


def test_a_file_saved_by_rename_or_created_after_the_watch_starts_is_watched(
        tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    corrections = tmp_path / "corrections.yaml"  # not there yet
    with _Watching([articles, corrections]) as watching:
        for text in ("a: 1\n", "a: 2\n", "a: 3\n"):  # created, then saved by rename twice
            before = watching.builds
            saved = tmp_path / ".corrections.yaml.swp"
            saved.write_text(text, encoding="utf-8")
            os.replace(saved, corrections)
            assert watching.rebuilt(before), text
            time.sleep(0.8)
        before = watching.builds
        (tmp_path / "unrelated.txt").write_text("x", encoding="utf-8")
        time.sleep(1.5)
        assert watching.builds == before  # only the named file counts, not its folder


def test_a_symlink_out_of_a_watched_folder_is_not_followed(tmp_path: Path) -> None:
    templates = tmp_path / "tpl"
    (templates / "brief").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (templates / "brief" / "elsewhere").symlink_to(outside, target_is_directory=True)
    (templates / "root").symlink_to("/", target_is_directory=True)
    with _Watching([templates]) as watching:
        (outside / "x.txt").write_text("not watched", encoding="utf-8")
        time.sleep(1.5)
        assert watching.builds == 1
        (templates / "brief" / "section.md.j2").write_text("{{ x }}", encoding="utf-8")
        assert watching.rebuilt(1)


def test_the_corrections_file_beside_the_articles_is_watched_before_it_exists(
        tmp_path: Path) -> None:
    from briefing.cli import _make_parser
    from briefing.settings import load_settings

    articles = tmp_path / "data" / "articles"
    articles.mkdir(parents=True)
    args = _make_parser().parse_args(["watch", "--articles", str(articles)])
    assert (tmp_path / "data" / "corrections.yaml").resolve() in watched_paths(
        load_settings(args))


@pytest.mark.parametrize("debounce", [-5, 10**30, 1.5, True])
def test_a_debounce_out_of_range_is_refused_before_any_build(tmp_path: Path,
                                                            debounce: object) -> None:
    built: list[int] = []
    with pytest.raises(ValueError, match="debounce"):
        watch([tmp_path], lambda: built.append(1) or 0, debounce_ms=debounce)
    assert built == []
