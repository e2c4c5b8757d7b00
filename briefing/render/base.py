"""What a writer is, and what it gets besides the Briefing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Protocol

from briefing.models import Briefing
from briefing.render.style import Style


@dataclass(frozen=True)
class RenderContext:
    """What every writer gets besides the Briefing: the style, chart PNGs, a cache folder and
    the chart sizes of the page layout. Everything is known before the first writer runs and
    no writer changes it, so writers run in any order."""

    style: Style
    charts: Mapping[str, bytes] = field(default_factory=dict)  #: chart id → PNG bytes
    cache_dir: Path | None = None  #: for converted font subsets; None = memory only
    #: chart id → width (mm) the page layout draws the chart at (the PDF shrinks a chart to fill
    #: what is left of a page); measured before the writers run, for the writers that follow
    #: it (Writer.uses_chart_widths) so the DOCX keeps the PDF's pages. Empty: the style's width
    chart_widths_mm: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))


class Writer(Protocol):
    """One output format."""

    name: str
    suffix: str
    help: str
    #: True: reads RenderContext.chart_widths_mm, which is then measured before any writer runs
    uses_chart_widths: bool

    def write(self, briefing: Briefing, ctx: RenderContext, path: Path) -> None:
        """Write the whole file to `path` (a temp path; the caller renames it)."""
