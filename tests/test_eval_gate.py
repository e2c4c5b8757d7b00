"""CI gate: extraction quality must not drop below the floors in tests/eval_floors.json.

The floors file holds named sets, each with its `gold` file, its `articles` folder (paths
relative to the repository root) and its `floors` ({category: {measure: minimum}}; measures
are precision/recall for categories and `share` for figure attributes such as
figures.whole). Three sets are gated: the samples (tests/gold/seeds.yaml on data/articles) and
the shared development sets beside the checkout, ../shared/corpus2 and ../shared/corpus3
(without ../shared: a failure when CI is set, otherwise skipped with a message; see
conftest.shared_dir); metadata (title, date, outlet,
author, site) is scored on all three.

To re-pin after a change that moves the scores (e.g. after merging branches):

    python scripts/pin_eval_floors.py [--margin 0.02] [--set corpus3]

which scores each set again and writes each measure minus the margin, rounded down. Review
the diff: a floor that goes down is a regression being accepted.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.evaluate.scores import below_floors, evaluate, format_table
from conftest import ROOT, required_path, shared_dir

FLOORS = json.loads((ROOT / "tests" / "eval_floors.json").read_text(encoding="utf-8"))


def _paths(name: str) -> tuple[Path, Path]:
    """The set's gold file and articles folder (in ../shared: fail under CI, else skip)."""
    entry = FLOORS[name]
    return required_path(ROOT / entry["gold"]), required_path(ROOT / entry["articles"])


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_extraction_scores_stay_above_floors(name: str) -> None:
    gold, articles = _paths(name)
    assert FLOORS[name]["floors"], f"set {name}: no floors pinned (scripts/pin_eval_floors.py)"
    scores = evaluate(gold, articles)
    problems = below_floors(scores, FLOORS[name]["floors"])
    assert not problems, "\n".join([f"set {name}:", *problems, format_table(scores)])


def _strict_line(scorer: Path, gold: Path, articles: Path, tmp_path: Path) -> str:
    facts = subprocess.run(
        [sys.executable, str(ROOT / "generate.py"), "facts", "--json", "--articles", str(articles)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    dump = tmp_path / "facts.json"
    dump.write_text(facts, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(dump)],
        capture_output=True, text=True, check=True,
    ).stdout
    return out.strip().splitlines()[-1]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_attribute_shares_agree_with_the_independent_strict_scorer(
    name: str, tmp_path: Path
) -> None:
    scorer = shared_dir("tools", "score_facts_strict.py")
    gold, articles = _paths(name)
    scores = evaluate(gold, articles)
    line = _strict_line(scorer, gold, articles, tmp_path)
    strict = dict(part.split("=") for part in line.split() if "=" in part)
    ours = {
        "whole": "figures.whole", "period": "figures.period", "subject": "figures.subject",
        "unit": "figures.unit", "metric": "figures.metric", "qual": "figures.qualifier",
        "keywhole": "key_figures.whole",
    }
    for theirs, mine in ours.items():
        assert f"{scores[mine].share:.2f}" == strict[theirs], (theirs, line)
