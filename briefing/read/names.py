"""File names as text every writer can encode, and every message can print on one line.

A name the OS gives back with undecodable bytes (a GBK name on a UTF-8 system) holds lone
surrogates, which no UTF-8 writer accepts. `display_name` writes each such byte as `\\xNN` and
each control character (a newline in a name) as `\\n`, `\\uNNNN` …: the result is plain text,
and the raw bytes can still be recovered from it (`os.fsencode` of the escapes undone), which is
what the audit record needs to point at the file.
"""

from __future__ import annotations

import unicodedata


def display_name(name: str) -> str:
    """`name` with undecodable bytes as \\xNN and control characters escaped."""
    if name.isprintable():
        return name
    return "".join(_shown(ch) for ch in name)


def _shown(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the raw byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    if ch == " " or unicodedata.category(ch)[0] != "C" and ch.isprintable():
        return ch
    return ch.encode("unicode_escape").decode("ascii") if code < 0x10000 else f"\\U{code:08x}"
