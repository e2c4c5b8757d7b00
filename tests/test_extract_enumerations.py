"""Enumerations: gold item recall on the sample corpus, and cue families in new wordings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from briefing.extract._text import make_article, normalize
from briefing.extract.enumerations import extract_enumerations
from briefing.models import Enumeration
from briefing.read import read_article

ROOT = Path(__file__).resolve().parents[1]
GOLD = yaml.safe_load((ROOT / "tests" / "gold" / "seeds.yaml").read_text(encoding="utf-8"))


def _canon(text: str) -> str:
    return re.sub(r"[\s,;:.。、“”\"'()!?《》「」]", "", normalize(text))


def _dice(a: str, b: str) -> float:
    x = {a[i : i + 2] for i in range(len(a) - 1)}
    y = {b[i : i + 2] for i in range(len(b) - 1)}
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def fuzzy_match(gold: str, heading: str) -> bool:
    """Normalized containment either way, or character-bigram Dice ≥ 0.6."""
    g, h = _canon(gold), _canon(heading)
    return bool(g and h) and (g in h or h in g or _dice(g, h) >= 0.6)


def _enums(file: str) -> tuple[Enumeration, ...]:
    return extract_enumerations(read_article(ROOT / "data" / "articles" / file))


def _best(gold: dict, enums: tuple[Enumeration, ...]) -> Enumeration | None:
    """The extracted enumeration that matches most of the gold items."""
    scored = [
        (sum(any(fuzzy_match(g, i.heading) for i in e.items) for g in gold["items"]), e)
        for e in enums
    ]
    scored = [s for s in scored if s[0]]
    return max(scored, key=lambda s: s[0])[1] if scored else None


def test_gold_item_recall_at_least_90_percent() -> None:
    hit = total = 0
    for gold in GOLD["enumerations"]:
        headings = [i.heading for e in _enums(gold["article"]) for i in e.items]
        total += len(gold["items"])
        hit += sum(any(fuzzy_match(g, h) for h in headings) for g in gold["items"])
    assert hit / total >= 0.9, f"recall {hit}/{total}"


@pytest.mark.parametrize(
    "gold", GOLD["enumerations"], ids=lambda g: f"{g['article'][:3]}-{g['cue'][:8]}"
)
def test_gold_enumeration_kind_and_speaker(gold: dict) -> None:
    enum = _best(gold, _enums(gold["article"]))
    assert enum is not None
    assert enum.kind == gold["kind"]
    assert enum.speaker == gold.get("speaker")
    assert len(enum.items) == len(gold["items"])


@pytest.mark.parametrize("file", sorted(p.name for p in (ROOT / "data" / "articles").iterdir()))
def test_refs_are_verbatim_sentences(file: str) -> None:
    article = read_article(ROOT / "data" / "articles" / file)
    for enum in extract_enumerations(article):
        for ref in (enum.ref, *(i.ref for i in enum.items)):
            assert article.text[ref.start : ref.end] == ref.sentence


def _one(text: str) -> Enumeration:
    enums = extract_enumerations(make_article(text))
    assert len(enums) == 1, enums
    return enums[0]


@pytest.mark.parametrize(
    ("text", "kind", "speaker", "headings"),
    [
        (
            "国务院办公厅副主任张三指出，下一步要做好三方面工作：一是完善制度；二是强化监管；三是优化服务。",
            "measure",
            "张三",
            ["完善制度", "强化监管", "优化服务"],
        ),
        (
            "当前仍存在一些问题。首先，数据标准不统一，共享困难。其次，基层能力薄弱。最后，安全防护不足。",
            "problem",
            None,
            ["数据标准不统一,共享困难", "基层能力薄弱", "安全防护不足"],
        ),
        (
            "专家李华认为，一方面要加快平台整合，另一方面要强化数据治理。",
            "recommendation",
            "李华",
            ["要加快平台整合", "要强化数据治理"],
        ),
        (
            "各地创新做法不断涌现，例如：上海推行一网通办；浙江推行最多跑一次；江苏推行不见面审批等。",
            "achievement",
            None,
            ["上海推行一网通办", "浙江推行最多跑一次", "江苏推行不见面审批"],
        ),
        (
            "我们建议：第一，建立首席数据官制度。第二，完善数据开放目录。第三，加强人才培养。",
            "recommendation",
            None,
            ["建立首席数据官制度", "完善数据开放目录", "加强人才培养"],
        ),
        (
            "改革取得明顯成效。一是審批時間大幅縮短；二是群眾滿意度持續提升。",
            "achievement",
            None,
            ["审批时间大幅缩短", "群众满意度持续提升"],
        ),
        (
            "会议强调，要重点做好以下工作：（一）加快推进数据共享。\n（二）深化一网通办改革。\n（三）强化安全保障。",
            "recommendation",
            None,
            ["加快推进数据共享", "深化一网通办改革", "强化安全保障"],
        ),
        (
            "1.建立健全数据管理制度。明确职责分工。\n2.加强平台建设。\n3.提升服务能力。",
            "achievement",
            None,
            ["建立健全数据管理制度", "加强平台建设", "提升服务能力"],
        ),
        (
            "其一，顶层设计不足；其二，标准体系不统一；其三，人才短缺。",
            "problem",
            None,
            ["顶层设计不足", "标准体系不统一", "人才短缺"],
        ),
        (
            "下一步，我们将：加快平台整合；推进数据共享；强化安全防护。",
            "measure",
            None,
            ["加快平台整合", "推进数据共享", "强化安全防护"],
        ),
        (
            "主要存在三方面问题：一是数据质量不高，二是共享机制不健全，三是安全风险突出。",
            "problem",
            None,
            ["数据质量不高", "共享机制不健全", "安全风险突出"],
        ),
        (
            "报告提出了五项建议，包括：完善法律法规；建立协调机制；加大资金投入。",
            "recommendation",
            None,
            ["完善法律法规", "建立协调机制", "加大资金投入"],
        ),
        (
            "The review found two gaps. First, portals are fragmented. Second, data is not shared.",
            "problem",
            None,
            ["portals are fragmented", "data is not shared"],
        ),
    ],
)
def test_new_wordings(text: str, kind: str, speaker: str | None, headings: list[str]) -> None:
    enum = _one(text)
    assert (enum.kind, enum.speaker) == (kind, speaker)
    assert [_canon(i.heading) for i in enum.items] == [_canon(h) for h in headings]


def test_paragraph_lead_items_after_numbered_frame() -> None:
    text = (
        "推进数字政府建设，需要重点抓好以下三点。\n"
        "夯实数据底座，推动数据汇聚共享。各地要加快建设数据资源体系。\n"
        "优化服务流程，提升群众办事体验。要推动高频事项集成办理。\n"
        "强化安全保障，守住数据安全底线。要落实网络安全责任制。\n"
    )
    enum = _one(text)
    assert enum.kind == "recommendation"
    assert [i.heading for i in enum.items] == [
        "夯实数据底座，推动数据汇聚共享",
        "优化服务流程，提升群众办事体验",
        "强化安全保障，守住数据安全底线",
    ]


def test_stage_headings_with_year_ranges_even_when_not_marked_as_headings() -> None:
    text = (
        "我国智慧城市建设大致经历了三个阶段。\n起步探索（2008年—2012年）\n这一时期以试点为主。\n"
        "试点推广(2012-2016)\n国家先后公布三批试点。\n深化发展（2016年至今）\n新型智慧城市成为重点。\n"
    )
    enum = _one(text)
    assert enum.kind == "stage"
    assert [i.heading for i in enum.items] == [
        "起步探索（2008年—2012年）",
        "试点推广(2012-2016)",
        "深化发展（2016年至今）",
    ]


def test_framework_components_paired_with_semicolon_series() -> None:
    text = (
        "应构建由制度规范、技术防护和人员管理组成的数据安全防护体系。"
        "完善数据安全制度，明确责任；部署加密和审计系统；开展全员安全培训。"
    )
    enum = _one(text)
    assert (enum.kind, enum.label) == ("component", "数据安全防护体系")
    assert [i.heading for i in enum.items] == [
        "制度规范:完善数据安全制度",
        "技术防护:部署加密和审计系统",
        "人员管理:开展全员安全培训",
    ]


def test_aspect_series() -> None:
    text = "在政务服务方面，全面推行网上办理。在数据共享方面，建成统一交换平台。在安全保障方面，落实等级保护。"
    enum = _one(text)
    assert [i.heading.split(":")[0] for i in enum.items] == ["政务服务", "数据共享", "安全保障"]


@pytest.mark.parametrize(
    "text",
    [
        "他第一次参加会议，最后一个发言。",
        "数据统一是关键，一方面的问题是标准。",
        "如何推进数字政府建设，是一个重要课题。",
        "2020年，全国一体化平台上线。",
    ],
)
def test_not_enumerations(text: str) -> None:
    assert extract_enumerations(make_article(text)) == ()


def _traditional_full_width(text: str) -> str:
    """The article as a Taiwan/HK outlet prints it: traditional, full-width punctuation."""
    import opencc

    table = str.maketrans(
        {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
    )
    return opencc.OpenCC("s2t").convert(text.translate(table))


def test_gold_recall_survives_traditional_full_width_text(tmp_path: Path) -> None:
    hit = total = 0
    for file in sorted({g["article"] for g in GOLD["enumerations"]}):
        path = tmp_path / file
        path.write_text(
            _traditional_full_width((ROOT / "data" / "articles" / file).read_text(encoding="utf-8"))
        )
        headings = [i.heading for e in extract_enumerations(read_article(path)) for i in e.items]
        for gold in (g for g in GOLD["enumerations"] if g["article"] == file):
            total += len(gold["items"])
            hit += sum(any(fuzzy_match(g, h) for h in headings) for g in gold["items"])
    assert hit / total >= 0.9, f"recall {hit}/{total}"


def test_qualities_of_a_goal_are_no_recommendations() -> None:
    from briefing.extract._enum_parts import classify

    frame = "需以数据治理为根基，构建“"
    assert classify(frame, ["制度健全", "技术先进", "服务精准"], "”的政务服务新生态") != "recommendation"
    assert classify("需要从以下三个方面发力", ["加强统筹规划", "完善标准规范", "强化安全保障"]) \
        == "recommendation"


def test_a_frame_naming_obstacles_names_problems_whatever_noun_follows() -> None:
    from briefing.extract._enum_parts import classify

    assert classify("这些障碍主要源于制度与技术两方面", ["顶层设计和制度束缚", "面临技术瓶颈"]) \
        == "problem"
    assert classify("工信部准备从以下三个方面来推动解决问题", ["行政指导", "技术推动", "信用评价"]) \
        == "component"
