"""Periods: time mentions and their roles (extract/periods.py), and the period figures take.

Every sentence here is invented for the test.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefing.extract._text import make_article
from briefing.extract.figures import extract_figures
from briefing.extract.periods import carried_period, time_mentions
from briefing.extract.scopes import as_of_period, document_year
from briefing.models import Figure


def _figures(text: str, **article_fields: str) -> dict[str, Figure]:
    article = replace(make_article(text), **article_fields)
    return {f.raw: f for f in extract_figures(article)}


def _period(text: str, raw: str, **article_fields: str) -> str | None:
    figures = _figures(text, **article_fields)
    assert raw in figures, f"no figure {raw!r} in {list(figures)}"
    return figures[raw].period


# --- months without a year take the article's year ---------------------------------------


@pytest.mark.parametrize(
    ("text", "pub_month", "period"),
    [
        ("截至9月，全区共办理业务20万件。", 10, "2023-09"),
        ("截至9月底，全区共办理业务20万件。", 10, "2023-09"),
        ("截至11月，全区共办理业务20万件。", 2, "2022-11"),  # later than the article's month
        ("As of April, the portal had served 3 million people.", 6, "2023-04"),
        ("By the end of May, the portal had served 3 million people.", 6, "2023-05"),
    ],
)
def test_a_month_without_a_year_takes_the_articles_year(
    text: str, pub_month: int, period: str
) -> None:
    mentions = time_mentions(text, 2023, pub_month)
    assert [m.period for m in mentions] == [period]


def test_a_month_range_ends_in_its_last_month() -> None:
    assert time_mentions("3月至5月，新增用户12万。", 2023, 7)[-1].period == "2023-05"
    text = "From February to April, the number of users rose by 2 million."
    assert [m.period for m in time_mentions(text, 2023, 7)] == ["2023-02", "2023-04"]
    assert _period(text, "2 million", date="2023-07-02") == "2023-04"


def test_a_month_without_a_year_needs_the_articles_date() -> None:
    assert time_mentions("截至9月，全区共办理业务20万件。") == []


def test_a_day_of_an_event_is_no_period() -> None:
    assert time_mentions("5月20日，博览会在会展中心开幕。", 2023, 6) == []


def test_an_as_of_month_is_an_as_of_for_later_paragraphs() -> None:
    assert as_of_period("As of April, the portal had 3 million users.", 2023, 6) == "2023-04"
    text = "截至9月，全区网上办件量达20万件。\n全区政务服务事项可网办率为95%。"
    assert _period(text, "95%", date="2023-10-12") == "2023-09"


def test_a_span_after_an_as_of_month_is_of_its_year() -> None:
    text = (
        "As of April, the portal had served 3 million people.\n"
        "During this period, the hotline handled 20,000 calls, with 900 complaints."
    )
    assert _period(text, "900", date="2023-06-10") == "2023"


# --- comparison bases and spans are not the figure's period --------------------------------


def test_an_english_comparison_base_is_not_the_period() -> None:
    text = (
        "The city had 8 million registered users as of May, "
        "up 12 percent from the level at the end of 2021."
    )
    mentions = time_mentions(text, 2022, 6)
    assert [(m.period, m.baseline) for m in mentions] == [("2022-05", False), ("2021", True)]
    assert _period(text, "12 percent", date="2022-06-20") == "2022-05"


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("截至2022年6月，全省用户达5000万，较2021年底增长20%。", "20%"),
        ("截至2022年6月，全省用户达5000万，比2021年增加800万。", "800万"),
        ("截至2022年6月，全省用户达5000万，与2020年相比增长了一倍，同比增长15%。", "15%"),
    ],
)
def test_a_chinese_comparison_base_is_not_the_period(text: str, raw: str) -> None:
    assert _period(text, raw) == "2022-06"


def test_a_from_to_year_range_in_english_is_no_base() -> None:
    mentions = time_mentions("Users grew from the end of 2019 to 2022.", 2023)
    assert not any(m.baseline for m in mentions)


def test_the_start_of_a_span_to_now_is_not_the_period() -> None:
    mentions = time_mentions("该评估自2005年开展以来，已覆盖30个国家。")
    assert mentions[0].baseline
    assert time_mentions("2016年以来，全省累计建成基站8万个。")[0].baseline
    assert not time_mentions("今年以来，全省新增基站8000个。", 2023)[0].baseline
    text = "该评估自2005年开展以来，已覆盖30个国家。"
    assert _period(text, "30个", date="2023-03-01") == "2023"


# --- from–to frames ------------------------------------------------------------------------


def test_a_from_value_has_a_period_only_when_one_is_stated_for_it() -> None:
    text = "全县进驻政务服务中心的部门从18家增加到35家。"
    figures = _figures(text, date="2022-09-01")
    assert figures["18家"].period is None
    assert figures["35家"].period == "2022"
    stated = _figures("全县平台访问量从2019年的90万次增加到2021年的300万次。")
    assert (stated["90万次"].period, stated["300万次"].period) == ("2019", "2021")
    based = _figures("全县平台用户比2019年翻了一番，由40万人增长到80万人。")
    assert based["40万人"].period == "2019"
    parallel = _figures("全县网办率从2019年的60%提高到90%，事项数从500项增加到800项。")
    assert parallel["500项"].period == "2019"


# --- relative years and targets ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("明年，全省将建成数据中心5个。", "2024"),
        ("去年，全省建成数据中心5个。", "2022"),
        ("The province will open 5 data centres next year.", "2024"),
        ("The province opened 5 data centres last year.", "2022"),
    ],
)
def test_relative_years_count_from_the_articles_year(text: str, period: str) -> None:
    assert [m.period for m in time_mentions(text, 2023)] == [period]


def test_a_target_year_after_2049_is_a_year() -> None:
    text = "By 2060, the region could have 30 million residents over 65."
    assert [(m.period, m.target) for m in time_mentions(text)] == [("2060", True)]
    assert _period(text, "30 million") == "2060"
    assert time_mentions("到2050年，全面建成数字社会。")[0].period == "2050"


def test_a_deadline_at_a_year_end_is_its_year() -> None:
    assert time_mentions("到2027年底，建成标准体系。")[0].period == "2027"
    # a year after the article's own is a target even without 到/争取
    future = time_mentions("2027年底，县级以上网站100%完成改造。", 2024)[0]
    assert (future.period, future.target) == ("2027", True)
    assert time_mentions("截至2023年底，建成标准体系。", 2024)[0].period == "2023-12"


def test_this_year_passes_on_the_day_of_a_dated_news_item() -> None:
    mentions = time_mentions("今年新增企业用户3万户。", 2023, 4)
    assert carried_period(mentions, "2023-04") == "2023-04"
    assert carried_period(mentions, "2023") == "2023"
    assert carried_period(time_mentions("2022年新增企业用户3万户。", 2023), "2023-04") == "2022"
    text = "市政府今天(4月18日)举行发布会。\n今年新增企业用户3万户。平台日均访问量超过60万次。"
    figures = _figures(text, date="2023-04-18")
    assert figures["3万户"].period == "2023"
    assert figures["60万次"].period == "2023-04"


# --- the article's present -------------------------------------------------------------------


def test_the_writers_own_observation_is_of_the_time_of_writing() -> None:
    text = (
        "《全省数字政府评估报告(2022)》显示，截至2021年底，全省平台共接入1800项服务。\n"
        "记者登录该平台看到，首页共设置了12个服务专区。"
    )
    figures = _figures(text)
    assert figures["1800项"].period == "2021-12"
    assert figures["12个"].period == "2022"


def test_a_rank_without_a_year_is_the_reports_not_the_news_days() -> None:
    text = (
        "市政府今天(9月6日)召开发布会。\n"
        "在《城市数字治理评估报告(2022)》中，本市位列全国第二。\n"
        "二、本市数字治理水平排名全国第二\n"
        "全市政务服务事项网办率达到98%。"
    )
    figures = _figures(text, date="2022-09-06")
    heading = next(f for f in figures.values() if f.ref.sentence.startswith("二、"))
    assert heading.period == "2022"
    assert figures["98%"].period == "2022-09"


# --- a document dates the counts it sets --------------------------------------------------


def test_a_documents_issue_date_is_its_year() -> None:
    text = "1、《数字乡村建设行动规划》\n(发布时间2022年3月9日)\n规划明确了8项重点工程。"
    assert document_year(text, "《数字乡村建设行动规划》") == "2022"
    assert document_year("《数据共享实施方案》于2020年印发。", "《数据共享实施方案》") == "2020"
    assert document_year("《数据共享实施方案》提出三项要求。", "《数据共享实施方案》") is None
    assert _period(text, "8项") == "2022"
