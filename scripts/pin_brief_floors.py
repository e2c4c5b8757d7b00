#!/usr/bin/env python3
"""Re-pin tests/brief_floors.json from what the built briefs score now.

Usage: python scripts/pin_brief_floors.py [--margin 0.02] [--set NAME ...]
                                          [--add NAME GOLD ARTICLES]

Every set named in the floors file (its `gold` and `articles` paths are relative to the
repository root) is built alone into a temporary folder, all four audiences, and its briefs
scored by ../shared/tools/score_brief.py. Its floors become each share of the scorer's last
line (printed P, facts, chart_points, titles, outlets, dates, analysis, key_coverage) minus
the margin, rounded down to two decimals, and each count (unsupported, unaudited,
false_conflicts) as measured, a ceiling. `--add` names a new set and pins it alone (with any
set named by --set). A set whose files are absent (the shared development sets not beside
the checkout) keeps its old floors. Review the diff before committing: a floor that drops or
a ceiling that rises is a regression being accepted.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from brief_scores import FLOORS_FILE, SCORER, BriefScoreError, measure, pin  # noqa: E402

SHARED = ROOT.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    """Build and score each set, then rewrite its floors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--margin", type=float, default=0.02)
    parser.add_argument("--set", action="append", dest="sets", help="only these sets")
    parser.add_argument("--add", nargs=3, metavar=("NAME", "GOLD", "ARTICLES"),
                        help="add a set (paths relative to the repository root), then pin it")
    args = parser.parse_args(argv)
    data = json.loads(FLOORS_FILE.read_text(encoding="utf-8")) if FLOORS_FILE.exists() else {}
    if args.add:
        name, gold, articles = args.add
        if name in data:
            parser.error(f"set {name!r} is already in {FLOORS_FILE}")
        if not (ROOT / gold).is_file() or not (ROOT / articles).is_dir():
            parser.error(f"set {name!r}: {ROOT / gold} or {ROOT / articles} absent")
        data[name] = {"gold": gold, "articles": articles}
        args.sets = [*(args.sets or []), name]  # the other sets keep their floors
    scorer = SHARED.joinpath(*SCORER)
    for name, entry in data.items():
        if args.sets and name not in args.sets:
            continue
        gold, articles = ROOT / entry["gold"], ROOT / entry["articles"]
        if not gold.is_file() or not articles.is_dir() or not scorer.is_file():
            print(f"{name}: {gold}, {articles} or {scorer} absent, floors kept", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory(prefix=f"brief-floors-{name}-") as work:
            try:
                measures = measure(articles, gold, scorer, Path(work))
            except BriefScoreError as err:
                print(f"{name}: {err}", file=sys.stderr)
                return 1
        entry.update(pin(measures, args.margin))
        print(f"{name}: " + " ".join(f"{k}={v:g}" for k, v in measures.items()))
    FLOORS_FILE.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                           encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
