"""Ingest: one file read and extracted, or skipped with its reason; a build reads only misses."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import briefing.build
import briefing.ingest
from briefing.build import BuildOptions, build
from briefing.ingest import read_and_extract
from briefing.models import Article, Extraction, Skipped
from briefing.read import Crashed

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data" / "articles").iterdir())


def test_a_good_file_gives_its_article_and_extraction() -> None:
    outcome = read_and_extract(SAMPLES[0])
    assert not isinstance(outcome, Skipped)
    article, extraction = outcome
    assert isinstance(article, Article) and isinstance(extraction, Extraction)
    assert article.file == SAMPLES[0].name and extraction.article_id == article.id


def test_an_unusable_file_is_skipped_with_the_readers_reason(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_bytes(b"%PDF-1.4")
    outcome = read_and_extract(path)
    assert isinstance(outcome, Skipped) and not isinstance(outcome, Crashed)
    assert outcome.file == "notes.pdf" and ".pdf" in outcome.reason


def test_an_unexpected_error_in_extraction_is_a_crash_naming_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(article: Article) -> Extraction:
        raise ValueError("rule table broken")

    monkeypatch.setattr(briefing.ingest, "extract", broken)
    outcome = read_and_extract(SAMPLES[0])
    assert isinstance(outcome, Crashed) and outcome.file == SAMPLES[0].name
    assert "ValueError: rule table broken" in outcome.reason


def test_a_rebuild_reads_only_the_files_the_cache_lacks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for path in SAMPLES[1:]:
        shutil.copy(path, articles)
    options = BuildOptions(articles, tmp_path / "out", ("leadership",),
                           issue_date=dt.date(2026, 11, 22))
    assert build(options).exit_code == 0
    shutil.copy(SAMPLES[0], articles)

    sent: list[list[str]] = []  # what the build gave the pool
    read: list[str] = []  # what the reader parsed
    real_map, real_read = briefing.build.map_ordered, briefing.ingest.read_article

    def pool(fn, items, **options):  # noqa: ANN001, ANN003, ANN202 - a spy around map_ordered
        if fn is briefing.build.read_and_extract:  # not the map over audiences
            sent.append([p.name for p in items])
        return real_map(fn, items, **options)

    def reader(path: Path) -> Article:
        read.append(path.name)
        return real_read(path)

    monkeypatch.setattr(briefing.build, "map_ordered", pool)
    monkeypatch.setattr(briefing.ingest, "read_article", reader)
    report = build(options)
    assert sent == [[SAMPLES[0].name]] and read == [SAMPLES[0].name]
    assert report.cache.read == [SAMPLES[0].name] and report.article_count == len(SAMPLES)
    assert sorted(report.cache.reused) == sorted(p.name for p in SAMPLES[1:])
