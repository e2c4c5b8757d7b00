"""`briefing settings`: every setting, its value, where it came from, and what it does.

The source is `default`, the settings file (`briefing.toml`) or `flag`; `--markdown` prints
the README's table of settings (names, defaults, descriptions) instead.
"""

from __future__ import annotations

import argparse
from typing import Any

from briefing.settings import (
    SETTINGS,
    add_config_flag,
    add_flags,
    load_settings,
    markdown_table,
    plain,
)

HELP = "print every setting with its value and where it came from"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Every setting's flag (to see what a flag would change), --config and --markdown."""
    add_config_flag(parser)
    add_flags(parser, [s.name for s in SETTINGS])
    parser.add_argument("--markdown", action="store_true",
                        help="print the settings table of the README (defaults, not values)")


def run(args: argparse.Namespace) -> int:
    """Print one row per setting: name, value, source, description."""
    if args.markdown:
        print(markdown_table())
        return 0
    settings = load_settings(args)
    rows = [("setting", "value", "source", "description")]
    for setting in SETTINGS:
        shown = _shown(settings[setting.name]) or f"({plain(setting.default_text)})"
        rows.append((setting.name, shown, settings.sources[setting.name],
                     plain(setting.description)))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row[:3], widths)) + "  " + row[3])
    return 0


def _shown(value: Any) -> str:
    """A value as a user would write it; "" for none (the default's text is shown instead)."""
    if value is None or value == ():
        return ""
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
