"""DOCX page furniture: page setup, 报头 masthead, title bar, page-number footer, 报尾, borders."""

from __future__ import annotations

import datetime as _dt
import io
import zipfile

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from briefing.models import Briefing
from briefing.render import docx_styles as S
from briefing.render.font_fallback import Segment, text_segments
from briefing.render.style import Style
from briefing.render.text import distribution_lines, format_date, subject_line


def setup_page(document: DocumentObject, style: Style) -> None:
    """Paper, margins, footer distance and (gongwen) the 22-line document grid."""
    page = style.page
    section = document.sections[0]
    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    section.top_margin, section.bottom_margin = Mm(page.margin_top_mm), Mm(page.margin_bottom_mm)
    section.left_margin, section.right_margin = Mm(page.margin_left_mm), Mm(page.margin_right_mm)
    section.footer_distance = Mm(page.footer_distance_mm)
    section.header_distance = Mm(15)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    if style.is_gongwen:
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(style.spacing.line_pt * 20)))
    else:
        grid.set(qn("w:linePitch"), "360")


def add_border(paragraph: Paragraph, side: str, color: str, width_pt: float, space_pt: float = 1) -> None:
    """A paragraph border (`side` top|bottom); survives LibreOffice better than shapes."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.insert_element_before(borders, *S.ppr_after("w:pBdr"))
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(max(2, round(width_pt * 8))))  # eighths of a point
    edge.set(qn("w:space"), str(round(space_pt)))
    edge.set(qn("w:color"), color)
    borders.append(edge)


def add_shading(paragraph: Paragraph, fill: str) -> None:
    """A solid background behind a paragraph (the brief style's title bar)."""
    ppr = paragraph._p.get_or_add_pPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    ppr.insert_element_before(shd, *S.ppr_after("w:shd"))


def add_text(paragraph: Paragraph, text: str, style: Style, briefing: Briefing,
             east_asia: str | None = None, latin: str | None = None) -> object:
    """Runs with explicit run-level fonts (a character the faces lack in its fallback face);
    the last run is returned."""
    run = None
    for segment in text_segments(text) or [Segment("", None)]:
        run = S.add_run(paragraph, segment.text)
        family = segment.face.family if segment.face else None
        S.set_run_font(run, family or latin or style.fonts.latin,
                       family or east_asia or style.fonts.body, segment.text, briefing.language)
    return run


def add_masthead(document: DocumentObject, briefing: Briefing, style: Style) -> None:
    """Red 报头: classification top-left, name, 期号, issuer left + date right, red rule."""
    m, fonts = briefing.masthead, style.fonts
    top = S.add_paragraph(document, document, S.META)
    top.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    add_text(top, m.classification, style, briefing, east_asia=fonts.heading1)
    name = S.add_paragraph(document, document, S.MASTHEAD)
    name.paragraph_format.space_before = Pt(style.spacing.line_pt * style.masthead.space_before_lines)
    name.paragraph_format.space_after = Pt(style.sizes.masthead_meta * 0.6)  # as the PDF
    add_text(name, m.name, style, briefing, east_asia=fonts.masthead, latin=fonts.masthead)
    if m.issue_no:
        issue = S.add_paragraph(document, document, S.META)
        issue.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_text(issue, m.issue_no, style, briefing)
    line = S.add_paragraph(document, document, S.META)
    line.paragraph_format.tab_stops.add_tab_stop(Mm(style.text_width_mm), WD_TAB_ALIGNMENT.RIGHT)
    add_text(line, f"{m.issuer}\t{format_date(briefing.date, briefing.language)}", style, briefing)
    add_border(line, "bottom", style.colors.rule, style.masthead.rule_pt, space_pt=4)


def add_title(document: DocumentObject, briefing: Briefing, style: Style) -> None:
    """The title: centred 小标宋 22 pt under the rule, or white on a colour bar (brief style)."""
    title = S.add_paragraph(document, document, S.TITLE)
    add_text(title, briefing.title, style, briefing, east_asia=style.fonts.title,
             latin=style.fonts.latin_heading)
    pf = title.paragraph_format
    if style.colors.title_bar:
        add_shading(title, style.colors.title_bar)
        pf.left_indent = pf.right_indent = Pt(6)
        pf.space_after = Pt(4)
        add_meta_line(document, briefing, style)
        return
    pf.space_before = Pt(style.spacing.line_pt if style.masthead.draw else 0)
    pf.space_after = Pt(style.spacing.line_pt * style.spacing.title_lines_after)


def add_meta_line(document: DocumentObject, briefing: Briefing, style: Style) -> None:
    """Brief style: "name · issue · issuer · date" under the title bar."""
    m = briefing.masthead
    parts = [m.name, m.issue_no, m.issuer, format_date(briefing.date, briefing.language)]
    meta = S.add_paragraph(document, document, S.META)
    meta.paragraph_format.space_after = Pt(style.spacing.line_pt * 0.6)
    add_text(meta, " · ".join(p for p in parts if p), style, briefing)


def add_signature(document: DocumentObject, briefing: Briefing, style: Style) -> None:
    """Gongwen without a 报头: issuer and date at the end, right-indented (unsealed format)."""
    indent = Pt(style.sizes.body * 2)
    for i, text in enumerate((briefing.masthead.issuer, format_date(briefing.date, "zh"))):
        if not text:
            continue
        p = document.add_paragraph()
        p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = indent
        p.paragraph_format.space_before = Pt(style.spacing.line_pt if i == 0 else 0)
        add_text(p, text, style, briefing)


def add_distribution(document: DocumentObject, briefing: Briefing, style: Style) -> None:
    """报尾: 报/送/发 lines between a thick rule above and below."""
    lines = distribution_lines(briefing)
    if not lines:
        return
    color, width = "000000", style.masthead.end_rule_pt
    for i, text in enumerate(lines):
        p = S.add_paragraph(document, document, S.END)
        p.paragraph_format.keep_with_next = i < len(lines) - 1  # the 报尾 never splits over pages
        p.paragraph_format.keep_together = True
        add_text(p, text, style, briefing)
        if i == 0:  # a gap above the rule (the PDF puts the 报尾 at the page foot)
            p.paragraph_format.space_before = Pt(style.sizes.distribution)
            add_border(p, "top", color, width, space_pt=2)
        if i == len(lines) - 1:
            add_border(p, "bottom", color, width, space_pt=2)


def add_page_numbers(document: DocumentObject, style: Style, briefing: Briefing) -> None:
    """Footer "— n —" via a PAGE field; gongwen: odd pages right, even pages left, 1 字 in."""
    section = document.sections[0]
    page = style.page
    if page.number_alternate:
        document.settings.odd_and_even_pages_header_footer = True
        fill_footer(section.footer.paragraphs[0], style, briefing, WD_ALIGN_PARAGRAPH.RIGHT)
        fill_footer(section.even_page_footer.paragraphs[0], style, briefing, WD_ALIGN_PARAGRAPH.LEFT)
    else:
        fill_footer(section.footer.paragraphs[0], style, briefing, WD_ALIGN_PARAGRAPH.CENTER)


def fill_footer(paragraph: Paragraph, style: Style, briefing: Briefing,
                align: WD_ALIGN_PARAGRAPH) -> None:
    """One footer paragraph: the number format around a PAGE field."""
    pf = paragraph.paragraph_format
    pf.alignment = align
    pf.first_line_indent = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    one_char = Pt(style.sizes.page_number)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        pf.right_indent = one_char
    elif align == WD_ALIGN_PARAGRAPH.LEFT:
        pf.left_indent = one_char
    before, _, after = style.page.number_format.partition("{n}")
    for text in (before, None, after):
        if text is None:
            add_page_field(paragraph, style, briefing)
        elif text:
            footer_run(paragraph, text, style, briefing)


def footer_run(paragraph: Paragraph, text: str, style: Style, briefing: Briefing) -> object:
    """A page-number run in the page-number font (宋体 14 pt; the 一字线 needs the eastAsia hint)."""
    run = paragraph.add_run(text)
    S.set_rfonts(run._element.get_or_add_rPr(), style.fonts.latin, style.fonts.page_number,
                 hint=briefing.language != "en" or "—" in text)
    run.font.size = Pt(style.sizes.page_number)
    return run


def add_page_field(paragraph: Paragraph, style: Style, briefing: Briefing) -> None:
    """begin / instrText PAGE / separate / "1" / end: python-docx has no field API."""
    for kind in ("begin", "instr", "separate", "value", "end"):
        run = footer_run(paragraph, "1" if kind == "value" else "", style, briefing)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        elif kind != "value":
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def set_core_properties(document: DocumentObject, briefing: Briefing) -> None:
    """Title, author and dates from the briefing, so the same briefing gives the same file."""
    issued = briefing_datetime(briefing)
    props = document.core_properties
    props.title = briefing.title
    props.author = briefing.masthead.issuer or "briefing"
    props.last_modified_by = props.author
    props.created = props.modified = issued
    props.revision = 1
    props.language = "en-US" if briefing.language == "en" else "zh-CN"
    props.comments = ""
    props.subject = subject_line(briefing)


def briefing_datetime(briefing: Briefing) -> _dt.datetime:
    """The date of issue at midnight UTC (2000-01-01 when the date is not ISO)."""
    try:
        day = _dt.date.fromisoformat(briefing.date)
    except ValueError:
        day = _dt.date(2000, 1, 1)
    return _dt.datetime(day.year, day.month, day.day, tzinfo=_dt.UTC)


def normalize_zip(data: bytes, when: _dt.datetime) -> bytes:
    """Rewrite the package with fixed entry times: python-docx stamps the wall clock."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()
