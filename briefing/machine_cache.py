"""The machine-wide cache folder: what is prepared once per machine and shared by every build.

    machine_cache_dir() -> Path      $BRIEFING_CACHE_DIR, else $XDG_CACHE_HOME/briefing,
                                     else ~/.cache/briefing

It holds the converted fonts (briefing.render.fonts), jinja2's compiled templates
(briefing.compose.templates) and jieba's tagger tables (briefing.extract.tagger). Everything
in it is derived and keyed by what it was made from, so the folder is safe to delete.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_CACHE = "BRIEFING_CACHE_DIR"  #: overrides the machine cache folder (tests, read-only homes)

__all__ = ["ENV_CACHE", "machine_cache_dir"]


def machine_cache_dir() -> Path:
    """The machine-wide cache folder: $BRIEFING_CACHE_DIR, XDG's cache, or ~/.cache/briefing."""
    configured = os.environ.get(ENV_CACHE, "").strip()
    if configured:
        return Path(configured).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    root = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return root / "briefing"
