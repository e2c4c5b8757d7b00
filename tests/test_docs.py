"""The README documents every command-line option and every template section kind."""

from __future__ import annotations

import argparse
from pathlib import Path

from briefing.cli import _make_parser
from briefing.compose.templates import SECTION_KINDS

ROOT = Path(__file__).resolve().parent.parent


def _option_strings(parser: argparse.ArgumentParser) -> set[str]:
    options: set[str] = set()
    for action in parser._actions:
        options.update(s for s in action.option_strings if s.startswith("--") and s != "--help")
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                options |= _option_strings(sub)
    return options


def test_every_cli_option_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = sorted(o for o in _option_strings(_make_parser()) if o not in readme)
    assert not missing, f"README does not mention: {missing}"


def test_every_section_kind_is_in_the_template_guide() -> None:
    guide = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    missing = sorted(k for k in SECTION_KINDS if f"`{k}`" not in guide)
    assert not missing, f"docs/templates.md does not describe: {missing}"
