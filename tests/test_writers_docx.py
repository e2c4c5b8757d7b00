"""DocxWriter: text and structure of brief.docx (read back with python-docx), never its bytes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from fixtures_briefing import chinese_briefing, english_briefing

from briefing.errors import RenderError
from briefing.compose.markup import plain_text
from briefing.models import Briefing, Masthead
from briefing.render import draw_charts
from briefing.render.base import RenderContext
from briefing.render.docx import DocxWriter
from briefing.render.style import load_style
from briefing.render.text import source_text, spans_text

BRIEFINGS = {"gongwen-zh": chinese_briefing, "brief-en": english_briefing}
W_R, W_T = qn("w:r"), qn("w:t")


def write_docx(briefing: Briefing, folder: Path) -> docx.document.Document:
    ctx = RenderContext(style=load_style(briefing.style), charts=draw_charts(briefing))
    path = folder / "brief.docx"
    DocxWriter().write(briefing, ctx, path)
    return docx.Document(str(path))


@pytest.fixture(scope="module", params=sorted(BRIEFINGS))
def case(request, tmp_path_factory):
    briefing = BRIEFINGS[request.param]()
    return briefing, write_docx(briefing, tmp_path_factory.mktemp(request.param))


@pytest.fixture(scope="module")
def gongwen(tmp_path_factory):
    briefing = chinese_briefing()
    return briefing, write_docx(briefing, tmp_path_factory.mktemp("gongwen"))


def body_texts(document) -> list[str]:
    """Paragraph texts and table-cell texts in document order (hyperlinked runs included)."""
    out: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            out.append(item.text)
        elif isinstance(item, Table):
            for row in item.rows:
                out.extend(cell.text for cell in row.cells)
    return out


def expected_texts(briefing: Briefing) -> list[str]:
    """Every printed text of the briefing's blocks, in order (citations are footnote
    references, which carry no text of their own)."""
    out: list[str] = []
    for block in briefing.blocks:
        if block.kind in ("heading", "paragraph"):
            out.append(plain_text(block.spans))
        elif block.kind == "list":
            out.extend(plain_text(item) for item in block.items)
        elif block.kind == "table":
            out.extend(plain_text(cell) for row in block.rows for cell in row)
    return out


def assert_in_order(needles: list[str], haystack: list[str]) -> None:
    """Each needle is contained in a haystack entry after the previous needle's entry."""
    position = 0
    for needle in needles:
        for i in range(position, len(haystack)):
            if needle in haystack[i]:
                position = i + 1
                break
        else:
            raise AssertionError(f"{needle!r} missing or out of order after entry {position}")


def superscript_runs(document) -> list[str]:
    texts = []
    for run in document.element.body.iter(W_R):
        rpr = run.find(qn("w:rPr"))
        align = rpr.find(qn("w:vertAlign")) if rpr is not None else None
        if align is not None and align.get(qn("w:val")) == "superscript":
            texts.append("".join(t.text or "" for t in run.iter(W_T)))
    return texts


def test_block_text_appears_in_document_order(case):
    briefing, document = case
    texts = body_texts(document)
    assert_in_order([briefing.title, *expected_texts(briefing)], texts)


def test_list_items_are_numbered_or_bulleted(case):
    briefing, document = case
    texts = body_texts(document)
    for block in (b for b in briefing.blocks if b.kind == "list"):
        for n, item in enumerate(block.items, start=1):
            prefix = f"{n}. " if block.ordered else "• "
            assert prefix + plain_text(item) in texts


def test_headings_use_heading_styles(case):
    briefing, document = case
    by_text = {p.text: p.style.name for p in document.paragraphs}
    for block in (b for b in briefing.blocks if b.kind == "heading"):
        assert by_text[spans_text(block.spans)] == f"Heading {block.level}"


def test_tables_have_every_cell(case):
    briefing, document = case
    blocks = [b for b in briefing.blocks if b.kind == "table"]
    assert len(document.tables) == len(blocks)
    for table, block in zip(document.tables, blocks):
        assert len(table.rows) == len(block.rows)
        for row, block_row in zip(table.rows, block.rows):
            assert [c.text for c in row.cells] == [spans_text(s) for s in block_row]
        header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
        assert header is not None  # header row repeats on each page


def test_chart_is_an_inline_picture_with_the_chart_png(case):
    briefing, document = case
    pngs = draw_charts(briefing)
    chart_blocks = [b for b in briefing.blocks if b.kind == "chart"]
    shapes = document.inline_shapes
    assert len(shapes) == len(chart_blocks) >= 1
    for shape, block in zip(shapes, chart_blocks):
        rid = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        assert document.part.related_parts[rid].blob == pngs[block.chart_id]
        assert shape.width.mm == pytest.approx(load_style(briefing.style).spacing.chart_width_mm, abs=0.5)


def test_chart_placed_but_not_drawn_is_a_render_error(tmp_path):
    briefing = chinese_briefing()
    ctx = RenderContext(style=load_style(briefing.style), charts={})
    with pytest.raises(RenderError, match="egdi-rank"):
        DocxWriter().write(briefing, ctx, tmp_path / "brief.docx")


def test_gongwen_page_is_a4_with_gb_margins(gongwen):
    _, document = gongwen
    section = document.sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=1)
    assert section.page_height.mm == pytest.approx(297, abs=1)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [m.mm for m in margins] == pytest.approx([37, 35, 28, 26], abs=1)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"


@pytest.mark.parametrize("preset", ["gongwen", "gongwen-compact"])
def test_gongwen_variants_get_the_line_grid_and_no_faux_bold(preset, tmp_path):
    briefing = dataclasses.replace(chinese_briefing(), style=preset)
    document = write_docx(briefing, tmp_path)
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert grid.get(qn("w:linePitch")) == str(round(load_style(preset).spacing.line_pt * 20))
    assert not document.styles["Heading 1"].font.bold  # 黑体 is bold enough
    assert document.inline_shapes[0].width.mm == pytest.approx(
        load_style(preset).spacing.chart_width_mm, abs=0.5)


def test_brief_style_margins(tmp_path):
    document = write_docx(english_briefing(), tmp_path)
    section = document.sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=1)
    assert section.left_margin.mm == pytest.approx(25, abs=1)


def test_normal_style_has_east_asian_font(case):
    briefing, document = case
    rfonts = document.styles["Normal"].element.rPr.rFonts
    expected = load_style(briefing.style).fonts.body
    assert rfonts.get(qn("w:eastAsia")) == expected
    assert rfonts.get(qn("w:eastAsiaTheme")) is None


def test_gongwen_fonts_by_name(gongwen):
    _, document = gongwen
    east_asia = {name: document.styles[name].element.rPr.rFonts.get(qn("w:eastAsia"))
                 for name in ("Normal", "Heading 1", "Heading 2", "Brief Title")}
    assert east_asia == {"Normal": "仿宋_GB2312", "Heading 1": "黑体", "Heading 2": "楷体_GB2312",
                         "Brief Title": "方正小标宋简体"}
    assert document.styles["Normal"].font.size.pt == 16


def test_used_styles_and_defaults_have_no_theme_fonts(case):
    _, document = case
    used = {p.style.style_id for p in document.paragraphs}
    styles = document.styles.element
    checked = [styles.find(qn("w:docDefaults"))]
    checked += [s for s in styles.findall(qn("w:style")) if s.get(qn("w:styleId")) in used]
    assert len(checked) > 3
    for element in checked:
        for rfonts in element.iter(qn("w:rFonts")):
            for attr in ("w:eastAsiaTheme", "w:asciiTheme", "w:hAnsiTheme"):
                assert rfonts.get(qn(attr)) is None, (element.get(qn("w:styleId")), attr)


def test_every_text_run_carries_an_east_asian_font(case):
    _, document = case
    parts = [document.element.body]
    parts += [f._element for s in document.sections for f in (s.footer, s.even_page_footer)]
    runs = [r for part in parts for r in part.iter(W_R) if "".join(t.text or "" for t in r.iter(W_T))]
    assert len(runs) > 20
    for run in runs:
        rfonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert rfonts is not None and rfonts.get(qn("w:eastAsia")), run.xml[:200]
        assert rfonts.get(qn("w:eastAsiaTheme")) is None


def test_chinese_runs_hint_east_asia(gongwen):
    _, document = gongwen
    for run in document.element.body.iter(W_R):
        text = "".join(t.text or "" for t in run.iter(W_T))
        if "“" in text:  # General Punctuation: drawn with the hAnsi font unless hinted
            assert run.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:hint")) == "eastAsia"


# Latin text is English in both briefs: tagged zh-CN, LibreOffice breaks it inside words
@pytest.mark.parametrize("name, val", [("gongwen-zh", "en-US"), ("brief-en", "en-US")])
def test_language_is_tagged(name, val, tmp_path):
    document = write_docx(BRIEFINGS[name](), tmp_path)
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    for rpr in (defaults.find(qn("w:rPr")), document.styles["Normal"].element.rPr):
        lang = rpr.find(qn("w:lang"))
        assert lang.get(qn("w:eastAsia")) == "zh-CN"
        assert lang.get(qn("w:val")) == val


def cite_spans(briefing: Briefing) -> list:
    """Every cite span with keys, in reading order."""
    out = []
    for block in briefing.blocks:
        runs = [block.spans, *block.items, *(c for row in block.rows for c in row)]
        out += [s for spans in runs for s in spans if s.kind == "cite" and s.keys]
    return out


def footnotes_of(path: Path) -> dict[int, str]:
    """word/footnotes.xml read back: footnote id → its text (separators left out)."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/footnotes.xml"))
        rels = package.read("word/_rels/document.xml.rels").decode()
    assert "relationships/footnotes" in rels  # referenced from the document part
    notes = {}
    for note in root.iter(qn("w:footnote")):
        if note.get(qn("w:type")) is None:  # a non-breaking hyphen reads as a hyphen
            notes[int(note.get(qn("w:id")))] = "".join(
                "-" if t.tag == qn("w:noBreakHyphen") else t.text or ""
                for t in note.iter(W_T, qn("w:noBreakHyphen")))
    return notes


def test_one_real_footnote_per_cited_source_as_the_pdf_numbers_them(case, tmp_path):
    briefing, document = case
    path = tmp_path / "brief.docx"
    DocxWriter().write(briefing, RenderContext(style=load_style(briefing.style),
                                               charts=draw_charts(briefing)), path)
    notes = footnotes_of(path)
    keys = [k for span in cite_spans(briefing) for k in span.keys]  # [1,3] cites 1 and 3
    assert keys and sorted(notes) == list(range(1, len(keys) + 1))
    refs = [int(r.get(qn("w:id"))) for r in document.element.body.iter(qn("w:footnoteReference"))]
    assert refs == sorted(notes)  # referenced from the text, in order
    entries = {e.key: e for e in briefing.sources}
    first_seen: set[int] = set()
    for n, key in enumerate(keys, start=1):
        assert notes[n].lstrip().startswith(f"[{key}]")  # the PDF's source number
        if key not in first_seen:  # a source's first note describes it in full
            assert source_text(entries[key], briefing.language) in notes[n]
            first_seen.add(key)


def with_quotes(briefing: Briefing) -> Briefing:
    """The briefing with a made-up cited sentence on every cite (as compose attaches them)."""
    def quote(spans):
        return tuple(dataclasses.replace(s, quotes=tuple((k, f"来源{k}的原句：指标为{k}0。")
                                                           for k in s.keys))
                     if s.kind == "cite" else s for s in spans)
    blocks = tuple(dataclasses.replace(
        b, spans=quote(b.spans), items=tuple(quote(i) for i in b.items),
        rows=tuple(tuple(quote(c) for c in row) for row in b.rows)) for b in briefing.blocks)
    return dataclasses.replace(briefing, blocks=blocks)


def test_footnotes_quote_the_sentence_behind_a_figure_once(case, tmp_path):
    briefing = with_quotes(case[0])
    path = tmp_path / "brief.docx"
    DocxWriter().write(briefing, RenderContext(style=load_style(briefing.style),
                                               charts=draw_charts(briefing)), path)
    notes = footnotes_of(path)
    text = " ".join(notes.values())
    for key in {k for span in cite_spans(briefing) for k in span.keys}:
        assert text.count(f"“来源{key}的原句：指标为{key}0。”") <= 1  # quoted once, then 同注
    assert any("原句" in note for note in notes.values())  # the fixture's figures are quoted


def test_footnote_styles_are_exact_and_east_asian(gongwen):
    _, document = gongwen
    style = document.styles["Footnote Text"]
    assert style.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert style.font.size.pt == 9  # 小五
    rfonts = style.element.rPr.find(qn("w:rFonts"))
    assert rfonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert document.styles["Footnote Reference"].font.superscript


def test_bold_spans_are_bold_runs(gongwen):
    _, document = gongwen
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "第45位" in bold


def test_distribution_block_present(gongwen):
    briefing, document = gongwen
    texts = body_texts(document)
    lines = [f"{kind}：{who}" for kind, who in briefing.masthead.distribution]
    assert lines[0] == "报：市委、市政府领导同志。"
    assert_in_order(lines, texts)
    assert [t for t in texts if t][-len(lines):] == lines  # nothing after the 报尾


def test_distribution_block_is_kept_on_one_page(gongwen):
    _, document = gongwen
    paragraphs = document.paragraphs
    end = [i for i, p in enumerate(paragraphs) if p.style.name == "Brief End Block"]
    assert len(end) == 3
    assert paragraphs[end[0]].paragraph_format.space_before.pt > 0  # a gap above the rule
    assert [paragraphs[i].paragraph_format.keep_with_next for i in end] == [True, True, False]


@pytest.mark.parametrize("make", [
    english_briefing,
    lambda: dataclasses.replace(
        chinese_briefing(), masthead=dataclasses.replace(chinese_briefing().masthead, distribution=())
    ),
], ids=["english", "gongwen-without-distribution"])
def test_distribution_block_absent(make, tmp_path):
    document = write_docx(make(), tmp_path)
    texts = body_texts(document)
    assert not any(t.startswith(("报：", "送：", "发：")) for t in texts)
    assert not [p for p in document.paragraphs if p.style.name == "Brief End Block"]


def test_gongwen_masthead(gongwen):
    briefing, document = gongwen
    texts = body_texts(document)
    m = briefing.masthead
    assert_in_order([m.classification, m.name, m.issue_no, m.issuer, briefing.title], texts)
    assert "2026年11月20日" in "".join(texts)
    # the date sits at the right tab stop: a w:tab element, never a tab character in the text
    line = next(p for p in document.paragraphs if p.text.startswith(m.issuer))
    assert line._p.xpath(".//w:r/w:tab") and "\t" not in "".join(line._p.xpath(".//w:t/text()"))


def test_masthead_skipped_when_style_does_not_draw_it(tmp_path):
    document = write_docx(english_briefing(), tmp_path)
    assert not [p for p in document.paragraphs if p.style.name == "Brief Masthead"]
    assert any("Policy Brief · No. 1, 2026" in t for t in body_texts(document))


def test_gongwen_without_masthead_name_gets_a_signature(tmp_path):
    briefing = dataclasses.replace(chinese_briefing(), masthead=Masthead(issuer="数字政府研究室"))
    texts = body_texts(write_docx(briefing, tmp_path))
    assert "领导参阅" not in texts
    assert_in_order(["数字政府研究室", "2026年11月20日"], texts)


def test_core_properties(case):
    briefing, document = case
    props = document.core_properties
    assert props.title == briefing.title
    assert props.subject == f"{briefing.masthead.name} {briefing.masthead.issue_no}".strip()
    assert props.created.date().isoformat() == briefing.date


def test_page_number_field_in_footer(gongwen):
    _, document = gongwen
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for footer in (section.footer, section.even_page_footer):
        instr = "".join(i.text for i in footer._element.iter(qn("w:instrText")))
        assert instr.strip() == "PAGE"
        assert footer.paragraphs[0].text.startswith("—")


def test_same_briefing_same_document_text(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write_docx(chinese_briefing(), tmp_path / "a")
    second = write_docx(chinese_briefing(), tmp_path / "b")
    assert body_texts(first) == body_texts(second)


def test_short_table_columns_get_their_full_width_and_long_ones_share_the_rest() -> None:
    from briefing.models import Block, Span
    from briefing.render.text import column_widths_mm

    rows = (
        ((Span("指标"),), (Span("时间"),), (Span("数值"),)),
        ((Span("全国一体化在线政务服务平台实名注册用户"),), (Span("2020年"),), (Span("5亿人"),)),
    )
    widths = column_widths_mm(Block("table", rows=rows), 3, 156.0, 14.0, grid=True)
    assert abs(sum(widths) - 156.0) < 1e-6
    year_needed = len("2020") * 15.8 / 2 * 0.3528 + 15.8 * 0.3528  # four digits and 年
    assert widths[1] > year_needed
    assert widths[0] > widths[1] and widths[0] > widths[2]


def test_wide_text_columns_keep_room_when_short_columns_are_long() -> None:
    """Latin text in a brief-style table: a subject column is never squeezed to one letter
    a line because the value and corroboration columns want their full width."""
    from briefing.models import Block, Span
    from briefing.render.text import column_widths_mm

    header = ("Metric", "Subject", "Period", "Value", "Corroboration", "Sources")
    row = ("Individual users of the online service hall", "Beijing online service hall",
           "2020", "over 30 million", "several sources", "[1,2,3]")
    rows = tuple(tuple((Span(t),) for t in r) for r in (header, row))
    widths = column_widths_mm(Block("table", rows=rows), 6, 160.0, 9.0)
    assert abs(sum(widths) - 160.0) < 1e-6
    eight_letters = 8 * 9.0 / 2 * 0.3528
    assert min(widths) > eight_letters  # every column holds a word of eight letters
    assert widths[1] > widths[2]  # the subject gets more than the year


def test_reference_doc_styles_replace_the_writers(tmp_path):
    """An office's .docx (pandoc --reference-doc style): its Normal and Heading 1 win, runs
    carry no font of their own, styles it does not define keep the writer's."""
    reference = docx.Document()
    reference.styles["Normal"].font.name = "Office Letterhead Serif"
    reference.styles["Normal"].font.size = docx.shared.Pt(15)
    reference.styles["Heading 1"].font.color.rgb = docx.shared.RGBColor(0x12, 0x34, 0x56)
    ref_path = tmp_path / "letterhead.docx"
    reference.save(str(ref_path))
    briefing = dataclasses.replace(chinese_briefing(), reference_doc=str(ref_path))
    document = write_docx(briefing, tmp_path)
    assert document.styles["Normal"].font.name == "Office Letterhead Serif"
    assert document.styles["Normal"].font.size.pt == 15
    assert str(document.styles["Heading 1"].font.color.rgb) == "123456"
    assert document.styles["Brief Title"].font.size.pt == 22  # not in the reference: kept
    texts = {plain_text(b.spans) for b in briefing.blocks if b.kind == "paragraph" and not b.role}
    body = [p for p in document.paragraphs if p.text in texts]
    assert body and all(r.font.name is None for p in body for r in p.runs if r.text)


def test_unreadable_reference_doc_names_the_file(tmp_path):
    from briefing.errors import ConfigError

    bad = tmp_path / "letterhead.docx"
    bad.write_text("not a zip", encoding="utf-8")
    briefing = dataclasses.replace(chinese_briefing(), reference_doc=str(bad))
    with pytest.raises(ConfigError, match="letterhead.docx"):
        write_docx(briefing, tmp_path)


def test_template_reference_doc_is_resolved_in_the_template_chain(tmp_path):
    import datetime as dt
    import shutil

    from fixtures_compose import build_corpus

    from briefing.compose import compose
    from briefing.compose.templates import load_template

    root = Path(__file__).resolve().parent.parent / "briefing" / "builtin_templates"
    folder = tmp_path / "templates"
    shutil.copytree(root, folder)
    docx.Document().save(str(folder / "leadership" / "letterhead.docx"))
    config = folder / "leadership" / "template.toml"
    config.write_text('reference_doc = "letterhead.docx"\n' + config.read_text(encoding="utf-8"),
                      encoding="utf-8")
    template = load_template("leadership", (folder,))
    briefing = compose(build_corpus(), template, dt.date(2026, 11, 22))
    assert Path(briefing.reference_doc) == (folder / "leadership" / "letterhead.docx").resolve()


def test_list_citations_print_markers_and_the_source_list(tmp_path):
    """citations = "list" (gongwen-compact): no Word footnotes; [n] markers in the text and the
    numbered source list at the end, with the sentence behind each figure, as the PDF has."""
    briefing = with_quotes(dataclasses.replace(chinese_briefing(), style="gongwen-compact"))
    assert load_style("gongwen-compact").citations == "list"
    document = write_docx(briefing, tmp_path)
    assert not list(document.element.body.iter(qn("w:footnoteReference")))
    assert superscript_runs(document)  # the [n] markers
    texts = [t for t in body_texts(document) if t]
    sources = [p.text for p in document.paragraphs if p.style.name == "Brief Source"]
    assert [s.split("]")[0] + "]" for s in sources] == [f"[{e.key}]" for e in briefing.sources]
    assert "参考来源" in texts
    assert any("来源1的原句" in s for s in sources)
    assert texts.index("参考来源") < texts.index(sources[0])


def test_unknown_citation_mode_is_a_config_error(tmp_path):
    from briefing.errors import ConfigError
    from briefing.render.style import parse_style_file

    path = tmp_path / "odd.toml"
    path.write_text('citations = "endnotes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="citations must be one of footnotes, list"):
        parse_style_file(path, "odd")


def test_small_type_keeps_its_own_leading_off_the_line_grid(gongwen):
    """LibreOffice snaps even exact-spaced lines to the 28.95 pt grid; the masthead, source,
    table and picture styles opt out so the Word file keeps the PDF's pages."""
    _, document = gongwen

    def snaps(name: str) -> bool:
        snap = document.styles[name].element.pPr.find(qn("w:snapToGrid"))
        return snap is None or snap.get(qn("w:val")) not in ("0", "false")

    assert snaps("Normal")
    for name in ("Brief Masthead", "Brief Source", "Brief Table", "Brief Figure", "Brief Meta"):
        assert not snaps(name), name


def test_docx_chart_takes_the_width_the_pdf_drew_it_at(tmp_path):
    """Both writers through write_briefing: the PDF records each chart's drawn width and the
    DOCX picture uses it (less a small margin), so a shrunk chart is shrunk in both."""
    from briefing.render import write_briefing
    from briefing.render.docx import DOCX_CHART_MARGIN

    briefing = chinese_briefing()
    write_briefing(briefing, tmp_path, formats=("pdf", "docx"))
    document = docx.Document(str(tmp_path / "brief.docx"))
    pictures = document.inline_shapes
    assert len(pictures) == len(briefing.charts) >= 1
    nominal = load_style(briefing.style).spacing.chart_width_mm
    for picture in pictures:
        assert picture.width.mm <= nominal * DOCX_CHART_MARGIN + 0.01


def test_a_quotation_inside_a_quotation_takes_single_marks():
    from briefing.render.notes import quoted
    from briefing.render.text import in_quotes

    assert in_quotes("“十四五”国家数字政府规划") == "“‘十四五’国家数字政府规划”"
    assert quoted("达到全球“非常高”的\n水平。", "zh") == "“达到全球‘非常高’的 水平。”"
