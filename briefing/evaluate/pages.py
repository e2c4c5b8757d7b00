"""What a reader sees: the text of a brief's PDF and DOCX, and checks of what pages must not do.

    pdf_pages(path) -> list[str]         the text of each PDF page (pypdf)
    docx_text(path) -> DocxText           body paragraphs and table cells in order, footnotes
    reader_text(folder) -> {pdf, docx}    both, as the golden text snapshots keep them
    repeated_sentences(texts) -> list     sentences printed twice (or inside a longer one)
    foreign_words(text, language) -> list CJK outside quotation marks in English, Latin words
                                          that are no acronym in Chinese
    broken_words(lines, vocabulary)       a word split over two lines ("Subjec" / "t")
    section_lines(paragraphs, title)      the lines under one heading (what's new)

Used by scripts/check_pages.py (the page checks of a build) and the golden text tests
(tests/test_golden_text.py, scripts/golden_text.py). Extraction, not bytes: a change of what a
reader sees shows up, a change of how the file is packed does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree
from pypdf import PdfReader

#: a page-number line: "— 3 —", "3"
_PAGE_NUMBER = re.compile(r"^\s*(?:—\s*\d+\s*—|\d+)\s*$")
#: a citation marker as the PDF prints it: [1], [1,3]
_CITE = re.compile(r"\[\d+(?:,\s*\d+)*\]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: quoted spans: “…”, 《…》 (a title), "…"
_QUOTED = re.compile(r"“[^”]*”|《[^》]*》|\"[^\"]*\"|‘[^’]*’")
#: a Latin word that is no acronym: lower-case letters in it (EGDI, OSI, 5G, IPv6 pass)
_LATIN_WORD = re.compile(r"(?<![A-Za-z0-9.@/-])[A-Za-z]*[a-z]{2,}[A-Za-z]*(?![A-Za-z0-9@/-])")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+\.(?:com|cn|net|org|gov|int)"
                  r"(?:\.cn)?\S*|\b[\w-]+\.(?:com|cn|net|org|gov|int)(?:\.cn)?\b")
#: where a sentence ends, in either language
_SENTENCE_END = re.compile(r"(?<=[。！？；])|(?<=[.!?;])\s+(?=[A-Z“\"(])")
_MIN_REPEAT = 16  #: characters (whitespace and marks removed) a repeated sentence must have


@dataclass(frozen=True)
class DocxText:
    """A DOCX as text: `body` (paragraphs and table cells in reading order, one line each),
    `tables` (each table's rows of cell texts) and `footnotes` (one line each)."""

    body: tuple[str, ...]
    tables: tuple[tuple[tuple[str, ...], ...], ...]
    footnotes: tuple[str, ...]
    headings: frozenset[int]  #: indexes into `body` of heading paragraphs
    styles: tuple[str, ...] = ()  #: each body line's paragraph style ("table" for a row)

    def text(self) -> str:
        """Everything, body first, then the footnotes."""
        return "\n".join((*self.body, *self.footnotes))

    def lines_of(self, *styles: str) -> list[str]:
        """The body lines of the given paragraph styles."""
        return [line for line, style in zip(self.body, self.styles) if style in styles]

    def lines_except(self, *styles: str) -> list[str]:
        """The body lines of every other style (the source list left out, say)."""
        return [line for line, style in zip(self.body, self.styles) if style not in styles]


def pdf_pages(path: Path | str) -> list[str]:
    """The text of each page of a PDF, page numbers left out."""
    pages = []
    for page in PdfReader(str(path)).pages:
        lines = (page.extract_text() or "").splitlines()
        pages.append("\n".join(line for line in lines if not _PAGE_NUMBER.match(line)))
    return pages


def docx_text(path: Path | str) -> DocxText:
    """The text a reader sees in a DOCX: paragraphs and table cells in document order (a
    table cell is one line, its paragraphs joined), the footnotes (separators left out)."""
    document = docx.Document(str(path))
    body: list[str] = []
    styles: list[str] = []
    headings: set[int] = set()
    tables = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            paragraph = docx.text.paragraph.Paragraph(element, document)
            style = paragraph.style.name if paragraph.style is not None else ""
            if style.startswith("Heading"):
                headings.add(len(body))
            body.append(paragraph_text(element))
            styles.append(style)
        elif element.tag == qn("w:tbl"):
            table = docx.table.Table(element, document)
            rows = tuple(tuple(" ".join(paragraph_text(p._p) for p in cell.paragraphs)
                               for cell in row.cells) for row in table.rows)
            tables.append(rows)
            body.extend(" | ".join(row) for row in rows)
            styles.extend("table" for _ in rows)
    return DocxText(tuple(body), tuple(tables), tuple(_footnotes(document)), frozenset(headings),
                    tuple(styles))


def paragraph_text(p: object) -> str:
    """A w:p element's text as a reader sees it, footnote references included as ^n."""
    out = []
    for child in p.iter(qn("w:t"), qn("w:noBreakHyphen"), qn("w:tab"), qn("w:br"),
                        qn("w:footnoteReference")):
        tag = child.tag
        if tag == qn("w:t"):
            out.append(child.text or "")
        elif tag == qn("w:noBreakHyphen"):
            out.append("-")
        elif tag == qn("w:tab"):
            out.append("\t")
        elif tag == qn("w:br"):
            out.append("\n")
        else:
            out.append(f"^{child.get(qn('w:id'))}")
    return "".join(out)


def _footnotes(document: docx.document.Document) -> list[str]:
    part = next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype.endswith("/footnotes")), None)
    if part is None:
        return []
    # python-docx has no footnotes part class: the part is a plain blob
    root = part.element if hasattr(part, "element") else etree.fromstring(part.blob)
    out = []
    for note in root.iter(qn("w:footnote")):
        if note.get(qn("w:type")) in ("separator", "continuationSeparator"):
            continue
        out.append(f"^{note.get(qn('w:id'))} " + "".join(
            "-" if t.tag == qn("w:noBreakHyphen") else t.text or ""
            for t in note.iter(qn("w:t"), qn("w:noBreakHyphen"))).strip())
    return out


def reader_text(folder: Path | str) -> dict[str, str]:
    """What a reader sees of one audience's brief, as text to compare with a reviewed
    snapshot: "pdf" (each page's text under a "--- page N ---" line) and "docx" (body
    paragraphs and table rows, then "--- footnotes ---" and the notes)."""
    folder = Path(folder)
    pages = pdf_pages(folder / "brief.pdf")
    pdf = "\n".join(f"--- page {n} ---\n{text}" for n, text in enumerate(pages, start=1))
    document = docx_text(folder / "brief.docx")
    body = "\n".join(line for line in document.body if line.strip())
    docx_part = body + ("\n--- footnotes ---\n" + "\n".join(document.footnotes)
                        if document.footnotes else "")
    return {"pdf": pdf.rstrip() + "\n", "docx": docx_part.rstrip() + "\n"}


# --------------------------------------------------------------------------- repetition


def sentences(text: str) -> list[str]:
    """The sentences of a text (lines joined first: extraction wraps them)."""
    joined = re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef])\n|\n(?=[\u3000-\u9fff\uff00-\uffef])",
                    "", text)
    joined = re.sub(r"\s*\n\s*", " ", joined)
    return [s.strip() for s in _SENTENCE_END.split(joined) if s and s.strip()]


def _core(sentence: str) -> str:
    """A sentence as compared: no citation markers, whitespace, bullets or punctuation."""
    text = _CITE.sub("", sentence)
    return re.sub(r"[\s•·“”‘’\"'（）()，,。.：:；;！!？?、…—\-]", "", text)


def repeated_sentences(texts: Iterable[str], minimum: int = _MIN_REPEAT) -> list[str]:
    """Sentences printed more than once across `texts` (pages, or paragraphs), or printed
    whole inside another printed sentence; each reported once, as printed."""
    found: list[tuple[str, str]] = []
    for text in texts:
        found.extend((s, _core(s)) for s in sentences(text))
    long_ones = [(s, c) for s, c in found if len(c) >= minimum]
    out: dict[str, None] = {}
    for i, (shown, core) in enumerate(long_ones):
        for j, (_, other) in enumerate(long_ones):
            if i != j and core in other and (len(core) < len(other) or i > j):
                out[shown] = None
                break
    return list(out)


# --------------------------------------------------------------------------- language


def outside_quotes(text: str) -> str:
    """`text` without what stands in quotation marks or title marks."""
    return _QUOTED.sub(" ", text)


def foreign_words(text: str, language: str) -> list[str]:
    """What a brief in `language` prints in another script: CJK characters outside
    quotation marks in English; in Chinese, Latin words that are no acronym, URL or domain."""
    bare = outside_quotes(text)
    if language == "en":
        return sorted({m.group(0) for m in re.finditer(r"[\u3400-\u4dbf\u4e00-\u9fff]+", bare)})
    return sorted({w for w in _LATIN_WORD.findall(_URL.sub(" ", bare))})


# --------------------------------------------------------------------------- line breaks


def latin_vocabulary(texts: Iterable[str]) -> set[str]:
    """Every Latin word (letters, digits, hyphens inside) of unwrapped texts (DOCX runs)."""
    words: set[str] = set()
    for text in texts:
        words.update(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’-]*[A-Za-z0-9]|[A-Za-z]", text))
    return words


def broken_words(lines: Sequence[str], vocabulary: set[str]) -> list[str]:
    """Words split over two lines: a line ends in a fragment and the next line starts with
    the rest, the two together a word of `vocabulary` that neither part is; reported as
    "frag|ment". A break after the hyphen of a compound of letters (e-|government) is one
    English allows; inside a number or date (2020-12-|24) it is not."""
    out = []
    tail_word = re.compile(r"([A-Za-z0-9][A-Za-z0-9'’-]*)$")
    head_word = re.compile(r"^([A-Za-z0-9'’-]*[A-Za-z0-9])")
    for line, following in zip(lines, lines[1:]):
        tail, head = tail_word.search(line.rstrip()), head_word.match(following.lstrip())
        if not tail or not head:
            continue
        a, b = tail.group(1), head.group(1)
        whole = a + b
        compound = a.endswith("-") and a[:-1].isalpha() and b[:1].isalpha()
        if whole in vocabulary and not (a in vocabulary and b in vocabulary) and not compound:
            out.append(f"{a}|{b}")
    return out


#: paragraph styles that end a section's text: a chart, its caption, the source list
SECTION_ENDS = ("Brief Figure", "Brief Caption", "Brief Source")


def section_lines(paragraphs: Sequence[str], title: str, headings: frozenset[int] | None = None,
                  styles: Sequence[str] = ()) -> list[str]:
    """The non-empty lines after the heading `title` up to the next heading (a line that is
    a heading index in `headings`, when given) or chart (`styles`: SECTION_ENDS)."""
    out: list[str] = []
    inside = False
    for i, line in enumerate(paragraphs):
        is_heading = i in headings if headings is not None else False
        if inside and (is_heading or (i < len(styles) and styles[i] in SECTION_ENDS)):
            break
        if line.strip().endswith(title) and (headings is None or is_heading):
            inside = True
            continue
        if inside and line.strip():
            out.append(line.strip())
    return out


__all__ = [
    "SECTION_ENDS",
    "DocxText",
    "broken_words",
    "docx_text",
    "foreign_words",
    "latin_vocabulary",
    "outside_quotes",
    "paragraph_text",
    "pdf_pages",
    "reader_text",
    "repeated_sentences",
    "section_lines",
    "sentences",
]
