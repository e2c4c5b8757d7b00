"""Bad input: each unusable file gives one clear message, and the good files are still read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.cli import main
from briefing.read import read_article, read_articles
from briefing.read.decode import MAX_BYTES

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "read" / "article.txt"
TEXT = FIXTURE.read_text(encoding="utf-8")


def _make_bad_files(folder: Path) -> dict[str, str]:
    """Write one file per kind of bad input; returns file name → words its message must contain."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    with open(folder / "huge.txt", "wb") as f:  # 50 MB, sparse: cheap to make
        f.truncate(50 * 1024 * 1024)
    broken = TEXT.encode("utf-8").replace("近日".encode(), b"\xff\xfe\xfd" * 20)
    (folder / "invalid.txt").write_bytes(broken)
    (folder / "slides.pptx").write_bytes(b"PK\x03\x04")
    (folder / "broken.docx").write_bytes(b"not a zip file")
    (folder / "menu.txt").write_text(
        "首页 新闻 政务 服务 互动\n版权所有 某某网\n", encoding="utf-8"
    )
    return {
        "empty.txt": "empty",
        "binary.txt": "binary",
        "huge.txt": "50.0 MB, over the 20 MB limit",
        "invalid.txt": "encoding",
        "slides.pptx": "unsupported file type '.pptx'",
        "broken.docx": ".docx",
        "menu.txt": "no article text",
    }


def test_each_bad_file_gives_one_clear_message(tmp_path: Path) -> None:
    expected = _make_bad_files(tmp_path)
    for name, words in expected.items():
        with pytest.raises(InputError) as info:
            read_article(tmp_path / name)
        assert info.value.file == name
        assert words in info.value.message, (name, info.value.message)
        assert "\n" not in info.value.message


def test_read_articles_skips_bad_files_and_keeps_good_ones(tmp_path: Path) -> None:
    expected = _make_bad_files(tmp_path)
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    articles, skipped = read_articles(tmp_path)
    assert [a.file for a in articles] == ["good.txt"]
    assert sorted(s.file for s in skipped) == sorted(expected)
    for s in skipped:
        assert expected[s.file] in s.reason


def test_huge_file_is_not_read_into_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(MAX_BYTES + 1)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a too-large file"))
    with pytest.raises(InputError, match="limit"):
        read_article(path)


def test_a_few_invalid_bytes_are_replaced_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "one-bad-byte.txt"
    path.write_bytes(TEXT.encode("utf-8").replace("近日".encode(), "近".encode() + b"\xff"))
    article = read_article(path)
    assert article.encoding == "utf-8"
    assert "\ufffd" in article.text
    assert article.problems == ("1 invalid UTF-8 byte sequence(s) replaced with U+FFFD",)


def test_gb18030_with_invalid_bytes_is_skipped(tmp_path: Path) -> None:
    data = TEXT.encode("gb18030")
    path = tmp_path / "gb.txt"
    path.write_bytes(data[:200] + b"\xff" * 30 + data[200:])
    with pytest.raises(InputError) as info:
        read_article(path)
    assert "encoding" in info.value.message


def test_articles_command_lists_skipped_files_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    code = main(["articles", "--articles", str(tmp_path), "--json"])
    rows = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [r["file"] for r in rows] == ["empty.txt", "good.txt"]
    assert rows[0]["problem"] == "file is empty"
    keys = {
        "file",
        "title",
        "date",
        "outlet",
        "author",
        "url",
        "site",
        "encoding",
        "characters",
        "problem",
    }
    assert all(set(r) == keys for r in rows)
    assert rows[1]["characters"] == len(TEXT)


def test_an_unexpected_library_error_skips_only_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.read import formats

    def explode(data: bytes, name: str) -> formats.Source:
        raise RuntimeError("parser crashed")

    monkeypatch.setitem(formats.READERS, ".html", explode)
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "page.html").write_text("<html></html>", encoding="utf-8")
    articles, skipped = read_articles(tmp_path)
    assert [a.file for a in articles] == ["good.txt"]
    assert skipped[0].file == "page.html"
    assert "RuntimeError: parser crashed" in skipped[0].reason
