"""Stage 1, read: raw article files → Article (encoding, page-noise removal, metadata, sentences).

    read_article(path: Path) -> Article            raises InputError naming the file
    read_articles(folder: Path) -> tuple[tuple[Article, ...], tuple[Skipped, ...]]
        every file in the folder, sorted by name; duplicates read once; bad files skipped
    folder_files(folder) -> (files, skipped)       the folder's regular files, the other entries
    skip_on_error(path, work) -> result | Skipped  one file's work, its failure made a Skipped

Modules by job: decode (bytes → text), formats (one reader per file type), noise (regex
tables of page furniture), clean (title/header/body/footer), metadata, segment (paragraphs,
sentences, same-length normalization), dedupe. The `articles` command is briefing.commands.articles.
Invalid bytes: see `briefing.read.decode` (a few are replaced and reported, more → skipped).
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from briefing.errors import ConfigError, InputError
from briefing.models import Article, Paragraph, Skipped
from briefing.parallel import map_ordered
from briefing.read.clean import layout
from briefing.read.decode import read_bytes
from briefing.read.dedupe import drop_duplicates
from briefing.read.formats import Source, reader_for
from briefing.read.names import display_name
from briefing.read.glyphs import unprintable_note
from briefing.read.junk import describe, remove_junk, tidy
from briefing.read.sanitize import xml_safe
from briefing.read.metadata import Metadata, checked_title, date_in_text, extract_metadata, opening
from briefing.read.segment import detect_language, make_paragraph, normalize

__all__ = [
    "Crashed",
    "folder_files",
    "list_folder",
    "read_article",
    "read_articles",
    "skip_on_error",
    "sorted_skipped",
]

log = logging.getLogger(__name__)

T = TypeVar("T")


def read_article(path: Path) -> Article:
    """Read one article file into an Article; InputError (naming the file) when unusable.

    The Article's `file` (and the error's) is `display_name(path.name)`: text any writer can
    encode, with undecodable bytes of the name written as \\xNN.
    """
    name = display_name(path.name)
    try:
        reader = reader_for(path)
        try:
            data = read_bytes(path)
        except OSError as exc:
            raise InputError(f"cannot read file ({exc.strerror})", file=name) from exc
        source = _sanitized(reader(data, name))
    except InputError as err:
        err.file = name
        raise
    return _article(hashlib.sha256(data).hexdigest(), name, source)


def _sanitized(source: Source) -> Source:
    """Every text a reader produced without reposting junk (invisible characters, symbols
    and glosses inside words, strings the page inserts inside words), then made XML-safe."""
    cleaned = remove_junk(source.text)
    h = source.hints
    hints = Metadata(*(xml_safe(tidy(v, cleaned.inserted)) if isinstance(v, str) else v
                       for v in (h.title, h.date, h.outlet, h.author, h.url, h.site)))
    return replace(source, text=xml_safe(cleaned.text),
                   frame=xml_safe(tidy(source.frame, cleaned.inserted)), hints=hints,
                   problems=source.problems + describe(cleaned))


def _article(article_id: str, name: str, source: Source) -> Article:
    text = source.text
    page = layout(text)
    if not page.body:
        raise InputError("no article text found (only page furniture)", file=name)
    language = detect_language("".join(text[b.start : b.end] for b in page.body))
    paragraphs = tuple(
        make_paragraph(text, b.start, b.end, language, b.is_heading) for b in page.body
    )
    meta, problems = extract_metadata(page, _lead(paragraphs), tuple(p.text for p in paragraphs))
    meta = meta.or_else(_frame_metadata(source.frame)).or_else(_clean_hints(source.hints))
    if meta.title:  # a title from the frame or the HTML head must read as this body's headline
        texts = tuple(p.text for p in paragraphs if not p.is_heading)
        meta = replace(meta, title=checked_title(meta.title, opening(_lead(paragraphs), texts)))
    printed = [p.text for p in paragraphs] + [v for v in (meta.title, meta.outlet, meta.author) if v]
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
        problems=source.problems + problems + unprintable_note(name, printed),
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

    Hidden files (.DS_Store …) are ignored; every other path that is not a readable regular
    file (sub-folder, dangling link, link loop, FIFO) is a Skipped with its reason. One file
    never stops the others: even an unexpected error inside a parsing library becomes a
    Skipped (its trace is logged at debug level). A folder that cannot be listed is a
    ConfigError naming it. Large folders are read in a process pool (briefing.parallel).
    """
    files, skipped = folder_files(folder)
    outcomes = map_ordered(_read_or_skip, files)
    articles, duplicates = drop_duplicates([o for o in outcomes if isinstance(o, Article)])
    skipped += [o for o in outcomes if isinstance(o, Skipped)] + duplicates
    return tuple(articles), sorted_skipped(skipped)


def folder_files(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """The regular files of `folder`, sorted by name, and a Skipped for every other entry."""
    listed = list_folder(folder)
    return ([path for path, problem in listed if not problem],
            [Skipped(display_name(path.name), problem) for path, problem in listed if problem])


def sorted_skipped(skipped: list[Skipped]) -> tuple[Skipped, ...]:
    """Skipped files in the order they are reported: by file name."""
    return tuple(sorted(skipped, key=lambda s: s.file))


def list_folder(folder: Path) -> list[tuple[Path, str | None]]:
    """Every non-hidden entry of `folder`, sorted by name, with why it cannot be read (or None)."""
    try:
        with os.scandir(folder) as entries:
            found = sorted((e for e in entries if not e.name.startswith(".")),
                           key=lambda e: e.name)
    except OSError as exc:
        raise ConfigError(f"cannot list the articles folder ({exc.strerror})",
                          file=display_name(str(folder))) from exc
    return [(Path(e.path), _entry_problem(e)) for e in found]


def _entry_problem(entry: os.DirEntry[str]) -> str | None:
    """Why a folder entry is not an article file, or None when it is a regular file."""
    try:
        if entry.is_file():
            return None
        if entry.is_dir():
            return "is a folder (sub-folders are not read)"
        if entry.is_symlink():
            os.stat(entry.path)  # raises for a dangling link or a loop
        return "not a regular file (device, FIFO or socket)"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if exc.errno == errno.ENOENT:
            return f"broken symbolic link (points to {display_name(os.readlink(entry.path))})"
        return f"cannot be read ({exc.strerror})"


@dataclass(frozen=True, slots=True)
class Crashed(Skipped):
    """A file skipped for an unexpected error (a parsing library's bug, no memory left).

    Reported like any Skipped, but it says nothing lasting about the file's bytes, so the
    build cache does not keep it: the next build tries the file again.
    """


def skip_on_error(path: Path, work: Callable[[Path], T]) -> T | Skipped:
    """`work(path)`, or the Skipped that says why not: an InputError's message, or a Crashed
    naming any other error (one bad file never stops the others)."""
    try:
        return work(path)
    except InputError as err:
        return Skipped(display_name(path.name), err.message)
    except Exception as exc:  # the contract: one bad file never stops the others
        # The Skipped is the one message; the trace is for --verbose.
        log.debug("%s: unexpected error while reading", path.name, exc_info=True)
        return Crashed(display_name(path.name), f"could not be read ({type(exc).__name__}: {exc})")


def _read_or_skip(path: Path) -> Article | Skipped:
    """One file of a folder: its Article, or the Skipped that says why not."""
    return skip_on_error(path, read_article)

