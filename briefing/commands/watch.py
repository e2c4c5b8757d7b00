"""`generate.py watch`: build, then rebuild whenever the articles or templates change.

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

log = logging.getLogger(__name__)


def watched_paths(args: argparse.Namespace) -> list[Path]:
    """The articles folder, every template folder, and the corrections file's folder."""
    from briefing.compose.templates import search_dirs

    paths = [args.articles, *search_dirs(tuple(args.templates))]
    corrections = args.corrections or args.articles.resolve().parent / "corrections.yaml"
    if Path(corrections).is_file():
        paths.append(corrections)
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


def run_watch(args: argparse.Namespace) -> int:
    """The `watch` command."""
    from briefing.cli import _run_build

    if not args.articles.is_dir():
        print(f"error: {args.articles}: articles folder not found", file=sys.stderr)
        return 2
    paths = watched_paths(args)
    print(f"watching {', '.join(str(p) for p in paths)} (Ctrl-C stops)", file=sys.stderr)
    return watch(paths, lambda: _run_build(args), debounce_ms=args.debounce)


__all__ = ["run_watch", "watch", "watched_paths"]
