"""Reposting junk, recognised by what it does to the text, never by a list of brands or sites.

Content farms and spam mirrors copy an article and break up its words, so that search engines
do not see a duplicate and their own name gets indexed:

* **invisible characters and emoji** — zero-width spaces and joiners, bidi controls, soft
  hyphens, variation selectors, tag characters, and pictographs (🎉, 👍🏽, flags): never
  words, they only split words and numbers (2022\u200b年, 十四五🎉”). Deleted everywhere.
* **symbols inside a Chinese word or a number** — 一体化㊣政务, 数字✅政府, 网🎂民, 第☑65位:
  a run of symbol characters (emoji, dingbats, enclosed signs, private-use icons), or of
  letters of a script Chinese never writes inside a word (政务ą数据, 0.8Ж119), with a Chinese
  character or digit right before and right after it. Deleted. Marks that stand for a
  withheld character (王○○, 某××) are WITHHELD_MARKS and unit signs (30℃, 100㎡) stay.
* **reading glosses** — 報（bào）告, 中(zhong)国, 状(🦍)况: see `briefing.read.glosses`.
* **an inserted string** — a brand (九游体育), a domain (xx.com), put inside words again and
  again: a string that recurs in the page (at least MIN_REPEATS times, in different
  contexts), that is foreign to the page (none of its character pairs occurs anywhere else in
  it; a Latin one must be a domain name, since acronyms such as IPv6 or EGDI belong to the
  text), and that splits a word the segmenter knows in at least one place (高九游体育效运转:
  without it, 高效 is one word). Every occurrence is deleted.

The result is the Article's text: every offset the pipeline cites is an offset into it.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from briefing.read.glosses import gloss_spans
from briefing.textnorm import normalize

log = logging.getLogger(__name__)

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_CHAR = re.compile(rf"[{_HAN}]")
#: marks that stand for a withheld or unknown character (王○○, 某××, an undecodable byte's
#: U+FFFD), and legal signs (©2024, 商标®): meaning, not decoration
WITHHELD_MARKS = frozenset("○◯□×＊*©®\ufffd")
#: categories of a symbol a page sprinkles: other/modifier symbols, private use, unassigned
_SYMBOL_CATEGORIES = frozenset({"So", "Sk", "Co", "Cn"})
# where a run sits inside a word or a number: after a Chinese character or a digit (or a
# number's point or percent sign, 66.🎉4, 66%✅的) ...
_AFTER_WORD = rf"(?:(?<=[{_HAN}\d])|(?<=\d[.,．%％]))"
# ... and before one (or a number's point or percent sign, 66🎉.4, 66.4✅%)
_BEFORE_WORD = rf"(?=[{_HAN}\d%％‰]|[.,．]\d)"
# a run of characters that are neither word characters, spaces nor punctuation (then checked)
_NOT_PUNCTUATION = rf"[^{_HAN}\w\s.,．，。、；;:：!！?？'\"“”‘’()（）《》〈〉【】\[\]\-–—…·%％]"
_RUN = re.compile(rf"{_NOT_PUNCTUATION}+")
_WORD_CHAR = re.compile(rf"[{_HAN}\w%％]")
#: shapes that mark the items of a list at a line's start (■ 首页, ◆ 要闻): page structure
LIST_MARKERS = frozenset(chr(c) for c in range(0x25A0, 0x2600)) | frozenset("➤➢►▸")
# a run of letters of another script inside a Chinese word or a number: 政务ą数据, 0.8Ж119
_OTHER_LETTERS = re.compile(rf"{_AFTER_WORD}[^\W\d_{_HAN}A-Za-z]+{_BEFORE_WORD}")

#: pictographs and emoji (U+1F000–1FAFF: faces, flags, skin tones) and the keycap mark:
#: decoration wherever they stand, never a word or a figure
_PICTOGRAPHS = re.compile("[\U0001F000-\U0001FAFF\u20E3]+")

MIN_REPEATS = 2  #: an inserted string recurs at least this often
#: and at most this often: more is the page's own vocabulary (and would cost time to follow)
MAX_REPEATS = 400
MIN_LENGTH, MAX_LENGTH = 2, 24  #: characters of an inserted string
CONTEXT = 4  #: characters on each side that the segmenter sees around an occurrence
TRIM = 2  #: characters a repeat may have gained on each side from shared neighbours
# characters an inserted string is made of: Chinese, ASCII letters and digits, domain dots
_PIECE = re.compile(rf"[{_HAN}A-Za-z0-9.\-]")
_PIECES = re.compile(rf"[{_HAN}A-Za-z0-9.\-]{{2,}}")
_DOMAIN = re.compile(r"^(?:www\.)?(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,6}$")


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A page's text without its junk, and what was removed (kind → count; strings by name)."""

    text: str
    removed: Counter[str] = field(default_factory=Counter)
    inserted: tuple[tuple[str, int], ...] = ()  #: inserted strings and how often each went


def remove_junk(text: str) -> Cleaned:
    """`text` without invisible characters, symbols inside words, glosses and inserted strings
    (in that order: each step sees the words the previous one mended)."""
    text, removed = _remove_characters(text)
    found = inserted_strings(text)
    spans = sorted(span for string in found for span in _occurrences(text, string))
    text, removed["inserted string"] = _delete(text, _disjoint(spans))
    if found:
        log.debug("inserted strings removed: %s", found)
    return Cleaned(text, +removed, tuple(found.items()))


def tidy(text: str, inserted: tuple[tuple[str, int], ...] = ()) -> str:
    """Another text of the same page (a title from the HTML head, the page frame) cleaned the
    same way, with the inserted strings found in its body."""
    text = _remove_characters(text)[0]
    for string, _ in inserted:
        text = text.replace(string, "")
    return text


def describe(cleaned: Cleaned) -> tuple[str, ...]:
    """A remark for the article's problems when strings inserted inside words were removed."""
    if not cleaned.inserted:
        return ()
    shown = "、".join(f"{s}（{n}处）" for s, n in cleaned.inserted)
    return (f"removed strings inserted inside words: {shown}",)


def _remove_characters(text: str) -> tuple[str, Counter[str]]:
    removed: Counter[str] = Counter()
    text, removed["invisible"] = _delete(text, _invisible_spans(text))
    text, removed["emoji"] = _delete(text, [m.span() for m in _PICTOGRAPHS.finditer(text)])
    text, removed["symbol in a word"] = _delete(text, _symbol_spans(text))
    text, removed["reading gloss"] = _delete(text, gloss_spans(text))
    return text, removed


def _delete(text: str, spans: list[tuple[int, int]]) -> tuple[str, int]:
    """`text` without the (sorted, disjoint) spans, and how many there were."""
    if not spans:
        return text, 0
    kept, last = [], 0
    for start, end in spans:
        kept.append(text[last:start])
        last = end
    kept.append(text[last:])
    return "".join(kept), len(spans)


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


# ------------------------------------------------------------------ characters


def is_invisible(char: str) -> bool:
    """A format character (zero-width, bidi control, soft hyphen, tag) or variation selector."""
    code = ord(char)
    return (unicodedata.category(char) == "Cf" or 0xFE00 <= code <= 0xFE0F
            or 0xE0100 <= code <= 0xE01EF)


def _invisible_spans(text: str) -> list[tuple[int, int]]:
    if text.isascii():
        return []
    return [(i, i + 1) for i, c in enumerate(text) if ord(c) >= 0xAD and is_invisible(c)]


def is_symbol(char: str) -> bool:
    """A character a page sprinkles as decoration: emoji, dingbats, enclosed signs, icons
    (never ASCII: ^ and ` belong to markup and code)."""
    return not char.isascii() and char not in WITHHELD_MARKS and (
        unicodedata.category(char) in _SYMBOL_CATEGORIES or is_invisible(char)
        or unicodedata.category(char) in ("Mn", "Me") and not _HAN_CHAR.match(char))


def _symbol_spans(text: str) -> list[tuple[int, int]]:
    """Runs of symbols attached to a word (no space between: 数字✅政府, 十四五✅”, ✅杨园争,
    (✅fā)), and runs of letters of a foreign script inside a word or a number. Unit signs
    (30℃), withheld-character marks (王○○), legal signs (©) and list markers at a line's
    start (◆要闻) stay; so does a symbol set apart by spaces (★ 重点)."""
    spans = [m.span() for m in _RUN.finditer(text) if _attached_symbols(text, *m.span())]
    spans += [m.span() for m in _OTHER_LETTERS.finditer(text) if all(map(_foreign_letter, m.group()))]
    return sorted(spans)


def _attached_symbols(text: str, start: int, end: int) -> bool:
    run = text[start:end]
    if not all(is_symbol(c) and not _unit_sign(c) for c in run):
        return False
    if (start == 0 or text[start - 1] == "\n") and all(c in LIST_MARKERS for c in run):
        return False
    before = start > 0 and bool(_WORD_CHAR.match(text[start - 1]))
    after = end < len(text) and bool(_WORD_CHAR.match(text[end]))
    return before or after


def _unit_sign(char: str) -> bool:
    """A sign that writes a unit (℃ °C, ㎡ m2, ㎞ km, °): it belongs after a number."""
    return char == "°" or any(c.isascii() and c.isalpha() for c in unicodedata.normalize("NFKC", char))


def _foreign_letter(char: str) -> bool:
    """A letter of a script that Chinese text never writes inside a word: accented and
    extended Latin, Cyrillic, Arabic, Hebrew, Indic… (Greek stays: α粒子, β系数)."""
    code = ord(char)
    return char.isalpha() and 0x80 <= code < 0x2E80 and not 0x370 <= code <= 0x3FF


# ------------------------------------------------------------------ inserted strings


def inserted_strings(text: str) -> dict[str, int]:
    """Strings the page inserts inside words (see the module docstring) → occurrences.

    Candidates are the page's maximal repeats that are foreign to it; one that splits no
    word is tried again with up to TRIM characters less at either end, since a string put
    twice before the same character (中九游体育标, 达九游体育标) repeats one longer than
    itself — such a trimmed string must split a word wherever it stands."""
    pairs, chars = _pair_counts(text), Counter(text)
    found: dict[str, int] = {}
    for string, starts in _repeats(text):
        if not _foreign(string, starts, pairs, chars) or _is_word(string):
            continue
        if any(_splits_a_word(text, start, len(string)) for start in starts):
            found[string] = len(starts)
            continue
        for part, part_starts in _trimmed(text, string):
            if (_foreign(part, part_starts, pairs, chars) and not _is_word(part)
                    and all(_splits_a_word(text, s, len(part)) for s in part_starts)):
                found[part] = len(part_starts)
                break
    return found


def _trimmed(text: str, string: str) -> list[tuple[str, list[int]]]:
    """`string` with up to TRIM characters less at either end, longest first, where it still
    recurs."""
    parts = {string[left : len(string) - right]
             for left in range(TRIM + 1) for right in range(TRIM + 1) if left or right}
    out = []
    for part in sorted((p for p in parts if p), key=lambda p: (-len(p), p)):
        starts = [s for s, _ in _occurrences(text, part)]
        if len(starts) >= MIN_REPEATS:
            out.append((part, starts))
    return out


def _is_word(string: str) -> bool:
    """Whether the segmenter's dictionary has `string` as one word."""
    return _segmenter().FREQ.get(string, 0) > 0


def _occurrences(text: str, string: str) -> list[tuple[int, int]]:
    """(start, end) of each occurrence of `string`, not overlapping, in order."""
    found, at = [], text.find(string)
    while at >= 0:
        found.append((at, at + len(string)))
        at = text.find(string, at + len(string))
    return found


def _pair_counts(text: str) -> Counter[str]:
    """How often each pair of adjacent characters occurs in the text."""
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def _repeats(text: str) -> list[tuple[str, list[int]]]:
    """Maximal repeated strings of inserted-string characters, with their start offsets.

    Occurrences are grouped by their first two characters, then each group is split by the
    character that follows, one character at a time (a suffix tree built lazily): a string is
    reported where its occurrences stop all continuing alike (right-maximal) and they do not
    all share the character before (left-maximal).
    """
    groups: dict[str, list[int]] = defaultdict(list)
    piece = [False] * (len(text) + 1)
    for run in _PIECES.finditer(text):  # runs of inserted-string characters, two or more
        start, end = run.span()
        piece[start:end] = [True] * (end - start)
        for i in range(start, end - 1):
            groups[text[i : i + 2]].append(i)
    stack = [(2, starts) for starts in groups.values()
             if MIN_REPEATS <= len(starts) <= MAX_REPEATS]
    rare = [c for c in set(text) if ord(c) > 0x3400 and _PIECE.match(c) and is_rare(c)]
    found = [(c, starts) for c in sorted(rare)
             if MIN_REPEATS <= len(starts := [s for s, _ in _occurrences(text, c)]) <= MAX_REPEATS]
    while stack:
        length, starts = stack.pop()
        following: dict[str, list[int]] = defaultdict(list)
        for start in starts:
            end = start + length
            if piece[end]:
                following[text[end]].append(start)
        longer = [s for s in following.values() if len(s) >= MIN_REPEATS]
        continues_alike = len(longer) == 1 and len(longer[0]) == len(starts)
        if length >= MIN_LENGTH and not continues_alike and _left_maximal(text, starts):
            found.append((text[starts[0] : starts[0] + length], starts))
        if length < MAX_LENGTH:
            stack.extend((length + 1, s) for s in longer)
    return found


def is_rare(char: str) -> bool:
    """A character outside GBK: no modern Chinese text needs it, though a rare name may."""
    try:
        char.encode("gbk")
    except UnicodeEncodeError:
        return True
    return False


def _left_maximal(text: str, starts: list[int]) -> bool:
    before = {text[s - 1] if s > 0 else "" for s in starts}
    return len(before) > 1 or not all(_PIECE.match(b) for b in before if b) or "" in before


def _foreign(string: str, starts: list[int], pairs: Counter[str], chars: Counter[str]) -> bool:
    """None of the string's character pairs (of a two-character string: none of its
    characters) occurs in the page outside its occurrences; a Latin string must be a domain
    name (acronyms and model numbers belong to the text)."""
    if not _HAN_CHAR.search(string):
        return bool(_DOMAIN.match(string))
    if len(string) == 1:
        return is_rare(string)
    size = 1 if len(string) == 2 else 2
    inside = Counter(string[i : i + size] for i in range(len(string) - size + 1))
    counts = pairs if size == 2 else chars
    return all(counts[part] == count * len(starts) for part, count in inside.items())


def _splits_a_word(text: str, start: int, length: int) -> bool:
    """Whether the occurrence splits a word: without it, the Chinese characters around it make
    a word the segmenter knows (高|效 → 高效, 共产|党 → 共产党), and with it, the segmenter
    reads it apart from them and either leaves a stray character beside it (高/九游/体育/效)
    or cuts the words beside it otherwise than without it (共产/九游/体育/党的领导)."""
    left = _han_tail(text[max(0, start - CONTEXT) : start])
    right = _han_head(text[start + length : start + length + CONTEXT])
    if not left or not right:
        return False
    joined = len(left)
    without = _spans(left + right)
    if not any(a < joined < b for a, b in without):
        return False
    after = joined + length
    with_it = _spans(left + text[start : start + length] + right)
    if any(a < joined < b or a < after < b for a, b in with_it):
        return False  # it makes a word with a neighbour: it belongs there
    stray = (joined - 1, joined) in with_it or (after, after + 1) in with_it
    return stray or _cuts(with_it, joined, length) != _cuts(without, joined, 0) - {joined}


def _cuts(spans: set[tuple[int, int]], joined: int, length: int) -> set[int]:
    """Word boundaries outside the occurrence, in the coordinates of the text without it."""
    ends = {b for _, b in spans} | {a for a, _ in spans}
    return {e if e <= joined else e - length for e in ends if not joined < e < joined + length} - {joined}


def _spans(text: str) -> set[tuple[int, int]]:
    """(start, end) of each word the segmenter cuts `text` into (dictionary words only; a
    traditional text is segmented in simplified characters, which the dictionary holds)."""
    spans, at = set(), 0
    for word in _segmenter().lcut(normalize(text), HMM=False):
        spans.add((at, at + len(word)))
        at += len(word)
    return spans


def _han_tail(chunk: str) -> str:
    m = re.search(rf"[{_HAN}]+$", chunk)
    return m.group() if m else ""


def _han_head(chunk: str) -> str:
    m = re.match(rf"[{_HAN}]+", chunk)
    return m.group() if m else ""


def _segmenter():  # type: ignore[no-untyped-def]
    """jieba's general dictionary, without the field's words (made once, from the tables the
    extraction's tagger loads anyway)."""
    # imported on first use, as jieba itself was: importing briefing.extract costs 0.2 s, which
    # reading a page without a candidate junk string (and `import briefing.read`) never needs
    from briefing.extract.tagger import general_tokenizer

    return general_tokenizer()
