"""PDF front matter: the red 报头 (gongwen) or the coloured title bar (brief style), and the title."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer, Table, TableStyle

from briefing.models import Briefing
from briefing.render import pdf_parts as parts
from briefing.render.style import Style
from briefing.render.text import format_date


def front_matter(briefing: Briefing, style: Style, styles: parts.PdfStyles) -> list[Flowable]:
    """Masthead (when the style draws one and the briefing names it), then the title."""
    out: list[Flowable] = []
    if style.masthead.draw and briefing.masthead.name:
        out += masthead_story(briefing, style, styles)
    if style.colors.title_bar:
        out += title_bar_story(briefing, style, styles)
    else:
        out += title_story(briefing, style, styles)
    return out


def masthead_story(briefing: Briefing, style: Style, styles: parts.PdfStyles) -> list[Flowable]:
    """Classification top-left (黑体), red name centred, 期号, issuer left + date right, red rule."""
    m = briefing.masthead
    out: list[Flowable] = []
    if m.classification:
        out.append(Paragraph(parts.plain(m.classification), styles.classification))
    out.append(Spacer(1, style.spacing.line_pt * style.masthead.space_before_lines))
    out.append(Paragraph(parts.plain(m.name), styles.masthead))
    out.append(Spacer(1, style.sizes.masthead_meta * 0.6))
    if m.issue_no:
        centred = ParagraphStyle("IssueNo", parent=styles.meta, alignment=TA_CENTER)
        out.append(Paragraph(parts.plain(m.issue_no), centred))
    out.append(issuer_date_line(briefing, style, styles))
    out.append(HRFlowable(width="100%", thickness=style.masthead.rule_pt, spaceBefore=1,
                          spaceAfter=0, color=parts.hex_color(style.colors.rule)))
    return out


def issuer_date_line(briefing: Briefing, style: Style, styles: parts.PdfStyles) -> Table:
    """编发单位 flush left and the date flush right on one line: a borderless 2-column table."""
    right = ParagraphStyle("MetaRight", parent=styles.meta, alignment=TA_RIGHT)
    date = format_date(briefing.date, briefing.language)
    width = style.text_width_mm * mm
    table = Table([[Paragraph(parts.plain(briefing.masthead.issuer), styles.meta),
                    Paragraph(parts.plain(date), right)]],
                  colWidths=[width * 0.6, width * 0.4])
    table.setStyle(TableStyle([
        parts.cell_font(styles.meta.fontName, style.sizes.masthead_meta),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
    ]))
    return table


def title_story(briefing: Briefing, style: Style, styles: parts.PdfStyles) -> list[Flowable]:
    """Centred 22 pt title, a line below the red rule, with blank lines after it."""
    out: list[Flowable] = []
    if style.masthead.draw:
        out.append(Spacer(1, style.spacing.line_pt))
    out.append(Paragraph(parts.plain(briefing.title), styles.title))
    out.append(Spacer(1, style.spacing.line_pt * style.spacing.title_lines_after))
    return out


def title_bar_story(briefing: Briefing, style: Style, styles: parts.PdfStyles) -> list[Flowable]:
    """Brief style: the title white on a colour bar, then "name · issue · issuer · date"."""
    width = style.text_width_mm * mm
    bar = Table([[Paragraph(parts.plain(briefing.title), styles.title)]], colWidths=[width])
    bar.setStyle(TableStyle([
        parts.cell_font(styles.title.fontName, style.sizes.title),
        ("BACKGROUND", (0, 0), (-1, -1), parts.hex_color(style.colors.title_bar)),
        ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
    ]))
    m = briefing.masthead
    fields = [m.name, m.issue_no, m.issuer, format_date(briefing.date, briefing.language)]
    meta_style = ParagraphStyle("MetaLine", parent=styles.meta,
                                      textColor=parts.hex_color(style.colors.note))
    meta = Paragraph(parts.plain(" · ".join(f for f in fields if f)), meta_style)
    return [bar, Spacer(1, 4), meta, Spacer(1, style.spacing.line_pt * 0.6)]
