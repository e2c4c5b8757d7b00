"""`briefing templates`: one line per template (name, audience, language, extends, text)."""

from __future__ import annotations

import argparse

from briefing.compose.templates import available, load_template
from briefing.errors import TemplateError
from briefing.settings import add_config_flag, add_flags, load_settings

HELP = "list the audience templates"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--templates DIR (repeatable)."""
    add_config_flag(parser)
    add_flags(parser, ("templates",))


def run(args: argparse.Namespace) -> int:
    """Print the table; 2 when a template does not load (its error is printed in its row)."""
    extra = load_settings(args)["templates"]
    failed = 0
    rows = [("name", "audience", "lang", "extends", "description")]
    for name in available(extra):
        try:
            t = load_template(name, extra)
        except TemplateError as err:
            print(f"{name}: error: {err}")
            failed += 1
            continue
        audience = "(abstract)" if t.abstract else t.audience
        rows.append((t.name, audience, t.language, t.extends or "-", t.description))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row[:4], widths)) + "  " + row[4])
    return 2 if failed else 0
