"""Incremental builds: nothing changed → nothing redone; one change → only what it touches."""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
from pathlib import Path

import pytest

from briefing.build import BuildOptions, BuildReport, build, read_folder
from briefing.consolidate import plausibility
from briefing.consolidate.corrections import Correction, figure_ids, replace_correction
from briefing.reissue import publish
from briefing.reissue.cache import BuildCache
from briefing.reissue.recall import REPLAYED_LOGGERS

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "articles"
LATER_SURVEY = ROOT / "tests" / "fixtures" / "incremental" / "900_later_survey.txt"
ADDED = sorted(SAMPLES.iterdir())[1]  #: left out of the first issue, added by a test
AUDIENCES = ["leadership", "department"]
DAY1, DAY2, DAY3, DAY4 = (dt.date(2026, 11, 22), dt.date(2026, 11, 29), dt.date(2026, 12, 6),
                          dt.date(2026, 12, 13))


def _build(site: Path, day: dt.date = DAY2, **options) -> BuildReport:
    options.setdefault("template_dirs", (site / "tpl",))
    return build(BuildOptions(site / "articles", site / "out", tuple(AUDIENCES), issue_date=day,
                              **options))


def _snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    """Every published file's bytes and mtime: brief.* (through their links) and the archive.

    Not the build lock (it holds the pid) and not `.sets/` (where publishing stores each set).
    """
    return {str(p.relative_to(out)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(out.rglob("*")) if p.is_file() and p.name != ".build.lock"
            and ".sets" not in p.relative_to(out).parts}


@pytest.fixture(scope="module")
def cold_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four sample articles (all but ADDED) built once (issue 1), with a copy of leadership."""
    site = tmp_path_factory.mktemp("cold")
    (site / "articles").mkdir()
    for path in sorted(p for p in SAMPLES.iterdir() if p != ADDED):
        shutil.copy(path, site / "articles")
    shutil.copytree(ROOT / "briefing" / "builtin_templates" / "leadership", site / "tpl" / "leadership")
    report = _build(site, DAY1)
    assert report.exit_code == 0 and sorted(report.cache.read) == sorted(
        p.name for p in (site / "articles").iterdir())
    return site


@pytest.fixture
def site(cold_site: Path, tmp_path: Path) -> Path:
    """A copy of the cold build (articles, templates, out/ and .cache/) for one test."""
    for name in ("articles", "tpl", "out", ".cache"):
        shutil.copytree(cold_site / name, tmp_path / name, symlinks=True)
    return tmp_path


def _record(site: Path, audience: str) -> dict:
    return json.loads((site / "out" / audience / "brief.json").read_text(encoding="utf-8"))


def _issue(site: Path, audience: str, number: int) -> dict:
    path = site / "out" / audience / "archive" / str(number) / "issue.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_no_change_redoes_nothing_and_touches_no_file(site: Path) -> None:
    before = _snapshot(site / "out")
    report = _build(site)
    assert report.exit_code == 0
    assert report.cache.read == [] and report.cache.extracted == [] and report.cache.rendered == []
    assert report.nothing_changed and report.written == {}
    assert _snapshot(site / "out") == before  # same bytes, same modification times
    assert {a: r.issue for a, r in report.issues.items()} == {a: 1 for a in AUDIENCES}
    assert all(not r.new_issue and r.date == DAY1.isoformat() for r in report.issues.values())


def test_one_added_article_is_the_only_one_read_and_shows_as_new(site: Path) -> None:
    added = ADDED
    shutil.copy(added, site / "articles")
    report = _build(site)
    assert report.cache.read == [added.name] and report.cache.extracted == [added.name]
    assert sorted(report.cache.rendered) == sorted(AUDIENCES)
    result = report.issues["department"]
    assert result.new_issue and result.issue == 2 and result.date == DAY2.isoformat()
    assert [s.file for s in result.changes.new_sources] == [added.name]
    new_refs = {r.file for f in result.changes.new_figures for r in f.refs}
    assert added.name in new_refs
    record = _record(site, "department")
    assert added.name in {s["file"] for s in record["sources"]}
    whats_new = [s for s in record["statements"] if s["text"].startswith("新增数据")]
    # each new figure is cited from the added article (another source implying the same figure
    # is cited beside it: the added one made it stated)
    assert whats_new and all(added.name in {c["file"] for c in s["citations"]} for s in whats_new)
    assert _record(site, "leadership")["date"] == DAY2.isoformat()
    # issue 1 stays archived as it was published
    assert _issue(site, "department", 1)["date"] == DAY1.isoformat()
    assert (site / "out" / "department" / "archive" / "2" / "brief.pdf").read_bytes() == (
        site / "out" / "department" / "brief.pdf").read_bytes()


def _chart_points(record: dict, chart_id: str) -> list[list]:
    chart = next(c for c in record["charts"] if c["id"] == chart_id)
    return chart["series"][0]["points"]


def test_a_later_survey_year_extends_the_chart_and_is_the_only_change(site: Path) -> None:
    before = _chart_points(_record(site, "department"), "egdi_rank")
    shutil.copy(LATER_SURVEY, site / "articles")
    report = _build(site)
    after = _chart_points(_record(site, "department"), "egdi_rank")
    assert after[:-1] == before and after[-1] == ["2024", 35]
    changes = report.issues["department"].changes
    assert [(f.metric, f.subject, f.period, f.value) for f in changes.new_figures] == [
        ("电子政务发展指数排名", "中国", "2024", 35)]
    assert [s.file for s in changes.new_sources] == [LATER_SURVEY.name]
    assert not changes.revised_figures and not changes.unbacked_figures
    assert not changes.new_recommendations
    lines = [p for p in _paragraphs(site / "out" / "leadership" / "brief.docx") if "本期新增" in p]
    assert lines == ["本期新增：来源1篇，数据1项（与第1期相比）。"]


def _paragraphs(docx_path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(docx_path)).paragraphs]


def test_editing_one_template_rerenders_only_its_audience(site: Path) -> None:
    assessment = site / "tpl" / "leadership" / "sections" / "assessment.md.j2"
    assessment.write_text(assessment.read_text(encoding="utf-8").replace("研判", "分析研判", 1)
                          + "\n", encoding="utf-8")
    before = _snapshot(site / "out" / "department")
    report = _build(site)
    assert report.cache.rendered == ["leadership"] and report.cache.read == []
    assert _snapshot(site / "out" / "department") == before


def test_a_removed_article_disappears_from_the_next_brief(site: Path) -> None:
    gone = sorted((site / "articles").iterdir())[-1]
    gone.unlink()
    report = _build(site)
    assert report.cache.read == []
    for audience in AUDIENCES:
        files = {s["file"] for s in _record(site, audience)["sources"]}
        assert gone.name not in files
        cited = {c["file"] for s in _record(site, audience)["statements"] for c in s["citations"]}
        assert gone.name not in cited


def test_force_redoes_everything_but_keeps_the_issue(site: Path) -> None:
    report = _build(site, force=True)
    assert len(report.cache.read) == 4 and sorted(report.cache.rendered) == sorted(AUDIENCES)
    assert all(r.issue == 1 and not r.new_issue for r in report.issues.values())


def test_corrupt_and_foreign_cache_entries_are_discarded(site: Path, caplog) -> None:
    entries = sorted((site / ".cache" / "articles").glob("*.json"))
    entries[0].write_text("{not json", encoding="utf-8")
    foreign = json.loads(entries[1].read_text(encoding="utf-8"))
    foreign["key"] = "0" * 64
    entries[1].write_text(json.dumps(foreign), encoding="utf-8")
    report = _build(site)
    assert report.exit_code == 0 and len(report.cache.read) == 2
    assert len(report.cache.discarded) == 2
    assert "cache entry discarded" in caplog.text
    assert report.cache.rendered == []  # same content: the briefs on disk stay


def test_the_cache_is_safe_to_delete(site: Path) -> None:
    shutil.rmtree(site / ".cache")
    before = _snapshot(site / "out")
    report = _build(site)
    assert len(report.cache.read) == 4
    assert all(r.issue == 1 and not r.new_issue for r in report.issues.values())
    after = _snapshot(site / "out")
    assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in before.items()}


def test_cache_folder_is_settable(site: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    report = _build(site, cache_dir=elsewhere)
    assert len(report.cache.read) == 4 and any((elsewhere / "articles").iterdir())


def test_the_style_file_in_the_render_key_is_the_one_the_writers_load() -> None:
    from briefing.compose.templates import BUILTIN_DIR
    from briefing.render.style import STYLE_DIR
    from briefing.style_files import style_folders

    assert STYLE_DIR == BUILTIN_DIR / "_styles" == style_folders()[-1]


def test_the_last_builds_inputs_are_recognised_without_reading_a_cached_extraction(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = _build(site)  # the cold build's inputs, recalled (or, without the entry, whole)

    def unexpected(*args: object) -> None:
        raise AssertionError("a cached extraction was read")

    monkeypatch.setattr(BuildCache, "cached_article", unexpected)
    recalled = _build(site)
    assert recalled.nothing_changed and recalled.exit_code == whole.exit_code == 0
    assert sorted(recalled.cache.reused) == sorted(p.name for p in (site / "articles").iterdir())
    assert recalled.article_count == whole.article_count and recalled.skipped == whole.skipped
    assert {a: (r.issue, r.date, r.new_issue, r.content_key) for a, r in recalled.issues.items()} \
        == {a: (r.issue, r.date, r.new_issue, r.content_key) for a, r in whole.issues.items()}
    assert recalled.issues["department"].briefing == whole.issues["department"].briefing


def _reads_of_cached_articles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files whose cached extraction the builds after this call read."""
    read: list[str] = []
    real = BuildCache.cached_article
    monkeypatch.setattr(BuildCache, "cached_article",
                        lambda self, path, key: read.append(path.name) or real(self, path, key))
    return read


@pytest.mark.parametrize("change", ["deleted brief", "corrections file", "template file",
                                    "style file"])
def test_inputs_or_outputs_unlike_the_last_builds_run_the_build_whole(
        change: str, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _build(site)
    read = _reads_of_cached_articles(monkeypatch)
    options = {}
    if change == "deleted brief":
        (site / "out" / "department" / "brief.pdf").unlink()
    elif change == "corrections file":
        corrections = site / "corrections.yaml"
        corrections.write_text("corrections: []\n", encoding="utf-8")
        options["corrections"] = corrections
    elif change == "template file":
        section = site / "tpl" / "leadership" / "sections" / "assessment.md.j2"
        section.write_text(section.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    else:  # a user's copy of the leadership style preset, searched before the built-in one
        builtin = ROOT / "briefing" / "builtin_templates" / "_styles" / "gongwen-compact.toml"
        (site / "tpl" / "_styles").mkdir()
        (site / "tpl" / "_styles" / builtin.name).write_text(
            builtin.read_text(encoding="utf-8") + "# the office's copy\n", encoding="utf-8")
    report = _build(site, **options)
    assert sorted(read) == sorted(p.name for p in (site / "articles").iterdir())
    rendered = {"deleted brief": ["department"], "corrections file": [],
                "template file": ["leadership"], "style file": ["leadership"]}
    assert report.cache.rendered == rendered[change]


def _first_figure_id(site: Path) -> tuple[str, str]:
    """The id of the first figure of the first article, and that article's file name."""
    articles, extractions, _ = read_folder(site / "articles",
                                           BuildCache(site / ".cache", read_only=True))
    return figure_ids(extractions[0].article_id, extractions[0].figures)[0], articles[0].file


@pytest.mark.parametrize("decision", ["reject a figure", "confirm a figure", "retitle a source"])
def test_a_decision_recorded_after_a_build_is_applied_by_the_next_build(
        decision: str, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corrections = site / "corrections.yaml"
    corrections.write_text("corrections: []\n", encoding="utf-8")
    _build(site, corrections=corrections)
    figure, source = _first_figure_id(site)
    read = _reads_of_cached_articles(monkeypatch)
    assert _build(site, corrections=corrections).nothing_changed and read == []  # recalled
    if decision == "retitle a source":  # as the review page records it
        replace_correction(corrections, f"source:{source}",
                           Correction(id="", source=source, title="更正后的标题"))
    else:
        replace_correction(corrections, figure, Correction(
            id=figure, wrong=decision == "reject a figure",
            confirm=decision == "confirm a figure", reviewer="王芳"))
    report = _build(site, corrections=corrections)
    assert sorted(read) == sorted(p.name for p in (site / "articles").iterdir())
    assert report.exit_code == 0 and report.corrections == []
    audit = {c["id"] for c in _record(site, "department")["corrections"]}
    assert (f"source:{source}" if decision == "retitle a source" else figure) in audit


def test_an_edited_build_entry_is_discarded_and_the_build_runs_whole(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.rmtree(site / ".cache" / "builds")  # the cold build's entry (another folder's)
    _build(site)
    (entry,) = (site / ".cache" / "builds").glob("*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["article_count"] += 1
    entry.write_text(json.dumps(data), encoding="utf-8")
    read = _reads_of_cached_articles(monkeypatch)
    report = _build(site)
    assert report.article_count == 4 and report.exit_code == 0
    assert sorted(read) == sorted(p.name for p in (site / "articles").iterdir())


class _Killed(BaseException):
    """Stands for kill -9: nothing after it runs."""


def test_an_interrupted_publication_is_finished_even_when_the_inputs_are_the_last_builds(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _build(site)  # remembered: the four articles
    shutil.copy(ADDED, site / "articles")

    def killed(*_args: object) -> None:
        raise _Killed

    monkeypatch.setattr(publish, "make_live", killed)  # the journal is written, the swap not
    with pytest.raises(_Killed):
        _build(site, DAY3)
    monkeypatch.undo()
    (site / "articles" / ADDED.name).unlink()  # the inputs of the remembered build again
    report = _build(site, DAY4)
    assert report.exit_code == 0
    # the killed build stopped at the first audience: its issue 2 (with ADDED) went live and
    # into the archive now, and the four articles again are its issue 3
    first = next(iter(report.issues))
    assert _issue(site, first, 2)["date"] == DAY3.isoformat()
    result = report.issues[first]
    assert (result.issue, result.new_issue, result.date) == (3, True, DAY4.isoformat())


def test_a_recalled_build_gives_the_warnings_of_the_whole_build_again(
        site: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(plausibility, "ranges", lambda: ({}, (0.0, 1.0)))  # most are implausible
    caplog.set_level(logging.WARNING, logger="briefing")
    whole = _build(site)
    said = [(r.name, r.getMessage()) for r in caplog.records if r.name.startswith(
        REPLAYED_LOGGERS)]
    assert any("beyond the plausible range" in message for _, message in said)
    caplog.clear()
    read = _reads_of_cached_articles(monkeypatch)
    recalled = _build(site)
    assert read == [] and recalled.warnings == whole.warnings
    assert [(r.name, r.getMessage()) for r in caplog.records] == said


def _cached_entries(site: Path) -> list[tuple[Path, dict]]:
    return [(p, json.loads(p.read_text(encoding="utf-8")))
            for p in sorted((site / ".cache" / "articles").glob("*.json"))]


def test_an_entry_with_wrong_field_types_is_discarded_and_recomputed(site: Path) -> None:
    (first, one), (second, two) = _cached_entries(site)[:2]
    one["extraction"]["figures"][0]["value"] = "forty-five"
    first.write_text(json.dumps(one, ensure_ascii=False), encoding="utf-8")
    two["article"]["paragraphs"] = 5
    second.write_text(json.dumps(two, ensure_ascii=False), encoding="utf-8")
    report = _build(site)
    assert report.exit_code == 0 and report.skipped == [] and len(report.cache.discarded) == 2
    assert len(report.cache.read) == 2 and report.cache.rendered == []


def test_a_deeply_nested_entry_is_discarded(site: Path) -> None:
    entry, data = _cached_entries(site)[0]
    entry.write_text(f'{{"format": "{data["format"]}", "key": "{data["key"]}", "article": '
                     + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")
    report = _build(site)
    assert report.exit_code == 0 and report.skipped == [] and len(report.cache.discarded) == 1
    assert report.cache.rendered == []


def test_an_untrusted_entry_of_a_read_only_cache_is_ignored(site: Path, monkeypatch) -> None:
    entry, _ = _cached_entries(site)[0]
    entry.write_text("{not json", encoding="utf-8")
    unlink = Path.unlink

    def read_only(path: Path, missing_ok: bool = False) -> None:
        if ".cache" in path.parts:
            raise PermissionError(13, "Permission denied", str(path))
        unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", read_only)
    report = _build(site)
    assert report.exit_code == 0 and report.skipped == [] and len(report.cache.discarded) == 1
    assert report.cache.rendered == []


def test_an_edited_cached_figure_is_not_trusted(site: Path) -> None:
    edited = 0
    for entry, data in _cached_entries(site):
        for figure in data["extraction"]["figures"]:
            if figure["value"] == 45 and "45" in figure["raw"]:
                figure["value"] = 3
                edited += 1
        if edited:
            entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            break
    assert edited
    report = _build(site)
    assert report.exit_code == 0 and len(report.cache.discarded) == 1
    assert report.cache.rendered == []  # the briefs still say 45


def test_a_cached_figure_edited_and_checksummed_again_without_the_machine_key_is_not_trusted(
        site: Path) -> None:
    """The checksum is keyed (machine_cache.machine_key): whoever edits a value and computes a
    plain sha256 of the entry again, as the old checksum was, still has it discarded."""
    import hashlib

    for entry, data in _cached_entries(site):
        figures = [f for f in data["extraction"]["figures"] if f["value"] == 45]
        if figures:
            figures[0]["value"] = 3  # its raw still says 45名
            payload = {"article": data["article"], "extraction": data["extraction"]}
            data["checksum"] = hashlib.sha256(json.dumps(
                payload, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()
            entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            break
    else:
        pytest.fail("no cached figure of 45")
    report = _build(site)
    assert report.exit_code == 0 and len(report.cache.discarded) == 1
    assert "checksum" in report.cache.discarded[0]
    assert report.cache.rendered == []  # the briefs still say 45
