"""What a brief already prints, so that no sentence is printed twice.

A cited sentence is printed once in a brief: in the section that uses it, or quoted in the
notes (DOCX footnotes, the PDF's source list), or in the appendix of cited sentences, never in
two of them. Compose (the appendix, items of later sections) and the writers' notes
(briefing.render.notes) both ask one `Printed` whether a sentence is already on the page.

Sentences are compared by their core: width folded, traditional → simplified
(briefing.textnorm), whitespace, punctuation and citation markers removed, so "首先，全国一体化…
打通。" is the item "全国一体化…打通" printed with its connective.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from briefing.models import Block, Span
from briefing.textnorm import normalize

#: marks and spaces left out of a core (the writers and compose print other punctuation
#: than the source: 0.60,126 → 0.60，126; "…" → “…”)
_NOISE = re.compile(r"[\s\u3000•·“”‘’\"'（）()\[\]【】《》<>〈〉「」『』，,。.：:；;！!？?、…—–\-~～/|*#]")
#: a connective that opens a sentence a list item prints without it (首先，其次，一是)
_OPENING = re.compile(r"^(?:首先|其次|再次|最后|第[一二三四五六七八九十]+|[一二三四五六七八九十]+是"
                      r"|同时|此外|另外|其中|一方面|另一方面|二是|三是)")
#: a printed run of at least this many core characters inside a sentence prints part of it
#: (an item cut from the sentence, a figure's clause): quoting the sentence again would
#: repeat that part
MIN_PART = 10
_DIGIT = re.compile(r"[0-9０-９〇一二三四五六七八九十百千万亿]+[%％位名倍个项亿万]|[0-9０-９]")


def core(text: str) -> str:
    """The text as compared: normalized, without whitespace, marks or an opening connective."""
    return _OPENING.sub("", _NOISE.sub("", normalize(text)))


#: a run of this many core characters shared by a sentence and a printed statement is the
#: sentence's words printed (a quotation printed with its speaker, an item with its frame)
SHARED_RUN = 16


class Printed:
    """The cores of printed runs (paragraphs, list items, table rows); `covers(sentence)` is
    True when the sentence stands whole in one run, or a run prints part of it."""

    def __init__(self, runs: Iterable[str] = (), composed: Iterable[str] = ()):
        self.cores: list[str] = []
        self._joined = "\x00"
        self._shingles: set[str] = set()
        self.add(runs)
        self.add(composed, words=False)

    def add(self, runs: Iterable[str], words: bool = True) -> None:
        """Record more printed runs; `words` False for rows the brief composes itself (a
        table row: metric, subject, period), whose stretches are no source's words."""
        fresh = [c for c in (core(r) for r in runs) if len(c) >= MIN_PART]
        self.cores.extend(fresh)
        self._joined += "\x00".join(fresh) + "\x00"
        if words:
            self._shingles.update(c[i:i + SHARED_RUN] for c in fresh
                                  for i in range(len(c) - SHARED_RUN + 1))

    def covers(self, sentence: str) -> bool:
        """Whether `sentence` is already printed, whole or in part (a printed run of
        MIN_PART characters or more stands inside it)."""
        wanted = core(sentence)
        if len(wanted) < MIN_PART:  # a word: printed only as a run of its own
            return bool(wanted) and f"\x00{wanted}\x00" in self._joined
        if wanted in self._joined:
            return True
        if any(wanted[i:i + SHARED_RUN] in self._shingles
               for i in range(len(wanted) - SHARED_RUN + 1)):
            return True
        return any(c in wanted for c in self.cores)


def statement_runs(block: Block) -> Iterator[tuple[Span, ...]]:
    """The span runs of a block that each make one statement: paragraph, list item, table row."""
    if block.spans:
        yield block.spans
    yield from block.items
    for row in block.rows:
        yield tuple(span for cell in row for span in cell)


def run_text(spans: tuple[Span, ...]) -> str:
    """The printed words of a run, citation markers left out."""
    return "".join(s.text for s in spans if s.kind != "cite")


def has_figure(spans: tuple[Span, ...]) -> bool:
    """True when the printed text (citation markers aside) states a number."""
    return bool(_DIGIT.search(run_text(spans)))


def printed_body(blocks: Iterable[Block], skip_roles: tuple[str, ...] = ("appendix",)) -> Printed:
    """What the blocks print, except blocks of `skip_roles` (the appendix, which lists what
    nothing else prints)."""
    shown = [b for b in blocks if b.role not in skip_roles and b.kind != "heading"]
    return Printed((run_text(run) for b in shown if b.kind != "table"
                    for run in statement_runs(b)),
                   composed=(run_text(run) for b in shown if b.kind == "table"
                             for run in statement_runs(b)))


__all__ = ["MIN_PART", "SHARED_RUN", "Printed", "core", "has_figure", "printed_body", "run_text",
           "statement_runs"]
