"""`briefing articles`: one row per file, metadata and problems, as text or JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from briefing.errors import ConfigError
from briefing.models import Article, Skipped
from briefing.read import read_articles
from briefing.settings import add_config_flag, add_flags, load_settings

HELP = "list every article with its metadata and problems"
FIELDS = (
    "file",
    "title",
    "date",
    "outlet",
    "author",
    "url",
    "site",
    "encoding",
    "characters",
    "problem",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--articles, --json."""
    add_config_flag(parser)
    add_flags(parser, ("articles",))
    parser.add_argument("--json", action="store_true", help="print a JSON array")


def run(args: argparse.Namespace) -> int:
    """List the articles folder of the settings."""
    return run_listing(load_settings(args)["articles"], as_json=args.json)


def article_row(article: Article) -> dict[str, Any]:
    """The listing row of a read article."""
    return {
        "file": article.file,
        "title": article.title,
        "date": article.date,
        "outlet": article.outlet,
        "author": article.author,
        "url": article.url,
        "site": article.site,
        "encoding": article.encoding,
        "characters": len(article.text),
        "problem": "; ".join(article.problems) or None,
    }


def skipped_row(skipped: Skipped) -> dict[str, Any]:
    """The listing row of a skipped file: every metadata field empty, the reason as problem."""
    row: dict[str, Any] = dict.fromkeys(FIELDS)
    row.update(file=skipped.file, problem=skipped.reason)
    return row


def run_listing(folder: Path, *, as_json: bool) -> int:
    """Print every file of `folder`; 0 when all were read, 1 when any was skipped.

    ConfigError (exit 2) when the folder does not exist.
    """
    if not folder.is_dir():
        raise ConfigError("articles folder not found", file=str(folder))
    articles, skipped = read_articles(folder)
    rows = sorted(
        [*map(article_row, articles), *map(skipped_row, skipped)], key=lambda r: r["file"]
    )
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(_text_row(row))
    return 1 if skipped else 0


def _text_row(row: dict[str, Any]) -> str:
    if row["encoding"] is None:  # a skipped file has nothing but its problem
        return f"{row['file']}: skipped: {row['problem']}"
    head = f"{row['file']}: {row['title'] or '(no title)'}"
    details = [f"{key}: {row[key]}" for key in FIELDS[2:-1] if row[key] is not None]
    lines = [head, "    " + " | ".join(details)]
    if row["problem"]:
        lines.append(f"    problem: {row['problem']}")
    return "\n".join(lines)
