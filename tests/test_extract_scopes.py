"""Subjects and periods by scope: clause → sentence → paragraph → article (title, lead, date)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefing.consolidate.merge import find_conflicts, merge_claims, rounding_step
from briefing.extract._text import make_article
from briefing.extract.figures import extract_figures
from briefing.extract.lexicon import lexicon
from briefing.extract.scopes import article_scope, as_of_period, body_mentions
from briefing.models import Extraction, Figure, SourceRef


def _figure(text: str, raw: str, **article_fields: str) -> Figure:
    article = replace(make_article(text), **article_fields)
    found = [f for f in extract_figures(article) if f.raw == raw]
    assert found, f"no figure {raw!r} in {[f.raw for f in extract_figures(article)]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("通过国家数据共享交换平台，打通了42个系统。", "国家数据共享交换平台"),
        ("接入“浙里办”平台事项2000项。", "“浙里办”平台"),
        ("截至2020年底，广州市政务数据资源中心汇聚数据30亿条。", "广州市政务数据资源中心"),
    ],
)
def test_bodies_are_named_as_printed(text: str, name: str) -> None:
    assert name in [m.canon for m in body_mentions(lexicon(), text)]


def test_a_counted_body_is_not_a_subject() -> None:
    names = [m.canon for m in body_mentions(lexicon(), "摸清了500个信息系统的家底。")]
    assert "信息系统" not in names


def test_year_end_is_december() -> None:
    figure = _figure("截至2023年底，全省共有政务网站320个。", "320个")
    assert (figure.period, figure.period_scope) == ("2023-12", "sentence")
    assert _figure("2021年末全市网民规模为900万。", "900万").period_scope == "clause"


def test_as_of_carries_to_later_paragraphs() -> None:
    text = "截至2022年6月，平台注册用户达8000万人。\n平台可提供3000项服务事项的办事指南。"
    figure = _figure(text, "3000项")
    assert (figure.period, figure.period_scope) == ("2022-06", "article")


def test_report_data_year_from_the_lead() -> None:
    text = (
        "《地市政务服务能力评估报告(2023)》显示，2022年各地服务能力持续提升。\n"
        "数据显示，有18个省级平台实现五级覆盖。"
    )
    assert article_scope(lexicon(), make_article(text)).report_period == "2022"
    assert _figure(text, "18个").period == "2022"


def test_publication_year_when_nothing_else_says() -> None:
    figure = _figure("平台累计服务企业1200家。", "1200家", date="2019-05-02")
    assert (figure.period, figure.period_scope) == ("2019", "article")


def test_own_city_words_refer_to_the_article_city() -> None:
    text = "成都推进政务服务改革。\n进驻四川政务服务网的市级部门从20家增加到45家。"
    figure = _figure(text, "45家")
    assert figure.subject == "成都市"
    assert figure.metric and "部门" in figure.metric


def test_article_place_when_the_sentence_names_none() -> None:
    text = "苏州政务服务改革成效明显。\n今年新增个人用户120万。"
    figure = _figure(text, "120万", date="2024-03-01")
    assert (figure.subject, figure.subject_scope) == ("苏州市", "article")
    assert figure.unit == "persons"


def test_organisation_users_are_counted_not_persons() -> None:
    assert _figure("企业用户达到227万。", "227万").unit == "count"


def test_rank_from_to_is_a_rank_with_one_label() -> None:
    text = "《2022联合国电子政务调查报告》显示，我国电子政务排名从2012年的第78位上升到了2022年的第43位。"
    article = make_article(text)
    ranks = [f for f in extract_figures(article) if f.unit == "rank"]
    assert [(f.value, f.period) for f in ranks] == [(78, "2012"), (43, "2022")]
    assert all(f.metric == "电子政务发展指数排名" for f in ranks)


def test_as_of_period_ignores_targets() -> None:
    assert as_of_period("截至2021年12月，已建成平台。", None) == "2021-12"
    assert as_of_period("到2025年，力争建成平台。", None) is None


def _claim_figure(article: str, value: float, raw: str) -> Figure:
    ref = SourceRef(article, f"{article}.txt", 0, 3, "句子。")
    return Figure(value, "persons", raw, ref, "exact", "2020", "中国", "网民规模", grade="stated")


def test_rounding_of_the_less_precise_value_is_no_conflict() -> None:
    extractions = [
        Extraction(article, f"{article}.txt", (_claim_figure(article, value, raw),))
        for article, value, raw in (("a", 1_319_000_000, "13.19亿"), ("b", 1_320_000_000, "13.2亿"))
    ]
    claims = merge_claims(extractions)
    assert rounding_step(claims[1]) == pytest.approx(1e7)
    assert find_conflicts(claims) == ()


def test_values_beyond_rounding_conflict() -> None:
    extractions = [
        Extraction(article, f"{article}.txt", (_claim_figure(article, value, raw),))
        for article, value, raw in (("a", 1_319_000_000, "13.19亿"), ("b", 1_400_000_000, "14亿"))
    ]
    assert len(find_conflicts(merge_claims(extractions))) == 1


def test_a_count_opening_its_clause_is_about_what_it_counts() -> None:
    figure = _figure("评估显示，在31个省级政府中，有12个进入高水平组。", "31个")
    assert (figure.subject, figure.subject_scope) == ("省级政府", "clause")


def test_a_count_after_its_topic_keeps_the_topic() -> None:
    figure = _figure("目前全国一体化政务服务平台已覆盖46个国务院部门。", "46个")
    assert figure.subject == "全国一体化政务服务平台"


def test_a_dated_news_report_gives_its_month() -> None:
    text = "市政府今天(5月12日)举行发布会。\n平台已累计办件3000万件。"
    figure = _figure(text, "3000万件", date="2022-05-12")
    assert (figure.period, figure.period_scope) == ("2022-05", "article")
    assert _figure("平台已累计办件3000万件。", "3000万件", date="2022-05-12").period == "2022"


def test_a_year_range_dates_from_and_to_values() -> None:
    text = "2015年—2020年，全市数字经济规模从1.2万亿元增长到2.6万亿元。"
    article = make_article(text)
    periods = {f.raw: f.period for f in extract_figures(article)}
    assert periods["1.2万亿元"] == "2015"
    assert periods["2.6万亿元"] == "2020"


def test_a_running_total_is_not_of_this_year() -> None:
    text = "市政府今天(5月12日)发布。\n今年新增用户80万人，累计注册用户超过900万人。"
    article = replace(make_article(text), date="2022-05-12")
    periods = {f.raw: f.period for f in extract_figures(article)}
    assert periods["80万人"] == "2022"
    assert periods["900万人"] == "2022-05"


def test_english_platform_carries_to_it() -> None:
    text = (
        "The national integrated online government service platform went live in 2019. "
        "It currently has over 200 million registered users."
    )
    article = replace(make_article(text), language="en")
    figure = next(f for f in extract_figures(article) if f.value == 200_000_000)
    assert figure.subject == "national integrated online government service platform"


def test_a_counted_set_of_bodies_opening_its_clause_is_the_subject() -> None:
    text = "截至2022年6月，28个市级政务服务平台的注册企业达到450万户。"
    figure = _figure(text, "450万户")
    assert figure.subject is not None and figure.subject.endswith("市级政务服务平台")
    assert "信息系统" not in [m.canon for m in body_mentions(lexicon(), "清理整合了300个信息系统的数据。")]


def test_a_population_group_in_the_clause_beats_the_country_beside_it() -> None:
    text = "By 2035, Japan may have 40 million people aged 75 and over, officials said."
    assert _figure(text, "40 million").subject == "people aged 75 and over"
    # the group, in the place that counts it (全国 → 中国), never the country alone
    assert _figure("到2030年，全国农村网民规模将达3.5亿。", "3.5亿").subject == "中国农村网民"


def test_an_english_platform_is_named_with_capitals_but_a_source_is_not() -> None:
    text = "By June 2024, the Provincial Online Service Hub had 30 million registered users."
    assert _figure(text, "30 million").subject == "Provincial Online Service Hub"
    cited = "A study by the National Statistics Center found 12 percent of households offline."
    assert _figure(cited, "12 percent").subject != "National Statistics Center"


def test_a_count_of_a_set_of_bodies_is_about_that_set() -> None:
    text = "评估覆盖了我国27个省级和210个城市。"
    assert _figure(text, "27个").subject == "省级"
    assert _figure("第一梯队包括5个省级政府。", "5个").subject == "省级政府"


def test_a_place_scoping_a_count_is_not_the_subject_of_a_rank() -> None:
    text = "宁波的得分为91.2，在全国15个副省级城市中排名第三。"
    assert _figure(text, "第三").subject == "宁波市"


def test_level_words_are_the_own_place_only_in_an_article_about_it() -> None:
    national = (
        "南京市民李先生在江苏政务服务网上办好了证明。\n"
        "报告显示，全国各省份持续推进网上政务服务，省本级事项中有68%可全程网办。"
    )
    assert _figure(national, "68%").subject != "江苏省"
    local = "苏州市持续推进改革。\n苏州全年新增事项120项。\n市级部门事项中有91%可全程网办。"
    assert _figure(local, "91%").subject == "苏州市"


def test_a_plan_documents_own_counts_are_about_the_plan() -> None:
    text = (
        "省政府办公厅印发《数字政府建设三年行动方案》（以下简称《方案》）。\n"
        "会议还听取了工作汇报。\n"
        "《方案》部署了五大任务24项重点工程。"
    )
    assert _figure(text, "24项").subject == "《数字政府建设三年行动方案》"


def test_a_plan_named_in_a_heading_holds_for_its_section() -> None:
    text = (
        "二、《城市数据要素发展规划》\n"
        "文件提出要完善数据基础设施，并列出了8项重大项目作为抓手。\n"
        "三、其他工作\n"
        "各地已上线9个数据开放平台。"
    )
    assert _figure(text, "8项").subject == "《城市数据要素发展规划》"
    assert _figure(text, "9个").subject != "《城市数据要素发展规划》"


def test_a_name_right_after_another_is_the_part_meant() -> None:
    text = "“皖事通”手机端“皖企通”日活跃用户超过80万。"
    assert _figure(text, "80万").subject.endswith("“皖企通”")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("个人主页和法人专属网页累计访问3亿次。", "个人主页和法人专属网页"),
        ("建成的城市运行指标体系涵盖120项指标。", "城市运行指标体系"),
    ],
)
def test_coordinated_and_system_bodies_are_named_whole(text: str, name: str) -> None:
    assert name in [m.canon for m in body_mentions(lexicon(), text)]


def test_a_word_opening_with_a_level_character_is_not_a_level() -> None:
    text = "宁波市推进改革。\n市民服务热线全年受理诉求300万件。"
    assert _figure(text, "300万件").subject == "宁波市民服务热线"


def test_a_set_counted_at_a_clause_opening_carries_to_later_clauses() -> None:
    text = "报告指出，全球在线服务水平继续提升，88个会员国达到领先水平，比上期增加9个，占比46%。"
    assert _figure(text, "46%").subject == "会员国"
    assert _figure(text, "88个").subject == "会员国"


def test_a_plans_counts_take_the_year_of_its_document_number() -> None:
    text = "工信部印发《智慧城市建设指导方案》（工信规〔2019〕36号）。\n《方案》确定了6项重点任务。"
    figure = _figure(text, "6项")
    assert (figure.subject, figure.period) == ("《智慧城市建设指导方案》", "2019")


def test_a_rate_over_administrative_units_is_about_those_units() -> None:
    text = "去年全国5G网络乡镇通达率提高到95.5%，社区和行政村的宽带接入率分别为99%和98%。"
    assert _figure(text, "95.5%").subject == "全国乡镇"
    local = "该县便民服务街道覆盖率达到88%。"
    assert _figure(local, "88%").subject == "街道"


def test_rates_over_units_pair_with_a_respectively_list() -> None:
    text = "我国社区养老服务覆盖率和乡镇卫生院数字化率分别达到65%和72%。"
    assert [_figure(text, raw).subject for raw in ("65%", "72%")] == ["全国社区", "全国乡镇"]


def test_coordinated_counts_share_the_first_ones_standing() -> None:
    opening = "全国26个省级政府和150余个地级市政府开通了政务数据开放网站。"
    assert _figure(opening, "150余个").subject == "全国地级市政府"
    objects = "该平台已对接了12个省和30个部门。"
    assert _figure(objects, "30个").subject != "部门"
