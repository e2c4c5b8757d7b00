"""Measuring a brief against `max_pages`: lay it out as the PDF writer does and count pages.

A character budget cannot promise a page count (a chart, the masthead and the source list
take room no character count sees), so a template that sets `max_pages` is measured on the
real layout and compose drops whole items until the brief fits (see compose()).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from briefing.models import Briefing


def pdf_page_count(briefing: Briefing, cache_dir: Path | None = None,
                   style_dirs: tuple[Path, ...] = ()) -> int:
    """How many pages the PDF writer lays `briefing` out on (written to a temporary folder),
    its style preset looked up in `style_dirs` first (as briefing.render.write_briefing)."""
    # imported when a brief is measured: pypdf, and the writers' reportlab and matplotlib
    from pypdf import PdfReader

    from briefing.render import write_briefing

    with tempfile.TemporaryDirectory(prefix="briefing-fit-") as tmp:
        (path,) = write_briefing(briefing, Path(tmp) / briefing.audience, formats=("pdf",),
                                 cache_dir=cache_dir, style_dirs=style_dirs)
        return len(PdfReader(path).pages)


__all__ = ["pdf_page_count"]
