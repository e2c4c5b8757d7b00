"""Sections: what each section kind exposes to its jinja2 file, rendering, and item caps.

A section is one entry of template.toml `sections` (material.Section): a kind (see
compose/kinds.py, the registry) plus options (title, template, limit, priority, chart …). Each renders
`sections/<kind>.md.j2` (or its `template` option) with the variables listed in
docs/templates.md, then markup.parse().
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, ClassVar

from briefing.compose import chart_specs, kinds, views
from briefing.compose.fragments import is_cut, is_fragment
from briefing.compose.markup import parse
from briefing.compose.material import Material, Section
from briefing.compose.numbers import NumberStyle
from briefing.compose.templates import Template
from briefing.errors import TemplateError
from briefing.models import Block, Corpus, SourceEntry, SourceRef, Span
from briefing.printed import Printed, core, has_figure, statement_runs


@dataclass(frozen=True)
class AppendixEntry:
    """One cited sentence for the appendix."""

    statement_kind: ClassVar[str] = "citation"

    key: int
    file: str
    sentence: str
    refs: tuple[SourceRef, ...]


def section_specs(template: Template) -> list[Section]:
    """The template's sections in order, with defaults filled in."""
    out = []
    for i, entry in enumerate(template.get("sections", [])):
        options = {"kind": entry} if isinstance(entry, str) else dict(entry)
        kind = options["kind"]
        file = options.get("template", f"sections/{kind}.md.j2")
        if not template.has_file(file):
            raise TemplateError(f"section {kind!r}: no file {file!r} in {template.search_path()}",
                                file=template.config_file)
        spec = kinds.get(kind)
        default = template.limit(spec.limit_key, spec.default_cap) if spec.has_items else 1
        cap = options.get("limit", default)
        priority = options.get("priority", spec.priority)
        out.append(Section(i, kind, str(options.get("title", "")), file, int(priority),
                           int(cap), options, keep=int(options.get("keep", 0))))
    return out


def build_material(corpus: Corpus, template: Template, source_names: dict[str, str],
                   issue_date: _dt.date | None = None) -> Material:
    """Views of the corpus in the template's language, internal terms filtered out; old
    advice dated or left out as the template's [advice] says (from `issue_date`)."""
    lang = template.language
    style = number_style(template)
    advice = advice_policy(template, style, issue_date)
    exclude = tuple(template.get("exclude_terms", ()))
    per_theme = template.limit("max_theme_sentences", 2)
    charts = {}
    for chart_id, spec in dict(template.get("charts", {})).items():
        data = chart_specs.chart_data(corpus, chart_id, spec, source_names, lang)
        if data is not None:
            charts[chart_id] = data
    return Material(
        lang=lang,
        headline=views.headline(corpus, style, lang),
        key_figures=views.key_figures(corpus, style, lang),
        source_figures=views.source_figures(corpus, exclude, lang),
        groups={k: views.groups(corpus, e, exclude, lang, advice)
                for k, e in kinds.enumeration_kinds().items()},
        events=views.events(corpus, style, lang),
        themes=views.themes(corpus, per_theme, exclude, style, lang),
        quotes=views.quotes(corpus, exclude, lang),
        conflicts=views.conflicts(corpus, source_names, style, lang),
        charts=charts,
    )


def advice_policy(template: Template, style: NumberStyle,
                  issue_date: _dt.date | None) -> views.Advice | None:
    """The template's [advice]: recommendations and measures older than `max_age` years
    printed with their date (`old = "date"`) or left out (`old = "drop"`); None when the
    template sets no max_age or no issue date is known."""
    table = dict(template.get("advice", {}))
    if issue_date is None or "max_age" not in table:
        return None
    return views.Advice(issue_date, int(table["max_age"]), table.get("old", "date") == "drop",
                        style)


def number_style(template: Template) -> NumberStyle:
    """The audience's house style for figures, from its merged `[numbers]` table."""
    return NumberStyle.from_table(dict(template.get("numbers", {})), template.config_file)


def section_items(section: Section, material: Material, cap: int,
                  post: dict[str, Any]) -> dict[str, Any] | None:
    """The variables of one section at item cap `cap`; None when it has nothing to show."""
    return kinds.get(section.kind).build(material, section, cap, post)


def render_section(template: Template, section: Section, variables: dict[str, Any],
                   common: dict[str, Any]) -> tuple[Block, ...]:
    """Render one section's jinja2 file and parse it into blocks."""
    context = {**common, **variables,
               "section": SimpleNamespace(title=section.title, kind=section.kind,
                                          options=section.options)}
    text = template.render(section.file, context)
    return parse(text, template.file_path(section.file))


def item_count(section: Section, variables: dict[str, Any]) -> int:
    """How many items a section printed (for trimming one at a time)."""
    return kinds.get(section.kind).count(variables)


def appendix_entries(groups: list[tuple[SourceRef, ...]], numbering: dict[str, int],
                     printed: Printed | None = None,
                     quoted: frozenset[tuple[str, str]] = frozenset(),
                     texts: dict[str, str] | None = None) -> tuple[AppendixEntry, ...]:
    """Every cited sentence the brief prints nowhere else, once, by source key then position
    in the article: not in the body (`printed`, whole or in part), not quoted by the notes
    (`quoted`: article id and sentence core), no fragment, no sentence cut off by the end
    of its excerpt (`texts`: article id → text)."""
    seen: dict[tuple[str, str], SourceRef] = {}
    for group in groups:
        for ref in group:
            key = (ref.article_id, core(ref.sentence))
            if ref.article_id not in numbering or key in quoted \
                    or (printed is not None and printed.covers(ref.sentence)) \
                    or is_fragment(ref.sentence) \
                    or (texts is not None and ref.article_id in texts
                        and is_cut(ref.sentence, texts[ref.article_id], ref.end)):
                continue
            seen.setdefault(key, ref)
    refs = sorted(seen.values(), key=lambda r: (numbering[r.article_id], r.start))
    return tuple(AppendixEntry(numbering[r.article_id], r.file, r.sentence, (r,)) for r in refs)


def note_quoted(blocks: tuple[Block, ...], refs_of: Callable[[Span], tuple[SourceRef, ...]],
                printed: Printed) -> frozenset[tuple[str, str]]:
    """(article id, sentence core) of every sentence the notes will quote: the sentences
    behind a statement that prints a figure, unless the body prints them (render/notes.py)."""
    out = set()
    for block in blocks:
        for run in statement_runs(block):
            if not has_figure(run):
                continue
            for span in run:
                if span.kind == "cite":
                    out.update((r.article_id, core(r.sentence)) for r in refs_of(span)
                               if not printed.covers(r.sentence))
    return frozenset(out)


__all__ = [
    "SourceEntry",
    "advice_policy",
    "appendix_entries",
    "build_material",
    "item_count",
    "note_quoted",
    "render_section",
    "section_items",
    "section_specs",
]
