"""One reader per file type (.txt, .md, .html/.htm, .docx): file → text plus format hints."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefing.errors import InputError
from briefing.read.clean import FRONT_MATTER
from briefing.read.decode import decode
from briefing.read.metadata import Metadata


@dataclass(frozen=True, slots=True)
class Source:
    """What a format reader produces: the Article text and anything the format itself states.

    `frame` is the whole page as plain lines (HTML only): metadata the main-content
    extractor dropped (date lines, copyright footers) is looked for there.
    """

    text: str
    encoding: str
    hints: Metadata = field(default_factory=Metadata)
    frame: str = ""
    problems: tuple[str, ...] = ()


def read_text(data: bytes, name: str) -> Source:
    """A web page's text dump (.txt): decoded as is."""
    decoded = decode(data, name)
    return Source(decoded.text, decoded.encoding, problems=decoded.problems)


def read_markdown(data: bytes, name: str) -> Source:
    """Markdown: decoded as is; YAML front matter (title, date, author, source, url) as hints."""
    decoded = decode(data, name)
    hints = Metadata()
    if m := FRONT_MATTER.match(decoded.text):
        hints = _front_matter_hints(m.group("body"))
    return Source(decoded.text, decoded.encoding, hints, problems=decoded.problems)


def _front_matter_hints(body: str) -> Metadata:
    try:
        values = yaml.safe_load(body)
    except yaml.YAMLError:
        return Metadata()  # broken front matter: the text itself may still say it all
    if not isinstance(values, dict):
        return Metadata()

    def get(*keys: str) -> str | None:
        found = next((values[k] for k in keys if values.get(k) not in (None, "")), None)
        return str(found) if found is not None else None

    return Metadata(
        title=get("title"),
        date=get("date", "published"),
        outlet=get("source", "outlet", "publisher"),
        author=get("author", "authors"),
        url=get("url", "link"),
    )


def read_html(data: bytes, name: str) -> Source:
    """HTML: trafilatura finds the main content; its text becomes the Article text."""
    import trafilatura  # imported here: slow to load and only needed for HTML

    decoded = decode(data, name)
    try:
        doc = trafilatura.bare_extraction(
            decoded.text,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError) as exc:  # lxml rejects some malformed pages
        raise InputError(f"cannot parse the HTML page ({exc})", file=name) from exc
    if doc is None or not (doc.text or "").strip():
        raise InputError("no article text found in the HTML page", file=name)
    text = doc.text
    if doc.title and doc.title not in text[:200]:
        text = f"{doc.title}\n\n{text}"  # keep the headline with the body it belongs to
    hints = Metadata(
        title=doc.title or None,
        date=doc.date or None,
        author=doc.author or None,
        url=doc.url or None,
        site=(doc.hostname or "").removeprefix("www.") or None,
    )
    return Source(text, decoded.encoding, hints, _page_lines(decoded.text), decoded.problems)


def _page_lines(html: str) -> str:
    """All visible text of the page, one block element per line, for metadata search."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    # Block elements end a line; inline ones (a, span) keep a label with its value.
    for block in root.xpath("//p|//div|//li|//h1|//h2|//h3|//h4|//h5|//tr|//br|//header|//footer"):
        block.tail = "\n" + (block.tail or "")
    return re.sub(r"\n\s*\n+", "\n", root.text_content())


MAX_UNPACKED_BYTES = 100 * 1024 * 1024  #: total declared size of a zip's members
MAX_ZIP_MEMBERS = 2000  #: a Word file has dozens; thousands is a zip bomb or not a document


def check_zip(data: bytes, name: str) -> None:
    """Refuse a zip whose members are too many or unpack too large, before anything reads them.

    The declared sizes are a true bound: zipfile never returns more than a member's declared
    size (a member that lies fails its CRC check and is reported as a broken file).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise InputError(f"not a readable .docx file ({exc})", file=name) from exc
    if len(members) > MAX_ZIP_MEMBERS:
        raise InputError(f"the zip has {len(members)} members, over the limit of "
                         f"{MAX_ZIP_MEMBERS}", file=name)
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(f"would unpack to {unpacked / 1024 / 1024:.0f} MB, over the "
                         f"{MAX_UNPACKED_BYTES // 1024 // 1024} MB limit", file=name)


def read_docx(data: bytes, name: str) -> Source:
    """Word .docx: paragraph texts joined by blank lines; the document title as a hint."""
    import docx

    check_zip(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"not a readable .docx file ({exc})", file=name) from exc
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    if not paragraphs:
        raise InputError("the .docx file has no text", file=name)
    # Only the title: core-properties authors name whoever made the file, not the writer.
    hints = Metadata(title=document.core_properties.title or None)
    return Source("\n\n".join(paragraphs), "docx", hints)


READERS: dict[str, Callable[[bytes, str], Source]] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
}


def reader_for(path: Path) -> Callable[[bytes, str], Source]:
    """The reader for a file's type; InputError naming the type when there is none."""
    suffix = path.suffix.lower()
    if suffix not in READERS:
        kind = f"'{suffix}'" if suffix else "without an extension"
        known = ", ".join(sorted(READERS))
        raise InputError(f"unsupported file type {kind} (readable: {known})", file=path.name)
    return READERS[suffix]
