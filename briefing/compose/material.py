"""What sections are made of: a template's configured Section entries, and the Material (views
of the corpus) they draw their items from.

Its own module so that the kind registry (kinds.py), which builds a section's variables from
these, and sections.py, which renders them, both import it and neither imports the other back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from briefing.compose import views


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
    keep: int = 0  #: items trimming leaves (`keep`); the section is trimmed no further


@dataclass
class Material:
    """Everything the sections can draw on, built once per compose."""

    lang: str
    headline: views.Headline | None
    key_figures: tuple[views.FigureRow, ...]
    source_figures: tuple[views.SourceFigureView, ...]
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
            headline=self.headline, key_figures=self.key_figures,
            source_figures=self.source_figures, events=self.events,
            themes=self.themes, quotes=self.quotes, conflicts=self.conflicts,
            charts=self.charts, **{k: _flat(v) for k, v in ns.items()},
            **{f"{k}_groups": v for k, v in ns.items()},
        )


def _flat(groups: tuple[views.GroupView, ...]) -> tuple[views.ItemView, ...]:
    return tuple(i for g in groups for i in g.items)


__all__ = ["Material", "Section"]
