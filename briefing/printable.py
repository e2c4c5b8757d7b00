"""Text printed on one line where a reader cannot see hidden characters: titles, e-mail subjects.

    printable_line(text) -> str

Bidirectional controls (U+202A–202E, U+2066–2069, U+200E/F, U+061C) can make a title read
backwards; zero-width characters (U+200B–200D, U+2060, U+FEFF) hide inside words; control
characters and line breaks can end a header early. All are format (Cf), control (Cc) or
separator (Zl, Zp) characters in Unicode, so one category test removes them all.
"""

from __future__ import annotations

import re
import unicodedata

#: Unicode categories never printed in a title: format, control, surrogate, line/paragraph sep.
HIDDEN_CATEGORIES = frozenset({"Cf", "Cc", "Cs", "Zl", "Zp"})
#: Of those, the ones that separate words: they become a space rather than nothing.
_BREAKS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")
_SPACES = re.compile(r" {2,}")


def printable_line(text: str) -> str:
    """`text` without bidi controls, zero-width, control or surrogate characters, on one line.

    Line breaks and tabs become a space, runs of spaces one space, and the ends are
    trimmed; every other character is kept as it is.
    """
    kept = "".join(" " if ch in _BREAKS else ch for ch in text
                   if ch in _BREAKS or unicodedata.category(ch) not in HIDDEN_CATEGORIES)
    return _SPACES.sub(" ", kept).strip()


__all__ = ["HIDDEN_CATEGORIES", "printable_line"]
