"""One article as .txt (UTF-8, GB18030, UTF-16, Big5 traditional), .html, .docx, .md: same result."""

from __future__ import annotations

import html
from pathlib import Path

import docx
import opencc
import pytest

from briefing.models import Article
from briefing.read import read_article, read_articles
from briefing.read.segment import normalize

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "read" / "article.txt"
TEXT = FIXTURE.read_text(encoding="utf-8")
LINES = [line.strip("\u3000 ") for line in TEXT.splitlines()]
TITLE = "某市推进“一网通办”改革见实效"
META_LINE = "发布日期：2021年3月15日　　来源：人民日报　　作者：王小明"
HEADINGS = ("一、打通数据壁垒", "二、优化服务流程")
# The body as the fixture's author wrote it: indented paragraphs and the numbered headings.
BODY = [
    line.strip("\u3000 ")
    for line in TEXT.splitlines()
    if line.startswith("\u3000\u3000") or line in HEADINGS
]
EXPECTED = {"title": TITLE, "date": "2021-03-15", "outlet": "人民日报", "author": "王小明"}


def _body(article: Article) -> list[str]:
    return [normalize(p.text) for p in article.paragraphs]


def _assert_same_article(article: Article) -> None:
    assert _body(article) == [normalize(p) for p in BODY]
    got = {key: normalize(getattr(article, key) or "") or None for key in EXPECTED}
    assert got == EXPECTED
    assert [normalize(p.text) for p in article.paragraphs if p.is_heading] == list(HEADINGS)
    for p in article.paragraphs:
        assert article.text[p.start : p.end] == p.text
        assert all(article.text[s.start : s.end] == s.text for s in p.sentences)
    assert len(article.norm) == len(article.text)


def test_fixture_body_and_metadata() -> None:
    article = read_article(FIXTURE)
    _assert_same_article(article)
    assert article.site == "example.gov.cn"
    assert article.encoding == "utf-8"


def test_fixture_noise_is_dropped() -> None:
    body = "\n".join(p.text for p in read_article(FIXTURE).paragraphs)
    for noise in (
        "当前位置",
        "字体",
        "分享到",
        "浏览次数",
        "上一篇",
        "下一篇",
        "责任编辑",
        "版权所有",
        "ICP",
        "公网安备",
        "010-12345678",
        "地址",
        "example.gov.cn",
    ):
        assert noise not in body


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-8-sig"])
def test_other_encodings_read_the_same(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"article-{encoding}.txt"
    path.write_bytes(TEXT.replace("©", "(c)").encode(encoding))
    article = read_article(path)
    _assert_same_article(article)
    assert article.encoding == {"gbk": "gb18030"}.get(encoding, encoding)


def test_traditional_big5_reads_the_same(tmp_path: Path) -> None:
    traditional = opencc.OpenCC("s2tw").convert(TEXT).replace("©", "Copyright ")
    path = tmp_path / "article-big5.txt"
    path.write_bytes(traditional.encode("big5"))
    article = read_article(path)
    assert article.encoding == "big5"
    assert "體" in article.text  # quoted text stays traditional; only norm is simplified
    _assert_same_article(article)


def _html_page(info_inside_article: bool) -> str:
    body = "\n".join(
        f"<h2>{html.escape(p)}</h2>" if p in HEADINGS else f"<p>{html.escape(p)}</p>" for p in BODY
    )
    info = f'<div class="info">{META_LINE}</div>'
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{TITLE} - 某市政府网</title></head><body>
<nav><ul><li><a href="/">首页</a></li><li><a href="/news">新闻中心</a></li>
<li><a href="/gov">政务公开</a></li></ul></nav>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/news">新闻中心</a> &gt; 地方动态</div>
{"" if info_inside_article else info}
<article><h1>{TITLE}</h1>{info if info_inside_article else ""}
{body}
</article>
<div class="share">分享到：微信 微博</div>
<aside><h3>相关新闻</h3><ul><li><a href="/a">某市召开数字政府建设推进会</a></li>
<li><a href="/b">全省政务服务满意度调查结果发布</a></li></ul></aside>
<footer><p>版权所有：某市人民政府办公室 京ICP备12345678号</p><p>©2021 www.example.gov.cn</p>
</footer></body></html>"""


@pytest.mark.parametrize("info_inside_article", [True, False])
def test_html_with_navigation_reads_the_same(tmp_path: Path, info_inside_article: bool) -> None:
    path = tmp_path / "article.html"
    path.write_text(_html_page(info_inside_article), encoding="utf-8")
    article = read_article(path)
    _assert_same_article(article)
    assert article.site == "example.gov.cn"  # from the page footer, outside the main content


def test_gbk_html_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "article.htm"
    page = _html_page(True).replace('charset="utf-8"', 'charset="gbk"').replace("©", "(c)")
    path.write_bytes(page.encode("gbk"))
    article = read_article(path)
    assert article.encoding == "gb18030"
    _assert_same_article(article)


def test_docx_reads_the_same(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph(META_LINE)
    for paragraph in BODY:
        if paragraph in HEADINGS:
            document.add_heading(paragraph, level=2)
        else:
            document.add_paragraph(paragraph)
    document.add_paragraph("（责任编辑：刘洋）")
    path = tmp_path / "article.docx"
    document.save(path)
    article = read_article(path)
    _assert_same_article(article)
    assert article.encoding == "docx"


def test_markdown_reads_the_same(tmp_path: Path) -> None:
    parts = [f"# {TITLE}", META_LINE]
    parts += [f"## {p}" if p in HEADINGS else p for p in BODY]
    path = tmp_path / "article.md"
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    article = read_article(path)
    _assert_same_article(article)


def test_markdown_front_matter_gives_metadata(tmp_path: Path) -> None:
    front = f"---\ntitle: {TITLE}\ndate: 2021-03-15\nauthor: 王小明\nsource: 人民日报\n---\n\n"
    path = tmp_path / "article.md"
    path.write_text(front + "\n\n".join(BODY) + "\n", encoding="utf-8")
    article = read_article(path)
    assert {k: getattr(article, k) for k in EXPECTED} == EXPECTED
    assert _body(article) == [normalize(p) for p in BODY]


def test_all_copies_are_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(TEXT.encode("gb18030"))
    (tmp_path / "c.html").write_text(_html_page(True), encoding="utf-8")
    articles, skipped = read_articles(tmp_path)
    assert len(articles) == 1
    assert {s.file for s in skipped} | {articles[0].file} == {"a.txt", "b.txt", "c.html"}
    assert all(s.reason == f"duplicate of {articles[0].file}" for s in skipped)
