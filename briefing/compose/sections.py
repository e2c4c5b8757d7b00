"""Sections: what each section kind exposes to its jinja2 file, rendering, and item caps.

A section is one entry of template.toml `sections` (material.Section): a kind (see
compose/kinds.py, the registry) plus options (title, template, limit, priority, chart …). Each renders
`sections/<kind>.md.j2` (or its `template` option) with the variables listed in
docs/templates.md, then markup.parse().
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, ClassVar

from briefing.compose import chart_specs, kinds, views
from briefing.compose.markup import parse
from briefing.compose.material import Material, Section
from briefing.compose.numbers import NumberStyle
from briefing.compose.templates import Template
from briefing.errors import TemplateError
from briefing.models import Block, Corpus, SourceEntry, SourceRef


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
                           int(cap), options))
    return out


def build_material(corpus: Corpus, template: Template, source_names: dict[str, str]) -> Material:
    """Views of the corpus in the template's language, internal terms filtered out."""
    lang = template.language
    style = number_style(template)
    exclude = tuple(template.get("exclude_terms", ()))
    per_theme = template.limit("max_theme_sentences", 2)
    charts = {}
    for chart_id, spec in dict(template.get("charts", {})).items():
        data = chart_specs.chart_data(corpus, chart_id, spec, source_names)
        if data is not None:
            charts[chart_id] = data
    return Material(
        lang=lang,
        headline=views.headline(corpus, style, lang),
        key_figures=views.key_figures(corpus, style, lang),
        source_figures=views.source_figures(corpus, exclude),
        groups={k: views.groups(corpus, e, exclude) for k, e in kinds.enumeration_kinds().items()},
        events=views.events(corpus, style),
        themes=views.themes(corpus, per_theme, exclude, style, lang),
        quotes=views.quotes(corpus, exclude),
        conflicts=views.conflicts(corpus, source_names, style, lang),
        charts=charts,
    )


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


def appendix_entries(groups: list[tuple[SourceRef, ...]],
                     numbering: dict[str, int]) -> tuple[AppendixEntry, ...]:
    """Every cited sentence once, by source key then position in the article."""
    seen: dict[tuple[str, int, int], SourceRef] = {}
    for group in groups:
        for ref in group:
            if ref.article_id in numbering:
                seen.setdefault((ref.article_id, ref.start, ref.end), ref)
    refs = sorted(seen.values(), key=lambda r: (numbering[r.article_id], r.start))
    return tuple(AppendixEntry(numbering[r.article_id], r.file, r.sentence, (r,)) for r in refs)


__all__ = [
    "SourceEntry",
    "appendix_entries",
    "build_material",
    "item_count",
    "render_section",
    "section_items",
    "section_specs",
]
