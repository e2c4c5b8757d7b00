"""CI gate: extraction quality on the sample corpus must not drop below tests/eval_floors.json."""

from __future__ import annotations

import json
from pathlib import Path

from briefing.evaluate import below_floors, evaluate, format_table

ROOT = Path(__file__).resolve().parent.parent


def test_extraction_scores_stay_above_floors() -> None:
    floors = json.loads((ROOT / "tests" / "eval_floors.json").read_text(encoding="utf-8"))
    scores = evaluate(ROOT / "tests" / "gold" / "seeds.yaml", ROOT / "data" / "articles")
    problems = below_floors(scores, floors)
    assert not problems, "\n".join([*problems, format_table(scores)])
