"""The whole pipeline in one function: read → extract → consolidate → compose → render."""

from __future__ import annotations

import datetime as _dt
import functools
import logging
from dataclasses import dataclass, field
from pathlib import Path

from briefing.compose import compose
from briefing.compose.fit import pdf_page_count
from briefing.consolidate import consolidate
from briefing.errors import BriefingError, OutputError, TemplateError
from briefing.extract import extract
from briefing.lock import DEFAULT_TIMEOUT, build_lock
from briefing.models import Briefing, Skipped
from briefing.publish import clean_output, prepare_output, publish
from briefing.read import read_articles
from briefing.templates import Template, load_template
from briefing.writers import default_cache_dir, write_briefing

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build did: files written per audience, inputs skipped, audiences that failed."""

    written: dict[str, list[Path]] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    failed: dict[str, BriefingError] = field(default_factory=dict)
    article_count: int = 0
    no_input: bool = False  #: no usable article: nothing was composed, no brief was changed

    @property
    def exit_code(self) -> int:
        """0 clean; 2 a template/config error stopped an audience; 1 some input was skipped
        (or none was usable)."""
        if any(e.exit_code == 2 for e in self.failed.values()):
            return 2
        if self.skipped or self.failed or self.no_input:
            return 1
        return 0


def build(
    articles_dir: Path,
    out_dir: Path,
    audiences: list[str],
    *,
    template_dirs: tuple[Path, ...] = (),
    issue_date: _dt.date | None = None,
    lock_timeout: float = DEFAULT_TIMEOUT,
) -> BuildReport:
    """Build one brief per audience, holding `out_dir`'s build lock (see _build_locked).

    Raises OutputError when `out_dir` cannot be used and BusyError when another build holds
    its lock for longer than `lock_timeout` seconds.
    """
    prepare_output(out_dir)
    with build_lock(out_dir, lock_timeout):
        for path in clean_output(out_dir):  # what killed builds left behind
            log.info("removed %s, left by an interrupted build", path)
        return _build_locked(articles_dir, out_dir, audiences, template_dirs=template_dirs,
                             issue_date=issue_date)


def _build_locked(
    articles_dir: Path,
    out_dir: Path,
    audiences: list[str],
    *,
    template_dirs: tuple[Path, ...] = (),
    issue_date: _dt.date | None = None,
) -> BuildReport:
    """Build one brief per audience from every article in `articles_dir`.

    Args:
        articles_dir: folder of raw article files (.txt, .html, .md, .docx).
        out_dir: where `<audience>/<name>.docx|.pdf|.json` are written.
        audiences: template names, e.g. ["leadership", "department", "public"].
        template_dirs: extra template folders searched before the built-in ones.
        issue_date: the date printed as the date of issue (default: today).

    Returns:
        A BuildReport; a failing audience never stops the others, and a failed write
        never replaces the last good brief (a brief's files are published together).
    """
    report = BuildReport()
    issue_date = issue_date or _dt.date.today()

    templates = _load_templates(audiences, template_dirs, report)
    articles, skipped = read_articles(articles_dir)
    report.skipped.extend(skipped)
    report.article_count = len(articles)
    # Not logged here: the caller reports each skipped file once (the CLI prints them).

    if not articles:  # an empty brief must not replace the last good one
        report.no_input = True
        return report

    extractions = tuple(extract(a) for a in articles)
    corpus = consolidate(articles, extractions, skipped=tuple(skipped))

    for audience, template in templates.items():
        try:
            briefing = compose(corpus, template, issue_date, page_count=functools.partial(
                pdf_page_count, cache_dir=default_cache_dir(out_dir / audience)))
            report.written[audience] = _publish(briefing, out_dir / audience)
        except OSError as exc:  # e.g. out/<audience> is a file: one message naming the path
            report.failed[audience] = OutputError.from_os_error(exc, out_dir / audience)
        except BriefingError as err:  # reported once, by the caller (report.failed)
            log.debug("%s failed", audience, exc_info=True)
            report.failed[audience] = err
    return report


def _publish(briefing: Briefing, dest: Path) -> list[Path]:
    """Write the brief's files into a fresh folder and swap them in together."""
    cache = default_cache_dir(dest)  # out/.cache/fonts, not inside the fresh folder
    try:
        return publish(dest, lambda folder: write_briefing(briefing, folder, cache_dir=cache))
    except BriefingError as err:
        err.file = str(dest)  # the published folder, not the fresh one that was discarded
        raise


def _load_templates(audiences: list[str], template_dirs: tuple[Path, ...],
                    report: BuildReport) -> dict[str, Template]:
    """Load every audience's template before any work; a broken or abstract one is a failure."""
    templates: dict[str, Template] = {}
    for audience in audiences:
        try:
            template = load_template(audience, template_dirs)
            if template.abstract:
                raise TemplateError(f"{audience!r} is abstract (shared parts that other templates "
                                    "extend), not an audience", file=template.config_file)
            templates[audience] = template
        except BriefingError as err:
            report.failed[audience] = err
    return templates
