"""`briefing eval`: score extraction against a gold file; exit 1 below a --floors floor."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from briefing.commands.common import read_corpus
from briefing.evaluate.scores import (
    below_floors,
    floors_for,
    format_table,
    load_yaml,
    score_articles,
)
from briefing.settings import add_config_flag, add_flags, load_settings

HELP = "score extraction against a gold file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--gold FILE, --articles, --json, --floors FILE."""
    add_config_flag(parser)
    add_flags(parser, ("articles",))
    parser.add_argument("--gold", type=Path, required=True, help="gold file (format of seeds.yaml)")
    parser.add_argument("--json", action="store_true", help="print scores as JSON")
    parser.add_argument("--floors", type=Path,
                        help="fail (exit 1) when a score is below these floors")


def run(args: argparse.Namespace) -> int:
    """Print the scores; 1 when a --floors category is below its floor."""
    gold = load_yaml(args.gold, "gold file") or {}
    articles, _ = read_corpus(load_settings(args)["articles"])
    scores = score_articles(gold, articles)
    if args.json:
        print(json.dumps({k: s.as_dict() for k, s in scores.items()}, ensure_ascii=False, indent=2))
    else:
        print(format_table(scores))
    if args.floors:
        floors = floors_for(load_yaml(args.floors, "floors file") or {}, args.gold)
        problems = below_floors(scores, floors)
        for problem in problems:
            print(f"below floor: {problem}", file=sys.stderr)
        if problems:
            return 1
    return 0
