"""Build a development set's briefs and score what they print with ../shared/tools/score_brief.py.

Shared by tests/test_brief_scores.py (the gate) and scripts/pin_brief_floors.py (re-pinning).
The scorer's last line reads

    printed P=0.89 (32/36 statements) facts=0.91 unsupported=0 unaudited=0 false_conflicts=0/0
    chart_points=1.00 (12/12) titles=1.00 outlets=0.75 dates=1.00 analysis=0.37 (13/35) ...

Shares (P, facts, chart_points, …) are pinned as minima, counts (unsupported, unaudited,
false_conflicts: of a/b the a) as maxima.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOORS_FILE = ROOT / "tests" / "brief_floors.json"
SCORER = ("tools", "score_brief.py")  # under ../shared
AUDIENCES = ("leadership", "department", "public", "english")
ISSUE_DATE = "2026-11-22"  # a fixed date of issue: the briefs do not depend on the day of the run
SHARES = ("printed", "facts", "chart_points", "titles", "outlets", "dates", "analysis",
          "key_coverage")  # higher is better
COUNTS = ("unsupported", "unaudited", "false_conflicts")  # lower is better
_MEASURE = re.compile(r"\b(\w+)=(\d+(?:\.\d+)?)")
_RENAMED = {"P": "printed"}  # `printed P=…` on the scorer's line


class BriefScoreError(Exception):
    """A build or a scorer run that did not give a score line."""


def build_briefs(articles: Path, out: Path) -> None:
    """Build every audience's brief of `articles` into `out` with the command line."""
    command = [sys.executable, str(ROOT / "generate.py"), "build", "--articles", str(articles),
               "--out", str(out), "--date", ISSUE_DATE]
    for audience in AUDIENCES:
        command += ["--audience", audience]
    run = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    missing = [a for a in AUDIENCES if not (out / a / "brief.json").is_file()]
    # exit 1 only says some input was skipped; what counts is that every brief was written
    if run.returncode not in (0, 1) or missing:
        raise BriefScoreError(f"build of {articles} exited {run.returncode}, briefs missing: "
                              f"{missing}\n{run.stderr}")


def score_line(out: Path, gold: Path, scorer: Path) -> str:
    """The last line score_brief.py prints for the briefs in `out`."""
    run = subprocess.run([sys.executable, str(scorer), str(out), str(gold)],
                         capture_output=True, text=True)
    lines = run.stdout.strip().splitlines()
    if run.returncode != 0 or not lines:
        raise BriefScoreError(f"{scorer} exited {run.returncode}\n{run.stdout}{run.stderr}")
    return lines[-1]


def parse_score_line(line: str) -> dict[str, float]:
    """Every measure of the scorer's last line, by name; all of SHARES and COUNTS must be there."""
    measures = {_RENAMED.get(k, k): float(v) for k, v in _MEASURE.findall(line)}
    absent = [m for m in (*SHARES, *COUNTS) if m not in measures]
    if absent:
        raise BriefScoreError(f"no {', '.join(absent)} in the scorer's line: {line}")
    return measures


def measure(articles: Path, gold: Path, scorer: Path, workdir: Path) -> dict[str, float]:
    """Build `articles` alone into `workdir`/out and score the briefs against `gold`."""
    out = workdir / "out"
    build_briefs(articles, out)
    return parse_score_line(score_line(out, gold, scorer))


def pin(measures: dict[str, float], margin: float) -> dict[str, dict[str, float]]:
    """Floors: each share minus `margin`, rounded down to two decimals; each count as it is."""
    return {
        "at_least": {m: max(0.0, math.floor((measures[m] - margin) * 100 + 1e-9) / 100)
                     for m in SHARES},
        "at_most": {m: int(measures[m]) for m in COUNTS},
    }


def breaches(measures: dict[str, float], floors: dict[str, dict[str, float]]) -> list[str]:
    """One line per measure outside its floor (a share below its minimum, a count above its
    maximum)."""
    low = [f"{m} {measures[m]:.2f} < floor {floor:.2f}"
           for m, floor in floors["at_least"].items() if measures[m] < floor - 1e-9]
    high = [f"{m} {measures[m]:g} > ceiling {ceiling:g}"
            for m, ceiling in floors["at_most"].items() if measures[m] > ceiling]
    return low + high
