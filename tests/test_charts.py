"""draw_chart: deterministic PNG bytes, CJK text without missing glyphs, drawn only from the spec."""

from __future__ import annotations

import dataclasses
import io
import warnings

import matplotlib
import pytest
from fixtures_briefing import RANK_CHART, chinese_briefing, english_briefing
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from briefing.render import charts
from briefing.render.charts import draw_chart, format_value, wrap_display, x_categories
from briefing.errors import RenderError
from briefing.models import ChartSeries, ChartSpec

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

BAR_CHART = ChartSpec(
    id="users",
    title="政务服务平台注册用户（亿人）",
    kind="bar",
    series=(
        ChartSeries("全国一体化平台", (("2019", 2.39), ("2020", 8.09), ("2021", 10.0))),
        ChartSeries("省级平台", (("2019", 1.5), ("2020", 3.2))),
    ),
    x_label="年份",
    y_label="用户数（亿人）",
    note="资料来源：[2] 经济参考报（2020-12-24）。" * 8,  # long: wraps onto several lines
)


def _specs() -> list[ChartSpec]:
    return [RANK_CHART, BAR_CHART, *english_briefing().charts]


@pytest.mark.parametrize("spec", _specs(), ids=lambda s: f"{s.kind}-{s.title[:8]}")
def test_png_with_sensible_size(spec):
    png = draw_chart(spec)
    assert png.startswith(PNG_SIGNATURE)
    with Image.open(io.BytesIO(png)) as image:
        width, height = image.size
        assert image.format == "PNG"
    nominal = (charts.SIZE_INCHES[0] * charts.DPI, charts.SIZE_INCHES[1] * charts.DPI)
    # saved tight around what is drawn: about the nominal size, never clipped
    assert 0.85 * nominal[0] <= width <= 1.1 * nominal[0]
    assert 0.85 * nominal[1] <= height <= 1.1 * nominal[1]
    assert width > height


@pytest.mark.parametrize("spec", _specs(), ids=lambda s: f"{s.kind}-{s.title[:8]}")
def test_deterministic(spec):
    assert draw_chart(spec) == draw_chart(spec)


def test_no_timestamp_metadata():
    with Image.open(io.BytesIO(draw_chart(RANK_CHART))) as image:
        info = {k.lower(): v for k, v in image.info.items()}
    assert "software" not in info
    assert not any("date" in k or "time" in k for k in info)


@pytest.mark.parametrize("spec", [RANK_CHART, BAR_CHART], ids=["line", "bar"])
def test_chinese_text_has_no_missing_glyph_warning(spec):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        draw_chart(spec)
    missing = [str(w.message) for w in caught if "missing" in str(w.message).lower()]
    assert missing == []


def test_chart_font_is_the_bundled_noto_sans():
    assert "Noto Sans" in charts.chart_font_family()


def test_invert_y_for_ranks():
    assert RANK_CHART.invert_y
    png = draw_chart(RANK_CHART)
    assert png.startswith(PNG_SIGNATURE)
    figure = Figure()
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1)
    positions = charts.x_positions(x_categories(RANK_CHART))
    with matplotlib.rc_context({"font.family": [charts.chart_font_family()]}):
        charts.plot_lines(axes, RANK_CHART, positions)
        charts.decorate(figure, axes, RANK_CHART, positions)
    assert axes.yaxis_inverted()
    bottom, top = axes.get_ylim()
    assert top < 45 and bottom > 78  # rank 45 (best) is drawn at the top


def test_rank_chart_without_inversion_is_not_inverted():
    spec = ChartSpec(id="x", title="t", kind="line",
                     series=(ChartSeries("", (("2018", 3.0), ("2020", 1.0))),))
    figure = Figure()
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1)
    charts.plot_lines(axes, spec, charts.x_positions(x_categories(spec)))
    charts.decorate(figure, axes, spec)
    assert not axes.yaxis_inverted()


def test_lines_plot_exactly_the_spec_points():
    spec = ChartSpec(
        id="mix", title="测试", kind="line",
        series=(ChartSeries("甲", (("2020", 0.8473), ("2018", 0.6811))),
                ChartSeries("乙", (("2016", 12.0), ("2020", 1234567.0)))),
    )
    figure = Figure()
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1)
    categories = x_categories(spec)
    assert categories == ["2016", "2018", "2020"]  # chronological, each label once
    charts.plot_lines(axes, spec, charts.x_positions(categories))
    lines = axes.get_lines()
    assert [line.get_label() for line in lines] == ["甲", "乙"]
    # each point at its year, in time order
    assert list(lines[0].get_xdata()) == [2018, 2020] and list(lines[0].get_ydata()) == [0.6811, 0.8473]
    assert list(lines[1].get_xdata()) == [2016, 2020] and list(lines[1].get_ydata()) == [12.0, 1234567.0]
    labels = sorted(t.get_text() for t in axes.texts)
    assert labels == sorted(["0.8473", "0.6811", "12", "1,234,567"])


def test_bars_plot_exactly_the_spec_points():
    figure = Figure()
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1)
    charts.plot_bars(axes, BAR_CHART, charts.x_positions(x_categories(BAR_CHART)))
    heights = sorted(round(p.get_height(), 6) for p in axes.patches)
    expected = sorted(y for s in BAR_CHART.series for _, y in s.points)
    assert heights == expected
    assert sorted(t.get_text() for t in axes.texts) == sorted(format_value(v) for v in expected)


def test_changing_a_point_changes_the_picture():
    changed = ChartSpec(
        id=RANK_CHART.id, title=RANK_CHART.title, kind="line",
        series=(ChartSeries("中国", RANK_CHART.series[0].points[:-1] + (("2020", 44.0),)),),
        x_label=RANK_CHART.x_label, y_label=RANK_CHART.y_label, invert_y=True,
        note=RANK_CHART.note,
    )
    assert draw_chart(changed) != draw_chart(RANK_CHART)


def test_non_period_labels_keep_their_order():
    spec = ChartSpec(id="c", title="t", kind="bar",
                     series=(ChartSeries("", (("北京", 1.0), ("上海", 2.0), ("广东", 3.0))),))
    assert x_categories(spec) == ["北京", "上海", "广东"]
    assert draw_chart(spec).startswith(PNG_SIGNATURE)


def test_periods_sort_numerically():
    spec = ChartSpec(id="c", title="t", kind="line",
                     series=(ChartSeries("", (("2020-10", 1.0), ("2020-9", 2.0), ("2019", 3.0))),))
    assert x_categories(spec) == ["2019", "2020-9", "2020-10"]


@pytest.mark.parametrize("value, text", [(12.0, "12"), (0.8473, "0.8473"), (1234567, "1,234,567"),
                                         (2.5, "2.5"), (-3.0, "-3")])
def test_format_value(value, text):
    assert format_value(value) == text


def test_wrap_display_counts_cjk_as_two_columns():
    lines = wrap_display("电子政务" * 10 + "abc", 20)
    assert lines[0] == "电子政务" * 2 + "电子"
    assert "".join(lines) == "电子政务" * 10 + "abc"


def test_unknown_kind_is_a_render_error():
    spec = ChartSpec(id="pie", title="t", kind="pie", series=(ChartSeries("", (("a", 1.0),)),))
    with pytest.raises(RenderError, match="pie"):
        draw_chart(spec)


def test_no_points_is_a_render_error():
    spec = ChartSpec(id="empty", title="t", kind="line", series=(ChartSeries("s", ()),))
    with pytest.raises(RenderError, match="empty"):
        draw_chart(spec)


def test_fixture_briefings_charts_all_draw():
    for briefing in (chinese_briefing(), english_briefing()):
        for spec in briefing.charts:
            assert draw_chart(spec).startswith(PNG_SIGNATURE)


# --------------------------------------------------------------------------- timeline, matrix

TIMELINE = ChartSpec(
    "timeline", "我国电子政务发展历程", "timeline",
    (ChartSeries("阶段", (("起步", 1993.0), ("统筹推进", 2014.0)), ends=(2000.0, 2021.0)),
     ChartSeries("事件", (("1993", 1993.0), ("2014-02", 2014.083)),
                 labels=("启动“三金工程”", "成立领导小组"))),
    x_label="年份",
)
MATRIX = ChartSpec(
    "theme_matrix", "重点议题与来源", "matrix",
    (ChartSeries("数字政府", (("学习时报", 3.0), ("经济参考报", 1.0))),
     ChartSeries("数据共享", (("学习时报", 0.0), ("经济参考报", 4.0)))),
    x_label="来源", y_label="议题",
)


@pytest.mark.parametrize("spec", [TIMELINE, MATRIX], ids=["timeline", "matrix"])
def test_timeline_and_matrix_draw_with_title_and_labelled_axes(spec):
    image = Image.open(io.BytesIO(draw_chart(spec)))
    assert image.info.get("dpi", (200, 200))[0] >= 199
    axes = charts.chart_figure(spec).axes[0]
    assert axes.get_title() == spec.title
    assert axes.get_xlabel() == spec.x_label


def test_timeline_draws_each_stage_range_and_event():
    axes = charts.chart_figure(TIMELINE).axes[0]
    bars = [(p.get_x(), p.get_x() + p.get_width()) for p in axes.patches]
    assert bars == [(1993.0, 2000.0), (2014.0, 2021.0)]
    assert [float(line.get_xdata()[0]) for line in axes.get_lines()] == [1993.0, 2014.083]
    texts = " ".join(t.get_text() for t in axes.texts)
    assert "启动“三金工程”" in texts and "起步（1993—2000）" in texts


def test_matrix_cells_are_the_counts_with_data_labels():
    axes = charts.chart_figure(MATRIX).axes[0]
    assert axes.get_images()[0].get_array().tolist() == [[3.0, 1.0], [0.0, 4.0]]
    assert sorted(t.get_text() for t in axes.texts) == ["0", "1", "3", "4"]
    assert [t.get_text() for t in axes.get_yticklabels()] == ["数字政府", "数据共享"]


def test_no_caption_inside_the_image():
    """The writers print the one 资料来源 caption under the image, never the figure itself."""
    figure = charts.chart_figure(RANK_CHART)
    assert not figure.texts
    assert all(RANK_CHART.note not in t.get_text() for t in figure.axes[0].texts)


def test_same_spec_is_drawn_once():
    charts.draw_chart.cache_clear()
    draw_chart(MATRIX)
    draw_chart(MATRIX)
    assert charts.draw_chart.cache_info().hits == 1


@pytest.mark.parametrize(("text", "expected"), [
    ("从萌芽到办公自动化(1981年—1992年)", (1981.0, 1992.0, False)),
    ("从各自为政到统筹推进(2014年至今)", (2014.0, 2026.0, True)),  # open: drawn to the edge
    ("统筹推进阶段（2000-2013）", (2000.0, 2013.0, False)),
    ("没有年份的阶段", None),
])
def test_stage_year_ranges(text, expected):
    from briefing.compose.chart_specs import stage_range

    assert stage_range(text, 2026) == expected


def test_timeline_and_matrix_come_from_the_corpus():
    from fixtures_compose import build_corpus

    from briefing.compose.chart_specs import matrix_data, timeline_data

    corpus = build_corpus()
    timeline = timeline_data(corpus, "timeline", 2026)
    stages, events = timeline.series
    assert stages.points == (("从萌芽到办公自动化", 1981.0), ("从“三金工程”到政府上网", 1993.0))
    assert stages.ends == (1992.0, 2000.0)
    assert [x for x, _ in events.points] == [e.date for e in sorted(corpus.events,
                                                                    key=lambda e: e.date)]
    names = {a.id: a.file for a in corpus.articles}
    matrix = matrix_data(corpus, "m", names)
    assert [s.name for s in matrix.series] == [t.theme for t in corpus.themes]
    for series, theme in zip(matrix.series, corpus.themes):
        assert sum(v for _, v in series.points) == len(theme.mentions)
    assert len({r.article_id for r in matrix.refs}) == len(matrix.series[0].points)


def test_a_timeline_draws_only_sources_in_the_brief_language():
    """Its labels are the sources' words: a Chinese brief's timeline leaves out the events and
    stages of English articles."""
    from fixtures_compose import build_corpus

    from briefing.compose.chart_specs import timeline_data

    corpus = build_corpus()
    english = dataclasses.replace(corpus, articles=tuple(
        dataclasses.replace(a, language="en") for a in corpus.articles))
    assert timeline_data(corpus, "t", 2026, lang="zh") == timeline_data(corpus, "t", 2026)
    assert timeline_data(english, "t", 2026, lang="zh") is None
    assert timeline_data(english, "t", 2026, lang="en") == timeline_data(corpus, "t", 2026)


def test_no_chart_without_its_data():
    from fixtures_compose import build_corpus

    from briefing.compose.chart_specs import matrix_data, timeline_data

    empty = dataclasses.replace(build_corpus(), events=(), enumerations=(), themes=())
    assert timeline_data(empty, "t", 2026) is None
    assert matrix_data(empty, "m", {}) is None


def test_a_large_corpus_keeps_its_timeline_a_page_high():
    """Thousands of dated events (a 10,000-article corpus has about 5,000): the timeline keeps
    the latest MAX_TIMELINE_EVENTS, so its picture stays a page high instead of growing past
    the image size PIL accepts (which failed the department brief on every build)."""
    from fixtures_compose import build_corpus

    from briefing.compose.chart_specs import MAX_TIMELINE_EVENTS, timeline_data

    corpus = build_corpus()
    many = tuple(dataclasses.replace(corpus.events[0], date=f"{1950 + i % 70}-{1 + i % 12:02d}",
                                     text=f"第{i}项事件")
                 for i in range(5000))
    timeline = timeline_data(dataclasses.replace(corpus, events=many), "timeline", 2026)
    events = timeline.series[-1]
    assert [x for x, _ in events.points] == sorted(e.date for e in many)[-MAX_TIMELINE_EVENTS:]
    png = draw_chart(ChartSpec("timeline", "大事记", "timeline", timeline.series))
    width, height = Image.open(io.BytesIO(png)).size
    assert height <= 3 * width


# --------------------------------------------------------------------------- time, open stages


def test_a_time_axis_is_proportional_to_time():
    spec = ChartSpec(id="r", title="排名", kind="line", invert_y=True,
                     series=(ChartSeries("中国", (("2012", 78.0), ("2014", 70.0), ("2022", 43.0))),))
    axes = charts.chart_figure(spec).axes[0]
    xs = list(axes.get_lines()[0].get_xdata())
    assert (xs[2] - xs[1]) == 4 * (xs[1] - xs[0])  # eight years look four times two years
    assert [t.get_text() for t in axes.get_xticklabels()] == ["2012", "2014", "2022"]


def test_bars_stand_at_their_years():
    spec = ChartSpec(id="i", title="指数", kind="bar",
                     series=(ChartSeries("中国", (("2014", 0.545), ("2018", 0.6811),
                                                  ("2020", 0.7948))),))
    axes = charts.chart_figure(spec).axes[0]
    centres = sorted(p.get_x() + p.get_width() / 2 for p in axes.patches)
    assert [round(c, 6) for c in centres] == [2014, 2018, 2020]


def test_an_open_stage_is_drawn_open_to_the_edge():
    spec = ChartSpec("timeline", "历程", "timeline",
                     (ChartSeries("阶段", (("起步", 1993.0), ("统筹推进", 2014.0)),
                                  ends=(2000.0, 2025.0), open_ends=(False, True)),),
                     x_label="年份")
    axes = charts.chart_figure(spec).axes[0]
    assert [(p.get_x(), p.get_x() + p.get_width()) for p in axes.patches
            if p.get_width() > 0 and p.get_height() == 0.6] == [(1993.0, 2000.0)]
    arrows = [t for t in axes.texts if getattr(t, "arrow_patch", None) is not None]
    assert len(arrows) == 1 and arrows[0].xy[0] == axes.get_xlim()[1]  # runs off the axis
    texts = " ".join(t.get_text() for t in axes.texts)
    assert "统筹推进（2014—）" in texts and "2025" not in texts  # never an invented end year


def test_timeline_labels_are_whole_phrases_wrapped_never_cut():
    from briefing.compose.chart_specs import short_label

    label = short_label("2019年，以国家政务服务平台为总枢纽的全国一体化在线政务服务平台（以下简称：平台）初步建成")
    assert "（" not in label and "…" not in label
    lines = charts.wrap_label("国务院批准建设国家经济信息系统并组建国家经济信息中心（1986—1987）", 30)
    assert "".join(lines) == "国务院批准建设国家经济信息系统并组建国家经济信息中心（1986—1987）"
    assert lines[-1] == "（1986—1987）"  # a year range is never split


def test_only_milestones_of_the_named_kinds_are_drawn():
    from fixtures_compose import build_corpus

    from briefing.compose.chart_specs import Milestones, timeline_data

    corpus = build_corpus()
    everything = timeline_data(corpus, "t", 2026)
    founded = timeline_data(corpus, "t", 2026, Milestones(("成立",), ("发布会",)))
    events = [s for s in founded.series if s.name == "事件"]
    all_events = [s for s in everything.series if s.name == "事件"][0]
    assert all("成立" in label for s in events for label in s.labels)
    assert sum(len(s.points) for s in events) < len(all_events.points)
    assert Milestones(("发布",), ("发布会",)).drawn("市政府举行新闻发布会") is False
