"""Regression gate on what the briefs PRINT: each shared development set (../shared/corpus2,
../shared/corpus3) is built alone, all four audiences, and its briefs scored by the independent
../shared/tools/score_brief.py; the measures of its last line must stay within the floors of
tests/brief_floors.json (shares at least their floor, counts of unsupported facts, unaudited
numbers and false conflicts at most their ceiling). Without ../shared: a failure when CI is set,
otherwise skipped with a message (conftest.shared_dir).

To re-pin after a change that moves the scores:

    python scripts/pin_brief_floors.py [--margin 0.02] [--set corpus3]

Review the diff: a floor that goes down or a ceiling that goes up is a regression being accepted.
"""

from __future__ import annotations

import json

import pytest

from brief_scores import (
    COUNTS,
    FLOORS_FILE,
    SCORER,
    SHARES,
    BriefScoreError,
    breaches,
    measure,
    parse_score_line,
    pin,
)
from conftest import ROOT, required_path, shared_dir

FLOORS = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, float]]:
    """(set name, the scorer's measures of its briefs), built once per set for the module."""
    name = request.param
    entry = FLOORS[name]
    gold, articles = required_path(ROOT / entry["gold"]), required_path(ROOT / entry["articles"])
    scorer = shared_dir(*SCORER)
    return name, measure(articles, gold, scorer, tmp_path_factory.mktemp(f"briefs-{name}"))


def test_every_set_pins_every_measure() -> None:
    for name, entry in FLOORS.items():
        assert set(entry["at_least"]) == set(SHARES), name
        assert set(entry["at_most"]) == set(COUNTS), name


def test_shares_of_right_printed_statements_and_sources_stay_above_their_floors(
    scored: tuple[str, dict[str, float]],
) -> None:
    name, measures = scored
    problems = breaches(measures, {"at_least": FLOORS[name]["at_least"], "at_most": {}})
    assert not problems, "\n".join([f"set {name}:", *problems, repr(measures)])


def test_unsupported_unaudited_and_false_conflict_counts_stay_under_their_ceilings(
    scored: tuple[str, dict[str, float]],
) -> None:
    name, measures = scored
    problems = breaches(measures, {"at_least": {}, "at_most": FLOORS[name]["at_most"]})
    assert not problems, "\n".join([f"set {name}:", *problems, repr(measures)])


LINE = ("printed P=0.69 (25/36 statements) facts=0.77 unsupported=0 unaudited=1 "
        "false_conflicts=2/2 chart_points=1.00 (16/16) titles=0.57 outlets=0.50 dates=0.38 "
        "analysis=0.14 (2/14) key_coverage=0.17 (7/41)")


def test_the_score_line_is_read_by_measure_name_and_a_count_is_its_numerator() -> None:
    measures = parse_score_line(LINE)
    assert measures["printed"] == 0.69 and measures["key_coverage"] == 0.17
    assert measures["false_conflicts"] == 2 and measures["unaudited"] == 1


def test_a_score_line_without_a_measure_is_an_error() -> None:
    with pytest.raises(BriefScoreError, match="unaudited"):
        parse_score_line(LINE.replace(" unaudited=1", ""))


def test_pinning_lowers_shares_by_the_margin_and_keeps_counts_as_ceilings() -> None:
    floors = pin(parse_score_line(LINE), margin=0.02)
    assert floors["at_least"]["printed"] == 0.67 and floors["at_least"]["chart_points"] == 0.98
    assert floors["at_most"] == {"unsupported": 0, "unaudited": 1, "false_conflicts": 2}
    assert not breaches(parse_score_line(LINE), floors)
    worse = LINE.replace("P=0.69", "P=0.66").replace("false_conflicts=2/2", "false_conflicts=3/3")
    assert breaches(parse_score_line(worse), floors) == [
        "printed 0.66 < floor 0.67", "false_conflicts 3 > ceiling 2"]
