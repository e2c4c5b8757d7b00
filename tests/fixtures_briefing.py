"""Hand-made Briefings for the writer tests: a Chinese gongwen one and an English brief one."""

from __future__ import annotations

from briefing.models import (
    Block,
    Briefing,
    ChartSeries,
    ChartSpec,
    Masthead,
    SourceEntry,
    SourceRef,
    Span,
    Statement,
)

REF_RANK = SourceRef(
    article_id="a" * 64,
    file="000_1b8e26d3558f27a7.txt",
    start=120,
    end=214,
    sentence="但在2020年发布的《联合国电子政务调查报告》中，我国电子政务发展指数在193个联合国成员国中位居45名，相比上一次评估成绩大幅提升了20名。",
)
REF_ONLINE = SourceRef(
    article_id="b" * 64,
    file="001_e608aa0ff266004d.txt",
    start=58,
    end=101,
    sentence="记者从论坛上获悉，我国数字政府建设成效显著，在线服务水平跃升至全球第九位，进入世界领先行列。",
)
REF_STAGES = SourceRef(
    article_id="c" * 64,
    file="003_f8897310d64f0dfe.txt",
    start=0,
    end=52,
    sentence="从萌芽到办公自动化，从“三金工程”到政府上网，从单向应用向全面发展，从各自为政到统筹推进……我国电子政务经过了近40年的发展之路。",
)


def T(text: str) -> Span:
    """A plain text span."""
    return Span(text)


def C(*keys: int) -> Span:
    """A citation span."""
    return Span("", kind="cite", keys=keys)


def B(text: str) -> Span:
    """A bold span."""
    return Span(text, kind="bold")


SOURCES = (
    SourceEntry(1, REF_RANK.article_id, REF_RANK.file, "张楠：中国电子政务发展大有可为", None,
                "2021-04-25", None, site="数字政府", author="张楠"),
    SourceEntry(2, REF_ONLINE.article_id, REF_ONLINE.file, "数字化转型提升政府治理能力现代化水平",
                "经济参考报", "2020-12-24", "http://www.jjckb.cn/2020-12/24/c_139615183.htm"),
    SourceEntry(3, REF_STAGES.article_id, REF_STAGES.file, "从起跑到加速：我国电子政务的四次嬗变",
                None, None, None),
)

RANK_CHART = ChartSpec(
    id="egdi-rank",
    title="中国电子政务发展指数全球排名",
    kind="line",
    series=(ChartSeries("中国", (("2012", 78.0), ("2014", 70.0), ("2016", 63.0),
                                 ("2018", 65.0), ("2020", 45.0))),),
    x_label="年份",
    y_label="排名（位）",
    invert_y=True,
    source_keys=(1,),
    note="资料来源：[1] 张楠：中国电子政务发展大有可为（2021-04-25）；联合国电子政务调查报告。",
)

LONG_PARAGRAPH = (
    "从萌芽到办公自动化，从“三金工程”到政府上网，从单向应用向全面发展，从各自为政到统筹推进，"
    "我国电子政务经过了近40年的发展之路。党的十八大以来，“放管服”改革不断深化，全国一体化政务服务平台"
    "基本建成，“一网通办”“跨省通办”持续推进；与此同时，数据共享、标准规范、安全保障等基础性工作仍有短板，"
    "部分地区“重建设、轻运营”的问题依然存在。"
)


def chinese_briefing() -> Briefing:
    """A leadership 专报 in gongwen style: masthead, headings, cites, list, table, chart."""
    blocks = (
        Block("paragraph", (T("编者按：现将近期电子政务发展情况综述印发，供参阅。"),), role="lead"),
        Block("heading", (T("一、总体情况"),), level=1),
        Block("paragraph", (
            T("2020年《联合国电子政务调查报告》显示，我国电子政务发展指数在193个成员国中位居"),
            B("第45位"), T("，较上一次评估提升20位"), C(1),
            T("；在线服务水平跃升至全球第九位，进入世界领先行列"), C(2), T("。"),
        )),
        Block("chart", chart_id="egdi-rank"),
        Block("heading", (T("（一）发展阶段"),), level=2),
        Block("paragraph", (T(LONG_PARAGRAPH), C(3))),
        Block("heading", (T("（二）主要指标"),), level=2),
        Block("table", rows=(
            (( T("指标"),), (T("数值"),), (T("来源"),)),
            ((T("电子政务发展指数排名（2020年）"),), (T("第45位"),), (T("[1]"),)),
            ((T("排名较上次提升"),), (T("20位"),), (T("[1]"),)),
            ((T("在线服务水平全球排名"),), (T("第9位"),), (T("[2]"),)),
        )),
        Block("heading", (T("二、对策建议"),), level=1),
        Block("list", ordered=True, items=(
            (T("强化顶层设计，加快建立数据资源、基础制度和标准规范。"), C(2)),
            (T("推动公共数据有序开放，完善数据安全法规制度建设。"), C(2)),
            (T("坚持统筹推进，避免“各自为政”和重复建设；把“好差评”结果用于改进服务（<优先>）。"), C(3)),
        )),
        Block("paragraph", (T("注：排名数据以联合国发布的报告为准，A&B类指标另行报送。"),), role="note"),
    )
    statements = (
        Statement("我国电子政务发展指数在193个成员国中位居第45位，较上一次评估提升20位。", (REF_RANK,)),
        Statement("在线服务水平跃升至全球第九位，进入世界领先行列。", (REF_ONLINE,)),
        Statement(LONG_PARAGRAPH, (REF_STAGES,)),
    )
    return Briefing(
        audience="leadership",
        title="关于我国电子政务发展情况的综述",
        date="2026-11-20",
        language="zh",
        style="gongwen",
        masthead=Masthead(
            name="领导参阅",
            issuer="数字政府研究室编",
            issue_no="2026年第1期（总第1期）",
            classification="内部参阅",
            distribution=(("报", "市委、市政府领导同志。"), ("送", "市委办公室、市政府办公室。"),
                          ("发", "各区政务服务管理局。")),
        ),
        blocks=blocks,
        charts=(RANK_CHART,),
        sources=SOURCES,
        statements=statements,
        labels=(("sources", "参考来源"),),
    )


def english_briefing() -> Briefing:
    """An English policy brief in the modern `brief` style, with some Chinese names in it."""
    chart = ChartSpec(
        id="egdi-rank",
        title="China's E-Government Development Index rank",
        kind="line",
        series=(ChartSeries("China", (("2016", 63.0), ("2018", 65.0), ("2020", 45.0))),),
        x_label="Year",
        y_label="Rank",
        invert_y=True,
        source_keys=(1,),
        note="Source: [1] UN E-Government Survey, as reported by 张楠 (2021-04-25).",
    )
    blocks = (
        Block("heading", (T("Executive summary"),), level=1),
        Block("paragraph", (
            T("China ranked "), B("45th of 193"), T(" UN member states in the 2020 E-Government "
              "Development Index, up 20 places"), C(1),
            T("; its online services reached 9th place worldwide"), C(2), T("."),
        ), role="lead"),
        Block("chart", chart_id="egdi-rank"),
        Block("heading", (T("Key findings"),), level=1),
        Block("list", ordered=False, items=(
            (T("Four stages since the 1990s: office automation, the “Three Golden Projects” "
               "(三金工程), government online, and integrated services"), C(3)),
            (T("Data sharing & standards still lag behind platform building (<i> is not markup)."),),
        )),
        Block("table", rows=(
            ((T("Indicator"),), (T("Value"),), (T("Source"),)),
            ((T("EGDI rank, 2020"),), (T("45"),), (T("[1]"),)),
            ((T("Online services rank"),), (T("9"),), (T("[2]"),)),
        )),
        Block("heading", (T("Recommendations"),), level=1),
        Block("list", ordered=True, items=(
            (T("Strengthen top-level design and common data standards."), C(2)),
            (T("Open public data in an orderly way, with clear security rules."), C(2)),
        )),
    )
    return Briefing(
        audience="english",
        title="China's e-government: from catching up to the global front rank",
        date="2026-11-20",
        language="en",
        style="brief",
        masthead=Masthead(name="Policy Brief", issuer="Digital Government Research Unit",
                          issue_no="No. 1, 2026"),
        blocks=blocks,
        charts=(chart,),
        sources=SOURCES,
        statements=(Statement("China ranked 45th of 193 UN member states.", (REF_RANK,)),),
        labels=(("sources", "Sources"),),
    )
