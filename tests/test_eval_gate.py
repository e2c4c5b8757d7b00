"""CI gate: extraction quality must not drop below the floors in tests/eval_floors.json.

The floors file holds named sets, each with its `gold` file, its `articles` folder (paths
relative to the repository root) and its `floors` ({category: {measure: minimum}}; measures
are precision/recall for categories and `share` for figure attributes such as
figures.whole). Three sets are gated: the samples (tests/gold/seeds.yaml on data/articles)
and the development corpora ../shared/corpus2 and ../shared/corpus3 (skipped with a message
when ../shared is absent); metadata (title, date, outlet, author, site) is scored on all three.

To re-pin after a change that moves the scores (e.g. after merging branches):

    python scripts/pin_eval_floors.py [--margin 0.02] [--set corpus2]

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

ROOT = Path(__file__).resolve().parent.parent
FLOORS = json.loads((ROOT / "tests" / "eval_floors.json").read_text(encoding="utf-8"))
STRICT_SCORER = ROOT.parent / "shared" / "tools" / "score_facts_strict.py"


def _paths(name: str) -> tuple[Path, Path]:
    entry = FLOORS[name]
    gold, articles = ROOT / entry["gold"], ROOT / entry["articles"]
    if not gold.exists() or not articles.is_dir():
        pytest.skip(f"set {name!r}: {gold} or {articles} absent (../shared not beside the repo)")
    return gold, articles


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_extraction_scores_stay_above_floors(name: str) -> None:
    gold, articles = _paths(name)
    scores = evaluate(gold, articles)
    problems = below_floors(scores, FLOORS[name]["floors"])
    assert not problems, "\n".join([f"set {name}:", *problems, format_table(scores)])


def _strict_line(gold: Path, articles: Path, tmp_path: Path) -> str:
    facts = subprocess.run(
        [sys.executable, str(ROOT / "generate.py"), "facts", "--json", "--articles", str(articles)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    dump = tmp_path / "facts.json"
    dump.write_text(facts, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(STRICT_SCORER), str(gold), str(dump)],
        capture_output=True, text=True, check=True,
    ).stdout
    return out.strip().splitlines()[-1]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_attribute_shares_agree_with_the_independent_strict_scorer(
    name: str, tmp_path: Path
) -> None:
    if not STRICT_SCORER.exists():
        pytest.skip(f"{STRICT_SCORER} absent (../shared not beside the repo)")
    gold, articles = _paths(name)
    scores = evaluate(gold, articles)
    line = _strict_line(gold, articles, tmp_path)
    strict = dict(part.split("=") for part in line.split() if "=" in part)
    ours = {
        "whole": "figures.whole", "period": "figures.period", "subject": "figures.subject",
        "unit": "figures.unit", "metric": "figures.metric", "qual": "figures.qualifier",
        "keywhole": "key_figures.whole",
    }
    for theirs, mine in ours.items():
        assert f"{scores[mine].share:.2f}" == strict[theirs], (theirs, line)
