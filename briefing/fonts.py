"""CJK fonts: find the bundled Noto faces, and turn them into TrueType subsets reportlab can embed.

reportlab only reads TrueType (`glyf`) outlines; the pip-installable Noto Sans/Serif SC are CFF
(.otf). So for each document we subset the glyphs it prints and convert their cubic CFF outlines
to quadratic `glyf` outlines (the fontTools otf2ttf recipe), then register the result. A
configured TrueType font (env BRIEFING_CJK_FONT, or a style's `pdf_*` font path) takes precedence.
Chinese text never falls back to a Latin font: any problem raises RenderError.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset as ft_subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

from briefing.errors import RenderError
from briefing.font_locale import localise_cmap

log = logging.getLogger(__name__)

ENV_FONT = "BRIEFING_CJK_FONT"
CONVERTER_VERSION = "1"  # bump when the subset/convert recipe changes: invalidates disk caches
BUNDLED_FACES = {"serif": "NotoSerifSC-Regular.otf", "sans": "NotoSansSC-Regular.otf",
                 "bold": "../noto_cjk_sans_jp_bold/NotoSansCJKjp-Bold.otf"}  # pip noto-cjk-sans-jp-bold

# Always in every subset, so page numbers, citation markers and stray Latin never miss a glyph.
BASE_CHARS = (
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "—–·•●○■□◆★※…‘’“”、。，；：？！（）《》〈〉「」『』【】〔〕—％℃×÷±　"
)

_MEMORY_CACHE: dict[tuple[str, str], bytes] = {}


@dataclass(frozen=True, slots=True)
class FontTiming:
    """How long one subset+convert took (for reports and logs)."""

    font: str
    glyphs: int
    seconds: float
    cached: bool


#: every subset+convert of this process, newest last
TIMINGS: list[FontTiming] = []


def bundled_font_path(face: str) -> Path:
    """Path of a bundled Noto face ("serif" or "sans") from the pylopdf-fonts-zh-cn package."""
    if face not in BUNDLED_FACES:
        raise RenderError(f"unknown bundled CJK face {face!r}; use one of {sorted(BUNDLED_FACES)}")
    try:
        import pylopdf_fonts_zh_cn as pkg
    except ImportError as err:  # pragma: no cover - a dependency of the project
        raise RenderError(
            "the CJK fonts are missing: `pip install pylopdf-fonts-zh-cn`, "
            f"or set {ENV_FONT} to a TrueType CJK font"
        ) from err
    path = Path(pkg.__file__).parent / BUNDLED_FACES[face]
    if not path.is_file():
        raise RenderError(f"bundled CJK font not found: {path}")
    return path


def resolve_font_path(face_or_path: str) -> Path:
    """The font file for a style's font setting: env BRIEFING_CJK_FONT, a path, or a bundled face."""
    configured = os.environ.get(ENV_FONT, "").strip()
    if configured:
        return _existing(Path(configured).expanduser(), f"${ENV_FONT}")
    if face_or_path in BUNDLED_FACES:
        return bundled_font_path(face_or_path)
    return _existing(Path(face_or_path).expanduser(), "style font setting")


def _existing(path: Path, origin: str) -> Path:
    if not path.is_file():
        raise RenderError(f"CJK font from {origin} does not exist: {path}")
    return path


def outline_format(path: Path, font_index: int = 0) -> str:
    """'truetype' (glyf), 'cff' (CFF/CFF2) or 'none', read from the font's tables with fontTools."""
    try:
        font = TTFont(path, fontNumber=font_index, lazy=True)
    except Exception as err:  # fontTools raises many types for a bad file
        raise RenderError(f"cannot read font {path}: {err}") from err
    with font:
        if "glyf" in font:
            return "truetype"
        if "CFF " in font or "CFF2" in font:
            return "cff"
        return "none"


def require_truetype(path: Path, font_index: int = 0) -> None:
    """Raise RenderError unless the font has TrueType outlines (what reportlab can embed)."""
    kind = outline_format(path, font_index)
    if kind != "truetype":
        raise RenderError(
            f"{path} has {kind.upper()} outlines; reportlab embeds only TrueType (glyf) fonts. "
            "Use briefing.fonts.truetype_subset() to convert it, or configure a .ttf/.ttc font"
        )


def printable_chars(text: str) -> set[str]:
    """The characters of `text` that need a glyph (no controls, line breaks or format chars)."""
    return {c for c in text if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp")}


def missing_glyphs(path: Path, chars: set[str], font_index: int = 0) -> list[str]:
    """Characters of `chars` the font's cmap has no glyph for, sorted."""
    with TTFont(path, fontNumber=font_index, lazy=True) as font:
        cmap = font.getBestCmap() or {}
    return sorted(c for c in chars if ord(c) not in cmap)


def check_coverage(path: Path, text: str, font_index: int = 0) -> None:
    """Raise RenderError naming every character of `text` the font cannot draw (no tofu)."""
    missing = missing_glyphs(path, printable_chars(text), font_index)
    if missing:
        shown = " ".join(f"{c!r} U+{ord(c):04X}" for c in missing[:20])
        raise RenderError(
            f"font {path.name} has no glyph for {len(missing)} character(s): {shown}. "
            f"Set {ENV_FONT} to a font that covers them, or remove them from the text"
        )


def truetype_subset(path: Path, text: str, *, cache_dir: Path | None = None) -> bytes:
    """A TrueType (glyf) font with only the glyphs `text` (plus BASE_CHARS) needs, as bytes.

    Cached in memory per (font, glyph set) and, with `cache_dir`, on disk across runs.
    """
    chars = "".join(sorted(printable_chars(text + BASE_CHARS)))
    key = (_font_identity(path), chars)
    disk = _disk_cache_file(cache_dir, path, key) if cache_dir else None
    data = _MEMORY_CACHE.get(key)
    if data is None and disk is not None and disk.is_file():
        data = disk.read_bytes()
        TIMINGS.append(FontTiming(path.name, len(chars), 0.0, cached=True))
    if data is None:
        started = time.perf_counter()
        data, glyphs = _subset_and_convert(path, chars)
        seconds = time.perf_counter() - started
        TIMINGS.append(FontTiming(path.name, glyphs, seconds, cached=False))
        log.debug("subset+convert %s: %d glyphs in %.2f s", path.name, glyphs, seconds)
    # A memory hit still fills a cache folder that lacks the file, so the next run is fast too.
    if disk is not None and not disk.is_file():
        _write_cache_file(disk, data)
    _MEMORY_CACHE[key] = data
    return data


def _font_identity(path: Path) -> str:
    stat = path.stat()
    return f"{path.resolve()}|{stat.st_size}|{CONVERTER_VERSION}"


def _disk_cache_file(cache_dir: Path, path: Path, key: tuple[str, str]) -> Path:
    digest = hashlib.sha256("\n".join(key).encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"{path.stem}-{digest}.ttf"


def _write_cache_file(target: Path, data: bytes) -> None:
    """Best effort: a cache that cannot be written only costs time next run."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".tmp{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as err:
        log.debug("font cache not written: %s", err)


def _subset_and_convert(path: Path, chars: str) -> tuple[bytes, int]:
    try:
        font = TTFont(path, lazy=True, recalcTimestamp=False)  # same bytes every run
    except Exception as err:
        raise RenderError(f"cannot read font {path}: {err}") from err
    localise_cmap(font)  # Simplified-Chinese glyph forms of a pan-CJK font (locl ZHS)
    _subset(font, {ord(c) for c in chars})
    if "glyf" not in font:
        if "CFF " not in font:
            raise RenderError(f"{path}: neither TrueType nor CFF outlines; cannot embed it")
        _convert_cff_to_glyf(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue(), len(font.getGlyphOrder())


def _subset(font: TTFont, unicodes: set[int]) -> None:
    options = ft_subset.Options()
    options.notdef_outline = True  # a visible .notdef, never an empty one
    options.name_IDs = ["*"]
    options.layout_features = []  # reportlab does no shaping; drop GSUB/GPOS weight
    options.hinting = False
    options.desubroutinize = True
    options.drop_tables += ["VORG", "vhea", "vmtx", "BASE", "DSIG"]
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)


def _convert_cff_to_glyf(font: TTFont, max_err: float = 1.0) -> None:
    """Replace CFF cubic outlines with TrueType quadratic ones (fontTools' otf2ttf recipe)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise, TrueType clockwise: reverse while converting.
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    glyf.compile(font)
    _update_left_side_bearings(font, glyf)
    _set_truetype_maxp(font, glyf)
    _set_post_format3(font)
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def _update_left_side_bearings(font: TTFont, glyf: object) -> None:
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():  # type: ignore[attr-defined]
        width = hmtx[name][0]
        hmtx[name] = (width, getattr(glyph, "xMin", 0))


def _set_truetype_maxp(font: TTFont, glyf: object) -> None:
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    maxp.compile(font)  # recalculates points/contours from glyf


def _set_post_format3(font: TTFont) -> None:
    """Format 3 stores no glyph names: smaller, and CID fonts have no useful names anyway."""
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}


def register_reportlab_font(face_or_path: str, text: str, *, cache_dir: Path | None = None) -> str:
    """Register a CJK font covering `text` with reportlab and return its registered name.

    TrueType fonts are registered as they are (reportlab subsets on embedding); CFF fonts are
    subset and converted first. Raises RenderError for a font that lacks a glyph `text` needs.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as ReportlabTTFont

    path = resolve_font_path(face_or_path)
    check_coverage(path, text)
    try:
        if outline_format(path) == "truetype":
            name = f"{path.stem}-{_short_hash(str(path))}"
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(ReportlabTTFont(name, str(path), subfontIndex=0))
            return name
        data = truetype_subset(path, text, cache_dir=cache_dir)
        name = re.sub(r"[^A-Za-z0-9-]", "", f"{path.stem}-{_short_hash(data)}")
        if name not in pdfmetrics.getRegisteredFontNames():
            font = ReportlabTTFont(name, io.BytesIO(data))
            # reportlab aliases fonts by PostScript face name: a second subset of the same font
            # would silently print with the first one's glyphs. A face name per subset prevents it.
            font.face.name = name.encode("ascii")
            pdfmetrics.registerFont(font)
        return name
    except RenderError:
        raise
    except Exception as err:  # reportlab's TTFError and friends
        raise RenderError(f"reportlab cannot use font {path}: {err}") from err


def _short_hash(value: str | bytes) -> str:
    raw = value.encode("utf-8") if isinstance(value, str) else value
    return hashlib.sha256(raw).hexdigest()[:10]
