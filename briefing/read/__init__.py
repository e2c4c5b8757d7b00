"""Stage 1, read: raw article files → Article (encoding, page-noise removal, metadata, sentences).

Contract (owned by the read stage):
    read_article(path: Path) -> Article            raises InputError naming the file
    read_articles(folder: Path) -> tuple[tuple[Article, ...], tuple[Skipped, ...]]
        every file in the folder, sorted by name; duplicates read once; bad files skipped
    run_articles(args) -> int                      the `generate.py articles` command

PROVISIONAL minimal version (UTF-8 .txt only, no noise removal, no metadata) so the later
stages can be developed against real Articles; the read stage replaces it, same API.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from briefing.errors import InputError
from briefing.models import Article, Paragraph, Sentence, Skipped

_SENTENCE_END = re.compile(r"[^。！？!?]*[。！？!?]+[”」』\"]?|[^。！？!?]+$")


def _sentences(text: str, offset: int) -> tuple[Sentence, ...]:
    out = []
    for m in _SENTENCE_END.finditer(text):
        raw = m.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        start = offset + m.start() + (len(raw) - len(raw.lstrip()))
        out.append(Sentence(start, start + len(stripped), stripped))
    return tuple(out)


def read_article(path: Path) -> Article:
    """Read one article file into an Article."""
    data = path.read_bytes()
    if not data.strip():
        raise InputError("file is empty", file=path.name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason})", file=path.name) from exc
    paragraphs = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.strip()
        if body:
            start = pos + line.index(body)
            paragraphs.append(
                Paragraph(start, start + len(body), body, _sentences(body, start))
            )
        pos += len(line)
    title = paragraphs[0].text if paragraphs else None
    return Article(
        id=hashlib.sha256(data).hexdigest(),
        file=path.name,
        text=text,
        norm=text,
        paragraphs=tuple(paragraphs),
        title=title,
    )


def read_articles(folder: Path) -> tuple[tuple[Article, ...], tuple[Skipped, ...]]:
    """Read every file in `folder`; files that fail are returned as Skipped."""
    articles, skipped = [], []
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        try:
            articles.append(read_article(path))
        except InputError as err:
            skipped.append(Skipped(path.name, err.message))
    return tuple(articles), tuple(skipped)
