"""Consolidation: corroborated claims, conflicts between sources, series, themes, quotes."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
import yaml

from briefing.consolidate.merge import consolidate, find_conflicts, merge_claims
from briefing.extract.figures import extract_figures
from briefing.models import (
    Corpus,
    Extraction,
    Figure,
    Quote,
    SourceRef,
    ThemeMention,
)

ROOT = Path(__file__).resolve().parent.parent
GOLD = yaml.safe_load((ROOT / "tests" / "gold" / "seeds.yaml").read_text(encoding="utf-8"))


def ref(article: str, start: int = 0, sentence: str = "句子。") -> SourceRef:
    return SourceRef(article, f"{article}.txt", start, start + len(sentence), sentence)


def fig(
    article: str,
    value: float,
    metric: str,
    period: str = "2020",
    unit: str = "rank",
    start: int = 0,
) -> Figure:
    return Figure(
        value, unit, f"第{value:g}位", ref(article, start), "exact", period, "中国", metric,
        grade="stated",
    )


def extraction(article: str, *figures: Figure, **kw: object) -> Extraction:
    return Extraction(article, f"{article}.txt", figures=figures, **kw)  # type: ignore[arg-type]


def test_same_figure_from_several_sources_is_one_claim() -> None:
    claims = merge_claims(
        [
            extraction("a", fig("a", 45, "电子政务发展指数排名")),
            extraction("b", replace(fig("b", 45, "电子政务发展指数排名"), key=True)),
        ]
    )
    (claim,) = claims
    assert claim.source_count == 2 and claim.key  # key: one source headlines it


def test_a_claim_no_source_headlines_is_not_key() -> None:
    (claim,) = merge_claims([extraction("a", fig("a", 45, "电子政务发展指数排名"))])
    assert not claim.key


def test_different_values_from_different_sources_conflict() -> None:
    claims = merge_claims(
        [
            extraction("a", fig("a", 45, "电子政务发展指数排名")),
            extraction("b", fig("b", 43, "电子政务发展指数排名")),
        ]
    )
    (conflict,) = find_conflicts(claims, {"a": "甲文", "b": "乙文"})
    assert conflict.note == "电子政务发展指数排名(2020):《甲文》称第45位,《乙文》称第43位"


def test_two_rankings_one_article_states_are_no_conflict() -> None:
    claims = merge_claims(
        [
            extraction(
                "a", fig("a", 9, "在线服务指数排名"), fig("a", 12, "在线服务指数排名", start=10)
            )
        ]
    )
    assert find_conflicts(claims) == ()


def test_related_metrics_of_one_index_never_conflict() -> None:
    claims = merge_claims(
        [
            extraction("a", fig("a", 9, "在线服务指数排名")),
            extraction("b", fig("b", 12, "在线服务国家排名")),
        ]
    )
    assert find_conflicts(claims) == ()


def test_figures_a_source_only_implies_never_conflict() -> None:
    claims = merge_claims(
        [
            extraction("a", fig("a", 45, "电子政务发展指数排名")),
            extraction("b", replace(fig("b", 43, "电子政务发展指数排名"), grade="inferred")),
        ]
    )
    assert find_conflicts(claims) == ()


def test_a_source_implying_the_same_figure_corroborates_a_stated_claim() -> None:
    (claim,) = merge_claims(
        [
            extraction("a", fig("a", 45, "电子政务发展指数排名")),
            extraction("b", replace(fig("b", 45, "电子政务发展指数排名"), grade="inferred")),
        ]
    )
    assert claim.stated and claim.source_count == 2


def test_a_sentence_a_period_was_only_inferred_from_is_kept_beside_the_claim_not_cited() -> None:
    """The earlier sentence that wrote an inferred period is shown as the source's words next
    to the figure's clause; it states no figure, so the claim does not cite it."""
    earlier = ref("a", 100, "2021年，全省政务服务持续优化。")
    figure = replace(fig("a", 3e8, "网上办事用户", unit="persons"), grade="inferred",
                     period_rule="period.paragraph", period_ref=earlier)
    (claim,) = merge_claims([extraction("a", figure)])
    assert claim.period_ref == earlier and earlier not in claim.refs


def test_series_join_only_stated_claims() -> None:
    corpus = consolidate([], [
        extraction("a", fig("a", 45, "电子政务发展指数排名", "2020")),
        extraction("b", replace(fig("b", 65, "电子政务发展指数排名", "2018"), grade="inferred")),
    ])
    assert corpus.series == ()


def test_derived_labels_never_conflict() -> None:
    claims = merge_claims(
        [
            extraction("a", fig("a", 71, "部门", unit="count")),
            extraction("b", fig("b", 46, "部门", unit="count")),
        ]
    )
    assert find_conflicts(claims) == ()


def test_series_sorted_by_period_and_themes_and_quotes() -> None:
    mention_long = ThemeMention(
        "数据安全", "数据安全", ref("a", 0, "我们要保障数据安全并完善制度。")
    )
    mention_short = ThemeMention("数据安全", "数据安全", ref("b", 0, "数据安全很重要。"))
    quote = Quote("王某", "主任", "表示", "要加快发展", ref("a"))
    corpus = consolidate(
        [],
        [
            extraction(
                "a",
                fig("a", 45, "电子政务发展指数排名", "2020"),
                themes=(mention_long,),
                quotes=(quote,),
            ),
            extraction(
                "b",
                fig("b", 65, "电子政务发展指数排名", "2018"),
                themes=(mention_short,),
                quotes=(Quote("王某", "主任", "说", "要加快 发展", ref("b")),),
            ),
        ],
    )
    (series,) = corpus.series
    assert [(p.period, p.value) for p in series.points] == [("2018", 65), ("2020", 45)]
    (theme,) = corpus.themes
    assert theme.mentions[0] is mention_short and theme.article_ids == ("a", "b")
    assert corpus.quotes == (quote,)


@cache
def sample_corpus() -> Corpus:
    from briefing.read import read_articles

    articles, _ = read_articles(ROOT / "data" / "articles")
    return consolidate(
        articles, [Extraction(a.id, a.file, figures=extract_figures(a)) for a in articles]
    )


def _files(refs: tuple[SourceRef, ...]) -> set[str]:
    return {r.file for r in refs}


@pytest.mark.parametrize("entry", GOLD["corroborated"], ids=lambda e: e["metric"])
def test_sample_corroborated_claims_cite_every_source(entry: dict) -> None:
    claims = [
        c
        for c in sample_corpus().claims
        if entry["metric"] in c.metric
        and c.period == str(entry["period"])
        and c.value == entry["value"]
    ]
    assert claims, entry
    assert set(entry["sources"]) <= _files(claims[0].refs)


def test_the_samples_9th_and_12th_online_service_ranks_are_not_a_conflict() -> None:
    # one sentence states an index rank (9th) and a rank among countries (12th): two metrics
    flagged = [c for c in sample_corpus().conflicts if {9, 12} <= {cl.value for cl in c.claims}]
    assert flagged == []


@pytest.mark.parametrize("entry", GOLD["series"], ids=lambda e: e["metric"])
def test_sample_series(entry: dict) -> None:
    (series,) = [
        s
        for s in sample_corpus().series
        if s.metric == entry["metric"] and s.subject == entry["subject"]
    ]
    assert {p.period: p.value for p in series.points} == {
        str(k): v for k, v in entry["points"].items()
    }


def test_values_a_qualifier_reconciles_do_not_conflict() -> None:
    over = Figure(5e8, "persons", "超过5亿", ref("a"), "over", "2020", "中国", "实名注册用户")
    exact = Figure(5.2e8, "persons", "5.2亿", ref("b"), "exact", "2020", "中国", "实名注册用户")
    assert find_conflicts(merge_claims([extraction("a", over), extraction("b", exact)])) == ()


def test_figures_without_subject_never_conflict() -> None:
    a = Figure(95, "percent", "95%", ref("a"), "exact", "2021", None, "网上可办率")
    b = Figure(90, "percent", "90%", ref("b"), "exact", "2021", None, "网上可办率")
    assert find_conflicts(merge_claims([extraction("a", a), extraction("b", b)])) == ()


def test_one_conflict_per_metric_subject_and_period_lists_each_disputing_source() -> None:
    claims = merge_claims(
        [
            extraction("a", fig("a", 9, "在线服务指数排名")),
            extraction("b", fig("b", 12, "在线服务指数排名"), fig("b", 12, "在线服务国家排名", start=9)),
        ]
    )
    (conflict,) = find_conflicts(claims)
    assert conflict.metric == "在线服务指数排名"
    assert {c.value for c in conflict.claims} == {9, 12}
