"""Attributed statements: direct quotes (“…”某某说) and reported speech (某某表示,…)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefing.extract._text import (
    CLOSE_QUOTES,
    OPEN_QUOTES,
    View,
    strip_edges,
    view,
)
from briefing.extract.lexicon import cues, data_file
from briefing.models import Article, Paragraph, Quote

# Between a name and its verb: 卢向东也表示, 何毅亭在会上指出 …
_ADVERBS = (
    r"(?:此前|日前|近日|近期|今天|昨天|昨日|曾经|曾|也|还|则|又|更|再次|同时|随后|进一步|会上|在[^,;:。“”\"]{1,30}?(?:上|中|时|期间|之际))?"
    r"(?:也|还|则|又|更|再次|同时|进一步)?"
)
# 在昨天举行的发布会上国家发改委副主任张三表示: the occasion is not part of the role.
_OCCASION = re.compile(
    r"^在[^,、]{1,30}?(?:会上|式上|坛上|议上|致辞中|讲话中|发言中|采访时|期间|之际)"
)
# Three characters at least: a two-character word after a title is more often 会议 than 普京.
_TRANSLITERATED = re.compile(
    r"[\u4e00-\u9fff]{3,5}|[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,6}){1,2}"
)
# A transliterated name with its dots: 安东尼奥·古特雷斯 (a name on its own, no title needed).
_FOREIGN_NAME = re.compile(r"[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,6}){1,2}")
_SUBJECT_BREAK = ",;:。!?()\n" + OPEN_QUOTES + CLOSE_QUOTES
# An English name of two to four capitalised words: Jane Doe, Li Xiaoming.
_EN_NAME = r"[A-Z][\w'.-]+(?: [A-Z][\w'.-]+){1,3}"
_EN_NOT_NAMES = {"The", "This", "It", "He", "She", "They", "We", "In", "According", "But", "And"}
# A "name" containing these is an organisation or a document, not a person.
_EN_ORG_WORDS = {
    "Agency",
    "Ministry",
    "Council",
    "Office",
    "Department",
    "Government",
    "Commission",
    "Bureau",
    "Report",
    "Survey",
    "Nations",
    "University",
    "Institute",
    "Committee",
    "Association",
    "Bank",
    "Organization",
    "Organisation",
    "Group",
    "Centre",
    "Center",
    "Daily",
    "News",
    "Times",
    "Company",
}
_EN_TITLES = {
    "Minister",
    "President",
    "Director",
    "Secretary",
    "Premier",
    "Governor",
    "Mayor",
    "Chairman",
    "Commissioner",
    "Professor",
    "Prof.",
    "Dr.",
    "Mr.",
    "Ms.",
    "Mrs.",
    "Vice",
    "Deputy",
}
# The verb of an English attribution: said, noted, pointed out … (cues.yaml).
_EN_VERB = rf"(?P<verb>{cues().pattern('english_speech_verbs')})"
# English attributions, tried in this order (each pattern says which form it reads).
_EN_PATTERNS = (
    # "…," said Jane Doe, director of …
    re.compile(
        rf"\"(?P<stmt>[^\"]{{8,}}?)[,.]?\"\s+{_EN_VERB}\s+(?P<name>{_EN_NAME})"
        r"(?:,\s+(?P<role>[^,.\"]{3,80}))?"
    ),
    # Jane Doe, director of …, said (that) …
    re.compile(
        rf"(?P<name>{_EN_NAME}),\s+(?P<role>[^,\"]{{3,120}}),\s+{_EN_VERB}"
        r"(?: that)?[,:]?\s+(?P<stmt>[^\n]+)"
    ),
    # Jane Doe said (that) …
    re.compile(rf"(?P<name>{_EN_NAME})\s+{_EN_VERB}(?: that)?[,:]?\s+(?P<stmt>[^\n]+)"),
)


@dataclass(frozen=True)
class _Lexicon:
    verb_re: re.Pattern[str]
    strict: frozenset[str]
    suffixes: tuple[str, ...]
    surnames: tuple[str, ...]
    not_names: frozenset[str]
    not_name_endings: tuple[str, ...]
    prefixes: tuple[str, ...]
    pronouns: frozenset[str]
    unnamed_roles: tuple[str, ...]


@cache
def _lexicon() -> _Lexicon:
    data = data_file("roles.yaml")
    speech = cues().pattern("speech_verbs", "speech_verbs_before_punctuation")
    return _Lexicon(
        verb_re=re.compile(f"{_ADVERBS}(?P<verb>{speech})"),
        strict=frozenset(cues().words("speech_verbs_before_punctuation")),
        suffixes=tuple(sorted(data["title_suffixes"], key=len, reverse=True)),
        surnames=tuple(sorted(data["surnames"], key=len, reverse=True)),
        not_names=frozenset(data["not_names"]),
        not_name_endings=tuple(data["not_name_endings"]),
        prefixes=tuple(
            sorted(dict.fromkeys([*data["role_prefixes"], *cues().words("connectives")]),
                   key=len, reverse=True)
        ),
        pronouns=frozenset(data["pronouns"]),
        unnamed_roles=tuple(sorted(data.get("unnamed_roles", ()), key=len, reverse=True)),
    )


def _looks_like_name(name: str, lex: _Lexicon) -> bool:
    """2–3 CJK characters (4 with a two-character surname), a known surname, not a common word."""
    if name in lex.not_names or name.endswith(lex.not_name_endings):
        return False
    compound = any(name.startswith(s) for s in lex.surnames if len(s) == 2)
    if not 2 <= len(name) <= (4 if compound else 3):
        return False
    if not all("\u4e00" <= ch <= "\u9fff" for ch in name):
        return False
    return any(name.startswith(s) and len(name) > len(s) for s in lex.surnames)


def _clean_role(role: str, lex: _Lexicon) -> str:
    """Strip leading adverbials (在…看来, 会上, 同时 …) and the occasion (在…会上)."""
    role = _OCCASION.sub("", role)
    changed = True
    while changed and role:
        changed = False
        for prefix in lex.prefixes:
            if role.startswith(prefix) and len(role) > len(prefix) + 1:
                role = role[len(prefix) :]
                changed = True
    return role.strip()


# An honorific after a name: 车俊同志, 王先生 (先生 and 女士 only after a surname and a name).
_HONORIFIC = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:同志|先生|女士)$")


def _split_subject(
    subject: str, known: dict[str, str | None], lex: _Lexicon
) -> tuple[str, str | None] | None:
    """Split '<role><name>' into (name, role); None when it is not a person.

    An honorific after the name (车俊同志) is no part of it, nor is the 的 that joins a role to
    it (时任浙江省代省长的车俊同志 → 车俊, 时任浙江省代省长)."""
    subject = _HONORIFIC.sub("", subject)
    for name in sorted(known, key=len, reverse=True):
        if subject.endswith(name):
            role = _clean_role(subject[: -len(name)], lex)
            if not role or role in lex.prefixes:
                return name, known[name]
            if role.endswith(lex.suffixes):
                return name, role
    for size in (4, 3, 2):  # longest first: 主任王钦敏 is not 主任王 + 钦敏
        name, role = subject[-size:], _clean_role(subject[:-size].removesuffix("的"), lex)
        if not _looks_like_name(name, lex):
            continue
        if not role or subject[:-size] in lex.prefixes:
            # A bare name: only when the whole subject is the name (no unknown role text).
            if len(subject) - size <= 1:
                return name, None
            continue
        if role.endswith(lex.suffixes) and len(role) <= 80:
            return name, role
    return _foreign_name(subject, lex) or _unnamed_official(subject, lex)


def _unnamed_official(subject: str, lex: _Lexicon) -> tuple[str, str | None] | None:
    """A spokesperson or official quoted without a name (国家发改委新闻发言人表示): the body
    and title are the speaker, the title its role."""
    who = _clean_role(subject, lex)
    for role in lex.unnamed_roles:
        if who.endswith(role) and len(role) < len(who) <= 30:
            return who, role
    return None


def _foreign_name(subject: str, lex: _Lexicon) -> tuple[str, str | None] | None:
    """Transliterated names: 秘书长古特雷斯 (after a title) or 安东尼奥·古特雷斯 (with a dot)."""
    if _FOREIGN_NAME.fullmatch(subject):
        return subject, None
    for suffix in lex.suffixes:
        cut = subject.rfind(suffix)
        name = subject[cut + len(suffix) :] if cut >= 0 else ""
        if (
            cut > 0
            and _TRANSLITERATED.fullmatch(name)
            and name not in lex.not_names
            and not name.endswith(lex.not_name_endings)
        ):
            return name, _clean_role(subject[: cut + len(suffix)], lex)
    return None


def _subject_start(text: str, pos: int) -> int:
    """Start of the clause that ends at `pos` (roles may contain 、 and parentheses)."""
    depth = 0
    for i in range(pos - 1, -1, -1):
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(" and depth:
            depth -= 1
        elif ch in _SUBJECT_BREAK and not depth:
            return i + 1
    return 0


def _quote_before(text: str, pos: int) -> tuple[int, int] | None:
    """The span of a quotation closing right before `pos` (the attribution's clause start)."""
    j = pos - 1
    while j >= 0 and text[j] in " ,":
        j -= 1
    if j < 0 or text[j] not in CLOSE_QUOTES:
        return None
    k = max(text.rfind(q, 0, j) for q in OPEN_QUOTES if q != '"')
    if text[j] == '"':
        k = text.rfind('"', 0, j)
    return (k + 1, j) if k >= 0 else None


def _quote_after(text: str, pos: int) -> tuple[int, int] | None:
    """The span of a quotation opening right after the verb (某某说:“…”)."""
    m = re.match(r"[ ,:]*([“「『\"])", text[pos:])
    if not m:
        return None
    start = pos + m.end()
    closer = {"“": "”", "「": "」", "『": "』", '"': '"'}[m.group(1)]
    end = text.find(closer, start)
    if end <= start:
        return None
    # A quoted term (“十四五”时期…) is not the statement: the quote must close the sentence.
    closes_sentence = text[end - 1] in "。!?,." or end + 1 >= len(text) or text[end + 1] in "。!?"
    return (start, end) if closes_sentence else None


def _reported(text: str, pos: int) -> tuple[int, int]:
    """The rest of the sentence after the verb: the reported statement."""
    start = pos
    while start < len(text) and text[start] in " ,:":
        start += 1
    m = re.search(r"[。!?]", text[start:])
    end = start + m.end() if m else len(text)
    return start, end


def _paragraph_quotes(
    v: View, p: Paragraph, known: dict[str, str | None], lex: _Lexicon, previous: str | None
) -> list[Quote]:
    """Every attribution in one paragraph, in reading order."""
    text = v.snorm(p)
    quotes: list[Quote] = []
    last_speaker = previous
    for m in lex.verb_re.finditer(text):
        verb, after = m.group("verb"), text[m.end() : m.end() + 1]
        if verb in lex.strict and after not in ',:。“「"' and after != "":
            continue
        begin = _subject_start(text, m.start())
        subject = text[begin : m.start()].strip()
        if subject in lex.pronouns and last_speaker:
            name, role = last_speaker, known.get(last_speaker)
        else:
            if subject in _CONJUNCTIONS:  # 戴炜发布了…,并表示: the sentence's subject speaks
                subject = _sentence_subject(text, begin, known, lex) or subject
            parsed = _split_subject(subject, known, lex)
            if parsed is None:
                continue
            name, role = parsed
            if role is None:
                role = known.get(name)
            known.setdefault(name, role)
        span = _quote_before(text, begin) or _quote_after(text, m.end()) or _reported(text, m.end())
        statement = strip_edges(text[span[0] : span[1]])
        if len(statement) < 4:
            continue
        lo, hi = min(span[0], begin), max(span[1], m.end())
        ref = v.ref(p.start + lo, p.start + hi)
        raw = v.article.text[p.start + span[0] : p.start + span[1]]
        quotes.append(Quote(name, role, verb, strip_edges(raw), ref))
        last_speaker = name
    return quotes


# A verb whose clause is only one of these has the subject of its sentence's first clause.
_CONJUNCTIONS = frozenset(cues().words("connectives"))


def _sentence_subject(
    text: str, pos: int, known: dict[str, str | None], lex: _Lexicon
) -> str | None:
    """The '<role><name>' that opens the clause the sentence starts with (中国互联网协会
    副秘书长戴炜发布了…): an opening that reads as a titled person and is followed by a
    verb (…了, 在…, 出席…), so that 李文华发布了 is not read as 李文 + 华发布了."""
    start = max(text.rfind(c, 0, pos) for c in "。!?") + 1
    first = text[start:pos]
    first = first[first.find(",") + 1 :] if _OCCASION_LEAD.match(first) else first
    for end in range(4, min(len(first), 40) + 1):
        head = first[:end].strip()
        parsed = _split_subject(head, known, lex)
        if parsed and parsed[1] and _VERB_NEXT.match(first[end:]):
            return head
    return None


# What follows a titled person opening a sentence when it is a clause of theirs: 发布了, 在…,
# 出席 (李文华发布了… is 李文华, not 李文 + 华发布了).
_VERB_NEXT = re.compile(r"[\u4e00-\u9fff]{1,2}了|在|于|出席|参加|主持|发布|宣布|介绍|提出|会见")


# A sentence that opens with a connective and a comma (此外,…): its subject follows the comma.
_OCCASION_LEAD = re.compile(rf"^{cues().pattern('connectives')}[,]")


def _split_english_title(name: str) -> tuple[str, str | None]:
    """'Minister John Brown' → ('John Brown', 'Minister')."""
    words_ = name.split()
    # The name is the trailing run of plain capitalised words; anything before it is a title.
    k = len(words_)
    while k > 0 and len(words_) - k < 3 and re.fullmatch(r"[A-Z][a-z'.]+", words_[k - 1]):
        k -= 1
    titles = words_[:k] if len(words_) - k >= 2 else []
    words_ = words_[len(titles) :]
    while len(words_) > 2 and words_[0] in _EN_TITLES:
        titles.append(words_.pop(0))
    return " ".join(words_), " ".join(titles) or None


def _english_quotes(v: View, p: Paragraph) -> list[Quote]:
    """English attributions: '"…," said Jane Doe, director of …' and 'Jane Doe said …'."""
    text = v.snorm(p)
    found: list[Quote] = []
    taken: list[tuple[int, int]] = []
    for pattern in _EN_PATTERNS:
        for m in pattern.finditer(text):
            parts = m.group("name").split()
            if parts[0] in _EN_NOT_NAMES or _EN_ORG_WORDS & set(parts):
                continue
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            name, role = _split_english_title(m.group("name"))
            role = (m.groupdict().get("role") or "").strip() or role
            stmt = m.group("stmt").strip().strip('"').strip()
            ref = v.ref(p.start + m.start(), p.start + m.end())
            found.append(Quote(name, role, m.group("verb"), stmt, ref))
    return found


def extract_quotes(article: Article) -> tuple[Quote, ...]:
    """All attributed statements of an article; later bare-name mentions carry the first role."""
    v = view(article)
    lex = _lexicon()
    known: dict[str, str | None] = {}
    quotes: list[Quote] = []
    previous: str | None = None  # the speaker a pronoun in the next paragraph refers to
    for p in article.paragraphs:
        if p.is_heading:
            previous = None
            continue
        found = _paragraph_quotes(v, p, known, lex, previous)
        previous = found[-1].speaker if found else None
        quotes.extend(found)
        if re.search(r"[A-Za-z]{3,} [A-Za-z]{3,}", v.snorm(p)):
            quotes.extend(_english_quotes(v, p))
    return tuple(quotes)
