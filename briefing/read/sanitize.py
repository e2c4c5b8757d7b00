"""The one text sanitiser on the way into the model: characters XML 1.0 forbids never get in.

python-docx (and any XML writer) refuses C0 control characters other than tab, newline and
carriage return, lone surrogates and U+FFFE/U+FFFF. Each is mapped to ONE character, so every
offset into the text stays right: line-breaking controls (VT, FF, FS, GS, RS, which
`str.splitlines` already treats as line ends) become a newline, other controls a space, and
surrogates and non-characters U+FFFD. Extraction's normaliser is separate; this only makes text
safe to write.
"""

from __future__ import annotations

import re

_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e"
_TABLE = {c: " " for c in range(0x20) if chr(c) not in "\t\n\r"}
_TABLE.update({ord(c): "\n" for c in _LINE_BREAKS})
_TABLE.update({0xFFFE: "\ufffd", 0xFFFF: "\ufffd"})
_SURROGATES = re.compile("[\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """`text` with every character XML 1.0 forbids replaced by one allowed character."""
    return _SURROGATES.sub("\ufffd", text.translate(_TABLE))
