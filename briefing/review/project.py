"""One project as the review page sees it: its folders, its corrections file, its build."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ReviewProject:
    """The paths the review page reads and the one file it writes; how it rebuilds."""

    articles: Path  #: the articles folder (read)
    corrections: Path  #: the corrections file (the only file written)
    cache_dir: Path  #: the build cache (looked up, never written by the page)
    out: Path  #: the output folder the build writes into
    audiences: tuple[str, ...]  #: the audiences a rebuild builds
    build_args: tuple[str, ...] = ()  #: `briefing build` options of a rebuild


__all__ = ["ReviewProject"]
