"""Citation notes: one mechanism for the DOCX footnotes and the PDF's numbered source list.

Every cite span of the brief becomes one note per source it cites, in reading order. A note
names the source (author, title, outlet, date, URL: text.source_text) and, when the statement
it supports states a figure, quotes the source sentence so a reader can check the number —
unless the brief already prints that sentence (briefing.printed: a sentence is printed once).
The PDF prints the same content per source: the entry, then the sentences quoted for its
figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.models import Briefing, Span
from briefing.printed import Printed, has_figure, printed_body, statement_runs
from briefing.render.text import in_quotes, source_text

QUOTE_LABELS = {"zh": "原文：", "en": "Quoted: "}
QUOTED_CHINESE = "Quoted (in Chinese): "
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class Citation:
    """One cite span in reading order, and whether the statement it supports has a figure."""

    span: Span
    figure: bool


def citations(briefing: Briefing) -> list[Citation]:
    """Every cite span with keys, in reading order."""
    out = []
    for block in briefing.blocks:
        for run in statement_runs(block):
            figure = has_figure(run)
            out.extend(Citation(s, figure) for s in run if s.kind == "cite" and s.keys)
    return out


def quoted(sentence: str, language: str) -> str:
    """The sentence, whitespace folded, in quotation marks (“…” in both languages; its own
    double marks made single, as a quotation inside a quotation is written)."""
    return in_quotes(" ".join(sentence.split()))


def quote_label_of(briefing: Briefing, sentences: list[str] | None = None) -> str:
    """"原文：" / "Quoted: ", or the template's `labels.quoted`; an English brief quoting
    Chinese sentences says so ("Quoted (in Chinese): ", `labels.quoted_chinese`)."""
    if briefing.language == "en" and sentences and any(_CJK.search(s) for s in sentences):
        return briefing.label("quoted_chinese", QUOTED_CHINESE)
    return briefing.label("quoted", QUOTE_LABELS.get(briefing.language, QUOTE_LABELS["zh"]))


def quote_text(briefing: Briefing, sentences: list[str]) -> str:
    """" 原文：“…” “…”", or "" when there is nothing to quote."""
    if not sentences:
        return ""
    lang = briefing.language
    return f" {quote_label_of(briefing, sentences)}" + " ".join(quoted(s, lang) for s in sentences)


SAME_LABELS = {"zh": "同注{n}。", "en": "See note {n}."}


class NoteBook:
    """Footnote texts in reading order, one note per source a citation names (as the PDF
    prints one number per source). A source is described in full in its first note, and a
    sentence is quoted once — never when the brief prints it already; later notes refer back
    ("同注3") instead of repeating them, as footnotes conventionally do."""

    def __init__(self, briefing: Briefing):
        self.briefing = briefing
        self.entries = {e.key: e for e in briefing.sources}
        self.count = 0
        self.first_note: dict[int, int] = {}  #: source key → note that described it
        self.quoted: set[tuple[int, str]] = set()
        # the appendix counts: what it lists is printed (compose leaves out of it what the
        # notes quote, so the two never meet)
        self.printed: Printed = printed_body(briefing.blocks, skip_roles=())

    def notes(self, citation: Citation) -> list[str]:
        """The next notes' texts, one per cited source (call once per citation, in reading
        order)."""
        lang = self.briefing.language
        out = []
        for key in citation.span.keys:
            entry = self.entries.get(key)
            if entry is None:
                continue
            self.count += 1
            fresh = [s for s in dict.fromkeys(s for k, s in citation.span.quotes if k == key)
                     if citation.figure and (key, s) not in self.quoted
                     and not self.printed.covers(s)]
            if key in self.first_note:
                text = f"[{key}] " + self.briefing.label("same_note", SAME_LABELS.get(
                    lang, SAME_LABELS["zh"])).format(n=self.first_note[key])
            else:
                self.first_note[key] = self.count
                text = f"[{key}] {source_text(entry, lang)}"
            text += quote_text(self.briefing, fresh)
            self.quoted.update((key, s) for s in fresh)
            out.append(text)
        return out


def figure_quotes(briefing: Briefing) -> dict[int, list[str]]:
    """Source key → the sentences quoted for figures from it, once each, in reading order;
    a sentence the brief prints already is not quoted again."""
    printed = printed_body(briefing.blocks, skip_roles=())
    out: dict[int, dict[str, None]] = {}
    for citation in citations(briefing):
        if citation.figure:
            for key, sentence in citation.span.quotes:
                if not printed.covers(sentence):
                    out.setdefault(key, {})[sentence] = None
    return {key: list(sentences) for key, sentences in out.items()}


def source_list_texts(briefing: Briefing) -> dict[int, str]:
    """Every source-list entry by source key: the source, then the sentences its figures were
    taken from (gathered once for the whole list)."""
    lang = briefing.language
    quotes = figure_quotes(briefing)
    return {entry.key: f"[{entry.key}] {source_text(entry, lang)}"
                       + quote_text(briefing, quotes.get(entry.key, []))
            for entry in briefing.sources}
