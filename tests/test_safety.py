"""A build killed mid-write, or two builds at once, never leave a broken brief or cache.

These tests drive the CLI in subprocesses, so they hold whatever publishing and locking
mechanism build() uses.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data" / "articles").iterdir())


def _command(site: Path, *extra: str) -> list[str]:
    return [sys.executable, str(ROOT / "generate.py"), "--articles", str(site / "articles"),
            "--out", str(site / "out"), "--audience", "leadership", "--audience", "public",
            "--date", "2026-11-22", *extra]


def _run(site: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(_command(site, *extra), capture_output=True, text=True, timeout=300,
                          cwd=ROOT)


def _assert_readable(site: Path) -> None:
    from pypdf import PdfReader
    import docx

    for audience in ("leadership", "public"):
        folder = site / "out" / audience
        record = json.loads((folder / "brief.json").read_text(encoding="utf-8"))
        assert record["statements"]
        assert len(PdfReader(str(folder / "brief.pdf")).pages) >= 1
        assert docx.Document(str(folder / "brief.docx")).paragraphs


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "articles").mkdir()
    for path in SAMPLES[:4]:
        shutil.copy(path, tmp_path / "articles")
    return tmp_path


def test_sigkill_mid_build_keeps_the_previous_issue_and_the_next_build_succeeds(site: Path) -> None:
    assert _run(site).returncode == 0
    before = {p: p.read_bytes() for p in (site / "out").rglob("*") if p.is_file()}
    shutil.copy(SAMPLES[4], site / "articles")  # a real change, so the next build writes
    proc = subprocess.Popen(_command(site), cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    # kill as soon as the new brief is being written (a temp file appears), else after a while
    while time.monotonic() < deadline and proc.poll() is None:
        if any(p.name.endswith(".tmp") for p in (site / "out").rglob("*")):
            break
        time.sleep(0.01)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    _assert_readable(site)
    for path, data in before.items():  # every file of issue 1 is still there and readable
        if "archive" in path.parts:
            assert path.read_bytes() == data
    result = _run(site)
    assert result.returncode == 0, result.stderr
    _assert_readable(site)
    issue = json.loads((site / "out" / "leadership" / "archive" / "2" / "issue.json")
                       .read_text(encoding="utf-8"))
    assert issue["number"] == 2
    assert _run(site).returncode == 0  # and the cache is usable: nothing changed now
    assert "nothing changed" in _run(site).stderr


def test_two_builds_at_once_leave_valid_outputs_and_cache(site: Path) -> None:
    procs = [subprocess.Popen(_command(site), cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    codes = [p.wait(timeout=300) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert all(code == 0 for code in codes), codes
    _assert_readable(site)
    for entry in (site / ".cache").rglob("*.json"):
        json.loads(entry.read_text(encoding="utf-8"))
    assert not any(p.name.endswith(".tmp") for p in site.rglob("*"))
    result = _run(site)
    assert result.returncode == 0 and "nothing changed" in result.stderr
    assert sorted(p.name for p in (site / "out" / "leadership" / "archive").iterdir()) == ["1"]
