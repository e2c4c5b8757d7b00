"""Themes: article coverage as in the gold, one mention per sentence per theme, English terms."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefing.extract._text import make_article
from briefing.extract.themes import extract_themes
from briefing.read import read_article

ROOT = Path(__file__).resolve().parents[1]
GOLD = yaml.safe_load((ROOT / "tests" / "gold" / "seeds.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("gold", GOLD["themes"], ids=lambda g: g["theme"])
def test_gold_theme_covers_its_articles(gold: dict) -> None:
    for file in gold["articles"]:
        mentions = extract_themes(read_article(ROOT / "data" / "articles" / file))
        assert any(m.theme == gold["theme"] for m in mentions), file


@pytest.mark.parametrize("file", sorted(p.name for p in (ROOT / "data" / "articles").iterdir()))
def test_one_mention_per_sentence_per_theme_and_verbatim_refs(file: str) -> None:
    article = read_article(ROOT / "data" / "articles" / file)
    mentions = extract_themes(article)
    keys = [(m.theme, m.ref.start) for m in mentions]
    assert len(keys) == len(set(keys))
    for m in mentions:
        assert article.text[m.ref.start : m.ref.end] == m.ref.sentence


def test_digital_divide_absent_where_gold_says_so() -> None:
    mentions = extract_themes(read_article(ROOT / "data" / "articles" / "003_f8897310d64f0dfe.txt"))
    assert all(m.theme != "数字鸿沟" for m in mentions)


@pytest.mark.parametrize(
    ("text", "theme", "term"),
    [
        ("要加快推进政务服务适老化改造，帮助老年人跨越数字鸿沟。", "数字鸿沟", "适老化"),
        ("疫情期間，健康碼成為出行憑證。", "疫情应对", "疫情"),
        ("The report warns that the digital divide is widening.", "数字鸿沟", "digital divide"),
        ("Privacy rules now cover all government apps.", "数据安全与隐私保护", "privacy"),
        ("Cities publish Open Data portals.", "数据共享与开放", "open data"),
        ("推动数据要素市场化配置，规范数据交易。", "数据要素", "数据要素"),
        ("全市推行一网统管，联动处置各类事件。", "城市治理", "一网统管"),
        ("省里将县域数字化作为乡村振兴的抓手。", "基层与乡村治理", "县域"),
        ("The UN E-Government Survey ranks 193 member states.", "评估与排名", "E-Government Survey"),
        ("Seniors learn to book hospital visits online.", "数字鸿沟", "seniors"),
    ],
)
def test_new_wordings(text: str, theme: str, term: str) -> None:
    mentions = [m for m in extract_themes(make_article(text)) if m.theme == theme]
    assert len(mentions) == 1
    assert mentions[0].term == term


def test_english_terms_need_word_boundaries() -> None:
    assert not [
        m
        for m in extract_themes(make_article("The epidemiology lab opened."))
        if m.theme == "疫情应对"
    ]


def test_broad_words_do_not_tag_a_theme() -> None:
    text = "构建普惠便捷的民生保障体系，形成一体化推进格局。"
    themes = {m.theme for m in extract_themes(make_article(text))}
    assert not themes & {"数字鸿沟", "一体化政务服务平台"}
