"""Stage 1, read: raw article files → Article (encoding, page-noise removal, metadata, sentences).

Contract (owned by the read stage):
    read_article(path: Path) -> Article            raises InputError naming the file
    read_articles(folder: Path) -> tuple[tuple[Article, ...], tuple[Skipped, ...]]
        every file in the folder, sorted by name; duplicates read once; bad files skipped
    run_articles(args) -> int                      the `generate.py articles` command
"""

from __future__ import annotations
