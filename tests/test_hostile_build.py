"""Issue 11, the build as a whole: one message per problem, no silent skip, last good brief kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.cli import main

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "read" / "article.txt"
TEXT = FIXTURE.read_text(encoding="utf-8")
DATE = ["--date", "2026-11-22"]


def _folder(tmp_path: Path, **files: bytes) -> Path:
    """An articles folder with the good fixture article and `files` (name → bytes)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def _build(articles: Path, out: Path, *extra: str) -> int:
    return main(["--articles", str(articles), "--out", str(out), "--audience", "public", *DATE,
                 *extra])


def test_hole14_each_problem_is_reported_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    articles = _folder(tmp_path, **{"empty.txt": b""})
    assert _build(articles, tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert err.count("empty.txt") == 1, err
