"""PdfWriter (reportlab platypus): text, embedded fonts, links, line breaking, reproducibility."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest
from fixtures_briefing import LONG_PARAGRAPH, chinese_briefing, english_briefing
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from briefing.models import Briefing
from briefing.render import draw_charts
from briefing.render.base import RenderContext
from briefing.render.pdf_platypus import PdfWriter
from briefing.render.style import load_style


def write_pdf(briefing: Briefing, path: Path) -> PdfReader:
    """Write `briefing` with the real style and charts; return the reader of the file."""
    ctx = RenderContext(style=load_style(briefing.style), charts=draw_charts(briefing),
                        cache_dir=path.parent / "fonts")
    PdfWriter().write(briefing, ctx, path)
    return PdfReader(str(path))


def page_text(reader: PdfReader) -> str:
    """All extracted text, without line breaks (CJK lines break anywhere)."""
    return "".join(page.extract_text() for page in reader.pages).replace("\n", "")


def resolve(obj: object) -> object:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def page_fonts(reader: PdfReader) -> list[dict]:
    """Every font dictionary the pages use, with Type0 fonts replaced by their descendants."""
    fonts: list[dict] = []
    for page in reader.pages:
        resources = resolve(page.get("/Resources")) or {}
        for font in (resolve(resources.get("/Font")) or {}).values():
            font = resolve(font)
            if font.get("/Subtype") == "/Type0":
                fonts += [resolve(d) for d in resolve(font["/DescendantFonts"])]
            else:
                fonts.append(font)
    return fonts


@pytest.fixture(scope="module")
def chinese_pdf(tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    return write_pdf(chinese_briefing(), tmp_path_factory.mktemp("zh") / "brief.pdf")


@pytest.fixture(scope="module")
def english_pdf(tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    return write_pdf(english_briefing(), tmp_path_factory.mktemp("en") / "brief.pdf")


def test_chinese_pdf_has_title_masthead_body_and_sources(chinese_pdf: PdfReader) -> None:
    text = page_text(chinese_pdf)
    for expected in ("领导参阅", "内部参阅", "2026年第1期", "关于我国电子政务发展情况的综述",
                     "一、总体情况", "第45位", "参考来源", "张楠：中国电子政务发展大有可为",
                     "报：市委、市政府领导同志。", "— 1 —"):
        assert expected in text, expected
    assert "“放管服”改革不断深化" in text  # the long paragraph, across its line breaks


def test_markup_characters_are_escaped_not_interpreted(chinese_pdf: PdfReader) -> None:
    text = page_text(chinese_pdf)
    assert "（<优先>）" in text
    assert "A&B类指标" in text


def test_every_font_is_embedded_and_none_is_helvetica(chinese_pdf: PdfReader,
                                                       english_pdf: PdfReader) -> None:
    for reader in (chinese_pdf, english_pdf):
        fonts = page_fonts(reader)
        assert fonts
        for font in fonts:
            descriptor = resolve(font.get("/FontDescriptor")) or {}
            assert "/FontFile2" in descriptor, font.get("/BaseFont")
            assert "Helvetica" not in str(font.get("/BaseFont"))


def test_page_count_and_metadata(chinese_pdf: PdfReader) -> None:
    assert len(chinese_pdf.pages) > 0
    assert chinese_pdf.metadata.title == "关于我国电子政务发展情况的综述"
    assert chinese_pdf.metadata.author == "数字政府研究室编"


def test_page_size_is_a4(chinese_pdf: PdfReader) -> None:
    box = chinese_pdf.pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 210
    assert round(float(box.height) / 72 * 25.4) == 297


def test_citations_link_to_their_source_entries(chinese_pdf: PdfReader) -> None:
    """reportlab resolves <a href="#src1"> to explicit destinations: the page of the source
    list, at the height of each entry (one height per cited source)."""
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(chinese_pdf.pages)}
    source_page = next(n for n, page in enumerate(chinese_pdf.pages)
                       if "参考来源" in page.extract_text())
    targets = set()
    for page in chinese_pdf.pages:
        for annot in resolve(page.get("/Annots")) or []:
            annot = resolve(annot)
            if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
                dest = annot["/Dest"]
                targets.add((pages[dest[0].idnum], round(float(dest[3]))))
    assert {page for page, _ in targets} == {source_page}
    assert len({height for _, height in targets}) == 3  # sources 1, 2 and 3 are all cited


def test_english_brief_text(english_pdf: PdfReader) -> None:
    text = page_text(english_pdf)
    for expected in ("China's e-government", "Executive summary", "45th of 193", "Sources",
                     "三金工程", "Data sharing & standards", "(<i> is not markup)"):
        assert expected in text, expected
    assert "领导参阅" not in text


def test_writing_twice_gives_identical_text(tmp_path: Path) -> None:
    # each in its own folder, so with its own font cache: laid out twice, not kept from the first
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    first = page_text(write_pdf(chinese_briefing(), tmp_path / "a" / "brief.pdf"))
    second = page_text(write_pdf(chinese_briefing(), tmp_path / "b" / "brief.pdf"))
    assert first == second


def test_second_briefing_in_one_process_keeps_its_own_glyphs(tmp_path: Path) -> None:
    """reportlab aliases fonts by face name; a later audience must not reuse an earlier subset."""
    write_pdf(chinese_briefing(), tmp_path / "first.pdf")
    other = dataclasses.replace(chinese_briefing(), title="判突究鬱龘测试标题")
    text = page_text(write_pdf(other, tmp_path / "second.pdf"))
    assert "判突究鬱龘测试标题" in text


def test_brief_without_masthead_fields_skips_them(tmp_path: Path) -> None:
    public = dataclasses.replace(
        chinese_briefing(), masthead=dataclasses.replace(
            chinese_briefing().masthead, classification="", distribution=()))
    text = page_text(write_pdf(public, tmp_path / "public.pdf"))
    assert "内部参阅" not in text and "报：" not in text
    assert "领导参阅" in text


def wrapped_lines(markup: str, width: float = 442.2) -> list[str]:
    """The lines a gongwen body Paragraph breaks `markup` into."""
    from reportlab.platypus import Paragraph

    from briefing.render import pdf_cjkwrap, pdf_parts

    style = load_style("gongwen")
    pdf_parts.apply_kinsoku()
    pdf_cjkwrap.install()
    fonts = pdf_parts.register_fonts(chinese_briefing(), RenderContext(style=style))
    para = Paragraph(markup, pdf_parts.make_styles(style, fonts).body)
    para.wrap(width, 10_000)
    lines = para.blPara.lines
    if para.blPara.kind == 0:
        return ["".join(words) for _, words in lines]
    return ["".join(w.text for w in line.words) for line in lines]


def test_no_chinese_punctuation_or_citation_starts_a_line() -> None:
    markup = LONG_PARAGRAPH + '<super size="10">[3]</super>' + LONG_PARAGRAPH
    for width in range(250, 443, 3):
        lines = wrapped_lines(markup, float(width))
        assert "".join(lines) == LONG_PARAGRAPH + "[3]" + LONG_PARAGRAPH
        for line in lines[1:]:
            assert line[0] not in "，。；：？！”’》、）[", (width, line)


def test_numbers_stay_whole_across_line_breaks() -> None:
    text = "我国电子政务发展指数在193个联合国成员国中位居45名，" * 6 + '<super size="10">[1]</super>'
    for width in range(300, 443, 7):
        lines = wrapped_lines(text, float(width))
        for before, after in itertools.pairwise(lines):
            assert not (before[-1].isdigit() and after[0].isdigit()), (width, before, after)


def test_gongwen_without_masthead_name_signs_at_the_end(tmp_path: Path) -> None:
    plain = dataclasses.replace(
        chinese_briefing(), masthead=dataclasses.replace(chinese_briefing().masthead, name=""))
    text = page_text(write_pdf(plain, tmp_path / "plain.pdf"))
    assert "领导参阅" not in text
    assert text.index("数字政府研究室编") > text.index("参考来源")
    assert "2026年11月20日" in text


def test_leadership_brief_of_the_sample_corpus_is_at_most_two_pages(tmp_path: Path) -> None:
    """领导参阅: at most two pages, source list and 报尾 included (the PDF is the brief)."""
    import datetime as dt

    from pypdf import PdfReader

    from briefing.build import BuildOptions, build

    root = Path(__file__).resolve().parent.parent
    report = build(BuildOptions(root / "data" / "articles", tmp_path, ("leadership",),
                                issue_date=dt.date(2026, 11, 22)))
    assert not report.failed
    assert len(PdfReader(tmp_path / "leadership" / "brief.pdf").pages) <= 2
