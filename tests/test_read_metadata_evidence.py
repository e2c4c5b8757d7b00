"""Metadata by evidence, on pages written for these tests in the manner of reposts: a title
must read as the body's headline; outlets come from datelines, bylines, credit lines and
repost headers, never from a disclaimer; a dateline's year comes from the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.models import Article
from briefing.read import read_article
from briefing.read.dates import MonthDay, year_for
from briefing.read.headline import reads_as_headline, without_unrelated_prefix

LEAD = ("国务院日前印发关于加强数字政府建设的指导意见，明确数字政府建设七方面重点任务，"
        "提出到2025年政府履职数字化、智能化水平显著提升。")
WIRE = ("新华社北京6月3日电 国务院总理日前签署国务院令，公布政务数据共享条例，"
        "自2025年8月1日起施行，条例共8章44条。")


def _read(tmp_path: Path, text: str) -> Article:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return read_article(path)


def test_a_caption_or_site_slogan_above_the_article_is_not_its_title(tmp_path: Path) -> None:
    page = f"草原夏日美景\n图说\n经济\n\n某某企业信息管理与人才能力提升\n\n{LEAD}\n"
    assert _read(tmp_path, page).title is None


def test_a_headline_set_in_two_lines_right_above_the_body_is_one_title(tmp_path: Path) -> None:
    page = f"草原夏日美景\n返回版面 版面导航\n国务院印发指导意见\n明确数字政府建设七方面重点任务\n\n{LEAD}\n"
    assert _read(tmp_path, page).title == "国务院印发指导意见 明确数字政府建设七方面重点任务"


def test_a_column_label_before_a_titles_own_lead_in_is_dropped() -> None:
    assert without_unrelated_prefix("要闻快递:国务院:明确数字政府建设七方面重点任务", LEAD) == (
        "国务院:明确数字政府建设七方面重点任务")
    # one lead-in, a source or a speaker, belongs to the title
    assert without_unrelated_prefix("张楠:明确数字政府建设七方面重点任务", LEAD) == (
        "张楠:明确数字政府建设七方面重点任务")


def test_a_headline_shares_content_words_with_the_opening() -> None:
    assert reads_as_headline("数字政府建设七方面重点任务明确", LEAD)
    assert not reads_as_headline("中标达标企业信息管理与专业技术人才能力提升", LEAD)


def test_a_wire_dateline_dates_the_story_with_the_reposts_year(tmp_path: Path) -> None:
    page = f"条例公布\n来源:新华社 | 发布时间: 2025-06-04\n\n{WIRE}\n"
    article = _read(tmp_path, page)
    assert (article.date, article.outlet) == ("2025-06-03", "新华社")


def test_a_dateline_of_late_december_reposted_in_january_is_of_the_year_before() -> None:
    assert year_for(MonthDay(12, 28, wire=True), [(2023, 1, 2)], set(), "") == 2022


def test_without_a_full_date_a_wire_story_takes_the_latest_year_it_reports_on() -> None:
    text = "排名从2012年的第78位上升到了2022年的第43位，力争到2035年进入前列。"
    assert year_for(MonthDay(12, 28, wire=True), [], set(), text) == 2022


def test_a_lead_that_opens_with_a_day_takes_a_year_only_from_a_completed_year() -> None:
    reported = "截至2022年底，5G基站达231万个。"
    assert year_for(MonthDay(4, 27, wire=False), [], set(), reported) == 2023
    assert year_for(MonthDay(12, 8, wire=False), [], set(), "从2012年升至2022年。") is None


@pytest.mark.parametrize(("line", "outlet", "date"), [
    ("Zhitongcaijing·12/27/2025 11:17:00", "Zhitongcaijing", "2025-12-27"),
    ("来源 新华社", "新华社", None),
    ("文章来源丨人民日报", "人民日报", None),
])
def test_outlet_and_date_from_a_stamp_or_credit_line(tmp_path: Path, line: str, outlet: str,
                                                     date: str | None) -> None:
    article = _read(tmp_path, f"数字政府建设七方面重点任务明确\n{line}\n\n{LEAD}\n")
    assert (article.outlet, article.date) == (outlet, date)


@pytest.mark.parametrize(("lead", "outlet"), [
    ("【环球网科技综合报道】", "环球网"),
    ("BEIJING, Dec. 28 (Xinhua) -- ", "Xinhua"),
])
def test_outlet_from_the_reports_own_bracketed_or_english_dateline(
        tmp_path: Path, lead: str, outlet: str) -> None:
    assert _read(tmp_path, f"数字政府建设重点任务\n\n{lead}{LEAD}\n").outlet == outlet


def test_a_disclaimer_never_names_the_outlet(tmp_path: Path) -> None:
    page = (f"数字政府建设重点任务\n\n{LEAD}\n\n【责任编辑:李明】\n"
            "版权说明:凡本网注明“来源:XXX(非本网)”的作品,均转载自其它媒体,目的在于传播更多信息。\n")
    assert _read(tmp_path, page).outlet is None


def test_the_articles_own_credit_under_the_body_beats_the_reposting_sites_label(
        tmp_path: Path) -> None:
    page = f"数字政府建设重点任务\n• 来源:某某先锋网\n\n{LEAD}\n\n来源 新华社\n编辑 王明\n"
    assert _read(tmp_path, page).outlet == "新华社"
