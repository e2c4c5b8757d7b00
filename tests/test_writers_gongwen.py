"""The four briefs of the sample corpus read back: GB/T 9704 geometry and fonts in the DOCX,
bookmarks, metadata, embedded fonts and Chinese line breaking in the PDF, charts against the
audit record, each chart's caption on the chart's page, the 版记 on an even page."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from pypdf import PdfReader

from briefing.build import BuildOptions, build
from briefing.render.charts import chart_figure
from briefing.models import ChartSeries, ChartSpec

ROOT = Path(__file__).resolve().parent.parent
AUDIENCES = ("leadership", "department", "public", "english")
#: GB/T 15834 / the issue: these never open a line, and these never close one
CANNOT_START = "，。；：？！）》”"
CANNOT_END = "（《“"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("briefs")
    report = build(BuildOptions(ROOT / "data" / "articles", out, tuple(AUDIENCES),
                                issue_date=dt.date(2026, 11, 22)))
    assert not report.failed
    return out


def record(built: Path, audience: str) -> dict:
    return json.loads((built / audience / "brief.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- DOCX


def test_gongwen_docx_page_margins_grid_and_body(built: Path) -> None:
    document = docx.Document(str(built / "department" / "brief.docx"))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 28.95 pt: 22 lines in the 225 mm type area
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing.pt == pytest.approx(28.95, abs=0.05)
    assert normal.paragraph_format.first_line_indent.pt == 32  # 2 字
    assert document.styles["Brief Title"].font.size.pt == 22


@pytest.mark.parametrize(("style", "east_asia", "size"), [
    ("Normal", "仿宋_GB2312", 16), ("Heading 1", "黑体", 16), ("Heading 2", "楷体_GB2312", 16),
    ("Heading 3", "仿宋_GB2312", 16), ("Brief Title", "方正小标宋简体", 22),
    ("Brief Masthead", "方正小标宋简体", 36), ("Brief End Block", "仿宋_GB2312", 14),
])
def test_gongwen_docx_style_fonts_east_asian_and_hinted(built: Path, style: str, east_asia: str,
                                                        size: float) -> None:
    document = docx.Document(str(built / "department" / "brief.docx"))
    target = document.styles[style]
    rfonts = target.element.rPr.find(qn("w:rFonts"))
    assert rfonts.get(qn("w:eastAsia")) == east_asia
    assert rfonts.get(qn("w:hint")) == "eastAsia"
    if style != "Brief Masthead":  # the 报头 name is all 小标宋, Latin included
        assert rfonts.get(qn("w:ascii")) == "Times New Roman"
    assert target.font.size.pt == size
    assert target.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY


def test_gongwen_docx_page_numbers_odd_right_even_left(built: Path) -> None:
    document = docx.Document(str(built / "leadership" / "brief.docx"))
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and odd.paragraph_format.right_indent.pt == 14
    assert even.alignment == WD_ALIGN_PARAGRAPH.LEFT and even.paragraph_format.left_indent.pt == 14
    assert odd.text.startswith("— ") and odd.text.endswith(" —")
    assert all(r.font.size.pt == 14 for r in odd.runs if r.text.strip())


def test_headings_are_numbered_by_level_without_gaps(built: Path) -> None:
    document = docx.Document(str(built / "department" / "brief.docx"))
    level1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    numerals = "一二三四五六七八九十"
    expected = [f"{numerals[n]}、" if n < 10 else "" for n in range(len(level1))]
    assert [t[:2] for t in level1[:9]] == expected[:9]
    level2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert level2 and level2[0].startswith("（一）")


# --------------------------------------------------------------------------- PDF


@pytest.mark.parametrize("audience", AUDIENCES)
def test_pdf_page_size_metadata_and_embedded_fonts(built: Path, audience: str) -> None:
    reader = PdfReader(built / audience / "brief.pdf")
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    meta = reader.metadata
    assert meta.title and meta.author and meta.subject
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()[
                "/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]  # embedded
            names.add(str(font["/BaseFont"]))
    assert not any("Helvetica" in n or "Times" in n for n in names)
    assert any("Bold" in n for n in names)  # the bold face of 黑体 headings and bold runs


@pytest.mark.parametrize("audience", AUDIENCES)
def test_pdf_bookmarks_follow_the_headings(built: Path, audience: str) -> None:
    reader = PdfReader(built / audience / "brief.pdf")
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert len(titles) >= 3
    if audience != "english":
        assert titles[0].startswith("一、") and titles[1].startswith("二、")


def pdf_lines(path: Path) -> list[str]:
    """Lines of the PDF as laid out: pdftotext -layout when installed, else pypdf."""
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                             text=True, check=True).stdout
    else:
        out = "\n".join(p.extract_text(extraction_mode="layout") for p in PdfReader(path).pages)
    return [line.strip() for line in out.splitlines() if line.strip()]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_line_starts_or_ends_with_forbidden_punctuation(built: Path, audience: str) -> None:
    lines = pdf_lines(built / audience / "brief.pdf")
    assert len(lines) > 20
    assert [l for l in lines if l[0] in CANNOT_START] == []
    assert [l for l in lines if l[-1] in CANNOT_END] == []


def chart_pages(path: Path) -> list[int]:
    """Pages that draw an image (every image of a brief is a chart)."""
    reader = PdfReader(path)
    out = []
    for n, page in enumerate(reader.pages):
        objects = page["/Resources"].get("/XObject") or {}
        if any(o.get_object()["/Subtype"] == "/Image" for o in objects.values()):
            out.append(n)
    return out


@pytest.mark.parametrize("audience", AUDIENCES)
def test_each_chart_caption_is_on_the_chart_page_once(built: Path, audience: str) -> None:
    rec = record(built, audience)
    reader = PdfReader(built / audience / "brief.pdf")
    pages = chart_pages(built / audience / "brief.pdf")
    assert len(pages) >= (1 if rec["charts"] else 0)
    label = "Source" if audience == "english" else "资料来源："
    for n in pages:
        assert label in reader.pages[n].extract_text(), (audience, n + 1)


@pytest.mark.parametrize("audience", ("leadership", "department"))
def test_end_block_is_on_an_even_last_page(built: Path, audience: str) -> None:
    reader = PdfReader(built / audience / "brief.pdf")
    assert len(reader.pages) % 2 == 0
    assert "报：" in reader.pages[-1].extract_text()


# --------------------------------------------------------------------------- charts


def plotted(spec: ChartSpec) -> list[list[tuple[str, float]]]:
    """What the figure of `spec` draws, per series, read from its matplotlib artists."""
    axes = chart_figure(spec).axes[0]
    # x labels by where their ticks stand (a time axis places each period at its time)
    at = {round(float(x), 6): t.get_text()
          for x, t in zip(axes.get_xticks(), axes.get_xticklabels())}
    if spec.kind == "line":
        return [[(at[round(float(x), 6)], float(y)) for x, y in zip(*line.get_data())]
                for line in axes.get_lines()]
    if spec.kind == "bar":
        return [[(at[round(b.get_x() + b.get_width() / 2, 6)], b.get_height()) for b in c]
                for c in axes.containers]
    if spec.kind == "matrix":
        grid = axes.get_images()[0].get_array()
        columns = [x for x, _ in spec.series[0].points]
        return [[(columns[c], float(v)) for c, v in enumerate(row)] for row in grid]
    bars = [(p.get_x(), p.get_x() + p.get_width()) for p in axes.patches]
    # an open stage (至今) is an arrow from its start to the axis' edge
    arrows = [t.xyann[0] for t in axes.texts if getattr(t, "arrow_patch", None) is not None]
    dots = [float(line.get_xdata()[0]) for line in axes.get_lines()]
    return [bars, arrows, dots]


def spec_of(chart: dict) -> ChartSpec:
    series = tuple(ChartSeries(s["name"], tuple((x, y) for x, y in s["points"]),
                               labels=tuple(s.get("labels", ())), ends=tuple(s.get("ends", ())),
                               open_ends=tuple(s.get("open_ends", ())))
                   for s in chart["series"])
    return ChartSpec(chart["id"], chart["title"], chart["kind"], series)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_chart_draws_the_points_of_its_audit_record(built: Path, audience: str) -> None:
    for chart in record(built, audience)["charts"]:
        spec = spec_of(chart)
        drawn = plotted(spec)
        if spec.kind == "timeline":
            stages = [s for s in spec.series if s.ends]
            events = [s for s in spec.series if not s.ends]
            spans = [(y, e, bool(s.open_ends) and s.open_ends[i]) for s in stages
                     for i, ((_, y), e) in enumerate(zip(s.points, s.ends))]
            assert drawn[0] == [(y, e) for y, e, is_open in spans if not is_open]
            assert drawn[1] == [y for y, _, is_open in spans if is_open]
            assert drawn[2] == [y for s in events for _, y in s.points]
        else:
            assert drawn == [[(str(x), float(y)) for x, y in s.points] for s in spec.series]


def test_department_has_a_timeline_and_a_theme_matrix(built: Path) -> None:
    kinds = {c["kind"] for c in record(built, "department")["charts"]}
    assert {"line", "bar", "timeline", "matrix"} <= kinds


def test_rank_chart_is_inverted_so_up_is_better(built: Path) -> None:
    chart = next(c for c in record(built, "leadership")["charts"] if c["id"] == "egdi_rank")
    assert chart["invert_y"]  # a rank: 1 is best
    spec = ChartSpec(chart["id"], chart["title"], "line", spec_of(chart).series, invert_y=True)
    axes = chart_figure(spec).axes[0]
    bottom, top = axes.get_ylim()
    assert bottom > top
