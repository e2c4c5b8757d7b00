"""JsonWriter: the audit record's schema, and readable (not \\u-escaped) Chinese."""

from __future__ import annotations

import json

import pytest
from fixtures_briefing import chinese_briefing, english_briefing

from briefing.render.base import RenderContext
from briefing.render.json import JsonWriter, audit_record
from briefing.render.style import load_style

BRIEFINGS = {"zh": chinese_briefing, "en": english_briefing}
CITATION_KEYS = {"file", "article_id", "sentence", "start", "end"}
SOURCE_KEYS = {"key", "title", "outlet", "date", "url"}


@pytest.fixture(params=sorted(BRIEFINGS))
def written(request, tmp_path):
    briefing = BRIEFINGS[request.param]()
    path = tmp_path / "brief.json"
    JsonWriter().write(briefing, RenderContext(style=load_style(briefing.style)), path)
    return briefing, path


def test_top_level(written):
    briefing, path = written
    record = json.loads(path.read_text(encoding="utf-8"))
    assert {"audience", "title", "date", "language", "statements", "charts", "sources"} <= set(record)
    assert (record["audience"], record["title"], record["date"], record["language"]) == (
        briefing.audience, briefing.title, briefing.date, briefing.language)


def test_statements_with_citations(written):
    briefing, path = written
    statements = json.loads(path.read_text(encoding="utf-8"))["statements"]
    assert len(statements) == len(briefing.statements)
    for got, statement in zip(statements, briefing.statements):
        assert got["text"] == statement.text
        assert len(got["citations"]) == len(statement.citations) >= 1
        for citation, ref in zip(got["citations"], statement.citations):
            assert CITATION_KEYS <= set(citation)
            assert citation == {"file": ref.file, "article_id": ref.article_id,
                                "sentence": ref.sentence, "start": ref.start, "end": ref.end}
            assert isinstance(citation["start"], int) and isinstance(citation["end"], int)
            assert citation["start"] < citation["end"]


def test_charts_with_points_as_pairs(written):
    briefing, path = written
    charts = json.loads(path.read_text(encoding="utf-8"))["charts"]
    assert len(charts) == len(briefing.charts)
    for got, spec in zip(charts, briefing.charts):
        assert got["id"] == spec.id and got["title"] == spec.title
        assert got["source_keys"] == list(spec.source_keys)
        assert [s["name"] for s in got["series"]] == [s.name for s in spec.series]
        for series, spec_series in zip(got["series"], spec.series):
            assert series["points"] == [[x, y] for x, y in spec_series.points]
            assert all(isinstance(p, list) and len(p) == 2 for p in series["points"])
            assert all(isinstance(x, str) and isinstance(y, float) for x, y in series["points"])


def test_sources(written):
    briefing, path = written
    sources = json.loads(path.read_text(encoding="utf-8"))["sources"]
    assert [s["key"] for s in sources] == [e.key for e in briefing.sources]
    for got, entry in zip(sources, briefing.sources):
        assert SOURCE_KEYS <= set(got)
        assert (got["title"], got["outlet"], got["date"], got["url"]) == (
            entry.title, entry.outlet, entry.date, entry.url)
        assert got["file"] == entry.file and got["article_id"] == entry.article_id
    assert any(s["url"] is None for s in sources)  # absent metadata is null, not ""


def test_chinese_is_readable_in_the_file(tmp_path):
    briefing = chinese_briefing()
    path = tmp_path / "brief.json"
    JsonWriter().write(briefing, RenderContext(style=load_style(briefing.style)), path)
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    assert "\\u" not in text
    assert briefing.title in text
    assert "联合国电子政务调查报告" in text
    assert text.endswith("}\n")


def test_record_matches_file(written):
    briefing, path = written
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(
        json.dumps(audit_record(briefing), ensure_ascii=False))


def test_same_briefing_same_record(tmp_path):
    assert audit_record(chinese_briefing()) == audit_record(chinese_briefing())
