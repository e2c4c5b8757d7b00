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

from briefing.build import build
from briefing.read import read_articles
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
    report = build(ARTICLES, out, ["leadership", "department", "public", "english"],
                   issue_date=dt.date(2026, 11, 22))
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
