"""`briefing build` (the default command): build every audience's brief, then deliver new issues.

What was written, skipped and reused is reported: info lines through logging (silenced by
-q), problems always on stderr.
"""

from __future__ import annotations

import argparse
import logging
import sys

from briefing.build import BuildOptions, BuildReport, build
from briefing.compose.templates import audience_names
from briefing.errors import ConfigError
from briefing.settings import Settings, add_config_flag, add_flags, load_settings

HELP = "build the briefs (the default command)"
#: The settings a build takes (watch adds `debounce`).
BUILD_SETTINGS = ("articles", "out", "audiences", "templates", "date", "cache", "force",
                  "corrections", "delivery", "wait", "workers", "executor")
LISTED_PROBLEMS = 10  #: corrections problems printed one by one; the rest are counted
log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Every build setting's flag and --config."""
    add_config_flag(parser)
    add_flags(parser, BUILD_SETTINGS)


def run(args: argparse.Namespace) -> int:
    """Build with the settings of the flags, briefing.toml and the defaults."""
    return run_build(load_settings(args))


def build_options(settings: Settings) -> BuildOptions:
    """The build's input: every audience template when the settings name none."""
    templates = settings["templates"]
    return BuildOptions(
        articles=settings["articles"],
        out=settings["out"],
        audiences=settings["audiences"] or tuple(audience_names(templates)),
        template_dirs=templates,
        issue_date=settings["date"],
        lock_timeout=settings["wait"],
        cache_dir=settings["cache"],
        force=bool(settings["force"]),
        corrections=settings["corrections"],
        workers=settings["workers"],
        executor=settings["executor"],
        delivery=settings["delivery"],
    )


def run_build(settings: Settings) -> int:
    """One build and its delivery; the exit code of the build (see briefing.build.BuildReport)."""
    if not settings["articles"].is_dir():
        raise ConfigError("articles folder not found", file=str(settings["articles"]))
    options = build_options(settings)
    report = build(options)
    for problem in report.delivery:
        print(f"delivery: {problem}", file=sys.stderr)
    _print_report(report, options)
    return report.exit_code


def _print_report(report: BuildReport, options: BuildOptions) -> None:
    """Files written, inputs skipped, audiences failed, then what the cache saved."""
    for paths in report.written.values():
        for path in paths:
            log.info("wrote %s", path)
    for skipped in report.skipped:
        print(f"skipped {skipped.file}: {skipped.reason}", file=sys.stderr)
    for audience, err in report.failed.items():
        print(f"failed {audience}: {err}", file=sys.stderr)
    if report.no_input:
        print(f"error: {options.articles}: no usable article; no brief was changed",
              file=sys.stderr)
    log.info("%d articles read, %d skipped, %d of %d audiences built", report.article_count,
             len(report.skipped), len(report.written), len(options.audiences))
    for problem in report.corrections[:LISTED_PROBLEMS]:
        print(f"corrections: {problem}", file=sys.stderr)
    if len(report.corrections) > LISTED_PROBLEMS:
        print(f"corrections: … and {len(report.corrections) - LISTED_PROBLEMS:,} more "
              f"corrections whose figure no longer exists", file=sys.stderr)
    stats = report.cache
    if report.nothing_changed:
        log.info("nothing changed: no article re-read, no brief re-rendered")
    else:
        log.info("%d articles read and extracted, %d from the cache; %d audiences rendered",
                 len(stats.read), len(stats.reused), len(stats.rendered))
    for audience, result in report.issues.items():
        state = "new issue" if result.new_issue else "unchanged"
        log.info("%s: issue %d of %s (%s)", audience, result.issue, result.date, state)
