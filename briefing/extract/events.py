"""Dated events for a timeline: a year (or year+month) with an action verb, e.g. 1993年启动“三金工程”."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefing.extract._text import View, strip_edges, view, words
from briefing.extract.lexicon import data_file
from briefing.models import Article, Event, Sentence

# A date an event may be dated by: 2014年(2月), 7月26日 (the article's year), 20日 (its month).
_DATE = re.compile(
    r"(?<![\d.])(?:(?P<y>(?:19|20)\d{2})年(?:(?P<m>1[0-2]|0?[1-9])月)?"  # 2014年(2月)
    r"|(?<![\d年])(?P<om>1[0-2]|0?[1-9])月"  # 7月26日
    r"|(?<![\d月年])(?=[1-3]?\d日))"  # 20日
    r"(?:\s*(?P<d>[1-3]?\d)日)?"
)
# An English date after in/on: in 2019, on March 5, 2020 (the year is required).
_EN_DATE = re.compile(
    r"\b(?:[Ii]n|[Oo]n)\s+(?:(?P<mon>January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\s+(?:\d{1,2},\s+)?)?"
    r"(?P<y>(?:19|20)\d{2})(?:,?\s+|(?=[.;]|$))"
)
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_CLAUSE = ",;:。!?"  # what ends the clause an inline date governs


@dataclass(frozen=True)
class _Lexicon:
    verb_re: re.Pattern[str]
    not_before: tuple[str, ...]
    not_after: tuple[str, ...]
    english: re.Pattern[str]


@cache
def _lexicon() -> _Lexicon:
    data = data_file("events.yaml")
    return _Lexicon(
        verb_re=re.compile(f"(?:{words(data['verbs'])})(?!的)"),
        not_before=tuple(data["not_before"]),
        not_after=tuple(data["not_after"]),
        english=re.compile(rf"\b(?:{'|'.join(map(re.escape, data['english_verbs']))})\b"),
    )


def _date_label(year: str, month: str | None, day: str | None = None) -> str:
    if month and day:
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return f"{year}-{int(month):02d}" if month else year


def _date_of(m: re.Match[str], article_date: str) -> str | None:
    """The match as ISO text; 7月26日 takes the article's year, 20日 its month (None when unknown)."""
    if m.group("y"):
        return _date_label(m.group("y"), m.group("m"))
    if not m.group("d"):
        return None
    if m.group("om") and len(article_date) >= 4:
        return _date_label(article_date[:4], m.group("om"), m.group("d"))
    if not m.group("om") and len(article_date) == 10:
        year, month, day = (int(x) for x in article_date.split("-"))
        if int(m.group("d")) > day:  # a day after publication means the month before
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return _date_label(str(year), str(month), m.group("d"))
    return None


def _is_reference_point(text: str, m: re.Match[str], lex: _Lexicon) -> bool:
    """截至2018年底, 自2000年以来, 2001年—2006年, 比2018年: a period, not an event."""
    before = text[max(0, m.start() - 4) : m.start()]
    after = text[m.end() : m.end() + 3]
    return before.endswith(lex.not_before) or after.startswith(lex.not_after)


_OPEN, _CLOSE = "(（", ")）"


def _clause_end(text: str, pos: int) -> int:
    """Where the clause at `pos` ends: a clause mark outside brackets (（以下简称:平台）
    is an aside inside the clause, not its end)."""
    depth = 0
    for i in range(pos, len(text)):
        depth += (text[i] in _OPEN) - (text[i] in _CLOSE and depth > 0)
        if depth == 0 and text[i] in _CLAUSE:
            return i
    return len(text)


def _clause_begin(text: str, pos: int) -> int:
    """Where the clause before `pos` begins: after a clause mark outside brackets."""
    depth = 0
    for i in range(pos - 1, -1, -1):
        depth += (text[i] in _CLOSE) - (text[i] in _OPEN and depth > 0)
        if depth == 0 and text[i] in _CLAUSE:
            return i + 1
    return 0


def _event_in_sentence(v: View, s: Sentence, lex: _Lexicon) -> list[Event]:
    """Events in one sentence: the first action verb the date governs."""
    text = v.snorm(s)
    article_date = v.article.date or ""
    events = []
    for m in _DATE.finditer(text):
        if m.end() == m.start():
            continue
        date = _date_of(m, article_date)
        if date is None or _is_reference_point(text, m, lex):
            continue
        head = re.sub(r"^(?:本报讯|报道|据悉|\s)+", "", strip_edges(text[: m.start()]))
        rest = text[m.end() :]
        sentence_initial = len(head) <= 2 and rest[:1] in (",", "")  # 1993年,我国启动了…
        # Inline dates govern their own clause only; a topic date governs the sentence.
        scope_end = len(text) if sentence_initial else _clause_end(text, m.end())
        verb = lex.verb_re.search(text, m.end(), scope_end)
        if not verb:
            continue
        if sentence_initial:  # the verb's clause, without the topic date
            start = max(m.end(), _clause_begin(text, verb.start()))
        else:  # the whole clause around the date, so the subject stays
            start = _clause_begin(text, m.start())
        end = _clause_end(text, verb.end())
        raw = strip_edges(v.article.text[s.start + start : s.start + end])
        if len(raw) >= 4:
            events.append(Event(date, raw, v.sentence_ref(s)))
    return events


def _english_events(v: View, s: Sentence, lex: _Lexicon) -> list[Event]:
    """'In 2019, the State Council launched …' and 'The platform was launched in May 2019'."""
    text = v.snorm(s)
    events = []
    for m in _EN_DATE.finditer(text):
        month = str(_MONTHS.index(m.group("mon")) + 1) if m.group("mon") else None
        verb = lex.english.search(text, m.end())
        if verb and verb.start() - m.end() <= 80:
            end = re.search(r"[,;.]", text[verb.end() :])
            start, stop = m.end(), verb.end() + end.start() if end else len(text)
        else:
            # Passive: '… was launched in 2019': the verb sits right before the date.
            before = list(lex.english.finditer(text, max(0, m.start() - 25), m.start()))
            if not before:
                continue
            start, stop = _en_clause_begin(text, before[-1].start()), m.end()
        raw = strip_edges(v.article.text[s.start + start : s.start + min(stop, len(text))])
        events.append(Event(_date_label(m.group("y"), month), raw, v.sentence_ref(s)))
    return events


def _en_clause_begin(text: str, pos: int) -> int:
    """Start of the English clause that contains `pos`."""
    cut = max(text.rfind(",", 0, pos), text.rfind(";", 0, pos), text.rfind(". ", 0, pos))
    return cut + 1 if cut >= 0 else 0


def extract_events(article: Article) -> tuple[Event, ...]:
    """Dated events of an article in reading order (one per date mention at most)."""
    v = view(article)
    lex = _lexicon()
    events: list[Event] = []
    for p in article.paragraphs:
        if p.is_heading:
            continue
        for s in p.sentences:
            events.extend(_event_in_sentence(v, s, lex))
            if re.search(r"[A-Za-z]{3}", v.snorm(s)):
                events.extend(_english_events(v, s, lex))
    return tuple(events)
