"""Shared test helpers: where the shared development sets are, and what happens without them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"  # the shared development sets beside the checkout
CI_OFF = ("", "0", "false", "no")  # values of CI that mean "not under CI"


def under_ci() -> bool:
    """True when the environment variable CI is set (to anything but empty, 0, false or no)."""
    return os.environ.get("CI", "").strip().lower() not in CI_OFF


def shared_dir(*parts: str) -> Path:
    """The path ../shared/<parts> (beside the repository root), which must exist.

    When it is missing the calling test fails under CI, which provides ../shared (a gate that
    cannot run is a failure there), and is skipped with a message naming the path otherwise.
    Call it inside a test or fixture, never at import time.
    """
    path = SHARED.joinpath(*parts)
    if path.exists():
        return path
    message = (f"{path} is missing: the shared development sets are not beside the checkout "
               f"({SHARED})")
    if under_ci():
        pytest.fail(f"{message}; CI must provide them", pytrace=False)
    pytest.skip(message)


def in_shared(path: Path) -> bool:
    """True when `path` lies in ../shared (so shared_dir decides what its absence means)."""
    return path.resolve().is_relative_to(SHARED.resolve())


def required_path(path: Path) -> Path:
    """`path`, which must exist: checked by shared_dir when it is in ../shared, else asserted."""
    if in_shared(path):
        return shared_dir(*path.resolve().relative_to(SHARED.resolve()).parts)
    assert path.exists(), f"{path} is missing from the repository"
    return path
