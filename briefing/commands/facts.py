"""`briefing facts`: every extracted figure with its stable id, as text, JSON, CSV or XLSX."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from briefing.commands.common import read_corpus
from briefing.consolidate.fact_sheet import fact_rows, write_csv, write_xlsx
from briefing.settings import add_config_flag, add_flags, load_settings

HELP = "print every extracted figure"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--articles, --json, --csv FILE, --xlsx FILE."""
    add_config_flag(parser)
    add_flags(parser, ("articles",))
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    parser.add_argument("--csv", type=Path, metavar="FILE",
                        help="write a CSV table ('-' for stdout)")
    parser.add_argument("--xlsx", type=Path, metavar="FILE", help="write an Excel sheet")


def run(args: argparse.Namespace) -> int:
    """Write or print the facts sheet; 1 when an article was skipped."""
    articles, skipped = read_corpus(load_settings(args)["articles"])
    rows = fact_rows(articles)
    if args.csv:
        write_csv(rows, args.csv)
    if args.xlsx:
        write_xlsx(rows, args.xlsx)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif not args.csv and not args.xlsx:
        for r in rows:
            print(
                f"{r['file']}\t{r['value']}\t{r['unit']}\t{r['qualifier']}\t{r['period']}\t"
                f"{r['subject']}\t{r['metric']}"
            )
    return 1 if skipped else 0
