#!/usr/bin/env python3
"""Re-pin tests/eval_floors.json from what the extractor measures now.

Usage: python scripts/pin_eval_floors.py [--margin 0.02] [--set NAME ...]
                                         [--add NAME GOLD ARTICLES]

Every set named in the floors file (its `gold` and `articles` paths are relative to the
repository root) is scored again and its floors set to each measure minus the margin,
rounded down to two decimals. `--add` names a new set (paths relative to the repository
root, e.g. ../shared/corpus3/gold.yaml ../shared/corpus3/articles) and pins it alone (with
any set named by --set); its files must be there. A set whose files are absent (the shared development sets not
beside the checkout) keeps its old floors. Review the diff before committing: a floor that
drops is a regression being accepted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.evaluate.scores import evaluate, pin_floors  # noqa: E402

FLOORS = ROOT / "tests" / "eval_floors.json"


def main(argv: list[str] | None = None) -> int:
    """Score each set and rewrite its floors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--margin", type=float, default=0.02)
    parser.add_argument("--set", action="append", dest="sets", help="only these sets")
    parser.add_argument("--add", nargs=3, metavar=("NAME", "GOLD", "ARTICLES"),
                        help="add a set (paths relative to the repository root), then pin it")
    args = parser.parse_args(argv)
    data = json.loads(FLOORS.read_text(encoding="utf-8"))
    if args.add:
        name, gold, articles = args.add
        if name in data:
            parser.error(f"set {name!r} is already in {FLOORS}")
        if not (ROOT / gold).is_file() or not (ROOT / articles).is_dir():
            parser.error(f"set {name!r}: {ROOT / gold} or {ROOT / articles} absent")
        data[name] = {"gold": gold, "articles": articles, "floors": {}}
        args.sets = [*(args.sets or []), name]  # the other sets keep their floors
    for name, entry in data.items():
        if args.sets and name not in args.sets:
            continue
        gold, articles = ROOT / entry["gold"], ROOT / entry["articles"]
        if not gold.exists() or not articles.is_dir():
            print(f"{name}: {gold} or {articles} absent, floors kept", file=sys.stderr)
            continue
        entry["floors"] = pin_floors(evaluate(gold, articles), args.margin)
        print(f"{name}: {len(entry['floors'])} categories pinned")
    FLOORS.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
