"""Draw a ChartSpec to PNG bytes (200 dpi) with matplotlib's object API on Agg, CJK-safe.

The bundled Noto Sans SC (CFF) is fine for Agg; U+2212 is avoided (axes.unicode_minus False).
Output is deterministic: fixed size, fixed colours, no timestamp metadata.
"""

from __future__ import annotations

import io
import re
import unicodedata
from functools import lru_cache

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from briefing.errors import RenderError
from briefing.fonts import bundled_font_path
from briefing.models import ChartSpec

DPI = 200
SIZE_INCHES = (6.3, 3.2)  # ≈ 160 × 81 mm: fits the 156 mm gongwen type area when scaled to 150
PALETTE = ("#C00000", "#1F4E79", "#7F7F7F", "#BF9000", "#548235", "#7030A0")
_PERIOD = re.compile(r"^\d{4}(-\d{1,2}){0,2}$")


@lru_cache(maxsize=1)
def chart_font_family() -> str:
    """Register the bundled Noto Sans SC with matplotlib once; return its family name."""
    path = bundled_font_path("sans")
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


@lru_cache(maxsize=64)
def draw_chart(spec: ChartSpec) -> bytes:
    """Render `spec` as a PNG (200 dpi): title, axis labels, value labels.

    Cached by spec (a frozen, hashable value): audiences that place the same chart share one
    drawing. The source caption is not drawn here: the writers print it once, under the image.
    """
    if spec.kind not in ("line", "bar"):
        raise RenderError(f"chart {spec.id!r}: unknown kind {spec.kind!r} (line | bar)")
    if not any(s.points for s in spec.series):
        raise RenderError(f"chart {spec.id!r}: no data points")
    rc = {
        "font.family": [chart_font_family(), "DejaVu Sans"],
        "axes.unicode_minus": False,
        "font.size": 9,
        "svg.hashsalt": "briefing",
    }
    with matplotlib.rc_context(rc):
        figure = Figure(figsize=SIZE_INCHES, dpi=DPI)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot(1, 1, 1)
        categories = x_categories(spec)
        if spec.kind == "line":
            plot_lines(axes, spec, categories)
        else:
            plot_bars(axes, spec, categories)
        decorate(figure, axes, spec)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def x_categories(spec: ChartSpec) -> list[str]:
    """The x labels of all series in first-seen order; chronological when all look like periods."""
    seen: dict[str, None] = {}
    for series in spec.series:
        for x, _ in series.points:
            seen.setdefault(str(x), None)
    labels = list(seen)
    if labels and all(_PERIOD.match(x) for x in labels):
        labels.sort(key=lambda x: [int(p) for p in x.split("-")])
    return labels


def format_value(value: float) -> str:
    """12.0 → "12", 0.8473 → "0.8473", 1234567 → "1,234,567"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def plot_lines(axes: object, spec: ChartSpec, categories: list[str]) -> None:
    """One line per series, markers and a value label on every point."""
    index = {x: i for i, x in enumerate(categories)}
    for n, series in enumerate(spec.series):
        colour = PALETTE[n % len(PALETTE)]
        xs = [index[str(x)] for x, _ in series.points]
        ys = [y for _, y in series.points]
        axes.plot(xs, ys, marker="o", color=colour, linewidth=1.8, markersize=4.5, label=series.name)
        for x, y in zip(xs, ys):
            axes.annotate(
                format_value(y), (x, y), textcoords="offset points", xytext=(0, 5),
                ha="center", va="bottom", fontsize=8, color=colour,
            )


def plot_bars(axes: object, spec: ChartSpec, categories: list[str]) -> None:
    """Grouped bars, one group per x label, a value label on each bar."""
    count = max(len(spec.series), 1)
    width = 0.8 / count
    index = {x: i for i, x in enumerate(categories)}
    for n, series in enumerate(spec.series):
        colour = PALETTE[n % len(PALETTE)]
        xs = [index[str(x)] - 0.4 + width * (n + 0.5) for x, _ in series.points]
        ys = [y for _, y in series.points]
        bars = axes.bar(xs, ys, width=width * 0.92, color=colour, label=series.name)
        axes.bar_label(bars, labels=[format_value(y) for y in ys], fontsize=8, padding=2)


def decorate(figure: Figure, axes: object, spec: ChartSpec) -> None:
    """Title, axis labels, ticks, legend and rank inversion (up = better)."""
    categories = x_categories(spec)
    axes.set_xticks(range(len(categories)))
    axes.set_xticklabels(categories)
    axes.set_title(spec.title, fontsize=11, pad=10)
    if spec.x_label:
        axes.set_xlabel(spec.x_label)
    if spec.y_label:
        axes.set_ylabel(spec.y_label)
    if spec.invert_y:
        axes.invert_yaxis()
        axes.yaxis.get_major_locator().set_params(integer=True)
    axes.margins(x=0.08, y=0.18)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="y", color="#DDDDDD", linewidth=0.6)
    axes.set_axisbelow(True)
    if len(spec.series) > 1 or (spec.series and spec.series[0].name):
        axes.legend(frameon=False, fontsize=8, loc="best")
    figure.subplots_adjust(left=0.1, right=0.97, top=0.88, bottom=0.14)


def wrap_display(text: str, columns: int) -> list[str]:
    """Wrap by display width: CJK characters count two columns, others one."""
    lines, line, used = [], "", 0
    for char in text:
        width = 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        if used + width > columns and line:
            lines.append(line)
            line, used = "", 0
        line += char
        used += width
    if line:
        lines.append(line)
    return lines
