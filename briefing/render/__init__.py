"""Stage 5, render: Briefing → out/<audience>/brief.docx, .pdf and .json (the audit record).

    write_briefing(briefing, dest_dir, style_dirs=()) -> list[Path]     (briefing.render.writers)

The writers (matplotlib, reportlab, python-docx: about a second to import) are loaded on first
use of a name below, not when a submodule such as briefing.render.fonts is imported: a build
that renders nothing never loads them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.render.base import RenderContext, Writer
    from briefing.render.writers import (
        FILE_STEM,
        WRITERS,
        chart_widths,
        default_cache_dir,
        draw_charts,
        pdf_page_count,
        write_atomically,
        write_briefing,
    )

__all__ = ["FILE_STEM", "WRITERS", "RenderContext", "Writer", "write_briefing"]

#: name → the module that defines it, imported when the name is first asked for
_LAZY = {
    "RenderContext": "briefing.render.base",
    "Writer": "briefing.render.base",
    **dict.fromkeys(("FILE_STEM", "WRITERS", "chart_widths", "default_cache_dir", "draw_charts",
                     "pdf_page_count", "write_atomically", "write_briefing"), "briefing.render.writers"),
}


def __getattr__(name: str) -> Any:
    """`from briefing.render import write_briefing` imports the writers here, on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
