"""Quotes: the 14 gold attributions of the sample corpus, and new wordings."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefing.extract._text import make_article
from briefing.extract.quotes import extract_quotes
from briefing.models import Quote
from briefing.read import read_article

ROOT = Path(__file__).resolve().parents[1]
GOLD = yaml.safe_load((ROOT / "tests" / "gold" / "seeds.yaml").read_text(encoding="utf-8"))


def _quotes_of(file: str) -> tuple[Quote, ...]:
    return extract_quotes(read_article(ROOT / "data" / "articles" / file))


@pytest.mark.parametrize("gold", GOLD["quotes"], ids=lambda g: f"{g['article'][:3]}-{g['speaker']}")
def test_gold_quote_found_with_speaker_and_role(gold: dict) -> None:
    quotes = _quotes_of(gold["article"])
    assert any(q.speaker == gold["speaker"] and q.role == gold["role"] for q in quotes)


@pytest.mark.parametrize("file", sorted({g["article"] for g in GOLD["quotes"]}))
def test_every_quote_ref_is_verbatim(file: str) -> None:
    article = read_article(ROOT / "data" / "articles" / file)
    for q in extract_quotes(article):
        assert article.text[q.ref.start : q.ref.end] == q.ref.sentence
        assert q.statement and q.speaker


@pytest.mark.parametrize("file", sorted(p.name for p in (ROOT / "data" / "articles").iterdir()))
def test_no_false_speakers(file: str) -> None:
    bad = {"记者", "会上", "专家", "与会者", "数据", "报告", "与会嘉宾"}
    assert not {q.speaker for q in _quotes_of(file)} & bad


@pytest.mark.parametrize(
    ("text", "speaker", "role", "verb", "statement_part"),
    [
        (
            "国务院办公厅副主任张三指出，下一步要做好三方面工作。",
            "张三",
            "国务院办公厅副主任",
            "指出",
            "下一步要做好",
        ),
        (
            "“数字政府建设要以人民为中心。”浙江省副省长李明华说。",
            "李明华",
            "浙江省副省长",
            "说",
            "以人民为中心",
        ),
        (
            "工业和信息化部总工程师赵四表示：我们将加快推进5G应用。",
            "赵四",
            "工业和信息化部总工程师",
            "表示",
            "加快推进5G应用",
        ),
        (
            "清华大学教授欧阳明认为，数据要素市场仍处于起步阶段。",
            "欧阳明",
            "清华大学教授",
            "认为",
            "起步阶段",
        ),
        (
            "市數據局局長王小紅說：「我們會繼續推動數據開放。」",
            "王小红",
            "市数据局局长",
            "说",
            "继续推动",
        ),
        (
            "在国家信息中心主任刘强看来，数据共享仍有堵点。",
            "刘强",
            "国家信息中心主任",
            "看来",
            "数据共享仍有堵点",
        ),
        (
            (
                '"Digital government must serve everyone," said Jane Smith, '
                "director of the Digital Office."
            ),
            "Jane Smith",
            "director of the Digital Office",
            "said",
            "serve everyone",
        ),
        (
            "Minister John Brown said that open data would be expanded next year.",
            "John Brown",
            "Minister",
            "said",
            "open data",
        ),
    ],
)
def test_new_wordings(
    text: str, speaker: str, role: str | None, verb: str, statement_part: str
) -> None:
    quotes = extract_quotes(make_article(text))
    assert quotes, text
    q = quotes[0]
    assert (q.speaker, q.role, q.verb) == (speaker, role, verb)
    assert statement_part in q.statement or statement_part in make_article(q.statement).norm


def test_bare_name_carries_role_of_first_mention() -> None:
    text = "北京市副市长王红表示，数字政府建设成效显著。\n会议期间，王红还指出，要加强数据治理。"
    quotes = extract_quotes(make_article(text))
    assert [(q.speaker, q.role) for q in quotes] == [("王红", "北京市副市长")] * 2


def test_pronoun_resolves_to_last_speaker_in_paragraph() -> None:
    text = "中央网信办副主任杨小伟出席会议。杨小伟指出，成绩显著。他认为，问题仍然存在。"
    quotes = extract_quotes(make_article(text))
    assert [q.speaker for q in quotes] == ["杨小伟", "杨小伟"]


@pytest.mark.parametrize(
    "text",
    [
        "数据显示，全国一体化政务服务平台实名注册用户超过5亿人。",
        "记者表示，会议将于明天闭幕。",
        "与会专家认为，数字政府建设任重道远。",
        "会上指出，要加快推进数据共享。",
        "北京市提出，到2025年建成数字政府。",
        "江苏省表示，将全面推行不见面审批。",
        "方案提出，到2025年基本建成数字政府。",
        "Xinhua News Agency said the platform had 500 million users.",
        "国家发改委主任会议指出，要加强统筹。",
        "北京市委书记表示，要加强统筹。",
    ],
)
def test_not_quotes(text: str) -> None:
    assert extract_quotes(make_article(text)) == ()


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("北京市副市长王红表示，成效显著。\n“我们还要继续努力。”她说。", "王红", "北京市副市长"),
        (
            "UN Under-Secretary-General Liu Zhenmin said the report showed progress.",
            "Liu Zhenmin",
            "UN Under-Secretary-General",
        ),
        (
            "中国工程院院士、中国互联网协会理事长邬贺铨认为，5G将赋能千行百业。",
            "邬贺铨",
            "中国工程院院士、中国互联网协会理事长",
        ),
        ("据国家发改委新闻发言人孟玮介绍，相关工作正在推进。", "孟玮", "国家发改委新闻发言人"),
        ("在昨天举行的发布会上国家发改委副主任张三表示，将加快推进。", "张三", "国家发改委副主任"),
        (
            "国家发改委副主任张三在2020中国电子政务论坛上表示，将加快推进。",
            "张三",
            "国家发改委副主任",
        ),
        ("工信部部长苗圩在会上表示，要加快5G建设。", "苗圩", "工信部部长"),
        ("市大数据局局长欧阳明华表示，将推进数据开放。", "欧阳明华", "市大数据局局长"),
        ("联合国秘书长古特雷斯表示，数字合作至关重要。", "古特雷斯", "联合国秘书长"),
        ("安东尼奥·古特雷斯说，要弥合数字鸿沟。", "安东尼奥·古特雷斯", None),
    ],
)
def test_more_wordings_last_quote(text: str, speaker: str, role: str) -> None:
    q = extract_quotes(make_article(text))[-1]
    assert (q.speaker, q.role) == (speaker, role)


def _traditional_full_width(text: str) -> str:
    """The article as a Taiwan/HK outlet prints it: traditional, full-width punctuation."""
    import opencc

    table = str.maketrans(
        {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
    )
    return opencc.OpenCC("s2t").convert(text.translate(table))


@pytest.mark.parametrize("file", sorted({g["article"] for g in GOLD["quotes"]}))
def test_gold_quotes_survive_traditional_full_width_text(file: str, tmp_path: Path) -> None:
    path = tmp_path / file
    path.write_text(
        _traditional_full_width((ROOT / "data" / "articles" / file).read_text(encoding="utf-8"))
    )
    quotes = extract_quotes(read_article(path))
    for gold in (g for g in GOLD["quotes"] if g["article"] == file):
        assert any(q.speaker == gold["speaker"] and q.role == gold["role"] for q in quotes), gold


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("省政府副秘书长陈明此前指出，要加快推进数据共享。", "陈明", "省政府副秘书长"),
        ("市数据局新闻发言人在今天的新闻发布会上表示，全市已完成平台整合。", "市数据局新闻发言人", "新闻发言人"),
        ("会上，省数据局副局长李文华发布了年度报告，并表示，全省将加快数据开放。", "李文华", "省数据局副局长"),
        (
            "Li Ming, director of the data policy office at the provincial government, "
            "pointed out that most services are now online.",
            "Li Ming",
            "director of the data policy office at the provincial government",
        ),
    ],
)
def test_adverbs_unnamed_spokespeople_and_english_verbs(text: str, speaker: str, role: str) -> None:
    quotes = extract_quotes(make_article(text))
    assert [(q.speaker, q.role) for q in quotes][:1] == [(speaker, role)]


def test_an_honorific_and_the_de_joining_a_role_are_no_part_of_the_name() -> None:
    from briefing.extract._text import make_article
    from briefing.extract.quotes import extract_quotes

    (quote,) = extract_quotes(make_article("2016年底，时任浙江省代省长的车俊同志提出“最多跑一次”的改革目标。"))
    assert (quote.speaker, quote.role) == ("车俊", "时任浙江省代省长")
