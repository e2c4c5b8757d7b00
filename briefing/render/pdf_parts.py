"""PDF building blocks for the platypus writer: fonts, paragraph styles, inline markup, kinsoku.

Everything here is a pure function of the Briefing and the Style, so pdf_platypus.py only
decides the order of flowables and draws the page furniture.
"""

from __future__ import annotations

from dataclasses import dataclass

import reportlab.platypus.paragraph as rl_paragraph
from reportlab.lib import colors, textsplit
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import registerFontFamily

from briefing.render import font_fallback
from briefing.render.fonts import (
    printable_chars,
    register_font_file,
    register_reportlab_font,
    resolve_font_path,
)
from briefing.models import Briefing, Span
from briefing.render.base import RenderContext
from briefing.render.notes import source_list_texts
from briefing.render.style import Style
from briefing.render.text import all_text, cite_marker, label, shown_keys

#: Chinese punctuation that must not open a line (reportlab's list is Japanese-oriented).
CHINESE_CANNOT_START = "，；：？！”’》〉」』】〕〗…—％"
#: ASCII opening brackets, which Chinese sources also use, must not end a line either
CANNOT_END_EXTRA = "(<"
#: glyphs the writer prints beyond the briefing's own text: page numbers, bullets, markers
WRITER_GLYPHS = "— 0123456789•·[],.：、"


@dataclass(frozen=True, slots=True)
class PdfFonts:
    """Registered reportlab font names for the three PDF faces of a style."""

    body: str
    heading: str
    title: str
    bold: str


def register_fonts(briefing: Briefing, ctx: RenderContext) -> PdfFonts:
    """Subset and register the style's PDF faces for every character this briefing prints.

    Bold maps to the style's bold face (Noto Sans CJK Bold): the CJK text faces have no bold.
    """
    style = ctx.style
    extra = "\n".join([WRITER_GLYPHS, style.page.number_format, label(briefing, "sources"),
                       *source_list_texts(briefing).values()])
    text = all_text(briefing, extra)
    f = style.fonts
    faces = sorted({f.pdf_body, f.pdf_heading, f.pdf_title, f.pdf_bold})
    chosen = font_fallback.choose_faces(printable_chars(text),
                                        [resolve_font_path(face) for face in faces])
    own_text = "".join(c for c in text if c not in chosen)  # the rest is drawn by the chain
    names = {face: register_reportlab_font(face, own_text, cache_dir=ctx.cache_dir)
             for face in faces}
    fonts = PdfFonts(names[f.pdf_body], names[f.pdf_heading], names[f.pdf_title],
                     names[f.pdf_bold])
    for name in sorted(set(names.values())):  # sorted: the family maps must not vary by run
        bold = fonts.bold
        registerFontFamily(name, normal=name, bold=bold, italic=name, boldItalic=bold)
    font_fallback.use_in_pdf(chosen, register_fallback_fonts(chosen, ctx))
    return fonts


def register_fallback_fonts(chosen: dict[str, font_fallback.FallbackFace | None],
                            ctx: RenderContext) -> dict[str, str]:
    """Register each fallback face some character needs, for just those characters; family
    name → registered reportlab name (a face is its own bold: <b> inside it stays legal)."""
    by_face: dict[font_fallback.FallbackFace, str] = {}
    for char, face in chosen.items():
        if face is not None:
            by_face[face] = by_face.get(face, "") + char
    registered = {}
    paths = dict(font_fallback.available_chain())
    for face in sorted(by_face, key=lambda fc: fc.family):
        name = register_font_file(paths[face], by_face[face], cache_dir=ctx.cache_dir)
        registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
        registered[face.family] = name
    return registered


def apply_kinsoku() -> None:
    """Keep Chinese closing punctuation off line starts and opening brackets off line ends
    (idempotent; these are module globals of reportlab)."""
    missing = "".join(c for c in CHINESE_CANNOT_START if c not in textsplit.ALL_CANNOT_START)
    if missing:
        textsplit.ALL_CANNOT_START += missing
    missing_end = "".join(c for c in CANNOT_END_EXTRA if c not in textsplit.ALL_CANNOT_END)
    if missing_end:
        textsplit.ALL_CANNOT_END += missing_end
    # paragraph.py imported the name, so the extended string must be assigned there too
    rl_paragraph.ALL_CANNOT_START = textsplit.ALL_CANNOT_START


def has_cjk(text: str) -> bool:
    """True when `text` contains a CJK ideograph or CJK punctuation."""
    return any("\u2e80" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" for c in text)


def wrap_for(style: ParagraphStyle, text: str) -> ParagraphStyle:
    """`style`, switched to CJK wrapping when it wraps at spaces but the text is Chinese."""
    if style.wordWrap == "CJK" or not has_cjk(text):
        return style
    return ParagraphStyle(f"{style.name}CJK", parent=style, wordWrap="CJK")


def hex_color(value: str) -> colors.Color:
    """"1F4E79" → reportlab colour."""
    return colors.HexColor(f"#{value}")


def heading_font(style: Style, fonts: PdfFonts, level: int) -> str:
    """Level 1 in the sans face (黑体); deeper levels too when the style uses 黑体 for them,
    else the serif face, the stand-in for 楷体/仿宋."""
    if level <= 1:
        return fonts.heading
    docx_font = (style.fonts.heading2 if level == 2 else style.fonts.heading3)
    return fonts.heading if docx_font == style.fonts.heading1 else fonts.body


@dataclass(frozen=True)
class PdfStyles:
    """The ParagraphStyles of one document."""

    body: ParagraphStyle
    lead: ParagraphStyle
    note: ParagraphStyle
    caption: ParagraphStyle
    headings: tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]
    title: ParagraphStyle
    list_item: ParagraphStyle
    table: ParagraphStyle
    table_header: ParagraphStyle
    source: ParagraphStyle
    meta: ParagraphStyle
    masthead: ParagraphStyle
    classification: ParagraphStyle
    end: ParagraphStyle


def make_styles(style: Style, fonts: PdfFonts, language: str = "zh") -> PdfStyles:
    """ParagraphStyles from the preset: exact leading, CJK wrapping, first-line indents.

    English text wraps at spaces (reportlab's default), so words are never split."""
    wrap = None if language == "en" else "CJK"
    sizes, spacing, col = style.sizes, style.spacing, style.colors
    text = hex_color(col.text)
    indent = sizes.body * spacing.first_line_indent_chars

    def make(name: str, font: str, size: float, leading: float, **kw: object) -> ParagraphStyle:
        base = {"fontName": font, "fontSize": size, "leading": leading, "wordWrap": wrap,
                    "textColor": text, "alignment": TA_JUSTIFY, "spaceBefore": 0,
                    "spaceAfter": spacing.space_after_pt}
        base.update(kw)
        return ParagraphStyle(name, **base)  # type: ignore[arg-type]

    body = make("Body", fonts.body, sizes.body, spacing.line_pt, firstLineIndent=indent)
    heading_sizes = (sizes.heading1, sizes.heading2, sizes.heading3)
    headings = tuple(
        make(f"Heading{level}", heading_font(style, fonts, level), size,
             max(spacing.line_pt, size * 1.25), textColor=hex_color(col.heading),
             firstLineIndent=indent, alignment=TA_LEFT, keepWithNext=1,
             spaceBefore=spacing.heading_space_before_pt)
        for level, size in enumerate(heading_sizes, start=1)
    )
    small = spacing.small_line_pt
    bar = bool(col.title_bar)
    return PdfStyles(
        body=body,
        lead=make("Lead", fonts.body, sizes.body, spacing.line_pt, firstLineIndent=indent),
        note=make("Note", fonts.body, sizes.note, small, firstLineIndent=sizes.note *
                  spacing.first_line_indent_chars, textColor=hex_color(col.note)),
        caption=make("Caption", fonts.body, sizes.note, small, alignment=TA_CENTER,
                     textColor=hex_color(col.note)),
        headings=headings,  # type: ignore[arg-type]
        title=make("Title", fonts.title, sizes.title, spacing.title_line_pt, alignment=
                   TA_LEFT if bar else TA_CENTER, spaceAfter=0,
                   textColor=hex_color(col.title_bar_text if bar else col.title)),
        list_item=make("ListItem", fonts.body, sizes.body, spacing.line_pt, firstLineIndent=indent),
        table=make("Table", fonts.body, sizes.table, small, alignment=TA_LEFT, spaceAfter=0),
        table_header=make("TableHeader", fonts.heading, sizes.table, small, alignment=TA_CENTER,
                          spaceAfter=0),
        source=make("Source", fonts.body, sizes.sources, spacing.sources_line_pt, alignment=TA_LEFT,
                    leftIndent=sizes.sources * 2, firstLineIndent=-sizes.sources * 2,
                    spaceAfter=min(spacing.space_after_pt, 3)),
        meta=make("Meta", fonts.body, sizes.masthead_meta, max(small, sizes.masthead_meta * 1.4),
                  alignment=TA_LEFT, spaceAfter=0),
        masthead=make("Masthead", fonts.title, sizes.masthead_name, sizes.masthead_name * 1.3,
                      alignment=TA_CENTER, textColor=hex_color(col.masthead), spaceAfter=0),
        classification=make("Classification", fonts.heading, sizes.masthead_meta,
                            max(small, sizes.masthead_meta * 1.4), alignment=TA_LEFT,
                            spaceAfter=0),
        end=make("End", fonts.body, sizes.distribution, small, alignment=TA_LEFT, spaceAfter=0),
    )


def cell_font(font: str, size: float) -> tuple:
    """A TableStyle FONT command: a table's own default is Helvetica, which must never appear."""
    return ("FONT", (0, 0), (-1, -1), font, size)


def plain(text: str) -> str:
    """Text made safe for Paragraph markup (& < > escaped), each character a face of the
    document lacks in the fallback face that has it (or the placeholder)."""
    return font_fallback.pdf_markup(text)


def cite_markup(span: Span, style: Style, superscript: bool = True) -> str:
    """A superscript "[1,3]" whose numbers link to the source-list anchors src1, src3
    (plain, at the surrounding size, where a raised marker would collide: table cells)."""
    colour = f"#{style.colors.link}"
    if span.keys:
        shown, more = shown_keys(span.keys)
        links = ",".join([*(f'<a href="#{anchor_name(k)}" color="{colour}">{k}</a>'
                            for k in shown), *([f"+{more}"] if more else [])])
        text = f"[{links}]"
    else:
        text = plain(cite_marker(span))
    return f'<super size="{style.sizes.citation}">{text}</super>' if superscript else text


def anchor_name(key: int) -> str:
    """The PDF destination name of source `key`."""
    return f"src{key}"


def spans_markup(spans: tuple[Span, ...], style: Style, superscript: bool = True) -> str:
    """Paragraph markup for a run of spans: bold → <b> (the sans face), cites → linked markers."""
    out: list[str] = []
    for span in spans:
        if span.kind == "cite":
            out.append(cite_markup(span, style, superscript))
        elif not span.text:
            continue
        elif span.kind == "bold":
            out.append(f"<b>{plain(span.text)}</b>")
        else:
            out.append(plain(span.text))
    return "".join(out)
