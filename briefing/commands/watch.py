"""`briefing watch`: build, then rebuild whenever the articles or templates change.

watchfiles waits for a burst of changes to settle (`--debounce` ms) and yields them as one
batch; each batch runs one incremental build, so only what changed is read, extracted and
rendered. A failing build is reported and the watch goes on; Ctrl-C stops it cleanly (exit 0).
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from briefing.commands.build import BUILD_SETTINGS, run_build
from briefing.compose.templates import search_dirs
from briefing.errors import ConfigError
from briefing.settings import Settings, add_config_flag, add_flags, load_settings

HELP = "build, then rebuild whenever articles or templates change"
log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Every build flag, and --debounce MS."""
    add_config_flag(parser)
    add_flags(parser, (*BUILD_SETTINGS, "debounce"))


def run(args: argparse.Namespace) -> int:
    """Build, then rebuild after every settled batch of changes, until Ctrl-C (exit 0)."""
    settings = load_settings(args)
    if not settings["articles"].is_dir():
        raise ConfigError("articles folder not found", file=str(settings["articles"]))
    paths = watched_paths(settings)
    print(f"watching {', '.join(str(p) for p in paths)} (Ctrl-C stops)", file=sys.stderr)
    # settings again for each build: an edited briefing.toml or a new corrections file counts
    return watch(paths, lambda: run_build(load_settings(args)), debounce_ms=settings["debounce"])


def watched_paths(settings: Settings) -> list[Path]:
    """The articles folder, every template folder, the corrections and settings files."""
    paths = [settings["articles"], *search_dirs(settings["templates"])]
    paths += [f for f in (settings["corrections"], settings.config_file) if f is not None]
    return [p for p in dict.fromkeys(Path(p).resolve() for p in paths) if p.exists()]


def watch(
    paths: list[Path],
    rebuild: Callable[[], int],
    *,
    debounce_ms: int = 1600,
    stop_event: threading.Event | None = None,
    ignore: Callable[[Path], bool] = lambda p: False,
) -> int:
    """Run `rebuild` once, then after every settled batch of changes under `paths`."""
    import watchfiles

    _safe_build(rebuild)
    try:
        for changes in watchfiles.watch(*paths, debounce=debounce_ms, stop_event=stop_event,
                                        raise_interrupt=False,
                                        watch_filter=lambda _c, p: not _hidden(p)):
            names = sorted({Path(p).name for _, p in changes if not ignore(Path(p))})
            if not names:
                continue
            print(f"changed: {', '.join(names)}; rebuilding", file=sys.stderr)
            _safe_build(rebuild)
    except KeyboardInterrupt:
        pass
    print("watch stopped", file=sys.stderr)
    return 0


def _hidden(path: str) -> bool:
    """Editor temp files and our own atomic-write temp files are not changes."""
    name = Path(path).name
    return name.startswith(".") or name.endswith(("~", ".tmp", ".swp"))


def _safe_build(rebuild: Callable[[], int]) -> int | None:
    """One build; any failure is reported and the watch keeps going."""
    try:
        code = rebuild()
        print(f"build finished (exit {code}); watching for changes", file=sys.stderr)
        return code
    except Exception as exc:  # a broken template or article must not end the watch
        log.debug("build crashed", exc_info=True)
        print(f"build failed: {type(exc).__name__}: {exc}; watching for changes",
              file=sys.stderr)
        return None


__all__ = ["run", "watch", "watched_paths"]
