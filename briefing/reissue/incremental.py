"""One audience, incrementally: compose, decide whether this is a new issue, render if needed.

    publish_audience(corpus, template, dest_dir, issue_date, cache) -> AudienceResult

The brief is first composed as the latest issue would be (its number, date and what's-new);
if that gives the latest issue's content key (a hash of the Briefing), the content has not
changed: no new number, and nothing is rendered when the files on disk are the ones rendered
under the same output key (Briefing, template files, style preset, writer code). Otherwise
it is a new issue: number + 1, today's date (or --date), what's new since the latest issue;
its files are written, then copied into archive/<number>/ (briefing.reissue.issues).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from briefing.reissue.cache import BuildCache, content_key, render_key
from briefing.reissue.changes import Changes, changes_since, record_of
from briefing.compose import compose
from briefing.errors import BriefingError
from briefing.reissue.issues import Issue, archive_issue, latest_issue
from briefing.models import Briefing, Corpus, FigureCorrection
from briefing.reissue.publish import publish
from briefing.compose.templates import Template
from briefing.style_files import find_style_file, style_folders

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AudienceResult:
    """What happened to one audience: its issue, whether it is new, the files written."""

    issue: int
    date: str
    new_issue: bool
    written: tuple[Path, ...]  #: empty when the files on disk were already current
    changes: Changes
    briefing: Briefing
    content_key: str = ""  #: the Briefing's hash (briefing.reissue.cache.content_key)
    render_key: str = ""  #: what its files were rendered under (cache.render_key)


def publish_audience(
    corpus: Corpus,
    template: Template,
    dest_dir: Path,
    issue_date: _dt.date,
    cache: BuildCache,
    *,
    corrections: tuple[FigureCorrection, ...] = (),
    template_dirs: tuple[Path, ...] = (),
) -> AudienceResult:
    """Compose, number, render (only if needed) and archive one audience's brief.

    `corrections` (staff corrections applied to the corpus) go into the audit record;
    `template_dirs` (the --templates folders) are searched for the style preset first.
    """
    # the preset file the writers load: a user's `_styles/NAME.toml` before the built-in one
    styles = style_folders(template_dirs)
    style_file = find_style_file(str(template.get("style", "gongwen")), styles)
    latest = latest_issue(dest_dir)
    record = record_of(corpus)

    def pages(briefing: Briefing) -> int:  # max_pages measures the real PDF layout, once per brief
        from briefing.compose.fit import pdf_page_count  # loads the writers: only when measuring

        key = render_key(briefing, template.chain, style_file)
        return cache.remembered_number(
            "pages", key, lambda: pdf_page_count(briefing, cache_dir=cache.fonts_dir,
                                                    style_dirs=styles))

    def make(number: int, date: _dt.date, changes: Changes) -> tuple[Briefing, str]:
        briefing = compose(corpus, template, date, issue_number=number, changes=changes,
                           page_count=pages)
        if corrections:
            briefing = dataclasses.replace(briefing, corrections=corrections)
        return briefing, content_key(briefing)

    unchanged = False
    if latest is not None:
        briefing, key = make(latest.number, _dt.date.fromisoformat(latest.date), latest.changes)
        unchanged = key == latest.content_key
    if unchanged:
        issue = latest
        changes = latest.changes
    else:
        number = latest.number + 1 if latest else 1
        changes = changes_since(latest.record if latest else None, corpus,
                                previous_issue=latest.number if latest else None,
                                previous_date=latest.date if latest else None)
        briefing, key = make(number, issue_date, changes)
        issue = Issue(number, issue_date.isoformat(), key, record, changes)

    # Files depend on more than the content: template files, style preset and writer code.
    output_key = render_key(briefing, template.chain, style_file)
    written: tuple[Path, ...] = ()
    if not cache.outputs_current(dest_dir, template.name, output_key):
        # imported here: a build with nothing to render never loads matplotlib and reportlab
        from briefing.render import write_briefing

        written = tuple(_publish(dest_dir, lambda folder: write_briefing(
            briefing, folder, cache_dir=cache.fonts_dir, style_dirs=styles)))
        cache.remember_outputs(dest_dir, template.name, output_key, written)
    if not unchanged:
        from briefing.render import FILE_STEM, WRITERS

        files = written or tuple(dest_dir / f"{FILE_STEM}{w.suffix}" for w in WRITERS.values())
        archive_issue(dest_dir, issue, list(files))
        log.debug("%s: issue %d of %s", template.name, issue.number, issue.date)
    return AudienceResult(issue.number, issue.date, not unchanged, written, changes, briefing,
                          key, output_key)


def _publish(dest_dir: Path, produce: Callable[[Path], list[Path]]) -> list[Path]:
    """Write the brief's files into a fresh folder and swap them in together (briefing.reissue.publish)."""
    try:
        return publish(dest_dir, produce)
    except BriefingError as err:
        err.file = str(dest_dir)  # the published folder, not the fresh one that was discarded
        raise


__all__ = ["AudienceResult", "publish_audience"]
