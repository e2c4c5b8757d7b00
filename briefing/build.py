"""The whole pipeline in one function: read → extract → consolidate → compose → render.

Reading and extracting go through the build cache: a file whose key (name and bytes) is
cached is not read again; the others go to `briefing.ingest.read_and_extract`, in a pool
when there are many, or on a Dask cluster when the `executor` setting asks (`briefing.parallel`).
Consolidating, composing and rendering stay in this process. A long run reports its progress
on stderr (briefing.progress).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from briefing.compose.templates import Template, load_template
from briefing.consolidate.corrections import (
    apply_corrections,
    apply_source_corrections,
    applied_corrections,
    applied_source_corrections,
    load_corrections,
)
from briefing.consolidate.merge import consolidate
from briefing.errors import BriefingError, OutputError, RenderError, TemplateError
from briefing.ingest import prepare_extraction, read_and_extract
from briefing.models import Article, Corpus, Extraction, FigureCorrection, Skipped
from briefing.parallel import (
    ENV_WORKERS,
    MIN_POOL_ITEMS,
    executor_in_use,
    map_ordered,
    open_executor,
    use_executor,
)
from briefing.progress import progress
from briefing.read import folder_files, sorted_skipped
from briefing.read.dedupe import drop_duplicates
from briefing.reissue.cache import BuildCache, CacheStats, default_cache_dir
from briefing.reissue.incremental import AudienceResult, publish_audience
from briefing.reissue.delivery import deliver_new_issues
from briefing.reissue.delivery import load_settings as load_delivery_settings
from briefing.reissue.lock import DEFAULT_TIMEOUT, build_lock
from briefing.reissue.publish import clean_output, prepare_output
from briefing.reissue.recall import (
    Warning_,
    captured_warnings,
    inputs_key,
    recall,
    remember,
    replay,
)

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
    #: what consolidating and composing warned (a recalled build gives it again)
    warnings: list[Warning_] = field(default_factory=list)
    delivery: list[str] = field(default_factory=list)  #: problems delivering new issues

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


@dataclass(frozen=True)
class BuildOptions:
    """Everything a build is asked to do; the command line and `briefing.toml` fill it."""

    articles: Path  #: folder of raw article files (.txt, .html, .md, .docx)
    out: Path  #: where `<audience>/brief.docx|.pdf|.json` are written
    audiences: tuple[str, ...]  #: template names, e.g. ("leadership", "department")
    template_dirs: tuple[Path, ...] = ()  #: extra template folders, searched before the built-in
    #: date of issue of a new issue (default: today); an unchanged audience keeps its issue
    issue_date: _dt.date | None = None
    cache_dir: Path | None = None  #: the build cache (default `.cache/` beside `out`)
    force: bool = False  #: read, extract and render everything again, ignoring the cache
    corrections: Path | None = None  #: staff corrections file, applied to every build
    lock_timeout: float = DEFAULT_TIMEOUT  #: seconds to wait for another build of `out`
    #: processes that read and extract a large folder (None: $BRIEFING_WORKERS, else free cores)
    workers: int | None = None
    #: where files are read and extracted: None here or in a fork pool; `local` a Dask
    #: LocalCluster; `dask://HOST:PORT` a running Dask scheduler (briefing.parallel.open_executor)
    executor: str | None = None
    #: delivery.toml: e-mail each new issue (briefing.reissue.delivery), inside the build lock
    delivery: Path | None = None


def build(options: BuildOptions) -> BuildReport:
    """Build one brief per audience, holding the output folder's build lock.

    Returns a BuildReport; a failing audience never stops the others, and a failed write
    never replaces the last good brief (a brief's files are published together). New issues
    are delivered before the lock is released, so overlapping builds never send one twice.
    Raises ConfigError when `options.delivery` is unusable (before any work), OutputError when
    `options.out` cannot be used and BusyError when another build holds its lock for longer
    than `options.lock_timeout` seconds.
    """
    smtp = load_delivery_settings(options.delivery) if options.delivery is not None else None
    prepare_output(options.out)
    with build_lock(options.out, options.lock_timeout):
        for path in clean_output(options.out):  # what killed builds left behind
            log.info("removed %s, left by an interrupted build", path)
        with _workers(options.workers), _executor(options):  # closed before mail is sent
            report = _build_locked(options)
        if smtp is not None:  # inside the lock: a second build waits until this one has sent
            report.delivery = deliver_new_issues(report, options.out, smtp)
        return report


@contextlib.contextmanager
def _executor(options: BuildOptions) -> Iterator[None]:
    """During the build, briefing.parallel maps on the Dask cluster `options.executor` names."""
    if options.executor is None:
        yield
        return
    with open_executor(options.executor, options.workers) as executor, use_executor(executor):
        yield


@contextlib.contextmanager
def _workers(count: int | None) -> Iterator[None]:
    """During the build, briefing.parallel uses `count` processes (its $BRIEFING_WORKERS)."""
    if count is None:
        yield
        return
    before = os.environ.get(ENV_WORKERS)
    os.environ[ENV_WORKERS] = str(count)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ENV_WORKERS, None)
        else:
            os.environ[ENV_WORKERS] = before


def _build_locked(options: BuildOptions) -> BuildReport:
    """list → (the last build's inputs? its results) → look up the cache → read and extract
    the misses → drop duplicates → (corrections) → consolidate → compose and render each
    audience → remember the inputs."""
    report = BuildReport(template_dirs=options.template_dirs)
    cache = BuildCache(options.cache_dir or default_cache_dir(options.out), force=options.force)
    report.cache = cache.stats
    templates = _load_templates(list(options.audiences), options.template_dirs, report)
    # Checked before any article is read: a bad or missing corrections file stops the build.
    staff = load_corrections(options.corrections) if options.corrections is not None else ()

    # Each file is known by its key (name + bytes + extractor version).
    files, skipped, keys = _listed(options.articles, cache)
    inputs = None if options.force or report.failed else inputs_key(
        [(path.name, keys[path]) for path in files], skipped, options.audiences,
        options.template_dirs, options.corrections)
    if inputs and _recalled(report, cache, inputs, templates, options, keys):
        return report

    found = _ingest(files, keys, cache)
    articles, extractions, skipped = _without_duplicates([found[p] for p in files], skipped)
    report.skipped.extend(skipped)
    report.article_count = len(articles)
    # Not logged here: the caller reports each skipped file once (the CLI prints them).

    if not articles:  # an empty brief must not replace the last good one
        report.no_input = True
        return report

    applied: tuple[FigureCorrection, ...] = ()
    if staff:  # the problems are reported once, by the caller (report.corrections)
        applied = (applied_corrections(extractions, staff)
                   + applied_source_corrections(articles, staff))
        extractions, report.corrections = apply_corrections(extractions, articles, staff)
        articles, source_problems = apply_source_corrections(articles, staff)
        report.corrections += source_problems
    with captured_warnings() as warnings:
        corpus = consolidate(articles, extractions, skipped=skipped)
    report.warnings.extend(warnings)
    _publish_all(templates, corpus, options, cache, applied, report)
    if inputs and not report.failed:
        remember(cache, inputs, report.article_count, report.skipped, report.corrections,
                 report.issues, report.warnings)
    return report


def _recalled(report: BuildReport, cache: BuildCache, inputs: str,
              templates: dict[str, Template], options: BuildOptions,
              keys: dict[Path, str | None]) -> bool:
    """Fill the report with the last build's results when its inputs were `inputs` and its
    issues and files are still there (briefing.reissue.recall); False when the build must run."""
    recalled = recall(cache, inputs, templates, options.out)
    if recalled is None:
        return False
    cache.stats.reused.extend(path.name for path, key in keys.items() if key is not None)
    report.article_count, report.issues = recalled.article_count, recalled.issues
    report.skipped.extend(recalled.skipped)
    report.corrections = list(recalled.corrections)  # reported by the caller, as a build's
    report.warnings = list(recalled.warnings)
    replay(report.warnings)
    return True


def read_folder(
    folder: Path, cache: BuildCache
) -> tuple[tuple[Article, ...], tuple[Extraction, ...], tuple[Skipped, ...]]:
    """The articles of `folder` (one copy of each), their extractions and every file skipped.

    Each file is looked up in the cache by its key (name + bytes); only the misses are read and
    extracted (in a pool when there are many, or on the Dask executor in use), and what they
    gave is given to the cache.
    """
    files, skipped, keys = _listed(folder, cache)
    found = _ingest(files, keys, cache)
    return _without_duplicates([found[p] for p in files], skipped)


def _listed(folder: Path, cache: BuildCache) -> tuple[list[Path], list[Skipped],
                                                      dict[Path, str | None]]:
    """The article files of `folder`, the files skipped unread, and each file's cache key
    (None: its bytes cannot be read)."""
    files, skipped = folder_files(folder)
    return files, skipped, {path: cache.file_key(path) for path in files}


def _ingest(files: list[Path], keys: dict[Path, str | None],
            cache: BuildCache) -> dict[Path, tuple[Article, Extraction] | Skipped]:
    """Each file's Article and Extraction (or Skipped): from the cache, else read and extracted
    (in a pool or on Dask when there are many, with progress) and cached."""
    found = {path: cache.cached_article(path, key) for path, key in keys.items()
             if key is not None}
    misses = [path for path in files if found.get(path) is None]
    with progress("reading and extracting", len(misses),
                  eager=len(misses) >= MIN_POOL_ITEMS) as advance:
        if len(misses) >= MIN_POOL_ITEMS and not executor_in_use():
            prepare_extraction()  # here, before a fork pool: its workers inherit what it loads
        outcomes = map_ordered(read_and_extract, misses, on_done=advance)
    for path, outcome in zip(misses, outcomes):
        if keys[path] is not None:  # None: the bytes could not be read (the Skipped says why)
            cache.remember_article(path, keys[path], outcome)
        found[path] = outcome
    return found  # type: ignore[return-value]  # every file is now found


def _publish_all(templates: dict[str, Template], corpus: Corpus, options: BuildOptions,
                 cache: BuildCache, applied: tuple[FigureCorrection, ...],
                 report: BuildReport) -> None:
    """Compose and render every audience: in forked workers when the build read new files,
    cores are free and no Dask client runs (a build that read nothing new usually renders
    nothing, and a pool would cost more than it saves), else one after the other; the same
    files either way."""
    issue_date = options.issue_date or _dt.date.today()
    counts = cache.stats

    def publish_one(audience: str) -> tuple[BuildReport, CacheStats]:
        """One audience, into a report and cache counts of its own (from a worker they come
        back to this process)."""
        own, cache.stats = BuildReport(), CacheStats()
        with captured_warnings() as warnings:
            _publish(audience, templates[audience], corpus, options, issue_date, cache, applied,
                     own)
        own.warnings.extend(warnings)
        return own, cache.stats

    # not beside a Dask client: its threads must not be forked
    pooled = bool(counts.read) and len(templates) > 1 and options.executor is None
    if pooled:
        import briefing.render.writers  # noqa: F401 - loaded once here, the workers inherit it
    with progress("composing and rendering", len(templates), unit="audience",
                  eager=len(corpus.articles) >= MIN_POOL_ITEMS) as advance:
        parts = map_ordered(publish_one, list(templates), on_done=advance, local=True,
                            min_items=2 if pooled else len(templates) + 1)
    cache.stats = report.cache = counts
    for own, stats in parts:
        _merge(report, own, stats)


def _merge(report: BuildReport, own: BuildReport, stats: CacheStats) -> None:
    """One audience's report and cache counts into the build's."""
    report.issues.update(own.issues)
    report.written.update(own.written)
    report.failed.update(own.failed)
    report.warnings.extend(own.warnings)
    report.cache.rendered.extend(stats.rendered)
    report.cache.discarded.extend(stats.discarded)


def _without_duplicates(
    outcomes: list[tuple[Article, Extraction] | Skipped], skipped: list[Skipped]
) -> tuple[tuple[Article, ...], tuple[Extraction, ...], tuple[Skipped, ...]]:
    """The articles read (one copy of each: read.dedupe), their extractions, and every Skipped
    (the files' own, then the duplicates) in the order they are reported."""
    read = [o for o in outcomes if not isinstance(o, Skipped)]
    articles, duplicates = drop_duplicates([article for article, _ in read])
    # By identity: drop_duplicates returns the very objects, and twins share an article id.
    extraction_of = {id(article): extraction for article, extraction in read}
    skipped = skipped + [o for o in outcomes if isinstance(o, Skipped)] + duplicates
    return (tuple(articles), tuple(extraction_of[id(a)] for a in articles),
            sorted_skipped(skipped))


def _publish(audience: str, template: Template, corpus: Corpus, options: BuildOptions,
             issue_date: _dt.date, cache: BuildCache, applied: tuple[FigureCorrection, ...],
             report: BuildReport) -> None:
    """Compose and render one audience into the report; its failure stops no other."""
    out_dir = options.out
    try:
        result = publish_audience(corpus, template, out_dir / audience, issue_date, cache,
                                  corrections=applied, template_dirs=options.template_dirs)
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
