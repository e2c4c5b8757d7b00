"""State across issues is derived and checked, never trusted: removed or edited articles, a
damaged or deleted archive, an interrupted publication, and a user's files where the tool
keeps its own."""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.build import BuildOptions, BuildReport, build
from briefing.errors import OutputError

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data" / "articles").iterdir())
ADDED = SAMPLES[1]  #: not in the first issue; new in the second
AUDIENCES = ("department",)  #: prints what's new with its citations
DAY1, DAY2, DAY3, DAY4 = (dt.date(2026, 11, 22), dt.date(2026, 11, 29), dt.date(2026, 12, 6),
                          dt.date(2026, 12, 13))


def _build(site: Path, day: dt.date) -> BuildReport:
    return build(BuildOptions(site / "articles", site / "out", AUDIENCES, issue_date=day,
                              cache_dir=site / ".cache"))


@pytest.fixture(scope="module")
def first_issue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four samples (all but ADDED) built once: issue 1 of `department`."""
    site = tmp_path_factory.mktemp("first")
    (site / "articles").mkdir()
    for path in SAMPLES:
        if path != ADDED:
            shutil.copy(path, site / "articles")
    assert _build(site, DAY1).exit_code == 0
    return site


@pytest.fixture
def site(first_issue: Path, tmp_path: Path) -> Path:
    """A copy of the first issue's articles, out/ and cache, for one test."""
    for name in ("articles", "out", ".cache"):
        shutil.copytree(first_issue / name, tmp_path / name, symlinks=True)
    return tmp_path


def _audience(site: Path) -> Path:
    return site / "out" / AUDIENCES[0]


def _archived(site: Path, number: int) -> dict:
    path = _audience(site) / "archive" / str(number) / "issue.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _cited_files(site: Path) -> set[str]:
    record = json.loads((_audience(site) / "brief.json").read_text(encoding="utf-8"))
    return ({s["file"] for s in record["sources"]}
            | {c["file"] for s in record["statements"] for c in s["citations"]})


def _second_issue(site: Path) -> None:
    """ADDED joins the corpus: issue 2, which cites it as new."""
    shutil.copy(ADDED, site / "articles")
    report = _build(site, DAY2)
    assert report.exit_code == 0 and report.issues[AUDIENCES[0]].issue == 2
    assert ADDED.name in _cited_files(site)


def _ok(report: BuildReport) -> None:
    assert report.exit_code == 0, {a: str(e) for a, e in report.failed.items()}


# --------------------------------------------------------------------------- removed, edited


def test_an_article_removed_after_it_was_new_leaves_the_live_brief_and_builds_go_on(
        site: Path) -> None:
    _second_issue(site)
    (site / "articles" / ADDED.name).unlink()
    report = _build(site, DAY3)
    _ok(report)
    result = report.issues[AUDIENCES[0]]
    assert result.new_issue and result.issue == 3
    assert ADDED.name not in _cited_files(site)
    again = _build(site, DAY4)  # and every later build too
    _ok(again)
    assert again.issues[AUDIENCES[0]].issue == 3 and not again.issues[AUDIENCES[0]].new_issue


def test_an_article_edited_after_it_was_new_makes_a_new_issue_without_an_error(
        site: Path) -> None:
    _second_issue(site)
    edited = site / "articles" / ADDED.name
    edited.write_text(edited.read_text(encoding="utf-8") + "\n本文有修订。\n", encoding="utf-8")
    report = _build(site, DAY3)
    _ok(report)
    assert report.issues[AUDIENCES[0]].issue == 3


# --------------------------------------------------------------------------- a damaged archive


def test_a_corrupt_latest_issue_record_is_set_aside_and_numbering_continues_past_it(
        site: Path, caplog: pytest.LogCaptureFixture) -> None:
    (_audience(site) / "archive" / "1" / "issue.json").write_text("{half a record",
                                                                   encoding="utf-8")
    shutil.copy(ADDED, site / "articles")
    report = _build(site, DAY2)
    _ok(report)
    assert report.issues[AUDIENCES[0]].issue == 2
    assert _archived(site, 2)["date"] == DAY2.isoformat()
    assert "archive/1" in caplog.text


def test_an_archive_entry_that_is_a_file_is_numbered_past(site: Path) -> None:
    entry = _audience(site) / "archive" / "1"
    shutil.rmtree(entry)
    entry.write_text("a note someone left", encoding="utf-8")
    shutil.copy(ADDED, site / "articles")
    report = _build(site, DAY2)
    _ok(report)
    assert report.issues[AUDIENCES[0]].issue == 2 and _archived(site, 2)["number"] == 2
    assert entry.read_text(encoding="utf-8") == "a note someone left"


def _set_value(data: dict, path: tuple, value: object) -> None:
    """Set the value at `path` ("*": the first entry of a table)."""
    for key in path[:-1]:
        data = next(iter(data.values())) if key == "*" else data[key]
    data[path[-1]] = value


@pytest.mark.parametrize("path, value", [
    (("record", "figures", "*", "values"), [{"value": "forty-five", "raw": 1}]),
    (("record", "sources"), ["not a table"]),
    (("record", "version"), "1"),
    (("changes", "new_sources"), "not a list"),
    (("changes", "previous_issue"), {"a": 1}),
    (("number",), "²"),
])
def test_a_malformed_value_in_the_previous_record_never_stops_a_build(
        site: Path, path: tuple, value: object, caplog: pytest.LogCaptureFixture) -> None:
    for record_file in (_audience(site) / "archive" / "1" / "issue.json",
                        _audience(site) / ".journal"):  # wherever the record is kept
        if record_file.is_file():
            record = json.loads(record_file.read_text(encoding="utf-8"))
            _set_value(record.get("issue", record), path, value)
            record_file.write_text(json.dumps(record), encoding="utf-8")
    shutil.copy(ADDED, site / "articles")
    report = _build(site, DAY2)
    _ok(report)
    assert report.issues[AUDIENCES[0]].issue == 2
    assert "set aside" in caplog.text


@pytest.mark.parametrize("name", [
    "²", "١", "notes", "3.bak"])
def test_a_foreign_name_in_the_archive_is_left_alone(site: Path, name: str) -> None:
    foreign = _audience(site) / "archive" / name
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine", encoding="utf-8")
    shutil.copy(ADDED, site / "articles")
    report = _build(site, DAY2)
    _ok(report)
    assert report.issues[AUDIENCES[0]].issue == 2
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_a_half_copied_archive_folder_is_removed_by_the_next_build(site: Path) -> None:
    stale = _audience(site) / "archive" / ".2.99999.tmp"
    stale.mkdir()
    (stale / "brief.pdf").write_bytes(b"half")
    _ok(_build(site, DAY2))
    assert not stale.exists()


def test_a_deleted_archive_does_not_restart_numbering(site: Path) -> None:
    _second_issue(site)
    shutil.rmtree(_audience(site) / "archive")
    report = _build(site, DAY3)  # nothing changed: still issue 2 of DAY2
    _ok(report)
    result = report.issues[AUDIENCES[0]]
    assert (result.issue, result.new_issue, result.date) == (2, False, DAY2.isoformat())
    (site / "articles" / SAMPLES[0].name).unlink()
    report = _build(site, DAY4)
    _ok(report)
    assert report.issues[AUDIENCES[0]].issue == 3


def test_numbering_that_restarts_is_reported(site: Path, caplog: pytest.LogCaptureFixture) -> None:
    shutil.rmtree(_audience(site) / "archive")
    (_audience(site) / ".journal").unlink(missing_ok=True)
    with caplog.at_level(logging.WARNING):
        _ok(_build(site, DAY2))
    assert "numbering starts again at 1" in caplog.text


# --------------------------------------------------------------------------- interrupted


class _Killed(BaseException):
    """Stands for kill -9: nothing after it runs."""


def test_a_build_killed_between_publishing_and_archiving_is_completed_by_the_next(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.reissue import incremental

    def killed(*_a: object, **_k: object) -> None:
        raise _Killed

    shutil.copy(ADDED, site / "articles")
    monkeypatch.setattr(incremental, "archive_issue", killed)
    with pytest.raises(_Killed):
        _build(site, DAY2)
    monkeypatch.undo()
    live = json.loads((_audience(site) / "brief.json").read_text(encoding="utf-8"))
    report = _build(site, DAY3)
    _ok(report)
    result = report.issues[AUDIENCES[0]]
    assert (result.issue, result.date) == (2, DAY2.isoformat())
    assert _archived(site, 2)["date"] == DAY2.isoformat() == live["date"]
    assert not (_audience(site) / "archive" / "3").exists()


# --------------------------------------------------------------------------- not ours


def test_a_symlinked_sets_folder_is_reported_and_never_followed(site: Path,
                                                                tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "unrelated").mkdir(parents=True)
    (elsewhere / "unrelated" / "data.txt").write_text("keep", encoding="utf-8")
    sets = _audience(site) / ".sets"
    shutil.rmtree(sets)
    sets.symlink_to(elsewhere, target_is_directory=True)
    shutil.copy(ADDED, site / "articles")
    report = _build(site, DAY2)
    error = report.failed[AUDIENCES[0]]
    assert isinstance(error, OutputError) and ".sets" in str(error)
    assert sorted(p.name for p in elsewhere.iterdir()) == ["unrelated"]
    assert (elsewhere / "unrelated" / "data.txt").read_text(encoding="utf-8") == "keep"


def test_a_users_folder_where_a_brief_file_goes_is_reported_not_removed(site: Path) -> None:
    pdf = _audience(site) / "brief.pdf"
    pdf.unlink()
    pdf.mkdir()
    (pdf / "thesis.txt").write_text("mine", encoding="utf-8")
    shutil.copy(ADDED, site / "articles")
    report = _build(site, DAY2)
    error = report.failed[AUDIENCES[0]]
    assert isinstance(error, OutputError) and "brief.pdf" in str(error)
    assert (pdf / "thesis.txt").read_text(encoding="utf-8") == "mine"
    assert json.loads((_audience(site) / "brief.json").read_text(encoding="utf-8"))["date"] \
        == DAY1.isoformat()  # nothing was half published


# --------------------------------------------------------------------------- a full disk

#: Runs the CLI with writes limited to a few kilobytes per file, as a full disk refuses them.
_FULL_DISK_RUNNER = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
from briefing.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _cli(site: Path, *, full: bool) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", _FULL_DISK_RUNNER] if full else \
        [sys.executable, str(ROOT / "generate.py")]
    return subprocess.run(
        [*command, "--articles", str(site / "articles"), "--out", str(site / "out"),
         "--cache", str(site / ".cache"), "--audience", "public", "--date", "2026-11-22"],
        capture_output=True, text=True, timeout=600, cwd=ROOT)


def test_a_full_disk_while_writing_the_brief_exits_2_as_any_output_location_error(
        tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    shutil.copy(SAMPLES[0], tmp_path / "articles")
    result = _cli(tmp_path, full=True)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "out/public" in result.stderr


def test_a_full_disk_while_archiving_exits_2_and_the_next_build_archives(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    shutil.copy(ADDED, site / "articles")
    monkeypatch.setattr(shutil, "copy2", full)
    report = _build(site, DAY2)
    assert report.exit_code == 2 and isinstance(report.failed[AUDIENCES[0]], OutputError)
    monkeypatch.undo()
    _ok(_build(site, DAY3))
    assert _archived(site, 2)["date"] == DAY2.isoformat()
