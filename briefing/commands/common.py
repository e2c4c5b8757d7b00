"""What several commands share: reading the articles folder and reporting what was skipped."""

from __future__ import annotations

import sys
from pathlib import Path

from briefing.errors import ConfigError
from briefing.models import Article, Skipped
from briefing.read import read_articles
from briefing.settings import Settings


def read_corpus(folder: Path) -> tuple[tuple[Article, ...], tuple[Skipped, ...]]:
    """Read every article of `folder`, naming each skipped file on stderr.

    ConfigError (exit 2) when the folder does not exist.
    """
    if not folder.is_dir():
        raise ConfigError("articles folder not found", file=str(folder))
    articles, skipped = read_articles(folder)
    for s in skipped:
        print(f"skipped {s.file}: {s.reason}", file=sys.stderr)
    return tuple(articles), tuple(skipped)


def corrections_file(settings: Settings) -> Path:
    """The corrections file to update: the setting, else corrections.yaml beside the articles
    folder (made by the first decision or import).

    ConfigError when the setting names no file: a mistyped path must not start a new file
    that no build reads.
    """
    given: Path | None = settings["corrections"]
    if given is not None and not given.is_file():
        raise ConfigError("corrections file not found" if not given.exists()
                          else "not a file (a corrections file is a YAML file)", file=str(given))
    return given or Path(settings["articles"]).resolve().parent / "corrections.yaml"
