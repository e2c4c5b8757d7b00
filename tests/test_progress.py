"""Progress of long runs: a bar on a terminal, a log line now and then otherwise, nothing when
quiet or quick."""

from __future__ import annotations

import io
import logging

import pytest

import briefing.build as build_module
from briefing import progress as progress_module
from briefing.cli import main
from briefing.progress import LOG_EVERY, SHOW_AFTER, progress
from conftest import ROOT


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def progress_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "briefing.progress"]


def test_eager_work_logs_at_once_then_every_few_seconds_then_at_the_end(caplog):
    caplog.set_level(logging.INFO)
    clock = Clock()
    with progress("reading", 1000, eager=True, stream=io.StringIO(), clock=clock) as advance:
        for _ in range(10):
            clock.now += LOG_EVERY / 4
            advance(100)
    lines = progress_lines(caplog)
    assert lines[0] == "reading: 0 of 1,000 files (0%)"
    assert lines[-1].startswith("reading: 1,000 of 1,000 files (100%)")
    assert len(lines) == 1 + 10 // 4 + 1  # the start, every LOG_EVERY seconds, the end


def test_quick_work_shows_nothing(caplog):
    caplog.set_level(logging.INFO)
    clock = Clock()
    with progress("reading", 5, stream=io.StringIO(), clock=clock) as advance:
        for _ in range(5):
            clock.now += SHOW_AFTER / 10
            advance(1)
    assert progress_lines(caplog) == []


def test_work_that_turns_out_long_shows_after_a_while(caplog):
    caplog.set_level(logging.INFO)
    clock = Clock()
    with progress("rendering", 4, unit="audience", stream=io.StringIO(), clock=clock) as advance:
        clock.now += SHOW_AFTER + 1
        advance(1)
    assert progress_lines(caplog)[0].startswith("rendering: 1 of 4 audiences (25%)")


def test_a_quiet_log_shows_no_progress(caplog):
    caplog.set_level(logging.WARNING)
    with progress("reading", 1000, eager=True, stream=io.StringIO()) as advance:
        advance(1000)
    assert progress_lines(caplog) == []


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar(caplog):
    pytest.importorskip("tqdm", reason="the bar needs tqdm (a dependency)")
    caplog.set_level(logging.INFO)
    terminal = Terminal()
    with progress("reading", 200, eager=True, stream=terminal) as advance:
        advance(200)
    assert "reading:" in terminal.getvalue() and "/200" in terminal.getvalue()
    assert progress_lines(caplog) == []  # a bar instead of lines


@pytest.mark.parametrize("quiet", [False, True], ids=["default", "quiet"])
def test_a_build_with_many_files_to_extract_reports_progress_unless_quiet(
        quiet, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(build_module, "MIN_POOL_ITEMS", 2)  # the five samples count as many
    monkeypatch.setenv("BRIEFING_WORKERS", "1")
    flags = ["-q"] if quiet else []
    assert main([*flags, "--articles", str(ROOT / "data" / "articles"), "--audience", "public",
                 "--out", str(tmp_path / "out"), "--date", "2026-11-22"]) == 0
    err = capsys.readouterr().err
    assert ("reading and extracting: 0 of 5 files (0%)" in err) is not quiet
    assert ("reading and extracting: 5 of 5 files (100%)" in err) is not quiet
