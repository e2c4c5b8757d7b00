"""`briefing corrections --import SHEET`: merge an edited facts sheet into corrections.yaml."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from briefing.commands.common import read_corpus
from briefing.consolidate.corrections import (
    corrections_from_sheet,
    load_corrections,
    save_corrections,
)
from briefing.consolidate.fact_sheet import fact_rows
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
    """Every edit of the sheet becomes a correction (the last one for a figure wins)."""
    settings = load_settings(args)
    articles_dir: Path = settings["articles"]
    # the file to update: the setting (which must exist: a mistyped path is an error), else
    # corrections.yaml beside the articles, made here the first time
    given = settings["corrections"]
    target = given or articles_dir.resolve().parent / "corrections.yaml"
    existing = load_corrections(target) if given is not None else ()
    articles, _ = read_corpus(articles_dir)
    new = corrections_from_sheet(args.import_sheet, fact_rows(articles))
    save_corrections(target, [*existing, *new])
    log.info("%d corrections imported into %s", len(new), target)
    return 0
