"""Every character prints: a per-character chain of pip-shipped fallback faces for the PDF and
the DOCX, a visible placeholder for a character no face has, and never a failed audience."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import docx
import pytest
from fixtures_briefing import T, chinese_briefing
from pypdf import PdfReader

from briefing.models import Block
from briefing.read import read_article
from briefing.render import draw_charts, font_fallback, fonts
from briefing.render.base import RenderContext
from briefing.render.docx import DocxWriter
from briefing.render.pdf_platypus import PdfWriter
from briefing.render.style import load_style

CHECK, EXT_B_COVERED, EXT_B_NONE, POLISH = "✅", "𠮷", "𠀀", "ą"


@pytest.fixture(autouse=True)
def _no_configured_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fonts.ENV_FONT, raising=False)


def primaries() -> list[Path]:
    return [fonts.bundled_font_path(face) for face in font_fallback.PRIMARY_FACES]


def test_each_character_a_primary_face_lacks_gets_the_first_chain_face_that_has_it() -> None:
    chosen = font_fallback.choose_faces(f"政务{CHECK}{EXT_B_COVERED}{POLISH}", primaries())
    assert "政" not in chosen  # the brief's own faces draw it
    assert chosen[CHECK].family == "Noto Emoji"
    assert chosen[EXT_B_COVERED].family == "Noto Sans CJK JP"
    assert chosen[POLISH].family == "Noto Sans"


def test_a_character_no_face_has_is_the_placeholder_in_print() -> None:
    chosen = font_fallback.choose_faces(EXT_B_NONE, primaries())
    assert chosen == {EXT_B_NONE: None}
    segments = list(font_fallback.segments(f"数据{EXT_B_NONE}共享", chosen))
    assert "".join(s.text for s in segments) == f"数据{font_fallback.PLACEHOLDER}共享"


def test_pdf_markup_wraps_fallback_runs_in_font_tags_and_escapes_the_rest() -> None:
    chosen = font_fallback.choose_faces(CHECK, primaries())
    font_fallback.use_in_pdf(chosen, {"Noto Emoji": "NotoEmoji-x"})
    try:
        assert font_fallback.pdf_markup(f"A&B{CHECK}完成") == (
            f'A&amp;B<font name="NotoEmoji-x">{CHECK}</font>完成')
    finally:
        font_fallback.use_in_pdf({}, {})


def _briefing_with(text: str):  # type: ignore[no-untyped-def]
    b = chinese_briefing()
    return dataclasses.replace(b, blocks=(*b.blocks, Block("paragraph", (T(text),))))


def test_a_brief_with_symbols_extension_b_and_other_scripts_renders_to_pdf(tmp_path: Path) -> None:
    text = f"评估结果{CHECK}已公布，涉及{EXT_B_COVERED}野家与{EXT_B_NONE}字，另见Gdańsk与مرحبا。"
    b = _briefing_with(text)
    ctx = RenderContext(style=load_style(b.style), charts=draw_charts(b), cache_dir=tmp_path / "f")
    PdfWriter().write(b, ctx, tmp_path / "brief.pdf")
    reader = PdfReader(str(tmp_path / "brief.pdf"))
    names = {str(f.get_object()["/BaseFont"]) for page in reader.pages
             for f in (page["/Resources"].get("/Font") or {}).values()}
    assert any("NotoEmoji" in n for n in names) and any("NotoSansArabic" in n for n in names)
    printed = "".join(page.extract_text() for page in reader.pages)
    assert CHECK in printed and font_fallback.PLACEHOLDER in printed


def test_docx_runs_name_the_fallback_face_of_their_characters(tmp_path: Path) -> None:
    b = _briefing_with(f"评估结果{CHECK}已公布，见Wrocław, ul. Piękną与{EXT_B_NONE}。")
    ctx = RenderContext(style=load_style(b.style), charts=draw_charts(b), cache_dir=tmp_path / "f")
    DocxWriter().write(b, ctx, tmp_path / "brief.docx")
    runs = [r for p in docx.Document(str(tmp_path / "brief.docx")).paragraphs for r in p.runs]
    check = next(r for r in runs if r.text == CHECK)
    assert check.font.name == "Noto Emoji"
    assert any(r.text == POLISH and r.font.name == "Noto Sans" for r in runs)
    assert any(font_fallback.PLACEHOLDER in r.text for r in runs)


def test_the_reader_warns_once_naming_the_article_and_keeps_the_character(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    page = tmp_path / "rare.txt"
    page.write_text("数字政府建设再提速\n\n截至2024年底，全省政务服务事项全部实现网上办理，"
                    f"其中{EXT_B_NONE}县率先完成。\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        article = read_article(page)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "rare.txt" in warnings[0] and "U+20000" in warnings[0]
    assert "environment" not in warnings[0] and fonts.ENV_FONT not in warnings[0]
    assert EXT_B_NONE in article.text  # the audit record keeps the original
    assert any("U+20000" in p for p in article.problems)
