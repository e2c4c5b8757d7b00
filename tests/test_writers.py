"""write_briefing, write_atomically and style presets."""

from __future__ import annotations

import json
import os
from pathlib import Path

import docx
import pytest
from docx.shared import Mm
from fixtures_briefing import chinese_briefing, english_briefing

import briefing.render.writers as writers
from briefing.errors import ConfigError, RenderError
from briefing.render import FILE_STEM, draw_charts, pdf_platypus, write_atomically, write_briefing
from briefing.render.base import RenderContext
from briefing.render.docx import DOCX_CHART_MARGIN
from briefing.render.style import available_styles, load_style


@pytest.mark.parametrize("make", [chinese_briefing, english_briefing], ids=["zh", "en"])
def test_write_docx_and_json(make, tmp_path):
    dest = tmp_path / "out" / "leadership"
    written = write_briefing(make(), dest, formats=("docx", "json"))
    assert written == [dest / "brief.docx", dest / "brief.json"]
    assert FILE_STEM == "brief"
    assert docx.Document(str(dest / "brief.docx")).core_properties.title == make().title
    assert json.loads((dest / "brief.json").read_text(encoding="utf-8"))["title"] == make().title
    assert sorted(p.name for p in dest.iterdir()) == ["brief.docx", "brief.json"]  # no temp files


def test_write_all_formats_including_pdf(tmp_path):
    from pypdf import PdfReader

    dest = tmp_path / "out" / "leadership"
    written = write_briefing(chinese_briefing(), dest)
    assert sorted(p.name for p in written) == ["brief.docx", "brief.json", "brief.pdf"]
    assert (dest / "brief.pdf").read_bytes().startswith(b"%PDF")
    assert len(PdfReader(str(dest / "brief.pdf")).pages) >= 1
    assert sorted(p.name for p in dest.iterdir()) == ["brief.docx", "brief.json", "brief.pdf"]
    assert not (tmp_path / "out" / ".cache").exists()  # fonts are cached per machine, not per out/


def test_write_atomically_replaces_on_success(tmp_path):
    target = tmp_path / "brief.json"
    target.write_text("old", encoding="utf-8")
    write_atomically(target, lambda tmp: tmp.write_text("new", encoding="utf-8"))
    assert target.read_text(encoding="utf-8") == "new"
    assert os.listdir(tmp_path) == ["brief.json"]


@pytest.mark.parametrize("partial", [True, False], ids=["half-written", "nothing-written"])
def test_write_atomically_keeps_previous_file_when_producer_fails(partial, tmp_path):
    target = tmp_path / "brief.docx"
    target.write_bytes(b"previous brief")

    def produce(tmp: Path) -> None:
        assert tmp.parent == target.parent and tmp != target
        if partial:
            tmp.write_bytes(b"half a fi")
        raise RuntimeError("writer crashed")

    with pytest.raises(RuntimeError, match="writer crashed"):
        write_atomically(target, produce)
    assert target.read_bytes() == b"previous brief"
    assert os.listdir(tmp_path) == ["brief.docx"]  # no temp file left behind


def test_write_atomically_without_previous_file(tmp_path):
    target = tmp_path / "brief.pdf"

    def produce(tmp: Path) -> None:
        tmp.write_bytes(b"x")
        raise ValueError("bad data")

    with pytest.raises(ValueError):
        write_atomically(target, produce)
    assert os.listdir(tmp_path) == []


class _BrokenWriter:
    name, suffix, help = "docx", ".docx", "always fails"

    def write(self, briefing, ctx, path):
        path.write_bytes(b"partial")
        raise RuntimeError("boom")


def test_failed_writer_keeps_previous_file_and_others_still_run(tmp_path, monkeypatch):
    dest = tmp_path / "leadership"
    dest.mkdir()
    (dest / "brief.docx").write_bytes(b"previous brief")
    monkeypatch.setitem(writers.WRITERS, "docx", _BrokenWriter)
    with pytest.raises(RenderError) as err:
        write_briefing(chinese_briefing(), dest, formats=("docx", "json"))
    assert "docx" in str(err.value) and "boom" in str(err.value)
    assert (dest / "brief.docx").read_bytes() == b"previous brief"
    assert (dest / "brief.json").is_file()
    assert sorted(os.listdir(dest)) == ["brief.docx", "brief.json"]


def docx_chart_widths_emu(path: Path) -> list[int]:
    """The width of every picture of a .docx, in EMU."""
    return [shape.width for shape in docx.Document(str(path)).inline_shapes]


def test_docx_is_the_same_whatever_is_written_before_it(tmp_path):
    """Writers share nothing but a read-only context: the DOCX alone, or before the PDF, has
    the bytes of the DOCX written after the PDF, charts at the page layout's size."""
    briefing = chinese_briefing()

    def docx_written_with(formats: tuple[str, ...]) -> Path:
        dest = tmp_path / "-".join(formats)  # its own font cache: a layout of its own
        write_briefing(briefing, dest / "brief", formats=formats, cache_dir=dest / "fonts")
        return dest / "brief" / "brief.docx"

    after_pdf = docx_written_with(("pdf", "docx"))
    for formats in (("docx",), ("docx", "pdf"), ("json", "docx")):
        assert docx_written_with(formats).read_bytes() == after_pdf.read_bytes(), formats
    ctx = RenderContext(style=load_style(briefing.style), charts=draw_charts(briefing))
    laid_out = pdf_platypus.lay_out_pdf(briefing, ctx).chart_widths_mm
    expected = [int(Mm(laid_out[b.chart_id] * DOCX_CHART_MARGIN))
                for b in briefing.blocks if b.kind == "chart"]
    assert expected and docx_chart_widths_emu(after_pdf) == expected


def test_a_failed_page_layout_is_the_pdf_failure_and_the_docx_takes_the_style_width(
        tmp_path, monkeypatch):
    def broken_layout(briefing, ctx):
        raise RuntimeError("layout boom")

    monkeypatch.setattr(writers, "lay_out_pdf", broken_layout)  # the chart measurement
    monkeypatch.setattr(pdf_platypus, "lay_out_pdf", broken_layout)  # the PDF writer
    briefing = chinese_briefing()
    dest = tmp_path / "leadership"
    with pytest.raises(RenderError) as err:
        write_briefing(briefing, dest)
    assert err.value.message == "pdf: RuntimeError: layout boom"  # the only failure
    assert sorted(os.listdir(dest)) == ["brief.docx", "brief.json"]
    width = int(Mm(load_style(briefing.style).spacing.chart_width_mm))
    assert docx_chart_widths_emu(dest / "brief.docx") == [width]


def test_builtin_presets_load():
    assert {"gongwen", "brief"} <= set(available_styles())
    gongwen, brief = load_style("gongwen"), load_style("brief")
    assert (gongwen.page.margin_top_mm, gongwen.page.margin_bottom_mm,
            gongwen.page.margin_left_mm, gongwen.page.margin_right_mm) == (37, 35, 28, 26)
    assert gongwen.text_width_mm == pytest.approx(156)
    assert brief.name == "brief" and brief.masthead.draw is False
    assert brief.page.width_mm == 210  # left out of brief.toml: the default


@pytest.mark.parametrize("content, word", [
    ("[page]\nmargin_top_mm = 30\nbogus_key = 1\n", "bogus_key"),
    ("paper = \"A4\"\n", "paper"),
    ("[pages]\nmargin_top_mm = 30\n", "pages"),
], ids=["key-in-section", "top-level-key", "unknown-section"])
def test_unknown_style_key_names_the_file(content, word, tmp_path):
    path = tmp_path / "custom.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_style("custom", (tmp_path,))
    assert err.value.file == str(path)
    assert str(path) in str(err.value) and word in str(err.value)


@pytest.mark.parametrize("content", [
    "[page]\nmargin_top_mm = \"thirty\"\n",
    "[masthead]\ndraw = 1\n",
    "page = 3\n",
    "[page\n",
])
def test_bad_style_values_are_config_errors(content, tmp_path):
    path = tmp_path / "custom.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_style("custom", (tmp_path,))
    assert err.value.file == str(path)


def test_style_int_accepted_for_float(tmp_path):
    (tmp_path / "custom.toml").write_text("[sizes]\nbody = 12\n", encoding="utf-8")
    style = load_style("custom", (tmp_path,))
    assert style.sizes.body == 12.0 and isinstance(style.sizes.body, float)
    assert style.name == "custom"


def test_unknown_style_preset(tmp_path):
    with pytest.raises(ConfigError, match="unknown style preset 'nope'"):
        load_style("nope", (tmp_path,))


# --------------------------------------------------------------------------- gongwen headings


def test_gongwen_heading_numbers_are_counted_per_level():
    from briefing.models import Block, Span
    from briefing.render.text import heading_levels, without_number

    blocks = (
        Block("heading", (Span("一、总体情况"),), level=2),
        Block("paragraph", (Span("正文"),)),
        Block("heading", (Span("三、主要数据"),), level=2),  # a gap the template left
        Block("heading", (Span("排名"),), level=3),
        Block("heading", (Span("（五）指数"),), level=3),
        Block("heading", (Span("建议"),), level=2),
    )
    levels = heading_levels(blocks, numbered=True)
    assert levels == {0: (1, "一、"), 2: (1, "二、"), 3: (2, "（一）"), 4: (2, "（二）"),
                      5: (1, "三、")}
    assert without_number(blocks[4].spans)[0].text == "指数"
    assert heading_levels(blocks, numbered=False)[3] == (3, "")


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"),
                                         (35, "三十五")])
def test_chinese_numbers(n, text):
    from briefing.render.text import chinese_number

    assert chinese_number(n) == text


def test_a_citation_of_hundreds_of_sources_prints_twenty_numbers_and_counts_the_rest():
    from briefing.models import Span
    from briefing.render.pdf_parts import cite_markup
    from briefing.render.text import MAX_CITE_KEYS, cite_marker

    many = Span("", "cite", tuple(range(1, 301)))
    shown = ",".join(str(k) for k in range(1, MAX_CITE_KEYS + 1))
    assert cite_marker(many) == f"[{shown},+{300 - MAX_CITE_KEYS}]"
    markup = cite_markup(many, load_style("gongwen"), superscript=False)
    assert markup.count("<a href=") == MAX_CITE_KEYS and markup.endswith(f",+{300 - MAX_CITE_KEYS}]")
    few = Span("", "cite", (1, 3))
    assert cite_marker(few) == "[1,3]"
