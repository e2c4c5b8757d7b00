"""CJK fonts: find the bundled Noto faces, and turn them into TrueType fonts reportlab can embed.

reportlab only reads TrueType (`glyf`) outlines; the pip-installable Noto Sans/Serif SC are CFF
(.otf), and converting cubic CFF outlines to quadratic `glyf` ones (the fontTools otf2ttf recipe)
costs about a millisecond a glyph. So the conversion is paid once per machine, not per build:

* a **base** font per face holds every character of GB 2312 (6,763 hanzi plus the common
  symbols, read from Python's own codec, so no data file) and BASE_CHARS; it is converted the
  first time a machine needs it (about ten seconds a face, announced in the log) and kept in
  the user's cache folder (`font_cache_dir()`: $BRIEFING_CACHE_DIR, else
  $XDG_CACHE_HOME/briefing, else ~/.cache/briefing);
* a document that prints characters outside the base gets the base **plus a supplement** of
  just those glyphs, converted (fast: a few glyphs) and merged into a copy of the base, also
  cached on disk keyed by font file and supplement.

reportlab subsets again on embedding, so a PDF carries only the glyphs it prints, and the same
text always yields the same font bytes (the PDF stays byte-identical across runs and machines).
A configured TrueType font (env BRIEFING_CJK_FONT, or a style's `pdf_*` font path) takes
precedence. Chinese text never falls back to a Latin font: any problem raises RenderError.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import re
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import RenderError
from briefing.machine_cache import ENV_CACHE, machine_cache_dir  # noqa: F401 - ENV_CACHE re-exported

if TYPE_CHECKING:  # fontTools costs ~0.2 s to import: only the PDF writer and tests need it
    from fontTools.ttLib import TTFont

log = logging.getLogger(__name__)

ENV_FONT = "BRIEFING_CJK_FONT"
CONVERTER_VERSION = "2"  # bump when the subset/convert recipe changes: invalidates disk caches
BUNDLED_FACES = {"serif": "NotoSerifSC-Regular.otf", "sans": "NotoSansSC-Regular.otf",
                 "bold": "../noto_cjk_sans_jp_bold/NotoSansCJKjp-Bold.otf"}  # pip noto-cjk-sans-jp-bold

# Always in every subset, so page numbers, citation markers and stray Latin never miss a glyph.
BASE_CHARS = (
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "—–·•●○■□◆★※…‘’“”、。，；：？！（）《》〈〉「」『』【】〔〕—％℃×÷±　"
)



def _gb2312_chars() -> str:
    """Every character GB 2312 encodes: the common hanzi and symbols of simplified Chinese.

    通用规范汉字表 (8,105) would be the modern list, but no pip package ships it; GB 2312 comes
    with Python and covers the text of government articles but for a rare name or place.
    """
    chars = []
    for code in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes((code, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


#: the characters of every base font (what most documents never leave)
BASE_CHARSET = frozenset(BASE_CHARS + _gb2312_chars())

#: (font identity, supplement characters) → TrueType bytes, for this process
_MEMORY_CACHE: dict[tuple[str, str, str], bytes] = {}


@dataclass(frozen=True, slots=True)
class FontTiming:
    """How long one subset+convert took (for reports and logs)."""

    font: str
    glyphs: int
    seconds: float
    cached: bool


#: every subset+convert of this process, newest last
TIMINGS: list[FontTiming] = []


def font_cache_dir() -> Path:
    """The machine-wide folder for converted fonts: `fonts/` in briefing.machine_cache."""
    return machine_cache_dir() / "fonts"


def bundled_font_path(face: str) -> Path:
    """Path of a bundled Noto face ("serif" or "sans") from the pylopdf-fonts-zh-cn package."""
    if face not in BUNDLED_FACES:
        raise RenderError(f"unknown bundled CJK face {face!r}; use one of {sorted(BUNDLED_FACES)}")
    try:
        import pylopdf_fonts_zh_cn as pkg
    except ImportError as err:  # pragma: no cover - a dependency of the project
        raise RenderError(
            "the CJK fonts are missing: reinstall briefing (its dependency pylopdf-fonts-zh-cn)"
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
    return _font_facts(*_identity_parts(path), font_index)[0]


def require_truetype(path: Path, font_index: int = 0) -> None:
    """Raise RenderError unless the font has TrueType outlines (what reportlab can embed)."""
    kind = outline_format(path, font_index)
    if kind != "truetype":
        raise RenderError(
            f"{path} has {kind.upper()} outlines; reportlab embeds only TrueType (glyf) fonts. "
            "Use briefing.render.fonts.truetype_subset() to convert it, or configure a .ttf/.ttc font"
        )


def printable_chars(text: str) -> set[str]:
    """The characters of `text` that need a glyph (no controls, line breaks or format chars)."""
    return {c for c in text if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp")}


def covered_codepoints(path: Path, font_index: int = 0) -> frozenset[int]:
    """The code points the font's cmap maps to a glyph (read once per process and file)."""
    return _font_facts(*_identity_parts(path), font_index)[1]


def missing_glyphs(path: Path, chars: set[str], font_index: int = 0) -> list[str]:
    """Characters of `chars` the font's cmap has no glyph for, sorted."""
    covered = _font_facts(*_identity_parts(path), font_index)[1]
    return sorted(c for c in chars if ord(c) not in covered)


def _identity_parts(path: Path) -> tuple[str, int, int]:
    """What identifies a font file's content cheaply: resolved path, size, mtime."""
    try:
        stat = path.stat()
    except OSError as err:
        raise RenderError(f"cannot read font {path}: {err.strerror}") from err
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns


@lru_cache(maxsize=32)
def _font_facts(resolved: str, size: int, mtime: int, font_index: int) -> tuple[str, frozenset[int]]:
    """Outline kind and covered code points of a font, read once per process and file version,
    and kept in the machine cache (reading the cmaps of the 25 bundled faces cost a cold build
    0.3 s). The size and mtime are part of both keys, so a font replaced on disk is read again.
    """
    kept = _kept_facts_file(resolved, size, mtime, font_index)
    try:
        kind, ranges = json.loads(kept.read_text(encoding="utf-8"))
        return kind, frozenset(c for a, b in ranges for c in range(a, b + 1))
    except (OSError, ValueError, TypeError):
        pass  # not kept yet, or unreadable: read the font
    kind, covered = _read_font_facts(resolved, font_index)
    _write_cache_file(kept, json.dumps([kind, _ranges(covered)]).encode("utf-8"))
    return kind, covered


def _kept_facts_file(resolved: str, size: int, mtime: int, font_index: int) -> Path:
    key = hashlib.sha256(f"{resolved}:{size}:{mtime}:{font_index}".encode()).hexdigest()[:24]
    return font_cache_dir() / "cmaps" / f"{key}.json"


def _ranges(codes: frozenset[int]) -> list[tuple[int, int]]:
    """Sorted code points as (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for code in sorted(codes):
        if runs and code == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], code)
        else:
            runs.append((code, code))
    return runs


def _read_font_facts(resolved: str, font_index: int) -> tuple[str, frozenset[int]]:
    """Outline kind and covered code points, read from the font file."""
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(resolved, fontNumber=font_index, lazy=True)
    except Exception as err:  # fontTools raises many types for a bad file
        raise RenderError(f"cannot read font {resolved}: {err}") from err
    with font:
        kind = "truetype" if "glyf" in font else "cff" if "CFF " in font or "CFF2" in font else "none"
        try:
            covered = frozenset(font.getBestCmap() or {})
        except Exception as err:
            raise RenderError(f"cannot read the character map of font {resolved}: {err}") from err
    return kind, covered


def check_coverage(path: Path, text: str, font_index: int = 0) -> None:
    """Raise RenderError naming every character of `text` the font cannot draw (no tofu)."""
    missing = missing_glyphs(path, printable_chars(text), font_index)
    if missing:
        shown = " ".join(f"{c!r} U+{ord(c):04X}" for c in missing[:20])
        raise RenderError(
            f"font {path.name} has no glyph for {len(missing)} character(s): {shown}"
        )


def truetype_subset(path: Path, text: str, *, cache_dir: Path | None = None) -> bytes:
    """A TrueType (glyf) font of the base characters plus whatever else `text` prints, as bytes.

    `text` inside the base (the usual case) gets the base font itself, converted once per
    machine in `font_cache_dir()`; other characters are converted alone and merged into a copy
    of the base, cached in `cache_dir` (default: `font_cache_dir()` too). Both stay in memory.
    """
    machine = font_cache_dir()  # the base is per machine, whatever folder a caller passes
    _, covered = _font_facts(*_identity_parts(path), 0)
    base_chars = "".join(sorted(c for c in BASE_CHARSET if ord(c) in covered))
    extra = "".join(sorted(c for c in printable_chars(text) if c not in BASE_CHARSET))
    base = _cached_font(path, machine, "base", lambda: _prepare_base(path, base_chars, machine))
    cache_dir = cache_dir if cache_dir is not None else machine
    if not extra:
        return base
    return _cached_font(path, cache_dir, extra, lambda: _merge_supplement(path, base, extra))


def _cached_font(path: Path, cache_dir: Path, what: str, make: Callable[[], bytes]) -> bytes:
    """Memory, then disk, then `make()` (under a lock, so parallel builds convert once)."""
    key = (_font_identity(path), what, _charset_digest(BASE_CHARSET))  # a new base: new files
    data = _MEMORY_CACHE.get(key)
    if data is None:
        disk = _disk_cache_file(cache_dir, path, key)
        data = _read_cache_file(disk)
        if data is None:
            with _cache_lock(disk):
                data = _read_cache_file(disk)  # another process may have made it meanwhile
                if data is None:
                    data = make()
                    _write_cache_file(disk, data)
        _MEMORY_CACHE[key] = data
    return data


def _prepare_base(path: Path, chars: str, cache_dir: Path) -> bytes:
    """Convert the base font of one face: once per machine, so say what and how long."""
    log.info("preparing the PDF font %s (%d characters, once per machine) ...", path.name,
             len(chars))
    started = time.perf_counter()
    data, glyphs = _subset_and_convert(path, chars)
    seconds = time.perf_counter() - started
    TIMINGS.append(FontTiming(path.name, glyphs, seconds, cached=False))
    log.info("prepared %s: %d glyphs in %.1f s, kept in %s", path.name, glyphs, seconds,
             cache_dir)
    return data


def _merge_supplement(path: Path, base: bytes, extra: str) -> bytes:
    started = time.perf_counter()
    supplement, glyphs = _subset_and_convert(path, extra)
    data = merge_glyphs(base, supplement)
    seconds = time.perf_counter() - started
    TIMINGS.append(FontTiming(path.name, glyphs, seconds, cached=False))
    log.debug("supplement of %s: %d characters in %.2f s", path.name, len(extra), seconds)
    return data


def merge_glyphs(base: bytes, supplement: bytes) -> bytes:
    """The TrueType `base` with every glyph of `supplement` (a subset of the same face) added.

    Both come from the same source font by the same recipe, so units, metrics tables and
    outline format agree; only glyf, hmtx, cmap, maxp and the bounding boxes change. Bounding
    boxes are not recalculated from outlines (that would decompile every base glyph).
    """
    from fontTools.fontBuilder import FontBuilder
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(base), recalcBBoxes=False, recalcTimestamp=False)
    extra = TTFont(io.BytesIO(supplement), recalcBBoxes=False, recalcTimestamp=False)
    order = list(font.getGlyphOrder())
    glyf, hmtx, cmap = font["glyf"], font["hmtx"], font.getBestCmap()
    mapping = dict(cmap)
    renamed: dict[str, str] = {}
    for name in extra.getGlyphOrder():
        if name == ".notdef":
            continue
        new = f"sup{len(order):05d}"  # never collides with the base's names
        renamed[name] = new
        order.append(new)
        glyf.glyphs[new] = extra["glyf"][name]
        hmtx.metrics[new] = extra["hmtx"][name]
    for code, name in extra.getBestCmap().items():
        if name in renamed:
            mapping[code] = renamed[name]
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    FontBuilder(font=font).setupCharacterMap(mapping)
    _merge_bounds(font, extra)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _merge_bounds(font: TTFont, extra: TTFont) -> None:
    """maxp, head and hhea extremes of the union (each is the max/min of the two fonts)."""
    for attr in ("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours",
                 "maxComponentElements", "maxComponentDepth"):
        setattr(font["maxp"], attr, max(getattr(font["maxp"], attr), getattr(extra["maxp"], attr)))
    head, other = font["head"], extra["head"]
    head.xMin, head.yMin = min(head.xMin, other.xMin), min(head.yMin, other.yMin)
    head.xMax, head.yMax = max(head.xMax, other.xMax), max(head.yMax, other.yMax)
    hhea, other_h = font["hhea"], extra["hhea"]
    hhea.advanceWidthMax = max(hhea.advanceWidthMax, other_h.advanceWidthMax)
    hhea.minLeftSideBearing = min(hhea.minLeftSideBearing, other_h.minLeftSideBearing)
    hhea.minRightSideBearing = min(hhea.minRightSideBearing, other_h.minRightSideBearing)
    hhea.xMaxExtent = max(hhea.xMaxExtent, other_h.xMaxExtent)


def _font_identity(path: Path) -> str:
    resolved, size, _ = _identity_parts(path)
    return f"{resolved}|{size}|{CONVERTER_VERSION}"


@lru_cache(maxsize=4)
def _charset_digest(chars: frozenset[str]) -> str:
    return hashlib.sha256("".join(sorted(chars)).encode("utf-8")).hexdigest()[:16]


def _disk_cache_file(cache_dir: Path, path: Path, key: tuple[str, str, str]) -> Path:
    digest = hashlib.sha256("\n".join(key).encode("utf-8")).hexdigest()[:16]
    kind = "base" if key[1] == "base" else "plus"
    return cache_dir / f"{path.stem}-{kind}-{digest}.ttf"


def _read_cache_file(target: Path) -> bytes | None:
    """The cached font, or None when absent or unreadable (then it is made again)."""
    try:
        return target.read_bytes()
    except OSError:
        return None


@contextlib.contextmanager
def _cache_lock(target: Path) -> Iterator[None]:
    """An exclusive lock beside `target` while it is made (parallel renders, parallel builds).

    Best effort: where the folder cannot be written or fcntl is missing, no lock is taken and
    two processes may convert the same font, which costs time only.
    """
    try:
        import fcntl

        target.parent.mkdir(parents=True, exist_ok=True)
        handle = open(target.with_suffix(".lock"), "a+b")  # noqa: SIM115 - held across yield
    except (ImportError, OSError):
        yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        handle.close()  # closing releases the lock


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
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(path, lazy=True, recalcTimestamp=False)  # same bytes every run
    except Exception as err:
        raise RenderError(f"cannot read font {path}: {err}") from err
    from briefing.render.font_locale import localise_cmap  # fontTools: imported when converting

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
    from fontTools import subset as ft_subset

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
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

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
    from fontTools.ttLib import newTable

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
    converted first (`truetype_subset`: the machine's base font, plus a supplement when `text`
    needs one), each conversion cached in `cache_dir` (default `font_cache_dir()`). Raises RenderError for a font that lacks a glyph `text` needs.
    """
    return register_font_file(resolve_font_path(face_or_path), text, cache_dir=cache_dir)


def register_font_file(path: Path, text: str, *, cache_dir: Path | None = None) -> str:
    """Register the font file `path` for `text` with reportlab (see register_reportlab_font)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as ReportlabTTFont

    check_coverage(path, text)
    try:
        if outline_format(path) == "truetype":
            name = re.sub(r"[^A-Za-z0-9-]", "", f"{path.stem}-{_short_hash(str(path))}")
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
