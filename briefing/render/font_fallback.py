"""Every character prints: a chain of fallback fonts, chosen per character, else a placeholder.

A brief's own faces (Noto Serif/Sans SC, Noto Sans CJK Bold) cover Chinese and Latin text, but
pages bring characters they lack: dingbats and symbols (✅ ☑ ♻), emoji, CJK extension B
(𠮷), Latin with diacritics outside Latin-1 (ą č ő), other scripts. Each such character is
drawn with the first face of FALLBACK_CHAIN that has a glyph for it: in the PDF the text is
wrapped in <font name=…> markup, in the DOCX it becomes a run with that face's family name.
A character that no face covers is printed as PLACEHOLDER (the audit record keeps the original);
the read stage reports it once per article (`unprintable_chars`).

Every face ships inside a pip package (no download at run time): Noto Sans CJK Bold from
noto-cjk-sans-jp-bold (extension A and the extension-B characters in current use), Noto Sans
Symbols, Noto Emoji (monochrome outlines), Noto Sans and Noto Sans for other scripts from
manimgx-fonts. A package that is not installed simply leaves its faces out of the chain.
"""

from __future__ import annotations

import contextvars
import importlib.util
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from briefing.render.fonts import bundled_font_path, covered_codepoints

#: printed for a character no bundled face can draw (the geta mark, the CJK typesetter's sign
#: for a character the type case lacks); every primary face has it
PLACEHOLDER = "〓"


@dataclass(frozen=True, slots=True)
class FallbackFace:
    """One face of the chain: the family name a DOCX run names, and where its file ships."""

    family: str  #: the face's family name (what Word looks up on the reader's machine)
    package: str  #: the import name of the pip package that ships the file
    file: str  #: the file inside that package


#: tried in this order for a character the brief's own face lacks
FALLBACK_CHAIN: tuple[FallbackFace, ...] = (
    FallbackFace("Noto Sans CJK JP", "noto_cjk_sans_jp_bold", "NotoSansCJKjp-Bold.otf"),
    FallbackFace("Noto Sans Symbols", "manimgx_fonts", "NotoSansSymbols[wght].ttf"),
    FallbackFace("Noto Emoji", "manimgx_fonts", "NotoEmoji[wght].ttf"),
    FallbackFace("Noto Sans", "manimgx_fonts", "NotoSans[wght].ttf"),
    *(FallbackFace(f"Noto Sans {script}", "manimgx_fonts", f"NotoSans{script}[wght].ttf")
      for script in ("Arabic", "Hebrew", "Thai", "Devanagari", "Armenian", "Georgian",
                     "Bengali", "Tamil", "Telugu", "Kannada", "Malayalam", "Gujarati",
                     "Gurmukhi", "Oriya", "Sinhala", "Khmer", "Lao", "Myanmar", "Ethiopic")),
)

#: the brief's own bundled faces: what every character is first looked for in
PRIMARY_FACES = ("serif", "sans", "bold")

#: categories that need no glyph: controls, format characters (zero-width, bidi), separators
_NO_GLYPH = frozenset({"Cc", "Cf", "Zl", "Zp"})


def face_path(face: FallbackFace) -> Path | None:
    """The face's font file, or None when its package is not installed."""
    spec = importlib.util.find_spec(face.package)
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / face.file
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=1)
def available_chain() -> tuple[tuple[FallbackFace, Path], ...]:
    """The faces of FALLBACK_CHAIN whose package is installed, in chain order."""
    found = ((face, face_path(face)) for face in FALLBACK_CHAIN)
    return tuple((face, path) for face, path in found if path is not None)


def needs_glyph(char: str) -> bool:
    """Whether `char` is drawn (not a control, format character or line separator)."""
    return unicodedata.category(char) not in _NO_GLYPH


def choose_faces(chars: Iterable[str], primaries: Sequence[Path]) -> dict[str, FallbackFace | None]:
    """For each character some primary face lacks: the first chain face that has it, or None
    (print the placeholder). Characters every primary face covers are left out."""
    primary_sets = [covered_codepoints(p) for p in primaries]
    chosen: dict[str, FallbackFace | None] = {}
    for char in sorted(set(chars)):
        code = ord(char)
        if not needs_glyph(char) or all(code in covered for covered in primary_sets):
            continue
        chosen[char] = next((face for face, path in available_chain()
                             if code in covered_codepoints(path)), None)
    return chosen


@lru_cache(maxsize=1)
def _printable_codepoints() -> frozenset[int]:
    """Every code point some bundled face (primary or fallback) can draw."""
    paths = [bundled_font_path(face) for face in PRIMARY_FACES]
    paths += [path for _, path in available_chain()]
    return frozenset().union(*(covered_codepoints(p) for p in paths))


def _surely_printable(char: str) -> bool:
    """Cheap check before the fonts are read: ASCII, Latin-1 and the unified ideographs
    U+4E00–U+9FEF are in every primary face."""
    code = ord(char)
    return code < 0x100 or 0x4E00 <= code <= 0x9FEF or not needs_glyph(char)


def unprintable_chars(text: str) -> list[str]:
    """The characters of `text` that no bundled face can draw (sorted, each once)."""
    rare = {c for c in text if not _surely_printable(c)}
    if not rare:
        return []
    covered = _printable_codepoints()
    return sorted(c for c in rare if ord(c) not in covered)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text drawn with one face: None is the brief's own face."""

    text: str
    face: FallbackFace | None


def segments(text: str, chosen: dict[str, FallbackFace | None]) -> Iterator[Segment]:
    """`text` cut into runs by the face each character is drawn with; a character no face
    covers (chosen[c] is None) becomes PLACEHOLDER in the brief's own face."""
    run: list[str] = []
    current: FallbackFace | None = None
    for char in text:
        face = chosen.get(char)
        if char in chosen and face is None:
            char = PLACEHOLDER
        if face is not current and run:
            yield Segment("".join(run), current)
            run = []
        current = face
        run.append(char)
    if run:
        yield Segment("".join(run), current)


def text_segments(text: str) -> list[Segment]:
    """`text` in runs by face, measured against the bundled faces (what a DOCX run needs:
    Word draws with the reader's fonts, which the bundled faces stand in for)."""
    if all(_surely_printable(c) for c in text):
        return [Segment(text, None)] if text else []
    primaries = [bundled_font_path(face) for face in PRIMARY_FACES]
    return list(segments(text, choose_faces(text, primaries)))


# ------------------------------------------------------------------------------ PDF markup

#: what the PDF document being built draws with which registered reportlab font; set by the
#: writer when it registers its fonts (pdf_parts.register_fonts), read by its markup function
_PDF_FONTS: contextvars.ContextVar[tuple[dict[str, FallbackFace | None], dict[str, str]]] = (
    contextvars.ContextVar("pdf_fallback_fonts", default=({}, {})))


def use_in_pdf(chosen: dict[str, FallbackFace | None], registered: dict[str, str]) -> None:
    """Make `pdf_markup` draw the characters of `chosen` with the reportlab fonts `registered`
    (face family → registered name) from now on in this context."""
    _PDF_FONTS.set((chosen, registered))


def pdf_markup(text: str) -> str:
    """`text` as reportlab Paragraph markup: escaped, fallback characters in <font> tags."""
    chosen, registered = _PDF_FONTS.get()
    if not chosen or not any(c in chosen for c in text):
        return escape(text)
    out = []
    for seg in segments(text, chosen):
        body = escape(seg.text)
        name = registered.get(seg.face.family) if seg.face else None
        out.append(f'<font name="{name}">{body}</font>' if name else body)
    return "".join(out)
