"""Ingest one file: read it into an Article and extract its Extraction, or say why not.

    read_and_extract(path) -> (Article, Extraction) | Skipped
    prepare_extraction()          load what every extraction needs (jieba's tagger) now

A pure function of the file (its name and bytes), so the build can run it anywhere (here, in
a fork pool, in any executor: see briefing.parallel) and cache what it returns by the file's
key (briefing.reissue.cache). The build's order of work is in briefing.build.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from briefing.extract import extract
from briefing.extract.bounds import overlong_note
from briefing.extract.tagger import tagger
from briefing.models import Article, Extraction, Skipped
from briefing.read import read_article, skip_on_error

__all__ = ["prepare_extraction", "read_and_extract"]


def prepare_extraction() -> None:
    """Load jieba's tagger in this process now: before a fork pool starts, its workers then
    inherit it instead of loading it each (it loads on first use anyway)."""
    tagger()


def read_and_extract(path: Path) -> tuple[Article, Extraction] | Skipped:
    """The file's Article and Extraction, or the Skipped that names the file and the reason.

    An InputError (an unusable file) gives its message; any other error, in reading or in
    extracting, gives a `Crashed` Skipped naming it (one bad file never stops the others).
    """
    return skip_on_error(path, _read_then_extract)


def _read_then_extract(path: Path) -> tuple[Article, Extraction]:
    article = read_article(path)
    extraction = extract(article)
    note = overlong_note(article)  # extraction read only part of a sentence: say so
    if note is not None:
        article = dataclasses.replace(article, problems=(*article.problems, note))
    return article, extraction
