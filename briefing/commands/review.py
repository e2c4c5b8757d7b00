"""`briefing review`: serve a local page where staff check the figures and record decisions.

The page lists every figure of the articles folder, the ones the tool is unsure of first;
a decision (confirm, correct, reject; a source's title, outlet or date) goes into the
corrections file, and "rebuild the briefs" runs this project's normal build. It listens on
127.0.0.1 (another interface only with --host) on a free port (or --port). Ctrl-C stops it.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from briefing.commands.build import BUILD_SETTINGS, build_options
from briefing.commands.common import corrections_file
from briefing.errors import ConfigError
from briefing.reissue.cache import default_cache_dir
from briefing.review.project import ReviewProject
from briefing.settings import Settings, add_config_flag, add_flags, load_settings

HELP = "serve a local page to review the figures and record staff decisions"
log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Every build flag (a rebuild uses them), --host and --port."""
    add_config_flag(parser)
    add_flags(parser, (*BUILD_SETTINGS, "host", "port"))


def run(args: argparse.Namespace) -> int:
    """Read the articles, then serve the page until Ctrl-C (exit 0)."""
    # the web server is loaded only by this command: the others start without it
    try:
        from briefing.review.server import create_app, hosts_for, listen, serve
    except ImportError as exc:
        raise ConfigError(f"the review page needs {exc.name or 'starlette and uvicorn'}: "
                          f"install the package with its dependencies (pip install .)") from None

    settings = load_settings(args)
    if not settings["articles"].is_dir():
        raise ConfigError("articles folder not found", file=str(settings["articles"]))
    project = review_project(settings)
    try:
        where = listen(settings["host"], settings["port"])
    except OSError as exc:
        raise ConfigError(f"cannot listen on {settings['host']}:{settings['port'] or 'any port'} "
                          f"({exc.strerror})") from None
    print(f"reading {project.articles} …", file=sys.stderr)
    app = create_app(project, allowed_hosts=hosts_for(settings["host"]))
    app.state.review.page_html()  # rendered once now: the first visit is answered at once
    view = app.state.review.page()
    counts = ", ".join(f"{n} {grade}" for grade, n in view.counts.items())
    print(f"{sum(view.counts.values())} figures of {len(view.sources)} articles ({counts})",
          file=sys.stderr)
    print(f"review page: {where.url}  (decisions go to {project.corrections}; Ctrl-C stops)",
          file=sys.stderr, flush=True)
    serve(app, where)
    print("review stopped", file=sys.stderr)
    return 0


def review_project(settings: Settings) -> ReviewProject:
    """The project's paths and the options a rebuild passes to `briefing build`."""
    options = build_options(settings)
    corrections = corrections_file(settings)
    return ReviewProject(
        articles=options.articles.resolve(),
        corrections=corrections.resolve(),
        cache_dir=(options.cache_dir or default_cache_dir(options.out)).resolve(),
        out=options.out.resolve(),
        audiences=options.audiences,
        build_args=tuple(build_args(settings, corrections)),
    )


def build_args(settings: Settings, corrections: Path) -> list[str]:
    """`briefing build` options that repeat this command's build settings, paths absolute
    (the settings are already resolved: no --config)."""
    args = ["--articles", str(settings["articles"].resolve()), "--out",
            str(settings["out"].resolve()), "--wait", str(settings["wait"]),
            "--corrections", str(corrections.resolve())]
    for audience in settings["audiences"]:
        args += ["--audience", audience]
    for folder in settings["templates"]:
        args += ["--templates", str(Path(folder).resolve())]
    for name in ("cache", "delivery"):
        if settings[name] is not None:
            args += [f"--{name}", str(Path(settings[name]).resolve())]
    if settings["date"] is not None:
        args += ["--date", settings["date"].isoformat()]
    if settings["workers"] is not None:
        args += ["--workers", str(settings["workers"])]
    if settings["executor"] is not None:
        args += ["--executor", settings["executor"]]
    if settings["force"]:
        args.append("--force")
    return args
