"""The one text sanitiser on the way into the model: characters XML 1.0 forbids never get in.

python-docx (and any XML writer) refuses C0 control characters other than tab, newline and
carriage return, lone surrogates and U+FFFE/U+FFFF. Each is mapped to ONE character, so every
offset into the text stays right: line-breaking controls (VT, FF, FS, GS, RS, which
`str.splitlines` already treats as line ends) become a newline, other controls a space, and
surrogates and non-characters U+FFFD. Emoji (pictographs, their variation selectors, joiners
and skin tones) become a space: pages sprinkle them through sentences as decoration, they never
state a fact, and no bundled font can print them. Extraction's normaliser is separate; this only
makes text safe to write.
"""

from __future__ import annotations

import re

_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e"
_TABLE = {c: " " for c in range(0x20) if chr(c) not in "\t\n\r"}
_TABLE.update({ord(c): "\n" for c in _LINE_BREAKS})
_TABLE.update({0xFFFE: "\ufffd", 0xFFFF: "\ufffd"})
_SURROGATES = re.compile("[\ud800-\udfff]")
#: pictographs and emoji (U+1F000–1FAFF), regional indicators, presentation selectors, the
#: zero-width joiner and keycap mark that build emoji sequences, and tag characters
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\uFE0E\uFE0F\u200D\u20E3\U000E0020-\U000E007F]")


def xml_safe(text: str) -> str:
    """`text` with every character XML 1.0 forbids, and every emoji, replaced by one allowed
    character."""
    return _EMOJI.sub(" ", _SURROGATES.sub("\ufffd", text.translate(_TABLE)))
