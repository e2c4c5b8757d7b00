"""Citations: `cite()` markers while rendering, source numbering and Statements afterwards.

Templates print `{{ cite(x) }}`, which registers x.refs and prints the internal marker `[^@N]`;
each compose passes its own registry's `cite` in the context of every template it renders.
After the whole brief is parsed, `resolve()` walks the blocks in reading order, numbers the
articles by first citation (1..n), turns each marker into Span(kind="cite", keys=(…)) and makes
one Statement per paragraph, list item or table row that carries a citation.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from briefing.compose.glossary import romanised, to_language
from briefing.compose.markup import plain_text
from briefing.compose.punctuation import chinese_punctuation
from briefing.compose.templates import Raw
from briefing.errors import TemplateError
from briefing.models import Article, Block, Fact, SourceEntry, SourceRef, Span, Statement
from briefing.read.metadata import source_label
from briefing.read.metadata import opening_words


@dataclass
class CitationRegistry:
    """Ref groups registered by cite(), and the article numbering once resolved."""

    groups: list[tuple[SourceRef, ...]] = field(default_factory=list)
    numbering: dict[str, int] = field(default_factory=dict)  #: article id → source key
    #: per group: what the cited items state (kind) and the figures they carry (facts)
    meta: list[tuple[str, tuple[Fact, ...]]] = field(default_factory=list)

    def cite(self, *items: Any) -> Raw:
        """Template helper: the marker citing every ref of `items` (views, refs or lists)."""
        refs = _collect_refs(items)
        if not refs:
            return Raw("")
        self.groups.append(refs)
        self.meta.append(_statement_meta(items))
        return Raw(f"[^@{len(self.groups) - 1}]")

    def meta_of(self, span: Span) -> tuple[str, tuple[Fact, ...]]:
        return self.meta[int(span.text[1:])] if span.text.startswith("@") else ("", ())

    def refs_of(self, span: Span) -> tuple[SourceRef, ...]:
        return self.groups[int(span.text[1:])] if span.text.startswith("@") else ()

    def key_of(self, article_id: str) -> int:
        """The article's source number, numbering it now if this is its first citation."""
        return self.numbering.setdefault(article_id, len(self.numbering) + 1)

    def keys_for(self, refs: tuple[SourceRef, ...]) -> tuple[int, ...]:
        return tuple(sorted({self.key_of(r.article_id) for r in refs}))


def _collect_refs(items: tuple[Any, ...]) -> tuple[SourceRef, ...]:
    seen: dict[tuple[str, int, int], SourceRef] = {}
    stack = list(items)
    while stack:
        item = stack.pop(0)
        if item is None:
            continue
        if isinstance(item, SourceRef):
            seen.setdefault((item.article_id, item.start, item.end), item)
        elif isinstance(item, (list, tuple)):
            stack[0:0] = list(item)
        elif hasattr(item, "refs"):
            stack[0:0] = list(item.refs)
        elif hasattr(item, "ref"):
            stack.insert(0, item.ref)
        else:
            raise TemplateError(f"cite() cannot cite a {type(item).__name__}")
    return tuple(seen.values())


def _statement_meta(items: tuple[Any, ...]) -> tuple[str, tuple[Fact, ...]]:
    """The kind of the first cited view that has one, and every fact of the cited views."""
    kind, facts = "", []
    stack = list(items)
    while stack:
        item = stack.pop(0)
        if isinstance(item, (list, tuple)):
            stack[0:0] = list(item)
            continue
        kind = kind or _kind_of(item)
        facts.extend(getattr(item, "facts", ()))
    return kind, tuple(dict.fromkeys(facts))


def _kind_of(item: Any) -> str:
    """A view's statement kind: its class's `statement_kind`, else its enumeration `kind`."""
    if isinstance(item, SourceRef):
        return "citation"
    return str(getattr(type(item), "statement_kind", "") or getattr(item, "kind", "") or "")


def number_sources(blocks: tuple[Block, ...], registry: CitationRegistry) -> None:
    """Number articles in order of first citation in `blocks` (no change to the blocks)."""
    for spans in _span_runs(blocks):
        for span in spans:
            if span.kind == "cite":
                registry.keys_for(registry.refs_of(span))


def resolve(
    blocks: tuple[Block, ...], registry: CitationRegistry
) -> tuple[tuple[Block, ...], tuple[Statement, ...]]:
    """Blocks with cite keys filled in, and one Statement per cited paragraph/item/row."""
    statements: list[Statement] = []
    out = []
    for block in blocks:
        if block.kind in ("paragraph", "heading"):
            spans = _resolve_spans(block.spans, registry, statements)
            out.append(_replace(block, spans=spans))
        elif block.kind == "list":
            items = tuple(_resolve_spans(i, registry, statements) for i in block.items)
            out.append(_replace(block, items=items))
        elif block.kind == "table":
            rows = tuple(_resolve_row(r, registry, statements) for r in block.rows)
            out.append(_replace(block, rows=rows))
        else:
            out.append(block)
    return tuple(out), tuple(statements)


def _resolve_spans(
    spans: tuple[Span, ...], registry: CitationRegistry, statements: list[Statement]
) -> tuple[Span, ...]:
    new, refs, cited, meta = _resolve_cites(spans, registry)
    if cited:
        statements.append(Statement(plain_text(new).strip(), refs, *meta))
    return new


def _resolve_row(
    row: tuple[tuple[Span, ...], ...], registry: CitationRegistry, statements: list[Statement]
) -> tuple[tuple[Span, ...], ...]:
    cells, all_refs, cited, metas = [], [], False, []
    for cell in row:
        new, refs, has, meta = _resolve_cites(cell, registry)
        cells.append(new)
        all_refs.extend(refs)
        cited = cited or has
        metas.append(meta)
    if cited:
        text = " ".join(t for t in (plain_text(c).strip() for c in cells) if t)
        statements.append(Statement(text, _unique(all_refs), *_merge_meta(metas)))
    return tuple(cells)


def _merge_meta(metas: list[tuple[str, tuple[Fact, ...]]]) -> tuple[str, tuple[Fact, ...]]:
    kind = next((k for k, _ in metas if k), "")
    return kind, tuple(dict.fromkeys(f for _, facts in metas for f in facts))


def _resolve_cites(
    spans: tuple[Span, ...], registry: CitationRegistry
) -> tuple[tuple[Span, ...], tuple[SourceRef, ...], bool, tuple[str, tuple[Fact, ...]]]:
    new: list[Span] = []
    refs: list[SourceRef] = []
    metas: list[tuple[str, tuple[Fact, ...]]] = []
    cited = False
    for span in spans:
        if span.kind != "cite":
            new.append(span)
            continue
        cited = True
        group = registry.refs_of(span)
        refs.extend(group)
        metas.append(registry.meta_of(span))
        keys = registry.keys_for(group) if group else span.keys
        # the sentence as the notes print it (one punctuation style; the audit record's
        # citations keep it as the source printed it)
        quotes = tuple((registry.key_of(r.article_id), chinese_punctuation(" ".join(
            r.sentence.split()))) for r in group)
        new.append(Span("", kind="cite", keys=keys, quotes=quotes))
    return tuple(new), _unique(refs), cited, _merge_meta(metas)


def _unique(refs: list[SourceRef] | tuple[SourceRef, ...]) -> tuple[SourceRef, ...]:
    return tuple({(r.article_id, r.start, r.end): r for r in refs}.values())


def _span_runs(blocks: tuple[Block, ...]):
    for block in blocks:
        if block.spans:
            yield block.spans
        yield from block.items
        for row in block.rows:
            yield from row


def source_entries(registry: CitationRegistry, articles: dict[str, Article],
                   lang: str = "zh") -> tuple[SourceEntry, ...]:
    """The numbered source list, only articles actually cited, in key order.

    Titles and outlets are printed, so they get Chinese punctuation; an article without a
    title has none in its entry, but its opening words (listed as such, never as a title,
    never cut inside a word, and never its file name). An English brief names outlets and
    authors in English (the glossary's name, else pinyin with the Chinese once); titles and
    opening words stay as the source prints them.
    """
    entries = []
    for article_id, key in sorted(registry.numbering.items(), key=lambda kv: kv[1]):
        a = articles[article_id]
        opening = None if a.title else _printed(whole_words(opening_words(a)))
        outlet, author = _printed(a.outlet), _printed(a.author)
        if lang == "en":
            outlet, author = _english_name(outlet), _english_name(author, person=True)
        entries.append(SourceEntry(key, a.id, a.file, _printed(a.title), outlet,
                                   a.date, a.url, site=a.site, author=author,
                                   opening=opening))
    return tuple(entries)


def _printed(text: str | None) -> str | None:
    return chinese_punctuation(text) if text else text


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_NAME_LIST = re.compile(r"[、，,]\s*")


def _english_name(name: str | None, person: bool = False) -> str | None:
    """An outlet or author as an English source list prints it: the glossary's English name
    (新华社 → Xinhua), else pinyin followed by the Chinese once (潘洁、郝菁 → Pan Jie, Hao Jing
    (潘洁、郝菁))."""
    if not name or not _HAN.search(name):
        return name
    translated = to_language(name, "en")
    if translated:
        return translated
    names = [n for n in _NAME_LIST.split(name) if n] if person else [name]
    return f"{', '.join(romanised(n, person) for n in names)} ({name})"


#: opening words cut inside a Latin word: "the Yangfan student c…"
_CUT_WORD = re.compile(r"(?<=[A-Za-z])[A-Za-z'’-]*…$")


def whole_words(opening: str) -> str:
    """Opening words that end on a whole word ("… student…", never "… student c…")."""
    if not _CUT_WORD.search(opening):
        return opening
    head = opening[:-1]
    cut = head.rfind(" ")
    return (head[:cut].rstrip(" ,;:") if cut > 0 else head) + "…"


def _replace(block: Block, **changes: Any) -> Block:
    return dataclasses.replace(block, **changes)
