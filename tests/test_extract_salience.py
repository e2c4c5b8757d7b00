"""Salience: an article's headline figures, on articles written for these tests."""

from __future__ import annotations

from dataclasses import replace

from briefing.consolidate.corrections import Correction, apply_corrections, figure_ids
from briefing.extract.figures import extract_figures
from briefing.extract.salience import (
    KEY_THRESHOLD,
    figure_signals,
    mark_key_figures,
    salience_scores,
)
from briefing.extract._text import make_article
from briefing.models import Article, Extraction, Figure


def article(
    *paragraphs: str,
    title: str | None = None,
    headings: tuple[str, ...] = (),
    date: str | None = "2023-05-10",
) -> Article:
    """An Article of the given paragraphs (those in `headings` are headings), with a title and
    a date: briefing.extract._text.make_article, which splits the sentences."""
    base = make_article("\n".join(paragraphs))
    marked = tuple(replace(p, is_heading=p.text in headings) for p in base.paragraphs)
    return replace(base, id="t", file="t.txt", paragraphs=marked, title=title, date=date)


def keys_of(doc: Article) -> dict[str, bool]:
    """Each figure's printed form → whether it is key (the last one of a repeated form)."""
    return {f.raw: f.key for f in extract_figures(doc)}


def figure(doc: Article, raw: str) -> Figure:
    found = [f for f in extract_figures(doc) if f.raw == raw]
    assert found, f"no figure {raw!r} in {[f.raw for f in extract_figures(doc)]}"
    return found[0]


# --------------------------------------------------------------------------- for


def test_the_reported_finding_in_the_lead_is_key_and_its_change_is_not() -> None:
    doc = article(
        "近日，省大数据局召开新闻发布会，介绍全省数字政府建设进展。",
        "评估报告显示，2022年全省政务服务事项网上可办率达到96%，比上年提高了4个百分点。",
        "全省已建成便民服务站点1200个，配备帮办代办人员3500人。",
        "各地还开通了咨询热线坐席260个。",
    )
    keys = keys_of(doc)
    assert keys["96%"]
    assert not keys["4个百分点"]  # the amount of a change
    assert not keys["1200个"] and not keys["3500人"] and not keys["260个"]  # supporting detail


def test_the_first_finding_a_survey_reports_is_key_even_without_a_known_metric() -> None:
    doc = article(
        "今年以来，甲省持续推进基层治理数字化。",
        "全省共建成网格服务站5200个。",
        "据省统计局统计，全省行政村视频监控覆盖率已达91%。",
        "各地培训网格员8000人，组建志愿队300支。",
    )
    keys = keys_of(doc)
    assert keys["91%"]  # the first reported finding
    assert not keys["8000人"]


def test_the_only_figures_of_an_article_are_key() -> None:
    doc = article("《行动计划》共部署了8项重点任务。", "文件要求各地抓好落实。")
    assert keys_of(doc) == {"8项": True}


def test_a_large_user_total_is_key_wherever_it_stands() -> None:
    doc = article(
        "甲市召开数字政府建设推进会。",
        "全市建成政务服务中心16个，设置综合窗口420个。",
        "自助终端覆盖全部街道，共投放终端300台。",
        "甲市政务服务平台个人用户注册数量已达860万。",
    )
    assert keys_of(doc)["860万"]


def test_a_share_of_services_handled_online_is_key() -> None:
    doc = article(
        "甲县召开数字乡村推进会。",
        "全县建成村级服务站230个，培训网格员1500人。",
        "配备自助终端45台，开通服务热线坐席20个。",
        "甲县政务服务在线办事率达到88.5%。",
    )
    keys = keys_of(doc)
    assert keys["88.5%"]
    assert not keys["230个"]


def test_an_english_report_finding_is_key() -> None:
    doc = article(
        "Officials opened the forum on Monday.",
        "A report released by the ministry shows that 81 percent of services can be handled "
        "online, and the platform has 45 million registered users.",
        "The city also built 300 service kiosks. It trained 900 staff. It opened 40 new halls.",
    )
    keys = keys_of(doc)
    assert keys["81 percent"] and keys["45 million"]
    assert not keys["300"]


def test_a_number_the_title_prints_is_echoed() -> None:
    doc = article(
        "甲市召开新闻发布会。",
        "全市建成服务站点120个。",
        "群众对政务服务的满意度为98.6%。",
        title="甲市政务服务满意度达98.6%",
    )
    (signals,) = [s for f, s in zip(extract_figures(doc), figure_signals(doc, extract_figures(doc)))
                  if f.raw == "98.6%"]
    assert signals.echoed


# --------------------------------------------------------------------------- against


def test_the_base_a_rank_is_taken_from_is_not_key() -> None:
    doc = article(
        "在全国40个参评城市中，甲市排名第3位。",
        "全市设置窗口420个。", "去年新建自助终端300台。", "开通热线坐席90个。",
    )
    keys = keys_of(doc)
    assert keys["第3位"]
    assert not keys["40个"]


def test_the_population_a_survey_covers_is_not_key() -> None:
    doc = article("研究机构每年对全国120个城市的政务服务能力进行评估，甲市位列第5位。")
    keys = keys_of(doc)
    assert not keys["120个"] and keys["第5位"]


def test_a_breakdown_in_parentheses_is_not_key() -> None:
    doc = article(
        "据统计，截至2022年底，甲省政务服务平台注册用户3200万(其中外省用户400万)。",
        "全省设置窗口400个。", "投放终端300台。", "开通坐席80个。",
    )
    keys = keys_of(doc)
    assert keys["3200万"]
    assert not keys["400万"]


def test_a_programme_age_is_never_key() -> None:
    doc = article("甲市数字政府建设走过了近10年的历程。", "平台接入部门58个。")
    keys = keys_of(doc)
    assert not keys["10年"]
    assert keys["58个"]  # the lead is the first sentence with a substantive figure


def test_an_old_sentence_is_history_and_does_not_open_the_lead() -> None:
    doc = article(
        "1996年，甲省仅有12个部门建成局域网，接入计算机800台。",
        "2022年，甲省政务云承载系统620个。",
        "2022年，全省政务云连接部门95个。",
        "2022年，全省建成数据库210个。",
        "2022年，全省开通接口500个。",
    )
    signals = dict(zip((f.raw for f in extract_figures(doc)),
                       figure_signals(doc, extract_figures(doc))))
    assert signals["12个"].history and not signals["12个"].lead
    assert signals["620个"].lead


def test_a_heading_that_announces_a_figure_leaves_the_key_to_the_body() -> None:
    heading = "二、注册用户突破2000万"
    doc = article(
        "甲市召开一网通办新闻发布会。",
        heading,
        "截至2023年3月，甲市一网通办平台注册用户达2000万。",
        "全市设置窗口300个。", "投放终端200台。",
        headings=(heading,),
    )
    figures = extract_figures(doc)
    in_heading = [f for f in figures if doc.paragraphs[1].start <= f.ref.start < doc.paragraphs[1].end]
    in_body = [f for f in figures if f.raw == "2000万" and f not in in_heading]
    assert in_heading and not any(f.key for f in in_heading)
    assert in_body and all(f.key for f in in_body)


def test_a_change_verb_with_a_new_level_states_the_level() -> None:
    doc = article(
        "报告显示，甲市电子政务指数上升为0.91，排名上升了3位。",
        "全市设置窗口300个。", "投放终端200台。", "开通坐席60个。",
    )
    signals = dict(zip((f.raw for f in extract_figures(doc)),
                       figure_signals(doc, extract_figures(doc))))
    assert not signals["0.91"].change
    assert signals["3位"].change


def test_a_plan_named_in_a_sentence_is_not_a_reported_finding() -> None:
    plan = article("在《数字政府建设规划》中，甲省提出建设12个重点工程。")
    report = article("在《数字政府发展评估报告》中，甲省位列第4位。")
    assert not figure_signals(plan, extract_figures(plan))[0].finding
    assert figure_signals(report, extract_figures(report))[0].finding


# --------------------------------------------------------------------------- contract


def test_salience_is_set_on_every_figure_and_decides_key() -> None:
    doc = article(
        "评估报告显示，2022年全省政务服务事项网上可办率达到96%。",
        "全省已建成便民服务站点1200个。",
    )
    figures = extract_figures(doc)
    assert [f.salience for f in figures] == list(salience_scores(doc, figures))
    assert all(f.key == (f.salience >= KEY_THRESHOLD) for f in figures)
    assert mark_key_figures(doc, figures) == figures  # deciding again changes nothing


def test_a_corrected_metric_decides_key_again() -> None:
    doc = article(
        "甲市召开数字政府建设推进会。",
        "全市建成服务站点120个，设置窗口420个。",
        "投放终端300台，开通坐席90个。",
        "全市数字化改革成果展示馆年接待观众超过80万人。",
    )
    figures = extract_figures(doc)
    target = next(f for f in figures if f.raw == "80万人")
    assert not target.key
    fid = figure_ids(doc.id, figures)[figures.index(target)]
    extraction = Extraction(doc.id, doc.file, figures=figures)
    (corrected,), problems = apply_corrections(
        (extraction,), (doc,), (Correction(fid, metric="实名注册用户"),))
    assert not problems
    assert next(f for f in corrected.figures if f.raw == "80万人").key


def test_a_bound_or_a_rank_below_the_podium_is_no_headline_by_its_unit() -> None:
    from briefing.extract.salience import _headline
    from briefing.extract.lexicon import lexicon

    doc = article("评估报告显示，甲省、乙省、丙省得分均在80分以上，丁省位居全国第二位，戊省列第六位。")
    lex = lexicon()
    by_raw = {f.raw: f for f in extract_figures(doc)}
    bounds = [f for f in by_raw.values() if f.unit == "index"]
    ranks = {f.value: f for f in by_raw.values() if f.unit == "rank"}
    assert bounds and all(f.qualifier != "exact" and not _headline(lex, f) for f in bounds)
    assert _headline(lex, ranks[2])
    assert not _headline(lex, ranks[6])
