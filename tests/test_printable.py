"""Titles and subjects printed on one line carry no hidden characters."""

from __future__ import annotations

import unicodedata

import pytest

from briefing.printable import printable_line


@pytest.mark.parametrize("hidden", [
    "\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c",  # bidi controls
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # zero-width
    "\x00", "\x07", "\x1b", "\x7f", "\x9b",  # controls
])
def test_bidi_zero_width_and_control_characters_are_removed(hidden: str) -> None:
    assert printable_line(f"数字{hidden}政府 Brief{hidden}ing") == "数字政府 Briefing"


def test_line_breaks_become_one_space_and_other_text_is_kept() -> None:
    title = "图文解读：\r\n我国\t电子政务\u2028发展  情况\u3000（2026）"
    assert printable_line(title) == "图文解读： 我国 电子政务 发展 情况\u3000（2026）"
    assert not [c for c in printable_line(title) if unicodedata.category(c) in ("Cc", "Cf")]
