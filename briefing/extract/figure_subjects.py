"""Who a figure is about: the subject words of its sentence, clause topics, 分别 lists."""

from __future__ import annotations

import re
from dataclasses import replace

from briefing.extract.candidates import Candidate, inside_title
from briefing.extract.labels import label_after
from briefing.extract.lexicon import Lexicon, Mention
from briefing.extract.scopes import is_group
from briefing.extract.sentence_context import (
    COUNTED_UNITS,
    SentenceContext,
    clause_bounds,
    nearest,
)
from briefing.models import Figure

# A place right before a count of things (全国32个重点城市, 我国31个省级) only scopes the count.
_SCOPE_OF_COUNT = re.compile(r"\s*(?:约|近|超过|逾|共)?\s*\d+\s*(?:多|余)?\s*[个家所座类]")
_TOPIC_OFFSET = 4  # a subject this close to its clause start is the clause topic (目前…, 通过…)


def subject_of(lex: Lexicon, ctx: SentenceContext, anchor: int, label: str) -> str | None:
    """Who the figure is about: named in what it counts, else the clause topic before it.

    A subject at the start of its clause (目前全国一体化政务服务平台已覆盖…) is the topic;
    one inside a list of objects (…和新疆生产建设兵团以及46个部门) is not preferred.
    """
    inside_label = lex.subject_mentions(label) if label else []
    if inside_label:
        return inside_label[0].canon
    # a population group in the figure's clause is who it is about; a country beside it is
    # only the scope (by 2050, China could have 500 million people age 60 and older)
    bounds = clause_bounds(ctx, anchor)
    groups = [m for m in ctx.subjects if bounds[0] <= m.start < bounds[1] and is_group(lex, m.canon)]
    if groups:
        return min(groups, key=lambda m: abs(m.start - anchor)).canon
    before = [m for m in ctx.subjects if m.end <= anchor]
    topics = [m for m in before if m.start - clause_bounds(ctx, m.start)[0] <= _TOPIC_OFFSET]
    if topics or before:
        return _head_of_run(ctx, (topics or before)[-1], anchor).canon
    in_clause = nearest(ctx.subjects, anchor, clause_bounds(ctx, anchor))
    mention = in_clause or (ctx.subjects[0] if ctx.subjects else None)
    return mention.canon if mention else ctx.carried_subject


_APPOSITION_GAP = 4  # “一网通办”移动端“随申办”: a name right after another names the part meant


def _head_of_run(ctx: SentenceContext, mention: Mention, anchor: int) -> Mention:
    """The last of subject names that follow each other closely before the figure."""
    head = mention
    for other in ctx.subjects:
        gap = ctx.text[head.end : other.start]
        if other.start >= head.end and other.end <= anchor and len(gap) <= _APPOSITION_GAP:
            if not re.search(r"[,，;；:：。、和与及]", gap):
                head = other
    return head


def subject_hint(ctx: SentenceContext, cand: Candidate, metric: str | None, label: str) -> str:
    """The words that name what is counted: "193个联合国成员国" is about the UN, not 我国."""
    if cand.unit in COUNTED_UNITS:
        return label_after(ctx.text[cand.end :]) if metric else label
    return ""


_RANK_AFTER_SCOPE = ("第", "前", "首位", "榜首")  # 排名全国第3位, 居全国首位
_RANK_VERB_AFTER = re.compile(r"(?:范围内)?(?:位居|位列|名列|排名|排在|居于|居)")


def names_subject(text: str, mention: Mention, topic_only: frozenset[str] = frozenset()) -> bool:
    """Not in a 《title》, and not the scope of a rank (排名全国第3位 ranks within China).

    A topic-only subject (全球) counts only near the start of its clause.
    """
    if inside_title(text, mention.start) or text.startswith(_RANK_AFTER_SCOPE, mention.end):
        return False
    if text.endswith("在", 0, mention.start) and _RANK_VERB_AFTER.match(text, mention.end):
        return False  # 在全国位居首位: where it is ranked, not what
    if _SCOPE_OF_COUNT.match(text, mention.end):
        return False  # 在全国32个重点城市中排名第二: 全国 is where the cities are counted
    if mention.canon in topic_only:
        opening = re.search(r"(?:^|[,;:。!?])\s*(?:其中|目前|当前|在|而)?\s*$", text[: mention.start])
        return opening is not None
    return True


def strip_subject(lex: Lexicon, label: str) -> str:
    """浙江省政务服务能力排名 → 政务服务能力排名: the subject is its own field."""
    mentions = lex.subject_mentions(label)
    if mentions and mentions[0].start == 0 and mentions[0].end < len(label) - 1:
        return label[mentions[0].end :]
    return label


# Administrative units a rate is taken over: 行政村覆盖率, 县域在线办事率, 县级…覆盖率.
_ADMIN_SET = r"(?:行政村|自然村|乡镇|街道|社区|县域|县级|县市|地市|地级市|市级|省级|省份)"
_RATE_OF_SET = re.compile(rf"({_ADMIN_SET})[^,，;；:：。、和与及]{{0,16}}?(?:率|占比|比例|比重)")
_NATIONWIDE = re.compile(r"全国|我国|中国")


def rate_bases(text: str, start: int, end: int) -> list[str]:
    """The units the rates between start and end are taken over, in order, with the
    sentence's national scope: "…行政村覆盖率增长至77%" in a sentence about 全国 → 全国行政村."""
    scope = "全国" if _NATIONWIDE.search(text, 0, end) else ""
    return [f"{scope}{m.group(1)}" for m in _RATE_OF_SET.finditer(text, start, end)]


# Words that hand a list's values out to the names before them in order (分列 = 分别位列).
_RESPECTIVELY = re.compile(r"分别|分列|依次")


def respectively(ctx: SentenceContext, figures: list[Figure], positions: list[int]) -> list[Figure]:
    """北京、上海、广东分别为95%、96%和98%: the n-th figure after 分别 is the n-th subject's;
    so is the n-th rank of 分列第二至四名.

    Rates over units pair the same way: 行政村覆盖率和县级覆盖率分别为78.9%和78.0%.
    """
    found = _RESPECTIVELY.search(ctx.text)
    if found is None:
        return figures
    at = found.start()
    names = list(dict.fromkeys(m.canon for m in ctx.subjects if m.end <= at))
    after = [i for i, pos in enumerate(positions) if pos > at]
    if len(names) != len(after):  # …分列第二至六名，得分均在75分以上: the list's own clause
        clause_end = min((s for s in ctx.clauses if s > at), default=len(ctx.text))
        in_clause = [i for i in after if positions[i] < clause_end]
        after = in_clause if len(in_clause) == len(names) else after
    if len(names) != len(after):
        start = max((s for s in ctx.clauses if s <= at), default=0)
        names = rate_bases(ctx.text, start, at)
    if len(names) < 2 or len(names) != len(after):
        return figures
    out = list(figures)
    for name, i in zip(names, after, strict=True):
        out[i] = replace(out[i], subject=name)
    return out
