"""Citation notes: one mechanism for the DOCX footnotes and the PDF's numbered source list.

Every cite span of the brief becomes one note, in reading order. A note names each cited
source (author, title, outlet, date, URL: text.source_text) and, when the statement it
supports states a figure, quotes the source sentence so a reader can check the number. The PDF
prints the same content per source: the entry, then the sentences quoted for its figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from briefing.models import Block, Briefing, Span
from briefing.render.text import source_text

_DIGIT = re.compile(r"[0-9０-９〇一二三四五六七八九十百千万亿]+[%％位名倍个项亿万]|[0-9０-９]")

QUOTE_LABELS = {"zh": "原文：", "en": "Quoted: "}


@dataclass(frozen=True, slots=True)
class Citation:
    """One cite span in reading order, and whether the statement it supports has a figure."""

    span: Span
    figure: bool


def statement_runs(block: Block) -> Iterator[tuple[Span, ...]]:
    """The span runs of a block that each make one statement: paragraph, list item, table row."""
    if block.spans:
        yield block.spans
    yield from block.items
    for row in block.rows:
        yield tuple(span for cell in row for span in cell)


def has_figure(spans: tuple[Span, ...]) -> bool:
    """True when the printed text (citation markers aside) states a number."""
    return bool(_DIGIT.search("".join(s.text for s in spans if s.kind != "cite")))


def citations(briefing: Briefing) -> list[Citation]:
    """Every cite span with keys, in reading order."""
    out = []
    for block in briefing.blocks:
        for run in statement_runs(block):
            figure = has_figure(run)
            out.extend(Citation(s, figure) for s in run if s.kind == "cite" and s.keys)
    return out


def quoted(sentence: str, language: str) -> str:
    """The sentence, whitespace folded, in quotation marks (“…” in both languages)."""
    return "“" + " ".join(sentence.split()) + "”"


def quote_label_of(briefing: Briefing) -> str:
    """"原文：" / "Quoted: ", or the template's `labels.quoted`."""
    return briefing.label("quoted", QUOTE_LABELS.get(briefing.language, QUOTE_LABELS["zh"]))


SAME_LABELS = {"zh": "同注{n}。", "en": "See note {n}."}


class NoteBook:
    """Footnote texts in reading order. A source is described in full in the first note that
    cites it, and a sentence is quoted once; later notes refer back ("同注3") instead of
    repeating them, as footnotes conventionally do, so the notes stay short."""

    def __init__(self, briefing: Briefing):
        self.briefing = briefing
        self.entries = {e.key: e for e in briefing.sources}
        self.count = 0
        self.first_note: dict[int, int] = {}  #: source key → note that described it
        self.quoted: set[tuple[int, str]] = set()

    def note(self, citation: Citation) -> str:
        """The next note's text (call once per citation, in reading order)."""
        self.count += 1
        lang = self.briefing.language
        parts = []
        for key in citation.span.keys:
            entry = self.entries.get(key)
            if entry is None:
                continue
            fresh = [s for s in dict.fromkeys(s for k, s in citation.span.quotes if k == key)
                     if citation.figure and (key, s) not in self.quoted]
            if key in self.first_note:
                text = f"[{key}] " + self.briefing.label("same_note", SAME_LABELS.get(
                    lang, SAME_LABELS["zh"])).format(n=self.first_note[key])
            else:
                self.first_note[key] = self.count
                text = f"[{key}] {source_text(entry, lang)}"
            if fresh:
                text += f" {quote_label_of(self.briefing)}" + " ".join(quoted(s, lang) for s in fresh)
                self.quoted.update((key, s) for s in fresh)
            parts.append(text)
        return " ".join(parts)


def figure_quotes(briefing: Briefing) -> dict[int, list[str]]:
    """Source key → the sentences quoted for figures from it, once each, in reading order."""
    out: dict[int, dict[str, None]] = {}
    for citation in citations(briefing):
        if citation.figure:
            for key, sentence in citation.span.quotes:
                out.setdefault(key, {})[sentence] = None
    return {key: list(sentences) for key, sentences in out.items()}


def source_list_texts(briefing: Briefing) -> dict[int, str]:
    """Every source-list entry by source key: the source, then the sentences its figures were
    taken from (gathered once for the whole list)."""
    lang = briefing.language
    quotes = figure_quotes(briefing)
    out = {}
    for entry in briefing.sources:
        text = f"[{entry.key}] {source_text(entry, lang)}"
        sentences = quotes.get(entry.key, [])
        if sentences:
            text += f" {quote_label_of(briefing)}" + " ".join(quoted(s, lang) for s in sentences)
        out[entry.key] = text
    return out
