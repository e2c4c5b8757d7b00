"""How far the text states a figure (extract/grades.py) and the mechanisms that make a finding
stated: each on sentences written for these tests, with the rule ids the figure records."""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefing.extract._text import make_article
from briefing.extract.figures import extract_figures
from briefing.extract.grades import INFERRED, STATED, UNKNOWN, grade_of, policy
from briefing.models import Figure, SourceRef


def figures(*paragraphs: str, date: str | None = "2024-03-01") -> dict[str, Figure]:
    """Each figure's printed number → the figure (one paragraph per argument)."""
    article = replace(make_article("\n".join(paragraphs)), date=date)
    return {f.raw: f for f in extract_figures(article)}


# --- grades


def test_a_figure_whose_clause_names_value_subject_and_year_is_stated() -> None:
    found = figures("2022年，我国电子政务发展指数为0.8119。")["0.8119"]
    assert (found.subject, found.period, found.grade) == ("中国", "2022", STATED)
    assert found.subject_rule == "subject.clause_topic" and found.period_rule == "period.own_time"


def test_a_year_carried_from_an_earlier_sentence_of_the_paragraph_is_inferred() -> None:
    found = figures("2021年，全省政务服务持续优化。我国网上办事用户达到3亿人。")["3亿人"]
    assert found.period == "2021" and found.period_rule == "period.paragraph"
    assert found.grade == INFERRED


def test_a_period_found_in_a_wider_scope_records_the_sentence_that_writes_it() -> None:
    """The brief shows that sentence beside the figure's clause; the figure stays inferred."""
    carried = figures("2021年，全省政务服务持续优化。我国网上办事用户达到3亿人。")["3亿人"]
    assert carried.period_ref is not None and carried.period_ref.sentence == "2021年，全省政务服务持续优化。"
    assert carried.grade == INFERRED
    as_of = figures("截至2022年底，全省建成政务服务中心120个。", "我国网上办事用户达到3亿人。")["3亿人"]
    assert as_of.period_rule == "period.as_of" and as_of.grade == INFERRED
    assert as_of.period_ref is not None and "截至2022年底" in as_of.period_ref.sentence


def test_a_period_of_the_figure_s_own_sentence_records_no_other_sentence() -> None:
    found = figures("2021年，全省政务服务持续优化。2022年，我国网上办事用户达到3亿人。")["3亿人"]
    assert found.period_rule == "period.own_time" and found.period_ref is None


@pytest.mark.parametrize(("sentence", "raw", "period"), [
    ("预计到2025年，全省政务服务平台用户将达到5000万。", "5000万", "2025"),
    ("By 2050, China could have 500 million people aged 60 and older.", "500 million", "2050"),
])
def test_a_target_or_forecast_year_is_stated_and_recorded_as_a_target(
        sentence: str, raw: str, period: str) -> None:
    found = figures(sentence)[raw]
    assert (found.period, found.period_rule, found.grade) == (period, "period.target", STATED)


def test_a_year_already_past_is_no_target() -> None:
    found = figures("2023年，全省政务服务平台用户达到5000万。")["5000万"]
    assert found.period_rule == "period.own_time"


def test_a_figure_without_subject_is_unknown() -> None:
    found = figures("2023年，注册用户达到2000万。", date=None)["2000万"]
    assert found.subject is None and found.grade == UNKNOWN


def test_every_rule_the_policy_names_is_one_the_extractor_records() -> None:
    rules = policy()
    assert all(r.startswith("subject.") for r in rules.subject_rules)
    assert all(r.startswith("period.") for r in rules.period_rules)
    assert rules.stated_scopes == {"clause", "sentence"}


def test_grade_reads_rules_and_scopes_not_the_values() -> None:
    ref = SourceRef("a", "a.txt", 0, 12, "2022年有1个。")
    base = Figure(value=1.0, unit="count", raw="1个", ref=ref, subject="中国", period="2022",
                  subject_scope="clause", period_scope="clause",
                  subject_rule="subject.clause_topic", period_rule="period.own_time")
    assert grade_of(base) == STATED
    assert grade_of(replace(base, subject_scope="paragraph")) == INFERRED
    assert grade_of(replace(base, period_rule="period.publication", period_scope="article")) == INFERRED
    assert grade_of(replace(base, period=None)) == UNKNOWN
    assert grade_of(replace(base, unit="years", period=None, period_rule="")) == STATED


# --- subjects the sentence itself gives


def test_a_population_named_by_its_age_is_the_subject_and_counted_in_persons() -> None:
    found = figures("截至2023年底，我国65岁以上人口达2.1亿。")["2.1亿"]
    assert found.subject.endswith("65岁以上人口")
    assert found.unit == "persons"


def test_the_whole_a_share_is_taken_of_is_not_its_subject() -> None:
    found = figures("2021年，我国光纤用户达5亿户，全球占比超过50%。")["50%"]
    assert found.subject == "中国"


def test_a_survey_named_in_a_locative_phrase_is_not_the_ranked_subject() -> None:
    found = figures("在世界银行营商环境评估中，我国排名从2018年的第46位上升到2019年的第31位。")
    assert found["第46位"].subject == "中国" and found["第31位"].subject == "中国"
    assert (found["第46位"].period, found["第31位"].period) == ("2018", "2019")


@pytest.mark.parametrize(("sentence", "raw", "subject"), [
    ("2023年，85%的县级政务服务事项实现网上办理。", "85%", "县级政务服务事项"),
    ("2023年，北京市约90%的社区已接入。", "90%", "北京市"),  # the name before it holds the share
])
def test_a_percentage_of_a_noun_is_a_share_of_that_noun(sentence: str, raw: str,
                                                       subject: str) -> None:
    assert figures(sentence)[raw].subject == subject


def test_each_respectively_pairs_its_own_names_and_values() -> None:
    found = figures("2022年，从地区来看，欧洲电子政务发展指数最高，达0.83；其次是亚洲和美洲，"
                    "分别为0.65和0.64；大洋洲和非洲最低，分别为0.51和0.41。")
    assert [found[v].subject for v in ("0.65", "0.64", "0.51", "0.41")] == \
        ["亚洲", "美洲", "大洋洲", "非洲"]
    assert found["0.65"].subject_rule == "subject.respectively"


def test_a_clause_with_a_holder_of_its_own_does_not_take_the_sentence_subject_as_stated() -> None:
    found = figures("2022年，我国软件业务收入达10万亿元，工业互联网产业增加值4.5万亿元，同比增长10%。")
    assert found["4.5万亿元"].grade != STATED
    assert found["10万亿元"].grade == STATED


def test_an_english_name_before_its_verb_of_ranking_is_the_subject() -> None:
    found = figures("Finland and Korea lead the 2024 ranking, with France rising three places to 10th.")
    assert found["10th"].subject == "法国"


# --- values and periods


def test_a_rank_range_that_defines_a_group_is_no_figure() -> None:
    found = figures("2022年，我国营收排名前50的软件企业研发投入达1200亿元。")
    assert "前50" not in found and "1200亿元" in found


def test_a_comparison_value_takes_the_comparisons_year() -> None:
    found = figures("报告显示，2023年全球电子政务发展指数平均为0.65，比2021年调查时的0.61有所提升。")
    assert found["0.65"].period == "2023" and found["0.61"].period == "2021"


def test_a_count_before_a_from_to_pair_takes_the_to_year() -> None:
    found = figures("我国排名在150个参评国家中从2015年的第60位上升到2023年的第30位。")
    assert found["150个"].period == "2023"


def test_ranks_written_without_di_after_a_ranking_from_to_are_ranks() -> None:
    found = figures("从2015年到2023年，我国营商环境排名从78位上升到31位。")
    assert found["78位"].unit == "rank" and found["31位"].unit == "rank"


def test_a_sentence_citing_the_report_takes_the_reports_year_as_stated() -> None:
    found = figures("《2022年全国数字政府评估报告》发布。", "报告显示，全国政务服务网站达到3000个。",
                    date="2022-11-01")["3000个"]
    assert found.period_rule == "period.cited_report" and found.grade == STATED


@pytest.mark.parametrize(("sentence", "raw", "subject"), [
    ("Overall, 68.91 per cent of Member States are at a high level in 2022.", "68.91 per cent",
     "Member States"),
    ("In 2024, 92.5% of provincial licensing matters can be handled online.", "92.5%",
     "provincial licensing matters"),
])
def test_an_english_percentage_of_a_plural_noun_is_a_share_of_it(sentence: str, raw: str,
                                                                 subject: str) -> None:
    assert figures(sentence)[raw].subject == subject


@pytest.mark.parametrize(("sentence", "raw", "subject"), [
    ("2022年，我国电子政务发展指数为0.81，高于全球平均水平0.61。", "0.61", "全球平均"),
    ("Its EGDI stood at 0.81 in 2022, higher than the global average value of 0.61.", "0.61",
     "全球平均"),
])
def test_a_value_right_after_the_name_it_is_compared_with_is_that_names(
        sentence: str, raw: str, subject: str) -> None:
    assert figures(sentence)[raw].subject == subject


def test_what_a_figure_is_compared_with_is_never_its_subject() -> None:
    found = figures("The EGDI stood at 0.81 in 2022, higher than the global average.")["0.81"]
    assert found.subject != "全球平均"


def test_a_name_only_after_the_figure_is_not_stated() -> None:
    assert "subject.named_after" not in policy().subject_rules


def test_a_count_that_sizes_the_field_of_a_rank_is_the_fields() -> None:
    found = figures("2022年，中国位列193个成员国的第43位。")
    assert found["193个"].subject == "成员国" and found["193个"].subject_rule == "subject.field_size"
    assert found["第43位"].subject == "中国" and found["第43位"].unit == "rank"
