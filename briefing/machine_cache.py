"""The machine-wide cache folder: what is prepared once per machine and shared by every build.

    machine_cache_dir() -> Path      $BRIEFING_CACHE_DIR, else $XDG_CACHE_HOME/briefing,
                                     else ~/.cache/briefing

It holds the converted fonts (briefing.render.fonts), jinja2's compiled templates
(briefing.compose.templates), jieba's tagger tables (briefing.extract.tagger) and the key that
signs build-cache entries (machine_key). Everything in it is derived and keyed by what it was
made from, so the folder is safe to delete (a new key makes the next builds extract again).
"""

from __future__ import annotations

import functools
import os
import secrets
from pathlib import Path

ENV_CACHE = "BRIEFING_CACHE_DIR"  #: overrides the machine cache folder (tests, read-only homes)

KEY_FILE = "cache-key"  #: 32 random bytes, readable by this user only

__all__ = ["ENV_CACHE", "KEY_FILE", "machine_cache_dir", "machine_key"]


def machine_cache_dir() -> Path:
    """The machine-wide cache folder: $BRIEFING_CACHE_DIR, XDG's cache, or ~/.cache/briefing."""
    configured = os.environ.get(ENV_CACHE, "").strip()
    if configured:
        return Path(configured).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    root = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return root / "briefing"


@functools.cache
def machine_key() -> bytes:
    """This machine's secret for signing build-cache entries (briefing.reissue.cache): made
    once, readable by this user only. An entry edited by hand, and checksummed again, is not
    signed with it. Where the folder cannot be written, a key for this process alone (its
    entries are then recomputed by the next build)."""
    path = machine_cache_dir() / KEY_FILE
    try:
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{KEY_FILE}.{os.getpid()}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(secrets.token_bytes(32))
        try:
            os.link(temp, path)  # atomic, and never over a key another process made first
        except FileExistsError:
            pass
        finally:
            temp.unlink(missing_ok=True)
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    return secrets.token_bytes(32)
