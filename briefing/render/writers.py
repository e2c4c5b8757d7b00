"""Writing a brief's files: every registered writer, charts drawn and measured once.

Contract (re-exported by briefing.render, which loads this module on first use):
    write_briefing(briefing: Briefing, dest_dir: Path, style_dirs=()) -> list[Path]
        writes every registered writer's file atomically (temp file, then os.replace); the
        style preset is looked up in `style_dirs` (user `_styles` folders), then the built-in

The file stem is always `brief` (FILE_STEM), so the latest brief of an audience has a stable
name: out/<audience>/brief.docx|pdf|json. Charts are drawn once and the PNG bytes handed to
every writer; the size each chart gets on the page is measured once too, before any writer runs
(chart_widths), so the writers share nothing but their read-only RenderContext and run in any
order. A writer is a class with `name`, `suffix`, `help`, `uses_chart_widths` and
`write(briefing, ctx, path)`.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType

from briefing.errors import BriefingError, RenderError
from briefing.models import Briefing
from briefing.render.base import RenderContext, Writer
from briefing.render.charts import draw_chart
from briefing.render.docx import DocxWriter
from briefing.render.fonts import font_cache_dir
from briefing.render.json import JsonWriter
from briefing.render.pdf_platypus import PdfWriter, lay_out_pdf
from briefing.render.style import load_style

log = logging.getLogger(__name__)

FILE_STEM = "brief"
__all__ = ["FILE_STEM", "WRITERS", "RenderContext", "Writer", "write_briefing"]


#: every output format; the order is only the order files are listed in (writers share no state)
WRITERS: dict[str, type[Writer]] = {"pdf": PdfWriter, "docx": DocxWriter, "json": JsonWriter}


def write_briefing(
    briefing: Briefing,
    dest_dir: Path,
    *,
    formats: tuple[str, ...] | None = None,
    cache_dir: Path | None = None,
    style_dirs: tuple[Path, ...] = (),
) -> list[Path]:
    """Write `dest_dir/brief.<suffix>` for every writer; return the paths written.

    The briefing's style preset comes from the first of `style_dirs` that has it, else the
    built-in presets (briefing.style_files).

    Every writer runs even if another fails; then a RenderError names each failure. A failed
    writer leaves the previous file of its format untouched.
    """
    names = formats or tuple(WRITERS)
    ctx = RenderContext(
        style=load_style(briefing.style, style_dirs),
        charts=draw_charts(briefing),
        cache_dir=cache_dir if cache_dir is not None else default_cache_dir(dest_dir),
    )
    if any(getattr(WRITERS[name], "uses_chart_widths", False) for name in names):
        ctx = dataclasses.replace(ctx, chart_widths_mm=chart_widths(briefing, ctx))
    dest_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    failures: list[str] = []
    for name in names:
        writer = WRITERS[name]()
        target = dest_dir / f"{FILE_STEM}{writer.suffix}"
        try:
            write_atomically(target, lambda tmp, w=writer: w.write(briefing, ctx, tmp))
            written.append(target)
        except BriefingError as err:
            failures.append(f"{name}: {err}")
        except Exception as err:  # a writer bug must not take down the other formats
            log.debug("writer %s crashed", name, exc_info=True)
            failures.append(f"{name}: {type(err).__name__}: {err}")
    if failures:
        raise RenderError("; ".join(failures), file=str(dest_dir))
    return written


def draw_charts(briefing: Briefing) -> dict[str, bytes]:
    """Draw each chart of the briefing once: id → PNG bytes."""
    return {spec.id: draw_chart(spec) for spec in briefing.charts}  # draw_chart keeps them


def pdf_page_count(briefing: Briefing, *, cache_dir: Path | None = None,
                   style_dirs: tuple[Path, ...] = ()) -> int:
    """How many pages the PDF writer lays `briefing` out on, without writing it: the layout
    is kept for the writer that follows (briefing.render.pdf_platypus.lay_out_pdf)."""
    ctx = RenderContext(style=load_style(briefing.style, style_dirs),
                        charts=draw_charts(briefing),
                        cache_dir=cache_dir if cache_dir is not None else font_cache_dir())
    return lay_out_pdf(briefing, ctx).pages


def chart_widths(briefing: Briefing, ctx: RenderContext) -> Mapping[str, float]:
    """Chart id → width (mm) each placed chart is drawn at on the page, measured before any
    writer runs.

    The PDF layout is the reference: a chart shrinks to fill what is left of a page, and the
    DOCX draws it at that size so both keep the same pages. Empty when the brief places no
    chart, or when the layout fails: the PDF writer then reports why, and the DOCX draws its
    charts at the style's width.
    """
    if not any(block.kind == "chart" for block in briefing.blocks):
        return MappingProxyType({})
    try:
        return lay_out_pdf(briefing, ctx).chart_widths_mm
    except Exception as err:  # the PDF writer reports it; the other formats must still be written
        log.warning("chart sizes: the page layout failed (%s: %s); DOCX charts take the "
                    "style's width", type(err).__name__, err)
        log.debug("page layout crashed", exc_info=True)
        return MappingProxyType({})


def default_cache_dir(dest_dir: Path) -> Path:
    """The machine's font cache (briefing.render.fonts.font_cache_dir), shared by every build."""
    return font_cache_dir()


def write_atomically(target: Path, produce: Callable[[Path], None]) -> None:
    """Let `produce` write a temp file beside `target`, then rename it over `target`."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        produce(tmp)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()

