"""Stage 5, render: Briefing → out/<audience>/brief.docx, .pdf and .json (the audit record).

Contract:
    write_briefing(briefing: Briefing, dest_dir: Path, style_dirs=()) -> list[Path]
        writes every registered writer's file atomically (temp file, then os.replace); the
        style preset is looked up in `style_dirs` (user `_styles` folders), then the built-in

The file stem is always `brief` (FILE_STEM), so the latest brief of an audience has a stable
name: out/<audience>/brief.docx|pdf|json. Charts are drawn once and the PNG bytes handed to
every writer. A writer is a class with `name`, `suffix`, `help` and `write(briefing, ctx, path)`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from briefing.render.charts import draw_chart
from briefing.errors import BriefingError, RenderError
from briefing.models import Briefing
from briefing.render.base import RenderContext, Writer
from briefing.render.docx import DocxWriter
from briefing.render.json import JsonWriter
from briefing.render.pdf_platypus import PdfWriter
from briefing.render.style import load_style

log = logging.getLogger(__name__)

FILE_STEM = "brief"
__all__ = ["FILE_STEM", "WRITERS", "RenderContext", "Writer", "write_briefing"]


#: PDF first: the DOCX takes its chart sizes from the PDF's layout (RenderContext.chart_widths_mm)
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
    ctx = RenderContext(
        style=load_style(briefing.style, style_dirs),
        charts=draw_charts(briefing),
        cache_dir=cache_dir if cache_dir is not None else default_cache_dir(dest_dir),
    )
    dest_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    failures: list[str] = []
    for name in formats or tuple(WRITERS):
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
    return {spec.id: draw_chart(spec) for spec in briefing.charts}


def default_cache_dir(dest_dir: Path) -> Path:
    """The machine's font cache (briefing.render.fonts.font_cache_dir), shared by every build."""
    from briefing.render.fonts import font_cache_dir

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

