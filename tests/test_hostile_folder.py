"""A folder of every hostile input builds the briefs from its good files, names each bad one
once, and exits 1."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.read import read_articles
from fixtures_hostile import GOOD, MARKUP, make_hostile_folder


def _build(articles: Path, out: Path) -> int:
    return main(["--articles", str(articles), "--out", str(out), "--audience", "public",
                 "--date", "2026-11-22"])


def test_hostile_folder_builds_from_the_good_files_and_names_each_bad_one_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reasons = make_hostile_folder(tmp_path / "articles")
    started = time.perf_counter()
    assert _build(tmp_path / "articles", tmp_path / "out") == 1
    elapsed = time.perf_counter() - started
    err = capsys.readouterr().err
    assert "Traceback" not in err
    skipped = [line for line in err.splitlines() if line.startswith("skipped ")]
    for name, words in reasons.items():
        lines = [line for line in skipped if line.startswith(f"skipped {name}: ")]
        assert len(lines) == 1, (name, err)
        assert words in lines[0], lines[0]
    assert len(skipped) == len(reasons), err
    record = json.loads((tmp_path / "out" / "public" / "brief.json").read_text(encoding="utf-8"))
    assert {s["file"] for s in record["sources"]} <= set(GOOD)
    assert len(record["sources"]) >= 3
    assert elapsed < 30, f"build took {elapsed:.1f} s"


def test_markup_in_article_text_reaches_the_audit_record_as_text(tmp_path: Path) -> None:
    make_hostile_folder(tmp_path / "articles")
    articles, _ = read_articles(tmp_path / "articles")
    marked = next(a for a in articles if a.file == "markup and controls.md")
    assert MARKUP in marked.text and "\x07" not in marked.text
    for p in marked.paragraphs:  # offsets index the text
        assert marked.text[p.start : p.end] == p.text


def test_a_file_that_vanishes_after_listing_is_named(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing.read as read

    make_hostile_folder(tmp_path / "articles")
    listed = read.list_folder

    def list_then_delete(folder: Path) -> list[tuple[Path, str | None]]:
        entries = listed(folder)
        (folder / "good.txt").unlink()
        return entries

    monkeypatch.setattr(read, "list_folder", list_then_delete)
    _, skipped = read.read_articles(tmp_path / "articles")
    reasons = {s.file: s.reason for s in skipped}
    assert "No such file" in reasons["good.txt"]


def test_ten_thousand_files_in_one_folder(tmp_path: Path) -> None:
    reasons = make_hostile_folder(tmp_path / "articles", many=10_000)
    started = time.perf_counter()
    articles, skipped = read_articles(tmp_path / "articles")
    elapsed = time.perf_counter() - started
    assert {s.file for s in skipped} == set(reasons)
    assert len(articles) == len(GOOD)
    assert elapsed < 30, f"reading 10,000 files took {elapsed:.1f} s"
