"""Split a page's text into title, header, body blocks and footer, dropping page noise.

The body is found, not assumed: it starts at the first line of prose and ends at the first
footer marker (责任编辑, 版权所有, 上一篇 …). Short lines left after the last prose line are
page furniture (ads, link lists), except a lone 2–4 character byline, which is the author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.read.noise import FOOTER_START, LEADING_INLINE, SURNAMES, TRAILING_INLINE, noise_kind
from briefing.read.segment import normalize

_STRIP = " \t\r\n\f\v\u00a0\u3000\u2002\u2003\ufeff"
_SENTENCE_PUNCT = re.compile(r"[。！？；;，,]|[.!?](\s|$)")
# A label needs its separator: 文化… or 来自各地… are text, 文/… and 来源：… are labels.
_META_LABEL = re.compile(
    r"^(来源|来自|出处|作者|记者|文|撰文|发布时间|发布日期|发表时间|更新时间|时间|日期|"
    r"本报记者|通讯员|编者按|Source|By|Published|Date)\s*[:：/／|]|^(本报记者|记者|通讯员|By)\s+\S",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"(19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}"
    r"|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+(19|20)\d{2}\b"
    r"|\b\d{1,2}/\d{1,2}/(19|20)\d{2}\b"
)
_NAMED_DATE = re.compile(r"^[^\s:：,，。]{2,24}\s*[·•|｜/]\s*(?:" + _DATE.pattern + ")")
#: a link of a list or menu: a bullet, then words that are no sentence (• 标题, › 栏目)
_LINK_ITEM = re.compile(r"^[•·●▪■◆>›»]\s*\S.*[^。！？!?.”\"；;]$")
_URL_ONLY = re.compile(r"^(https?://|www\.)\S+$")
_BYLINE = re.compile(r"^[(（]?(文\s*[/／|]\s*|作者\s*[:：]\s*)?([\u4e00-\u9fff·]{2,4})[)）]?$")
_ENUM_HEADING = re.compile(
    r"^([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、．]\s*\S)"
)
_MD_HEADING = re.compile(r"^#{1,6}\s+")
#: YAML front matter of a Markdown file (read by the .md reader, skipped as text).
FRONT_MATTER = re.compile(r"\A---\r?\n(?P<body>.*?)\r?\n---[ \t]*(\r?\n|\Z)", re.DOTALL)
_HEADING_END_OK = re.compile(r"[^。，,、；;:：…]$")


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line: its stripped span in the text."""

    start: int
    end: int
    text: str
    norm: str  #: normalized text (same length): what patterns are matched against


@dataclass(frozen=True, slots=True)
class Block:
    """A body paragraph or sub-heading span."""

    start: int
    end: int
    is_heading: bool = False


@dataclass
class Layout:
    """Where the parts of a page are: title, header lines, body blocks, footer and noise."""

    title: Line | None = None
    header: list[Line] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    footer: list[Line] = field(default_factory=list)
    inline_noise: list[str] = field(default_factory=list)
    byline: str | None = None


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with their stripped spans (markdown heading marks stripped too)."""
    lines: list[Line] = []
    front = FRONT_MATTER.match(text)
    pos = front.end() if front else 0  # front matter is metadata, read by the .md reader
    for raw in text[pos:].splitlines(keepends=True):
        start = pos + (len(raw) - len(raw.lstrip(_STRIP)))
        end = pos + len(raw.rstrip(_STRIP))
        pos += len(raw)
        if start >= end:
            continue
        mark = _MD_HEADING.match(text[start:end])
        if mark:
            start += mark.end()
        lines.append(Line(start, end, text[start:end], normalize(text[start:end])))
    return lines


def is_prose(line: str) -> bool:
    """A line of running text (sentences), as opposed to a title, label or menu entry."""
    if _URL_ONLY.match(line) or _LINK_ITEM.match(line):
        return False
    if len(line) >= 30 and _SENTENCE_PUNCT.search(line):
        return True
    return len(line) >= 12 and line[-1] in '。！？!?.”"' and not is_heading_like(line)


def is_meta_line(line: str) -> bool:
    """A short line that states metadata (date, 来源, 作者 …) rather than article text."""
    if len(line) > 120 or "。" in line:
        return False
    return bool(_META_LABEL.match(line) or _DATE.search(line) or _URL_ONLY.match(line))


def _stamp(line: str) -> bool:
    """A line that only states metadata: it opens with a label (来源:…, 发布时间:…), a date,
    or a name and a date (Zhitongcaijing·12/27/2025 11:17)."""
    if not is_meta_line(line) or is_prose(line):
        return False
    return bool(_META_LABEL.match(line) or _DATE.match(line) or _NAMED_DATE.match(line))


def is_heading_like(line: str) -> bool:
    """Short, with no sentence-final punctuation (a ? is allowed in a short question heading)."""
    if len(line) > 40 or not _HEADING_END_OK.search(line):
        return False
    if line.endswith(("?", "？")):
        return len(line) <= 30
    return not line.endswith(("。", "!", "！", "."))


def layout(text: str) -> Layout:
    """Find title, header, body and footer of a page's text."""
    lines = split_lines(text)
    kinds = [noise_kind(line.norm) for line in lines]
    start = _body_start(lines, kinds)
    page = Layout()
    _read_header(page, lines[:start], kinds[:start])
    end = _footer_start(kinds, start)
    page.footer.extend(lines[end:])
    _read_body(page, text, lines[start:end], kinds[start:end])
    return page


def _body_start(lines: list[Line], kinds: list[str | None]) -> int:
    title_seen = False
    for i, (line, kind) in enumerate(zip(lines, kinds)):
        if kind is not None or is_meta_line(line.norm):
            continue
        if not title_seen and _could_be_title(line.norm):
            title_seen = True  # a long headline with a comma is still the headline
            continue
        title_seen = True
        if is_prose(line.norm) and not _headline_above_dateline(lines, i):
            # An enumerated sub-heading right before the first paragraph belongs to the body.
            if i > 0 and kinds[i - 1] is None and _ENUM_HEADING.match(lines[i - 1].norm):
                return i - 1
            return i
    return len(lines)


def _could_be_title(norm: str) -> bool:
    # A headline may end on a quoted phrase (…的“中国答卷”); a sentence ends 。” instead.
    last = norm.rstrip('”"') or norm
    # a full stop inside makes it a sentence, whatever trails it (…》)。𠀀)
    return 4 <= len(norm) <= 80 and last[-1] not in '。！？!?.”"；;，,:：…' and "。" not in norm


def _headline_above_dateline(lines: list[Line], i: int) -> bool:
    """A title-shaped line right above a date or source line is the headline, not the body."""
    return (
        i + 1 < len(lines)
        and _could_be_title(lines[i].norm)
        and is_meta_line(lines[i + 1].norm)
        and len(lines[i].norm) <= 60
    )


def _footer_start(kinds: list[str | None], body_start: int) -> int:
    for i in range(body_start, len(kinds)):
        if kinds[i] in FOOTER_START:
            return i
    return len(kinds)


def _read_header(page: Layout, lines: list[Line], kinds: list[str | None]) -> None:
    for line, kind in zip(lines, kinds):
        candidate = kind is None and not is_meta_line(line.norm) and 4 <= len(line.text) <= 100
        if page.title is None and candidate:
            page.title = line
        else:
            page.header.append(line)


def _read_body(page: Layout, text: str, lines: list[Line], kinds: list[str | None]) -> None:
    kept: list[Line] = []
    candidates = [line for line, kind in zip(lines, kinds) if kind is None]
    keys = [_key(page.title.norm)] if page.title else []
    offset = len(keys)
    keys.extend(_key(line.norm) for line in candidates)
    repeated = _repeated(keys)
    repeats = {id(line) for i, line in enumerate(candidates) if repeated[offset + i]}
    for line, kind in zip(lines, kinds):
        if kind is not None or id(line) in repeats:
            page.footer.append(line)
            continue
        if _stamp(line.norm):
            page.header.append(line)  # a date or 来源 line below a lead is still metadata
            continue
        kept.append(line)
    kept = _drop_trailing_furniture(page, kept)
    for i, line in enumerate(kept):
        heading = is_heading_like(line.norm) and i + 1 < len(kept) and not _is_byline(line)
        block = _trim_inline(page, text, line) if not heading else Block(line.start, line.end)
        if block:
            page.body.append(Block(block.start, block.end, heading))


def _drop_trailing_furniture(page: Layout, kept: list[Line]) -> list[Line]:
    """Short non-prose lines after the last paragraph are ads or links; a lone name is a byline."""
    last = max((i for i, ln in enumerate(kept) if is_prose(ln.norm)), default=len(kept) - 1)
    for line in kept[last + 1 :]:
        name = _byline_name(line)
        if name and page.byline is None:
            page.byline = name
        page.footer.append(line)
    return kept[: last + 1]


def _byline_name(line: Line) -> str | None:
    """The name on a lone byline line (李颖, 文/李颖), when it starts with a surname."""
    m = _BYLINE.match(line.norm)
    return line.text[m.start(2) : m.end(2)] if m and m.group(2)[0] in SURNAMES else None


def _is_byline(line: Line) -> bool:
    return len(line.text) <= 4 and _byline_name(line) is not None


def _trim_inline(page: Layout, text: str, line: Line) -> Block | None:
    start, end = line.start, line.end
    norm = line.norm  # matched on the normalized line, sliced from the original (same offsets)
    for pattern in LEADING_INLINE:
        m = pattern.match(norm[start - line.start : end - line.start])
        if m and start + m.end() < end:
            page.inline_noise.append(text[start : start + m.end()])
            start += m.end()
    trimmed = True
    while trimmed:  # several trailing notes may follow each other: (记者…)(完)
        trimmed = False
        for pattern in TRAILING_INLINE:
            m = pattern.search(norm[start - line.start : end - line.start])
            if m and m.start("noise") > 0:
                page.inline_noise.append(text[start + m.start("noise") : end])
                end = start + m.start("noise")
                trimmed = True
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    while start < end and text[start] in _STRIP:
        start += 1
    return Block(start, end) if start < end else None


def _key(norm: str) -> str:
    """Comparison key: a normalized line without spaces and punctuation."""
    return re.sub(r"[\W_]+", "", norm)


MIN_REPEAT_KEY = 8  #: shorter lines (dates, names) may recur legitimately


def _repeated(keys: list[str]) -> list[bool]:
    """For each key in page order: does it repeat the title or the start of an earlier line?

    A key repeats when it equals an earlier key, or is a prefix of a longer earlier key (footer
    reprints of a paragraph's start). Linear, not pairwise: equal keys are found by hashing
    (a dict of first occurrences); the prefix relation is checked among distinct keys sorted
    once, where every key that starts with `k` follows `k` in one contiguous run, and the runs
    together are no longer than the keys' total length.
    """
    first: dict[str, int] = {}
    for i, key in enumerate(keys):
        first.setdefault(key, i)
    ordered = sorted(first)
    prefix_of_earlier: set[str] = set()
    for pos, key in enumerate(ordered):
        if len(key) < MIN_REPEAT_KEY:
            continue
        after = pos + 1
        while after < len(ordered) and ordered[after].startswith(key):
            if first[ordered[after]] < first[key]:
                prefix_of_earlier.add(key)
                break
            after += 1
    return [
        len(key) >= MIN_REPEAT_KEY and (first[key] < i or key in prefix_of_earlier)
        for i, key in enumerate(keys)
    ]
