"""compose/punctuation.py: printed Chinese gets full-width marks, English and numbers do not."""

from __future__ import annotations

import pytest

from briefing.compose.punctuation import chinese_punctuation


@pytest.mark.parametrize(("text", "clean"), [
    ("加强集约化建设,从统一入口到资源融通", "加强集约化建设，从统一入口到资源融通"),
    ("《张楠:中国电子政务发展大有可为》", "《张楠：中国电子政务发展大有可为》"),
    ("从萌芽到办公自动化(1981年—1992年)", "从萌芽到办公自动化（1981年—1992年）"),
    ("APP(应用)上线;效果明显!", "APP（应用）上线；效果明显！"),
    ('他说:"数字政府"很重要', "他说：“数字政府”很重要"),
    ("「一网通办」服务", "“一网通办”服务"),
    ("用户达1,319,000,000人,指数0.7948", "用户达1,319,000,000人，指数0.7948"),
])
def test_chinese_text_gets_full_width_marks(text: str, clean: str) -> None:
    assert chinese_punctuation(text) == clean


@pytest.mark.parametrize("text", [
    "In 2020, China ranked 45th (EGDI: 0.7948).",
    "https://www.gov.cn/xinwen/2020-07/11/content_5525.htm",
    "10:30, 1,319 and 0.79",
])
def test_english_urls_and_numbers_are_left_alone(text: str) -> None:
    assert chinese_punctuation(text) == text


def test_brackets_left_empty_by_a_blanked_emoji_are_not_printed() -> None:
    assert chinese_punctuation("我国网( )民规模达11亿人（ ）。") == "我国网民规模达11亿人。"
    assert chinese_punctuation("见附件（一）和(2)") == "见附件（一）和（2）"
