"""Bytes → text: size and binary checks, encoding detection (UTF-8/16, GB18030, Big5).

Decision on invalid bytes: a file that is UTF-8 except for a few bad bytes (at most
`MAX_REPLACED` and under 1% of the file) is decoded with U+FFFD replacement characters and
the article carries a problem naming how many bytes were replaced; anything worse is not
trusted and the file is skipped with a message naming the file and the problem.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from briefing.errors import InputError

MAX_BYTES = 20 * 1024 * 1024  #: files above this are skipped unread
MAX_REPLACED = 16  #: invalid UTF-8 bytes tolerated (and replaced) before a file is rejected

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# charset-normalizer names → the codec we decode with (GB18030 is a superset of GBK/GB2312).
_CODEC_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "cp950": "big5hkscs",
    "utf_8": "utf-8",
    "utf_16": "utf-16",
    "utf_16_le": "utf-16-le",
    "utf_16_be": "utf-16-be",
}
_REPORTED_NAME = {"big5hkscs": "big5", "utf-16-le": "utf-16", "utf-16-be": "utf-16"}
_SUPPORTED = set(_CODEC_ALIASES.values())


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from a file, the encoding used and any non-fatal problem."""

    text: str
    encoding: str
    problems: tuple[str, ...] = ()


def read_bytes(path: Path) -> bytes:
    """Read a file's bytes after checking that it is a regular file, not empty, not too large.

    Opened once and checked on the open file (no FIFO blocks the build, a file swapped after
    the check is not read), and read up to the limit only: a file that grows while it is read
    is rejected at the limit rather than read into memory whole.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file", file=path.name)
        _check_size(info.st_size, path.name)
        data = f.read(MAX_BYTES + 1)
    _check_size(len(data), path.name)  # it may have changed since fstat
    return data


def _check_size(size: int, name: str) -> None:
    if size == 0:
        raise InputError("file is empty", file=name)
    if size > MAX_BYTES:
        # Checked before reading so a huge file never lands in memory.
        raise InputError(
            f"file is {size / 1024 / 1024:.1f} MB, over the {MAX_BYTES // 1024 // 1024} MB limit",
            file=name,
        )


def decode(data: bytes, name: str) -> Decoded:
    """Decode article bytes, detecting the encoding; raises InputError for binary or bad text."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec, name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16, name)
    if b"\x00" in data or not _is_utf8(data):
        # Chinese UTF-16 has few NUL bytes; it is recognised by what it decodes to.
        plausible = _plausible_utf16(data)
        if plausible:
            return plausible
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), not text", file=name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    nearly = _nearly_utf8(data)
    if nearly:
        return nearly
    return _detected(data, name, first_bad)


def _strict(data: bytes, codec: str, name: str) -> Decoded:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"invalid bytes for {_reported(codec)} at byte {exc.start}", file=name
        ) from exc
    return Decoded(text, _reported(codec))


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte for ASCII/Latin text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


#: What text in the supported languages is made of: CJK ideographs and punctuation, full-width
#: forms, general punctuation, printable ASCII and whitespace. Bytes of another encoding read as
#: UTF-16 give Hangul, Yi, surrogates and private-use code points instead.
_TEXT_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x3000, 0x303F), (0xFF00, 0xFFEF),
                (0x2000, 0x206F), (0x20, 0x7E))
MIN_PLAUSIBLE = 0.95  #: share of such characters for UTF-16 without BOM and without NULs


def _plausible_utf16(data: bytes) -> Decoded | None:
    """UTF-16 (LE or BE) without a BOM: the byte order whose text looks like text, if any."""
    if len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue  # lone surrogates: not this byte order
        share = _text_share(text[:4096])
        if share >= MIN_PLAUSIBLE and (best is None or share > best[0]):
            best = (share, codec, text)
    return Decoded(best[2], _reported(best[1])) if best else None


def _text_share(sample: str) -> float:
    def is_text(ch: str) -> bool:
        o = ord(ch)
        return ch in "\r\n\t\f" or any(lo <= o <= hi for lo, hi in _TEXT_RANGES)

    return sum(map(is_text, sample)) / max(len(sample), 1)


def _nearly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a handful of bad bytes: decode with replacement and say so."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if replaced == 0 or replaced > MAX_REPLACED or replaced > len(data) / 100:
        return None
    problem = f"{replaced} invalid UTF-8 byte sequence(s) replaced with U+FFFD"
    return Decoded(text, "utf-8", (problem,))


def _detected(data: bytes, name: str, first_bad: int) -> Decoded:
    best = from_bytes(data).best()
    codec = _CODEC_ALIASES.get(best.encoding) if best else None
    if codec is None or codec not in _SUPPORTED:
        found = f"; closest guess {best.encoding}" if best else ""
        raise InputError(
            f"invalid bytes (first at byte {first_bad}): not text in a supported encoding "
            f"(UTF-8, UTF-16, GB18030/GBK, Big5){found}",
            file=name,
        )
    decoded = _strict(data, codec, name)
    if _control_ratio(decoded.text) > 0.01:
        raise InputError("binary file (control characters), not text", file=name)
    return decoded


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls / max(len(text), 1)


def _reported(codec: str) -> str:
    return _REPORTED_NAME.get(codec, codec)
