"""`briefing corrections --import SHEET`: merge an edited facts sheet into corrections.yaml."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from briefing.commands.common import corrections_file, read_corpus
from briefing.consolidate.corrections import corrections_from_sheet, merge_corrections
from briefing.consolidate.fact_sheet import fact_rows, read_sheet
from briefing.errors import OutputError
from briefing.settings import add_config_flag, add_flags, load_settings

HELP = "import staff corrections from an edited facts sheet"
log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--import FILE, --articles, --corrections FILE."""
    add_config_flag(parser)
    add_flags(parser, ("articles", "corrections"))
    parser.add_argument("--import", dest="import_sheet", type=Path, required=True, metavar="FILE",
                        help="the edited facts sheet (.xlsx or .csv from `facts`)")


def run(args: argparse.Namespace) -> int:
    """Every edit of the sheet becomes a correction, merged field by field into the file."""
    settings = load_settings(args)
    articles_dir: Path = settings["articles"]
    target = corrections_file(settings)  # a mistyped path given is an error, not a new file
    records = read_sheet(args.import_sheet)  # checked before the articles are read
    articles, _ = read_corpus(articles_dir)
    edits = corrections_from_sheet(args.import_sheet, records, fact_rows(articles))
    if edits.unknown_rows:
        rows = ", ".join(map(str, edits.unknown_rows[:10]))
        more = f" and {len(edits.unknown_rows) - 10:,} more" if len(edits.unknown_rows) > 10 else ""
        print(f"warning: {args.import_sheet}: {len(edits.unknown_rows):,} row(s) name no figure "
              f"of the articles (rows {rows}{more}); their edits were not imported",
              file=sys.stderr)
    try:
        changed = merge_corrections(target, edits.corrections)
    except OSError as exc:
        raise OutputError(f"cannot write the corrections ({exc.strerror or exc}); the file is "
                          f"unchanged", file=str(target)) from None
    log.info("%d edits of %s: %d corrections added or changed in %s", len(edits.corrections),
             args.import_sheet, changed, target)
    return 0
