"""One audience, incrementally: compose, decide whether this is a new issue, render if needed.

    publish_audience(corpus, template, dest_dir, issue_date, cache) -> AudienceResult

The brief is first composed as the latest issue would be (its number, date and what's-new);
if that gives the latest issue's content key (a hash of the Briefing), the content has not
changed: no new number, and nothing is rendered when the files on disk are the ones rendered
under the same output key (Briefing, template files, style preset, writer code). Otherwise
it is a new issue: number + 1, today's date (or --date), what's new since the latest issue;
its files are written, then copied into archive/<number>/ (briefing.reissue.issues).

Publishing and archiving a new issue are one recoverable step: once its files are complete,
the journal names the issue and its set of files; then the set goes live, then it is
archived, then the journal says so. A build killed in between leaves the journal, and the
next build finishes the step first (recover): the issue goes live and into the archive with
the number and date it was published under, and is delivered like any other.

The latest issue is only compared with the corpus when everything its what's-new cites is
still in the corpus, verbatim; a removed or edited source makes the content different (a new
issue), never an error.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from briefing.reissue.cache import BuildCache, content_key, render_key
from briefing.reissue.changes import Changes, changes_since, cites_only, record_of
from briefing.compose import compose
from briefing.errors import BriefingError, OutputError
from briefing.reissue.issues import (
    JOURNAL_FILE,
    Issue,
    IssueState,
    Journal,
    archive_dir,
    archive_issue,
    read_journal,
    read_state,
    write_journal,
)
from briefing.models import Briefing, Corpus, FigureCorrection
from briefing.reissue.publish import live_set, make_live, publish, set_folder
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
    recover(dest_dir)
    state = read_state(dest_dir)
    _report_restart(dest_dir, state)
    latest = state.latest
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
    # The latest issue composed again: only when all its what's-new cites is still there.
    if latest is not None and cites_only(latest.changes, corpus):
        briefing, key = make(latest.number, _dt.date.fromisoformat(latest.date), latest.changes)
        unchanged = key == latest.content_key
    if unchanged and latest is not None:
        issue = latest
        changes = latest.changes
    else:
        number = state.next_number
        changes = changes_since(latest.record if latest else None, corpus,
                                previous_issue=latest.number if latest else None,
                                previous_date=latest.date if latest else None)
        briefing, key = make(number, issue_date, changes)
        issue = Issue(number, issue_date.isoformat(), key, record, changes)

    # Files depend on more than the content: template files, style preset and writer code.
    output_key = render_key(briefing, template.chain, style_file)
    written: tuple[Path, ...] = ()
    set_name = live_set(dest_dir)
    if not cache.outputs_current(dest_dir, template.name, output_key):
        # imported here: a build with nothing to render never loads matplotlib and reportlab
        from briefing.render import write_briefing

        def journal(name: str) -> None:  # the new issue's set is complete: say it goes live
            nonlocal set_name
            set_name = name
            write_journal(dest_dir, _journal(dest_dir, issue, name, archived=False))

        written = tuple(_publish(dest_dir, lambda folder: write_briefing(
            briefing, folder, cache_dir=cache.fonts_dir, style_dirs=styles),
            None if unchanged else journal))
        cache.remember_outputs(dest_dir, template.name, output_key, written)
    if not unchanged:
        if not written:  # the files on disk are this issue's already
            write_journal(dest_dir, _journal(dest_dir, issue, set_name, archived=False))
        _archive(dest_dir, _journal(dest_dir, issue, set_name, archived=False))
        log.debug("%s: issue %d of %s", template.name, issue.number, issue.date)
    return AudienceResult(issue.number, issue.date, not unchanged, written, changes, briefing,
                          key, output_key)


def needs_recovery(dest_dir: Path) -> bool:
    """Whether recover() has anything to finish: a journal whose issue is not marked archived
    or whose archive folder is gone (a build that recalls the last one must not skip it)."""
    journal = read_journal(dest_dir)
    if journal is None:
        return False
    entry = archive_dir(dest_dir) / str(journal.issue.number)
    return not (journal.archived and (entry.exists() or entry.is_symlink()))


def recover(dest_dir: Path) -> None:
    """Finish the step an interrupted build left (call with the build lock held).

    A journal whose issue is not archived: its set goes live if it is not yet, and into the
    archive. A journal whose issue's archive folder was deleted: the live set (always the
    latest issue's files) is archived again.
    """
    journal = read_journal(dest_dir)
    if journal is None:
        return
    number = journal.issue.number
    entry = archive_dir(dest_dir) / str(number)
    if entry.exists() or entry.is_symlink():
        if not journal.archived:
            write_journal(dest_dir, Journal(journal.issue, journal.set_name, archived=True))
        return
    if journal.archived:  # the archive folder was deleted since
        set_name = live_set(dest_dir)
        if set_name is None:
            return
    else:
        set_name = journal.set_name
        folder = set_folder(dest_dir, set_name)
        if not folder.is_dir() or folder.is_symlink():  # never published: nothing to finish
            log.warning("%s: issue %d was never published (its files are gone); its journal "
                        "is dropped", dest_dir, number)
            (dest_dir / JOURNAL_FILE).unlink(missing_ok=True)
            return
        if live_set(dest_dir) != set_name:
            make_live(dest_dir, set_name, list(journal.issue.files))
    _archive(dest_dir, _journal(dest_dir, journal.issue, set_name, archived=False))
    what = "archived again" if journal.archived else "published and archived"
    log.warning("%s: issue %d of %s %s (an earlier build was interrupted, or the archive "
                "deleted)", dest_dir, number, journal.issue.date, what)


def _journal(dest_dir: Path, issue: Issue, set_name: str | None, *, archived: bool) -> Journal:
    """The journal entry of `issue` going live as the set `set_name`, with the set's files."""
    if set_name is None:
        raise BriefingError("the live brief is not a set this tool published; build with "
                            "--force", file=str(dest_dir))
    folder = set_folder(dest_dir, set_name)
    files = tuple(sorted(p.name for p in folder.iterdir() if p.is_file()
                         and not p.is_symlink() and not p.name.startswith(".")))
    return Journal(dataclasses.replace(issue, files=files), set_name, archived)


def _archive(dest_dir: Path, journal: Journal) -> None:
    """Copy the journal's set into the archive, then mark the journal archived.

    OutputError when the copy fails (a full disk): the issue is live, and the next build
    archives it (recover).
    """
    folder = set_folder(dest_dir, journal.set_name)
    try:
        archive_issue(dest_dir, journal.issue, [folder / name for name in journal.issue.files])
    except OSError as exc:
        raise OutputError(f"{exc.strerror or exc}: issue {journal.issue.number} is published "
                          "but not archived yet; the next build archives it",
                          file=str(archive_dir(dest_dir))) from exc
    write_journal(dest_dir, Journal(journal.issue, journal.set_name, archived=True))


def _report_restart(dest_dir: Path, state: IssueState) -> None:
    """Numbering starts again at 1 only with a word: a live brief but no archive, no journal."""
    if not state.taken and live_set(dest_dir) is not None:
        log.warning("%s: a brief is published but its archive and journal are gone; issue "
                    "numbering starts again at 1", dest_dir)


def _publish(dest_dir: Path, produce: Callable[[Path], list[Path]],
             before_swap: Callable[[str], None] | None) -> list[Path]:
    """Write the brief's files into a fresh folder and swap them in together (briefing.reissue.publish)."""
    try:
        return publish(dest_dir, produce, before_swap)
    except OutputError:  # it names the very entry at fault
        raise
    except BriefingError as err:
        err.file = str(dest_dir)  # the published folder, not the fresh one that was discarded
        raise


__all__ = ["AudienceResult", "needs_recovery", "publish_audience", "recover"]
