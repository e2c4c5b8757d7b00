"""The whole pipeline in one function: read → extract → consolidate → compose → render."""

from __future__ import annotations

import datetime as _dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from briefing.reissue.cache import BuildCache, CacheStats, default_cache_dir
from briefing.consolidate.merge import consolidate
from briefing.errors import BriefingError, OutputError, RenderError, TemplateError
from briefing.extract import extract
from briefing.reissue.incremental import AudienceResult, publish_audience
from briefing.reissue.lock import DEFAULT_TIMEOUT, build_lock
from briefing.models import FigureCorrection, Skipped
from briefing.reissue.publish import clean_output, prepare_output
from briefing.read import read_article, read_articles
from briefing.compose.templates import Template, load_template

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build did: files written per audience, inputs skipped, audiences that failed."""

    written: dict[str, list[Path]] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    failed: dict[str, BriefingError] = field(default_factory=dict)
    article_count: int = 0
    no_input: bool = False  #: no usable article: nothing was composed, no brief was changed
    cache: CacheStats = field(default_factory=CacheStats)  #: what was redone, what reused
    issues: dict[str, AudienceResult] = field(default_factory=dict)  #: audience → its issue
    corrections: list[str] = field(default_factory=list)  #: problems with data/corrections.yaml
    template_dirs: tuple[Path, ...] = ()  #: the template folders the build searched

    @property
    def nothing_changed(self) -> bool:
        """No article read or extracted, no file rendered, no audience failed."""
        return self.cache.nothing_redone and not self.failed

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
    cache_dir: Path | None = None,
    force: bool = False,
    corrections: Path | None = None,
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
                             issue_date=issue_date, cache_dir=cache_dir, force=force,
                             corrections=corrections)


def _build_locked(
    articles_dir: Path,
    out_dir: Path,
    audiences: list[str],
    *,
    template_dirs: tuple[Path, ...] = (),
    issue_date: _dt.date | None = None,
    cache_dir: Path | None = None,
    force: bool = False,
    corrections: Path | None = None,
) -> BuildReport:
    """Build one brief per audience from every article in `articles_dir`.

    Args:
        articles_dir: folder of raw article files (.txt, .html, .md, .docx).
        out_dir: where `<audience>/<name>.docx|.pdf|.json` are written.
        audiences: template names, e.g. ["leadership", "department", "public"].
        template_dirs: extra template folders searched before the built-in ones.
        issue_date: the date of issue of a new issue (default: today); an audience whose
            content did not change keeps its latest issue, number and date.
        cache_dir: the build cache (default `.cache/` beside `out_dir`; safe to delete).
        force: read, extract and render everything again, ignoring the cache.
        corrections: staff corrections file (data/corrections.yaml), applied to every build.

    Returns:
        A BuildReport; a failing audience never stops the others, and a failed write
        never replaces the last good brief (a brief's files are published together).
    """
    report = BuildReport()
    issue_date = issue_date or _dt.date.today()
    cache = BuildCache(cache_dir or default_cache_dir(out_dir), force=force)
    report.cache = cache.stats
    report.template_dirs = template_dirs
    applied: tuple[FigureCorrection, ...] = ()

    templates = _load_templates(audiences, template_dirs, report)
    reader, cached_extractions = cache.reader(read_article, extract)
    articles, skipped = read_articles(articles_dir, reader=reader)
    report.skipped.extend(skipped)
    report.article_count = len(articles)
    # Not logged here: the caller reports each skipped file once (the CLI prints them).

    if not articles:  # an empty brief must not replace the last good one
        report.no_input = True
        return report

    extractions = tuple(cached_extractions[a.id] for a in articles)
    if corrections is not None:
        from briefing.consolidate.corrections import apply_corrections, applied_corrections, load_corrections

        staff = load_corrections(corrections)
        applied = applied_corrections(extractions, staff)
        extractions, report.corrections = apply_corrections(extractions, articles, staff)
        for problem in report.corrections:
            log.warning("%s: %s", corrections, problem)
    corpus = consolidate(articles, extractions, skipped=tuple(skipped))

    for audience, template in templates.items():
        try:
            result = publish_audience(corpus, template, out_dir / audience, issue_date, cache,
                                      corrections=applied)
            report.issues[audience] = result
            if result.written:
                report.written[audience] = list(result.written)
        except OSError as exc:  # e.g. out/<audience> is a file: one message naming the path
            report.failed[audience] = OutputError.from_os_error(exc, out_dir / audience)
        except BriefingError as err:  # reported once, by the caller (report.failed)
            log.debug("%s failed", audience, exc_info=True)
            report.failed[audience] = err
        except Exception as exc:  # a bug must not stop the other audiences or lose a brief
            log.debug("%s failed", audience, exc_info=True)
            report.failed[audience] = RenderError(
                f"unexpected error ({type(exc).__name__}: {exc}); the last good brief is kept",
                file=str(out_dir / audience))
    return report


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
