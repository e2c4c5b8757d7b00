"""Measuring a brief against `max_pages`: lay it out as the PDF writer does and count pages.

A character budget cannot promise a page count (a chart, the masthead and the source list
take room no character count sees), so a template that sets `max_pages` is measured on the
real layout and compose drops whole items until the brief fits (see compose()). The layout
and the charts drawn for it are kept for the writers (briefing.render.pdf_page_count), so the
brief that fits is laid out once.
"""

from __future__ import annotations

from pathlib import Path

from briefing.models import Briefing


def pdf_page_count(briefing: Briefing, cache_dir: Path | None = None,
                   style_dirs: tuple[Path, ...] = ()) -> int:
    """How many pages the PDF writer lays `briefing` out on, its style preset looked up in
    `style_dirs` first (as briefing.render.write_briefing)."""
    # imported when a brief is measured: the writers' reportlab and matplotlib
    from briefing.render import pdf_page_count as page_count

    return page_count(briefing, cache_dir=cache_dir, style_dirs=style_dirs)


__all__ = ["pdf_page_count"]
