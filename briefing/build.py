"""The whole pipeline in one function: read → extract → consolidate → compose → render."""

from __future__ import annotations

import datetime as _dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from briefing.compose import compose
from briefing.consolidate import consolidate
from briefing.errors import BriefingError, TemplateError
from briefing.extract import extract
from briefing.models import Skipped
from briefing.parallel import RenderPool, map_ordered
from briefing.read import read_articles
from briefing.templates import load_template

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build did: files written per audience, inputs skipped, audiences that failed."""

    written: dict[str, list[Path]] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    failed: dict[str, BriefingError] = field(default_factory=dict)
    article_count: int = 0

    @property
    def exit_code(self) -> int:
        """0 clean; 2 a template/config error stopped an audience; 1 some input was skipped."""
        if any(e.exit_code == 2 for e in self.failed.values()):
            return 2
        if self.skipped or self.failed:
            return 1
        return 0


def build(
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
        never replaces the last good brief (writers write to a temp file, then rename).
    """
    report = BuildReport()
    issue_date = issue_date or _dt.date.today()
    renderer = RenderPool(len(audiences))  # workers load the writers while we read and extract

    articles, skipped = read_articles(articles_dir)
    report.skipped.extend(skipped)
    report.article_count = len(articles)
    for s in skipped:
        log.warning("%s: skipped: %s", s.file, s.reason)

    extractions = map_ordered(extract, articles)
    corpus = consolidate(articles, extractions, skipped=tuple(skipped))

    for audience in audiences:
        try:
            template = load_template(audience, template_dirs)
            briefing = compose(corpus, template, issue_date)
            renderer.write(audience, briefing, out_dir / audience)
        except TemplateError as err:
            log.error("%s", err)
            report.failed[audience] = err
        except BriefingError as err:
            log.error("%s: %s", audience, err)
            report.failed[audience] = err
    written, failed = renderer.collect()
    for audience, err in failed.items():
        log.error("%s: %s", audience, err)
    report.written.update(written)
    report.failed.update(failed)
    return report
