"""Enumerated statements: 第一…/一是…/首先…最后, 例如…;…等, lead-sentence paragraphs, stages, pillars."""

from __future__ import annotations

import re
from itertools import pairwise

from briefing.extract._enum_parts import (
    NUM,
    Found,
    Span,
    build,
    chain_runs,
    cn_number,
    cue_name,
    find_markers,
    frame_before,
    heading,
    run_spans,
    section_end,
    split_series,
)
from briefing.extract._enum_series import (
    opens_with_verb,
    colon_series,
    inline_series,
    semicolon_series,
    target_year_series,
)
from briefing.extract._text import View, strip_edges, view
from briefing.extract.lexicon import cues
from briefing.extract.quotes import extract_quotes
from briefing.models import Article, Enumeration, Paragraph, Quote, Sentence

# Who a plan sentence is about, between 下一步 and its verb: 下一步,|我们|将….
_SUBJECT = r"(?:我们|我国|我省|我市|我区|我部|我局|政府|国家|各地)?"
# A cue that opens a list at a clause start: 比如…;…, 主要包括:…, 下一步,我们将:….
_LIST_CUE = re.compile(
    rf"(?:^|(?<=[,;:。!?]))\s*(?P<cue>比如说|{cues().pattern('example_cues')}|主要包括|包括|主要有"
    r"|如(?=\s*[,:])"
    rf"|下一步(?=\s*,?\s*{_SUBJECT}{cues().pattern('intention_markers')}))"
    rf"\s*[,:]?\s*(?:{_SUBJECT}{cues().pattern('intention_markers')}\s*:?)?"
)
# The number of points a frame announces: 三个, 几, 若干.
_SIZE = rf"(?P<n>[{NUM}两\d]+|几|若干)个?"
# A frame that announces its points as the next paragraphs: 从以下三个方面…, 五点建议.
_LEAD_FRAME = re.compile(rf"(?P<lead>以下|如下|下列|这)?{_SIZE}{cues().pattern('point_nouns')}")
# A framework named with its pillars: 基于A、B和C的…体系 (the pillars are then elaborated).
_FRAMEWORK = re.compile(
    r"(?:基于|包括|涵盖|由|以)(?P<parts>[^,;。]{4,80}?)(?:为基础|为核心|组成|构成|在内)?的"
    r"(?P<name>[^,;。的]{2,30}?(?:体系|框架|格局|机制|模式))"
)
# What separates the pillars a framework names: A、B和C.
_PILLAR_BREAK = re.compile(rf"{cues().pattern('coordinators')}|、")
# An aspect clause: 在数据共享方面,… (a run of them is a list).
_ASPECT = re.compile(r"(?:^|(?<=[,;:。!?]))\s*在(?P<aspect>[^,;:。]{2,24})方面[,:]")
# A means before a run of measures: 通过全面推进…,强化…,大力推行… (the first measure follows it).
_MEANS = re.compile(r"\s*(?:通过|要|并)\s*")
_MIN_MEASURES = 3  #: clauses of an aspect that open with a verb before they are its measures
# A year range in brackets, as stage headings print it: (1981年—1992年), (2015年至今).
_YEAR_RANGE = re.compile(
    r"\(\s*\d{4}年?\s*[—–\-~至到]+\s*(?:\d{4}年?|今)[^)]{0,4}\)|\(\s*\d{4}年?至今\s*\)"
)


def _ordinal_lists(
    v: View, paragraphs: tuple[Paragraph, ...], quotes: tuple[Quote, ...]
) -> list[Found]:
    found = []
    for run in chain_runs(find_markers(v, paragraphs)):
        frame = frame_before(v, paragraphs, run[0].start, run[0].paragraph)
        cue = cue_name(v, run)
        built = build(v, quotes, None, cue, frame, run_spans(v, paragraphs, run))
        if built:
            found.append(built)
    return found


# --------------------------------------------------------------------------- cue lists (例如…;…等)


def _cue_lists(
    v: View, paragraphs: tuple[Paragraph, ...], quotes: tuple[Quote, ...]
) -> list[Found]:
    """Semicolon (or comma…等) series after 如/比如/例如/下一步."""
    found = []
    for pi, p in enumerate(paragraphs):
        text = v.snorm(p)
        for m in _LIST_CUE.finditer(text):
            body = m.end()
            stop = re.search(r"[。!?]", text[body:])
            segment = text[body : body + stop.start()] if stop else text[body:]
            parts = split_series(segment, p.start + body, ";")
            if len(parts) < 2 and m.group("cue") != "下一步" and segment.rstrip().endswith("等"):
                parts = split_series(segment, p.start + body, ",")
            if len(parts) < 2 or len(parts) > 12:
                continue
            cue_at = p.start + m.start("cue")
            sentence = v.sentence_at(cue_at)
            frame: Sentence | tuple[int, int] | None
            prefix = strip_edges(v.norm[sentence.start : cue_at]) if sentence else ""
            if sentence and (len(prefix) >= 4 or m.group("cue") == "下一步"):
                frame = (sentence.start, p.start + m.end("cue"))
            else:
                frame = frame_before(v, paragraphs, cue_at, pi)
            cue = f"{m.group('cue')}…;…" if ";" in segment else f"{m.group('cue')}…,…等"
            built = build(v, quotes, None, cue, frame, parts)
            if built:
                found.append(built)
    return found


# ------------------------------------------------------------------ lead-sentence paragraphs


def _lead_paragraph_lists(
    v: View, paragraphs: tuple[Paragraph, ...], quotes: tuple[Quote, ...]
) -> list[Found]:
    """'从以下三个方面…' followed by paragraphs (or headings) whose lead sentence is the item."""
    found = []
    for pi, p in enumerate(paragraphs[:-1]):
        if not p.sentences:
            continue
        last = p.sentences[-1]
        text = v.snorm(last)
        m = _LEAD_FRAME.search(text)
        n = cn_number(m.group("n")) if m else None
        if not m or not n or not 2 <= n <= 10:
            continue
        explicit = bool(m.group("lead") and m.group("lead") != "这") or text.rstrip().endswith(":")
        # '需要从三个方面发力。' ends its sentence; '从A、B三方面,分享了思考' does not frame paragraphs.
        if not explicit and len(strip_edges(text[m.end() :])) > 6:
            continue
        rest = paragraphs[pi + 1 :]
        if find_markers(v, rest[:1]) and find_markers(v, rest[:1])[0].start == rest[0].start:
            continue  # 第一/首先… paragraphs: the ordinal run carries this frame
        spans, headings = _lead_spans(v, rest, n)
        if not spans or (not explicit and any(len(h) > 40 for h, _ in headings)):
            continue
        built = build(v, quotes, None, f"{m.group(0)} + 段首句", last, spans, headings=headings)
        if built:
            found.append(built)
    return found


def _lead_spans(
    v: View, rest: tuple[Paragraph, ...], n: int
) -> tuple[list[Span], list[tuple[str, int]]]:
    """The next n paragraphs (or n headings with their sections) as items."""
    if rest[0].is_heading:
        heads = [i for i, q in enumerate(rest) if q.is_heading][:n]
        if len(heads) < n:
            return [], []
        ends = [rest[j - 1].end for j in heads[1:]] + [section_end(rest, heads[-1])]
        spans = [Span(rest[i].start, e) for i, e in zip(heads, ends)]
        return spans, [(strip_edges(rest[i].text), rest[i].end) for i in heads]
    chosen = rest[:n]
    if len(chosen) < n or any(q.is_heading or not q.sentences for q in chosen):
        return [], []
    spans = [Span(q.start, q.end) for q in chosen]
    return spans, [heading(v, q.start, q.end) for q in chosen]


# --------------------------------------------------------------------------- framework pillars


def _framework_lists(
    v: View, paragraphs: tuple[Paragraph, ...], quotes: tuple[Quote, ...]
) -> list[Found]:
    """'基于A、B、C和D的…体系' followed by a ;-series elaborating each pillar in order."""
    found = []
    sentences = v.sentences
    for i, s in enumerate(sentences[:-1]):
        m = _FRAMEWORK.search(v.snorm(s))
        if not m:
            continue
        parts = [x.strip() for x in _PILLAR_BREAK.split(m.group("parts")) if x.strip()]
        if not 2 <= len(parts) <= 8 or any(not 2 <= len(x) <= 12 for x in parts):
            continue
        nxt = sentences[i + 1]
        items = split_series(v.snorm(nxt).rstrip("。"), nxt.start, ";")
        if len(items) != len(parts):
            continue
        headings = []
        for part, sp in zip(parts, items):
            lead, lead_end = heading(v, sp.start, sp.end)
            headings.append((f"{part}:{re.split('[,，]', lead)[0]}", lead_end))
        cue = f"{m.group(0)} + ;…"
        built = build(
            v, quotes, "component", cue, s, items, label=m.group("name"), headings=headings
        )
        if built:
            found.append(built)
    return found


# --------------------------------------------------------------------------- 在…方面 series


def _aspect_lists(
    v: View, paragraphs: tuple[Paragraph, ...], quotes: tuple[Quote, ...]
) -> list[Found]:
    """Consecutive clauses '在A方面,…' '在B方面,…' (within a paragraph or adjacent ones)."""
    hits = []
    for pi, p in enumerate(paragraphs):
        hits += [
            (pi, p.start + m.start("aspect") - 1, p.start + m.end(), m.group("aspect"))
            for m in _ASPECT.finditer(v.snorm(p))
        ]
    groups: list[list[tuple[int, int, int, str]]] = []
    for hit in hits:
        if groups and hit[0] - groups[-1][-1][0] <= 1 and hit[1] - groups[-1][-1][1] < 800:
            groups[-1].append(hit)
        else:
            groups.append([hit])
    found = []
    for group in (g for g in groups if len(g) >= 2):
        spans = [Span(a[2], b[1]) for a, b in pairwise(group)]
        last = group[-1]
        same_paragraph = group[0][0] == last[0]
        end_sentence = v.sentence_at(last[2])
        end = end_sentence.end if same_paragraph and end_sentence else paragraphs[last[0]].end
        spans.append(Span(last[2], end))
        headings = []
        for hit, sp in zip(group, spans):  # an item is its aspect; its text says how
            headings.append((hit[3].strip(), heading(v, sp.start, sp.end)[1]))
        frame = frame_before(v, paragraphs, group[0][1], group[0][0])
        built = build(v, quotes, None, "在…方面", frame, spans, headings=headings)
        if built:
            found.append(built)
            found += [m for sp in spans if (m := _aspect_measures(v, quotes, built[0], sp))]
    return found


def _aspect_measures(v: View, quotes: tuple[Quote, ...], aspects: Enumeration,
                     span: Span) -> Found | None:
    """The measures one aspect lists, as a list of its own: 在构建…体系方面,通过全面推进…,强化…,
    大力推行…,… — the comma clauses that open with a verb, of the aspects' kind."""
    text = v.norm[span.start : span.end]
    clauses, pos = [], span.start
    for part in re.split(r"(,)", text):
        if part != ",":
            lead = len(part) - len(part.lstrip())
            means = _MEANS.match(part)
            skip = means.end() if means and pos == span.start else lead
            clauses.append(Span(pos + skip, pos + len(part.rstrip().rstrip("。"))))
        pos += len(part)
    measures = [c for c in clauses[1:] if opens_with_verb(v.norm[c.start : c.end])]
    first = clauses[0]
    if opens_with_verb(v.norm[first.start : first.end]):
        measures.insert(0, first)
    if len(measures) < _MIN_MEASURES:
        return None
    return build(v, quotes, aspects.kind, "在…方面:…,…", (span.start, span.start), measures,
                 headings=[(strip_edges(v.article.text[c.start : c.end]), c.end)
                           for c in measures])


# --------------------------------------------------------------------------- stage headings


def _stage_lists(
    v: View, paragraphs: tuple[Paragraph, ...], quotes: tuple[Quote, ...]
) -> list[Found]:
    """Section headings carrying a year range: '从萌芽到办公自动化(1981年—1992年)'."""
    heads = [
        i
        for i, p in enumerate(paragraphs)
        if len(p.text.strip()) <= 50
        and _YEAR_RANGE.search(v.snorm(p))
        and not re.search(r"[。;]$", v.snorm(p).strip())
    ]
    if len(heads) < 2:
        return []
    ends = [paragraphs[j - 1].end for j in heads[1:]] + [section_end(paragraphs, heads[-1])]
    spans = [Span(paragraphs[i].start, e) for i, e in zip(heads, ends)]
    headings = [(strip_edges(paragraphs[i].text), paragraphs[i].end) for i in heads]
    first = heads[0]
    frame = (
        paragraphs[first - 1].sentences[-1] if first and paragraphs[first - 1].sentences else None
    )
    built = build(v, quotes, "stage", "年份区间标题", frame, spans, headings=headings)
    return [built] if built else []


# --------------------------------------------------------------------------- entry point

# Earlier rules win when two rules read the same items.
_RULES = (
    _ordinal_lists,
    _framework_lists,
    _lead_paragraph_lists,
    _cue_lists,
    _aspect_lists,
    _stage_lists,
    target_year_series,
    colon_series,
    semicolon_series,
    inline_series,
)


def _overlaps(leads: list[tuple[int, int]], taken: list[tuple[int, int]]) -> bool:
    """True when at least half of the item leads intersect item leads already taken."""
    inside = sum(any(s < b and a < e for a, b in taken) for s, e in leads)
    return inside * 2 >= len(leads)


def extract_enumerations(article: Article) -> tuple[Enumeration, ...]:
    """Every enumerated list of an article, in reading order."""
    v = view(article)
    quotes = extract_quotes(article)
    paragraphs = article.paragraphs
    taken: list[tuple[int, int]] = []
    found: list[Enumeration] = []
    for rule in _RULES:
        for enum, leads in rule(v, paragraphs, quotes):
            if _overlaps(leads, taken):
                continue
            taken.extend(leads)
            found.append(enum)
    return tuple(sorted(found, key=lambda e: e.items[0].ref.start))
