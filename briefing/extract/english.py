"""English figures: survey ranks, rank changes, index values, percentages, scaled counts."""

from __future__ import annotations

import re

from briefing.extract.candidates import Candidate
from briefing.extract.lexicon import cues
from briefing.extract.numbers import apply_scale, parse_arabic

_NUM = r"\d+(?:,\d{3}(?!\d))*(?:\.\d+)?"  # 850,2020年 is two numbers
# An ordinal that may be a rank: 45th, 3rd (a rank only in a rank context, see _RANK_CONTEXT).
_ORDINAL = re.compile(r"(?<![\w.])(?P<num>\d+)(?:st|nd|rd|th)\b", re.IGNORECASE)
# A rank printed after a rank word: ranked 45, No. 1, number #9 (not "ranked 45th", not 45%).
_RANKED = re.compile(
    r"\b(?:ranked|ranks|ranking|rank|No\.|number)\s*#?(?P<num>\d+)\b(?!\s*(?:st|nd|rd|th|%))",
    re.IGNORECASE,
)
_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
# A rank change: rose 3 places, down by two spots, climbed 5 positions.
_CHANGE = re.compile(
    rf"(?P<verb>{cues().pattern('english_rank_rise_verbs', 'english_rank_fall_verbs')})"
    r"\s+(?:by\s+)?"
    rf"(?P<num>\d+|{'|'.join(_WORD_NUMBERS)})\s+"
    r"(?:places|positions|spots|ranks|notches)\b",
    re.IGNORECASE,
)
# Verbs of moving down a ranking: their changes are negative (fell 2 places → -2).
_DOWN = tuple(w.lower() for w in cues().words("english_rank_fall_verbs"))
# A percentage: 90%, 87.5 percent, 12 per cent.
_PERCENT = re.compile(rf"(?<![\w.])(?P<num>{_NUM})\s*(?:%|percent\b|per cent\b)", re.IGNORECASE)
# A scaled number and up to two words after it: 1.03 billion people, 500 million yuan.
_SCALED = re.compile(
    rf"(?<![\w.])(?P<num>{_NUM})\s*(?P<scale>million|billion|trillion)\b"
    r"(?:\s+(?P<noun>[A-Za-z-]+(?:\s+[A-Za-z-]+)?))?",
    re.IGNORECASE,
)
# 193 member states, 31 provinces, 1,200 services: a count of a plural noun.
_COUNT = re.compile(
    r"(?<![\w.$])(?P<num>\d+(?:,\d{3}(?!\d))*)(?![.\d])\s+"
    r"(?P<noun>(?:[A-Za-z-]+\s+){0,2}[a-z-]+s)\b"
)
# Plural-looking words after a number that count nothing: 10 years (a duration), 3 times,
# 5 places (a rank change), "is", "this".
_NOT_COUNTED = re.compile(
    r"\b(?:years?|months?|days?|hours?|minutes?|weeks?|times|places|positions|"
    r"was|is|has|as|this|its|plus|thus|less)\b",
    re.IGNORECASE,
)
# An index value between 0 and 1: 0.8119, 1.000 (not 0.5%).
_INDEX = re.compile(r"(?<![\w.])(?P<num>0\.\d+|1\.0+)(?![\d%])")
# 13,946 or 1,200,000: digits grouped in thousands print a quantity, never a year or a code.
_GROUPED = re.compile(r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+)(?!\d|,\d|\.\d)")
# Money named after a number: 13,946 yuan, 1,200 US dollars.
_MONEY_AFTER = re.compile(r"^\s*(?:yuan|RMB|dollars|US dollars|euros)\b", re.IGNORECASE)
_DOLLAR = re.compile(r"(?:US)?\$\s*$")  # a dollar sign before a number: US$|5 billion
_RMB = re.compile(r"(?:RMB|CNY|¥|￥)\s*$", re.IGNORECASE)  # a yuan sign before it: RMB|5 billion
# People in general after a count: 1,200 citizens (not "Chinese cities", see PEOPLE_NOUNS).
_PEOPLE = re.compile(cues().pattern("english_people_nouns"))
# A qualifier right before the number: more than|500 million, about|90 percent, top|10.
_QUALIFIERS = [
    ("over", re.compile(rf"{cues().pattern('english_over_words')}\s*$")),
    ("about", re.compile(rf"{cues().pattern('english_about_words')}\s*$")),
    ("under", re.compile(rf"{cues().pattern('english_under_words')}\s*$")),
]
# "from" before a value: the earlier value of a from–to change (up from 45th).
_FROM = re.compile(r"\bfrom\s*(?:the\s*)?$", re.IGNORECASE)


# Words shortly before an ordinal that make it a rank: ranked|45th, rose to|43rd, was|9th.
_RANK_CONTEXT = re.compile(
    r"\b(?:rank\w*|placed?|position\w*|came|comes|stood|stands|rose|rising|climbed|jumped|"
    r"fell|dropped|slipped|moved|up from|down from|from|to|at|was|is|remains?)\b[^.;]{0,30}$",
    re.IGNORECASE,
)
# Words after an ordinal that make it part of a name: the 14th|Five-Year Plan, 19th|CPC.
_NOT_RANK_AFTER = re.compile(
    r"^\s*(?:Five-Year|five-year|session|plenary|CPC|Central|Party|National|century|anniversary|"
    r"edition|meeting|congress|Congress|time|round|batch|year)\b"
)


def _is_rank_ordinal(before: str, after: str) -> bool:
    """45th is a rank after ranked/placed/rose to …, not in "the 14th Five-Year Plan"."""
    return bool(_RANK_CONTEXT.search(before[-45:])) and not _NOT_RANK_AFTER.match(after)


def is_latin(text: str) -> bool:
    """Whether a sentence is written in English rather than Chinese."""
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    letters = sum(1 for c in text if c.isascii() and c.isalpha())
    return letters > 3 * han and letters >= 10


def _qualifier(before: str) -> str:
    for name, pattern in _QUALIFIERS:
        if pattern.search(before):
            return name
    return "exact"


def find_english_candidates(text: str) -> list[Candidate]:
    """Every figure in an English sentence, in order."""
    out: list[Candidate] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: float, unit: str, **kw: object) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        out.append(Candidate(start, end, value, unit, **kw))  # type: ignore[arg-type]

    for m in _CHANGE.finditer(text):
        sign = -1 if m.group("verb").lower() in _DOWN else 1
        number = m.group("num").lower()
        value = float(_WORD_NUMBERS[number]) if number in _WORD_NUMBERS else parse_arabic(number)
        add(m.start("num"), m.end(), sign * value, "rank_change", rule="en.rank_change")
    for pattern in (_ORDINAL, _RANKED):
        for m in pattern.finditer(text):
            before = text[: m.start("num")]
            if pattern is _ORDINAL and not _is_rank_ordinal(before, text[m.end() :]):
                continue  # the 14th Five-Year Plan, the 19th CPC Central Committee
            add(
                m.start("num"),
                m.end(),
                parse_arabic(m.group("num")),
                "rank",
                qualifier=_qualifier(before),
                from_value=bool(_FROM.search(before)),
                rule="en.rank_ordinal" if pattern is _ORDINAL else "en.ranked",
            )
    for m in _PERCENT.finditer(text):
        add(
            m.start("num"),
            m.end(),
            parse_arabic(m.group("num")),
            "percent",
            qualifier=_qualifier(text[: m.start()]),
            rule="en.percent",
        )
    for m in _SCALED.finditer(text):
        value = apply_scale(parse_arabic(m.group("num")), m.group("scale"))
        noun = m.group("noun") or ""
        unit = "persons" if PEOPLE_NOUNS.search(noun) else "scaled"
        if re.match(r"times\b", noun, re.IGNORECASE):
            unit = "calls"  # visited 86 billion times: a count of acts
        if _DOLLAR.search(text[max(0, m.start() - 4) : m.start()]):
            unit = "usd"
        elif re.match(r"(?:yuan|RMB)\b", noun, re.IGNORECASE) or _RMB.search(
            text[max(0, m.start() - 5) : m.start()]
        ):
            unit = "yuan"
        add(
            m.start("num"),
            m.end("scale"),
            value,
            unit,
            qualifier=_qualifier(text[: m.start()]),
            rule="en.scaled",
        )
    for m in _COUNT.finditer(text):
        number = m.group("num")
        if re.fullmatch(r"(?:19|20)\d\d", number) or _NOT_COUNTED.search(m.group("noun")):
            continue  # "2020 UN surveys" is a year; "10 years" a duration
        unit = "persons" if _PEOPLE.search(m.group("noun")) else "count"
        add(
            m.start("num"),
            m.end("num"),
            parse_arabic(number),
            unit,
            qualifier=_qualifier(text[: m.start()]),
            rule="en.count",
        )
    for m in _GROUPED.finditer(text):
        unit = _grouped_unit(text, m)
        if unit:
            add(
                m.start("num"),
                m.end("num"),
                parse_arabic(m.group("num")),
                unit,
                qualifier=_qualifier(text[: m.start()]),
                rule="en.grouped",
            )
    for m in _INDEX.finditer(text):
        add(m.start("num"), m.end("num"), parse_arabic(m.group("num")), "index_candidate",
            rule="en.decimal")
    return sorted(out, key=lambda c: c.start)


def _grouped_unit(text: str, m: re.Match[str]) -> str | None:
    """The unit of a thousands-grouped number that no noun follows: "from 80,000 in 2015 to
    13,946 in 2022" counts what the sentence is about; money has its own unit."""
    after = text[m.end() :]
    if re.match(r"\s*(?:%|percent|per cent|million|billion|trillion)\b", after, re.IGNORECASE):
        return None  # taken as a percentage or a scaled number
    if _DOLLAR.search(text[max(0, m.start() - 4) : m.start()]):
        return "usd"
    if _MONEY_AFTER.match(after) or _RMB.search(text[max(0, m.start() - 5) : m.start()]):
        return "yuan"
    return "persons" if _PEOPLE.match(after.lstrip()) else "count"


_LABEL_SKIP = {
    "of",
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "to",
    "million",
    "billion",
    "trillion",
    "percent",
    "per",
    "cent",
    "its",
    "their",
    "all",
}


_LABEL_STOP = {
    "could",
    "would",
    "should",
    "may",
    "might",
    "must",
    "be",
    "been",
    "use",
    "uses",
    "are",
    "were",
    "have",
    "has",
    "had",
    "is",
    "was",
    "with",
    "and",
    "or",
    "for",
    "by",
    "that",
    "which",
    "who",
    "will",
    "can",
    "now",
    "across",
}


def english_label(after: str) -> str:
    """The noun right after an English figure: "1.03 billion people in China" → people."""
    words = re.findall(r"[A-Za-z][A-Za-z-]*", after[:60])
    while words and words[0].lower() in _LABEL_SKIP:
        words.pop(0)
    label = []
    for word in words[:3]:
        lower = word.lower()
        if lower in _LABEL_SKIP or lower in _LABEL_STOP or lower.endswith("ed"):
            break
        label.append(word)
    return " ".join(label)


# People named by who they are rather than by "users": a count of them is a count of persons.
PEOPLE_NOUNS = re.compile(cues().pattern("english_people_nouns", "english_people_groups"))
_FUNCTION_WORDS = _LABEL_SKIP | _LABEL_STOP | {"as", "from", "since", "up", "down", "than"}
# "the number of …s": the plural noun is what a figure counts (number of online users).
_NUMBER_OF = re.compile(
    r"\b(?:number|total|count|amount)\s+of\s+((?:[A-Za-z-]+\s+){0,5}?[A-Za-z-]+s)\b"
)
# "the number" with no "of" counts the plural noun the sentence named before it.
_THE_NUMBER = re.compile(r"\b(?:the|their|its)\s+(number|total)\b(?!\s+of\b)", re.IGNORECASE)
# "of …s" before a bare "the number": management of government websites, … the number.
_OF_PLURAL = re.compile(r"\bof\s+((?:[A-Za-z-]+\s+){0,3}?[a-z-]+s)\b")
# A verb of growth right before a percentage: rose by|7%, up|12 percent.
_GROWTH = re.compile(
    r"\b(?:up|rose|rising|grew|growing|increased?|increasing|jumped|climbed)\s+(?:by\s+)?$",
    re.IGNORECASE,
)
# A share and what it is of, after a percentage: 10%| of GDP → share of GDP.
_SHARE_OF = re.compile(r"^\s*(?:percent|per cent|%)?\s*of\s+(?:the\s+)?((?:[A-Za-z'-]+\s*){1,3})")
# The verbs and qualifiers between a subject and its number: users| had reached about|694 million.
_PREDICATE_BEFORE = re.compile(
    r"(?:\s+(?:had|has|have|was|were|is|are|reached|reaching|exceeding|exceeded|totalled|"
    r"totaled|stood|stands|hit|of|at|to|over|more|than|about|around|nearly|some|by|rose|"
    r"increased|grew))+\s*$",
    re.IGNORECASE,
)
_SHARE_STOP = {"next", "last", "this", "by", "in", "were", "was", "those", "these"}
# A progressive after the counted noun: 940 million Chinese| were using smartphones.
_PROGRESSIVE = re.compile(r"^\s*(?:were|are|was|is)\s+(\w+ing)\s+(\w+)", re.IGNORECASE)


def _noun_words_after(after: str) -> str:
    """The counted noun after a number, with a participle or progressive that describes it."""
    rest = re.sub(r"^\s*(?:million|billion|trillion)\b", "", after)
    words = re.findall(r"[A-Za-z][A-Za-z-]*", rest[:60])
    if not words or words[0].lower() in _FUNCTION_WORDS:
        return ""
    if words[0].lower().endswith("ed"):  # 1.3 million handled online
        return " ".join(words[:2])
    label = english_label(after)
    progressive = _PROGRESSIVE.match(after[after.find(label) + len(label) :]) if label else None
    if progressive:  # 940 million Chinese were using smartphones
        return f"{label} {progressive.group(1)} {progressive.group(2)}"
    return label


def _noun_words_before(before: str) -> str:
    """The noun phrase before an English figure's verb: "accumulated usage exceeding" → that."""
    counted = _NUMBER_OF.findall(before[-80:])
    if counted:  # The number of online government service users … had reached 694 million
        return counted[-1]
    bare = list(_THE_NUMBER.finditer(before))
    if bare:  # management of government websites …, bringing the number from 80,000 …
        objects = _OF_PLURAL.findall(before[: bare[-1].start()])
        return objects[-1] if objects else bare[-1].group(1)
    head = _PREDICATE_BEFORE.sub("", before)
    words = re.findall(r"[A-Za-z][A-Za-z-]*", re.split(r"[,;:]", head)[-1])[-3:]
    while words and words[0].lower() in _FUNCTION_WORDS:
        words.pop(0)
    if any(w.lower() in _FUNCTION_WORDS for w in words):
        return ""
    return " ".join(words)


def english_metric_label(text: str, cand: Candidate, previous: str | None) -> str:
    """What an English figure measures: the noun counted, a share of something, or a growth."""
    before, after = text[: cand.start], text[cand.end :]
    if cand.unit in ("rank", "rank_change"):
        return "ranking" if cand.unit == "rank" else "ranking change"
    if cand.unit == "calls" and re.match(r"\s*times\b", after, re.IGNORECASE):
        act = _act_noun(before)
        if act:
            return act  # visited 86 billion times → visits
    if _FROM.search(before) and previous:
        return previous  # up from 7.8% in 2020: the earlier value of the same measure
    if cand.unit == "percent":
        if _GROWTH.search(before):
            return f"{previous} growth" if previous else "growth"
        share = _SHARE_OF.match(after)
        if share:
            noun = [w for w in share.group(1).split()]
            while noun and noun[-1].lower() in _FUNCTION_WORDS | _SHARE_STOP:
                noun.pop()  # share of GDP by 2025: "by" opens the period, not the noun
            if noun and not any(w.lower() in _FUNCTION_WORDS for w in noun):
                return f"share of {' '.join(noun)}"
    after_noun = _noun_words_after(after)
    if after_noun and (cand.unit != "percent" or PEOPLE_NOUNS.search(after_noun)):
        return after_noun
    return _noun_words_before(before) or after_noun


# A participle before a count of times: visited| 86 billion times → visits.
_PARTICIPLE = re.compile(r"\b([A-Za-z]+ed)\s+(?:(?:about|around|nearly|over|more than|some)\s+)?$")
_ACT_NOUNS = ("visits", "views", "uses", "calls", "queries", "accesses", "clicks", "downloads")


def _act_noun(before: str) -> str:
    """The act a count of times counts, from the participle before it: visited → visits."""
    found = _PARTICIPLE.search(before)
    if not found:
        return ""
    verb = found.group(1).lower()
    for noun in _ACT_NOUNS:  # visits ~ visited, queries ~ queried, accesses ~ accessed
        if any(len(stem) >= 3 and verb.startswith(stem) for stem in (noun[:-1], noun[:-2])):
            return noun
    return verb


# "China's digital economy", "the country's digital economy": a noun phrase with its possessor.
_POSSESSED = r"\b((?:[A-Z][\w-]*\s+)*[A-Z][\w-]*)['’]s\s+{tail}\b"


def qualify_owner(owner: str, earlier: str) -> str:
    """A bare noun phrase that ends a subject ("core industries of digital economy") takes the
    possessor the paragraph gave it before ("China's digital economy"), as a reader resolves it.

    Only a proper-noun possessor counts ("the country's" says nothing new); the apostrophe is
    printed straight, so that two pages' subjects compare equal.
    """
    head, sep, tail = owner.rpartition(" of ")
    if not sep or not re.fullmatch(r"[a-z][\w-]*(?: [a-z][\w-]*){0,3}", tail):
        return owner
    found = list(re.finditer(_POSSESSED.format(tail=re.escape(tail)), earlier))
    if not found:
        return owner
    return f"{head} of {found[-1].group(1)}'s {tail}"
