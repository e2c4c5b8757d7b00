"""In-word glosses of reposting sites (read/glosses.py), on text written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.read import read_article
from briefing.read.glosses import strip_glosses


def test_a_characters_own_reading_in_brackets_is_dropped() -> None:
    assert strip_glosses("全省政(zheng)务服务事(shi)项") == "全省政务服务事项"


def test_a_heteronyms_any_reading_counts() -> None:
    assert strip_glosses("银行(hang)网点，行(xing)政审批") == "银行网点，行政审批"


def test_empty_brackets_inside_a_word_are_dropped() -> None:
    assert strip_glosses("老年网( )民持( )续增加") == "老年网民持续增加"


def test_real_brackets_stay() -> None:
    text = "打开应用(app)后，发展指数(EGDI)为0.8，见附表(一)，数(x)据"
    assert strip_glosses(text) == text


def test_an_emoji_gloss_goes_once_the_sanitiser_has_blanked_it(tmp_path: Path) -> None:
    page = tmp_path / "repost.txt"
    page.write_text("省政务服务平台上线\n\n截至6月，注册用(🐼)户达(da)1200万人，较上(🎈)年增长。\n", encoding="utf-8")
    article = read_article(page)
    assert "注册用户达1200万人，较上年增长" in article.text


@pytest.mark.parametrize(("glossed", "clean"), [
    ("報（bào）告", "報告"),  # traditional, full-width brackets, tone mark
    ("聯通31個省(自治區(qū)、直轄市)", "聯通31個省(自治區、直轄市)"),  # before punctuation
    ("在線服務（wù）達（dá）全球領（lǐng）先", "在線服務達全球領先"),
    ("绿(lǜ)色发展，绿(lv4)色出行", "绿色发展，绿色出行"),  # ü, and a tone number
    ("服务平台(✅)上线", "服务平台上线"),  # a bracket that holds only a symbol
])
def test_glosses_go_in_either_script_bracket_width_and_tone_spelling(glossed: str, clean: str) -> None:
    assert strip_glosses(glossed) == clean


def test_a_bracketed_letter_that_is_no_reading_of_its_character_stays() -> None:
    assert strip_glosses("第一条(a)规定，见附件(B)") == "第一条(a)规定，见附件(B)"
