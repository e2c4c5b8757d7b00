"""Read rules on pages from other outlets: datelines, bylines, inline notes, English, reposts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.models import Article
from briefing.read import read_article, read_articles
from briefing.read.segment import detect_language, normalize, split_sentences

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
PARA = "国务院办公厅日前印发通知，要求各地加快推进政务服务标准化、规范化、便利化建设，提升企业和群众办事体验。"


def _read(tmp_path: Path, text: str, name: str = "page.txt") -> Article:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_article(path)


def test_dateline_without_a_year_leaves_the_date_unknown(tmp_path: Path) -> None:
    article = _read(tmp_path, f"标题示例一则\n\n新华社北京12月28日电（记者 王明 李华）{PARA}\n")
    assert article.date is None
    assert any("no year" in p for p in article.problems)
    assert article.author == "王明、李华"
    assert article.paragraphs[0].text == PARA  # the dateline is metadata, not a sentence


def test_dateline_takes_its_year_from_the_page_url(tmp_path: Path) -> None:
    page = f"标题示例一则\n\n新华社北京12月28日电 {PARA}\n\n原文链接：http://www.news.cn/politics/2020-12/28/c_1126918.htm\n"
    article = _read(tmp_path, page)
    assert article.date == "2020-12-28"
    assert article.url == "http://www.news.cn/politics/2020-12/28/c_1126918.htm"
    assert article.site == "news.cn"


def test_chinese_date_forms(tmp_path: Path) -> None:
    assert _read(tmp_path, f"标题示例一则\n2020年7月28日 10:00\n{PARA}\n").date == "2020-07-28"
    assert _read(tmp_path, f"标题示例一则\n发布时间：2019/03/05\n{PARA}\n").date == "2019-03-05"
    assert _read(tmp_path, f"标题示例一则\n日期：2019年3月\n{PARA}\n").date == "2019-03"


def test_body_dates_are_never_taken_as_the_publication_date(tmp_path: Path) -> None:
    article = _read(tmp_path, f"标题示例一则\n\n2018年3月，{PARA}\n")
    assert article.date is None


def test_benbao_with_reporter_and_newspaper_in_copyright(tmp_path: Path) -> None:
    page = (
        f"标题示例一则\n\n本报讯（记者 赵强）{PARA}\n\n"
        "本报拥有此文版权，转载请注明来源于中国青年报。\n"
    )
    article = _read(tmp_path, page)
    assert article.outlet == "中国青年报"
    assert article.author == "赵强"
    assert article.paragraphs[0].text == PARA


def test_unknown_author_and_empty_source_stay_none(tmp_path: Path) -> None:
    article = _read(tmp_path, f"标题示例一则\n作者：佚名　来源：\n{PARA}\n")
    assert article.author is None
    assert article.outlet is None


def test_trailing_notes_are_metadata_not_sentences(tmp_path: Path) -> None:
    page = f"标题示例一则\n\n{PARA}（记者 孙丽）\n\n{PARA}转载注明来源：https://www.example.com/a/123.html\n"
    article = _read(tmp_path, page)
    assert [s.text for s in article.sentences] == [PARA, PARA]
    assert article.author == "孙丽"
    assert article.url == "https://www.example.com/a/123.html"


def test_reporter_in_running_text_is_not_an_author(tmp_path: Path) -> None:
    article = _read(tmp_path, f"标题示例一则\n\n记者从会上获悉，{PARA}\n")
    assert article.author is None


def test_signed_headline_needs_a_surname(tmp_path: Path) -> None:
    assert _read(tmp_path, f"王强：政务服务标准化建设要久久为功\n\n{PARA}\n").author == "王强"
    assert _read(tmp_path, f"重磅：数字政府建设要久久为功\n\n{PARA}\n").author is None


def test_summary_share_bar_and_counters_are_dropped(tmp_path: Path) -> None:
    page = (
        f"标题示例一则\n摘要：{PARA[:20]}\n分享到：微信 微博\n阅读 1024\n\n{PARA}\n\n"
        "相关阅读\n某地召开会议\n另一条新闻标题\n"
    )
    article = _read(tmp_path, page)
    assert [p.text for p in article.paragraphs] == [PARA]


def test_english_article(tmp_path: Path) -> None:
    page = (
        "China's e-government ranks 45th\n\nBy John Smith\nPublished: April 25, 2021\n\n"
        "China rose to 45th place in the 2020 UN E-Government Survey. Mr. Wang said the "
        "online service index reached 0.9059! The U.S. ranked 9th.\n\nCopyright 2021 example.org\n"
    )
    article = _read(tmp_path, page)
    assert article.language == "en"
    assert (article.title, article.author, article.date, article.site) == (
        "China's e-government ranks 45th",
        "John Smith",
        "2021-04-25",
        "example.org",
    )
    assert [s.text for s in article.sentences] == [
        "China rose to 45th place in the 2020 UN E-Government Survey.",
        "Mr. Wang said the online service index reached 0.9059!",
        "The U.S. ranked 9th.",
    ]


def test_sentences_do_not_split_on_semicolons_or_decimals() -> None:
    text = "一是加强统筹；二是完善制度。指数为0.7948！"
    assert [s.text for s in split_sentences(text, 0, len(text), "zh")] == [
        "一是加强统筹；二是完善制度。",
        "指数为0.7948！",
    ]


def test_normalize_keeps_length() -> None:
    text = "發展電子政務，ＡＢＣ１２３（全角）　們"
    norm = normalize(text)
    assert len(norm) == len(text)
    assert norm == "发展电子政务,ABC123(全角) 们"


def test_language_detection() -> None:
    assert detect_language("我国电子政务发展指数排名全球第45位，UN E-Government Survey") == "zh"
    assert detect_language("The survey ranks 193 countries; 中国 ranks 45th.") == "en"


def _repost(body: str) -> str:
    return (
        "转载页面 > 数字政府 > 正文\n\n我国电子政务发展进入全球前列\n\n"
        f"{body}\n\n（责任编辑：某某）\n版权所有 某网 ©2020 repost.example.cn\n"
    )


def test_repost_with_another_frame_is_read_once(tmp_path: Path) -> None:
    original = (ARTICLES / "002_42a05bb00b98c60b.txt").read_text(encoding="utf-8")
    body = "\n\n".join(
        p.text for p in read_article(ARTICLES / "002_42a05bb00b98c60b.txt").paragraphs
    )
    (tmp_path / "a_repost.txt").write_text(_repost(body), encoding="utf-8")
    (tmp_path / "b_original.txt").write_text(original, encoding="utf-8")
    (tmp_path / "c_copy.txt").write_text(original, encoding="utf-8")
    articles, skipped = read_articles(tmp_path)
    # The original names date, outlet and author too: it is the better-described copy.
    assert [a.file for a in articles] == ["b_original.txt"]
    assert {(s.file, s.reason) for s in skipped} == {
        ("a_repost.txt", "duplicate of b_original.txt"),
        ("c_copy.txt", "duplicate of b_original.txt"),
    }


def test_different_articles_are_not_duplicates() -> None:
    articles, skipped = read_articles(ARTICLES)
    assert len(articles) == 5 and skipped == ()


def test_cli_articles_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["articles", "--articles", str(ARTICLES), "--json"])
    rows = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [r["file"] for r in rows] == sorted(p.name for p in ARTICLES.iterdir())
    assert rows[4]["author"] == "李颖" and rows[4]["encoding"] == "utf-8"


def test_cli_articles_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["articles", "--articles", str(ARTICLES)]) == 0
    out = capsys.readouterr().out
    assert "002_42a05bb00b98c60b.txt: 我国电子政务发展进入全球前列" in out
    assert "outlet: 中国政府采购报" in out


def test_prose_mentioning_training_or_email_is_kept(tmp_path: Path) -> None:
    prose = "各地举办电子政务培训班200余期，培训干部3万人次，咨询可发邮件至info@example.cn联系。"
    article = _read(tmp_path, f"标题示例一则\n\n{PARA}\n\n{prose}\n")
    assert [p.text for p in article.paragraphs] == [PARA, prose]


def test_long_headline_with_a_comma_is_the_title(tmp_path: Path) -> None:
    title = "国务院办公厅印发指南，要求加快构建全国一体化政务大数据体系和数据共享机制"
    article = _read(tmp_path, f"{title}\n\n{PARA}\n")
    assert article.title == title
    assert [p.text for p in article.paragraphs] == [PARA]


def test_short_link_lines_after_the_body_are_not_a_byline(tmp_path: Path) -> None:
    article = _read(tmp_path, f"标题示例一则\n\n{PARA}\n\n精彩图集\n")
    assert article.author is None
    assert [p.text for p in article.paragraphs] == [PARA]


def test_crlf_line_endings_keep_offsets(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    second = "各地区各部门要抓好贯彻落实，确保各项措施落地见效。"
    path.write_bytes(f"标题示例一则\r\n来源：人民日报\r\n\r\n{PARA}\r\n\r\n{second}\r\n".encode())
    article = read_article(path)
    assert article.outlet == "人民日报"
    assert [article.text[p.start : p.end] for p in article.paragraphs] == [PARA, second]


def test_people_style_page(tmp_path: Path) -> None:
    second = "各地区各部门要抓好贯彻落实，确保各项措施落地见效，让企业和群众有更多获得感。"
    page = (
        "人民网首页 > 时政 > 正文\n\n政务服务标准化建设再提速\n原标题：数字政府建设迈出新步伐\n"
        "2021年03月01日08:21 | 来源：人民网－人民日报\n分享让更多人看到\n\n"
        f"人民网北京3月1日电 （记者 刘菲）{PARA}\n\n图片来源：视觉中国\n\n"
        f"{second}（本文来源：人民日报 作者：刘菲）\n\n（责任编辑：王震、李源）\n推荐阅读\n"
    )
    article = _read(tmp_path, page)
    assert (article.title, article.date, article.outlet, article.author) == (
        "政务服务标准化建设再提速",
        "2021-03-01",
        "人民网－人民日报",
        "刘菲",
    )
    assert [p.text for p in article.paragraphs] == [PARA, second]


def test_an_image_identifier_before_a_paragraph_is_not_its_text(tmp_path: Path) -> None:
    article = _read(tmp_path, f"标题示例一则\n\nt0191b2d9afb16ec079        {PARA}\n")
    assert article.paragraphs[0].text == PARA


def test_a_paragraph_opening_with_a_model_name_keeps_it(tmp_path: Path) -> None:
    text = "COVID19 疫情期间，各地政务服务平台开通了线上办理渠道，群众办事更加便利。"
    article = _read(tmp_path, f"标题示例一则\n\n{text}\n")
    assert article.paragraphs[0].text == text
