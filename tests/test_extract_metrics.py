"""Metric labels and units of extracted figures (briefing.extract.metric_labels and its users).

The sentences are written for these tests; none is copied from a development set.
"""

from __future__ import annotations

import pytest

from briefing.extract.metric_labels import (
    from_to_head,
    noun_phrase_after,
    noun_phrase_before,
    respective_head,
)
from tests.test_extract_figures import figures_of, one


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("全省数字经济规模", "数字经济规模"),
        ("本市政务数据目录数量", "政务数据目录数量"),
        ("全区“掌上可办”实现率", "掌上可办实现率"),
        ("全市已建成5G基站", "5G基站"),  # digits against letters are one word
        ("全市4G用户", "4G用户"),
    ],
)
def test_noun_phrase_before_drops_scopes_and_keeps_quoted_names(text: str, label: str) -> None:
    assert noun_phrase_before(text) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("已接入的市级政务服务平台提供", "市级政务服务平台"),
        ("具体改革任务。", "具体改革任务"),
        ("各级政务服务事项实现网上办理", "政务服务事项")  # 各级 is a scope,
    ],
)
def test_noun_phrase_after_skips_relative_clauses(text: str, label: str) -> None:
    assert noun_phrase_after(text) == label


def test_from_to_frame_names_the_measured_noun() -> None:
    assert from_to_head("县级政务服务中心从2019年的平均") == "县级政务服务中心"
    assert from_to_head("区级部门从45家增长到") == "区级部门"
    assert from_to_head("政务服务中心建设") is None


def test_respectively_pairs_noun_phrases_with_values() -> None:
    before = "乡镇便民服务站覆盖率和社区代办点覆盖率分别达到61.2%和"
    assert respective_head(before) == "社区代办点覆盖率"


@pytest.mark.parametrize(
    ("sentence", "raw", "label"),
    [
        ("该区进驻大厅的区级部门从45家增长到58家。", "58家", "区级部门"),
        ("该区进驻大厅的区级部门从45家增长到58家。", "45家", "区级部门"),
        ("全省公共数据开放规模达到3.2万亿条。", "3.2万亿条", "公共数据开放规模"),
        ("平台目前汇聚了820项依申请服务事项。", "820项", "依申请服务事项"),
        ("方案部署了六大任务和24项重点改革举措。", "24项", "重点改革举措"),
        ("平台累计提供省直部门612项和市县2.1万项便民服务。", "612项", "便民服务"),
        ("新平台已联通58个市级部门和11个区县。", "11个", "区县"),
        ("各部门数据共享清单由2021年的420条增加到960条。", "960条", "数据共享清单"),
    ],
)
def test_labels_are_noun_phrases_not_character_splices(
    sentence: str, raw: str, label: str
) -> None:
    assert label in (one(figures_of(sentence), raw).metric or "")


@pytest.mark.parametrize(
    ("sentence", "raw", "unit"),
    [
        ("该市营商环境评价从全国第36位上升到第12位。", "第12位", "rank"),
        ("市民服务热线累计接听咨询1.3亿次。", "1.3亿次", "calls"),
        ("证照库累计完成2.4亿次身份核验。", "2.4亿次", "calls"),
        ("研究中心先后发布了6次评估报告。", "6次", "count"),
        ("掌上办事应用月活用户达到860万。", "860万", "persons"),
        ("平台个人注册用户达到4200万。", "4200万", "persons"),
        ("平台法人用户达到130万。", "130万", "count"),
    ],
)
def test_units_follow_the_context_of_the_measure_word(
    sentence: str, raw: str, unit: str
) -> None:
    assert one(figures_of(sentence), raw).unit == unit


def test_a_change_after_a_change_is_not_named_twice() -> None:
    figures = figures_of("市本级即办事项从300项增加到420项,分别提升12.5%、40%。")
    labels = [f.metric or "" for f in figures if f.unit == "percent"]
    assert labels and all("提升提升" not in label for label in labels)


@pytest.mark.parametrize(
    ("sentence", "raw", "words", "unit"),
    [
        (
            "The number of mobile payment users in the province had reached 52 million by June.",
            "52 million",
            "mobile payment users",
            "persons",
        ),
        (
            "The portal now has total visits exceeding 2.1 billion.",
            "2.1 billion",
            "visits",
            "calls",
        ),
        (
            "Renewable power is expected to account for 35% of electricity output by 2030.",
            "35",
            "share of electricity output",
            "percent",
        ),
    ],
)
def test_english_labels_and_units(sentence: str, raw: str, words: str, unit: str) -> None:
    figure = next(f for f in figures_of(sentence, language="en") if f.raw.startswith(raw))
    assert words in (figure.metric or "")
    assert figure.unit == unit


def test_a_rank_without_a_metric_names_its_scope_not_its_verb() -> None:
    label = one(figures_of("在本次评估中，杭州位列全国第三名。"), "第三名").metric or ""
    assert "位列" not in label and label.endswith("排名")


def test_a_duration_that_modifies_a_noun_is_named_by_the_noun() -> None:
    found = figures_of("我国政务信息化走过了近30年的历程。")
    assert [f.metric for f in found if f.unit == "years"] == ["历程"]


@pytest.mark.parametrize(("text", "raw", "label"), [
    ("甲省数字经济占地区生产总值比重提升至41.5%。", "41.5%", "比重"),
    ("甲省网民规模上升到8000万人。", "8000万人", "网民规模"),
])
def test_a_verb_of_reaching_is_never_left_half_in_a_label(text: str, raw: str, label: str) -> None:
    figure = one(figures_of(text), raw)
    assert figure.label.endswith(label) and not figure.label.endswith(("提", "上"))


@pytest.mark.parametrize(("text", "raw", "label"), [
    ("甲市60岁以上老年人口达120万,占总人口的19.8%。", "19.8%", "占总人口比重"),
    ("甲省数字经济占地区生产总值比重达41.5%。", "41.5%", "占地区生产总值比重"),
    ("甲省网民占比达30%。", "30%", "甲省网民占比"),  # no 占 before a whole: as before
])
def test_a_percentage_after_zhan_is_the_share_of_the_whole_it_names(
    text: str, raw: str, label: str
) -> None:
    assert one(figures_of(text), raw).label == label


@pytest.mark.parametrize(("text", "raw", "metric"), [
    ("截至2022年底，我国5G用户达5.61亿户，全球占比超60%。", "60%", "5G用户全球占比"),
    ("2019年，实名注册个人用户达2.21亿，占比为92.5%。", "92.5%", "实名注册用户占比"),
    ("截至2019年底，我国移动互联网用户规模达13.19亿，占据全球网民总规模的32.17%。", "32.17%",
     "占全球网民总规模比重"),
    ("2018年，全国涵盖47万项目录，其中，可共享目录占90%。", "90%", "目录占比"),
    ("2022年，我国网民规模占据了全球网民的约20%。", "20%", "占全球网民比重"),
    ("2022年，市场占有率达30%。", "30%", "市场占有率"),
])
def test_a_share_is_named_after_the_amount_or_whole_the_sentence_takes_it_of(text: str, raw: str,
                                                                  metric: str) -> None:
    assert one(figures_of(text), raw).metric == metric


@pytest.mark.parametrize("text", [
    "截至2022年底，我国5G用户达5.61亿户，渗透率达33%，全球占比超60%。",
    "2022年，我国互联网普及率达75.6%，全球占比约20%。",
])
def test_a_share_after_a_rate_keeps_its_own_word(text: str) -> None:
    """渗透率达33%，全球占比超60%: whether the share is of the users or of the rate is not said."""
    (share,) = [f for f in figures_of(text) if f.raw.endswith("%") and "占比" in (f.metric or "")]
    assert share.metric == "占比"


def test_a_share_after_a_change_keeps_its_own_word() -> None:
    """比2018年增加了15个国家，占比65%: the share is not of the 15 added."""
    found = one(figures_of("2020年，126个成员国处于高级别，比2018年增加了15个国家，占比65%。"), "65%")
    assert found.metric == "占比"


def test_a_rank_naming_nothing_ranks_the_amount_just_before_it() -> None:
    found = one(figures_of("2022年，我国数字经济规模达50.2万亿元，稳居世界第二。"), "第二")
    assert found.metric == "数字经济规模世界排名"


def test_a_rank_after_a_multiple_names_only_its_scope() -> None:
    found = one(figures_of("2022年，我国数据集数量是八年前的44倍，位居世界第一。"), "第一")
    assert found.metric == "世界排名"


def test_a_rank_after_a_share_names_only_its_scope() -> None:
    """全球占比10.5%，位居世界第二: whether the share or the amount before it is second is
    not said."""
    found = one(figures_of("2022年，我国数据总量达80亿条，全球占比10.5%，位居世界第二。"), "第二")
    assert found.metric == "世界排名"
