"""The audit record is the product's promise: every printed figure is in the sentence it cites.

Builds the sample corpus once for every audience, then walks each `.json` audit record:
- each citation quotes its article verbatim at the stated offsets, inside the article body;
- each number printed in a statement appears in one of the sentences it cites, after folding
  万/亿/% forms and Chinese numerals;
- no cited sentence is page noise (phone numbers, postcodes, ICP numbers, click counts,
  publication timestamps).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from briefing.build import BuildOptions, build
from briefing.read import read_articles
from conftest import shared_dir
from fixtures_numbers import folded_values, printed_numbers

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"

_NOISE = [
    re.compile(r"\d{3,4}-\d{7,8}"),  # phone
    re.compile(r"(ICP|公网安备|邮\s*编)"),
    re.compile(r"点击(次数|数|量)|阅读(数|量)|浏览(次数|量)"),
    re.compile(r"\d{4}-\d{2}-\d{2}\s+\d{2}:\d{2}"),  # publication timestamp
    re.compile(r"版权所有|免责声明|责任编辑|责编"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    report = build(BuildOptions(ARTICLES, out, ("leadership", "department", "public", "english"),
                                issue_date=dt.date(2026, 11, 22)))
    assert not report.failed, report.failed
    return out


@pytest.fixture(scope="module")
def articles() -> dict[str, object]:
    arts, _ = read_articles(ARTICLES)
    return {a.file: a for a in arts}


def _records(out: Path) -> list[tuple[Path, dict]]:
    paths = sorted(out.glob("*/*.json"))
    assert len(paths) == 4, paths
    return [(p, json.loads(p.read_text(encoding="utf-8"))) for p in paths]


def test_every_citation_quotes_its_article_body(built: Path, articles: dict) -> None:
    checked = 0
    for path, record in _records(built):
        for statement in record["statements"]:
            assert statement["citations"], f"{path.name}: uncited statement {statement['text']!r}"
            for cite in statement["citations"]:
                article = articles[cite["file"]]
                assert article.text[cite["start"]:cite["end"]] == cite["sentence"]
                in_body = any(p.start <= cite["start"] and cite["end"] <= p.end
                              for p in article.paragraphs)
                assert in_body, f"{cite['file']}: cited span is outside the body"
                checked += 1
    assert checked > 20


def test_every_printed_figure_is_in_a_cited_sentence(built: Path) -> None:
    figures = 0
    for path, record in _records(built):
        for statement in record["statements"]:
            stated = set().union(*(folded_values(c["sentence"]) for c in statement["citations"]))
            for number in printed_numbers(statement["text"]):
                assert number in stated, (
                    f"{path.parent.name}: {number} in {statement['text']!r} "
                    f"is in none of its cited sentences"
                )
                figures += 1
    assert figures > 10  # the briefs do print figures


def test_no_citation_comes_from_page_noise(built: Path) -> None:
    for path, record in _records(built):
        for statement in record["statements"]:
            for cite in statement["citations"]:
                for pattern in _NOISE:
                    assert not pattern.search(cite["sentence"]), (path, cite["sentence"])


def test_sources_are_numbered_and_described(built: Path) -> None:
    for path, record in _records(built):
        keys = [s["key"] for s in record["sources"]]
        assert keys == list(range(1, len(keys) + 1))
        assert all(s["title"] for s in record["sources"])


def test_charts_come_from_extracted_series(built: Path) -> None:
    """The EGDI rank chart shows the years and ranks the articles state, nothing else."""
    charts = [c for _, r in _records(built) for c in r["charts"]]
    assert charts
    for chart in charts:
        if chart["kind"] not in ("line", "bar"):
            continue  # timeline and matrix: tests/test_chart_specs.py
        for series in chart["series"]:
            assert len(series["points"]) >= 2
            for x, y in series["points"]:
                assert re.fullmatch(r"\d{4}(-\d{2})?", str(x))
                assert isinstance(y, (int, float))


@pytest.mark.parametrize(("text", "value"), [
    ("用户规模达13.19亿", 1319000000.0),
    ("个人用户总数2040万", 20400000.0),
    ("跃升至全球第九位", 9.0),
    ("占全球网民总规模的32.17%", 32.17),
])
def test_folding_understands_scales_and_numerals(text: str, value: float) -> None:
    assert value in folded_values(text)


def test_english_scale_words_are_folded() -> None:
    assert printed_numbers("Mobile internet users: 1.319 billion") == {1319000000.0}


def test_every_statement_says_what_it_states_and_which_figures(built: Path) -> None:
    """Audit records carry `kind` and `facts` (metric, subject, period, value, unit)."""
    kinds = set()
    for path, record in _records(built):
        for statement in record["statements"]:
            assert statement["kind"], statement["text"]
            kinds.add(statement["kind"])
            stated = set().union(*(folded_values(c["sentence"]) for c in statement["citations"]))
            for fact in statement["facts"]:
                assert set(fact) >= {"metric", "subject", "period", "value", "unit"}
                assert round(abs(fact["value"]), 6) in stated, (path.parent.name, fact)
    assert {"headline", "figure", "recommendation"} <= kinds


@pytest.fixture(scope="module")
def built_with_corpus2(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples and ../shared/corpus2 together, as a user adding a folder of pages would."""
    corpus2 = shared_dir("corpus2", "articles")
    folder = tmp_path_factory.mktemp("articles")
    for source in (*ARTICLES.iterdir(), *corpus2.iterdir()):
        if source.is_file():
            (folder / source.name).write_bytes(source.read_bytes())
    out = tmp_path_factory.mktemp("out2")
    # every audience: one page's stray character must not cost any audience its brief
    report = build(BuildOptions(folder, out, ("leadership", "department", "public", "english"),
                                issue_date=dt.date(2026, 11, 22)))
    assert not report.failed, report.failed
    return out


def test_with_many_articles_the_leadership_brief_stays_within_two_pages(
        built_with_corpus2: Path) -> None:
    from pypdf import PdfReader

    assert len(PdfReader(built_with_corpus2 / "leadership" / "brief.pdf").pages) <= 2


def test_with_many_articles_conflicts_join_one_subject_and_period_and_sources_are_named(
        built_with_corpus2: Path) -> None:
    record = json.loads((built_with_corpus2 / "leadership" / "brief.json").read_text("utf-8"))
    for statement in record["statements"]:
        if statement["kind"] == "conflict":
            assert len({(f["subject"], f["period"]) for f in statement["facts"]}) == 1
    for source in record["sources"]:
        name = source["title"] or source["opening"]  # an untitled source: its opening words
        assert name and source["file"] not in name
        assert not re.search(r"\.(txt|html?|md|docx)$", name)
        assert not re.search(r"首页|当前位置|您的位置|>\s*正文", name), name
