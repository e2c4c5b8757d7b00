"""Pages a reader accepts: a sentence printed once, one language per brief, a bounded what's
new, tables without broken words, and the checks of what the pages show."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from fixtures_briefing import chinese_briefing
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing.compose import compose
from briefing.compose.glossary import readable, romanised, to_language
from briefing.compose.sections import number_style
from briefing.compose.templates import load_template
from briefing.compose.whats_new import summarize
from briefing.consolidate.merge import consolidate
from briefing.evaluate import pages
from briefing.extract import extract
from briefing.models import Block, Briefing, Corpus, Span
from briefing.printed import Printed, printed_body, run_text, statement_runs
from briefing.read import read_articles
from briefing.reissue.changes import Changes, FigureChange, OldCitation, summary_lines
from briefing.render import draw_charts, pdf_cjkwrap
from briefing.render import pdf_parts as parts
from briefing.render.base import RenderContext
from briefing.render.docx import DocxWriter
from briefing.render.notes import figure_quotes
from briefing.render.pdf_platypus import PdfBlockVisitor, column_widths
from briefing.render.style import load_style
from briefing.render.text import words_of

ISSUE = dt.date(2026, 12, 7)
ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"


@functools.cache
def corpus() -> Corpus:
    read, skipped = read_articles(ARTICLES)
    return consolidate(read, tuple(extract(a) for a in read), skipped=skipped)


@functools.cache
def brief(audience: str) -> Briefing:
    return compose(corpus(), load_template(audience), ISSUE)


def body_text(briefing: Briefing, *, appendix: bool = True) -> str:
    return "\n".join(run_text(run) for block in briefing.blocks
                     if appendix or block.role != "appendix" for run in statement_runs(block))


# --------------------------------------------------------------------------- printed once


def test_printed_covers_a_sentence_printed_whole_or_in_part() -> None:
    printed = Printed(["首先，全国一体化在线政务服务平台的初步建立，国家级政务服务入口得以打通"])
    assert printed.covers("全国一体化在线政务服务平台的初步建立，国家级政务服务入口得以打通。")
    assert printed.covers("其中，全国一体化在线政务服务平台的初步建立，国家级政务服务入口得以打通，"
                          "政务服务更加便捷。")  # its words stand inside the longer sentence
    assert not printed.covers("数据共享和业务协同的长效机制还未形成。")


def test_the_appendix_lists_only_cited_sentences_nothing_else_prints() -> None:
    department = brief("department")
    body = printed_body(department.blocks)  # the appendix left out
    appendix = [run_text(run) for block in department.blocks if block.role == "appendix"
                for run in statement_runs(block)]
    assert appendix, "the samples cite sentences only the appendix prints"
    assert not [line for line in appendix if body.covers(line.strip("“”"))]
    quoted = {s for sentences in figure_quotes(department).values() for s in sentences}
    assert not [line for line in appendix if line.strip("“”") in quoted]


def test_notes_never_quote_a_sentence_the_brief_prints() -> None:
    for audience in ("department", "public", "english", "leadership"):
        briefing = brief(audience)
        printed = printed_body(briefing.blocks, skip_roles=())
        for sentences in figure_quotes(briefing).values():
            assert not [s for s in sentences if printed.covers(s)], audience


def test_no_sentence_is_printed_twice_in_any_brief() -> None:
    for audience in ("department", "public", "english", "leadership"):
        runs = [run_text(run) for block in brief(audience).blocks
                for run in statement_runs(block)]
        assert pages.repeated_sentences(runs) == [], audience


# --------------------------------------------------------------------------- language


def test_english_names_come_from_the_glossary_and_the_standards() -> None:
    assert to_language("网民规模", "en") == "Internet users"
    assert to_language("英国", "en") == "United Kingdom"
    assert to_language("欧洲", "en") == "Europe"
    assert to_language("杭州市", "en") == "Hangzhou"
    assert to_language("陕西省", "en") == "Shaanxi"  # not the pinyin of 陕西
    assert to_language("中国60岁及以上老年网民", "en") == "Internet users aged 60 and over in China"
    assert to_language("委预测", "en") is None and not readable("委预测", "en")
    assert to_language("National Government Service Platform", "zh") == "国家政务服务平台"
    assert to_language("EGDI", "zh") == "EGDI"  # acronyms stay
    assert romanised("潘洁", person=True) == "Pan Jie" and romanised("西安") == "Xi'an"


def test_an_english_brief_prints_no_chinese_outside_quotation_marks() -> None:
    english = brief("english")
    assert pages.foreign_words(body_text(english), "en") == []
    assert "(in Chinese)" in body_text(english)  # the problems it quotes say so


def test_a_chinese_brief_prints_no_latin_word_but_acronyms() -> None:
    for audience in ("department", "public", "leadership"):
        assert pages.foreign_words(body_text(brief(audience)), "zh") == [], audience


# --------------------------------------------------------------------------- what's new


def _figure(metric: str, period: str, value: float, raw: str, **old: object) -> FigureChange:
    return FigureChange(metric, "中国", period, "rank", raw, value, **old)


def test_whats_new_is_the_counts_and_at_most_its_bound_of_items_revisions_first() -> None:
    claims = {(c.metric, c.subject, c.period): c for c in corpus().claims if c.stated}
    keyed = [k for k, c in claims.items() if c.key and c.unit == "rank"][:3]
    new = tuple(FigureChange(m, s, p, "rank", claims[(m, s, p)].raw, claims[(m, s, p)].value)
                for m, s, p in keyed)
    m, s, p = keyed[0]
    revised = FigureChange(m, s, p, "rank", claims[(m, s, p)].raw, claims[(m, s, p)].value,
                           old_raw="第99位", old_value=99.0,
                           old_citations=(OldCitation("gone.txt", "新华社", "…"),))
    changes = Changes(1, "2026-11-30", new_figures=new, revised_figures=(revised,))
    news = summarize(changes, corpus(), number_style(load_template("department")), "zh",
                     max_lines=3)
    assert news.new_figures == 3 and news.revised_figures == 1
    assert len(news.items) == 2 and news.items[0].revised  # the bound, revisions first
    assert news.items[0].old_sources == ("新华社",) and news.more == 2


def test_the_leadership_brief_keeps_its_line_of_what_is_new_when_trimmed_to_fit() -> None:
    """A leader reading a later issue is told what changed, however tight the two pages are:
    trimming takes the chart and list items, never that one line."""
    claim = next(c for c in corpus().claims if c.stated and c.key)
    changes = Changes(1, "2026-11-30", new_figures=(
        FigureChange(claim.metric, claim.subject, claim.period, claim.unit, claim.raw,
                     claim.value),))
    trimmed = compose(corpus(), load_template("leadership"), ISSUE, changes=changes,
                      page_count=lambda briefing: 99)  # never fits: trim all that may go
    text = "".join(run_text(run) for block in trimmed.blocks for run in statement_runs(block))
    assert "本期新增" in text and "与第1期相比" in text
    assert not any(block.kind == "chart" for block in trimmed.blocks)


def test_a_chinese_brief_quotes_figures_in_source_words_only_from_chinese_sources() -> None:
    import dataclasses

    from briefing.compose.views import source_figures

    chinese = corpus()
    english = dataclasses.replace(chinese, articles=tuple(
        dataclasses.replace(a, language="en") for a in chinese.articles))
    assert source_figures(chinese, (), "zh") == source_figures(chinese) != ()
    assert source_figures(english, (), "zh") == ()
    assert source_figures(english, (), "en") == source_figures(chinese)


def test_a_second_value_beside_a_standing_one_is_no_revision() -> None:
    claim = next(c for c in corpus().claims if c.stated and c.key)
    standing = FigureChange(claim.metric, claim.subject, claim.period, claim.unit, "1", 1.0,
                            old_raw=claim.raw, old_value=claim.value)
    news = summarize(Changes(1, "2026-11-30", revised_figures=(standing,)), corpus(),
                     number_style(load_template("department")), "zh", 6)
    assert news.revised_figures == 0 and not news.items


def test_the_mail_summary_is_bounded_and_in_one_punctuation_style() -> None:
    many = tuple(_figure(f"指标{i}", "2024", i, f"第{i}位") for i in range(1, 10))
    lines = summary_lines(Changes(2, "2026-11-30", new_figures=many), "zh")
    assert len(lines) == 5 and lines[0].startswith("与第2期相比：新增来源0篇，新增数据9项")
    assert not any(":" in line or "," in line for line in lines)
    english = summary_lines(Changes(2, "2026-11-30", new_figures=many[:1]), "en")
    assert english[0] == "Since issue 2: 0 new sources, 1 new figure, 0 revised figures."
    assert summary_lines(Changes(2, "2026-11-30"), "zh") == []


# --------------------------------------------------------------------------- tables


def _pdf_visitor(briefing: Briefing) -> tuple[PdfBlockVisitor, parts.PdfStyles]:
    style = load_style(briefing.style)
    ctx = RenderContext(style=style, charts={})
    parts.apply_kinsoku()
    pdf_cjkwrap.install()
    styles = parts.make_styles(style, parts.register_fonts(briefing, ctx), briefing.language)
    return PdfBlockVisitor(briefing, ctx, styles), styles


def test_pdf_table_columns_hold_their_longest_word() -> None:
    english = brief("english")
    table = next(b for b in english.blocks if b.kind == "table")
    _, styles = _pdf_visitor(english)
    columns = len(table.rows[0])
    widths = column_widths(table, columns, 160 * 2.835, styles.table, styles.table_header)
    for r, row in enumerate(table.rows):
        face = styles.table_header if r == 0 else styles.table
        for c, cell in enumerate(row):
            text = "".join(s.text for s in cell if s.kind != "cite")
            longest = max((stringWidth(w, face.fontName, face.fontSize) for w in words_of(text)),
                          default=0)
            assert longest + 10 <= widths[c], (text, widths[c])


def test_a_number_keeps_its_measure_word_and_a_word_its_letters_on_one_line() -> None:
    briefing = chinese_briefing()
    visitor, styles = _pdf_visitor(briefing)
    for text, width, whole in (("2023年3月", 55, "3月"), ("e-government平台", 110, "e-government")):
        para = visitor.paragraph((Span(text),), styles.table, superscript=False)
        para.wrap(width, 200)
        lines = ["".join(str(w) for w in line[1]) for line in para.blPara.lines]
        assert "".join(lines) == text
        assert any(whole in line for line in lines), lines  # never split over two lines


def test_docx_table_rows_never_split_and_the_header_row_repeats(tmp_path: Path) -> None:
    briefing = brief("english")
    path = tmp_path / "brief.docx"
    DocxWriter().write(briefing, RenderContext(style=load_style(briefing.style),
                                               charts=draw_charts(briefing)), path)
    table = docx.Document(str(path)).tables[0]
    rows = [row._tr.trPr for row in table.rows]
    assert all(trpr is not None and trpr.find(qn("w:cantSplit")) is not None for trpr in rows)
    assert rows[0].find(qn("w:tblHeader")) is not None


# --------------------------------------------------------------------------- the page checks


def test_the_page_checks_find_a_repeat_a_broken_word_and_a_foreign_word() -> None:
    page_one = "数据共享和业务协同的长效机制还未形成。"
    page_two = "• 数据共享和业务协同的长效机制还未形成[7]"
    assert pages.repeated_sentences([page_one, page_two])
    assert pages.broken_words(["Metric Subjec", "t Period"], {"Subject", "Metric"}) == ["Subjec|t"]
    assert pages.broken_words(["the e-", "government site"], {"e-government"}) == []
    assert pages.broken_words(["2020-12-", "24"], {"2020-12-24"}) == ["2020-12-|24"]
    assert pages.foreign_words("We quote “网民规模” (in Chinese).", "en") == []
    assert pages.foreign_words("网民规模 grew", "en") == ["网民规模"]
    assert pages.foreign_words("我国EGDI与5G、IPv6，见www.gov.cn", "zh") == []
    assert pages.foreign_words("National Government Service Platform实名注册用户", "zh")


def test_what_a_reader_sees_of_a_docx_includes_its_footnote_marks(tmp_path: Path) -> None:
    briefing = chinese_briefing()
    out = tmp_path / "x"
    out.mkdir()
    ctx = RenderContext(style=load_style(briefing.style), charts=draw_charts(briefing))
    DocxWriter().write(briefing, ctx, out / "brief.docx")
    text = pages.docx_text(out / "brief.docx")
    assert any("^1" in line for line in text.body)
    assert text.footnotes and text.footnotes[0].startswith("^1 [")


@pytest.mark.parametrize("block, expected", [
    (Block("paragraph", (Span("The sources name these shortcomings:"),)), True),
    (Block("paragraph", (Span("以下见于2021年4月的来源："),)), True),
    (Block("paragraph", (Span("全文完。"),)), False),
])
def test_a_lead_in_line_keeps_with_what_it_introduces(block: Block, expected: bool) -> None:
    from briefing.render.text import leads_in

    assert leads_in(block) is expected
