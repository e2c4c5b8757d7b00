"""Sections: what each section kind exposes to its jinja2 file, rendering, and item caps.

A section is one entry of template.toml `sections`: a kind (see SECTION_KINDS) plus options
(title, template, limit, priority, chart …). Each renders `sections/<kind>.md.j2` (or its
`template` option) with the variables listed in docs/templates.md, then markup.parse().
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from briefing.compose import chart_specs, views
from briefing.errors import TemplateError
from briefing.markup import parse
from briefing.models import Block, Corpus, SourceEntry, SourceRef
from briefing.templates import Template

#: Sections rendered after the sources are numbered (they list or re-cite what the body cited).
POST_KINDS = ("sources", "appendix")
#: Never trimmed to meet max_body_chars.
KEPT_KINDS = ("headline", "sources")
#: Trim order when a brief is too long: lowest priority first (a section may set `priority`).
DEFAULT_PRIORITY = {
    "headline": 100, "sources": 95, "recommendations": 90, "key_figures": 80, "chart": 70,
    "text": 60, "problems": 50, "measures": 45, "conflicts": 40, "achievements": 35,
    "themes": 30, "quotes": 25, "stages": 20, "components": 20, "appendix": 10,
}  # fmt: skip
#: Which [limits] key caps a kind's items, and the cap when the template sets none.
CAP_LIMIT = {
    "key_figures": ("max_key_figures", 8), "recommendations": ("max_recommendations", 8),
    "measures": ("max_items", 6), "problems": ("max_items", 6), "achievements": ("max_items", 6),
    "components": ("max_items", 6), "stages": ("max_items", 6), "themes": ("max_themes", 4),
    "quotes": ("max_quotes", 4), "conflicts": ("max_conflicts", 3),
    "appendix": ("max_appendix", 200),
}  # fmt: skip
#: Enumeration kind behind each list section.
ENUM_KIND = {
    "recommendations": "recommendation", "measures": "measure", "problems": "problem",
    "achievements": "achievement", "components": "component", "stages": "stage",
}  # fmt: skip


@dataclass(frozen=True)
class Section:
    """One configured section of a template."""

    index: int
    kind: str
    title: str
    file: str
    priority: int
    cap: int  #: initial item cap (1 for sections without items)
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AppendixEntry:
    """One cited sentence for the appendix."""

    key: int
    file: str
    sentence: str
    refs: tuple[SourceRef, ...]


@dataclass
class Material:
    """Everything the sections can draw on, built once per compose."""

    lang: str
    headline: views.Headline | None
    key_figures: tuple[views.FigureRow, ...]
    groups: dict[str, tuple[views.GroupView, ...]]
    events: tuple[views.EventView, ...]
    themes: tuple[views.ThemeView, ...]
    quotes: tuple[views.QuoteView, ...]
    conflicts: tuple[views.ConflictView, ...]
    charts: dict[str, views.ChartData]

    def namespace(self) -> SimpleNamespace:
        """All material, uncapped, for `data.*` in any section (e.g. a free `text` section)."""
        ns = {f"{k}": v for k, v in self.groups.items()}
        return SimpleNamespace(
            headline=self.headline, key_figures=self.key_figures, events=self.events,
            themes=self.themes, quotes=self.quotes, conflicts=self.conflicts,
            charts=self.charts, **{k: _flat(v) for k, v in ns.items()},
            **{f"{k}_groups": v for k, v in ns.items()},
        )


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
        limit_key, default = CAP_LIMIT.get(kind, ("", 1))
        cap = options.get("limit", template.limit(limit_key, default) if limit_key else 1)
        priority = options.get("priority", DEFAULT_PRIORITY.get(kind, 50))
        out.append(Section(i, kind, str(options.get("title", "")), file, int(priority),
                           int(cap), options))
    return out


def build_material(corpus: Corpus, template: Template, source_names: dict[str, str]) -> Material:
    """Views of the corpus in the template's language, internal terms filtered out."""
    lang = template.language
    exclude = tuple(template.get("exclude_terms", ()))
    per_theme = template.limit("max_theme_sentences", 2)
    charts = {}
    for chart_id, spec in dict(template.get("charts", {})).items():
        data = chart_specs.chart_data(corpus, chart_id, spec, source_names)
        if data is not None:
            charts[chart_id] = data
    return Material(
        lang=lang,
        headline=views.headline(corpus, lang),
        key_figures=views.key_figures(corpus, lang),
        groups={k: views.groups(corpus, e, exclude) for k, e in ENUM_KIND.items()},
        events=views.events(corpus, lang),
        themes=views.themes(corpus, per_theme, exclude),
        quotes=views.quotes(corpus, exclude),
        conflicts=views.conflicts(corpus, source_names, lang),
        charts=charts,
    )


def section_items(section: Section, material: Material, cap: int,
                  post: dict[str, Any]) -> dict[str, Any] | None:
    """The variables of one section at item cap `cap`; None when it has nothing to show."""
    kind = section.kind
    if kind == "headline":
        return {"headline": material.headline} if material.headline else None
    if kind == "key_figures":
        return _listing(material.key_figures[:cap])
    if kind in ENUM_KIND:
        groups = views.cap_groups(material.groups[kind], cap)
        extra = {"events": material.events[:cap]} if kind == "stages" else {}
        if not groups and not extra.get("events"):
            return None
        return {"groups": groups, "items": _flat(groups), **extra}
    if kind == "themes":
        return _listing(_chosen_themes(material.themes, section.options.get("themes"))[:cap])
    if kind in ("quotes", "conflicts"):
        return _listing(getattr(material, kind)[:cap])
    if kind == "chart":
        chart_id = section.options.get("chart", "")
        data = material.charts.get(chart_id)
        return {"chart_id": chart_id, "chart_data": data} if data else None
    if kind == "text":
        return {}
    if kind == "sources":
        return {"sources": post["sources"], "source_count": len(post["sources"])} \
            if post["sources"] else None
    if kind == "appendix":
        return _listing(post["appendix"][:cap])
    raise TemplateError(f"unknown section kind {kind!r}")


def _chosen_themes(themes: tuple[views.ThemeView, ...],
                   names: list[str] | None) -> tuple[views.ThemeView, ...]:
    """The themes a section names, in its order; all of them when it names none."""
    if not names:
        return themes
    by_name = {t.theme: t for t in themes}
    return tuple(by_name[n] for n in names if n in by_name)


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
    if section.kind == "stages":
        return max(len(variables.get("items", ())), len(variables.get("events", ())))
    return len(variables.get("items", ())) if section.kind in CAP_LIMIT else 1


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


def _listing(items: tuple[Any, ...]) -> dict[str, Any] | None:
    return {"items": items} if items else None


def _flat(groups: tuple[views.GroupView, ...]) -> tuple[views.ItemView, ...]:
    return tuple(i for g in groups for i in g.items)


__all__ = [
    "KEPT_KINDS",
    "POST_KINDS",
    "Material",
    "Section",
    "SourceEntry",
    "appendix_entries",
    "build_material",
    "item_count",
    "render_section",
    "section_items",
    "section_specs",
]
