"""briefing/machine_cache.py: the folder every build shares, and the key that signs cache
entries."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import machine_cache


def _fresh_key(monkeypatch: pytest.MonkeyPatch, folder: Path) -> bytes:
    monkeypatch.setenv(machine_cache.ENV_CACHE, str(folder))
    machine_cache.machine_key.cache_clear()
    try:
        return machine_cache.machine_key()
    finally:
        machine_cache.machine_key.cache_clear()


def test_the_key_is_made_once_readable_by_its_user_only_and_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = _fresh_key(monkeypatch, tmp_path)
    path = tmp_path / machine_cache.KEY_FILE
    assert len(key) == 32 and path.read_bytes() == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert _fresh_key(monkeypatch, tmp_path) == key  # the next process reads it
    other = subprocess.run(
        [sys.executable, "-c", "import sys; from briefing.machine_cache import machine_key; "
         "sys.stdout.write(machine_key().hex())"],
        capture_output=True, text=True, check=True,
        env={"BRIEFING_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert other.stdout == key.hex()
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left


def test_a_folder_that_cannot_be_written_gives_a_key_for_this_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    first = _fresh_key(monkeypatch, blocked / "cache")
    assert len(first) == 32 and first != _fresh_key(monkeypatch, blocked / "cache")
