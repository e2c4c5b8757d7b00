"""Figures beyond a plausible range for their unit are flagged, never printed as figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.consolidate.plausibility import implausible_range

HUGE = "10000000000000000000000亿人"  #: 10³⁰ persons


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "big.txt").write_text(
        "全国一体化政务服务平台建设成效\n\n"
        f"2025年，全国一体化政务服务平台实名注册用户达到{HUGE}，较上年大幅增长。\n\n"
        "截至2025年底，全国政务服务事项网上可办率达到90%。\n", encoding="utf-8")
    return folder


def test_an_implausible_figure_is_flagged_in_the_facts_sheet(articles: Path, capsys) -> None:
    assert main(["facts", "--articles", str(articles), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    (huge,) = [r for r in rows if r["unit"] == "persons"]
    assert huge["grade"] == "unknown" and "value.implausible" in huge["rules"].split()
    (rate,) = [r for r in rows if r["unit"] == "percent"]
    assert rate["grade"] == "stated" and "value.implausible" not in rate["rules"]


def test_an_implausible_figure_is_never_printed_as_a_figure(articles: Path, tmp_path: Path,
                                                             capsys) -> None:
    assert main(["--articles", str(articles), "--out", str(tmp_path / "out"),
                 "--audience", "leadership", "--date", "2026-11-22"]) == 0
    record = json.loads((tmp_path / "out" / "leadership" / "brief.json").read_text("utf-8"))
    facts = [f for s in record["statements"] for f in s.get("facts", [])]
    assert facts and all(f["value"] < 1e10 for f in facts)
    assert not any(HUGE in s["text"] for s in record["statements"]
                   if s["kind"] in ("headline", "figure", "key_figure"))
    assert "implausible" in capsys.readouterr().err


@pytest.mark.parametrize(("value", "unit", "plausible"), [
    (1.389e9, "persons", True), (1e30, "persons", False), (45, "rank", True), (0, "rank", False),
    (float("nan"), "percent", False), (float("inf"), "count", False), (-20, "rank_change", True),
    (5e17, "furlongs", True), (5e19, "furlongs", False),
])
def test_the_plausible_ranges_come_from_the_data_file(value: float, unit: str,
                                                     plausible: bool) -> None:
    assert (implausible_range(value, unit) is None) == plausible
