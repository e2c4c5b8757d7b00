"""Reading hostile files: they are read within limits or skipped with one clear message."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.read import read_article, read_articles
from briefing.read.decode import decode

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "read" / "article.txt"
TEXT = FIXTURE.read_text(encoding="utf-8")
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "articles" / "000_1b8e26d3558f27a7.txt"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(codec: str) -> None:
    text = SAMPLE.read_text(encoding="utf-8")  # mostly Chinese: few NUL bytes in UTF-16
    decoded = decode(text.encode(codec), "a.txt")
    assert decoded.text == text
    assert decoded.encoding == "utf-16"


def _distinct_lines(total_chars: int) -> str:
    """Prose lines, each different, about 60 characters: the worst case of a pairwise check."""
    lines, size, i = [], 0, 0
    while size < total_chars:
        line = f"第{i}条，该市推进政务服务改革，平台接入事项{i * 7}项，全程网办率达到{i % 97}%。"
        lines.append(line)
        size += len(line) + 1
        i += 1
    return "标题：某市政务服务改革情况\n" + "\n".join(lines)


def test_page_noise_cleaning_of_a_megabyte_takes_linear_time() -> None:
    from briefing.read.clean import layout

    text = _distinct_lines(1_000_000)  # 14 s before: every line compared with every earlier one
    started = time.perf_counter()
    page = layout(text)
    elapsed = time.perf_counter() - started
    assert len(page.body) > 10_000
    assert elapsed < 4, f"layout of 1 MB took {elapsed:.1f} s"


def test_repeated_lines_are_the_title_equal_lines_and_starts_of_earlier_lines() -> None:
    from briefing.read.clean import _repeated

    keys = ["某市推进一网通办改革", "第一段落内容很长很长很长", "第一段落内容很长", "短行", "短行",
            "某市推进一网通办改革", "第二段落内容也很长很长", "第二段落内容也很长很长很长"]
    assert _repeated(keys) == [False, False, True, False, False, True, False, False]


def _zip(members: dict[str, bytes] | None = None, *, bomb_mb: int = 0) -> bytes:
    """A .docx-like zip: small members, plus a word/document.xml of `bomb_mb` MB of spaces."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in (members or {}).items():
            z.writestr(name, data)
        if bomb_mb:
            with z.open("word/document.xml", "w", force_zip64=True) as f:
                chunk = b" " * (1 << 20)
                for _ in range(bomb_mb):
                    f.write(chunk)
    return buf.getvalue()


@pytest.fixture
def docx_never_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if python-docx is handed the file (a real bomb would run for minutes)."""
    import docx

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("python-docx was given a zip beyond the limits")

    monkeypatch.setattr(docx, "Document", refuse)


def test_a_docx_too_large_unpacked_or_with_too_many_members_is_refused_unparsed(
    tmp_path: Path, docx_never_parsed: None
) -> None:
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_zip(bomb_mb=160))  # 0.7 MB packed, 160 MB unpacked
    assert bomb.stat().st_size < 2 * 1024 * 1024
    many = tmp_path / "many.docx"
    many.write_bytes(_zip({f"word/media/{i}.xml": b"<a/>" for i in range(5000)}))
    for path, words in ((bomb, "unpack"), (many, "members")):
        with pytest.raises(InputError) as info:
            read_article(path)
        assert info.value.file == path.name
        assert words in info.value.message, info.value.message


def test_sanitiser_maps_each_forbidden_character_to_one_allowed_one() -> None:
    from briefing.read.sanitize import xml_safe

    text = "a\x07b\x0cc\x00d\ufffee\ud800f\tg\nh\r"
    safe = xml_safe(text)
    assert len(safe) == len(text)
    assert safe == "a b\nc d\ufffde\ufffdf\tg\nh\r"


def test_emoji_become_spaces_offsets_kept(tmp_path) -> None:
    """Decorative emoji inside sentences (a ZWJ family, a flag, a keycap, a plain one) are
    blanked one character for one; CJK, ★ and ☎ (which the fonts print) stay."""
    from briefing.read.sanitize import xml_safe

    text = "网民(\U0001F382)规模👨\u200d👩\u200d👧达1亿🇨🇳，3\ufe0f\u20e3项★☎"
    safe = xml_safe(text)
    assert len(safe) == len(text)
    assert safe.replace(" ", "") == "网民()规模达1亿，3项★☎"
    article = tmp_path / "emoji.txt"
    article.write_text("关于网民规模的报道\n\n截至2024年6月，我国网(🎂)民规模达11亿人🎉。\n",
                       encoding="utf-8")
    body = read_article(article).text
    assert "🎂" not in body and "🎉" not in body


def test_display_name_escapes_undecodable_bytes_and_controls() -> None:
    import os

    from briefing.read.names import display_name

    raw = os.fsdecode("国家.txt".encode("gbk"))
    assert display_name(raw) == "\\xb9\\xfa\\xbc\\xd2.txt"
    assert display_name("a\nb c.txt") == "a\\nb c.txt"
    assert display_name("正常 名字.txt") == "正常 名字.txt"


def test_dangling_links_link_loops_and_folders_are_skipped_by_name(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "loop_a.txt").symlink_to(tmp_path / "loop_b.txt")
    (tmp_path / "loop_b.txt").symlink_to(tmp_path / "loop_a.txt")
    (tmp_path / "folder.txt").mkdir()  # a folder named like an article
    articles, skipped = read_articles(tmp_path)
    assert [a.file for a in articles] == ["good.txt"]
    reasons = {s.file: s.reason for s in skipped}
    assert set(reasons) == {"dangling.txt", "loop_a.txt", "loop_b.txt", "folder.txt"}
    assert "broken symbolic link" in reasons["dangling.txt"]
    assert "loop" in reasons["loop_a.txt"]
    assert "folder" in reasons["folder.txt"]


def test_a_megabyte_line_inside_an_article_is_read_in_linear_time(tmp_path: Path) -> None:
    line = "政务服务数字政府一网通办" * 90_000  # 1 MB of text without a line break
    path = tmp_path / "mega.txt"
    path.write_text(TEXT.replace("一、打通数据壁垒", f"一、打通数据壁垒\n{line}\n"), encoding="utf-8")
    started = time.perf_counter()
    article = read_article(path)
    assert time.perf_counter() - started < 10
    assert any(len(p.text) == len(line) for p in article.paragraphs)
