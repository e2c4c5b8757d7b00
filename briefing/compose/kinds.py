"""The section-kind registry: everything compose and template validation know about a kind.

One `SectionKind` per kind a template.toml may list. It says which `[limits]` key caps its
items (and the cap when the template sets none), its trim priority when a brief is over
`max_body_chars`, whether it is rendered after the sources are numbered, whether it may be
trimmed, and how it picks its variables and counts its items. `compose/templates.py` reads
the kind names and limit keys from here; nothing else lists kinds.

Wording is not here: every word a section prints is in its jinja2 file (docs/templates.md).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from briefing.compose import views
from briefing.compose.material import Material, Section
from briefing.printed import MIN_PART, core

Variables = dict[str, Any]
#: (material, section, item cap, post-phase values {"sources", "appendix"}) → variables or None
Builder = Callable[[Material, Section, int, Mapping[str, Any]], "Variables | None"]


@dataclass(frozen=True)
class SectionKind:
    """What one section kind is: its cap, priority, phase, and how it picks its items."""

    name: str
    build: Builder
    limit_key: str = ""  #: the [limits] key capping its items; "" = not an item list
    default_cap: int = 1  #: the cap when the template sets neither `limit` nor the limit key
    priority: int = 50  #: trim order when over max_body_chars: lowest first
    post: bool = False  #: rendered after the body's sources are numbered (lists what it cited)
    trimmable: bool = True  #: False: never trimmed to meet max_body_chars
    enum_kind: str = ""  #: the Enumeration.kind behind a list section
    description: str = ""

    @property
    def has_items(self) -> bool:
        """Whether the section prints a capped list of items (and can be trimmed item by item)."""
        return bool(self.limit_key)

    def count(self, variables: Variables) -> int:
        """How many items the section printed (for trimming one at a time)."""
        if not self.has_items:
            return 1
        return max(len(variables.get("items", ())), len(variables.get("events", ())))


# --------------------------------------------------------------------------- repeats


def printed_texts(item: Any) -> tuple[str, ...]:
    """The source words an item prints (a list item's heading and text, a theme's
    sentences, a quotation, a clause, an event): what must not be printed twice."""
    if isinstance(item, views.ItemView):
        return (item.heading, item.text)
    if isinstance(item, views.QuoteView):
        return (item.statement,)
    if isinstance(item, (views.SentenceView, views.SourceFigureView, views.EventView)):
        return (item.text,)
    return ()


def repeated(item: Any, post: Mapping[str, Any]) -> bool:
    """Whether the brief prints this item's words in another, longer statement (compose
    lists those statements' cores in post["repeats"])."""
    repeats = post.get("repeats", ())
    cores = [c for c in (core(t) for t in printed_texts(item)) if len(c) >= MIN_PART]
    return any(c in r for c in cores for r in repeats)


def _fresh(items: tuple[Any, ...], post: Mapping[str, Any]) -> tuple[Any, ...]:
    """`items` without those printed elsewhere in the brief."""
    return tuple(i for i in items if not repeated(i, post)) if post.get("repeats") else items


def _fresh_groups(groups: tuple[views.GroupView, ...],
                  post: Mapping[str, Any]) -> tuple[views.GroupView, ...]:
    if not post.get("repeats"):
        return groups
    out = []
    for g in groups:
        items = _fresh(g.items, post)
        if items:
            out.append(dataclasses.replace(g, items=items,
                                           refs=views.unique_refs(*(i.refs for i in items))))
    return tuple(out)


# --------------------------------------------------------------------------- builders


def _listing(items: tuple[Any, ...]) -> Variables | None:
    return {"items": items} if items else None


def _headline(material: Material, section: Section, cap: int, post: Mapping[str, Any]):
    return {"headline": material.headline} if material.headline else None


def _key_figures(material: Material, section: Section, cap: int, post: Mapping[str, Any]):
    return _listing(material.key_figures[:cap])


def _source_figures(material: Material, section: Section, cap: int, post: Mapping[str, Any]):
    return _listing(_fresh(material.source_figures, post)[:cap])


def _enumeration(name: str) -> Builder:
    """A list section over the enumerations of one kind (stages add the dated events)."""

    def build(material: Material, section: Section, cap: int, post: Mapping[str, Any]):
        # `and` names more list kinds the section shows after its own (leaders' 建议 take the
        # measures the sources announce when they make fewer recommendations)
        more = section.options.get("and", ())
        pooled = material.groups[name] + tuple(g for k in more for g in material.groups[k])
        # a list about the world sits under a section for it (scope = "global"), never under
        # the country's achievements or problems
        scope = "global" if section.options.get("scope") == "global" else ""
        pooled = tuple(g for g in pooled if g.scope == scope)
        # lists in the brief's own language first, whatever their kind: an English brief
        # prints its sources' English lists before quoting Chinese ones
        # and a plan's goals after what the sources propose or report as done
        pooled = tuple(sorted(pooled, key=lambda g: (not views.in_script(
            g.refs[0].sentence if g.refs else "", material.lang), g.goal)))
        groups = views.cap_groups(_fresh_groups(pooled, post), cap)
        extra = {"events": _fresh(material.events, post)[:cap]} if name == "stages" else {}
        if not groups and not extra.get("events"):
            return None
        return {"groups": groups, "items": tuple(i for g in groups for i in g.items), **extra}

    return build


def _themes(material: Material, section: Section, cap: int, post: Mapping[str, Any]):
    names = section.options.get("themes")
    themes = material.themes
    if names:  # the themes a section names, in its order
        by_name = {t.theme: t for t in themes}
        themes = tuple(by_name[n] for n in names if n in by_name)
    if post.get("repeats"):
        themes = tuple(dataclasses.replace(t, sentences=_fresh(t.sentences, post))
                       for t in themes)
        themes = tuple(t for t in themes if t.sentences or t.figure)
    return _listing(themes[:cap])


def _quotes(material: Material, section: Section, cap: int, post: Mapping[str, Any]):
    return _listing(_fresh(material.quotes, post)[:cap])


def _conflicts(material: Material, section: Section, cap: int, post: Mapping[str, Any]):
    return _listing(material.conflicts[:cap])


def _chart(material: Material, section: Section, cap: int, post: Mapping[str, Any]):
    chart_id = section.options.get("chart", "")
    data = material.charts.get(chart_id)
    return {"chart_id": chart_id, "chart_data": data} if data else None


def _text(material: Material, section: Section, cap: int, post: Mapping[str, Any]):
    return {}


def _sources(material: Material, section: Section, cap: int, post: Mapping[str, Any]):
    sources = post["sources"]
    return {"sources": sources, "source_count": len(sources)} if sources else None


def _appendix(material: Material, section: Section, cap: int, post: Mapping[str, Any]):
    return _listing(post["appendix"][:cap])


# --------------------------------------------------------------------------- the registry


def _enum_kind(name: str, enum_kind: str, priority: int, description: str) -> SectionKind:
    return SectionKind(name, _enumeration(name), "max_items", 6, priority, enum_kind=enum_kind,
                       description=description)


KINDS: dict[str, SectionKind] = {k.name: k for k in (
    SectionKind("headline", _headline, priority=100, trimmable=False,
                description="the headline judgment: strongest rank trend and its index"),
    SectionKind("key_figures", _key_figures, "max_key_figures", 8, 80,
                description="key figures, latest period of each metric first"),
    SectionKind("source_figures", _source_figures, "max_source_figures", 12, 30,
                description="key figures whose subject or period the context implies, in the "
                            "source's own words"),
    SectionKind("recommendations", _enumeration("recommendations"), "max_recommendations", 8,
                90, enum_kind="recommendation", description="proposals the sources make"),
    _enum_kind("measures", "measure", 45, "measures announced"),
    _enum_kind("problems", "problem", 50, "problems named"),
    _enum_kind("achievements", "achievement", 35, "achievements claimed"),
    _enum_kind("stages", "stage", 20, "stages of development, and dated events"),
    _enum_kind("components", "component", 20, "parts of a system"),
    SectionKind("themes", _themes, "max_themes", 4, 30, description="themes with sentences"),
    SectionKind("quotes", _quotes, "max_quotes", 4, 25, description="attributed statements"),
    SectionKind("conflicts", _conflicts, "max_conflicts", 3, 40,
                description="figures the sources state differently"),
    SectionKind("chart", _chart, priority=70, description="one chart of [charts.<id>]"),
    SectionKind("text", _text, priority=60, description="free wording of its own file"),
    SectionKind("sources", _sources, priority=95, post=True, trimmable=False,
                description="the source count line (writers print the list)"),
    SectionKind("appendix", _appendix, "max_appendix", 200, 10, post=True,
                description="every cited sentence"),
)}  # fmt: skip

#: Limits that cap no single kind: the body length, the pages of the PDF, sentences per theme.
GLOBAL_LIMITS = ("max_body_chars", "max_pages", "max_theme_sentences")


def kind_names() -> tuple[str, ...]:
    """Every section kind a template may list, in registry order."""
    return tuple(KINDS)


def limit_keys() -> tuple[str, ...]:
    """Every [limits] key a template may set: each kind's limit key, then the global ones."""
    keys = dict.fromkeys(k.limit_key for k in KINDS.values() if k.limit_key)
    return (*keys, *GLOBAL_LIMITS)


def enumeration_kinds() -> dict[str, str]:
    """List section name → the Enumeration.kind it shows."""
    return {k.name: k.enum_kind for k in KINDS.values() if k.enum_kind}


def get(name: str) -> SectionKind:
    """The registered kind `name` (templates.py has already rejected unknown ones)."""
    return KINDS[name]


__all__ = ["GLOBAL_LIMITS", "KINDS", "SectionKind", "enumeration_kinds", "get", "kind_names",
           "limit_keys"]
