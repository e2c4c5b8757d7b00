"""Metadata of real-looking pages in wordings none of the development pages use: which line
is the title, who the outlet is, bylines in the header, and the source label fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.models import Article
from briefing.read import read_article
from briefing.read.metadata import header_names, is_title_like, source_label, tidy_title

PARA = "省政务服务数据管理局日前发布通知，要求各市县加快推进政务服务事项标准化和跨部门协同办理，提升群众办事体验。"
EN_PARA = (
    "The provincial government said on Monday that more than nine in ten services can now be "
    "handled online, and that the remaining ones will follow by the end of the year."
)


def _read(tmp_path: Path, text: str) -> Article:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return read_article(path)


def test_title_above_the_dateline_without_its_site_suffix(tmp_path: Path) -> None:
    page = f"首页 > 要闻\n\n政务服务事项标准化再上新台阶_某某新闻网\n2024-03-05 09:00 来源：光明网\n\n{PARA}\n"
    article = _read(tmp_path, page)
    assert (article.title, article.date, article.outlet) == (
        "政务服务事项标准化再上新台阶", "2024-03-05", "光明网"
    )


def test_login_widgets_are_skipped_and_a_headline_with_a_comma_stays_a_title(
    tmp_path: Path,
) -> None:
    page = (
        f"账号登录\n立即注册\n• 找回密码\n"
        f"浙江:2025年全省政务服务事项网上可办,群众少跑腿\n2025年01月02日 10:00\n\n{PARA}\n"
    )
    article = _read(tmp_path, page)
    assert article.title == "浙江:2025年全省政务服务事项网上可办,群众少跑腿"
    assert article.date == "2025-01-02"
    assert article.paragraphs[0].text == PARA


@pytest.mark.parametrize(
    "line",
    [
        "市长在会上讲话。新华社记者摄",  # a photo caption
        "省长出席开幕式 资料图片",
        "云端漫步IP属地:广东 发布于3分钟前",  # a feed's post line
        "上证指数 3210.55 +0.52%",  # a ticker
        "某某新闻网",  # a site name
        "SITEMAP",
        "HomeNewsWorldBusinessOpinion",
        "——以两个地级市为例",  # a subtitle
    ],
)
def test_lines_that_cannot_be_a_title(line: str) -> None:
    assert not is_title_like(line)


def test_a_page_whose_only_header_line_is_a_caption_has_no_title(tmp_path: Path) -> None:
    article = _read(tmp_path, f"副市长在推进会上发言。主办方供图\n\n{PARA}\n")
    assert article.title is None


def test_english_page_outlet_in_brackets_and_a_menu_is_not_the_title(tmp_path: Path) -> None:
    page = (
        "Home World Business\nSITEMAP\nMost services now online in the province, officials say\n\n"
        f"(China Daily)    09:15, March 3, 2023\n\n{EN_PARA}\n"
    )
    article = _read(tmp_path, page)
    assert article.title == "Most services now online in the province, officials say"
    assert (article.outlet, article.date) == ("China Daily", "2023-03-03")


def test_english_copyright_holder_is_the_outlet_and_a_cookie_banner_is_noise(
    tmp_path: Path,
) -> None:
    page = (
        "We use cookies to improve your experience. By using the site you agree to this.\n"
        f"Copyright © 2023 Example News Network. All rights reserved.\n{EN_PARA}\n"
    )
    article = _read(tmp_path, page)
    assert article.outlet == "Example News Network"
    assert article.paragraphs[0].text == EN_PARA


@pytest.mark.parametrize(
    ("lead", "outlet"),
    [
        ("据中国新闻网报道，", "中国新闻网"),
        ("界面新闻从工业和信息化部获悉，", "界面新闻"),
        ("记者从工业和信息化部获悉，", None),  # a reporter, not an outlet
        ("央视网北京3月2日电 ", "央视网"),
        ("據(jù)光明網(wǎng)報道，", "光明网"),  # reading annotations of a spam copy;
        # outlets are printed in simplified characters
    ],
)
def test_outlet_named_by_the_lead(tmp_path: Path, lead: str, outlet: str | None) -> None:
    article = _read(tmp_path, f"政务服务再提速\n\n{lead}{PARA}\n")
    assert article.outlet == outlet


def test_the_lead_reporter_wins_over_the_reposting_site(tmp_path: Path) -> None:
    page = f"政务服务再提速\n来源：某某资讯网\n\n南方日报从省政务服务数据管理局获悉，{PARA}\n"
    assert _read(tmp_path, page).outlet == "南方日报"


def test_a_later_paragraph_must_open_with_its_reporter(tmp_path: Path) -> None:
    page = f"政务服务再提速\n\n{PARA}\n\n财新网了解到，{PARA}\n\n{PARA[:20]}，据悉还将据此推进。\n"
    assert _read(tmp_path, page).outlet == "财新网"


def test_english_according_to_a_body_is_not_an_outlet(tmp_path: Path) -> None:
    page = f"Services go online\n\nOn 3 May, according to the World Bank, {EN_PARA}\n"
    assert _read(tmp_path, page).outlet is None


def test_a_labelled_source_line_left_in_the_body(tmp_path: Path) -> None:
    assert _read(tmp_path, f"政务服务再提速\n\n{PARA}\n\n稿源：南方日报\n\n{PARA}\n").outlet == "南方日报"


@pytest.mark.parametrize(
    ("line", "names"),
    [("王 芳 李建国", ["王芳", "李建国"]), ("陈晓", ["陈晓"]), ("数据多跑路 群众少跑腿", None)],
)
def test_header_names(line: str, names: list[str] | None) -> None:
    assert header_names(line) == names


def test_header_byline_is_the_author(tmp_path: Path) -> None:
    article = _read(tmp_path, f"政务服务再提速\n王 芳 李建国\n\n{PARA}\n")
    assert article.author == "王芳、李建国"


def test_tidy_title_restores_a_lost_opening_quote_and_drops_a_footnote_mark() -> None:
    assert tidy_title("放管服”改革的新进展*") == "“放管服”改革的新进展"
    assert tidy_title("数字乡村建设的三点经验 | 某某网") == "数字乡村建设的三点经验"


def test_source_label_never_falls_back_to_the_file_name(tmp_path: Path) -> None:
    article = _read(tmp_path, f"（图）\n\n{PARA}\n")
    assert article.title is None
    label = source_label(article)
    assert label.startswith("省政务服务数据管理局日前发布通知") and label.endswith("…")
    assert "page" not in label


def test_a_lead_names_its_title_only_with_a_label() -> None:
    from briefing.read.metadata import _named_title

    assert _named_title("本期讲座标题为数字政府建设的五个着力点。") == "数字政府建设的五个着力点"
    assert _named_title("老年网民极易受到网络谣言、“标题党”等不良内容的影响。") is None
