"""Stage 1, read: raw article files → Article (encoding, page-noise removal, metadata, sentences).

    read_article(path: Path) -> Article            raises InputError naming the file
    read_articles(folder: Path) -> tuple[tuple[Article, ...], tuple[Skipped, ...]]
        every file in the folder, sorted by name; duplicates read once; bad files skipped
    run_articles(args) -> int                      the `generate.py articles` command

Modules by job: decode (bytes → text), formats (one reader per file type), noise (regex
tables of page furniture), clean (title/header/body/footer), metadata, segment (paragraphs,
sentences, same-length normalization), dedupe, listing (the `articles` command).
Invalid bytes: see `briefing.read.decode` (a few are replaced and reported, more → skipped).
"""

from __future__ import annotations

import argparse
import hashlib
import logging
from pathlib import Path

from briefing.errors import InputError
from briefing.models import Article, Paragraph, Skipped
from briefing.parallel import map_ordered
from briefing.read.clean import layout
from briefing.read.decode import read_bytes
from briefing.read.dedupe import drop_duplicates
from briefing.read.formats import Source, reader_for
from briefing.read.metadata import Metadata, date_in_text, extract_metadata
from briefing.read.segment import detect_language, make_paragraph, normalize

__all__ = ["read_article", "read_articles", "run_articles"]

log = logging.getLogger(__name__)


def read_article(path: Path) -> Article:
    """Read one article file into an Article; InputError (naming the file) when unusable."""
    reader = reader_for(path)
    try:
        data = read_bytes(path)
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", file=path.name) from exc
    source = reader(data, path.name)
    return _article(hashlib.sha256(data).hexdigest(), path.name, source)


def _article(article_id: str, name: str, source: Source) -> Article:
    text = source.text
    page = layout(text)
    if not page.body:
        raise InputError("no article text found (only page furniture)", file=name)
    language = detect_language("".join(text[b.start : b.end] for b in page.body))
    paragraphs = tuple(
        make_paragraph(text, b.start, b.end, language, b.is_heading) for b in page.body
    )
    meta, problems = extract_metadata(page, _lead(paragraphs))
    meta = meta.or_else(_frame_metadata(source.frame)).or_else(_clean_hints(source.hints))
    return Article(
        id=article_id,
        file=name,
        text=text,
        norm=normalize(text),
        paragraphs=paragraphs,
        title=meta.title,
        date=meta.date,
        outlet=meta.outlet,
        author=meta.author,
        url=meta.url,
        site=meta.site,
        encoding=source.encoding,
        language=language,
        problems=source.problems + problems,
    )


def _lead(paragraphs: tuple[Paragraph, ...]) -> str:
    return next((p.text for p in paragraphs if not p.is_heading), "")


def _frame_metadata(frame: str) -> Metadata:
    """Metadata from a whole HTML page's text, for what the main content left out."""
    return extract_metadata(layout(frame))[0] if frame.strip() else Metadata()


def _clean_hints(hints: Metadata) -> Metadata:
    """Format hints with the date made ISO (or dropped when it cannot be read)."""
    date = date_in_text(hints.date) if hints.date else None
    return Metadata(hints.title, date, hints.outlet, hints.author, hints.url, hints.site)


def read_articles(folder: Path) -> tuple[tuple[Article, ...], tuple[Skipped, ...]]:
    """Read every file in `folder` (sorted by name); bad files and duplicates become Skipped.

    Hidden files (.DS_Store …) are ignored. One file never stops the others: even an
    unexpected error inside a parsing library becomes a Skipped (and is logged with its trace).
    """
    articles: list[Article] = []
    skipped: list[Skipped] = []
    paths = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    for result in map_ordered(_read_or_skip, paths):  # a process pool for large folders
        (articles if isinstance(result, Article) else skipped).append(result)
    articles, duplicates = drop_duplicates(articles)
    skipped.extend(duplicates)
    return tuple(articles), tuple(sorted(skipped, key=lambda s: s.file))


def _read_or_skip(path: Path) -> Article | Skipped:
    """One file of a folder: its Article, or the Skipped that says why not."""
    try:
        return read_article(path)
    except InputError as err:
        return Skipped(path.name, err.message)
    except Exception as exc:  # the contract: one bad file never stops the others
        log.exception("%s: unexpected error while reading", path.name)
        return Skipped(path.name, f"could not be read ({type(exc).__name__}: {exc})")


def run_articles(args: argparse.Namespace) -> int:
    """The `generate.py articles` command: list every file with its metadata and problems."""
    from briefing.read.listing import run_listing

    return run_listing(args.articles, as_json=args.json)
