"""Reposting junk, found by what it does: invisible characters, symbols inside words, strings
a page inserts inside words — while the page's own words, marks and acronyms stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.read import read_article
from briefing.read.junk import describe, inserted_strings, remove_junk

# sentences in the manner of a government report (written for these tests)
REPORT = (
    "全省一体化政务服务平台持续完善，网上办事效率显著提高，群众满意度稳步上升。"
    "各地推动办公、审批、监管等工作高效运转，政务数据共享枢纽已覆盖全部市县。"
    "下一步将加快建设全省一体化政务数据共享枢纽，推进公共数据有序开放。"
    "同时加强数据安全保护，完善标准规范体系，提升基层治理能力。"
)


def _spliced(text: str, string: str, *after: str) -> str:
    """`text` with `string` put in right after each of the given substrings."""
    for anchor in after:
        text = text.replace(anchor, anchor + string, 1)
    return text


@pytest.mark.parametrize("brand", ["九游体育", "乐鱼体育", "jy88.com"])
def test_a_brand_put_inside_words_is_removed_everywhere(brand: str) -> None:
    page = _spliced(REPORT, brand, "工作高", "一体化", "数据安")  # 高|效, 安|全 split
    cleaned = remove_junk(page)
    assert cleaned.text == REPORT
    assert cleaned.inserted == ((brand, 3),)
    assert brand in describe(cleaned)[0]


def test_a_word_of_the_language_repeated_is_never_taken_for_junk() -> None:
    assert inserted_strings(REPORT) == {}
    page = _spliced(REPORT, "博彩", "工作高", "数据安")  # a dictionary word reads as text
    assert "博彩" in remove_junk(page).text


def test_acronyms_and_names_between_chinese_characters_stay() -> None:
    text = "全球EGDI平均值为0.61，中国EGDI值为0.81；移动网络IPv6流量占比近50%，IPv6活跃用户超7亿。"
    assert remove_junk(text).text == text


@pytest.mark.parametrize(("noisy", "clean"), [
    ("一体化㊣政务", "一体化政务"),
    ("数字✅政府", "数字政府"),
    ("第☑65位", "第65位"),
    ("网\u200b民规模达10.32亿", "网民规模达10.32亿"),  # zero-width space
    ("\u202e报告\u202c显示", "报告显示"),  # bidi controls
    ("政务ą数据", "政务数据"),  # a letter of a script Chinese never writes inside a word
    ("十四五✅”规划", "十四五”规划"),
    ("网民🎂规模👍🏽达", "网民规模达"),
])
def test_symbols_and_invisible_characters_inside_words_go(noisy: str, clean: str) -> None:
    assert remove_junk(noisy).text == clean


@pytest.mark.parametrize("text", ["王○○表示", "气温30℃以上", "住房100㎡", "©2024 某某网", "β系数",
                                  "★ 重点任务", "◆要闻\n●首页"])
def test_marks_units_and_set_apart_decoration_stay(text: str) -> None:
    assert remove_junk(text).text == text


def test_the_article_text_is_the_cleaned_text_its_offsets_index(tmp_path: Path) -> None:
    page = tmp_path / "repost.txt"
    page.write_text("政务数据共享提速\n\n" + _spliced(REPORT, "九游体育", "工作高", "一体化"),
                    encoding="utf-8")
    article = read_article(page)
    assert "九游体育" not in article.text
    for paragraph in article.paragraphs:
        for sentence in paragraph.sentences:
            assert article.text[sentence.start : sentence.end] == sentence.text
    assert any("九游体育" in p for p in article.problems)
