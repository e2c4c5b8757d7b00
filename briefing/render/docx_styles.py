"""DOCX fonts and paragraph styles: the East Asian font attribute python-docx has no API for.

A Chinese character is drawn with `w:eastAsia`, not with the `w:ascii` name that
`font.name` sets; theme attributes would override explicit names; and General Punctuation
(“ ” — …) uses hAnsi unless `w:hint="eastAsia"`. So every style and run sets all of them.
"""

from __future__ import annotations

import re

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from briefing.render.style import Style

THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2014\u2026]")

# Custom paragraph styles the writer uses, besides Normal and Heading 1–3.
TITLE, LEAD, NOTE, LIST, TABLE, FIGURE, SOURCE, META, MASTHEAD, END, CAPTION = (
    "Brief Title", "Brief Lead", "Brief Note", "Brief List", "Brief Table", "Brief Figure",
    "Brief Source", "Brief Meta", "Brief Masthead", "Brief End Block", "Brief Caption",
)


def set_rfonts(rpr: object, latin: str, east_asia: str, *, hint: bool) -> None:
    """Explicit ascii/hAnsi/cs (Latin) and eastAsia names on an rPr; theme attributes removed."""
    rfonts = rpr.get_or_add_rFonts()  # type: ignore[attr-defined]
    for attr in THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    if hint:
        rfonts.set(qn("w:hint"), "eastAsia")
    else:
        rfonts.attrib.pop(qn("w:hint"), None)


def wants_east_asia_hint(text: str, language: str) -> bool:
    """Chinese briefs always; English ones only for runs that contain CJK or CJK punctuation."""
    return language != "en" or bool(CJK.search(text))


def set_run_font(run: object, latin: str, east_asia: str, text: str, language: str) -> None:
    """Run-level fonts (style-level alone is not enough for some Word versions and converters)."""
    rpr = run._element.get_or_add_rPr()  # type: ignore[attr-defined]
    set_rfonts(rpr, latin, east_asia, hint=wants_east_asia_hint(text, language))


def set_lang(rpr: object, language: str) -> None:
    """`w:lang`: Latin text is English and East Asian text Chinese in both briefs. Tagging
    Latin text zh-CN (as a Chinese brief once did) makes LibreOffice break it with Chinese
    rules, inside words and numbers ("China ranke|d", "2|018")."""
    lang = rpr.find(qn("w:lang"))  # type: ignore[attr-defined]
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)  # type: ignore[attr-defined]
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


#: a hyphen inside a number, a date or a domain name (2020-12-24, 2014-2024, sc-jc.net):
#: no line may break there
_FIXED_HYPHEN = re.compile(r"(?<=\d)-(?=\d)|-(?=[\w-]*\.(?:com|cn|net|org|gov|int)\b)")


def add_run(paragraph: Paragraph, text: str) -> Run:
    """A run of `text` whose hyphens inside numbers, dates and domain names are
    non-breaking (w:noBreakHyphen), so no word processor breaks a line there; a tab is a
    w:tab element (a tab character inside w:t is a space to LibreOffice)."""
    run = paragraph.add_run()
    pieces = _FIXED_HYPHEN.split(text)
    for i, piece in enumerate(pieces):
        if i:
            run._r.append(OxmlElement("w:noBreakHyphen"))
        for j, part in enumerate(piece.split("\t")):
            if j:
                run._r.append(OxmlElement("w:tab"))
            if part:
                run._r.add_t(part)
    return run


def hex_color(value: str) -> RGBColor:
    """"FF0000" → RGBColor."""
    return RGBColor.from_string(value.upper())


def setup_styles(document: DocumentObject, style: Style, language: str) -> None:
    """Document defaults, Normal, Heading 1–3 and the custom Brief styles for `style`."""
    setup_defaults(document, style, language)
    fonts, sizes, spacing = style.fonts, style.sizes, style.spacing
    indent = Pt(sizes.body * spacing.first_line_indent_chars)
    normal = document.styles["Normal"]
    configure(normal, style, fonts.body, sizes.body, language, line=spacing.line_pt)
    normal.paragraph_format.first_line_indent = indent
    # Justify suits CJK; with Latin words it opens wide gaps, so English stays ragged-right.
    justify = language != "en"
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if justify else WD_ALIGN_PARAGRAPH.LEFT
    heading_fonts = (fonts.heading1, fonts.heading2, fonts.heading3)
    heading_sizes = (sizes.heading1, sizes.heading2, sizes.heading3)
    for level, (font, size) in enumerate(zip(heading_fonts, heading_sizes), start=1):
        heading = document.styles[f"Heading {level}"]
        configure(heading, style, font, size, language, line=max(spacing.line_pt, size * 1.25),
                  latin=fonts.latin_heading, color=style.colors.heading)
        heading.font.bold = not style.is_gongwen and level == 1  # 黑体 needs no bold
        heading.font.italic = False
        heading.paragraph_format.first_line_indent = indent
        heading.paragraph_format.space_before = Pt(spacing.heading_space_before_pt)
        heading.paragraph_format.keep_with_next = True
    add_custom_styles(document, style, language)


def setup_defaults(document: DocumentObject, style: Style, language: str) -> None:
    """docDefaults: explicit fonts instead of theme fonts, zh-CN East Asian language, no spacing."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
        qn("w:rPr")
    )
    set_rfonts(rpr, style.fonts.latin, style.fonts.body, hint=language != "en")
    set_lang(rpr, language)
    ppr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault"))
    if ppr is not None:
        ppr.getparent().remove(ppr)


#: pPr children in ECMA-376 sequence order, from w:pBdr on: a child inserted later must go
#: before every one that follows it
PPR_ORDER = (
    "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)


def ppr_after(tag: str) -> tuple[str, ...]:
    """The pPr children that must follow `tag`."""
    return PPR_ORDER[PPR_ORDER.index(tag) + 1 :]


def off_line_grid(target: ParagraphStyle) -> None:
    """Lines of this style keep their own exact height instead of snapping to the document
    grid (LibreOffice snaps even exact-spaced lines to the gongwen grid's 28.95 pt)."""
    ppr = target.element.get_or_add_pPr()
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.insert_element_before(snap, *ppr_after("w:snapToGrid"))


def configure(
    target: ParagraphStyle,
    style: Style,
    east_asia: str,
    size: float,
    language: str,
    *,
    line: float,
    latin: str | None = None,
    color: str | None = None,
) -> None:
    """Fonts, size, colour, exact line height and zero paragraph spacing on one style."""
    target.font.name = latin or style.fonts.latin
    rpr = target.element.get_or_add_rPr()
    set_rfonts(rpr, latin or style.fonts.latin, east_asia, hint=language != "en")
    set_lang(rpr, language)
    target.font.size = Pt(size)
    target.font.color.rgb = hex_color(color or style.colors.text)
    pf = target.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(line)
    pf.space_before = Pt(0)
    pf.space_after = Pt(style.spacing.space_after_pt)
    pf.widow_control = True


def add_custom_styles(document: DocumentObject, style: Style, language: str) -> None:
    """Title, lead, note, list, table, figure, source, meta, masthead and end-block styles."""
    fonts, sizes, spacing = style.fonts, style.sizes, style.spacing
    small = spacing.small_line_pt

    def add(name: str, font: str, size: float, line: float, indent_chars: float = 0.0,
            color: str | None = None, align: WD_ALIGN_PARAGRAPH | None = None) -> ParagraphStyle:
        new = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        new.base_style = document.styles["Normal"]
        configure(new, style, font, size, language, line=line, color=color)
        new.paragraph_format.first_line_indent = Pt(size * indent_chars) if indent_chars else 0
        if align is not None:
            new.paragraph_format.alignment = align
        if line != spacing.line_pt:
            off_line_grid(new)  # its own exact leading, as in the PDF, not the body grid's
        return new

    title_color = style.colors.title_bar_text if style.colors.title_bar else style.colors.title
    title = add(TITLE, fonts.title, sizes.title, spacing.title_line_pt, color=title_color,
                align=WD_ALIGN_PARAGRAPH.CENTER if not style.colors.title_bar else None)
    title.font.name = fonts.latin_heading
    add(LEAD, fonts.lead, sizes.body, spacing.line_pt, spacing.first_line_indent_chars)
    add(NOTE, fonts.body, sizes.note, small, spacing.first_line_indent_chars, style.colors.note)
    add(LIST, fonts.body, sizes.body, spacing.line_pt, spacing.first_line_indent_chars)
    add(TABLE, fonts.body, sizes.table, small, align=WD_ALIGN_PARAGRAPH.LEFT).paragraph_format.space_after = Pt(0)
    figure = add(FIGURE, fonts.body, sizes.body, spacing.line_pt, align=WD_ALIGN_PARAGRAPH.CENTER)
    figure.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # exact would clip it
    off_line_grid(figure)  # the picture's own height, not rounded up to whole grid lines
    add(CAPTION, fonts.body, sizes.note, small, color=style.colors.note,
        align=WD_ALIGN_PARAGRAPH.CENTER)
    source = add(SOURCE, fonts.body, sizes.sources, small)
    source.paragraph_format.left_indent = Pt(sizes.sources * 2)
    source.paragraph_format.first_line_indent = Pt(-sizes.sources * 2)
    add(META, fonts.body, sizes.masthead_meta, max(small, sizes.masthead_meta * 1.4),
        color=style.colors.note if not style.masthead.draw else None)
    masthead = add(MASTHEAD, fonts.masthead, sizes.masthead_name, sizes.masthead_name * 1.3,
                   color=style.colors.masthead, align=WD_ALIGN_PARAGRAPH.CENTER)
    masthead.font.name = fonts.masthead
    end = add(END, fonts.body, sizes.distribution, small)
    end.paragraph_format.left_indent = Pt(sizes.distribution)
    end.paragraph_format.right_indent = Pt(sizes.distribution)
    end.paragraph_format.space_after = Pt(0)


def style_id(document: DocumentObject, name: str) -> str:
    """The style id of the paragraph style `name`, looked up once per document.

    python-docx resolves `add_paragraph(style=name)` by scanning every style for the default
    one on each call (about half of the DOCX writer's time on a long brief): memoised here.
    """
    cache: dict[str, str] = document.__dict__.setdefault("_brief_style_ids", {})
    if name not in cache:
        cache[name] = document.styles[name].style_id
    return cache[name]


def add_paragraph(container: object, document: DocumentObject, name: str | None = None) -> Paragraph:
    """`container.add_paragraph()` with the style set by its memoised id."""
    paragraph = container.add_paragraph()  # type: ignore[attr-defined]
    if name is not None:
        set_style(paragraph, document, name)
    return paragraph


def set_style(paragraph: Paragraph, document: DocumentObject, name: str) -> None:
    """paragraph.style = name, without python-docx's per-call style scan."""
    paragraph._p.style = style_id(document, name)
