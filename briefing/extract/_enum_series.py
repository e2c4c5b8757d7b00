"""Enumeration rules for lists written inside one sentence or as a run of clauses.

    inline_series      A、B、C和D四个方面 / “A、B、C”难题 / 秉持A、B、C的原则 / 五种类型:A、B、C
    colon_series       …以下目标:A,B,C。 / …初步打通:实现了…;打通了…;构建了…
    target_year_series 到2025年,…;到2035年,… / by 2025, … By 2035, …

Each gives the same Found tuples as the rules in enumerations.py. What makes a 、 series a
list (rather than a run of place names in passing) is how it is closed: by a count of the
items, a category noun (方面, 原则, 类型 …), quotation marks or a list cue before it.
"""

from __future__ import annotations

import re

from briefing.extract._enum_parts import (
    NUM,
    Found,
    Span,
    build,
    cn_number,
    find_markers,
    opens_with_verb,
)
from briefing.extract._text import View, strip_edges
from briefing.extract.lexicon import cues
from briefing.models import Paragraph, Quote

# A character of a list item: anything but a separator, a clause break, a quote or a bracket.
_ITEM = r"[^、,;:。!?“”\"()]"
# Words a list opens after: the first item starts where the cue ends.
_OPENER_END = re.compile(
    r"(?:^|[,;:。“\"(]|包含|包括|涵盖|秉持|坚持|围绕|聚焦|了|存在|面临|通过|解决|即|涉及|"
    rf"覆盖|分为|划分为|分别是|分别为|有|从|在|由|以|{cues().pattern('example_cues')})$"
)


_MAX_ITEM = 24  # characters; items longer than 16 only in a list announced by a counted frame
_CLOSING_REACH = 14  # characters after a list where the noun naming its items may stand


def _first_item(left: str) -> int | None:
    """Where the first item starts: the shortest tail of `left` (2–24 characters, no
    punctuation) that an opener (a clause break or a cue such as 包括, 从) precedes."""
    for length in range(2, min(_MAX_ITEM, len(left)) + 1):
        tail = left[-length:]
        if re.search(r"[、,;:。!?“”\"()]", tail):
            return None
        if _OPENER_END.search(left[:-length]):
            return len(left) - length
    return None


# Nouns that name what the items are: the series is a list of them (cues.yaml).
_CATEGORY = cues().pattern("list_nouns")
# A count of items: 三个, 四大, 几类, 若干方面.
_COUNT = rf"(?:[{NUM}两\d]+|多|几|若干)(?:个|种|类|项|大|条|方面)"
# What may close a series: 等, a count, a category noun (after 的), a closing quote.
_CLOSE = re.compile(
    rf"^(?P<last>{_ITEM}{{2,30}}?)(?P<close>”|\"|等(?:{_COUNT})?|(?={_COUNT})|的(?={_CATEGORY})"
    rf"|等(?={_CATEGORY}))"
)
# An unclosed last item, up to the clause break: 、区块链,….
_TAIL_END = re.compile(rf"^{_ITEM}{{2,30}}?(?=[,;:。!?]|$)")
# The word that may join the last two items of a 、 series: A、B和C.
_AND = re.compile(cues().pattern("coordinators"))
# A count of the items, or the principles/ideas they are, closes a list on its own.
_STRONG_CLOSE = re.compile(rf"”?(?:等?{_COUNT}|的(?:原则|理念|方针|思路))")
# A noun that names what the items are, a few words after 等 or 的, closes a list on its own:
# A、B、C等具体的生活难题, …等一系列手段, …的问题 (the nouns that decide a list's kind).
# (Not the loose nouns of passing mentions: 在A、B等方面, A、B等领域 name no set of items.)
_ITEM_NOUN = cues().pattern("problem_nouns", "result_nouns", "named_part_nouns")
_PARALLEL = 1.6  #: the longest item of a noun-closed list at most this times the median one
# Between 等/的 and the noun only a quantity (一系列, 三个, 诸多) and a short modifier (具体的生活,
# 突出): 在A、B等方面取得重要进展 is no list of 进展.
_NAMED_CLOSE = re.compile(
    rf"”?(?:等|的)(?:[{NUM}两多几若干诸各]{{0,2}}(?:个|项|类|种|大|系列|些))?"
    rf"(?:[\u4e00-\u9fff]{{1,3}}的)?[\u4e00-\u9fff]{{0,2}}?{_ITEM_NOUN}"
)
# An opening quote before the first item: “A、B、C” is one quoted list.
_QUOTED = re.compile(r"[“\"]$")
# A counted frame before a colon announces the items: 五种类型:A、B、C.
_FRAME_COUNT = re.compile(rf"{_COUNT}[^,;:。]{{0,6}}:$")


def _cut_and(last: str, count: int | None, n_before: int, closed_by_etc: bool) -> list[str]:
    """The last segment as one item or two (…B和C): by the stated count, else split unless
    the series ends with 等 (相关功能和设备不兼容等问题 is one item)."""
    m = _AND.search(last)
    if not m or m.start() < 2 or len(last) - m.end() < 2:
        return [last]
    two = [last[: m.start()], last[m.end() :]]
    if count is not None:
        return two if n_before + 2 == count else [last]
    return [last] if closed_by_etc else two


# Reading annotations a spam copy puts after characters: 統(tǒng)籌共建
_READING = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


def _mask_readings(text: str) -> str:
    """The text with reading annotations blanked to letters of the same length, so that they
    neither break a series nor shift offsets."""
    return _READING.sub(lambda m: "x" * len(m.group(0)), text)


def _parallel_start(text: str, items: list[tuple[int, int]]) -> int:
    """Where the first item starts when the others are parallel to it: 解决了群众和企业办事难、
    办事慢、办事繁 → 办事难 (as long as the others, and sharing their opening character)."""
    first, end = items[0]
    others = [text[a:b] for a, b in items[1:]]
    if not others or len({len(w) for w in others}) != 1 or len({w[0] for w in others}) != 1:
        return first
    width = len(others[0])
    if end - first > width and text[end - width] == others[0][0]:
        return end - width
    return first


def _series_in(text: str) -> list[tuple[list[tuple[int, int]], str]]:
    """(item offsets in `text`, how it closes) for each 、 series of a sentence."""
    text = _mask_readings(text)
    found = []
    pos = 0
    while (first_sep := text.find("、", pos)) >= 0:
        first = _first_item(text[:first_sep])
        cuts = [first_sep]
        k = first_sep
        while True:  # inner items: short segments between two 、
            m = re.match(rf"{_ITEM}{{1,{_MAX_ITEM}}}、", text[k + 1 :])
            if not m:
                break
            k += m.end()
            cuts.append(k)
        pos = k + 1
        if first is None:
            continue
        items = [(first, first_sep)]
        items += [(a + 1, b) for a, b in zip(cuts, cuts[1:])]
        first = _parallel_start(text, items)
        items[0] = (first, first_sep)
        tail = text[k + 1 :]
        close = _CLOSE.match(tail)
        kind = close.group("close") if close else ""
        last_m = close or _TAIL_END.match(tail)
        if not last_m:
            continue
        last = last_m.group("last") if close else last_m.group(0)
        after = tail[len(last) :]
        count_m = re.match(rf"”?等?(?P<n>[{NUM}两\d]+)(?!系列|些|批|体|道)(?:个|种|类|项|大|条)?", after)
        count = cn_number(count_m.group("n")) if count_m else None
        parts = _cut_and(last, count, len(items), kind.startswith("等") or after.startswith("等"))
        start = k + 1
        for part in parts:
            at = text.index(part, start)
            items.append((at, at + len(part)))
            start = at + len(part)
        if count is not None and count != len(items):
            continue  # 四大基础数据库 after three items: the series is not what is counted
        if _STRONG_CLOSE.match(after) or (
            after[:1] in "”\"" and _QUOTED.search(text[: items[0][0]])
        ):
            kind = "strong"
        elif _NAMED_CLOSE.match(after):
            kind = "named"
        elif _FRAME_COUNT.search(text[: items[0][0]]):
            kind = "colon"
        found.append((items, kind))
    return found


def _acceptable(text: str, items: list[tuple[int, int]], close: str, opener_cue: bool) -> bool:
    words = [text[a:b].strip() for a, b in items]
    words = [_READING.sub("", w) for w in words]
    longest = _MAX_ITEM if close in ("colon", "named") else 16
    if any(not 2 <= len(w) <= longest or re.search(r"\d", w) for w in words):
        return False  # figures (31个省、46个部门) are not enumerated items
    if close == "named":  # its items are alike (鼓励公众参与大数据研发、传播、应用 are not)
        lengths = sorted(len(w) for w in words)
        return len(words) >= 3 and lengths[-1] <= _PARALLEL * lengths[len(lengths) // 2]
    if close in ("strong", "colon"):
        return len(words) >= 3
    # 等 closes any series (广东、广西等地, 大数据、区块链等技术): a cue must open it
    return close.startswith("等") and opener_cue


# Only an example cue opens a list that 等 closes: 包括/涉及…等 name a scope in passing.
_CUE_BEFORE = re.compile(rf"{cues().pattern('example_cues')}(?:.*还包括)?$")


def inline_series(
    v: View, paragraphs: tuple[Paragraph, ...], quotes: tuple[Quote, ...]
) -> list[Found]:
    """Lists of short items joined by 、 inside a sentence, closed by a count, a category noun,
    quotation marks or 等 (after a cue such as 包括)."""
    found = []
    for s in v.sentences:
        text = v.snorm(s)
        if "、" not in text:
            continue
        for items, close in _series_in(text):
            opener_cue = bool(_CUE_BEFORE.search(text[: items[0][0]]))
            if not _acceptable(text, items, close, opener_cue):
                continue
            spans = [Span(s.start + a, s.start + b) for a, b in items]
            headings = [(strip_edges(v.article.text[sp.start : sp.end]), sp.end) for sp in spans]
            cue = "、…、…" + {"strong": "", "colon": "(:)", "等": "等"}.get(close, "")
            closing = text[items[-1][1] : items[-1][1] + _CLOSING_REACH]
            built = build(v, quotes, None, cue, s, spans, headings=headings,
                          closing=re.split(r"[,;:。!?]", closing, maxsplit=1)[0])
            if built:
                found.append(built)
    return found


# --------------------------------------------------------------------------- colon series

# A colon after a speech verb opens a statement, not a list: 他表示:…, 答:….
_SPEECH = re.compile(
    cues().pattern("speech_verbs", "speech_verbs_before_punctuation", "interview_markers") + "$"
)
# 即 after a structure noun announces its parts: 按照…的整体框架进行布局,即…
_NAMELY = re.compile(r"(?:框架|布局|格局|体系|架构|思路|部署)[^,;。]{0,10},即")
# Words before a colon that say a list follows it: 以下目标:, 三个方面:, 取得…成效:.
_COLON_FRAME = re.compile(rf"以下|如下|下列|具体|主要|{_COUNT}|取得|实现|提升|打通|成效|进展")


def _clause_spans(text: str, offset: int, sep: str) -> list[Span]:
    spans, pos = [], offset
    for part in text.split(sep):
        lead = len(part) - len(part.lstrip())
        spans.append(Span(pos + lead, pos + len(part.rstrip())))
        pos += len(part) + 1
    return spans


def _next_paragraph_list(
    v: View, paragraphs: tuple[Paragraph, ...], s_end: int, count: int | None
) -> list[Span] | None:
    """The ,-clauses of the paragraph after a frame paragraph that ends with its colon (not
    when that paragraph opens an ordinal run, which carries the frame itself)."""
    nxt = next((p for p in paragraphs if p.start >= s_end), None)
    if nxt is None or nxt.is_heading or find_markers(v, (nxt,)):
        return None
    spans = []
    for sentence in nxt.sentences:
        text = v.snorm(sentence).rstrip().rstrip("。.!?;")
        spans += [sp for sp in _clause_spans(text, sentence.start, ",") if sp.end - sp.start >= 4]
    if count is not None and count != len(spans):
        return None
    return spans if 3 <= len(spans) <= 12 else None


def colon_series(
    v: View, paragraphs: tuple[Paragraph, ...], quotes: tuple[Quote, ...]
) -> list[Found]:
    """A sentence that announces a list and gives it after its colon: ;-separated clauses,
    or at least three ,-separated ones when the frame says a list follows (以下目标:…); when
    the colon ends the paragraph, the next paragraph's clauses are the items."""
    found = []
    for s in v.sentences:
        text = v.snorm(s)
        colon = text.find(":")
        namely = _NAMELY.search(text) if colon < 0 else None
        if namely:
            colon = namely.end() - 1  # …整体框架进行布局,即A,B,C: 即 stands for the colon
        if colon < 4 or _SPEECH.search(text[:colon].rstrip()):
            continue
        body = text[colon + 1 :].rstrip().rstrip("。.!?")
        if not body.strip() and _COLON_FRAME.search(text[:colon]):
            n = re.search(rf"(?P<n>[{NUM}两\d]+)(?:个|种|类|项|大|条)?(?:{_CATEGORY})", text[:colon])
            count = cn_number(n.group("n")) if n else None
            spans = _next_paragraph_list(v, paragraphs, s.end, count)
            if spans:
                headings = [(strip_edges(v.article.text[a.start : a.end]), a.end) for a in spans]
                built = build(v, quotes, None, ":¶…,…", s, spans, headings=headings)
                if built:
                    found.append(built)
            continue
        sep = ";" if body.count(";") >= 1 else ","
        parts = [p for p in body.split(sep)]
        framed = bool(namely) or bool(_COLON_FRAME.search(text[:colon]))
        if sep == "," and (len(parts) < 3 or not framed):
            continue
        if len(parts) < 2 or len(parts) > 12 or any(len(p.strip()) < 4 for p in parts):
            continue
        spans, pos = [], s.start + colon + 1
        for p in parts:
            lead = len(p) - len(p.lstrip())
            spans.append(Span(pos + lead, pos + len(p.rstrip())))
            pos += len(p) + 1
        headings = [(strip_edges(v.article.text[sp.start : sp.end]), sp.end) for sp in spans]
        frame = (s.start, s.start + colon)
        built = build(v, quotes, None, f":…{sep}…", frame, spans, headings=headings)
        if built:
            found.append(built)
    return found


# --------------------------------------------------------------------------- target years

# A target year opening a clause: 到2025年,… / by 2025, … (stages of a plan).
_TARGET = re.compile(r"(?:(?<=[,;:。!?])|(?<=[,;:.!?]\s)|^)(?:到|至|[Bb]y\s)(?P<y>20\d{2})年?(?:底|末)?\s*[,，]")
_MAX_TARGET_GAP = 600


def target_year_series(
    v: View, paragraphs: tuple[Paragraph, ...], quotes: tuple[Quote, ...]
) -> list[Found]:
    """Goals staged by year at clause starts: 到2025年,…;到2035年,… (later years later)."""
    hits = []
    for p in paragraphs:
        text = v.snorm(p)
        hits += [(p.start + m.start(), int(m.group("y")), p) for m in _TARGET.finditer(text)]
    groups: list[list[tuple[int, int, Paragraph]]] = []
    for hit in hits:
        prev = groups[-1][-1] if groups else None
        if prev and hit[1] > prev[1] and hit[0] - prev[0] < _MAX_TARGET_GAP:
            groups[-1].append(hit)
        else:
            groups.append([hit])
    found = []
    for group in (g for g in groups if len(g) >= 2):
        spans = []
        for (start, _, p), nxt in zip(group, [*group[1:], None]):
            sentence = v.sentence_at(start)
            end = sentence.end if sentence else p.end
            if nxt is not None:
                end = min(end, nxt[0]) if nxt[0] > start else end
            spans.append(Span(start, end))
        headings = [(strip_edges(v.article.text[sp.start : sp.end]), sp.end) for sp in spans]
        sentence = v.sentence_at(group[0][0])
        frame = (sentence.start, group[0][0]) if sentence and sentence.start < group[0][0] else None
        built = build(v, quotes, "stage", "到…年…到…年", frame, spans, headings=headings)
        if built:
            found.append(built)
    return found


# --------------------------------------------------------------------------- ; series

_MIN_CLAUSE, _MAX_CLAUSE = 8, 90  # parallel clauses; long ones are sentences joined by ;


# A figure a clause states: a number with a measure word or a decimal (73个国家, 0.8305).
_STATES_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:个|项|家|%|万|亿)|\d\.\d")


def _figure_statements(clauses: list[str]) -> bool:
    """Whether most clauses state figures and few open with a verb of doing: a series of
    statistics (73个国家…;53个国家为…), not a list of things done (实现了71个部门…;打通了…)."""
    figures = sum(bool(_STATES_FIGURE.search(c)) for c in clauses)
    acts = sum(opens_with_verb(c) for c in clauses)
    return 2 * figures > len(clauses) and 2 * acts < len(clauses)


def semicolon_series(
    v: View, paragraphs: tuple[Paragraph, ...], quotes: tuple[Quote, ...]
) -> list[Found]:
    """A sentence of three or more ;-separated clauses (实现了…;打通了…;构建了…), framed by the
    sentence before it."""
    found = []
    for i, s in enumerate(v.sentences):
        text = v.snorm(s).rstrip().rstrip("。.!?")
        if text.count(";") < 2 or ":" in text:
            continue
        spans = _clause_spans(text, s.start, ";")
        if len(spans) > 12 or any(
            not _MIN_CLAUSE <= sp.end - sp.start <= _MAX_CLAUSE for sp in spans
        ):
            continue
        clauses = [v.norm[sp.start : sp.end] for sp in spans]
        if _figure_statements(clauses):
            continue  # 73个国家…达到“高水平”;53个国家为…: data, which the figures give
        frame = v.sentences[i - 1] if i else None
        built = build(v, quotes, None, "…;…;…", frame, spans)
        if built:
            found.append(built)
    return found
