"""Whether a line reads as the article's headline: it shares content words with the opening.

A page's lines above the article are many things besides its headline: the site's name and
slogan, section menus, a photo caption from another story, a banner. A headline announces
what the article's opening paragraphs report, so it shares their content words: Chinese
character pairs (报道 in 报道…), English words (by their first five letters, so rankings ~
ranking), and numbers. A line of which fewer than MIN_SHARE of the content units occur in the
opening is not this article's headline, whatever its place on the page.
"""

from __future__ import annotations

import re

from briefing.textnorm import normalize

#: share of a headline's content units that the opening paragraphs must contain
MIN_SHARE = 0.25
#: how much of the body the headline is compared with
OPENING_CHARS = 1000
#: English words too common to show what a line is about
STOPWORDS = frozenset(
    "the and for with from that this are was were has have had its into over than more their "
    "been will not but all can our out who how new one two".split()
)

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_HAN_PAIR = re.compile(rf"(?=([{_HAN}]{{2}}))")
_WORD = re.compile(r"[A-Za-z]{3,}")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
#: a column label before a title that has its own lead-in: 环球新资讯:联合国调查显示:全球…,
#: 【财经快讯】国家网信办:… (one lead-in, a source or speaker, belongs to the title)
_COLUMN = re.compile(r"^(?:【(?P<bracketed>[^】]{2,10})】|(?P<prefix>[^:：]{2,10})[:：](?=[^:：]{2,12}[:：]))\s*")


def content_units(text: str) -> set[str]:
    """Chinese character pairs, English word stems and numbers of `text` (normalized)."""
    norm = normalize(text)
    units = set(_HAN_PAIR.findall(norm))
    units |= {w.lower()[:5] for w in _WORD.findall(norm) if w.lower() not in STOPWORDS}
    units |= {n for n in _NUMBER.findall(norm) if len(n) > 1}
    return units


def share_in(line: str, opening: str) -> float:
    """The share of the line's content units that occur in `opening` (0 without units)."""
    units = content_units(line)
    if not units:
        return 0.0
    return len(units & content_units(opening[:OPENING_CHARS])) / len(units)


def reads_as_headline(line: str, opening: str) -> bool:
    """Whether `line` shares enough content with the opening paragraphs to be their headline."""
    return share_in(line, opening) >= MIN_SHARE


def without_unrelated_prefix(title: str, opening: str) -> str:
    """The title without a column label the article never mentions, set before a title that
    has its own lead-in (环球新资讯:联合国调查显示:… → 联合国调查显示:…) or in 【】. One
    lead-in, a source or speaker (国家网信办:…, 张楠:…, 报告:…), is part of the title."""
    m = _COLUMN.match(title)
    if not m:
        return title
    label, rest = m.group("bracketed") or m.group("prefix"), title[m.end() :]
    if share_in(label, opening) > 0 or not reads_as_headline(rest, opening):
        return title
    return rest
