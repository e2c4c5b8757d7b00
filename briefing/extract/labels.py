"""Metric labels derived from the words next to a number, for metrics not in metrics.yaml."""

from __future__ import annotations

import re
from functools import cache

from briefing.extract.lexicon import cues
from briefing.extract.tagger import tagger

_MAX_LABEL = 12
_STOP_FLAGS = ("x", "u", "c", "p", "d", "r", "m", "q", "f", "y", "e", "o", "w", "t")
# Verbs that end a noun phrase even when jieba tags them oddly (提供, 位居).
_PREDICATES = frozenset(cues().words("predicate_verbs", "rank_verbs"))
_GENERIC = ("比例", "占比", "比重", "总数", "数量", "规模", "总量", "人数", "次数", "金额")
# Words that open a phrase with its scope, not its name (全省, 各级): cues.yaml.
_SCOPES = cues().words("phrase_scopes")
# What may stand between a label and its number: copulas, verbs of reaching, qualifiers and
# adverbs (个人用户总数|已超过|2040万 → 个人用户总数).
# The verbs of moving to a value come first: 提升至 is stripped whole, never 升至 alone.
_TRAILING = re.compile(
    rf"(?:{cues().pattern('rank_move_verbs')}|"
    r"已经|已|将会|将|有望|预计|达到|达|为|是|有|增至|增长到|增长|上升为|上升到|"
    r"提高到|提升到|升至|降至|到|至|了|共计|共|累计|总计|合计|的|占据|占|"
    r"分别|均|仅|只有|就|也|都|还|年均|同比|环比|平均|\s|"
    rf"{cues().pattern('over_words', 'about_words', 'under_words')})+$"
)


@cache
def _posseg():  # type: ignore[no-untyped-def]
    """The one jieba tagger of extraction, with the field's words (briefing/data/domain_words.txt),
    loaded once per process from tables prepared once per machine (briefing.extract.tagger)."""
    return tagger()


# Words jieba tags as pronouns or numerals that belong inside a noun phrase (省本级行政许可事项).
_PHRASE_WORDS = ("本级", "本市", "本省")


def _is_nounish(flag: str) -> bool:
    # zg: jieba's tag for some one-character nouns such as 县
    return flag.startswith(("n", "vn", "an", "b", "j", "l", "s", "eng", "g", "zg")) or flag == "v"


def label_after(text: str) -> str:
    """The noun phrase right after a counted number: "2900个信息孤岛" → 信息孤岛."""
    words: list[str] = []
    text = re.sub(r"^(?:以上|以下|左右|上下|多|余)?的?\s*", "", text)  # 95%以上的政务服务事项
    for token in _posseg().cut(text[:20]):
        if token.word in _PHRASE_WORDS:
            words.append(token.word)
            continue
        if token.flag.startswith(_STOP_FLAGS) or token.word in _PREDICATES:
            if words or token.flag.startswith(("x", "u", "c", "p")):
                break
            continue
        if not _is_nounish(token.flag):
            break
        if len("".join(words)) + len(token.word) > _MAX_LABEL:
            break
        words.append(token.word)
    return "".join(words)


def label_before(text: str) -> str:
    """The noun phrase right before a number: "个人用户总数2040万" → 个人用户总数."""
    text = _TRAILING.sub("", text)
    tokens = list(_posseg().cut(text[-24:]))
    words: list[str] = []
    for token in reversed(tokens):
        if not words and token.flag == "q" and len(tokens) > 1:
            words.insert(0, token.word)  # 数据集: a noun jieba tags as a measure word
            continue
        if token.flag.startswith(_STOP_FLAGS) or token.word in _PREDICATES:
            break
        if not _is_nounish(token.flag):
            break
        if len("".join(words)) + len(token.word) > _MAX_LABEL:
            break
        words.insert(0, token.word)
    # a phrase starts with neither a scope word (全省) nor a verb: "累计发码量" → "发码量"
    while len(words) > 1 and (words[0] in _SCOPES or _posseg_flag(words[0]) == "v"):
        words.pop(0)
    label = "".join(words)
    if label in _SCOPES:
        return ""
    if len(label) >= 2 and label not in _GENERIC:
        return label
    # 率, 比例: too generic alone; the clause's words say which (“掌上办”比例 → 掌上办比例)
    wider = _characters_before(text)
    return wider if len(wider) > len(label) else label


def _characters_before(text: str) -> str:
    """When word tags fail (率 tagged a verb): the characters back to the clause start.

    "“最多跑一次”实现率" → 最多跑一次实现率; quotes dropped, scope words (全市) too.
    """
    clause = re.split(r"[,，;；:：。、()（）]", text)[-1]
    clause = re.sub(r"[“”\"'‘’「」\s]", "", clause)
    for scope in _SCOPES:
        clause = clause.removeprefix(scope)
    # only a phrase of words: digits mean a date or another figure (较2022年12月, 在193个…中)
    return clause[-_MAX_LABEL:] if re.fullmatch(r"[\u4e00-\u9fff]{2,}", clause) else ""


@cache
def _posseg_flag(word: str) -> str:
    tokens = list(_posseg().cut(word))
    return tokens[0].flag if len(tokens) == 1 else ""


_BODY_MAX = 16
_BODY_DROP = ("各级", "各地", "该", "本", "全")  # scope words that are not part of a body's name
# Verbs of making or running a body that jieba tags as nouns: 建设数据库 is no body's name.
_MAKING = ("建设", "运营", "升级", "研发", "部署")


def _from_place_after_verb(words: list[str]) -> list[str]:
    """A name starts at a place that follows a verb: 笔者登陆|福建省网上办事大厅 (who did what
    is no part of the name; 河南省健康码 and 国家政务服务平台 are untouched)."""
    flags = [_posseg_flag(w) for w in words]
    for i in range(1, len(words)):
        if flags[i] == "ns" and "v" in flags[:i]:
            return words[i:]
    return words


def body_phrase_before(text: str) -> str:
    """The noun phrase that ends `text`, kept as printed: "已建成的省级网上政务服务平台" → 省级…平台.

    Used for the names of platforms and bodies, so quoted names stay whole (上海“一网通办”平台)
    and places stay (杭州市大数据资源中心); a leading verb or scope word is dropped.
    """
    tokens = list(_posseg().cut(text[-_BODY_MAX - 8 :]))
    words: list[str] = []
    quoted = False
    for token in reversed(tokens):
        if token.word in ("”", '"') and not quoted and words:
            quoted = True  # a quoted name joins the phrase whatever its words' tags
        elif quoted:
            quoted = token.word not in ("“", '"')
        elif token.flag.startswith(_STOP_FLAGS) or token.word in _PREDICATES:
            break
        elif not (
            _is_nounish(token.flag)
            or token.flag == "i"  # 数据交换: jieba tags some compounds as idioms
            or (token.flag == "a" and len(token.word) == 1 and words)
        ):
            break
        if len("".join(words)) + len(token.word) > _BODY_MAX:
            break
        words.insert(0, token.word)
    if quoted:
        return ""  # the opening quote is out of reach: no whole name
    words = _from_place_after_verb(words)
    while len(words) > 1 and (
        words[0] in _BODY_DROP
        or words[0] in _MAKING
        or (_posseg_flag(words[0]) == "v" and words[0] != "政务")
    ):
        words.pop(0)
    return "".join(words)
