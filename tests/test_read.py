"""Read stage on the five sample articles: gold metadata, noise dropped, body kept, offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefing.models import Article
from briefing.read import read_article, read_articles

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
GOLD = Path(__file__).resolve().parent / "gold" / "seeds.yaml"
SAMPLES = sorted(p.name for p in ARTICLES.iterdir())
FIELDS = ("title", "date", "outlet", "author", "site")


def _gold_metadata() -> dict[str, dict]:
    rows = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["metadata"]
    return {row["article"]: row for row in rows}


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return {name: read_article(ARTICLES / name) for name in SAMPLES}


def _body(article: Article) -> str:
    return "\n".join(p.text for p in article.paragraphs)


@pytest.mark.parametrize("name", sorted(_gold_metadata()))
def test_metadata_matches_gold(articles: dict[str, Article], name: str) -> None:
    gold = _gold_metadata()[name]
    article = articles[name]
    got = {f: getattr(article, f) for f in FIELDS}
    want = {f: (str(gold[f]) if gold[f] is not None else None) for f in FIELDS}
    assert got == want


# Per sample: lines (or fragments) that are page noise, and body text that must be kept.
NOISE_AND_BODY = {
    "000_1b8e26d3558f27a7.txt": (
        [
            "首页 > 数字政府 > 正文",
            "摘要:",
            "关键词",
            "来源:",
            "第三十五届CIO班招生",
            "国际CIO认证培训",
            "首席数据官(CDO)认证培训",
            "责编:wangxu",
            "免责声明",
            "本网站刊载的所有内容",
            "(作者是清华大学公共管理学院副教授)",
        ],
        [
            "近年来,中国的电子政务获得了快速的发展。",
            "最后,电子政务也在我国本次应对新冠肺炎疫情",
            "第一,加强集约化建设,从统一入口到资源融通。",
            "是电子政务长效发展的重要保障。",
        ],
    ),
    "001_e608aa0ff266004d.txt": (
        [
            "来源:经济参考报",
            "(责任编辑:)",
            "即时资讯",
            "联系我们",
            "办公地址",
            "100015",
            "010-59756138",
            "dichan@dichanchina.com",
            "网站无障碍",
            "长按保存图片",
            "中国网地产",
            "版权所有",
            "ICP",
            "公网安备",
            "All rights reserved",
            "关于我们 主办单位",
        ],
        [
            "2020(第十五届)中国电子政务论坛20日在京召开。",
            "电子政务发展成就显著",
            "支持政策加码布局",
            "数字治理体系需进一步完善",
            "全面激活数据要素潜力",
            "为推动经济高质量发展、国家治理体系和治理能力现代化提供有力支撑。",
        ],
    ),
    "002_42a05bb00b98c60b.txt": (
        [
            "您的位置",
            "http://www.sc-jc.net",
            "点击次数",
            "字体",
            "背景色",
            "本报讯",
            "本报拥有此文版权",
            "记者程红琳",
            "四川锦成信息",
            "shiteng588@163.com",
            "蜀ICP备",
            "点击这里给我发消息",
        ],
        [
            "7月 26日,《2020联合国电子政务调查报告(中文版)》发布暨研讨会",
            "联合国副秘书长刘振民指出,在新冠疫情蔓延的大背景下",
            "国际欧亚科学院的专家进行了交流发言。",
        ],
    ),
    "003_f8897310d64f0dfe.txt": (
        ["作者:未知", "转载注明来源", "xzbu.com", "服务推荐"],
        [
            "从萌芽到办公自动化,从“三金工程”到政府上网",
            "从萌芽到办公自动化(1981年—1992年)",
            "电子政务走向何方:数字政府?",
            "此阶段“电子政务”的概念還没有正式提出来",
            "数据融通、集约高效的发展轨道。",
        ],
    ),
    "004_41c6d9978f3fd55e.txt": (
        [
            "首页 热点聚焦",
            "江苏大讲堂",
            "来源:学习时报",
            "2020-09-27",
            "李颖",
            "编辑:张理",
            "因多种原因",
            "jsdjt@jschina.com.cn",
            "下一篇",
        ],
        [
            "推动电子政务创新发展,既是深入推进政府职能转变",
            "构建整体化定制化服务,进一步提高在线政务服务水平。",
            "建立一体化安全保障体系,进一步提升信息安全和公民隐私保障能力。",
            "全面提高信息安全和公民隐私的保障能力。",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(NOISE_AND_BODY))
def test_noise_lines_are_dropped(articles: dict[str, Article], name: str) -> None:
    body = _body(articles[name])
    noise, _ = NOISE_AND_BODY[name]
    assert [n for n in noise if n in body] == []


@pytest.mark.parametrize("name", sorted(NOISE_AND_BODY))
def test_body_paragraphs_are_kept(articles: dict[str, Article], name: str) -> None:
    body = _body(articles[name])
    _, kept = NOISE_AND_BODY[name]
    assert [k for k in kept if k not in body] == []


def test_title_is_not_a_body_paragraph(articles: dict[str, Article]) -> None:
    for article in articles.values():
        assert article.paragraphs[0].text != article.title


def test_sub_headings_are_marked() -> None:
    article = read_article(ARTICLES / "003_f8897310d64f0dfe.txt")
    headings = [p.text for p in article.paragraphs if p.is_heading]
    assert headings == [
        "从萌芽到办公自动化(1981年—1992年)",
        "从“三金工程”到政府上网(1993年—2000年)",
        "从单向应用向全面发展(2000年—2013年)",
        "政策文件日益完备",
        "业务应用日益成熟",
        "从各自为政到统筹推进(2014年至今)",
        "电子政务走向何方:数字政府?",
    ]


def test_repeated_title_and_lead_in_footer_are_dropped(articles: dict[str, Article]) -> None:
    article = articles["001_e608aa0ff266004d.txt"]
    lead = "2020(第十五届)中国电子政务论坛20日在京召开。"
    assert sum(p.text.startswith(lead) for p in article.paragraphs) == 1
    assert article.title not in _body(article)


def test_url_comes_from_the_repost_note(articles: dict[str, Article]) -> None:
    assert articles["003_f8897310d64f0dfe.txt"].url == "https://www.xzbu.com/1/view-14836127.htm"
    assert articles["000_1b8e26d3558f27a7.txt"].url is None  # the site root is not the article


@pytest.mark.parametrize("name", SAMPLES)
def test_offsets_point_into_text(articles: dict[str, Article], name: str) -> None:
    article = articles[name]
    for paragraph in article.paragraphs:
        assert article.text[paragraph.start : paragraph.end] == paragraph.text
        for sentence in paragraph.sentences:
            assert article.text[sentence.start : sentence.end] == sentence.text
            assert paragraph.start <= sentence.start < sentence.end <= paragraph.end


@pytest.mark.parametrize("name", SAMPLES)
def test_text_is_the_file_and_norm_has_its_length(articles: dict[str, Article], name: str) -> None:
    article = articles[name]
    assert article.text == (ARTICLES / name).read_text(encoding="utf-8")
    assert len(article.norm) == len(article.text)
    assert article.language == "zh"
    assert article.encoding == "utf-8"


def test_norm_simplifies_traditional_characters(articles: dict[str, Article]) -> None:
    article = articles["003_f8897310d64f0dfe.txt"]
    at = article.text.index("還没有")
    assert article.norm[at : at + 3] == "还没有"


def test_sentences_keep_closing_quotes(articles: dict[str, Article]) -> None:
    sentences = [s.text for s in articles["001_e608aa0ff266004d.txt"].sentences]
    quote = next(s for s in sentences if s.startswith("“我国电子政务经过20多年发展"))
    # The closing quote stays with its sentence, and the attribution after it too.
    assert quote.endswith("现代化的重要举措。”中央党校(国家行政学院)副校(院)长何毅亭说。")


def test_read_articles_reads_the_samples_in_order() -> None:
    articles, skipped = read_articles(ARTICLES)
    assert [a.file for a in articles] == SAMPLES
    assert skipped == ()
