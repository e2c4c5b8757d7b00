"""What a writer is, and what it gets besides the Briefing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from briefing.models import Briefing
from briefing.render.style import Style


@dataclass(frozen=True)
class RenderContext:
    """What every writer gets besides the Briefing: the style, chart PNGs and a cache folder."""

    style: Style
    charts: Mapping[str, bytes] = field(default_factory=dict)  #: chart id → PNG bytes
    cache_dir: Path | None = None  #: for converted font subsets; None = memory only
    #: chart id → width (mm) the PDF laid the chart out at (it shrinks a chart to fit a page);
    #: filled by the PDF writer, read by the DOCX writer so both keep the same pages
    chart_widths_mm: dict[str, float] = field(default_factory=dict)


class Writer(Protocol):
    """One output format."""

    name: str
    suffix: str
    help: str

    def write(self, briefing: Briefing, ctx: RenderContext, path: Path) -> None:
        """Write the whole file to `path` (a temp path; the caller renames it)."""
