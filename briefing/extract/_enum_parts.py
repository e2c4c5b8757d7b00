"""Building blocks of the enumeration rules: item spans, headings, kinds, frames, ordinal runs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from briefing.extract._text import View, strip_edges
from briefing.extract.lexicon import cues, data_file
from briefing.extract.metric_labels import words
from briefing.models import Enumeration, EnumItem, Paragraph, Quote, Sentence, SourceRef

NUM = "一二三四五六七八九十"
_CN_DIGITS = {c: i + 1 for i, c in enumerate(NUM)} | {"两": 2}


@dataclass(frozen=True)
class Span:
    start: int
    end: int


# --------------------------------------------------------------------------- headings and kinds


def heading(v: View, start: int, end: int) -> tuple[str, int]:
    """The item's lead: up to the first 。/; (long leads cut to their first clauses)."""
    text = v.norm[start:end]
    m = re.search(r"[。;!?]|\.(?=\s|$)", text)
    lead_end = m.start() if m else len(text)
    if lead_end > 40:
        cut, pos = 0, 0
        for c in re.finditer(r",", text[:lead_end]):
            if c.start() > 30:
                break
            cut = c.start()
        pos = cut or lead_end
        lead_end = pos
    raw = v.article.text[start : start + lead_end]
    return re.sub(r"等$", "", strip_edges(raw)), start + lead_end


# An item that is only a time: 到2025年, 2023年, 今年以来 (a bare year is never an item).
_BARE_TIME = re.compile(r"\s*(?:到|至|截至|从|自|在)?\s*(?:(?:19|20)\d\d\s*年(?:底|末|以来|前)?|今年以来|近年来)"
                        r"\s*[,，:：]?\s*")
Rule = tuple[str, str, re.Pattern[str], re.Pattern[str] | None]  # kind, cue list, words, unless


@cache
def _kind_config() -> dict[str, tuple[Rule, ...]]:
    """The stages of enumeration_kinds.yaml, each rule with its compiled cue list."""
    data = data_file("enumeration_kinds.yaml")

    def rules(stage: str) -> tuple[Rule, ...]:
        return tuple((r["kind"], r["cues"], re.compile(cues().pattern(r["cues"])),
                      re.compile(cues().pattern(r["unless"])) if r.get("unless") else None)
                     for r in data.get(stage, ()))

    return {stage: rules(stage) for stage in ("nouns", "rules", "headings", "weak")}


# A problem the frame says exists (存在/面临…的问题) is one, whatever verb of addressing is near.
_EXISTS = re.compile(r"存在|面临|出现|暴露|遇到|遭遇|仍有|还有|exist|face|remain")
_ADDRESSED_REACH = 12  #: characters an addressing verb may stand before the word it governs


def _marks(rule: Rule, text: str) -> bool:
    """Whether a marker rule's words are in `text`, not governed by its `unless` words (针对
    上述问题 addresses a problem, it names none) unless the text says the problem exists."""
    _, _, words, unless = rule
    return any(not _addressed(m, text, unless) for m in words.finditer(text))


def deciding_cues(text: str) -> tuple[str, str] | None:
    """(kind, cue list) of the first marker rule of enumeration_kinds.yaml (`rules`, then
    `weak`) whose words `text` has: "当前还存在以下问题" → ("problem", "problem_markers");
    None when it has none."""
    config = _kind_config()
    return next(((r[0], r[1]) for r in (*config["rules"], *config["weak"]) if _marks(r, text)),
                None)


def noun_kind(text: str, nearest_last: bool = True) -> str | None:
    """The kind the item-naming noun of `text` gives (问题 → problem, 任务 → measure …): a
    problem noun the text does not say is addressed (这些障碍主要源于…两方面 names obstacles, 推动
    解决问题 does not), else the last noun in `text` (nearest a list that follows), or the first
    (for a list's closing)."""
    addressing = next((r[3] for r in _kind_config()["rules"] if r[0] == "problem"), None)
    found = [(m.start(), kind) for kind, _, words, _ in _kind_config()["nouns"]
             for m in words.finditer(text)
             if not (nearest_last and kind == "problem" and _addressed(m, text, addressing))]
    if not found:
        return None
    if nearest_last and any(kind == "problem" for _, kind in found):
        return "problem"
    return (max if nearest_last else min)(found)[1]


def _addressed(m: re.Match[str], text: str, addressing: re.Pattern[str] | None) -> bool:
    """Whether a verb of addressing governs the problem word `m` (推动解决问题), the text not
    saying the problem exists (存在…问题)."""
    before = text[max(0, m.start() - _ADDRESSED_REACH) : m.start()]
    return bool(addressing and addressing.search(before) and not _EXISTS.search(text, 0, m.start()))


def opens_with_verb(clause: str) -> bool:
    """Whether a clause opens with an act: a verb among its first two words (实现了…, 初步实现…,
    大力推行…), or a two-character word of doing that the tagger reads as an adjective
    (落实…, 健全… — jieba tags them a)."""
    tokens = [(w, tag) for w, tag in words(clause.strip()[:12]) if w.strip()][:2]
    if not tokens or tokens[0][1].startswith(("m", "p", "r")):
        return False  # 73个国家…, 在联合国…中, 这些…: no act
    return any(tag.startswith("v") for _, tag in tokens) or (
        tokens[0][1] == "a" and len(tokens[0][0]) == 2 and len(tokens) > 1
        and tokens[1][1].startswith(("n", "v", "a")))


def _actions(headings: list[str]) -> bool:
    """Whether at least half the items are acts (open with a verb) or say what should be done:
    what a recommendation is; 制度健全、技术先进 are not."""
    prescribe = next(r for r in _kind_config()["rules"] if r[0] == "recommendation")
    acts = sum(opens_with_verb(h) or _marks(prescribe, h) for h in headings)
    return 2 * acts >= len(headings)


def _heading_kind(headings: list[str]) -> str | None:
    """The kind most headings' own words give (…不完善 → problem), when at least half have it."""
    for rule in _kind_config()["headings"]:
        if 2 * sum(_marks(rule, h) for h in headings) >= len(headings):
            return rule[0]
    return None


# An ordinal cue the frame ends with belongs to the first item: …分离,一方面 / …如下:第一.
_TRAILING_CUE = re.compile(r"(?:一方面|首先|其一|第一|一是|一)\s*$")


def _last_clause(frame: str) -> str:
    """The clause of the frame nearest the list, without the first item's cue: the noun there
    names the items (…平台实现了八个方面创新:), nouns of earlier clauses do not."""
    frame = _TRAILING_CUE.sub("", frame.rstrip(" :：,，。.!?！？;；"))
    return re.split(r"[,，;；。!?！？]", frame)[-1]


def classify(frame: str, headings: list[str], closing: str = "") -> str:
    """A list's kind (see enumeration_kinds.yaml): the noun closing it, the frame's marker
    words, its items' headings, the frame's nouns, the frame's weaker markers, the default."""
    config = _kind_config()
    strong = next((r[0] for r in config["rules"] if _marks(r, frame)), None)
    if strong == "recommendation" and not _actions(headings):
        strong = None  # 构建“制度健全、技术先进…”的新生态: qualities of a goal, not advice
    return (
        (noun_kind(closing, nearest_last=False) if closing else None)
        or strong
        or _heading_kind(headings)
        or noun_kind(_last_clause(frame))
        or next((r[0] for r in config["weak"] if _marks(r, frame)), None)
        or str(data_file("enumeration_kinds.yaml")["default"])
    )


def speaker_for(quotes: tuple[Quote, ...], refs: list[SourceRef]) -> str | None:
    """The quote speaker whose attribution covers the frame or the first item."""
    for ref in refs:
        for q in quotes:
            if q.ref.start <= ref.start < q.ref.end:
                return q.speaker
    return None


Found = tuple[Enumeration, list[tuple[int, int]]]


def build(
    v: View,
    quotes: tuple[Quote, ...],
    kind: str | None,
    cue: str,
    frame: Sentence | tuple[int, int] | None,
    spans: list[Span],
    label: str | None = None,
    headings: list[tuple[str, int]] | None = None,
    closing: str = "",
) -> Found | None:
    """Assemble an Enumeration (and its item lead intervals) from item spans and a frame."""
    items: list[EnumItem] = []
    leads: list[tuple[int, int]] = []
    for i, sp in enumerate(spans):
        lead, head_end = headings[i] if headings else heading(v, sp.start, sp.end)
        leads.append((sp.start, head_end))
        text = strip_edges(v.article.text[sp.start : sp.end])
        if len(lead) < 2:
            return None
        if _BARE_TIME.fullmatch(lead):
            continue  # 到2025年 heads the items after it; it is no item
        items.append(EnumItem(lead, re.sub(r"等$", "", text), v.ref(sp.start, head_end)))
    if len(items) < 2:
        return None
    frame_text, frame_norm, frame_ref = "", "", None
    if isinstance(frame, Sentence):
        frame_text, frame_norm, frame_ref = (
            strip_edges(frame.text),
            v.snorm(frame),
            v.sentence_ref(frame),
        )
        if frame.start <= spans[0].start < frame.end:  # a list inside its own sentence: the
            frame_norm = v.norm[frame.start : spans[0].start]  # frame is what comes before it
    elif frame:
        frame_text, frame_ref = strip_edges(v.article.text[frame[0] : frame[1]]), v.ref(*frame)
        frame_norm = v.norm[frame[0] : frame[1]]
    refs = [r for r in (frame_ref, items[0].ref) if r]
    kind = kind or classify(frame_norm, [i.heading for i in items], closing)
    enum = Enumeration(
        kind, cue, frame_text, tuple(items), refs[0], speaker_for(quotes, refs), label
    )
    return enum, leads


def frame_before(
    v: View, paragraphs: tuple[Paragraph, ...], pos: int, p_index: int
) -> Sentence | tuple[int, int] | None:
    """The framing text: the clause before the cue in its sentence, else the sentence before."""
    sentence = v.sentence_at(pos)
    if sentence and len(strip_edges(v.norm[sentence.start : pos])) >= 4:
        return (sentence.start, pos)
    para = paragraphs[p_index]
    before = [s for s in para.sentences if s.end <= pos]
    if before:
        return before[-1]
    if p_index > 0 and paragraphs[p_index - 1].sentences:
        last = paragraphs[p_index - 1].sentences[-1]
        if (
            re.search(r"[:]$|以下|如下|下列|方面|几点", v.snorm(last))
            or paragraphs[p_index - 1].is_heading
        ):
            return last
    return None


def cn_number(token: str) -> int | None:
    """一..十九 / digits → int; None for 几/若干."""
    if token.isdigit():
        return int(token)
    if token in _CN_DIGITS:
        return _CN_DIGITS[token]
    if len(token) == 2 and token[0] == "十":
        return 10 + _CN_DIGITS.get(token[1], 0)
    if len(token) == 2 and token[1] == "十":
        return 10 * _CN_DIGITS.get(token[0], 0)
    return None


def split_series(text: str, offset: int, sep: str) -> list[Span]:
    """Spans of the `sep`-separated parts of `text` (offset is its start in the article)."""
    spans, pos = [], 0
    for part in text.split(sep):
        lead = len(part) - len(part.lstrip(" ,:"))
        spans.append(Span(offset + pos + lead, offset + pos + len(part.rstrip(" 等"))))
        pos += len(part) + 1
    return [s for s in spans if s.end - s.start >= 4]


def section_end(paragraphs: tuple[Paragraph, ...], i: int) -> int:
    """End of the section under heading i: up to the next heading-like paragraph."""
    end = paragraphs[i].end
    for q in paragraphs[i + 1 :]:
        if q.is_heading or looks_like_heading(q):
            break
        end = q.end
    return end


def looks_like_heading(p: Paragraph) -> bool:
    """A short line without sentence-final punctuation: a heading even where the reader could
    not mark it as one (plain-text dumps carry no heading markup)."""
    text = p.text.strip()
    return len(text) <= 30 and not re.search(r"[。;；]$", text)


# --------------------------------------------------------------------------- ordinal runs

_LAST = 99  # 最后 closes a 首先… run whatever its length
_MAX_GAP = 2500  # characters between two markers of one run
# Ordinal cue families: (name, regex, group holding the ordinal or a fixed index map).
_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("第一…", re.compile(rf"第(?P<n>[{NUM}]{{1,2}})(?:步|条|点)?(?:[,:、]|是|要)")),
    ("其一…", re.compile(rf"其(?P<n>[{NUM}])[,:、]")),
    ("一是…", re.compile(rf"(?P<n>[{NUM}]{{1,2}})是")),
    ("一要…", re.compile(rf"(?P<n>[{NUM}]{{1,2}})要(?![求素])")),
    (
        "首先…最后",
        re.compile(
            r"(?P<w>首先|其次|再次|再者|然后|最后)(?:[,:]|(?=[要需应是]))|(?P<w2>首先|其次|再次)"
        ),
    ),
    ("一方面…另一方面", re.compile(r"(?P<w>一方面|另一方面)")),
    ("(一)…", re.compile(rf"\((?P<n>[{NUM}]{{1,2}})\)")),
    ("一、…", re.compile(rf"(?P<n>[{NUM}]{{1,2}})、(?![{NUM}])")),
    ("1.…", re.compile(r"(?P<n>\d{1,2})[.、](?!\d)")),
    (
        "First…",
        re.compile(
            r"(?P<w>First|Firstly|Second|Secondly|Third|Thirdly|Fourth|Fifth|Finally|Lastly)[,:]"
        ),
    ),
)
_WORD_INDEX = {
    "首先": 1,
    "其次": 2,
    "再次": 3,
    "再者": 3,
    "然后": 3,
    "最后": _LAST,
    "一方面": 1,
    "另一方面": 2,
    "First": 1,
    "Firstly": 1,
    "Second": 2,
    "Secondly": 2,
    "Third": 3,
    "Thirdly": 3,
    "Fourth": 4,
    "Fifth": 5,
    "Finally": _LAST,
    "Lastly": _LAST,
}
# Numbered items need a stronger boundary than a comma (3,1.5倍 / 第1、2季度 are not lists).
_STRONG_START_ONLY = {"1.…"}
# Section numbers (一、…二、…) count only where they open a paragraph.
_PARAGRAPH_START_ONLY = {"一、…"}
# 首先 may open a 第二…第三 run (首先…第二…第三).
_ALSO_FIRST_OF = {"首先": "第一…"}
_CLAUSE_BEFORE = set(",;:。!?.")


@dataclass(frozen=True)
class Marker:
    family: str
    index: int
    start: int  # where the item begins (the cue)
    body: int  # where the item text after the cue begins
    paragraph: int


# --------------------------------------------------------------------------- ordinal runs


def _at_clause_start(text: str, pos: int) -> bool:
    """True when only spaces separate `pos` from a clause break or the paragraph start."""
    k = pos - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return k < 0 or text[k] in _CLAUSE_BEFORE


def find_markers(v: View, paragraphs: tuple[Paragraph, ...]) -> list[Marker]:
    """Every ordinal cue at a clause start, in reading order."""
    found: list[Marker] = []
    for pi, p in enumerate(paragraphs):
        text = v.snorm(p)
        for family, pattern in _FAMILIES:
            for m in pattern.finditer(text):
                if not _at_clause_start(text, m.start()):
                    continue
                before = text[: m.start()].rstrip()
                if family in _STRONG_START_ONLY and before and before[-1] not in ":;。":
                    continue
                if family in _PARAGRAPH_START_ONLY and before:
                    continue
                word = m.groupdict().get("w") or m.groupdict().get("w2")
                index = _WORD_INDEX.get(word) if word else cn_number(m.group("n"))
                if index:
                    found.append(Marker(family, index, p.start + m.start(), p.start + m.end(), pi))
                if word in _ALSO_FIRST_OF:
                    found.append(
                        Marker(_ALSO_FIRST_OF[word], 1, p.start + m.start(), p.start + m.end(), pi)
                    )
    return sorted(found, key=lambda mk: mk.start)


def chain_runs(markers: list[Marker]) -> list[list[Marker]]:
    """Chain markers of one family into runs 1, 2, 3 … (首先 … 最后 may skip to 最后)."""
    runs: list[list[Marker]] = []
    open_runs: dict[str, list[Marker]] = {}
    for mk in markers:
        run = open_runs.get(mk.family)
        if mk.index == 1:
            if run and len(run) >= 2:
                runs.append(run)
            open_runs[mk.family] = [mk]
            continue
        if not run or mk.start - run[-1].start > _MAX_GAP:
            continue
        if mk.index == run[-1].index + 1 or (mk.index == _LAST and run[-1].index < _LAST):
            run.append(mk)
            if mk.index == _LAST:
                runs.append(run)
                del open_runs[mk.family]
    runs.extend(r for r in open_runs.values() if len(r) >= 2)
    return sorted(runs, key=lambda r: r[0].start)


def run_spans(v: View, paragraphs: tuple[Paragraph, ...], run: list[Marker]) -> list[Span]:
    """Item spans: from each cue to the next; the last ends its sentence or paragraph."""
    spans = [Span(a.body, b.start) for a, b in pairwise(run)]
    last = run[-1]
    first_sentence, last_sentence = v.sentence_at(run[0].start), v.sentence_at(last.start)
    if first_sentence and first_sentence == last_sentence:
        end = last_sentence.end
    else:
        end = paragraphs[last.paragraph].end
    return spans + [Span(last.body, end)]


def cue_name(v: View, run: list[Marker]) -> str:
    """The cue family as written, e.g. "一是…四是"."""
    first = v.norm[run[0].start : run[0].body].strip(",:、 ")
    last = v.norm[run[-1].start : run[-1].body].strip(",:、 ")
    return f"{first}…{last}"
