"""Extraction is linear in the length of a sentence: one sentence of a million characters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: the hostile sentence: a figure every 23 characters and no full stop for a million characters
UNIT = "数字政府建设2025年注册用户达到10亿人并且"


def test_a_sentence_of_a_million_characters_is_extracted_in_linear_time(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(UNIT * (1_000_000 // len(UNIT) + 1) + "。", encoding="utf-8")
    script = ("import sys, time\nfrom pathlib import Path\n"
              "from briefing.ingest import read_and_extract\n"
              "started = time.perf_counter()\n"
              "article, extraction = read_and_extract(Path(sys.argv[1]))\n"
              "print(round(time.perf_counter() - started, 1))\n"
              "print(len(extraction.figures), *article.problems, sep='\\n')\n")
    # quadratic extraction took over 400 s here; linear takes a few seconds (60 s: a busy CI)
    done = subprocess.run([sys.executable, "-c", script, str(path)], cwd=ROOT, text=True,
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    seconds, figures, *problems = done.stdout.splitlines()
    assert int(figures) >= 1
    assert any("longer than" in p for p in problems), problems
