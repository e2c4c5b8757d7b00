"""The build as a whole, given hostile input: one message per problem, no silent skip, last good
brief kept."""

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


def test_each_bad_input_is_reported_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = _folder(tmp_path, **{"empty.txt": b""})
    assert _build(articles, tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert err.count("empty.txt") == 1, err


def test_control_characters_in_cited_text_build_every_format(tmp_path: Path) -> None:
    import json

    from briefing.read import read_article

    dense = TEXT.replace("，", "，\x07").replace("。", "\x0b。\x1b")  # BEL, VT, ESC in every sentence
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "controls.txt").write_text(dense, encoding="utf-8")
    out = tmp_path / "out"
    assert _build(articles, out) == 0
    record = json.loads((out / "public" / "brief.json").read_text(encoding="utf-8"))
    article = read_article(articles / "controls.txt")
    citations = [c for s in record["statements"] for c in s["citations"]]
    assert citations
    for c in citations:  # offsets still index the article text
        assert article.text[c["start"] : c["end"]] == c["sentence"]
        assert not any(ch in c["sentence"] for ch in "\x07\x0b\x1b")
    assert (out / "public" / "brief.docx").stat().st_size > 0


def test_a_non_utf8_file_name_is_cited_with_its_bytes_escaped(tmp_path: Path) -> None:
    import json
    import os

    articles = tmp_path / "articles"
    articles.mkdir()
    raw = "国家政务.txt".encode("gbk")  # a name saved by a GBK system: not UTF-8
    with open(os.path.join(os.fsencode(articles), raw), "wb") as f:
        f.write(TEXT.encode("utf-8"))
    out = tmp_path / "out"
    assert _build(articles, out) == 0
    record = json.loads((out / "public" / "brief.json").read_text(encoding="utf-8"))
    names = {s["file"] for s in record["sources"]}
    assert len(names) == 1
    shown = names.pop()
    assert shown.endswith(".txt") and "\\xb9" in shown  # the bytes, readable and recoverable


@pytest.fixture(scope="module")
def good_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An out/ folder holding a good public brief, built once for this module."""
    root = tmp_path_factory.mktemp("good")
    assert _build(_folder(root), root / "out") == 0
    return root / "out"


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "public").glob("brief.*"))}


@pytest.mark.parametrize("bad", [{}, {"empty.txt": b""}], ids=["empty-folder", "all-bad"])
def test_no_usable_input_changes_no_brief_and_exits_1(
    tmp_path: Path, good_out: Path, bad: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    out = tmp_path / "out"
    shutil.copytree(good_out, out, symlinks=True)
    before = _snapshot(out)
    articles = tmp_path / "bad"
    articles.mkdir()
    for name, data in bad.items():
        (articles / name).write_bytes(data)
    assert _build(articles, out) == 1
    assert "no usable article" in capsys.readouterr().err
    assert _snapshot(out) == before and len(before) == 3


def _one_message(err: str, path: Path) -> None:
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if str(path) in line]
    assert len(lines) == 1, err


def test_output_and_csv_paths_that_cannot_be_written_are_one_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = _folder(tmp_path)
    out_file = tmp_path / "out.txt"
    out_file.write_text("not a folder", encoding="utf-8")
    assert _build(articles, out_file) == 2
    _one_message(capsys.readouterr().err, out_file)
    csv = tmp_path / "missing" / "facts.csv"
    assert main(["facts", "--articles", str(articles), "--csv", str(csv)]) == 2
    _one_message(capsys.readouterr().err, csv.parent)  # the folder that is missing


ROOT_SKIP = pytest.mark.skipif(
    hasattr(__import__("os"), "geteuid") and __import__("os").geteuid() == 0,
    reason="running as root: chmod does not stop root from reading or writing",
)


@ROOT_SKIP
@pytest.mark.parametrize("mode", [0o000, 0o600], ids=["unreadable", "not-traversable"])
def test_an_unreadable_articles_folder_fails_without_a_traceback(
    tmp_path: Path, mode: int, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = _folder(tmp_path)
    articles.chmod(mode)
    try:
        code = _build(articles, tmp_path / "out")
    finally:
        articles.chmod(0o755)
    assert code in (1, 2)
    assert "Traceback" not in capsys.readouterr().err


@ROOT_SKIP
def test_an_output_folder_not_writable_is_one_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        code = _build(_folder(tmp_path), out)
    finally:
        out.chmod(0o755)
    assert code == 2
    _one_message(capsys.readouterr().err, out)


def test_temp_files_of_killed_builds_are_removed_by_the_next_build(
    tmp_path: Path, good_out: Path
) -> None:
    import shutil

    out = tmp_path / "out"
    shutil.copytree(good_out, out, symlinks=True)
    stale = [out / "public" / ".brief.docx.99999.tmp", out / "public" / ".brief.pdf.4242.tmp"]
    for path in stale:
        path.write_bytes(b"half a file")
    assert _build(_folder(tmp_path), out) == 0
    assert not any(p.exists() for p in stale)
    assert not [p for p in (out / "public").rglob("*.tmp")]


def test_a_second_build_on_the_same_output_waits_then_says_busy(
    tmp_path: Path, good_out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    from briefing.reissue.lock import BUSY_EXIT, build_lock

    out = tmp_path / "out"
    shutil.copytree(good_out, out, symlinks=True)
    before = _snapshot(out)
    with build_lock(out, timeout=0):
        assert _build(_folder(tmp_path), out, "--wait", "0.3") == BUSY_EXIT == 3
    assert "busy" in capsys.readouterr().err
    assert _snapshot(out) == before


def test_a_brief_set_is_replaced_together_or_not_at_all(
    tmp_path: Path, good_out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import shutil

    from briefing.render.json import JsonWriter

    out = tmp_path / "out"
    shutil.copytree(good_out, out, symlinks=True)
    (out / "public" / "archive" / "7").mkdir(parents=True)  # another engineer's entries stay
    (out / "public" / "archive" / "7" / "brief.pdf").write_bytes(b"issue 7")
    before = _snapshot(out)

    def broken(*_a: object, **_k: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(JsonWriter, "write", broken)
    articles = _folder(tmp_path)
    assert _build(articles, out, "--date", "2026-12-01") == 1
    assert _snapshot(out) == before  # not a new docx and pdf beside the old json
    monkeypatch.undo()
    assert _build(articles, out, "--date", "2026-12-01") == 0
    folders = {os.path.realpath(p.parent / os.readlink(p)) if p.is_symlink() else str(p)
               for p in (out / "public").glob("brief.*")}
    sets = {os.path.dirname(os.path.realpath(out / "public" / f"brief.{s}"))
            for s in ("docx", "pdf", "json")}
    assert len(sets) == 1 and len(folders) == 3
    assert (out / "public" / "archive" / "7" / "brief.pdf").read_bytes() == b"issue 7"
