"""The README's cron line and the systemd units run a command the CLI accepts."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from briefing.cli import _make_parser, _normalize_argv

ROOT = Path(__file__).resolve().parent.parent


def _cli_args(command: str) -> list[str]:
    argv = shlex.split(command)
    return argv[argv.index("generate.py") + 1:]


def test_the_readme_cron_line_is_a_valid_build_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (line,) = re.findall(r"^\*/30 \* \* \* \* (.+)$", readme, re.M)
    command = line.split("&&", 1)[1].split(">>", 1)[0]
    args = _make_parser().parse_args(_normalize_argv(_cli_args(command)))
    assert args.command == "build" and str(args.out) == "out"


def test_the_service_runs_a_valid_build_command() -> None:
    unit = (ROOT / "deploy" / "briefing.service").read_text(encoding="utf-8")
    (exec_start,) = re.findall(r"^ExecStart=(.+)$", unit, re.M)
    args = _make_parser().parse_args(_normalize_argv(_cli_args(exec_start)))
    assert args.command == "build"
    timer = (ROOT / "deploy" / "briefing.timer").read_text(encoding="utf-8")
    assert "Unit=briefing.service" in timer


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    import sys

    service = (ROOT / "deploy" / "briefing.service").read_text(encoding="utf-8")
    service = service.replace("/srv/briefing/.venv/bin/python", sys.executable)
    service = service.replace("/srv/briefing", str(ROOT)).replace("User=briefing", "User=root")
    (tmp_path / "briefing.service").write_text(service, encoding="utf-8")
    shutil.copy(ROOT / "deploy" / "briefing.timer", tmp_path)
    result = subprocess.run(["systemd-analyze", "verify", str(tmp_path / "briefing.service"),
                             str(tmp_path / "briefing.timer")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
