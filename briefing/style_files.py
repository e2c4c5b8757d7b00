"""Where a style preset's file is found: `_styles/NAME.toml` of each templates folder, in order.

    style_folders(template_dirs) -> tuple[Path, ...]   the `_styles` folders searched, user first
    find_style_file(name, folders) -> Path | None      the first `folders/NAME.toml` that exists

The writers load the preset from this file (briefing.render.style) and the output cache keys a
brief on the same file (briefing.reissue.incremental), so editing a user's preset re-renders
the briefs that use it. Kept apart from briefing.render, whose import loads every writer.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

STYLES_FOLDER = "_styles"  #: a templates folder's presets live in this sub-folder
BUILTIN_STYLE_DIR = Path(__file__).resolve().parent / "builtin_templates" / STYLES_FOLDER


def style_folders(template_dirs: Iterable[Path] = ()) -> tuple[Path, ...]:
    """`DIR/_styles` of each --templates DIR (searched first), then the built-in presets."""
    return (*(Path(d) / STYLES_FOLDER for d in template_dirs), BUILTIN_STYLE_DIR)


def find_style_file(name: str, folders: Iterable[Path]) -> Path | None:
    """The first `NAME.toml` in `folders`, or None when no folder has it."""
    for folder in folders:
        path = Path(folder) / f"{name}.toml"
        if path.is_file():
            return path
    return None


__all__ = ["BUILTIN_STYLE_DIR", "STYLES_FOLDER", "find_style_file", "style_folders"]
