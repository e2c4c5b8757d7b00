"""`generate.py watch`: rebuild after a settled burst of changes, survive failures, stop cleanly."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from briefing.commands.watch import watch

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
