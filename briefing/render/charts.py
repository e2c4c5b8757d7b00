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
from briefing.render.fonts import bundled_font_path
from briefing.models import ChartSpec

KINDS = ("line", "bar", "timeline", "matrix")
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


def chart_rc() -> dict[str, object]:
    """matplotlib settings for every chart: the bundled CJK face, no U+2212 minus."""
    return {
        "font.family": [chart_font_family(), "DejaVu Sans"],
        "axes.unicode_minus": False,
        "font.size": 9,
        "svg.hashsalt": "briefing",
    }


@lru_cache(maxsize=64)
def draw_chart(spec: ChartSpec) -> bytes:
    """Render `spec` as a PNG (200 dpi): title, axis labels, value labels.

    Cached by spec (a frozen, hashable value): audiences that place the same chart share one
    drawing. The source caption is not drawn here: the writers print it once, under the image.
    """
    with matplotlib.rc_context(chart_rc()):
        figure = chart_figure(spec)
        buffer = io.BytesIO()
        # the saved area is what the figure draws, labels included: nothing is clipped
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None},
                       bbox_inches="tight", pad_inches=0.06)
    return buffer.getvalue()


def chart_figure(spec: ChartSpec) -> Figure:
    """The matplotlib Figure of `spec` (what draw_chart saves; tests read its artists)."""
    if spec.kind not in KINDS:
        raise RenderError(f"chart {spec.id!r}: unknown kind {spec.kind!r} ({' | '.join(KINDS)})")
    if not any(s.points for s in spec.series):
        raise RenderError(f"chart {spec.id!r}: no data points")
    with matplotlib.rc_context(chart_rc()):
        size = SIZE_INCHES
        if spec.kind == "timeline":  # a row per stage and event, at least the usual height
            size = (SIZE_INCHES[0], max(SIZE_INCHES[1], 1.1 + ROW_INCHES * timeline_rows(spec)))
        figure = Figure(figsize=size, dpi=DPI)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot(1, 1, 1)
        if spec.kind == "timeline":
            plot_timeline(figure, axes, spec)
        elif spec.kind == "matrix":
            plot_matrix(figure, axes, spec)
        else:
            categories = x_categories(spec)
            positions = x_positions(categories)
            if spec.kind == "line":
                plot_lines(axes, spec, positions)
            else:
                plot_bars(axes, spec, positions)
            decorate(figure, axes, spec, positions)
    return figure


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


def x_positions(categories: list[str]) -> dict[str, float]:
    """Where each x label sits: on a time axis (every label a period) at its time, so a gap
    of eight years is four times a gap of two (2014 → 2022 beside 2012 → 2014); other
    labels one apart."""
    if categories and all(_PERIOD.match(x) for x in categories):
        return {x: period_position(x) for x in categories}
    return {x: float(i) for i, x in enumerate(categories)}


def period_position(period: str) -> float:
    """"2014" → 2014.0, "2018-12" → 2018.917: a period's place on a year axis."""
    year, *rest = (int(p) for p in period.split("-"))
    month = rest[0] if rest else 1
    return year + (month - 1) / 12


def format_value(value: float) -> str:
    """12.0 → "12", 0.8473 → "0.8473", 1234567 → "1,234,567"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def plot_lines(axes: object, spec: ChartSpec, positions: dict[str, float]) -> None:
    """One line per series, markers and a value label on every point."""
    for n, series in enumerate(spec.series):
        colour = PALETTE[n % len(PALETTE)]
        points = sorted(series.points, key=lambda p: positions[str(p[0])])
        xs = [positions[str(x)] for x, _ in points]
        ys = [y for _, y in points]
        axes.plot(xs, ys, marker="o", color=colour, linewidth=1.8, markersize=4.5, label=series.name)
        for x, y in zip(xs, ys):
            axes.annotate(
                format_value(y), (x, y), textcoords="offset points", xytext=(0, 5),
                ha="center", va="bottom", fontsize=8, color=colour,
            )


def plot_bars(axes: object, spec: ChartSpec, positions: dict[str, float]) -> None:
    """Grouped bars, one group per x label at its place, a value label on each bar."""
    count = max(len(spec.series), 1)
    places = sorted(set(positions.values()))
    gap = min((b - a for a, b in zip(places, places[1:])), default=1.0)
    group = 0.8 * gap  # the narrowest gap holds a whole group
    width = group / count
    for n, series in enumerate(spec.series):
        colour = PALETTE[n % len(PALETTE)]
        xs = [positions[str(x)] - group / 2 + width * (n + 0.5) for x, _ in series.points]
        ys = [y for _, y in series.points]
        bars = axes.bar(xs, ys, width=width * 0.92, color=colour, label=series.name)
        axes.bar_label(bars, labels=[format_value(y) for y in ys], fontsize=8, padding=2)


def decorate(figure: Figure, axes: object, spec: ChartSpec,
             positions: dict[str, float] | None = None) -> None:
    """Title, axis labels, ticks (one per period, at its time), legend and rank inversion
    (up = better)."""
    positions = positions or x_positions(x_categories(spec))
    axes.set_xticks(list(positions.values()))
    axes.set_xticklabels(list(positions))
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


#: a timeline row's height (inches), one line of 7 pt labels and air
ROW_INCHES = 0.19
#: display columns (a CJK character is two) of one line of a timeline label: longer labels
#: wrap onto a second line instead of being cut
LABEL_COLUMNS = 30


def timeline_rows(spec: ChartSpec) -> int:
    """One row per stage and per event, and one more per line a label wraps onto."""
    rows = 0
    for series in spec.series:
        for i, (x, _) in enumerate(series.points):
            rows += max(1, len(wrap_label(_timeline_text(series, i, x), LABEL_COLUMNS)))
    return rows


def _timeline_text(series: object, i: int, x: str) -> str:
    """A stage's name with its years ("…（2014—）" when open), or an event's date and text."""
    if series.ends:
        start, end = int(series.points[i][1]), int(series.ends[i])
        is_open = bool(series.open_ends) and series.open_ends[i]
        return f"{x}（{start}—{'' if is_open else end}）"
    labels = series.labels or ("",) * len(series.points)
    return labels[i] if str(x)[:4] in labels[i] else f"{x} {labels[i]}"


def plot_timeline(figure: Figure, axes: object, spec: ChartSpec) -> None:
    """Stages as bars on their year ranges (an open one, 至今, runs off the axis as an arrow),
    then each dated event as a dot on its own row; labels, whole phrases wrapped (never cut),
    sit right of the mark in the first half of the axis and left of it in the
    second, so none runs off the figure or over another."""
    marks = [(x, y) for s in spec.series for x, y in s.points]
    years = [y for _, y in marks] + [e for s in spec.series for e in s.ends]
    low, high = min(years), max(years)
    middle = (low + high) / 2
    right_edge = high + 1
    row = 0.0
    for series in spec.series:
        for i, (x, y) in enumerate(series.points):
            text = "\n".join(wrap_label(_timeline_text(series, i, x), LABEL_COLUMNS))
            height = 1.0 + 0.5 * text.count("\n")
            centre = row + (height - 1) / 2
            if series.ends:
                end = series.ends[i]
                is_open = bool(series.open_ends) and series.open_ends[i]
                if is_open:  # no end yet: the bar runs to the edge and on
                    axes.annotate("", xy=(right_edge, centre), xytext=(y, centre),
                                  arrowprops={"arrowstyle": "-|>", "color": PALETTE[1],
                                              "linewidth": 6, "mutation_scale": 8,
                                              "shrinkA": 0, "shrinkB": 0})
                    if y <= middle:  # room on the arrow itself: the label inside it
                        axes.annotate(text, (y, centre), textcoords="offset points",
                                      xytext=(4, 0), va="center", ha="left", fontsize=7,
                                      color="white")
                        row += height
                        continue
                    right, anchor = False, y  # the label left of the bar's start
                else:
                    axes.barh(centre, max(end - y, 0.4), left=y, height=0.6, color=PALETTE[1])
                    right = end <= middle
                    anchor = end if right else y  # beside the bar, on the side with room
            else:
                axes.plot([y], [centre], marker="o", color=PALETTE[0], markersize=4)
                anchor, right = y, y < middle
            axes.annotate(text, (anchor, centre), textcoords="offset points",
                          xytext=(4 if right else -4, 0), va="center",
                          ha="left" if right else "right", fontsize=7, color="#222222")
            row += height
    axes.set_ylim(row - 0.4, -0.6)  # first stage on top, events in date order below
    axes.set_xlim(low - 1, right_edge)
    axes.set_yticks([])
    axes.set_title(spec.title, fontsize=11, pad=8)
    axes.set_xlabel(spec.x_label or "年份")
    if spec.y_label:
        axes.set_ylabel(spec.y_label)
    axes.xaxis.get_major_locator().set_params(integer=True)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    axes.set_axisbelow(True)
    figure.subplots_adjust(left=0.03, right=0.97, top=0.92, bottom=0.1)


def plot_matrix(figure: Figure, axes: object, spec: ChartSpec) -> None:
    """Themes (rows) against sources (columns): shaded cells with the mention count in each."""
    rows = [s.name for s in spec.series]
    columns = [x for x, _ in spec.series[0].points] if spec.series else []
    values = [[y for _, y in s.points] for s in spec.series]
    axes.imshow(values, cmap="Reds", aspect="auto", vmin=0)
    peak = max((v for r in values for v in r), default=0) or 1
    for r, line in enumerate(values):
        for c, value in enumerate(line):
            axes.text(c, r, format_value(value), ha="center", va="center", fontsize=8,
                      color="white" if value > peak * 0.6 else "black")
    axes.set_xticks(range(len(columns)))
    axes.set_xticklabels(["\n".join(wrap_label(c, 14)) for c in columns], fontsize=7.5)
    axes.set_yticks(range(len(rows)))
    axes.set_yticklabels(rows, fontsize=8)
    axes.set_title(spec.title, fontsize=11, pad=10)
    axes.set_xlabel(spec.x_label or "来源")
    axes.set_ylabel(spec.y_label or "议题")
    figure.subplots_adjust(left=0.24, right=0.98, top=0.88, bottom=0.16)


#: what a label line never breaks inside: a bracketed aside ("（1981—1992）"), a Latin word or
#: number with its marks, one CJK character with the closing marks that cling to it
_LABEL_UNIT = re.compile(r"[（(][^（）()]{0,14}[）)]|[A-Za-z0-9][A-Za-z0-9.,:%'’—–-]*"
                         r"|\s+|.[，。、；：！？）”’》]*")


def wrap_label(text: str, columns: int) -> list[str]:
    """Wrap a label by display width (CJK two columns) between whole units: never inside a
    number, a word or a bracketed year range."""
    lines, line, used = [], "", 0
    for unit in _LABEL_UNIT.findall(text):
        width = sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in unit)
        if used + width > columns and line.strip():
            lines.append(line.rstrip())
            line, used = "", 0
            if unit.isspace():
                continue
        line += unit
        used += width
    if line.strip():
        lines.append(line.rstrip())
    return lines


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
