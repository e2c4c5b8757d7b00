"""Chinese line breaking for reportlab Paragraphs (wordWrap="CJK"), replacing cjkFragSplit.

reportlab's own splitter (5.1) has three problems for Chinese briefs:
- it breaks before a superscript citation, so "…规范。" ends a line and "[2]" starts the next;
- it breaks inside numbers and Latin words ("19|3个", "ht|tp") whenever that is where the line fills;
- it calls ord() on the empty fragments of <a name=…/> anchors: `TypeError: ord() expected a
  character` (a known crash).
This splitter keeps the same line objects (makeCJKParaLine) and only chooses better break points:
closing punctuation and spaces hang at the line end (kinsoku, ALL_CANNOT_START), opening
punctuation never ends a line (ALL_CANNOT_END), and citations, digits, Latin words and a
number's measure word (12月) stay glued to what precedes them unless the word is longer than the
whole line.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace

import reportlab.platypus.paragraph as rl_paragraph
from reportlab.lib import textsplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing.render.text import MEASURE_WORDS

_FUZZ = 1e-6


def install() -> None:
    """Use this splitter for every CJK Paragraph (paragraph.py looks the names up at call
    time): cjkFragSplit for paragraphs of several fragments, wordSplit for those of one (a
    table cell without a citation), which reportlab cuts "like a knife" between any two
    characters (2023年3|月)."""
    rl_paragraph.cjkFragSplit = cjk_frag_split
    rl_paragraph.wordSplit = word_split


class _Glyph(str):
    """One character of a single-fragment paragraph, with the width line_end reads."""

    width: float
    frag: object


_PLAIN = SimpleNamespace(rise=0)  #: a single fragment: no superscript, no <br/>


def word_split(text: str | bytes, max_widths: Sequence[float] | float, font_name: str,
               font_size: float, encoding: str = "utf8") -> list[list[object]]:
    """Same contract as reportlab.lib.textsplit.wordSplit: [extra space, line text] per line,
    broken by this module's rules."""
    if isinstance(text, bytes):
        text = text.decode(encoding)
    if not isinstance(max_widths, (list, tuple)):
        max_widths = [max_widths]
    units = []
    for ch in text:
        glyph = _Glyph(ch)
        glyph.width, glyph.frag = stringWidth(ch, font_name, font_size), _PLAIN
        units.append(glyph)
    lines: list[list[object]] = []
    start = 0
    while start < len(units):
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        end, _ = line_end(units, start, max_width)
        used = sum(u.width for u in units[start:end])
        lines.append([max_width - used, "".join(units[start:end])])
        start = end
    return lines


def cjk_frag_split(frags: Sequence[object], max_widths: Sequence[float], calc_bounds: bool,
                   encoding: str = "utf8") -> object:
    """Same contract as reportlab.platypus.paragraph.cjkFragSplit."""
    units = glyph_units(frags, encoding)
    lines = []
    start = 0
    while start < len(units):
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        end, forced = line_end(units, start, max_width)
        used = sum(unit_width(u, max_width) for u in units[start:end])
        lines.append(rl_paragraph.makeCJKParaLine(units[start:end], max_width, used,
                                                  max_width - used, forced, calc_bounds))
        start = end
    return rl_paragraph.ParaLines(kind=1, lines=lines)


def glyph_units(frags: Sequence[object], encoding: str) -> list[str]:
    """One cjkU per character, and one (empty) per empty fragment such as an anchor."""
    units: list[str] = []
    for frag in frags:
        text = frag.text  # type: ignore[attr-defined]
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if text:
            units.extend(rl_paragraph.cjkU(ch, frag, encoding) for ch in text)
        else:
            units.append(rl_paragraph.cjkU(text, frag, encoding))
    return units


def unit_width(unit: str, max_width: float) -> float:
    """Width in points (percentage widths of inline images are normalised to the line)."""
    width = unit.width  # type: ignore[attr-defined]
    if hasattr(width, "normalizedValue"):
        width._normalizer = max_width
        width = width.normalizedValue(max_width)
    return width


def line_end(units: list[str], start: int, max_width: float) -> tuple[int, bool]:
    """Index after the last unit of the line that begins at `start`, and whether a <br/> ended it."""
    used = 0.0
    for i in range(start, len(units)):
        used += unit_width(units[i], max_width)
        if hasattr(units[i].frag, "lineBreak"):  # type: ignore[attr-defined]
            return i + 1, True
        if used > max_width + _FUZZ and used > 0:
            return break_point(units, start, i), False
    return len(units), False


def break_point(units: list[str], start: int, overflow: int) -> int:
    """Where to break when units[overflow] no longer fits: hang one closing mark, else move back
    past glued units; a run longer than the line is cut where it overflows."""
    hangs = units[overflow] in textsplit.ALL_CANNOT_START or units[overflow].isspace()
    if hangs and not glued(units, overflow + 1):
        return overflow + 1  # hanging punctuation or trailing space
    b = overflow
    while b > start + 1 and glued(units, b):
        b -= 1
    return b if b > start + 1 or not glued(units, b) else max(overflow, start + 1)


def glued(units: list[str], b: int) -> bool:
    """True when the line must not break before units[b]."""
    if b >= len(units) or b <= 0:
        return False
    here, before = units[b], units[b - 1]
    if is_superscript(here):
        return True  # a citation marker stays on its sentence's line
    if here and here in textsplit.ALL_CANNOT_START:
        return True
    if before and before in textsplit.ALL_CANNOT_END:
        return True
    if before.isdigit() and here in MEASURE_WORDS:
        return True  # a number keeps its measure word: 12|月 never
    return is_word_char(before) and is_word_char(here)


def is_superscript(unit: str) -> bool:
    """A unit inside <super>: its fragment rises above the baseline."""
    return getattr(unit.frag, "rise", 0) > 0  # type: ignore[attr-defined]


def is_word_char(unit: str) -> bool:
    """A letter, digit or sign of a Latin run; not a space, CJK, or the curly quotes and dashes
    of General Punctuation (U+2000…), which Chinese text uses as its own marks."""
    return bool(unit) and not unit.isspace() and ord(unit) < 0x2000
