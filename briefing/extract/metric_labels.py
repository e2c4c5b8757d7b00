"""Metric labels as noun phrases from jieba segmentation, never character splices.

A figure's label names what is counted or measured: the noun phrase before the number's
predicate (数字经济规模达到45.5万亿元 → 数字经济规模), before a from–to frame
(市级部门从39家增加到72家 → 市级部门), or after its measure word (1655项依申请服务事项 →
依申请服务事项). Words come from jieba's part-of-speech tagger with the field's vocabulary
(briefing/data/domain_words.txt) added to a private tokenizer, so other users of jieba are
not affected; its tables are prepared once per machine (briefing.extract.tagger).
"""

from __future__ import annotations

import re

from briefing.extract.lexicon import cues
from briefing.extract.tagger import tagger

_MAX_LABEL = 14
# Tags of words that may stand in a noun phrase: nouns (n, nr, ns, nt, nz …), verbal and
# adjectival nouns, distinguishing words (省级), places (网上), set phrases and idioms (jieba
# tags 数据共享 an idiom), abbreviations, Latin.
_NOUNISH = ("n", "vn", "an", "b", "s", "l", "i", "j", "eng", "nz", "g", "zg")
# Words that open a phrase but name a scope, not the thing measured
# (全市政务服务事项 → 政务服务事项).
_SCOPES = frozenset(cues().words("phrase_scopes"))
#: Areas a subject is ranked in, in the order a rank label prefers them (cues.yaml).
RANK_SCOPES = cues().words("area_scopes")
# What may stand between a number and the verb of a from–to frame: 从[2018年的][平均]1353项提升至.
_FROM_TO = re.compile(
    rf"(?:从|由)(?:\d{{4}}年(?:\d{{1,2}}月)?(?:底|末)?的?)?(?:平均)?{cues().pattern('about_words')}?"
    r"(?:[\d.,]+(?:万亿|亿|万)?[^\d\s,，。；;]{0,3}?"
    rf"{cues().pattern('change_verbs', 'rank_rise_verbs', 'rank_fall_verbs')}?了?(?:到|至|为))?$"
)
# A measure word's noun may follow a relative clause: 31个[已建成的]省级网上政务服务平台.
_RELATIVE = re.compile(r"^([^，,。；;、的]{1,8})的")
# What is left of a predicate after the shared stripper: 在线办事率高[达] → 在线办事率.
_LEFTOVER = re.compile(r"(?:最高|高|仅|已|均|也|分别)+$")
# Verbs that predicate rather than modify, rank verbs among them: a noun phrase does not run
# across them (平台|提供|…, 杭州|位居|…).
_PREDICATES = frozenset(cues().words("predicate_verbs", "rank_verbs"))
# One-character heads of a rate or amount that jieba tags as verbs (实现率, 压缩比).
_MEASURE_SUFFIXES = frozenset("率 比 量 数 额 值 度".split())
_CLAUSE_ADVERBS = frozenset("已经 分别 均已 持续 不断 进一步 全面 累计 逐步 基本 初步 已然".split())
# A break between coordinated phrases: 甲覆盖率|和|乙覆盖率.
_COORDINATION = re.compile(rf"{cues().pattern('coordinators')}|、")
# What opens a coordinated count after a number: 项|和地方政府358万项在线服务.
_COORDINATED = re.compile(rf"^(?:{cues().pattern('coordinators')}|、)")


def _tagger():  # type: ignore[no-untyped-def]
    """The part-of-speech tagger with the field's words (briefing.extract.tagger)."""
    return tagger()


def words(text: str) -> list[tuple[str, str]]:
    """(word, tag) pairs of `text` from the tagger with the field's vocabulary; digits written
    against Latin letters are one word (5G, 4K: jieba cuts them into a numeral and a letter)."""
    out: list[tuple[str, str]] = []
    for t in _tagger().cut(text):
        if t.flag == "eng" and out and out[-1][0].isdigit() and out[-1][0].isascii():
            out[-1] = (out[-1][0] + t.word, "eng")
        else:
            out.append((t.word, t.flag))
    return out


def _nounish(tag: str) -> bool:
    return tag.startswith(_NOUNISH)


def _trim(phrase: list[tuple[str, str]]) -> str:
    """The phrase without scope words in front, at most _MAX_LABEL characters of whole words."""
    while len(phrase) > 1 and phrase[0][0] in _SCOPES:
        phrase = phrase[1:]
    while len("".join(w for w, _ in phrase)) > _MAX_LABEL and len(phrase) > 1:
        phrase = phrase[1:]
    label = "".join(w for w, _ in phrase)
    return "" if label in _SCOPES else label


def _is_predicate(word: str) -> bool:
    return word in _PREDICATES


def noun_phrase_before(text: str) -> str:
    """The noun phrase that ends `text`: "我国数字经济规模" → 数字经济规模; "" when none does.

    jieba tags some nouns as verbs (率, 举措, 接口); a verb is the head when a noun stands
    before it, and a verb before a one-character head is part of it (实现率).
    """
    tokens = words(_LEFTOVER.sub("", text)[-30:])
    phrase: list[tuple[str, str]] = []
    for i in range(len(tokens) - 1, -1, -1):
        word, tag = tokens[i]
        previous_tag = tokens[i - 1][1] if i > 0 else ""
        # jieba tags some head nouns as verbs or adjectives (率, 举措, 清单)
        head_verb = not phrase and tag in ("v", "a") and (
            _nounish(previous_tag) or word in _MEASURE_SUFFIXES
        )
        compound_verb = tag == "v" and len(phrase) == 1 and len(phrase[0][0]) == 1
        measure = not phrase and tag == "q" and _nounish(previous_tag)  # 数据集, not 420条
        # a verb between nouns modifies the later one: 数据开放规模, 务工人员
        modifier = tag == "v" and bool(phrase) and _nounish(previous_tag) and not compound_verb
        # an adverb inside a verbal compound: 按时办结率 (but not 已/持续/分别 before a predicate)
        adverb = tag == "d" and bool(phrase) and phrase[0][1] == "v" and len(word) == 2
        adverb = adverb and word not in _CLAUSE_ADVERBS and len(phrase) > 1
        if _is_predicate(word) and phrase and not compound_verb:
            break
        if not (_nounish(tag) or head_verb or compound_verb or measure or adverb or modifier):
            break
        phrase.insert(0, (word, tag))
    label = _trim(phrase)
    return _quoted_name_before(text, label) + label if label else label


def _quoted_name_before(text: str, label: str) -> str:
    """A quoted name that modifies the phrase: “最多跑一次”实现率 → 最多跑一次.

    A quoted name is one unit, whatever its words' tags.
    """
    rest = _LEFTOVER.sub("", text)
    rest = rest[: len(rest) - len(label)] if rest.endswith(label) else ""
    quoted = re.search(r"[“\"「]([^“”\"「」]{1,10})[”\"」]$", rest)
    return quoted.group(1) if quoted else ""


def _ends_phrase(tokens: list[tuple[str, str]], i: int) -> bool:
    """Whether token i is the last word before a clause boundary, a 的 or a number."""
    if i + 1 >= len(tokens):
        return True
    word, tag = tokens[i + 1]
    return word in "，,。；;、的" or tag == "m"


def noun_phrase_after(text: str) -> str:
    """The noun phrase that opens `text`, after a relative clause.

    "已建成的省级平台提供" → 省级平台.
    """
    relative = _RELATIVE.match(text)
    if relative and any(t in ("v", "c", "d", "p") for _, t in words(relative.group(1))):
        text = text[relative.end() :]
    tokens = words(text[:24])
    phrase: list[tuple[str, str]] = []
    for i, (word, tag) in enumerate(tokens):
        following = tokens[i + 1][1] if i + 1 < len(tokens) else "x"
        if word in _SCOPES or _nounish(tag):
            phrase.append((word, tag))
        elif tag in ("a", "v", "vd", "ad") and not phrase:
            phrase.append((word, tag))  # an adjective or verb may modify a noun (具体工程)
        elif tag == "v" and not _is_predicate(word) and (
            _nounish(following) or following in ("v", "c") or _ends_phrase(tokens, i)
        ):
            phrase.append((word, tag))  # 外出务工人员; a head tagged as a verb (服务接口)
        else:
            break
    while phrase and not (_nounish(phrase[-1][1]) or phrase[-1][1] == "v"):
        phrase.pop()
    return _trim(phrase)


def from_to_head(before: str) -> str | None:
    """The measured noun of a from–to frame ending `before`: "市级部门从39家增加到" → 市级部门.

    None when `before` does not end in such a frame.
    """
    frame = _FROM_TO.search(before)
    if not frame:
        return None
    return noun_phrase_before(before[: frame.start()]) or None


def coordinated_head(after: str, counter: re.Pattern[str]) -> str:
    """The head a coordinated count shares: "项和地方政府358万项在线服务" → 在线服务."""
    if not _COORDINATED.match(after):
        return ""
    clause = re.split(r"[，,。；;]", after, maxsplit=1)[0]
    number = re.search(r"\d[\d.,]*(?:多|余)?(?:万亿|亿|万)?", clause)
    if not number:
        return ""
    rest = clause[number.end() :]
    measure = counter.match(rest)
    return noun_phrase_after(rest[measure.end() :]) if measure else ""


def verb_object(after: str) -> str:
    """The object of a verb that follows a percentage: "完成适老化改造" → 适老化改造."""
    tokens = words(after[:20])
    if not tokens or tokens[0][1] != "v":
        return ""
    return noun_phrase_after(after[len(tokens[0][0]) :])


def previous_clause_topic(text: str) -> str:
    """The last noun phrase of the clauses before a figure, when its own clause names none."""
    phrase: list[tuple[str, str]] = []
    best = ""
    for word, tag in words(text[-40:]):
        if _nounish(tag):
            phrase.append((word, tag))
            continue
        label = _trim(phrase)
        if len(label) >= 2 and not label.isascii():  # pinyin glosses are page noise
            best = label
        phrase = []
    label = _trim(phrase)
    return label if len(label) >= 2 and not label.isascii() else best


def rank_label(scope_text: str) -> str:
    """A rank with no metric of its own: the scope it is ranked in (全国排名), else 排名."""
    scope = next((s for s in RANK_SCOPES if s in scope_text[-8:]), "")
    return f"{scope}排名"


def respective_head(clause_before: str) -> str:
    """The n-th of coordinated noun phrases for the n-th value after 分别:
    "甲覆盖率和乙覆盖率分别升至78.9%和" → 乙覆盖率; "" when the clause has no such list."""
    at = clause_before.rfind("分别")  # 分列/依次 hand out ranks, never values to labels
    if at < 0:
        return ""
    heads = [p for p in re.split(_COORDINATION, clause_before[:at]) if p]
    position = len(re.findall(r"\d[\d.,]*", clause_before[at:]))
    if len(heads) < 2 or position >= len(heads):
        return ""
    return noun_phrase_before(heads[position])
