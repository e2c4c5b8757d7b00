"""Characters no bundled font can print, reported once per article when it is read.

The briefs print every character (`briefing.render.font_fallback` finds a face for it); the
few no face covers are printed as a placeholder. The reader says so here, once, naming the
article, so a build that meets such a page says it once, not once per brief and format.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

log = logging.getLogger(__name__)


def _gb2312() -> frozenset[str]:
    """The characters GB 2312 encodes (every bundled Chinese face covers them)."""
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


_COMMON = _gb2312()


def _common(char: str) -> bool:
    """Printed by the brief's own faces for sure: Latin-1, the unified ideographs, GB 2312."""
    code = ord(char)
    return code < 0x100 or 0x4E00 <= code <= 0x9FEF or char in _COMMON


def unprintable_note(name: str, texts: Iterable[str]) -> tuple[str, ...]:
    """A warning (logged, and returned as the article's problem) naming the characters of
    `texts` that no bundled font can print; () when every one prints."""
    rare = "".join(sorted({c for text in texts for c in text if not _common(c)}))
    if not rare:
        return ()
    # the render package loads reportlab and matplotlib: only a page with rare characters pays
    from briefing.render.font_fallback import PLACEHOLDER, unprintable_chars

    missing = unprintable_chars(rare)
    if not missing:
        return ()
    shown = " ".join(f"{c} U+{ord(c):04X}" for c in missing[:10])
    note = (f"{len(missing)} character(s) that no bundled font can print, shown as "
            f"{PLACEHOLDER} in the briefs: {shown}")
    log.warning("%s: %s", name, note)
    return (note,)
