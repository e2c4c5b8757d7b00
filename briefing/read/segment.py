"""Paragraphs and sentences with offsets into Article.text; same-length normalization; language."""

from __future__ import annotations

import re

from briefing.models import Paragraph, Sentence
from briefing.textnorm import normalize

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")

# Chinese: a sentence ends at 。！？ (or ASCII !? not inside a word/URL), plus closing quotes.
# Semicolons do not end a sentence: enumerations (一是…；二是…) run across them.
_ZH_END = re.compile(r"(?:[。！？]+|[!?]+(?![\w/=&]))[”’」』\"')）]*")
# English: . ! ? followed by closing quotes, then whitespace and a capital, digit or quote.
_EN_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s+[\"“‘(A-Z0-9])")
_ATTRIBUTION = re.compile(
    r"(说|表示|指出|认为|介绍|强调|称|坦言|告诉记者|回忆道|笑着说)[。！!]?\s*$"
)
_EN_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|No|Vol|vs|etc|e\.g|i\.e|U\.S|U\.K|Inc|Ltd|Co|Gov|Dept"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
    r"|\b[A-Z])\.$"
)


def detect_language(text: str) -> str:
    """'zh' when CJK characters make up a real share of the letters, else 'en'."""
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    if cjk == 0 and latin == 0:
        return "zh"
    # One CJK character carries about a word, one Latin letter a fifth of one.
    return "zh" if cjk >= 0.5 * (cjk + latin / 5) else "en"


def make_paragraph(text: str, start: int, end: int, language: str, heading: bool) -> Paragraph:
    """A Paragraph for text[start:end] (already trimmed), split into sentences."""
    body = text[start:end]
    return Paragraph(start, end, body, split_sentences(text, start, end, language), heading)


def split_sentences(text: str, start: int, end: int, language: str) -> tuple[Sentence, ...]:
    """Sentences of text[start:end] as Sentence spans (whitespace trimmed)."""
    cuts = _sentence_ends(text[start:end], language)
    out: list[Sentence] = []
    begin = 0
    for cut in [*cuts, end - start]:
        span = _trimmed(text, start + begin, start + cut)
        if span:
            out.append(Sentence(span[0], span[1], text[span[0] : span[1]]))
        begin = cut
    return tuple(out)


def _sentence_ends(chunk: str, language: str) -> list[int]:
    # English ". X" splits apply in Chinese text too: it quotes English sentences verbatim.
    ends = sorted({m.end() for m in _ZH_END.finditer(chunk)} | set(_english_ends(chunk)))
    ends = [e for e in ends if 0 < e < len(chunk)]
    return [e for i, e in enumerate(ends) if not _attribution_follows(chunk, e, ends[i + 1 :])]


def _attribution_follows(chunk: str, end: int, later: list[int]) -> bool:
    """“…。”某某说。 is one sentence: the quote and who said it stay together."""
    if chunk[end - 1] not in '”」』"':
        return False
    tail = chunk[end : later[0] if later else len(chunk)]
    return len(tail) <= 40 and bool(_ATTRIBUTION.search(tail))


def _english_ends(chunk: str) -> list[int]:
    ends = []
    for m in _EN_END.finditer(chunk):
        before = chunk[max(0, m.start() - 6) : m.start() + 1]
        if m.group(0).startswith(".") and _EN_ABBREVIATIONS.search(before):
            continue
        ends.append(m.end())
    return ends


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
