"""Enumerations written inside a sentence or as runs of clauses (briefing/extract/_enum_series.py),
in wordings of our own, and item recall on ../shared/corpus2 (see conftest.shared_dir)."""

from __future__ import annotations

import pytest
import yaml

from briefing.evaluate.scores import fuzzy_match
from briefing.extract._text import make_article
from briefing.extract.enumerations import extract_enumerations
from briefing.read import read_articles
from conftest import shared_dir


def _items(text: str) -> list[list[str]]:
    return [[i.heading for i in e.items] for e in extract_enumerations(make_article(text))]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        (
            "评估体系由采集、治理、应用和安全四个环节构成，覆盖数据全生命周期。",
            ["采集", "治理", "应用", "安全"],
        ),
        ("改革坚持问题导向、系统集成、协同高效的原则，分步推进。", ["问题导向", "系统集成", "协同高效"]),
        ("基层普遍反映存在“数据多头报、系统重复建、考核层层加”的现象。", ["数据多头报", "系统重复建", "考核层层加"]),
        ("各地创新形成三种推进路径：清单式、平台式、项目式。", ["清单式", "平台式", "项目式"]),
        ("市民反映的难点很多，比如办事指南看不懂、线上预约难、材料反复交等问题。",
         ["办事指南看不懂", "线上预约难", "材料反复交"]),
    ],
)
def test_inline_series_closed_by_a_count_a_principle_quotes_or_an_example_cue(
    text: str, items: list[str]
) -> None:
    assert items in _items(text)


@pytest.mark.parametrize(
    "text",
    [
        "广东、广西、山东等地提出了建设数字政府的发展目标。",  # places in passing
        "大数据、区块链、人工智能等新兴技术得到广泛应用。",  # 等 without an example cue
        "全省已建成31个市级平台、46个部门专区、120个县级站点三类载体。",  # figures
        "启动了人口、法人、空间地理四大数据库建设。",  # three items, four counted
    ],
)
def test_series_that_are_not_lists(text: str) -> None:
    assert not any(e.cue.startswith("、") for e in extract_enumerations(make_article(text)))


def test_semicolon_clauses_and_the_sentence_before_as_frame() -> None:
    text = (
        "全省数据共享工作取得阶段性进展。建成了覆盖省市县三级的共享交换体系；"
        "归集了各部门的基础数据资源目录；开通了面向基层的数据回流通道。"
    )
    (enum,) = extract_enumerations(make_article(text))
    assert [i.heading[:4] for i in enum.items] == ["建成了覆", "归集了各", "开通了面"]
    assert enum.frame.startswith("全省数据共享工作")


def test_colon_at_the_end_of_a_paragraph_frames_the_next_paragraphs_clauses() -> None:
    text = "到2027年实现以下目标：\n\n网上办事更加便捷，数据共享更加顺畅，基层减负成效明显。\n"
    (enum,) = extract_enumerations(make_article(text))
    assert [i.heading for i in enum.items] == ["网上办事更加便捷", "数据共享更加顺畅", "基层减负成效明显"]


def test_long_items_after_a_counted_colon_frame() -> None:
    text = "改革实现了三个方面突破：首次建立全省统一的电子证照互认体系、首次实现全部事项按标准清单办理、首次开通覆盖各县的投诉评价渠道。"
    assert [
        "首次建立全省统一的电子证照互认体系",
        "首次实现全部事项按标准清单办理",
        "首次开通覆盖各县的投诉评价渠道",
    ] in _items(text)


def test_namely_after_a_structure_noun_opens_a_list() -> None:
    text = "方案按照“三横两纵”的总体架构推进，即建设统一的数据底座，打造共性应用平台，完善标准规范体系。"
    assert ["建设统一的数据底座", "打造共性应用平台", "完善标准规范体系"] in _items(text)


def test_speech_after_a_colon_is_not_a_list() -> None:
    text = "他表示：要加快改革，要守住底线，要服务群众。"
    assert not any(e.cue.startswith(":") for e in extract_enumerations(make_article(text)))


def test_goals_staged_by_year_in_chinese_and_english() -> None:
    zh = "方案提出，到2027年，基本建成一体化平台；到2030年，全面实现数据按需共享。"
    (enum,) = [e for e in extract_enumerations(make_article(zh)) if e.kind == "stage"]
    assert [i.heading[:6] for i in enum.items] == ["到2027年", "到2030年"]
    en = (
        "Under the plan, by 2027, most services will be online. Costs fall by 2028, "
        "officials said. By 2030, every county will share its data."
    )
    (enum,) = [e for e in extract_enumerations(make_article(en)) if e.kind == "stage"]
    assert [i.heading[:7] for i in enum.items] == ["by 2027", "By 2030"]


def test_section_numbers_and_first_then_second() -> None:
    text = (
        "一、放权赋能，审批事项再精简。全市取消一批证明材料。\n\n"
        "二、数据赋能，办事体验再提升。全市推行免证办理。\n\n"
        "首先，梳理高频事项。第二，打通业务系统。第三，开展跟踪评估。\n"
    )
    lists = _items(text)
    assert any(items[0].startswith("放权赋能") and len(items) == 2 for items in lists)
    assert ["梳理高频事项", "打通业务系统", "开展跟踪评估"] in lists


def test_a_section_number_inside_a_sentence_is_not_a_marker() -> None:
    assert not _items("获得一、二等奖的项目共有十个，分布在多个领域。")


def test_corpus2_item_recall() -> None:
    gold = yaml.safe_load(shared_dir("corpus2", "gold.yaml").read_text(encoding="utf-8"))
    articles, _ = read_articles(shared_dir("corpus2", "articles"))
    found = {
        a.file: [f"{i.heading} {i.text}" for e in extract_enumerations(a) for i in e.items]
        for a in articles
    }
    golds = [(e["article"], item) for e in gold["enumerations"] for item in e["items"]]
    hit = sum(any(fuzzy_match(item, f) for f in found.get(file, [])) for file, item in golds)
    assert hit / len(golds) >= 0.8, f"{hit} of {len(golds)}"
