"""Benchmark: wall time of each kind of build, each stage's time, extraction MB/s, peak memory.

    .venv/bin/python scripts/benchmark.py [--sizes sample,10,100,1000,10000] [--repeat 3]
                                          [--workers N] [--no-soffice] [--json FILE]

Run by hand, not in CI. Corpora of N articles are generated into a temporary folder (never
committed) from the development pages (data/articles and ../shared/corpus2/articles): each
article is one page with some of its paragraphs dropped and the rest reordered, one or two
paragraphs of another page mixed in, and its figures and dates changed, so duplicate detection
keeps them. `sample` is data/articles itself. For each corpus, each in a fresh interpreter
(imports included):

    first build       an empty font cache too (only for the first corpus: fonts are per machine)
    cold              a new out/ folder on a prepared machine
    no-change         the same out/ again
    add-one           one more article in the folder, the same out/ again

and, beside them, LibreOffice's DOCX→PDF conversion of the sample department brief (when
`soffice` is installed) against our department-only build. Prints a Markdown table; asserts
nothing. `--workers N` sets BRIEFING_WORKERS (default: the build decides by the free cores).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "data" / "articles", ROOT.parent / "shared" / "corpus2" / "articles")
AUDIENCES = ("leadership", "department", "public", "english")
ISSUE_DATE = "2026-11-22"

_NUMBER = re.compile(r"(?<![\d.])(\d+)(\.\d+)?(?![\d.])")
_DATE = re.compile(r"(20\d\d|19\d\d)([-年/.])(\d{1,2})([-月/.])(\d{1,2})")


# ---------------------------------------------------------------- corpus generation


def source_pages() -> list[str]:
    """Text of every development page that is there (corpus2 is optional)."""
    pages = []
    for folder in SOURCES:
        if folder.is_dir():
            pages += [p.read_text(encoding="utf-8", errors="replace")
                      for p in sorted(folder.iterdir()) if p.is_file()]
    return pages


def _is_body(line: str) -> bool:
    return len(line.strip()) >= 30


def _vary_numbers(text: str, rng: random.Random) -> str:
    """Dates get another day; other figures are scaled by 0.6–1.6 (same decimals)."""
    def new_date(m: re.Match[str]) -> str:
        year = rng.randint(2012, 2026)
        return f"{year}{m[2]}{rng.randint(1, 12)}{m[4]}{rng.randint(1, 28)}"

    def new_number(m: re.Match[str]) -> str:
        value = float(m[0]) * rng.uniform(0.6, 1.6)
        decimals = len(m[2]) - 1 if m[2] else 0
        return f"{value:.{decimals}f}" if decimals else str(max(1, round(value)))

    text = _DATE.sub(new_date, text)
    return _NUMBER.sub(lambda m: m[0] if 1900 <= int(m[1]) <= 2100 and not m[2] else
                       new_number(m), text)


def make_article(pages: list[str], n: int) -> str:
    """Article n: page n mod len(pages), paragraphs dropped/reordered/mixed, figures changed."""
    rng = random.Random(n)
    lines = pages[n % len(pages)].splitlines()
    body_at = [i for i, line in enumerate(lines) if _is_body(line)]
    if len(body_at) < 2:
        return _vary_numbers("\n".join(lines), rng)
    head, tail = lines[: body_at[0]], lines[body_at[-1] + 1 :]
    body = [lines[i] for i in body_at]
    lead, rest = body[0], body[1:]
    rest = [line for line in rest if rng.random() > 0.3] or rest[:1]
    other = pages[rng.randrange(len(pages))].splitlines()
    foreign = [line for line in other if _is_body(line)]
    rest += rng.sample(foreign, min(len(foreign), rng.randint(1, 3)))
    rng.shuffle(rest)
    text = "\n".join(head + [lead, ""] + [p for line in rest for p in (line, "")] + tail)
    return _vary_numbers(text, rng)


def write_corpus(folder: Path, size: int, pages: list[str]) -> int:
    """Write `size` generated articles into `folder`; return their total bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for n in range(size):
        data = make_article(pages, n).encode("utf-8")
        (folder / f"gen_{n:05d}.txt").write_bytes(data)
        total += len(data)
    return total


# ---------------------------------------------------------------- one build, in a fresh process


def run_driver(articles: str, out: str, audiences: list[str]) -> None:
    """Inside the child: build with stage timers around build()'s collaborators; print JSON."""
    started = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    import briefing.build as B
    from briefing import parallel

    stages: dict[str, float] = {"import": time.perf_counter() - started}
    text_bytes = [0]

    def timed(name, fn):  # noqa: ANN001, ANN202 - a thin wrapper
        def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                stages[name] = stages.get(name, 0.0) + time.perf_counter() - t
        return wrapper

    import briefing.ingest as ingest
    import briefing.reissue.incremental as incremental

    # read+extract: from listing the folder to dropping duplicates (cache keys and look-ups,
    # the misses read and extracted, in a fork pool for large folders, whose workers' extract
    # time is inside read+extract only), as one span.
    started_reading = [0.0]
    real_list, real_dedupe = B.folder_files, B.drop_duplicates

    def listing_starts_reading(folder):  # noqa: ANN001, ANN202
        started_reading[0] = time.perf_counter()
        return real_list(folder)

    def dedupe_ends_reading(articles):  # noqa: ANN001, ANN202
        kept, duplicates = real_dedupe(articles)
        stages["read+extract"] = time.perf_counter() - started_reading[0]
        text_bytes[0] = sum(len(a.text.encode("utf-8")) for a in kept)
        return kept, duplicates

    B.folder_files = listing_starts_reading
    B.drop_duplicates = dedupe_ends_reading
    ingest.extract = timed("extract", ingest.extract)
    B.consolidate = timed("consolidate", B.consolidate)
    B.load_template = timed("compose", B.load_template)
    incremental.compose = timed("compose", incremental.compose)  # includes max_pages layouts
    # render = each audience's publishing minus its composing (importing briefing.render here
    # to wrap write_briefing would load matplotlib and reportlab into every no-change build)
    B.publish_audience = timed("publish", B.publish_audience)
    import datetime as dt

    t = time.perf_counter()
    # each out/ folder has its own build cache: a new out/ is a cold build, the same one a rebuild
    report = B.build(B.BuildOptions(Path(articles), Path(out), tuple(audiences),
                                    cache_dir=Path(f"{out}.cache"),
                                    issue_date=dt.date.fromisoformat(ISSUE_DATE)))
    stages["build"] = time.perf_counter() - t
    stages["render"] = max(0.0, stages.get("publish", 0.0) - stages.get("compose", 0.0))
    times = os.times()  # CPU seconds: what the build costs whatever else the machine runs
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({
        "stages": stages, "articles": report.article_count, "skipped": len(report.skipped),
        "failed": sorted(report.failed), "text_bytes": text_bytes[0],
        "workers": parallel.workers_available(), "peak_mib": self_kb / 1024,
        "peak_child_mib": child_kb / 1024,
        "cpu": times.user + times.system + times.children_user + times.children_system,
    }))


def one_build(articles: Path, out: Path, env: dict[str, str],
              audiences: tuple[str, ...] = AUDIENCES) -> dict:
    """Run one build in a fresh interpreter; its wall time and what the driver reported."""
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "_driver", str(articles), str(out), *audiences],
        capture_output=True, text=True, env=env, check=False,
    )
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    return result


def median_build(articles: Path, make_out, env: dict[str, str], repeat: int,  # noqa: ANN001
                 audiences: tuple[str, ...] = AUDIENCES) -> dict:
    """The run with the median wall time of `repeat` runs."""
    runs = sorted((one_build(articles, make_out(), env, audiences) for _ in range(repeat)),
                  key=lambda r: r["wall"])
    best = runs[len(runs) // 2]
    best["walls"] = [round(r["wall"], 2) for r in runs]
    return best


# ---------------------------------------------------------------- LibreOffice


def soffice_seconds(docx: Path, work: Path, repeat: int) -> float | None:
    """Median time of `soffice --headless --convert-to pdf` (first, profile-creating run not
    counted); None without LibreOffice."""
    soffice = shutil.which("soffice")
    if not soffice:
        return None
    profile = f"-env:UserInstallation=file://{work / 'lo-profile'}"
    command = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(work),
               str(docx)]
    subprocess.run(command, capture_output=True, check=False)  # creates the profile
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


# ---------------------------------------------------------------- orchestration


def _row(label: str, kind: str, r: dict) -> str:
    s = r["stages"]
    mbps = r["text_bytes"] / 1e6 / s["extract"] if s.get("extract") else 0.0
    cells = [label, kind, f"{r['wall']:.2f}", f"{r.get('cpu', 0):.2f}", f"{s['import']:.2f}",
             f"{s.get('read+extract', 0):.2f}", f"{s.get('extract', 0):.2f}",
             f"{s.get('consolidate', 0):.2f}", f"{s.get('compose', 0):.2f}",
             f"{s.get('render', 0):.2f}", f"{mbps:.2f}",
             f"{r['peak_mib']:.0f}/{r['peak_child_mib']:.0f}", str(r["articles"])]
    return "| " + " | ".join(cells) + " |"


HEADER = ("| corpus | build | wall s | CPU s | import | read+extract | extract (this process) | consolidate | compose | "
          "render | extract MB/s | peak MiB (main/worker) | articles kept |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|---|---|")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="sample,10,100,1000,10000",
                        help="comma-separated: 'sample' and/or article counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per small measurement")
    parser.add_argument("--workers", type=int, help="BRIEFING_WORKERS for the builds")
    parser.add_argument("--no-soffice", action="store_true", help="skip LibreOffice")
    parser.add_argument("--builds", default="cold,nochange,addone",
                        help="which builds per corpus (the largest may take only 'cold')")
    parser.add_argument("--json", type=Path, help="also write every result as JSON")
    parser.add_argument("--font-cache", type=Path,
                        help="a prepared font cache to use (skips the first-build row)")
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    builds = {b.strip() for b in args.builds.split(",")}
    pages = source_pages()
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp_name:
        tmp = Path(tmp_name)
        env = dict(os.environ, BRIEFING_CACHE_DIR=str(args.font_cache or tmp / "machine-cache"))
        if args.workers:
            env["BRIEFING_WORKERS"] = str(args.workers)
        counter = iter(range(10**6))

        def new_out() -> Path:
            return tmp / f"out{next(counter)}"

        print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()}", flush=True)
        print(HEADER, flush=True)
        first = args.font_cache is None
        for size in sizes:
            folder = ROOT / "data" / "articles" if size == "sample" else tmp / f"corpus{size}"
            if size != "sample":
                write_corpus(folder, int(size), pages)
            label = "sample (5)" if size == "sample" else size
            repeat = args.repeat if size in ("sample", "10", "100") else 1
            rows: dict[str, dict] = {}
            if first:  # fonts are per machine: the first corpus also pays for preparing them
                rows["first build on machine"] = one_build(folder, new_out(), env)
                first = False
            if "cold" in builds:
                rows["cold, prepared machine"] = median_build(folder, new_out, env, repeat)
            if builds & {"nochange", "addone"}:
                out = new_out()
                one_build(folder, out, env)
            if "nochange" in builds:
                rows["no-change rebuild"] = median_build(folder, lambda o=out: o, env, repeat)
            if "addone" in builds:
                work = tmp / f"work{size}"
                work.mkdir()
                shutil.copytree(folder, work / "articles")
                (work / "articles" / "zz_added.txt").write_text(
                    make_article(pages, 10**6), encoding="utf-8")
                rows["add-one rebuild"] = one_build(work / "articles", out, env)
            for kind, r in rows.items():
                print(_row(label, kind, r), flush=True)
                results.append({"corpus": label, "build": kind, **r})
            if size == "sample":
                dept = median_build(folder, new_out, env, repeat, ("department",))
                print(_row(label, "department only, cold", dept), flush=True)
                results.append({"corpus": label, "build": "department only", **dept})
                if not args.no_soffice:
                    dept_out = new_out()
                    one_build(folder, dept_out, env, ("department",))
                    docx = dept_out / "department" / "brief.docx"
                    seconds = soffice_seconds(docx, tmp / "soffice", args.repeat)
                    if seconds is not None:
                        print(f"| {label} | LibreOffice DOCX→PDF (department) | {seconds:.2f} "
                              "| | | | | | | | | | |", flush=True)
                        results.append({"corpus": label, "build": "soffice", "wall": seconds})
        print(f"load after: {os.getloadavg()}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_driver":
        run_driver(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        sys.exit(main())
