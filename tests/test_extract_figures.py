"""Figure extraction on sentences written for these tests, in wordings the samples do not use."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from briefing.extract import _text
from briefing.extract.figures import extract_figures
from briefing.models import Article, Figure


def make_article(
    *paragraphs: str, date: str | None = "2022-09-01", language: str = "zh"
) -> Article:
    """An Article whose paragraphs are the given texts, split into sentences as the reader
    splits them."""
    article = _text.make_article("\n".join(paragraphs), file="t.txt")
    return dataclasses.replace(article, id="t", date=date, language=language)


def figures_of(*paragraphs: str, **kw: object) -> list[Figure]:
    return list(extract_figures(make_article(*paragraphs, **kw)))  # type: ignore[arg-type]


def one(figures: list[Figure], raw: str) -> Figure:
    found = [f for f in figures if f.raw == raw]
    assert len(found) == 1, (raw, [f.raw for f in figures])
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "raw", "value", "unit", "qualifier", "period", "subject", "metric"),
    [
        (
            "截至2022年6月，我国网民规模达10.51亿，互联网普及率达74.4%。",
            "10.51亿",
            1_051_000_000,
            "persons",
            "exact",
            "2022-06",
            "中国",
            "网民规模",
        ),
        (
            "截至2022年6月，我国网民规模达10.51亿，互联网普及率达74.4%。",
            "74.4%",
            74.4,
            "percent",
            "exact",
            "2022-06",
            "中国",
            "互联网普及率",
        ),
        (
            "2021年全省政务服务事项网上可办率超过95%。",
            "95%",
            95,
            "percent",
            "over",
            "2021",
            None,
            "网上可办率",
        ),
        (
            "上海市“一网通办”平台实名用户超过7000万。",
            "7000万",
            70_000_000,
            "persons",
            "over",
            "2022",
            "上海市“一网通办”平台",  # the platform, as printed: as specific as the text allows
            "实名注册用户",
        ),
        (
            "2022年联合国电子政务调查报告显示我国电子政务发展指数为0.8119，排名第43位。",
            "0.8119",
            0.8119,
            "index",
            "exact",
            "2022",
            "中国",
            "电子政务发展指数",
        ),
        (
            "2022年联合国电子政务调查报告显示我国电子政务发展指数为0.8119，排名第43位。",
            "第43位",
            43,
            "rank",
            "exact",
            "2022",
            "中国",
            "电子政务发展指数排名",
        ),
        (
            "浙江省去年累计办件量突破1.2亿件。",
            "1.2亿件",
            120_000_000,
            "count",
            "over",
            "2021",
            "浙江省",
            None,
        ),
        (
            "该市在线服务指数排名全国第三名，较2020年上升了五位。",
            "五位",
            5,
            "rank_change",
            "exact",
            None,
            None,
            "在线服务指数排名提升",
        ),
        (
            "全市共建成5G基站约2.3万个，比上年增长12个百分点。",
            "2.3万个",
            23_000,
            "count",
            "about",
            "2022",
            None,
            None,
        ),
    ],
)
def test_new_wordings(
    sentence: str,
    raw: str,
    value: float,
    unit: str,
    qualifier: str,
    period: str | None,
    subject: str | None,
    metric: str | None,
) -> None:
    figure = one(figures_of(sentence), raw)
    assert figure.value == pytest.approx(value)
    assert (figure.unit, figure.qualifier) == (unit, qualifier)
    if period is not None:
        assert figure.period == period
    if subject is not None:
        assert figure.subject == subject
    if metric is not None:
        assert figure.metric == metric


@pytest.mark.parametrize(
    "sentence",
    [
        "2023年7月26日，第十五届中国电子政务论坛在京召开。",
        "全面推进5G网络和163/169网建设，开通12345热线和26键盘服务。",
        "第一，加强数据共享；一是完善制度；第四十三次《中国互联网络发展状况统计报告》发布。",
        "联系电话:010-59756138/6139，邮编:100015，点击次数:402。",
        "京ICP证040089号 京公网安备11010802027341号 ©2008 Copyright 2014-2023。",
        "发布时间:2020-07-28 08:11:46。",
        "《国家信息化发展战略(2006-2020年)》提出，要在“十四五”时期取得突破。",
        "十九届五中全会提出加强数字政府建设。",
        "不到2年的时间，全国政府网站建设范围已经延伸到乡镇。",
    ],
)
def test_not_figures(sentence: str) -> None:
    assert figures_of(sentence) == []


def test_from_to_yields_two_dated_figures() -> None:
    figures = figures_of("我国在线服务指数从2018年的0.8681提高到2022年的0.8876。")
    assert [(f.value, f.period) for f in figures] == [(0.8681, "2018"), (0.8876, "2022")]
    assert {f.metric for f in figures} == {"在线服务指数"}


def test_change_against_a_baseline_year_belongs_to_the_survey_year() -> None:
    figures = figures_of("《2022联合国电子政务调查报告》显示，我国排名第43位，比2020年提升了2位。")
    change = one(figures, "2位")
    assert (change.unit, change.period) == ("rank_change", "2022")


def test_from_value_takes_the_comparison_year() -> None:
    figures = figures_of("报告显示，比2020年明显进步，其中在线服务指数由全球第9位跃升至第5位。")
    assert one(figures, "第9位").period == "2020"
    assert one(figures, "第5位").period == "2022"


def test_period_carries_over_from_the_paragraph() -> None:
    figures = figures_of("2019年，该省启动数字政府改革。当年全省共有政务服务事项1200多项。")
    assert one(figures, "1200多项").period == "2019"


def test_five_year_plan_gives_its_last_year() -> None:
    figures = figures_of("到“十三五”时期，全省建成政务数据库约120个。")
    assert one(figures, "120个").period == "2020"


def test_duration_has_no_period() -> None:
    figures = figures_of("我国电子政务经历了30多年的发展历程。")
    duration = one(figures, "30多年")
    assert (duration.unit, duration.qualifier, duration.period) == ("years", "over", None)


def test_chinese_numeral_rank_and_derived_related_rank() -> None:
    figures = figures_of("在线服务指数排名升至全球第八位，国家排名位居第11位。")
    assert one(figures, "第八位").metric == "在线服务指数排名"
    assert one(figures, "第11位").metric == "在线服务国家排名"


def test_fallback_label_from_the_words_around_the_number() -> None:
    figures = figures_of("目前该平台已接入1800个政务应用，个人用户总数达360万。")
    assert one(figures, "1800个").metric == "政务应用"
    users = one(figures, "360万")
    assert (users.metric, users.unit) == ("个人用户总数", "persons")


def test_ref_quotes_the_original_sentence() -> None:
    article = make_article("开头一句。截至２０２２年底，全国共有政务网站１４５６５个。")
    (figure,) = extract_figures(article)
    assert figure.ref.sentence == "截至２０２２年底，全国共有政务网站１４５６５个。"
    assert article.text[figure.ref.start : figure.ref.end] == figure.ref.sentence


@pytest.mark.parametrize(
    ("sentence", "raw", "value", "unit", "period", "metric"),
    [
        (
            "China ranked 45th in the 2020 UN E-Government Survey, up from 65th in 2018.",
            "45th",
            45,
            "rank",
            "2020",
            "电子政务发展指数排名",
        ),
        (
            "China ranked 45th in the 2020 UN E-Government Survey, up from 65th in 2018.",
            "65th",
            65,
            "rank",
            "2018",
            "电子政务发展指数排名",
        ),
        (
            "In 2020 China reached an EGDI of 0.7948, its highest score so far.",
            "0.7948",
            0.7948,
            "index",
            "2020",
            "电子政务发展指数",
        ),
        (
            "Its Online Service Index rose to 0.9059 in 2020, placing China 9th worldwide.",
            "0.9059",
            0.9059,
            "index",
            "2020",
            "在线服务指数",
        ),
        (
            "China's EGDI ranking moved up 20 places in 2020.",
            "20 places",
            20,
            "rank_change",
            "2020",
            "电子政务发展指数排名提升",
        ),
        (
            "By June 2022 China had 1.05 billion internet users, a penetration rate of 74.4%.",
            "1.05 billion",
            1_050_000_000,
            "persons",
            "2022-06",
            "网民规模",
        ),
    ],
)
def test_english_survey_figures(
    sentence: str, raw: str, value: float, unit: str, period: str, metric: str
) -> None:
    figure = one(figures_of(sentence, language="en"), raw)
    assert (figure.value, figure.unit, figure.period, figure.metric) == (
        pytest.approx(value),
        unit,
        period,
        metric,
    )
    assert figure.subject == "中国"


@pytest.mark.parametrize(
    ("sentence", "raw", "unit", "metric"),
    [
        (
            "我国电子政务发展指数为0.8718，在193个成员国中排名第35位。",
            "第35位",
            "rank",
            "电子政务发展指数排名",
        ),
        ("其中在线服务指数为0.9294，排名第十二。", "第十二", "rank", "在线服务指数排名"),
        ("丹麦电子政务发展指数以0.9717位居第一位。", "0.9717", "index", "电子政务发展指数"),
        (
            "截至2023年12月，我国网民规模达10.92亿人，较2022年12月增长2480万人。",
            "2480万人",
            "persons",
            "网民规模增长",
        ),
        ("全省政务服务平台访问量年均增长30%左右。", "30%", "percent", "政务服务平台访问量增长"),
        ("全省开放数据集1.2万个。", "1.2万个", "count", "开放数据集"),  # the verb modifies the noun
    ],
)
def test_metric_labels(sentence: str, raw: str, unit: str, metric: str) -> None:
    figure = one(figures_of(sentence), raw)
    assert (figure.unit, figure.metric) == (unit, metric)


@pytest.mark.parametrize(
    "sentence",
    [
        "The 14th Five-Year Plan was adopted at the fifth plenary session of the 19th CPC Central Committee.",
        "Posted on 2023-05-12. Page 2 of 5. Tel: +86 10 1234 5678.",
        "推行“1+N”政策体系，提供7×24小时服务，打造政务服务2.0版，G20峰会期间。",
        "发布时间：2023-05-12 来源：河南省政府网 阅读量：3456 【字体：大 中 小】",
        "豫ICP备05018140号 豫公网安备 41010502003328号 网站标识码：4100000001",
    ],
)
def test_more_names_and_page_noise_are_not_figures(sentence: str) -> None:
    assert figures_of(sentence) == []


def test_english_rank_without_named_index() -> None:
    figures = figures_of("China rose to 43rd place in 2022 from 45th in 2020.", language="en")
    assert [(f.value, f.period, f.metric) for f in figures] == [
        (43, "2022", "ranking"),
        (45, "2020", "ranking"),
    ]


def test_subject_is_the_clause_topic_not_an_item_of_a_list() -> None:
    figures = figures_of(
        "目前全国一体化政务服务平台已覆盖31个省(区、市)和新疆生产建设兵团以及46个国务院部门。"
    )
    assert one(figures, "46个").subject == "全国一体化政务服务平台"


def test_subject_in_a_title_is_ignored() -> None:
    figures = figures_of("在《联合国电子政务调查报告》中，我国电子政务发展指数位居45名。")
    assert one(figures, "45名").subject == "中国"


@pytest.mark.parametrize(
    ("sentence", "raw", "value", "unit", "qualifier"),
    [
        ("我国建设了包括国家经济信息系统等十余个信息系统。", "十余个", 10, "count", "over"),
        ("全省三千多万人使用健康码。", "三千多万人", 30_000_000, "persons", "over"),
        ("经过二十多年发展，成效显著。", "二十多年", 20, "years", "over"),
        ("服务群众达两千万人次。", "两千万人次", 20_000_000, "person_times", "exact"),
    ],
)
def test_chinese_numeral_counts(
    sentence: str, raw: str, value: float, unit: str, qualifier: str
) -> None:
    figure = one(figures_of(sentence), raw)
    assert (figure.value, figure.unit, figure.qualifier) == (value, unit, qualifier)


def test_bare_chinese_numeral_counts_are_rhetoric() -> None:
    assert figures_of("千万不要忽视安全，从三个方面、四大数据库、五次会议、十三项任务入手。") == []


def test_english_month_and_year() -> None:
    figures = figures_of("By June 2022 China had 1.05 billion internet users.", language="en")
    assert one(figures, "1.05 billion").period == "2022-06"


def test_a_clause_ranking_something_else_is_not_the_index_rank() -> None:
    figures = figures_of("我国电子政务发展指数排名第45位，其中浙江省政务服务能力排名全国第一。")
    first = one(figures, "第一")
    assert (first.value, first.subject, first.metric) == (1, "浙江省", "政务服务能力排名")
    assert one(figures, "第45位").metric == "电子政务发展指数排名"


def test_to_value_without_its_own_year_takes_the_report_year() -> None:
    figures = figures_of(
        "根据《2022联合国电子政务调查报告》，我国电子政务发展指数从2020年的0.7948"
        "提升到0.8119，排名从全球第45位升至第43位。"
    )
    assert [(f.raw, f.period) for f in figures] == [
        ("0.7948", "2020"),
        ("0.8119", "2022"),
        ("第45位", "2020"),  # the "from" of a frame parallel to 从2020年的0.7948
        ("第43位", "2022"),
    ]


@pytest.mark.parametrize(
    ("sentence", "raw", "metric"),
    [
        ("“最多跑一次”实现率达95%。", "95%", "最多跑一次实现率"),
        ("全市按时办结率99.6%。", "99.6%", "按时办结率"),
    ],
)
def test_labels_when_word_tags_fail(sentence: str, raw: str, metric: str) -> None:
    assert one(figures_of(sentence), raw).metric == metric


def test_rank_change_without_a_named_index() -> None:
    figures = figures_of("全省数字政府排名比2020年提升了5位。")
    assert one(figures, "5位").metric == "数字政府排名提升"
    assert one(figures_of("比上次提升了5位。"), "5位").metric == "排名提升"


def test_comma_between_two_numbers_is_not_a_thousands_separator() -> None:
    figures = figures_of("全省政务服务事项2019年为850,2020年为920项。")
    assert [f.value for f in figures] == [920]


def test_english_counts_of_plural_nouns() -> None:
    figures = figures_of(
        "The platform now covers 31 provinces and 46 State Council departments "
        "and has over 1 billion registered users, 20 years after it began.",
        language="en",
    )
    assert [(f.raw, f.unit, f.metric) for f in figures] == [
        ("31", "count", "provinces"),
        ("46", "count", "State Council departments"),
        ("1 billion", "persons", "实名注册用户"),
    ]


@pytest.mark.parametrize(
    ("sentence", "raw", "value", "qualifier"),
    [
        ("全省已有近百项服务实现“秒批”。", "百项", 100, "about"),
        ("培育了百余家数字政府服务企业。", "百余家", 100, "over"),
    ],
)
def test_chinese_numeral_approximations(
    sentence: str, raw: str, value: float, qualifier: str
) -> None:
    figure = one(figures_of(sentence), raw)
    assert (figure.value, figure.qualifier) == (value, qualifier)


@pytest.mark.parametrize(
    "sentence",
    [
        "根据《关于加快推进全国一体化在线政务服务平台建设的指导意见》（国发〔2018〕27号）第5条。",
        "依据GB/T 12345-2020标准，3.1 总体要求如下。",
        "二〇二三年，三年行动计划（2021—2023年）顺利收官。",
    ],
)
def test_document_numbers_are_not_figures(sentence: str) -> None:
    assert figures_of(sentence) == []


def test_traditional_full_width_text_through_the_reader(tmp_path: Path) -> None:
    from briefing.read import read_article

    path = tmp_path / "t.txt"
    path.write_text(
        "標題\n截至２０２２年６月，我國網民規模達１０．５１億，互聯網普及率達７４．４％。\n",
        encoding="utf-8",
    )
    figures = extract_figures(read_article(path))
    assert [(f.raw, f.value, f.period, f.subject, f.metric) for f in figures] == [
        ("１０．５１億", 1_051_000_000, "2022-06", "中国", "网民规模"),
        ("７４．４％", 74.4, "2022-06", "中国", "互联网普及率"),
    ]


def test_page_counters_are_not_figures_but_view_counts_in_the_body_are() -> None:
    assert figures_of("1234人阅读 12万次浏览 3条评论 56人点赞。") == []
    assert one(figures_of("全省政务网站浏览量达1.2亿次。"), "1.2亿次").value == 120_000_000


def test_rank_phrases_with_mingci_and_scope_only() -> None:
    figures = figures_of("在线服务指数位列全球第15，排名上升了10个名次，居世界第二。")
    assert one(figures, "10个名次").unit == "rank_change"
    assert one(figures, "第15").metric == "在线服务指数排名"
    assert one(figures, "第二").metric == "在线服务指数排名"


def test_present_tense_clause_takes_the_publication_year() -> None:
    figures = figures_of("该平台2019年上线，目前注册用户超过5亿。", date="2021-06-01")
    assert one(figures, "5亿").period == "2021"


@pytest.mark.parametrize(
    ("sentence", "raw", "unit"),
    [
        ("The province invested $1.2 billion in digital government.", "1.2 billion", "usd"),
        ("The city spent RMB 3.5 billion on its data centre.", "3.5 billion", "yuan"),
        ("Beijing invested 2 billion yuan in 2021.", "2 billion", "yuan"),
    ],
)
def test_english_money(sentence: str, raw: str, unit: str) -> None:
    assert one(figures_of(sentence, language="en"), raw).unit == unit


def test_time_saved_is_a_change() -> None:
    figures = figures_of("办理时限平均压缩60%，减少材料1.2万份。")
    assert one(figures, "60%").metric == "办理时限压缩"


@pytest.mark.parametrize(
    ("sentence", "raw", "metric"),
    [
        ("全省95%以上的政务服务事项实现“一网通办”。", "95%", "政务服务事项"),
        ("“掌上办”比例达到85.3%。", "85.3%", "掌上办比例"),
        ("向11个设区市、90个县(市、区)提供数据共享服务。", "90个", "县"),
    ],
)
def test_labels_after_qualifiers_and_for_generic_words(
    sentence: str, raw: str, metric: str
) -> None:
    assert one(figures_of(sentence), raw).metric == metric


def test_english_article_paragraphs_share_the_survey_subject() -> None:
    article = make_article(
        "China ranked 43rd among 193 UN member states in the 2022 United Nations E-Government "
        "Survey, up two places from 45th in 2020.",
        "The country's E-Government Development Index (EGDI) reached 0.8119 in 2022.",
        language="en",
    )
    figures = extract_figures(article)
    change = one(list(figures), "two places")
    assert (change.value, change.period, change.unit) == (2, "2022", "rank_change")
    index = one(list(figures), "0.8119")
    assert (index.subject, index.metric) == ("中国", "电子政务发展指数")


def test_respectively_pairs_subjects_and_figures_in_order() -> None:
    figures = figures_of("北京、上海、广东的网上可办率分别为95%、96%和98%。")
    assert [(f.subject, f.value, f.metric) for f in figures] == [
        ("北京市", 95, "网上可办率"),
        ("上海市", 96, "网上可办率"),
        ("广东省", 98, "网上可办率"),
    ]


def test_sentence_opening_with_now_does_not_inherit_last_sentence_year() -> None:
    figures = figures_of(
        "2021年，全省网上可办率达到98.5%。目前，平台日均访问量超过300万次。", date="2022-03-01"
    )
    assert one(figures, "98.5%").period == "2021"
    assert one(figures, "300万次").period == "2022"


@pytest.mark.parametrize(("paragraph", "value", "period"), [
    ("The country's EGDI reached 0.8119 in 2022, compared with 0.7948 in 2020. "
     "Its Online Service Index stood at 0.8876.", 0.8876, "2022"),
    ("我国电子政务发展指数为0.8119，与2020年的0.7948相比有所提高。在线服务指数达0.8876。",
     0.8876, None),
])
def test_a_comparison_year_does_not_carry_to_the_next_sentence(
    paragraph: str, value: float, period: str | None, tmp_path: Path
) -> None:
    from briefing.read import read_article

    path = tmp_path / "survey.txt"
    path.write_text(f"UN survey\n\n{paragraph}\n", encoding="utf-8")
    found = [f for f in extract_figures(read_article(path)) if f.value == value]
    assert found
    assert found[0].period != "2020"
    if period:
        assert found[0].period == period


def test_a_range_of_ranks_is_handed_out_to_the_listed_subjects() -> None:
    figures = figures_of("江苏、山东、福建分列第四至六名,得分均在70分以上。")
    ranks = [(f.subject, f.value, f.unit) for f in figures if f.unit == "rank"]
    assert ranks == [("江苏省", 4, "rank"), ("山东省", 5, "rank"), ("福建省", 6, "rank")]
    score = one(figures, "70分")
    assert (score.value, score.unit, score.qualifier, score.metric) == (70, "index", "over", "得分")


def test_first_place_in_a_scope_is_rank_one_of_the_subject_before() -> None:
    figures = figures_of("2021年江西省智慧农业发展水平在全国位居首位。")
    first = one(figures, "首位")
    assert (first.value, first.unit, first.subject, first.period) == (1, "rank", "江西省", "2021")
    assert first.metric is not None and first.metric.endswith("排名")


def test_a_share_of_administrative_units_is_about_those_units() -> None:
    figures = figures_of("全国开通网上议事的行政村占比已超五成。")
    share = one(figures, "五成")
    assert (share.value, share.unit, share.qualifier) == (50, "percent", "over")
    assert share.subject == "全国行政村"


def test_a_duration_complement_is_labelled_by_its_verb() -> None:
    figure = one(figures_of("这项改革已经推行两年,成效初显。"), "两年")
    assert (figure.value, figure.unit, figure.period, figure.metric) == (2, "years", None, "推行年数")


def test_a_multiple_of_a_base_is_labelled_by_what_is_compared() -> None:
    figures = figures_of("开放的数据集超过了5万个,是三年前的9倍。")
    multiple = one(figures, "9倍")
    assert (multiple.value, multiple.unit, multiple.metric) == (9, "times", "数据集倍数")


def test_a_score_above_one_is_an_index_value() -> None:
    figure = one(figures_of("该区数字政府总得分为91.2,排名全省第二。"), "91.2")
    assert (figure.unit, figure.metric) == ("index", "数字政府总得分")


def test_an_amount_after_a_share_goes_on_about_the_amount_before() -> None:
    figures = figures_of("全省注册用户达3100万,占比为90%,较上年增加400万。")
    change = one(figures, "400万")
    assert change.unit == "persons"
    assert change.metric is not None and change.metric.endswith("增加")
    assert "占比" not in change.metric


def test_english_visits_and_thousands_grouped_counts() -> None:
    visits = one(
        figures_of("The portal has been visited 3.2 billion times since 2019.", language="en"),
        "3.2 billion",
    )
    assert (visits.value, visits.unit, visits.metric) == (3_200_000_000, "calls", "visits")
    figures = figures_of(
        "Thanks to the reform of county service halls, the number went from about 1,200 in 2018 "
        "to 2,450 in 2023.",
        language="en",
    )
    assert [(f.raw, f.unit, f.qualifier, f.period, f.metric) for f in figures] == [
        ("1,200", "count", "about", "2018", "county service halls"),
        ("2,450", "count", "exact", "2023", "county service halls"),
    ]


def test_a_report_named_later_does_not_date_the_figures_before_it() -> None:
    article = make_article(
        "近年来，全省政务数据平台已接入58个部门和1200个信息系统。",
        "《2023年数字政府发展指数报告》显示，该省排名第5位。",
        date=None,
    )
    periods = {f.raw: f.period for f in extract_figures(article)}
    assert periods["58个"] is None  # stated before the report is named: not the report's
    assert periods["第5位"] == "2023"


def test_a_heading_over_the_paragraph_naming_a_report_takes_its_year() -> None:
    article = make_article(
        "一、成效明显，全省政务服务能力排名全国第3",
        "在《2023年省级政府一体化政务服务能力评估报告》中，该省排名全国第3。",
        date=None,
    )
    periods = [f.period for f in extract_figures(article) if f.unit == "rank"]
    assert periods and all(p == "2023" for p in periods)
