"""Real Word footnotes (word/footnotes.xml), which python-docx has no API for.

The part holds the two separator footnotes Word expects (ids -1 and 0), then one footnote per
citation; the body run carries `w:footnoteReference`, the footnote starts with `w:footnoteRef`
(Word and LibreOffice print the running number in both places).
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from briefing.models import Briefing
from briefing.render import docx_styles as S
from briefing.render.font_fallback import text_segments
from briefing.render.notes import NoteBook
from briefing.render.style import Style

TEXT_STYLE, REFERENCE_STYLE = "Footnote Text", "Footnote Reference"
TEXT_STYLE_ID, REFERENCE_STYLE_ID = "FootnoteText", "FootnoteReference"

_EMPTY = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
    ' w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
    ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)


class Footnotes:
    """The footnotes part of one document; `add()` appends a footnote and references it."""

    def __init__(self, document: DocumentObject, briefing: Briefing, style: Style):
        self.style, self.language = style, briefing.language
        self.notes = NoteBook(briefing)  #: the texts, in citation order
        part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(_EMPTY),
                       document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)
        self.root = part.element
        self.count = 0
        add_footnote_styles(document, style, self.language)
        declare_separators(document)

    def add(self, paragraph: Paragraph, text: str) -> None:
        """A superscript footnote reference at the end of `paragraph`, and its footnote."""
        self.count += 1
        run = paragraph.add_run()
        S.set_run_font(run, self.style.fonts.latin, self.style.fonts.body, text, self.language)
        reference_style(run._r)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(self.count))
        run._r.append(ref)
        self.root.append(self._footnote(self.count, text))

    def separator(self, paragraph: Paragraph) -> None:
        """A superscript comma between two footnote references of one citation (¹,²)."""
        run = paragraph.add_run(",")
        S.set_run_font(run, self.style.fonts.latin, self.style.fonts.body, ",", self.language)
        reference_style(run._r)

    def _footnote(self, number: int, text: str) -> object:
        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), str(number))
        p = OxmlElement("w:p")
        note.append(p)
        ppr = p.get_or_add_pPr()
        ppr.style = TEXT_STYLE_ID
        paragraph = Paragraph(p, None)  # type: ignore[arg-type]
        mark = paragraph.add_run()
        reference_style(mark._r)
        mark._r.append(OxmlElement("w:footnoteRef"))
        for segment in text_segments(" " + text):  # a character the faces lack: its fallback
            body = S.add_run(paragraph, segment.text)
            family = segment.face.family if segment.face else None
            S.set_run_font(body, family or self.style.fonts.latin, family or self.style.fonts.body,
                           text, self.language)
        return note


def reference_style(r: object) -> None:
    """The Footnote Reference character style on a run (superscript)."""
    rpr = r.get_or_add_rPr()  # type: ignore[attr-defined]
    rstyle = OxmlElement("w:rStyle")
    rstyle.set(qn("w:val"), REFERENCE_STYLE_ID)
    rpr.insert(0, rstyle)


def add_footnote_styles(document: DocumentObject, style: Style, language: str) -> None:
    """Footnote Text (body face, note size, exact small leading) and Footnote Reference."""
    styles = document.styles
    names = {s.name for s in styles}
    if TEXT_STYLE not in names:
        text = styles.add_style(TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        text.base_style = styles["Normal"]
        S.configure(text, style, style.fonts.body, style.sizes.footnote, language,
                    line=style.spacing.footnote_line_pt)
        text.paragraph_format.first_line_indent = Pt(0)
        text.paragraph_format.space_after = Pt(0)
        text.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    if REFERENCE_STYLE not in names:
        ref = styles.add_style(REFERENCE_STYLE, WD_STYLE_TYPE.CHARACTER)
        ref.font.superscript = True


def declare_separators(document: DocumentObject) -> None:
    """settings.xml names the separator footnotes (what Word writes itself)."""
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is not None:
        return
    pr = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/>'
                   '<w:footnote w:id="0"/></w:footnotePr>')
    # CT_Settings orders its children; footnotePr comes before endnotePr/compat/rsids.
    successors = [qn(t) for t in ("w:endnotePr", "w:compat", "w:docVars", "w:rsids",
                                  "m:mathPr", "w:attachedSchema", "w:themeFontLang",
                                  "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
                                  "w:shapeDefaults", "w:decimalSymbol", "w:listSeparator")]
    for child in settings:
        if child.tag in successors:
            child.addprevious(pr)
            return
    settings.append(pr)
