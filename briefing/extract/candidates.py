"""Find the numbers in a sentence that are figures, with value, unit and qualifier.

A number is a figure only when something says what it counts: a measure word (个, 项, 人, 倍 …),
%, 百分点, a proportion (七成, 1/4, 三分之二, 百分之三十), a scale word (万/亿) or an order
of magnitude (百亿级), a rank frame (第N位, 位居N名, 前三, 位居首位, 分列第二至六名), a rank
change (提升了20位), an index or score context (指数为0.8119, 得分为96.45, 得分在75分以上) or a
duration (近40年的历程, 改革已经实施三年).
Everything else — dates, phone numbers, postcodes, licence numbers, click counters, names
such as 5G, 163/169网 or 12345热线, ordinals such as 第一/第十五届 — is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.extract.lexicon import Lexicon, cues
from briefing.extract.metric_labels import noun_phrase_after, words
from briefing.extract.numbers import apply_scale, fraction_percent, parse_arabic, parse_numeral

_NUM = r"\d+(?:,\d{3}(?!\d))*(?:\.\d+)?"  # 850,2020年 is two numbers
# An Arabic number with what may stand around it: 第|3, 500|多|万, 2|万亿, 10|余|万.
_ARABIC = re.compile(
    rf"(?P<ord>第\s*)?(?P<num>{_NUM})\s*(?P<approx>多|余)?(?P<scale>万亿|千亿|百亿|亿|千万|百万|万)?"
    r"(?P<approx2>多|余)?"
)
_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?!\d|,\d)")  # not 0.60,126
_CN = "零〇一二两三四五六七八九十百千"
# A rank in Chinese numerals: 第九位, 第十二名, 第三 before a clause break (not 第三次).
_CN_RANK = re.compile(rf"第(?P<num>[{_CN}]+)(?P<unit>位|名|(?=[,，。;；、)）”\"的]|$))")
# Chinese-numeral counts only when approximate or scaled (十余个, 三千多万人): bare ones are
# rhetoric or list sizes (三个方面, 四大基础数据库, 五次会议).
_CN_COUNT = re.compile(
    rf"(?<![{_CN}第周初])(?P<num>[{_CN}]+)(?P<approx>多|余)?(?P<scale>万亿|亿|万)?(?P<approx2>多|余)?"
)
# A verb or qualifier that states a quantity before a Chinese numeral: 达|千万 (not 千万不要).
_QUANTITY_VERB = re.compile(rf"(?:达到|达|为|有|共|{cues().pattern('over_words', 'about_words')})$")
# The top N of a ranking: 前三, 前10名, 前五强.
_TOP = re.compile(rf"前(?P<num>[{_CN}]+|\d+)(?P<unit>位|名|强)?")
# 居省级层面总分前三名: a rank verb may stand a short scope phrase before 前N名.
_RANK_VERB_IN_CLAUSE = re.compile(
    rf"{cues().pattern('rank_verbs', 'rank_move_verbs')}[^,，。;；:：、]{{0,10}}$"
)
# 排名前100的互联网企业: a rank range before 的 and a noun defines a group, it ranks nothing.
# (But 排名前三的国家分别是丹麦… names who the top three are: a finding.)
_DEFINES_GROUP = re.compile(
    r"(?:位|名|强)?\s*的\s*[\u4e00-\u9fff](?![\u4e00-\u9fff]{0,6}?(?:分别是|分别为|依次是|是|为|包括))"
)
# 位居全国首位, 名列榜首: the first place is rank 1.
_FIRST_PLACE = re.compile(cues().pattern("first_place_words"))
# 分列第二至六名, 依次位列第3至第5位: a range of ranks, one for each subject listed.
_RANK_RANGE = re.compile(
    rf"第(?P<low>[{_CN}]+|\d+)(?:名|位)?\s*(?:至|到|—|–|~|－|-)\s*第?(?P<high>[{_CN}]+|\d+)(?:名|位)"
)
_MAX_RANK_RANGE = 10  # a longer range is a span of a list, not ranks given to listed subjects
# Proportions: 七成 (tenths), 1/4 and 三分之二 (fractions), 百分之三十 (a percentage in words).
_TENTHS = re.compile(rf"(?<![{_CN}\d第.])(?P<num>[一二两三四五六七八九]|[1-9])成(?P<half>半)?")
# A proportion in words needs a cue that it is one: a share verb or qualifier before it
# (占七成, 超2/3, 节省1/4), or 的/以上 after it; 1/4决赛 and 3/4号线 are names.
_PROPORTION_CUE_BEFORE = re.compile(
    r"(?:占|占比|比例|达到|达|约|有|为|是|近|逾|超|过|不到|不足"
    rf"|{cues().pattern('change_verbs')})(?:了)?$"
)
_PROPORTION_CUE_AFTER = re.compile(r"^(?:以上|以下|左右|多|的)")  # 三分之二以上, 七成的
# A fraction in figures, not a date or a code: 1/4 (but 2023/1/4, 1.5/2, 9:30/10 are not).
_FRACTION = re.compile(r"(?<![\d./:\-])(?P<num>\d{1,2})/(?P<den>\d{1,2})(?![\d/.])")
_MAX_DENOMINATOR = 20  # 163/169网 is a name; fractions in prose have small denominators
# A fraction or percentage in words: 三分之二, 百分之三十, 千分之二点五.
_CN_FRACTION = re.compile(
    rf"(?P<den>[{_CN}万]+|\d+)分之(?P<num>[{_CN}]+(?:点[{_CN}]+)?|\d+(?:\.\d+)?)"
)
# A multiple of a base (是八年前的三倍, 增长了两倍): a Chinese numeral before 倍 after a comparison.
_MULTIPLE_FRAME = re.compile(r"(?:是|为|达到|达|相当于|增长|增加|提高|提升|扩大|翻|的|了)$")
# An order of magnitude (百亿级, 千万级用户): the scale itself, approximately.
_MAGNITUDE = "级"
# 数十亿, 几百万: "several" before a numeral unit reads as more than the stated figure.
_SEVERAL = "数几"
# Years written digit by digit (二〇二三年) are dates, not durations.
_DIGIT_STRING = re.compile(r"[〇零一二两三四五六七八九]{2,}")
# A score word: N分 in its clause is a score (得分均在|75分|以上), not minutes.
_SCORE_WORD = re.compile(cues().pattern("score_words"))
# A score word and its copula right before the number: 总指数得分为|96.45.
_SCORE_BEFORE = re.compile(
    rf"{cues().pattern('score_words')}(?:值)?(?:均|仅|也)?(?:为|是|达到|达|高达|:|：)?$"
)
# An hour before N分: 10时30分 is a time, not a score.
_CLOCK = re.compile(r"\d\s*(?:时|点)\s*$")
# The places a rank moves by after a number: 20|位, 5|个名次 (cues.yaml rank_places).
_RANK_PLACE = rf"(?:个)?(?:{cues().pattern('rank_places')}|位|名)"
# A rank change in Chinese numerals: 提升了|二十位, 下降|三个名次.
_CN_CHANGE = re.compile(rf"(?P<num>[{_CN}]+)(?P<unit>{_RANK_PLACE})")

# Verbs of moving down a ranking: their rank changes are negative (下降2位 → -2).
_CHANGE_DOWN = cues().words("rank_fall_verbs")
# A rank verb (and the area it ranks in) right before the rank: 位居全国|第3, 跃升至|第9位.
_RANK_FRAME = re.compile(
    rf"{cues().pattern('rank_verbs', 'rank_move_verbs')}(?:从|由)?{cues().pattern('area_scopes')}?"
    r"(?:第)?$"
)
# A verb of moving up or down a ranking before the places moved: 提升了|20位, 下降|2位.
_CHANGE_BEFORE = re.compile(rf"{cues().pattern('rank_rise_verbs', 'rank_fall_verbs')}(?:了)?$")
# A qualifier right before the number: 超过|500万 (over), 约|500万 (about), 不到|1/5 (under).
_QUAL_BEFORE = [
    ("over", re.compile(rf"{cues().pattern('over_words')}(?:了)?$")),
    ("about", re.compile(rf"{cues().pattern('about_words')}$")),
    ("under", re.compile(rf"{cues().pattern('under_words')}$")),
]
# A qualifier right after the number or its measure word: 95%|以上, 500万人|左右, 1%|以内.
_QUAL_AFTER = [
    ("over", re.compile(rf"^{cues().pattern('over_words_after')}")),
    ("about", re.compile(rf"^{cues().pattern('about_words_after')}")),
    ("under", re.compile(rf"^{cues().pattern('under_words_after')}")),
]
# A qualifier that ends the text before a number: 经过了近|40年 (jieba reads 了近 as one word).
_QUALIFIER_AT_END = re.compile(rf"{cues().pattern('over_words', 'about_words')}\s*$")
# A verb of passing time before a duration: 经过|20多年, 历时近|3年.
_DURATION_VERB = re.compile(
    rf"(?:经过|历经|走过|历时|用了|发展了|经历了)(?:了)?{cues().pattern('over_words', 'about_words')}?$"
)
# What makes N年 a span of a development: 40年|来, 近40年|的历程, 20多年|发展.
_DURATION_NOUN = re.compile(
    r"^(?:多|余)?(?:年)(?:多|余)?(?:来|间|的?(?:历程|发展|历史|探索|实践|奋斗|努力|建设))"
)
# The 年 of a duration with its approximation: 3|年多, 20|多年, 两|年有余.
_YEARS = re.compile(r"^(?:多|余)?年(?P<after>多|余|有余)?")
# A duration complement ends its clause: 改革已经实施三年, 平台上线运行两年多了.
_COMPLEMENT_END = re.compile(r"^(?:了|之久)?\s*(?:[,，。;；!！?？)）]|$)")
# Verbs of being or place take a date or an amount, not a duration (为2021年, 在三年).
_NOT_DURATION_VERBS = frozenset("是 为 在 于 有 至 到 截至 截止 自 从 到了".split())
# Characters that glue a number to a code, a URL, a time or a name (5G, 010-5975, ©2008).
_GLUE_BEFORE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_@./:-#+~©×*")
# What glues a code or name to a number after it: 5|G, 010|-5975, 163|/169网.
_GLUE_AFTER = re.compile(r"^(?:[A-Za-z_@/:\-#~+×*]|\.[^\d])")
# Page furniture: 1234人阅读, 12万次浏览, 3条评论 (but 浏览量达1.2亿次 is a figure).
_PAGE_COUNTER = re.compile(
    r"\s*(?:人|次|条|个)?\s*(?:阅读|浏览|点击|点赞|评论|收藏|转发|分享|在看)(?![量率数])"
)
# Users counted with 户 (用户达5.61亿户, 注册用户1.2亿户) are persons, not households; a
# terminal's users (物联网终端用户) are devices.
_USERS_BEFORE = re.compile(r"(?<!终端)用户(?:数|数量|规模|总数)?[^,，;；。]{0,4}$")
# Ranking words that start with the measure words of people 位/名: 0.9717位居第一 counts no
# persons.
_RANK_VERBS_AFTER = tuple(
    w for w in cues().words("rank_verbs", "rank_places") if w.startswith(("位", "名"))
)
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
    rule: str = ""  #: id of the number-grammar rule that read it (e.g. "rank.ordinal")


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
            return Candidate(m.start(), end, value, "rank", from_value=_is_from_value(before),
                             rule="rank.ordinal")
        return None
    place = re.match(_RANK_PLACE, after)
    if not place:
        return None
    end = m.end() + place.end()
    if _CHANGE_BEFORE.search(before):
        return Candidate(m.start(), end, _rank_change_sign(before) * value, "rank_change",
                         rule="rank_change.places")
    if _RANK_FRAME.search(before):
        return Candidate(m.start(), end, value, "rank", from_value=_is_from_value(before),
                         rule="rank.framed")
    return None


def _counter_unit(lex: Lexicon, counter: str, before: str, after: str = "") -> str:
    """The unit a measure word gives, from its context: 次 counts calls, acts or things."""
    unit = lex.counters[counter]
    if counter == "户" and _USERS_BEFORE.search(before[-12:]):
        return "persons"  # 5G用户达5.61亿户: users counted by account, not households
    if counter != "次":
        return unit
    noun = noun_phrase_after(after)
    if noun:  # 数十亿次接口核验 counts acts; 发布了10次报告 counts reports
        return "calls" if any(w in noun for w in lex.call_nouns) else "count"
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
    """十余个, 近百项, 三千多万人, 数十亿次, 百亿级, 三倍, 三年: Chinese-numeral counts that are
    approximate, scaled, multiples after a comparison or durations."""
    value = parse_numeral(m.group("num"))
    clause_before = text[clause_start : m.start()]
    several = _several_before(text, m)
    approximate = (
        m.group("approx")
        or m.group("approx2")
        or several
        or _qualifier_before(clause_before.rstrip())
    )
    after = text[m.end() :]
    if not value or inside_title(text, m.start()):
        return None
    if after.startswith("年") and not approximate:
        if _DIGIT_STRING.fullmatch(m.group("num")) or m.group("num") in ("百", "千"):
            return None  # 二〇二三年 is a date; 百年 and 千年 are rhetoric
        return _counted(lex, text, m, clause_before, value)  # only a duration complement
    if after.startswith("倍") and not approximate:
        if not _MULTIPLE_FRAME.search(clause_before.rstrip()):
            return None  # 十倍努力: rhetoric, not a multiple of a base
        return _counted(lex, text, m, clause_before, value)
    if not (approximate or m.group("scale")):
        return None
    magnitude = bool(m.group("scale")) and after.startswith(_MAGNITUDE)
    if not (
        lex.counter_pattern.match(after)
        or after.startswith("年")
        or magnitude
        or _QUANTITY_VERB.search(clause_before)
    ):
        return None  # 千万不要: an adverb, not a number
    return _counted(lex, text, m, clause_before, value, bool(several))


def _several_before(text: str, m: re.Match[str]) -> bool:
    """数十亿, 几百万: 数/几 before a numeral unit is one word with it (not 指数 or 人数)."""
    at = m.start()
    if at == 0 or text[at - 1] not in _SEVERAL or m.group("num")[0] not in "十百千":
        return False
    lo = max(0, at - 6)
    pos = lo
    for word, tag in words(text[lo : m.end()]):
        if pos <= at - 1 < pos + len(word):
            return pos == at - 1 and len(word) > 1 and tag.startswith("m")
        pos += len(word)
    return False


def _counted(
    lex: Lexicon,
    text: str,
    m: re.Match[str],
    clause_before: str,
    number: float,
    approximate: bool = False,
) -> Candidate | None:
    """A count, amount, percentage, index value or duration; None when nothing says which."""
    start = m.start("num")
    after = text[m.end() :]
    value = apply_scale(number, m.group("scale"))
    qualifier = _qualifier_before(clause_before) or (
        "over" if m.group("approx") or m.group("approx2") or approximate else None
    )
    if _score_points(after, clause_before):
        end = m.end() + 1  # 得分在75分以上: a score, not 分 of a clock
        qualifier = qualifier or _qualifier_after(text[end:]) or "exact"
        return Candidate(start, end, value, "index", qualifier, rule="index.score_points")
    if (
        after.startswith(_DATE_AFTER)
        and not after.startswith(("名",))
        or _PAGE_COUNTER.match(after)
    ):
        return None
    if after.startswith("年"):
        return _duration(text, m, clause_before, value, qualifier)
    if m.group("scale") and after.startswith(_MAGNITUDE):
        # 百亿级政务数据交换: an order of magnitude, decided by the metric like 2040万
        return Candidate(start, m.end() + 1, value, "scaled", qualifier or "about",
                         rule="scaled.magnitude")
    end, unit = m.end(), None
    rule = ""
    if after.startswith(("%", "％")):
        end, unit, rule = end + 1, "percent", "percent.sign"
    elif counter := lex.counter_pattern.match(after):
        if counter.group(0) in ("名", "位") or (
            counter.group(0) == "个" and after.startswith(("个位次", "个名次"))
        ):
            return None  # people counted with 名/位 are handled with ranks; 个位次 too
        end += counter.end()
        unit = _counter_unit(lex, counter.group(0), clause_before, text[end:])
        rule = "count.measure_word"
    elif (
        after.startswith(("名", "位"))
        and not after.startswith(_RANK_VERBS_AFTER)
        and not m.group("scale")
        and "." not in m.group("num")
    ):
        end, unit, rule = end + 1, "persons", "persons.ming_wei"
    elif _SCORE_BEFORE.search(clause_before) and not m.group("scale"):
        unit, rule = "index", "index.score"  # 总指数得分为96.45: a score, whatever its size
    elif m.group("scale"):
        unit, rule = "scaled", "scaled.number"  # decided by the metric or the words around it
    elif "." in m.group("num") and 0 < value <= 1:
        unit, rule = "index_candidate", "index.decimal"
    if unit is None:
        return None
    qualifier = qualifier or _qualifier_after(text[end:]) or "exact"
    return Candidate(start, end, value, unit, qualifier, rule=rule)


def _score_points(after: str, clause_before: str) -> bool:
    """N分 is a score in a clause that names one (得分均在75分以上), not minutes (10时30分)."""
    return (
        after.startswith("分")
        and not after.startswith(("分钟", "分之", "分别"))
        and bool(_SCORE_WORD.search(clause_before))
        and not _CLOCK.search(clause_before)
    )


def complement_verb(clause_before: str) -> str:
    """The verb a duration complements (改革已经实施|三年 → 实施); "" when none stands there."""
    # a qualifier is no part of the verb (经过了近|40年: jieba reads 了近 as one word)
    tokens = words(_QUALIFIER_AT_END.sub("", clause_before[-10:]))
    if tokens and tokens[-1][0] == "了":
        tokens = tokens[:-1]  # 运行了三年
    if not tokens:
        return ""
    word, tag = tokens[-1]
    if not tag.startswith("v") or word in _NOT_DURATION_VERBS or len(word) < 2:
        return ""
    return word


def _duration(
    text: str, m: re.Match[str], clause_before: str, value: float, qualifier: str | None
) -> Candidate | None:
    """近40年的历程, 经过20多年发展, 实施三年: a duration in years; other N年 are dates.

    A duration is one after a verb of passing time (经过, 历时), one of a development
    (年来, 年的历程) that is qualified, or the complement of a verb that ends its clause.
    """
    if value >= 300 or "." in m.group("num") or (m.group("scale") or ""):
        return None
    after = text[m.end("num") :]
    years = _YEARS.match(after)
    if not years:
        return None
    over = bool(m.group("approx") or m.group("approx2") or years.group("after"))
    by_verb = bool(_DURATION_VERB.search(clause_before)) or bool(
        _COMPLEMENT_END.match(after[years.end() :]) and complement_verb(clause_before)
    )
    if not (by_verb or _DURATION_NOUN.search(after)):
        return None
    if not (by_verb or qualifier or over):
        return None
    qualifier = qualifier or ("over" if over else "exact")
    return Candidate(m.start("num"), m.end("num") + years.end(), value, "years", qualifier,
                     rule="years.duration")


def _proportion_candidates(text: str, clause_starts: list[int]) -> list[Candidate]:
    """Proportions in words: 超七成 (70%), 节省1/4 (25%), 三分之二以上, 百分之三十 → percent."""
    out = []
    for m in _TENTHS.finditer(text):
        before = text[_clause_start_of(clause_starts, m.start()) : m.start()].rstrip()
        after = text[m.end() :]
        if inside_title(text, m.start()) or not _proportion_cued(before, after):
            continue
        if not _one_numeral_word(text, m.start(), m.end("num") + 1):  # X成, without 半
            continue  # 一成不变, 三成员: 成 belongs to another word
        value = (parse_numeral(m.group("num")) or 0) * 10 + (5 if m.group("half") else 0)
        out.append(_proportion(text, m, before, value))
    for m in _FRACTION.finditer(text):
        num, den = int(m.group("num")), int(m.group("den"))
        start = m.start()
        if not (1 <= num < den <= _MAX_DENOMINATOR) or inside_title(text, start):
            continue
        if start > 0 and text[start - 1] in _GLUE_BEFORE or _GLUE_AFTER.match(text[m.end() :]):
            continue  # codes and dates: A1/2, 2023/1/4
        if text[start - 1 : start] == "第":
            continue
        before = text[_clause_start_of(clause_starts, start) : start].rstrip()
        if _proportion_cued(before, text[m.end() :]):
            out.append(_proportion(text, m, before, fraction_percent(num, den)))
    for m in _CN_FRACTION.finditer(text):
        num, den = parse_numeral(m.group("num")), parse_numeral(m.group("den"))
        if not num or not den or num > den or inside_title(text, m.start()):
            continue
        before = text[_clause_start_of(clause_starts, m.start()) : m.start()].rstrip()
        out.append(_proportion(text, m, before, fraction_percent(num, den)))
    return out


def _proportion_cued(before: str, after: str) -> bool:
    return bool(_PROPORTION_CUE_BEFORE.search(before) or _PROPORTION_CUE_AFTER.match(after))


def _proportion(text: str, m: re.Match[str], before: str, value: float) -> Candidate:
    qualifier = _qualifier_before(before) or _qualifier_after(text[m.end() :]) or "exact"
    return Candidate(m.start(), m.end(), value, "percent", qualifier, rule="percent.words")


def _one_numeral_word(text: str, start: int, end: int) -> bool:
    """Whether jieba reads text[start:end] as (part of) one numeral word: 七成, not 一成不变."""
    lo = max(0, start - 4)
    pos = lo
    for word, tag in words(text[lo : end + 4]):
        if pos <= start < pos + len(word):
            return pos + len(word) >= end and tag.startswith("m") and pos + len(word) <= end + 1
        pos += len(word)
    return False


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
                    rule="rank.chinese_ordinal",
                )
            )
    for m in _CN_CHANGE.finditer(text):
        before = text[: m.start()]
        value = parse_numeral(m.group("num"))
        if value and _CHANGE_BEFORE.search(before) and not before.endswith("第"):
            out.append(
                Candidate(m.start(), m.end(), _rank_change_sign(before) * value, "rank_change",
                          rule="rank_change.chinese")
            )
    for m in _TOP.finditer(text):
        value = parse_numeral(m.group("num"))
        clause_before = text[_clause_start_of(clause_starts, m.start()) : m.start()]
        framed = _RANK_FRAME.search(text[: m.start()]) or (
            m.group("unit") and _RANK_VERB_IN_CLAUSE.search(clause_before)
        )
        if value and framed and not _DEFINES_GROUP.match(text, m.end()):
            out.append(Candidate(m.start(), m.end(), value, "rank", "under", rule="rank.top"))
    for m in _FIRST_PLACE.finditer(text):
        if _RANK_FRAME.search(text[: m.start()]):
            out.append(Candidate(m.start(), m.end(), 1.0, "rank", rule="rank.first_place"))
    return out


def _rank_range(text: str, clause_starts: list[int]) -> list[Candidate]:
    """分列第二至六名: ranks low…high, one candidate each, all citing the range's span."""
    out = []
    for m in _RANK_RANGE.finditer(text):
        low, high = parse_numeral(m.group("low")), parse_numeral(m.group("high"))
        before = text[_clause_start_of(clause_starts, m.start()) : m.start()]
        if not low or not high or not 0 < high - low < _MAX_RANK_RANGE:
            continue
        if not _RANK_FRAME.search(before + "第") or inside_title(text, m.start()):
            continue
        out.extend(
            Candidate(m.start(), m.end(), float(rank), "rank", rule="rank.range")
            for rank in range(int(low), int(high) + 1)
        )
    return out


def _clause_start_of(clause_starts: list[int], pos: int) -> int:
    return max((s for s in clause_starts if s <= pos), default=0)


def clause_starts(text: str) -> list[int]:
    """Offsets where the clauses of a sentence start (after , ; : and their full-width forms).

    A comma between digits that groups thousands (80,000) separates no clauses.
    """
    grouping = {
        m.start() + i
        for m in _THOUSANDS.finditer(text)
        for i, c in enumerate(m.group())
        if c == ","
    }
    return [0] + [
        i + 1 for i, ch in enumerate(text) if ch in ",，;；:：。!?！？" and i not in grouping
    ]


def find_candidates(lex: Lexicon, text: str) -> list[Candidate]:
    """Every figure-like number in a normalized Chinese sentence, in order."""
    starts = clause_starts(text)
    out = []
    for m in _ARABIC.finditer(text):
        cand = _arabic_candidate(lex, text, m, _clause_start_of(starts, m.start()))
        if cand:
            out.append(cand)
    out.extend(_chinese_candidates(lex, text, starts))
    out.extend(_proportion_candidates(text, starts))
    ranges = _rank_range(text, starts)
    # a rank range's ends (第二 of 第二至六名) are not figures of their own beside it
    out = [c for c in out if not any(r.start <= c.start and c.end <= r.end for r in ranges)]
    return sorted(out + ranges, key=lambda c: c.start)
