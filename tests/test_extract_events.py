"""Events: dated actions on the sample corpus, and precision on new wordings."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.extract._text import make_article
from briefing.extract.events import extract_events
from briefing.read import read_article

ROOT = Path(__file__).resolve().parents[1]
HISTORY = ROOT / "data" / "articles" / "003_f8897310d64f0dfe.txt"


@pytest.mark.parametrize(
    ("date", "part"),
    [
        ("1993", "启动了“三金工程”"),
        ("1983", "成立信息管理办公室"),
        ("1999", "启动了政府上网工程"),
        ("2014-02", "成立中央网络安全和信息化领导小组"),
    ],
)
def test_history_article_events(date: str, part: str) -> None:
    events = extract_events(read_article(HISTORY))
    assert any(e.date == date and part in e.text for e in events)


def test_history_article_skips_periods_and_reference_points() -> None:
    dates = {e.date for e in extract_events(read_article(HISTORY))}
    assert not dates & {"2001", "2006", "2008", "2018-04", "2018-12"}


@pytest.mark.parametrize("file", sorted(p.name for p in (ROOT / "data" / "articles").iterdir()))
def test_event_refs_are_verbatim(file: str) -> None:
    article = read_article(ROOT / "data" / "articles" / file)
    for e in extract_events(article):
        assert article.text[e.ref.start : e.ref.end] == e.ref.sentence
        assert e.text in e.ref.sentence


@pytest.mark.parametrize(
    ("text", "published", "date"),
    [
        ("第十届数字中国建设峰会20日在福州召开。", "2026-04-22", "2026-04-20"),
        ("峰会28日在福州召开。", "2026-04-02", "2026-03-28"),
        ("7月26日，报告发布会在北京举行。", "2020-07-28", "2020-07-26"),
    ],
)
def test_day_only_dates_take_the_article_date(text: str, published: str, date: str) -> None:
    from dataclasses import replace

    events = extract_events(replace(make_article(text), date=published))
    assert [e.date for e in events] == [date]


def test_day_only_dates_need_an_article_date() -> None:
    assert extract_events(make_article("峰会20日在福州召开。")) == ()


@pytest.mark.parametrize(
    ("text", "date", "part"),
    [
        (
            "2018年，国务院印发《关于加快推进全国一体化在线政务服务平台建设的指导意见》。",
            "2018",
            "印发",
        ),
        (
            "国家政务服务平台于2019年5月正式上线试运行。",
            "2019-05",
            "国家政务服务平台于2019年5月正式上线试运行",
        ),
        ("2022年6月，國務院印發《關於加強數字政府建設的指導意見》。", "2022-06", "印发"),
        (
            "In 2019, the State Council launched the national government service platform.",
            "2019",
            "launched",
        ),
        ("The national platform was launched in May 2019.", "2019-05", "was launched in May 2019"),
        # a clause mark inside brackets is an aside, not the clause's start
        ("2019年,全国一体化在线政务服务平台(以下简称:平台)初步建成,推动了数据共享。", "2019",
         "全国一体化在线政务服务平台(以下简称:平台)初步建成"),
    ],
)
def test_new_wordings(text: str, date: str, part: str) -> None:
    events = extract_events(make_article(text))
    assert [e.date for e in events] == [date]
    assert part in make_article(events[0].text).norm


@pytest.mark.parametrize(
    "text",
    [
        "截至2021年底，全国在线政务服务用户规模达9亿。",
        "自2015年以来，各地纷纷成立大数据管理局。",
        "2020年我国电子政务发展指数为0.7948。",
        "2016年至2020年期间，平台陆续上线。",
        "与2018年相比，排名提升了20位。",
        "在2020年发布的报告中，我国排名第45位。",
    ],
)
def test_not_events(text: str) -> None:
    assert extract_events(make_article(text)) == ()


@pytest.mark.parametrize(
    "text",
    [
        "2019年，通过全国一体化平台，各地实现了跨省通办。",
        "2021年，全国一体化平台注册用户突破10亿。",
    ],
)
def test_year_without_an_action_is_not_an_event(text: str) -> None:
    assert extract_events(make_article(text)) == ()
