"""Find the numbers in a sentence that are figures, with value, unit and qualifier.

A number is a figure only when something says what it counts: a measure word (个, 项, 人 …),
%, 百分点, a scale word (万/亿), a rank frame (第N位, 位居N名, 前三), a rank change
(提升了20位), an index context (指数为0.8119) or a development duration (近40年的历程).
Everything else — dates, phone numbers, postcodes, licence numbers, click counters, names
such as 5G, 163/169网 or 12345热线, ordinals such as 第一/第十五届 — is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.extract.lexicon import Lexicon
from briefing.extract.metric_labels import field_words, noun_phrase_after
from briefing.extract.numbers import apply_scale, parse_arabic, parse_numeral

_NUM = r"\d+(?:,\d{3}(?!\d))*(?:\.\d+)?"  # 850,2020年 is two numbers
_ARABIC = re.compile(
    rf"(?P<ord>第\s*)?(?P<num>{_NUM})\s*(?P<approx>多|余)?(?P<scale>万亿|千亿|百亿|亿|千万|百万|万)?"
    r"(?P<approx2>多|余)?"
)
_CN = "零〇一二两三四五六七八九十百千"
_CN_RANK = re.compile(rf"第(?P<num>[{_CN}]+)(?P<unit>位|名|(?=[,，。;；、)）”\"的]|$))")
# Chinese-numeral counts only when approximate or scaled (十余个, 三千多万人): bare ones are
# rhetoric or list sizes (三个方面, 四大基础数据库, 五次会议).
_CN_COUNT = re.compile(
    rf"(?<![{_CN}第周初])(?P<num>[{_CN}]+)(?P<approx>多|余)?(?P<scale>万亿|亿|万)?(?P<approx2>多|余)?"
)
_QUANTITY_VERB = re.compile(r"(?:达到|达|超过|突破|约|近|逾|为|有|共)$")
_TOP = re.compile(rf"前(?P<num>[{_CN}]+|\d+)(?:位|名|强)?")
_CN_CHANGE = re.compile(rf"(?P<num>[{_CN}]+)(?:个)?(?P<unit>位次|名次|位|名)")

_CHANGE_UP = ("提升", "提高", "上升", "前进", "跃升", "攀升", "上调")
_CHANGE_DOWN = ("下降", "下滑", "后退", "回落", "下跌", "滑落")
_RANK_FRAME = re.compile(
    r"(?:排名|排行|位居|位列|名列|位于|排在|排|居|列|升至|跃升至|跃居|提升至|上升至|提高至|降至|进入|跻身)"
    r"(?:全球|全国|世界|亚洲|全省|全市)?(?:第)?$"
)
_CHANGE_BEFORE = re.compile(rf"(?:{'|'.join(_CHANGE_UP + _CHANGE_DOWN)})(?:了)?$")
_QUAL_BEFORE = [
    ("over", re.compile(r"(?:超过|超出|逾|超|多于|高于|突破|大于)(?:了)?$")),
    ("about", re.compile(r"(?<![最附])(?:大约|约为|约|将近|接近|近)$")),
    ("under", re.compile(r"(?:不到|不足|少于|低于|未满|小于)$")),
]
_QUAL_AFTER = [
    ("over", re.compile(r"^(?:以上|多)")),
    ("about", re.compile(r"^(?:左右|上下)")),
    ("under", re.compile(r"^(?:以下|以内)")),
]
_DURATION_VERB = re.compile(r"(?:经过|历经|走过|历时|用了|发展了|经历了)(?:了)?(?:近|约|超过)?$")
_DURATION_NOUN = re.compile(
    r"^(?:多|余)?(?:年)(?:来|间|的?(?:历程|发展|历史|探索|实践|奋斗|努力|建设))"
)
# Characters that glue a number to a code, a URL, a time or a name (5G, 010-5975, ©2008).
_GLUE_BEFORE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_@./:-#+~©×*")
_GLUE_AFTER = re.compile(r"^(?:[A-Za-z_@/:\-#~+×*]|\.[^\d])")
# Page furniture: 1234人阅读, 12万次浏览, 3条评论 (but 浏览量达1.2亿次 is a figure).
_PAGE_COUNTER = re.compile(
    r"\s*(?:人|次|条|个)?\s*(?:阅读|浏览|点击|点赞|评论|收藏|转发|分享|在看)(?![量率数])"
)
_RANK_VERBS_AFTER = ("位居", "位列", "位于", "名列", "位次")  # 0.9717位居第一: not persons
_DATE_AFTER = (
    "年代",
    "世纪",
    "月",
    "日",
    "号",
    "时",
    "点",
    "分",
    "秒",
    "届",
    "期",
    "版",
    "季度",
    "周年",
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A number that is a figure, before metric, subject and period are attached."""

    start: int  #: span of the printed figure in the sentence
    end: int
    value: float
    unit: str
    qualifier: str = "exact"
    from_value: bool = False  #: the "from" side of 由X至Y / 从X到Y


def inside_title(text: str, pos: int) -> bool:
    """Whether `pos` is inside 《…》: numbers in titles are names."""
    return text.rfind("《", 0, pos) > text.rfind("》", 0, pos)


def _qualifier_before(before: str) -> str | None:
    for name, pattern in _QUAL_BEFORE:
        if pattern.search(before):
            return name
    return None


def _qualifier_after(after: str) -> str | None:
    for name, pattern in _QUAL_AFTER:
        if pattern.search(after):
            return name
    return None


def _is_from_value(clause_before: str) -> bool:
    return bool(re.search(r"(?:由|从)[^至到为]*$", clause_before))


def _rank_change_sign(before: str) -> int:
    return -1 if any(before.rstrip("了").endswith(v) for v in _CHANGE_DOWN) else 1


def _rank_or_change(text: str, m: re.Match[str], clause_before: str) -> Candidate | None:
    """第N位 / 位居N名 / 提升了20位: a rank or a rank change, else None."""
    value = parse_arabic(m.group("num"))
    after = text[m.end() :]
    before = clause_before.rstrip()
    has_place = after.startswith(("位", "名"))
    if m.group("ord"):
        if has_place or _RANK_FRAME.search(before + "第"):
            end = m.end() + (1 if has_place else 0)
            return Candidate(m.start(), end, value, "rank", from_value=_is_from_value(before))
        return None
    place = re.match(r"(?:个)?(?:位次|名次|位|名)", after)
    if not place:
        return None
    end = m.end() + place.end()
    if _CHANGE_BEFORE.search(before):
        return Candidate(m.start(), end, _rank_change_sign(before) * value, "rank_change")
    if _RANK_FRAME.search(before):
        return Candidate(m.start(), end, value, "rank", from_value=_is_from_value(before))
    return None


def _counter_unit(lex: Lexicon, counter: str, before: str, after: str = "") -> str:
    """The unit a measure word gives, from its context: 次 counts calls, acts or things."""
    unit = lex.counters[counter]
    if counter != "次":
        return unit
    noun = noun_phrase_after(after)
    if noun:  # 数十亿次接口核验 counts acts; 发布了10次报告 counts reports
        return "calls" if any(w in noun for w in field_words("call_nouns")) else "count"
    if any(v in before[-8:] for v in lex.call_verbs):
        return "calls"
    return unit


def _arabic_candidate(
    lex: Lexicon, text: str, m: re.Match[str], clause_start: int
) -> Candidate | None:
    start = m.start("num")
    if start > 0 and text[start - 1] in _GLUE_BEFORE:
        return None
    if _GLUE_AFTER.match(text[m.end("num") :]) or inside_title(text, start):
        return None
    clause_before = text[clause_start : m.start()]
    rank = _rank_or_change(text, m, clause_before)
    if rank or m.group("ord"):
        return rank
    return _counted(lex, text, m, clause_before, parse_arabic(m.group("num")))


def _chinese_count(
    lex: Lexicon, text: str, m: re.Match[str], clause_start: int
) -> Candidate | None:
    """十余个, 近百项, 三千多万人: Chinese-numeral counts that are approximate or scaled."""
    value = parse_numeral(m.group("num"))
    clause_before = text[clause_start : m.start()]
    approximate = (
        m.group("approx") or m.group("approx2") or _qualifier_before(clause_before.rstrip())
    )
    if not value or not (approximate or m.group("scale")) or inside_title(text, m.start()):
        return None
    after = text[m.end() :]
    if not (
        lex.counter_pattern.match(after)
        or after.startswith("年")
        or _QUANTITY_VERB.search(clause_before)
    ):
        return None  # 千万不要: an adverb, not a number
    return _counted(lex, text, m, clause_before, value)


def _counted(
    lex: Lexicon, text: str, m: re.Match[str], clause_before: str, number: float
) -> Candidate | None:
    """A count, amount, percentage, index value or duration; None when nothing says which."""
    start = m.start("num")
    after = text[m.end() :]
    if (
        after.startswith(_DATE_AFTER)
        and not after.startswith(("名",))
        or _PAGE_COUNTER.match(after)
    ):
        return None
    value = apply_scale(number, m.group("scale"))
    qualifier = _qualifier_before(clause_before) or (
        "over" if m.group("approx") or m.group("approx2") else None
    )
    if after.startswith("年"):
        return _duration(text, m, clause_before, value, qualifier)
    end, unit = m.end(), None
    if after.startswith(("%", "％")):
        end, unit = end + 1, "percent"
    elif counter := lex.counter_pattern.match(after):
        if counter.group(0) in ("名", "位") or (
            counter.group(0) == "个" and after.startswith(("个位次", "个名次"))
        ):
            return None  # people counted with 名/位 are handled with ranks; 个位次 too
        end += counter.end()
        unit = _counter_unit(lex, counter.group(0), clause_before, text[end:])
    elif (
        after.startswith(("名", "位"))
        and not after.startswith(_RANK_VERBS_AFTER)
        and not m.group("scale")
        and "." not in m.group("num")
    ):
        end, unit = end + 1, "persons"
    elif m.group("scale"):
        unit = "scaled"  # decided by the metric or the words around it
    elif "." in m.group("num") and 0 < value <= 1:
        unit = "index_candidate"
    if unit is None:
        return None
    qualifier = qualifier or _qualifier_after(text[end:]) or "exact"
    return Candidate(start, end, value, unit, qualifier)


def _duration(
    text: str, m: re.Match[str], clause_before: str, value: float, qualifier: str | None
) -> Candidate | None:
    """近40年的历程, 经过20多年发展: a development duration in years; other N年 are dates."""
    if value >= 300 or "." in m.group("num") or (m.group("scale") or ""):
        return None
    after = text[m.end("num") :]
    by_verb = bool(_DURATION_VERB.search(clause_before))
    if not (by_verb or _DURATION_NOUN.search(after)):
        return None
    if not (by_verb or qualifier or m.group("approx") or m.group("approx2")):
        return None
    qualifier = qualifier or ("over" if m.group("approx") or m.group("approx2") else "exact")
    return Candidate(m.start("num"), m.end() + 1, value, "years", qualifier)


def _chinese_candidates(lex: Lexicon, text: str, clause_starts: list[int]) -> list[Candidate]:
    """Chinese numerals: ranks 第九位, rank changes 提升了二十位, 前三, counts 十余个."""
    out = []
    for m in _CN_COUNT.finditer(text):
        cand = _chinese_count(lex, text, m, _clause_start_of(clause_starts, m.start()))
        if cand:
            out.append(cand)
    for m in _CN_RANK.finditer(text):
        value = parse_numeral(m.group("num"))
        # 第十二 without 位/名 is a rank only after a rank frame (排名第十二), else an ordinal
        if value and (m.group("unit") or _RANK_FRAME.search(text[: m.start()] + "第")):
            c = _clause_start_of(clause_starts, m.start())
            out.append(
                Candidate(
                    m.start(),
                    m.end(),
                    value,
                    "rank",
                    from_value=_is_from_value(text[c : m.start()]),
                )
            )
    for m in _CN_CHANGE.finditer(text):
        before = text[: m.start()]
        value = parse_numeral(m.group("num"))
        if value and _CHANGE_BEFORE.search(before) and not before.endswith("第"):
            out.append(
                Candidate(m.start(), m.end(), _rank_change_sign(before) * value, "rank_change")
            )
    for m in _TOP.finditer(text):
        value = parse_numeral(m.group("num"))
        if value and _RANK_FRAME.search(text[: m.start()]):
            out.append(Candidate(m.start(), m.end(), value, "rank", "under"))
    return out


def _clause_start_of(clause_starts: list[int], pos: int) -> int:
    return max((s for s in clause_starts if s <= pos), default=0)


def clause_starts(text: str) -> list[int]:
    """Offsets where the clauses of a sentence start (after , ; : and their full-width forms)."""
    return [0] + [i + 1 for i, ch in enumerate(text) if ch in ",，;；:：。!?！？"]


def find_candidates(lex: Lexicon, text: str) -> list[Candidate]:
    """Every figure-like number in a normalized Chinese sentence, in order."""
    starts = clause_starts(text)
    out = []
    for m in _ARABIC.finditer(text):
        cand = _arabic_candidate(lex, text, m, _clause_start_of(starts, m.start()))
        if cand:
            out.append(cand)
    out.extend(_chinese_candidates(lex, text, starts))
    return sorted(out, key=lambda c: c.start)
