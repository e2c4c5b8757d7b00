"""Benchmark: time and peak memory of each pipeline stage. Prints figures; asserts nothing.

    .venv/bin/python scripts/benchmark.py [--articles DIR] [--copies N]

--copies N builds a larger corpus from N renamed copies of every article, each with a
distinct marker line, so deduplication does not fold them (read/extract cost scales).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.compose import compose  # noqa: E402
from briefing.consolidate import consolidate  # noqa: E402
from briefing.extract import extract  # noqa: E402
from briefing.read import read_articles  # noqa: E402
from briefing.templates import load_template  # noqa: E402
from briefing.writers import write_briefing  # noqa: E402


# Characters kept as they are in scaled copies, so numbers and list cues still extract.
_KEEP = set("一二三四五六七八九十百千万亿第是年月日位名个约近超过多余首先其次最后")


def _scaled_corpus(src: Path, copies: int, dest: Path) -> Path:
    """N copies of each article, each with its own substitution of the other CJK characters.

    Deduplication measures shared 5-character shingles, so plain copies (even with text
    appended) are folded into one article; substituted copies stay distinct while keeping
    the article's length, numerals and enumeration cues.
    """
    rng = random.Random(0)
    for path in sorted(src.iterdir()):
        text = path.read_text(encoding="utf-8")
        alphabet = sorted({c for c in text if "\u4e00" <= c <= "\u9fff" and c not in _KEEP})
        for n in range(copies):
            shuffled = alphabet[:]
            rng.shuffle(shuffled)
            table = str.maketrans(dict(zip(alphabet, shuffled)))
            (dest / f"{path.stem}_{n}{path.suffix}").write_text(text.translate(table), "utf-8")
    return dest


def _timed(label: str, fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    print(f"{label:<28}{(time.perf_counter() - start) * 1000:10.1f} ms")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=ROOT / "data" / "articles")
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.articles
        if args.copies > 1:
            folder = _scaled_corpus(args.articles, args.copies, Path(tmp))
        total = time.perf_counter()
        articles, skipped = _timed("read", read_articles, folder)
        extractions = _timed("extract", lambda: tuple(extract(a) for a in articles))
        corpus = _timed("consolidate", consolidate, articles, extractions)
        out = Path(tmp) / "out"
        for audience in ("leadership", "department", "public", "english"):
            template = load_template(audience, ())
            briefing = _timed(f"compose {audience}", compose, corpus, template, dt.date.today())
            _timed(f"render {audience}", write_briefing, briefing, out / audience)
        print(f"{'total':<28}{(time.perf_counter() - total) * 1000:10.1f} ms")
        chars = sum(len(a.text) for a in articles)
        print(f"articles: {len(articles)} read, {len(skipped)} skipped, {chars} characters")
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"peak memory (max RSS): {peak_kb / 1024:.0f} MiB")
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
