"""PdfWriter: Briefing → brief.pdf with reportlab platypus, gongwen (GB/T 9704) or brief style.

The CJK faces are subset to this briefing's text and embedded (briefing.render.fonts); Chinese never
falls back to Helvetica. Citations are superscript markers linked to anchors on the source list.
The same briefing gives the same bytes (invariant=1, fixed metadata).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from types import MappingProxyType

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import TopPadder

from briefing.errors import RenderError
from briefing.models import Block, Briefing, Span
from briefing.render import pdf_cjkwrap
from briefing.render import pdf_parts as parts
from briefing.render.base import RenderContext
from briefing.render.notes import source_list_texts
from briefing.render.pdf_front import front_matter
from briefing.render.style import Style
from briefing.render.text import (
    distribution_lines,
    format_date,
    heading_levels,
    label,
    leads_in,
    share_widths,
    spans_text,
    subject_line,
    without_number,
    words_of,
)

log = logging.getLogger(__name__)


class PdfWriter:
    """brief.pdf: embedded Noto SC subsets, exact GB/T 9704 geometry for the gongwen style."""

    name = "pdf"
    suffix = ".pdf"
    help = "PDF"

    #: draws charts at the size its own layout gives them; never reads ctx.chart_widths_mm
    uses_chart_widths = False

    def write(self, briefing: Briefing, ctx: RenderContext, path: Path) -> None:
        """Build the whole document and write it to `path`."""
        path.write_bytes(lay_out_pdf(briefing, ctx).data)


@dataclass(frozen=True)
class PdfLayout:
    """One briefing laid out on pages: the PDF bytes, the page count and the width (mm) each
    chart was finally drawn at (a chart shrinks to fill what is left of a page)."""

    data: bytes
    pages: int
    chart_widths_mm: Mapping[str, float]


def lay_out_pdf(briefing: Briefing, ctx: RenderContext) -> PdfLayout:
    """Lay one briefing out on pages with the style, charts and font cache of `ctx`.

    Gongwen: the 版记 must sit on an even last page (duplex printing, GB/T 9704 7.4). When the
    brief ends on an odd page, it is laid out again with the 版记 moved to the next page.
    """
    return _cached_layout(briefing, ctx.style, tuple(ctx.charts.items()), ctx.cache_dir)


@lru_cache(maxsize=1)
def _cached_layout(briefing: Briefing, style: Style, charts: tuple[tuple[str, bytes], ...],
                   cache_dir: Path | None) -> PdfLayout:
    """lay_out_pdf, kept for the latest briefing: the chart sizes measured before the writers
    run (briefing.render.chart_widths), the PDF writer and compose's max_pages measure all lay
    out the same pages. A function of its arguments only, so keeping it changes no output,
    only how often a brief is laid out."""
    ctx = RenderContext(style=style, charts=dict(charts), cache_dir=cache_dir)
    if style.kinsoku:
        parts.apply_kinsoku()
    pdf_cjkwrap.install()
    fonts = parts.register_fonts(briefing, ctx)
    styles = parts.make_styles(style, fonts, briefing.language)
    laid_out = layout(briefing, ctx, styles, fonts)
    breaks = 0
    while style.is_gongwen and distribution_lines(briefing) and laid_out.pages % 2 == 1 \
            and breaks < 2:
        breaks += 1  # one break moves the 版记 on; a second leaves a blank odd page before it
        laid_out = layout(briefing, ctx, styles, fonts, end_block_page_breaks=breaks)
    return laid_out


def layout(briefing: Briefing, ctx: RenderContext, styles: parts.PdfStyles, fonts: parts.PdfFonts,
           *, end_block_page_breaks: int = 0) -> PdfLayout:
    """Lay the whole story out once."""
    style = ctx.style
    story: list[Flowable] = front_matter(briefing, style, styles)
    visitor = PdfBlockVisitor(briefing, ctx, styles)
    blocks = briefing.blocks
    for i, block in enumerate(blocks):
        if i > 0 and is_chart_caption(blocks[i - 1], block):
            continue  # already placed with its chart
        visitor.index = i
        story += visitor.visit(block, blocks[i + 1].kind if i + 1 < len(blocks) else "",
                               blocks[i + 1] if i + 1 < len(blocks) else None)
    story += sources_story(briefing, style, styles)
    if style.masthead.draw and not briefing.masthead.name:
        story += signature_story(briefing, style, styles)
    story += [PageBreak() for _ in range(end_block_page_breaks)]
    story += distribution_story(briefing, style, styles)
    buffer = io.BytesIO()
    doc = make_doc(buffer, briefing, style, fonts.body)
    doc.build(story)
    return PdfLayout(buffer.getvalue(), doc.page, MappingProxyType(visitor.chart_widths_mm))


def make_doc(buffer: io.BytesIO, briefing: Briefing, style: Style,
             number_font: str) -> BaseDocTemplate:
    """A one-frame document: the frame is exactly the type area (no platypus padding)."""
    page = style.page
    size = (page.width_mm * mm, page.height_mm * mm)
    doc = BaseDocTemplate(
        buffer, pagesize=size, invariant=1,
        leftMargin=page.margin_left_mm * mm, rightMargin=page.margin_right_mm * mm,
        topMargin=page.margin_top_mm * mm, bottomMargin=page.margin_bottom_mm * mm,
        title=briefing.title, author=briefing.masthead.issuer or "briefing",
        subject=subject_line(briefing), creator="briefing", producer="briefing (reportlab)",
        lang="en-US" if briefing.language == "en" else "zh-CN",
        initialFontName=number_font, initialFontSize=style.sizes.body,  # no stray Helvetica
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="type-area",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def on_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        draw_page_number(canvas, style, number_font)

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    return doc


def draw_page_number(canvas: Canvas, style: Style, font: str) -> None:
    """"— n —" at the configured baseline: odd pages right, even pages left, 1 字 in (GB 7.5);
    centred when the style does not alternate."""
    page = style.page
    n = canvas.getPageNumber()
    text = page.number_format.replace("{n}", str(n))
    size = style.sizes.page_number
    y = page.number_baseline_mm * mm
    canvas.saveState()
    canvas.setFont(font, size)
    canvas.setFillColor(parts.hex_color(style.colors.text))
    if page.number_alternate and n % 2 == 1:
        canvas.drawRightString((page.width_mm - page.margin_right_mm) * mm - size, y, text)
    elif page.number_alternate:
        canvas.drawString(page.margin_left_mm * mm + size, y, text)
    else:
        left, right = page.margin_left_mm * mm, (page.width_mm - page.margin_right_mm) * mm
        canvas.drawCentredString((left + right) / 2, y, text)
    canvas.restoreState()


class PdfBlockVisitor:
    """Turns each Block into flowables."""

    def __init__(self, briefing: Briefing, ctx: RenderContext, styles: parts.PdfStyles):
        self.briefing, self.ctx, self.style, self.styles = briefing, ctx, ctx.style, styles
        self.width = ctx.style.text_width_mm * mm
        page = ctx.style.page
        self.height = (page.height_mm - page.margin_top_mm - page.margin_bottom_mm) * mm
        self.index = 0
        self.headings = heading_levels(briefing.blocks, ctx.style.heading_numbers)
        self.top_level = min((lv for lv, _ in self.headings.values()), default=1)
        self.last_outline = -1
        self.chart_widths_mm: dict[str, float] = {}  #: chart id → width drawn at, as drawn

    def outline_level(self, level: int) -> int:
        """Outline depth from 0, never more than one deeper than the entry before (a PDF rule)."""
        depth = min(level - self.top_level, self.last_outline + 1)
        self.last_outline = depth
        return depth

    def visit(self, block: Block, next_kind: str = "",
              next_block: Block | None = None) -> list[Flowable]:
        """Dispatch on block.kind; unknown kinds are logged and skipped."""
        method = getattr(self, f"visit_{block.kind}", None)
        if method is None:
            log.warning("pdf: unknown block kind %r skipped", block.kind)
            return []
        self.next_kind, self.next_block = next_kind, next_block
        return method(block)

    def paragraph(self, spans: tuple[Span, ...], para_style: ParagraphStyle,
                  prefix: str = "", superscript: bool = True, **kw: object) -> Paragraph:
        """A Paragraph of spans; Chinese inside an English brief still wraps between characters."""
        markup = parts.spans_markup(spans, self.style, superscript)
        return Paragraph(prefix + markup, parts.wrap_for(para_style, spans_text(spans)), **kw)

    def visit_heading(self, block: Block) -> list[Flowable]:
        """GB levels 1–4 (一、 bold sans for 黑体; deeper levels the text face), bookmarked."""
        level, number = self.headings.get(self.index, (min(max(block.level, 1), 3), ""))
        heading_style = self.styles.headings[min(level, 3) - 1]
        spans = (Span(number), *without_number(block.spans)) if number else block.spans
        text = spans_text(tuple(s for s in spans if s.kind != "cite")).strip()
        outline = Bookmark(f"h{self.index}", text, self.outline_level(level))
        if self.next_kind != "table":  # the bookmark after the heading: it must not lead a
            return [self.paragraph(spans, heading_style), outline]  # keep-with-next group
        # keepWithNext would move a long table whole to the next page; a table may split
        # (its header row repeats), so only ask for room for the heading and two rows
        loose = ParagraphStyle("HeadingLoose", parent=heading_style, keepWithNext=0)
        room = heading_style.leading + 3 * self.style.spacing.small_line_pt + 12
        # the bookmark keeps with what follows it: before the heading, so it does not pull
        # the table into one keep-together group that moves whole to the next page
        return [CondPageBreak(room), outline, self.paragraph(spans, loose)]

    def visit_paragraph(self, block: Block) -> list[Flowable]:
        para_style = {"lead": self.styles.lead, "note": self.styles.note,
                      "caption": self.styles.caption}.get(block.role, self.styles.body)
        if leads_in(block):  # "…shortcomings:" stays on the page of what it introduces
            para_style = ParagraphStyle(f"{para_style.name}LeadIn", parent=para_style,
                                        keepWithNext=1)
        return [self.paragraph(block.spans, para_style)]

    def visit_list(self, block: Block) -> list[Flowable]:
        """Gongwen: "1." inline with the 2-字 first-line indent (GB body rule); brief: hanging."""
        hanging = self.style.spacing.first_line_indent_chars == 0
        size = self.style.sizes.body
        out: list[Flowable] = []
        for number, item in enumerate(block.items, start=1):
            bullet = f"{number}." if block.ordered else "•"
            if hanging:
                item_style = ParagraphStyle(
                    "ListHanging", parent=self.styles.list_item, leftIndent=size * 1.6,
                    firstLineIndent=0, bulletIndent=0, bulletFontName=self.styles.body.fontName)
                out.append(self.paragraph(item, item_style, bulletText=bullet))
            else:
                out.append(self.paragraph(item, self.styles.list_item, parts.plain(bullet)))
        return out

    def visit_table(self, block: Block) -> list[Flowable]:
        if not block.rows:
            return []
        columns = max(len(row) for row in block.rows)
        cells = [
            [self.paragraph(row[c] if c < len(row) else (),
                            self.styles.table_header if r == 0 else self.styles.table,
                            superscript=False)
             for c in range(columns)]
            for r, row in enumerate(block.rows)
        ]
        widths = column_widths(block, columns, self.width, self.styles.table,
                               self.styles.table_header)
        table = Table(cells, colWidths=widths, repeatRows=1, hAlign="CENTER", spaceBefore=4,
                      spaceAfter=max(self.style.spacing.space_after_pt, 6))
        table.setStyle(table_style(self.style, self.styles.table.fontName))
        return [table]  # no Spacer before it: a heading's keepWithNext must reach the table

    def visit_chart(self, block: Block) -> list[Flowable]:
        png = self.ctx.charts.get(block.chart_id)
        if png is None:
            raise RenderError(f"chart {block.chart_id!r} is placed but not on the briefing")
        pixel_w, pixel_h = ImageReader(io.BytesIO(png)).getSize()
        width = min(self.style.spacing.chart_width_mm * mm, self.width)
        height = width * pixel_h / pixel_w
        if height > self.height * 0.6:  # never let one chart eat most of a page
            height = self.height * 0.6
            width = height * pixel_w / pixel_h
        image = ShrinkableImage(io.BytesIO(png), width=width, height=height, hAlign="CENTER")
        # one unit: a caption never lands on another page than its chart
        figure = ChartFigure(image, self.chart_caption(block),
                             on_draw=partial(self.record_chart_width, block.chart_id))
        figure.spaceBefore, figure.spaceAfter = 4, max(self.style.spacing.space_after_pt, 4)
        return [figure]

    def record_chart_width(self, chart_id: str, width_pt: float) -> None:
        """Note the width this chart was finally drawn at (PdfLayout.chart_widths_mm)."""
        self.chart_widths_mm[chart_id] = width_pt / mm

    def chart_caption(self, block: Block) -> Paragraph:
        """The template's caption paragraph under the chart, else the spec's source note."""
        if self.next_block is not None and is_chart_caption(block, self.next_block):
            return self.paragraph(self.next_block.spans, self.styles.caption)
        spec = next((c for c in self.briefing.charts if c.id == block.chart_id), None)
        return Paragraph(parts.plain(spec.note if spec else ""), self.styles.caption)

    def visit_rule(self, block: Block) -> list[Flowable]:
        return [HRFlowable(width="100%", thickness=0.75, color=parts.hex_color(self.style.colors.rule),
                           spaceBefore=4, spaceAfter=4)]

    def visit_pagebreak(self, block: Block) -> list[Flowable]:
        return [PageBreak()]


def is_chart_caption(block: Block, following: Block) -> bool:
    """True when `following` is the caption paragraph of the chart `block`."""
    return block.kind == "chart" and following.kind == "paragraph" and following.role == "caption"


class ShrinkableImage(Image):
    """A chart that shrinks (down to MIN_SCALE) to fill what is left of a page instead of
    leaving a half-empty page behind it: keeps short briefs short."""

    MIN_SCALE = 0.6

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        full_w, full_h = self._full = getattr(self, "_full", (self.drawWidth, self.drawHeight))
        scale = 1.0
        if full_h > avail_height >= full_h * self.MIN_SCALE:
            scale = avail_height / full_h
        self.drawWidth, self.drawHeight = full_w * scale, full_h * scale
        return super().wrap(avail_width, avail_height)


class Bookmark(Flowable):
    """A zero-size flowable that puts a PDF outline entry (bookmark) where it lands."""

    def __init__(self, key: str, title: str, level: int):
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.width = self.height = 0
        self.keepWithNext = True  # lands on the page of the heading it marks
        self.offset = 30.0  # placed after its heading: point a little above, at the heading

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        canvas.bookmarkHorizontal(self.key, 0, self.offset)
        canvas.addOutlineEntry(self.title, self.key, level=self.level, closed=False)


class ChartFigure(Flowable):
    """A chart image with its caption under it, placed as one unbreakable unit; the image
    shrinks (ShrinkableImage) to what the page has left after the caption."""

    GAP = 2.0

    def __init__(self, image: ShrinkableImage, caption: Paragraph,
                 on_draw: Callable[[float], None] | None = None):
        super().__init__()
        self.image, self.caption, self.on_draw = image, caption, on_draw
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._caption_h = self.caption.wrap(avail_width, avail_height)[1]
        room = avail_height - self._caption_h - self.GAP
        self._image_w, self._image_h = self.image.wrap(avail_width, max(room, 0))
        self.width = avail_width
        self.height = self._image_h + self.GAP + self._caption_h
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []  # never split: the whole figure moves to the next page

    def draw(self) -> None:
        self.caption.drawOn(self.canv, 0, 0)
        self.image.drawOn(self.canv, (self.width - self._image_w) / 2, self._caption_h + self.GAP)
        if self.on_draw is not None:
            self.on_draw(self._image_w)  # the width it was finally drawn at


def column_widths(block: Block, columns: int, frame_width: float,
                  cell_style: ParagraphStyle,
                  header_style: ParagraphStyle | None = None) -> list[float]:
    """Auto table layout (text.share_widths) measured with the PDF fonts' own metrics (the
    header row in its own, bold face)."""
    padding = 10.0 + 2.0  # LEFT/RIGHTPADDING and a little air
    size = cell_style.fontSize
    natural = [2 * size + padding] * columns
    least = [0.0] * columns  # the longest word of the column: no word breaks in a cell
    for r, row in enumerate(block.rows):
        face = header_style if r == 0 and header_style is not None else cell_style
        for c, cell in enumerate(row):
            text = spans_text(cell)
            natural[c] = max(natural[c], stringWidth(text, face.fontName, face.fontSize)
                             + padding)
            least[c] = max([least[c], *(stringWidth(w, face.fontName, face.fontSize) + padding
                                        for w in words_of(text))])
    return share_widths(natural, frame_width, minimum=4 * size + padding, least=least)


def table_style(style: Style, font: str) -> TableStyle:
    """Grid, padding, and (brief style) a shaded header row."""
    commands: list[tuple] = [
        parts.cell_font(font, style.sizes.table),
        ("GRID", (0, 0), (-1, -1), 0.5, parts.hex_color(style.colors.text)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if style.colors.table_header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), parts.hex_color(style.colors.table_header)))
    return TableStyle(commands)


def sources_story(briefing: Briefing, style: Style, styles: parts.PdfStyles) -> list[Flowable]:
    """The numbered source list; each entry carries the anchor its citations link to."""
    if not briefing.sources:
        return []
    heading_style = ParagraphStyle("SourcesHeading", parent=styles.headings[0],
                                         spaceBefore=style.spacing.line_pt * 0.5)
    title = label(briefing, "sources")
    # platypus' keep-with-next leaves the heading's spaceBefore out of its sum: ask for room
    room = heading_style.spaceBefore + heading_style.leading + 2 * style.spacing.sources_line_pt
    out: list[Flowable] = [CondPageBreak(room), Paragraph(parts.plain(title), heading_style),
                           Bookmark("sources", title, 0)]
    texts = source_list_texts(briefing)  # the same content as the DOCX footnotes
    for entry in briefing.sources:
        text = texts[entry.key]
        anchor = f'<a name="{parts.anchor_name(entry.key)}"/>'
        out.append(Paragraph(anchor + parts.plain(text), parts.wrap_for(styles.source, text)))
    return out


def signature_story(briefing: Briefing, style: Style, styles: parts.PdfStyles) -> list[Flowable]:
    """Gongwen without a 报头: issuer and date at the end, right-indented 2 字 (unsealed)."""
    indent = style.sizes.body * 2
    right = ParagraphStyle("Signature", parent=styles.body, alignment=TA_RIGHT,
                                 firstLineIndent=0, rightIndent=indent)
    out: list[Flowable] = [Spacer(1, style.spacing.line_pt)]
    for text in (briefing.masthead.issuer, format_date(briefing.date, "zh")):
        if text:
            out.append(Paragraph(parts.plain(text), right))
    return out


def distribution_story(briefing: Briefing, style: Style, styles: parts.PdfStyles) -> list[Flowable]:
    """报尾: 报/送/发 lines, thick rules first and last, thin between (GB 7.4), pushed to the
    bottom of the type area of the last page."""
    lines = distribution_lines(briefing)
    if not lines:
        return []
    size = style.sizes.distribution
    rows = [[Paragraph(parts.plain(line), styles.end)] for line in lines]
    thick, thin = style.masthead.end_rule_pt, max(style.masthead.end_rule_pt * 0.7, 0.5)
    black = parts.hex_color("000000")
    commands: list[tuple] = [
        parts.cell_font(styles.end.fontName, size),
        ("LINEABOVE", (0, 0), (-1, 0), thick, black),
        ("LINEBELOW", (0, -1), (-1, -1), thick, black),
        ("LEFTPADDING", (0, 0), (-1, -1), size),
        ("RIGHTPADDING", (0, 0), (-1, -1), size),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if len(rows) > 1:
        commands.append(("LINEBELOW", (0, 0), (-1, -2), thin, black))
    width = style.text_width_mm * mm
    table = Table(rows, colWidths=[width], hAlign="CENTER")
    table.setStyle(TableStyle(commands))
    # TopPadder already pushes the block to the bottom of the page; a small gap is enough.
    return [Spacer(1, 2), TopPadder(table)]
