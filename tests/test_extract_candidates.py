"""Which numbers of a Chinese sentence are figures (briefing.extract.candidates).

The sentences are written for these tests; none is copied from a development set.
"""

from __future__ import annotations

import pytest

from briefing.extract.candidates import clause_starts, complement_verb, find_candidates
from briefing.extract.lexicon import lexicon


def candidates(text: str) -> list[tuple[str, float, str, str]]:
    """(printed span, value, unit, qualifier) of each candidate, in order."""
    return [
        (text[c.start : c.end], c.value, c.unit, c.qualifier)
        for c in find_candidates(lexicon(), text)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # tenths: X成 is X×10 percent, with its qualifier
        ("全市已有近六成企业开通电子营业执照。", ("六成", 60, "percent", "about")),
        ("群众满意度占比逾八成。", ("八成", 80, "percent", "over")),
        ("九成以上的事项实现掌上办。", ("九成", 90, "percent", "over")),
        ("两成半的申请在夜间提交。", ("两成半", 25, "percent", "exact")),
        # fractions, in figures and in words
        ("审批时限压缩了1/3。", ("1/3", 33.333333, "percent", "exact")),
        ("不到1/5的乡镇开通了自助终端。", ("1/5", 20, "percent", "under")),
        ("三分之二以上的街道设立了帮办窗口。", ("三分之二", 66.666667, "percent", "over")),
        ("百分之九十五的事项可以一次办结。", ("百分之九十五", 95, "percent", "exact")),
        ("差错率降至千分之二。", ("千分之二", 0.2, "percent", "exact")),
        # multiples of a base
        ("今年的接件量是前年的12倍。", ("12倍", 12, "times", "exact")),
        ("线上办件量相当于线下的三倍。", ("三倍", 3, "times", "exact")),
        # orders of magnitude and "several"
        ("平台已支撑千万级用户同时在线。", ("千万级", 10_000_000, "scaled", "about")),
        ("每年处理数百万件网上申请。", ("百万件", 1_000_000, "count", "over")),
        # scores
        ("该区综合评分为87.5,居全市首位。", ("87.5", 87.5, "index", "exact")),
        ("各县得分均在60分以上。", ("60分", 60, "index", "over")),
        # durations as verb complements
        ("一窗受理改革已经推行两年,", ("两年", 2, "years", "exact")),
        ("新系统试运行了3年多。", ("3年多", 3, "years", "over")),
        ("经过五年多的探索,模式基本成熟。", ("五年多", 5, "years", "over")),
        # rank 1 in words, and top N after a scope phrase
        ("该县在全省位居首位。", ("首位", 1, "rank", "exact")),
        ("甲区居全市营商环境评价前五名。", ("前五名", 5, "rank", "under")),
    ],
)
def test_new_number_grammar(sentence: str, expected: tuple[str, float, str, str]) -> None:
    found = candidates(sentence)
    assert len(found) >= 1
    span, value, unit, qualifier = next(c for c in found if c[0] == expected[0])
    assert (span, unit, qualifier) == (expected[0], expected[2], expected[3])
    assert value == pytest.approx(expected[1])


def test_a_range_of_ranks_gives_one_rank_each_and_not_its_ends() -> None:
    found = candidates("甲市、乙市、丙市依次位列第3至5名。")
    assert [(span, value, unit) for span, value, unit, _ in found] == [
        ("第3至5名", 3, "rank"),
        ("第3至5名", 4, "rank"),
        ("第3至5名", 5, "rank"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "这套做法一成不变,我们有十成把握。",  # 成 of other words
        "球队进入1/4决赛,地铁3/4号线开通,详见第1/2页。",  # fractions in names
        "163/169网用户可拨打客服。",
        "十倍努力,百倍信心。",  # multiples without a base
        "实施三年行动计划,开启百年大计。",  # a plan's name, rhetoric
        "二〇二三年,各地推进改革。",  # a year written digit by digit
        "会议于9时15分开始。",  # a clock time, not a score
        "数十年如一日坚守岗位。",
    ],
)
def test_not_figures(sentence: str) -> None:
    assert candidates(sentence) == []


def test_thousands_commas_do_not_split_clauses_but_other_commas_do() -> None:
    assert clause_starts("从12,500个增至13,946个") == [0]
    assert clause_starts("指数为0.60,126个国家") == [0, 8]  # 0.60,126 is two numbers
    assert clause_starts("2019年为850,2020年为920") == [0, 10]


def test_a_qualifier_before_a_duration_is_no_part_of_its_verb() -> None:
    assert complement_verb("该平台已经运行了近") == "运行"
    assert complement_verb("改革已经实施") == "实施"
    assert complement_verb("我国数字政府经过了近") == ""  # 经过 is a preposition here
