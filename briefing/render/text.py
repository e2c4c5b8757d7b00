"""Text shared by the writers: citation markers, dates, source entries and default labels."""

from __future__ import annotations

import datetime as _dt
import re

from briefing.models import Block, Briefing, SourceEntry, Span

DEFAULT_LABELS = {
    "zh": {"sources": "参考来源", "page": "— {n} —"},
    "en": {"sources": "Sources", "page": "{n}"},
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


#: Source numbers a citation marker prints at most; the others are counted ("+n"). A figure
#: that hundreds of articles state would otherwise print a cell taller than a page (the PDF
#: layout fails) for numbers nobody reads; the audit record (JSON) keeps every source.
MAX_CITE_KEYS = 20


def shown_keys(keys: tuple[int, ...]) -> tuple[tuple[int, ...], int]:
    """The source numbers a marker prints, and how many more it only counts."""
    return keys[:MAX_CITE_KEYS], max(0, len(keys) - MAX_CITE_KEYS)


def cite_marker(span: Span) -> str:
    """"[1]" / "[1,3]" from a cite span's keys ("[1,…,20,+5]" past MAX_CITE_KEYS); its own
    text when it has no keys."""
    if span.keys:
        shown, more = shown_keys(span.keys)
        return "[" + ",".join([*map(str, shown), *([f"+{more}"] if more else [])]) + "]"
    return span.text


def span_text(span: Span) -> str:
    """What a span prints."""
    return cite_marker(span) if span.kind == "cite" else span.text


def spans_text(spans: tuple[Span, ...]) -> str:
    """The printed text of a run of spans."""
    return "".join(span_text(s) for s in spans)


def leads_in(block: Block) -> bool:
    """A paragraph that ends in a colon introduces what follows (a list): the writers never
    leave it as the last line of a page."""
    return spans_text(tuple(s for s in block.spans if s.kind != "cite")).rstrip().endswith(
        (":", "："))


def label(briefing: Briefing, name: str) -> str:
    """A writer label: the template's, else the default for the briefing's language."""
    defaults = DEFAULT_LABELS.get(briefing.language, DEFAULT_LABELS["zh"])
    return briefing.label(name, defaults.get(name, name))


def format_date(iso: str, language: str) -> str:
    """"2026-11-20" → "2026年11月20日" (GB: no zero padding) or "20 November 2026"."""
    try:
        day = _dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    if language == "en":
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


#: how a source list marks the opening words of a source that has no title
UNTITLED = {"zh": "（无标题）", "en": "(untitled) "}


_INNER_QUOTES = str.maketrans("“”", "‘’")


def in_quotes(text: str) -> str:
    """`text` in double quotation marks, its own double marks made single (“…‘十四五’…”),
    as nested quotations are written in both languages."""
    return "“" + text.translate(_INNER_QUOTES) + "”"


def source_text(entry: SourceEntry, language: str) -> str:
    """One source-list entry without its number: author, title, outlet, date, url. A source
    without a title: author, outlet, date, then its opening words marked as such."""
    if not entry.title and entry.opening:
        return _untitled_text(entry, language)
    if language == "en":
        author = entry.author if entry.author and entry.author not in (entry.title or "") else None
        parts = [author, in_quotes(entry.title) if entry.title else entry.file, entry.outlet,
                 entry.site, entry.date, entry.url]
        return ". ".join(p for p in parts if p) + "."
    title = f"《{entry.title}》" if entry.title else entry.file
    author = entry.author if entry.author and entry.author not in title else None
    head = "：".join(p for p in (author, title) if p)
    tail = "，".join(p for p in (entry.outlet, entry.site, entry.date) if p)
    text = head + (f"，{tail}" if tail else "") + "。"
    return text + (f"{entry.url}" if entry.url else "")


def _untitled_text(entry: SourceEntry, language: str) -> str:
    """信息来源 of an untitled source: who and when first, then （无标题）and its first words."""
    words = entry.opening or ""
    if language == "en" and words:  # a source's own words, in the language it wrote them
        words = in_quotes(words)
    opening = UNTITLED["en" if language == "en" else "zh"] + words
    parts = [entry.author, entry.outlet, entry.site, entry.date, opening]
    sep, end = (". ", ".") if language == "en" else ("，", "。")
    text = sep.join(p for p in parts if p)
    text += "" if text.endswith(("…", ".", "。")) else end
    return text + (f" {entry.url}" if entry.url and language == "en" else entry.url or "")


def distribution_lines(briefing: Briefing) -> list[str]:
    """报：… / 送：… / 发：… lines of the end block."""
    return [f"{kind}：{who}" for kind, who in briefing.masthead.distribution]


def all_text(briefing: Briefing, extra: str = "") -> str:
    """Every character any writer may print for this briefing (for font subsetting)."""
    parts = [briefing.title, briefing.date, format_date(briefing.date, briefing.language), extra]
    m = briefing.masthead
    parts += [m.name, m.issuer, m.issue_no, m.classification, *distribution_lines(briefing)]
    parts += [v for _, v in briefing.labels]
    parts += [label(briefing, "sources")]
    for block in briefing.blocks:
        parts.append(block_text(block))
    for entry in briefing.sources:
        parts.append(f"[{entry.key}] " + source_text(entry, briefing.language))
    for chart in briefing.charts:
        parts += [chart.title, chart.note]
    return "\n".join(parts)


def block_text(block: Block) -> str:
    """All printed text of a block, in reading order."""
    parts = [spans_text(block.spans)]
    parts += [spans_text(item) for item in block.items]
    parts += [spans_text(cell) for row in block.rows for cell in row]
    return "\n".join(p for p in parts if p)


def display_width(text: str) -> int:
    """Width in half-width units: a Chinese character counts 2, a Latin letter or digit 1."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


#: the measure word after a number that a line never parts from it (12月, 10.32亿, 第35位)
MEASURE_WORDS = "年月日号时亿万千百个位名项篇家条次人户元倍"
#: what a line may not break inside: a Latin word or number with its marks and measure word
#: (e-government, 0.7948, 2018-12, [1,3], 12月), a CJK character with the closing marks that
#: cling to it
_UNBREAKABLE = re.compile(r"(?:[A-Za-z0-9\[][A-Za-z0-9'’.,:%/()\[\]_-]*[A-Za-z0-9%)\]]"
                          rf"|[A-Za-z0-9])[{MEASURE_WORDS}]?"
                          r"|[^\sA-Za-z0-9][，。、；：！？）”’》」』%]*")


def words_of(text: str) -> list[str]:
    """The pieces a line may break between (no break inside a word, a number or a date)."""
    return _UNBREAKABLE.findall(text)


def share_widths(natural: list[float], total: float, minimum: float,
                 least: list[float] | None = None) -> list[float]:
    """Auto table layout shared by both writers: a column gets its one-line width up to
    `minimum`, so short cells (years, figures, source numbers) never wrap, and never less
    than `least` (its longest word: no word breaks inside a cell); what is left of `total`
    goes to the wider columns in proportion to what they would need on one line."""
    least = least or [0.0] * len(natural)
    natural = [max(n, l) for n, l in zip(natural, least)]
    if sum(natural) <= total:
        return [w * total / sum(natural) for w in natural]
    floor = [max(min(w, minimum), l) for w, l in zip(natural, least)]
    if sum(floor) >= total:
        return [w * total / sum(floor) for w in floor]
    spare = total - sum(floor)
    wants = [n - f for n, f in zip(natural, floor)]
    return [f + spare * w / sum(wants) for f, w in zip(floor, wants)]


def column_widths_mm(block: Block, columns: int, total_mm: float, font_pt: float,
                     grid: bool = False) -> list[float]:
    """DOCX table column widths (share_widths over widths counted in half-width characters).

    With a gongwen document `grid`, Word snaps CJK text to a ≈15.8 pt pitch whatever the
    font size, so a character is never counted narrower than that. Without, a half-width unit
    is 0.6 em: Latin letters of a proportional face average a little over half an em.
    """
    unit_mm = (max(font_pt, 15.8) / 2 if grid else font_pt * 0.6) * 0.3528
    padding_mm = 3.8  # Word's default cell margins (0.19 cm) on both sides
    natural = [2 * unit_mm + padding_mm] * columns
    least = [0.0] * columns
    for row in block.rows:
        for c, cell in enumerate(row[:columns]):
            text = spans_text(cell)
            natural[c] = max(natural[c], display_width(text) * unit_mm + padding_mm)
            # Latin letters are wider than half a CJK cell in most faces: 0.6 em, plus air
            longest = max((display_width(w) for w in words_of(text)), default=0)
            least[c] = max(least[c], longest * unit_mm * 1.1 + padding_mm)
    return share_widths(natural, total_mm, minimum=8 * unit_mm + padding_mm, least=least)


# --------------------------------------------------------------------------- gongwen headings

CHINESE_DIGITS = "零一二三四五六七八九"
#: a heading's own numbering, whatever style the template wrote it in: 一、 （一） (一) 1. 1、 （1）
_HEADING_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[）)]|\d+[.．、]"
    r"|[（(]\d+[）)])\s*"
)


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (headings never reach 100)."""
    if n < 10:
        return CHINESE_DIGITS[n]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else CHINESE_DIGITS[tens]) + "十" + (CHINESE_DIGITS[units] if units else "")


def gongwen_number(level: int, n: int) -> str:
    """GB/T 9704 heading numbers: level 1 一、 level 2 （一） level 3 1. level 4 （1）."""
    if level == 1:
        return f"{chinese_number(n)}、"
    if level == 2:
        return f"（{chinese_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def strip_heading_number(text: str) -> str:
    """The heading text without a number the template wrote itself."""
    return _HEADING_NUMBER.sub("", text, count=1)


def heading_levels(blocks: tuple[Block, ...], numbered: bool) -> dict[int, tuple[int, str]]:
    """Block index → (level, number prefix) of every heading.

    With `numbered` (gongwen), the shallowest Markdown heading level of the brief is GB level 1
    and the numbers are counted here, so sections a brief leaves out (no data) never leave a
    gap (一、二、四、). Otherwise the Markdown level stays, capped at 3, with no prefix.
    """
    indexes = [i for i, b in enumerate(blocks) if b.kind == "heading"]
    if not numbered:
        return {i: (min(max(blocks[i].level, 1), 3), "") for i in indexes}
    top = min((blocks[i].level for i in indexes), default=1)
    counters = [0, 0, 0, 0]
    out: dict[int, tuple[int, str]] = {}
    for i in indexes:
        level = min(max(blocks[i].level - top + 1, 1), 4)
        counters[level - 1] += 1
        counters[level:] = [0] * (4 - level)
        out[i] = (level, gongwen_number(level, counters[level - 1]))
    return out


def without_number(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Spans with a leading heading number removed from the first text span."""
    if not spans or spans[0].kind == "cite":
        return spans
    first = spans[0]
    return (Span(strip_heading_number(first.text), first.kind, first.keys, first.quotes), *spans[1:])


def subject_line(briefing: Briefing) -> str:
    """Document subject metadata: the 报头 name and 期号 ("领导参阅 2026年第49期"), else the
    audience."""
    m = briefing.masthead
    return " ".join(p for p in (m.name, m.issue_no) if p) or briefing.audience
