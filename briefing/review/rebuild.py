"""The page's "rebuild the briefs": the normal build, as `briefing build` in a child process.

In a child so that it is exactly the command line's build (its lock, its messages, its exit
code), and so that its fork pool and its memory are never the server's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import briefing
from briefing.reissue.issues import latest_issue
from briefing.review.project import ReviewProject

REBUILD_TIMEOUT = 3600.0  #: seconds before a rebuild is given up
MAX_MESSAGES = 400  #: lines of the build's output kept for the page


@dataclass(frozen=True)
class IssueState:
    """One audience's latest issue after the rebuild."""

    audience: str
    issue: int | None
    date: str | None
    new: bool


@dataclass(frozen=True)
class RebuildResult:
    """What the rebuild said and did."""

    exit_code: int
    messages: tuple[str, ...]
    issues: tuple[IssueState, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def as_dict(self) -> dict[str, object]:
        return {"exit_code": self.exit_code, "ok": self.ok, "messages": list(self.messages),
                "seconds": round(self.seconds, 1),
                "issues": [vars(i) for i in self.issues]}


def rebuild(project: ReviewProject) -> RebuildResult:
    """Run `briefing build` with the project's options; the issue of each audience after it."""
    before = {a: _latest(project.out / a) for a in project.audiences}
    started = time.perf_counter()
    command = [sys.executable, "-m", "briefing", "build", *_build_args(project)]
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, env=_child_env(), check=False,
                              timeout=REBUILD_TIMEOUT)
        code, output = done.returncode, done.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        code, output = 124, f"the build took over {REBUILD_TIMEOUT:g} s and was stopped"
    except OSError as exc:
        code, output = 126, f"cannot start the build ({exc.strerror})"
    issues = []
    for audience in project.audiences:
        after = _latest(project.out / audience)
        issues.append(IssueState(audience, after[0], after[1],
                                 after[0] is not None and after != before[audience]))
    lines = output.splitlines()[-MAX_MESSAGES:]
    return RebuildResult(code, tuple(lines), tuple(issues), time.perf_counter() - started)


def _build_args(project: ReviewProject) -> list[str]:
    """The project's build options, without the corrections file before the first decision
    made it (a build stops at a corrections file that does not exist)."""
    args = list(project.build_args)
    if "--corrections" in args and not project.corrections.exists():
        at = args.index("--corrections")
        del args[at:at + 2]
    return args


def _latest(audience_dir: Path) -> tuple[int | None, str | None]:
    issue = latest_issue(audience_dir)
    return (issue.number, issue.date) if issue else (None, None)


def _child_env() -> dict[str, str]:
    """This process's environment, with this very package first on the child's path."""
    env = dict(os.environ)
    root = str(Path(briefing.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return env


__all__ = ["IssueState", "RebuildResult", "rebuild"]
