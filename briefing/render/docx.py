"""DocxWriter: Briefing → brief.docx (python-docx), gongwen (GB/T 9704) or brief style.

Citations are real Word footnotes (docx_footnotes): one per citation, naming each source and
quoting the sentence behind a figure (the same notes the PDF's source list prints, from notes.py).
A style with `citations = "list"` prints superscript [n] markers and the PDF's numbered source
list instead, so a brief held to a page count lays out as its PDF does.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

import docx
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from briefing.errors import RenderError
from briefing.models import Block, Briefing, Span
from briefing.render import docx_parts as parts
from briefing.render import docx_styles as S
from briefing.render.base import RenderContext
from briefing.render.docx_footnotes import Footnotes
from briefing.render.docx_reference import apply_reference_styles
from briefing.printed import has_figure
from briefing.render.font_fallback import text_segments
from briefing.render.notes import Citation, source_list_texts
from briefing.render.style import Style
from briefing.render.text import (
    cite_marker,
    column_widths_mm,
    heading_levels,
    label,
    leads_in,
    without_number,
)

log = logging.getLogger(__name__)


#: share of the PDF's chart width the DOCX uses (see DocxBlockVisitor.visit_chart)
DOCX_CHART_MARGIN = 0.92


class DocxWriter:
    """brief.docx: A4 Word document with the East Asian font set on every style and run."""

    name = "docx"
    suffix = ".docx"
    help = "Word document (GB/T 9704 layout for the gongwen style)"
    #: draws each chart at the size the page layout gives it, so it keeps the PDF's pages
    uses_chart_widths = True

    def write(self, briefing: Briefing, ctx: RenderContext, path: Path) -> None:
        """Build the document and write it (deterministic bytes for the same briefing)."""
        document = build_document(briefing, ctx)
        buffer = io.BytesIO()
        document.save(buffer)
        path.write_bytes(parts.normalize_zip(buffer.getvalue(), parts.briefing_datetime(briefing)))


def build_document(briefing: Briefing, ctx: RenderContext) -> DocumentObject:
    """The whole document in memory."""
    style = ctx.style
    document = docx.Document()
    parts.setup_page(document, style)
    S.setup_styles(document, style, briefing.language)
    if briefing.reference_doc:
        apply_reference_styles(document, briefing.reference_doc)  # the office's styles win
    parts.set_core_properties(document, briefing)
    if style.masthead.draw and briefing.masthead.name:
        parts.add_masthead(document, briefing, style)
    parts.add_title(document, briefing, style)
    footnotes = Footnotes(document, briefing, style) if style.citations == "footnotes" else None
    visitor = DocxBlockVisitor(document, briefing, ctx, footnotes)
    blocks = briefing.blocks
    for i, block in enumerate(blocks):
        visitor.index, visitor.next_block = i, (blocks[i + 1] if i + 1 < len(blocks) else None)
        visitor.visit(block)
    if footnotes is None:
        add_source_list(document, briefing, style)
    if style.masthead.draw and not briefing.masthead.name:
        parts.add_signature(document, briefing, style)
    parts.add_distribution(document, briefing, style)
    parts.add_page_numbers(document, style, briefing)
    return document


class DocxBlockVisitor:
    """Turns each Block into paragraphs, tables or pictures."""

    def __init__(self, document: DocumentObject, briefing: Briefing, ctx: RenderContext,
                 footnotes: Footnotes | None = None):
        self.document, self.briefing, self.ctx, self.style = document, briefing, ctx, ctx.style
        self.footnotes = footnotes
        self.next_block: Block | None = None
        self.index = 0
        self.headings = heading_levels(briefing.blocks, ctx.style.heading_numbers)

    def spans(self, paragraph: Paragraph, spans: tuple[Span, ...], east_asia: str,
              latin: str | None = None, figure: bool | None = None) -> None:
        """add_spans with this document's footnotes."""
        add_spans(paragraph, spans, self.briefing, self.style, east_asia, latin,
                  footnotes=self.footnotes, figure=figure,
                  run_fonts=not self.briefing.reference_doc)  # a reference doc's fonts win

    def visit(self, block: Block) -> None:
        """Dispatch on block.kind; unknown kinds are logged and skipped."""
        method = getattr(self, f"visit_{block.kind}", None)
        if method is None:
            log.warning("docx: unknown block kind %r skipped", block.kind)
            return
        method(block)

    def visit_heading(self, block: Block) -> None:
        """GB levels 1–4 (一、 黑体; （一） 楷体; 1. and （1） 仿宋) on Heading 1–3."""
        level, number = self.headings.get(self.index, (min(max(block.level, 1), 3), ""))
        level = min(level, 3)
        paragraph = S.add_paragraph(self.document, self.document, f"Heading {level}")
        fonts = (self.style.fonts.heading1, self.style.fonts.heading2, self.style.fonts.heading3)
        spans = (Span(number), *without_number(block.spans)) if number else block.spans
        self.spans(paragraph, spans, fonts[level - 1], self.style.fonts.latin_heading)

    def visit_paragraph(self, block: Block) -> None:
        style_name = {"lead": S.LEAD, "note": S.NOTE, "caption": S.CAPTION}.get(block.role, "Normal")
        font = {"lead": self.style.fonts.lead}.get(block.role, self.style.fonts.body)
        paragraph = S.add_paragraph(self.document, self.document, style_name)
        if leads_in(block):  # "…shortcomings:" stays on the page of what it introduces
            paragraph.paragraph_format.keep_with_next = True
        self.spans(paragraph, block.spans, font)

    def visit_list(self, block: Block) -> None:
        for number, item in enumerate(block.items, start=1):
            paragraph = S.add_paragraph(self.document, self.document, S.LIST)
            bullet = f"{number}. " if block.ordered else "• "
            if self.style.spacing.first_line_indent_chars == 0:  # hanging indent (brief style)
                paragraph.paragraph_format.left_indent = Pt(self.style.sizes.body * 1.6)
                paragraph.paragraph_format.first_line_indent = Pt(-self.style.sizes.body * 1.6)
            self.spans(paragraph, (Span(bullet), *item), self.style.fonts.body,
                       figure=has_figure(item))  # the item's number is not a figure

    def visit_table(self, block: Block) -> None:
        if not block.rows:
            return
        columns = max(len(row) for row in block.rows)
        table = self.document.add_table(rows=len(block.rows), cols=columns)
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = [Mm(w) for w in column_widths_mm(block, columns, self.style.text_width_mm,
                                                   self.style.sizes.table, self.style.is_gongwen)]
        for column, width in zip(table.columns, widths):
            column.width = width  # the grid (w:gridCol), which LibreOffice lays out by
        for r, row in enumerate(block.rows):
            figure = has_figure(tuple(span for cell in row for span in cell))  # the whole row
            for c in range(columns):
                cell = table.cell(r, c)
                cell.width = widths[c]  # Word reads widths per cell, not per column
                paragraph = cell.paragraphs[0]
                S.set_style(paragraph, self.document, S.TABLE)
                spans = row[c] if c < len(row) else ()
                font = self.style.fonts.heading1 if r == 0 else self.style.fonts.body
                self.spans(paragraph, spans, font, figure=figure)
                if r == 0 and self.style.colors.table_header:
                    shade_cell(cell, self.style.colors.table_header)
        for row in table.rows:
            keep_row_whole(row)
        mark_header_row(table.rows[0])
        S.add_paragraph(self.document, self.document, S.TABLE)  # keeps the next paragraph off the table

    def visit_chart(self, block: Block) -> None:
        png = self.ctx.charts.get(block.chart_id)
        if png is None:
            raise RenderError(f"chart {block.chart_id!r} is placed but not on the briefing")
        paragraph = S.add_paragraph(self.document, self.document, S.FIGURE)
        paragraph.paragraph_format.keep_with_next = True  # the caption stays on the chart's page
        width = self.style.spacing.chart_width_mm
        if block.chart_id in self.ctx.chart_widths_mm:  # the size the page layout gives it,
            # less a margin: word processors set the lines above a few points lower than reportlab
            width = self.ctx.chart_widths_mm[block.chart_id] * DOCX_CHART_MARGIN
        paragraph.add_run().add_picture(io.BytesIO(png), width=Mm(width))
        following = self.next_block
        if following is None or not is_chart_caption(block, following):
            spec = next((c for c in self.briefing.charts if c.id == block.chart_id), None)
            caption = S.add_paragraph(self.document, self.document, S.CAPTION)
            add_spans(caption, (Span(spec.note if spec else ""),), self.briefing, self.style,
                      self.style.fonts.body)

    def visit_rule(self, block: Block) -> None:
        paragraph = S.add_paragraph(self.document, self.document, S.TABLE)
        parts.add_border(paragraph, "bottom", self.style.colors.rule, 0.75)

    def visit_pagebreak(self, block: Block) -> None:
        self.document.add_page_break()


def add_source_list(document: DocumentObject, briefing: Briefing, style: Style) -> None:
    """The numbered source list (heading, then one entry per source), as the PDF prints it."""
    if not briefing.sources:
        return
    heading = S.add_paragraph(document, document, "Heading 1")
    heading.paragraph_format.keep_with_next = True
    add_spans(heading, (Span(label(briefing, "sources")),), briefing, style, style.fonts.heading1,
              style.fonts.latin_heading)
    for text in source_list_texts(briefing).values():
        paragraph = S.add_paragraph(document, document, S.SOURCE)
        paragraph.paragraph_format.line_spacing = Pt(style.spacing.sources_line_pt)
        add_spans(paragraph, (Span(text),), briefing, style, style.fonts.body)


def is_chart_caption(block: Block, following: Block) -> bool:
    """True when `following` is the caption paragraph of the chart `block`."""
    return block.kind == "chart" and following.kind == "paragraph" and following.role == "caption"


def add_spans(paragraph: Paragraph, spans: tuple[Span, ...], briefing: Briefing, style: Style,
              east_asia: str, latin: str | None = None, *, footnotes: Footnotes | None = None,
              figure: bool | None = None, run_fonts: bool = True) -> None:
    """Runs for text, bold and cite spans. With `footnotes`, a cite becomes a Word footnote
    (quoting the source sentence when the statement, or `figure`, has a number); without,
    a superscript "[1]"."""
    latin = latin or style.fonts.latin
    figure = has_figure(spans) if figure is None else figure
    for span in spans:
        if span.kind == "cite" and span.keys and footnotes is not None:
            # one footnote per source, as the PDF prints one number per source: [1,3] → ¹,²
            for n, text in enumerate(footnotes.notes.notes(Citation(span, figure))):
                if n:
                    footnotes.separator(paragraph)
                footnotes.add(paragraph, text)
            continue
        text = cite_marker(span) if span.kind == "cite" else span.text
        if not text:
            continue
        for segment in text_segments(text):  # a character the faces lack: its fallback face
            run = S.add_run(paragraph, segment.text)
            if run_fonts or segment.face:
                family = segment.face.family if segment.face else None
                S.set_run_font(run, family or latin, family or east_asia, segment.text,
                               briefing.language)
            if span.kind == "bold":
                run.bold = True
            elif span.kind == "cite":  # only without footnotes: a plain superscript marker
                run.font.superscript = True


def shade_cell(cell: object, fill: str) -> None:
    """Background colour of a table cell."""
    tcpr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def mark_header_row(row: object) -> None:
    """Repeat the first row at the top of each page the table spans."""
    trpr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def keep_row_whole(row: object) -> None:
    """A row never splits across pages ("National G" / "overnment Service" on two pages)."""
    trpr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    trpr.insert(0, OxmlElement("w:cantSplit"))  # CT_TrPr: cantSplit before tblHeader
