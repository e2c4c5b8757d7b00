"""The `generate.py articles` command: one row per file, metadata and problems, text or JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from briefing.models import Article, Skipped

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
    """Print every file of `folder`; 0 when all were read, 1 when any was skipped, 2 no folder."""
    from briefing.read import read_articles

    if not folder.is_dir():
        print(f"error: {folder}: articles folder not found", file=sys.stderr)
        return 2
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
