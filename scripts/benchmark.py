"""Benchmark: each kind of build's wall and CPU time, stages, extraction rate, peak memory,
then the issue's targets table (issue 22) and the tagger's load, measured each way.

    .venv/bin/python scripts/benchmark.py [--sizes sample,10,100,1000,10000] [--repeat 5]
                                          [--workers N] [--no-soffice] [--dask] [--json FILE]

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

and, beside them, LibreOffice converting the four DOCX of the samples' cold build to PDF in
one `soffice` run (when it is installed), in the same run, CPU time against CPU time. The
machine may be shared: CPU seconds (os.times of the build and its children) are what the
targets compare; wall seconds are printed beside them. Each build's stderr is read as it comes:
"first progress" is when its first progress line appeared. `--dask` also builds the largest
corpus of 1,000 or fewer on a Dask LocalCluster of `--workers` (default 2) processes.
Prints Markdown tables; asserts nothing. `--workers N` sets BRIEFING_WORKERS (default: the
build decides by the free cores).
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
import threading
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


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def run_driver(articles: str, out: str, audiences: list[str]) -> None:
    """Inside the child: build with stage timers around build()'s collaborators; print JSON."""
    started = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    import logging

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(message)s")
    logging.getLogger("briefing.progress").setLevel(logging.INFO)  # as the CLI shows it
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

    cpu_reading = [0.0]

    def listing_starts_reading(folder):  # noqa: ANN001, ANN202
        started_reading[0] = time.perf_counter()
        cpu_reading[0] = _cpu()
        return real_list(folder)

    def dedupe_ends_reading(articles):  # noqa: ANN001, ANN202
        kept, duplicates = real_dedupe(articles)
        stages["read+extract"] = time.perf_counter() - started_reading[0]
        stages["read+extract cpu"] = _cpu() - cpu_reading[0]
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
                                    issue_date=dt.date.fromisoformat(ISSUE_DATE),
                                    executor=os.environ.get("BENCH_EXECUTOR") or None))
    stages["build"] = time.perf_counter() - t
    stages["render"] = max(0.0, stages.get("publish", 0.0) - stages.get("compose", 0.0))
    times = os.times()  # CPU seconds: what the build costs whatever else the machine runs
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({
        "stages": stages, "articles": report.article_count, "skipped": len(report.skipped),
        "failed": sorted(report.failed), "text_bytes": text_bytes[0],
        "extracted": len(report.cache.extracted), "rendered": len(report.cache.rendered),
        "workers": parallel.workers_available(), "peak_mib": self_kb / 1024,
        "peak_child_mib": child_kb / 1024,
        "cpu": times.user + times.system + times.children_user + times.children_system,
        "jieba_loaded": "jieba" in sys.modules,
        "render_loaded": "reportlab" in sys.modules or "matplotlib" in sys.modules,
    }))


def one_build(articles: Path, out: Path, env: dict[str, str],
              audiences: tuple[str, ...] = AUDIENCES) -> dict:
    """Run one build in a fresh interpreter; its wall time, when its first progress line came
    (None: it showed none) and what the driver reported."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, __file__, "_driver", str(articles), str(out), *audiences],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    first_progress: list[float] = []
    err_lines: list[str] = []

    def read_stderr() -> None:
        for line in proc.stderr:  # type: ignore[union-attr]
            if not first_progress and "reading and extracting:" in line:
                first_progress.append(time.perf_counter() - started)
            err_lines.append(line)

    reader = threading.Thread(target=read_stderr)
    reader.start()
    stdout = proc.stdout.read()  # type: ignore[union-attr]
    proc.wait()
    reader.join()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}):\n{''.join(err_lines)[-3000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["wall"] = wall
    result["first_progress"] = first_progress[0] if first_progress else None
    return result


def median_build(articles: Path, make_out, env: dict[str, str], repeat: int,  # noqa: ANN001
                 audiences: tuple[str, ...] = AUDIENCES) -> dict:
    """The run with the median CPU time of `repeat` runs (CPU: the machine may be shared)."""
    runs = sorted((one_build(articles, make_out(), env, audiences) for _ in range(repeat)),
                  key=lambda r: r["cpu"])
    best = runs[len(runs) // 2]
    best["walls"] = [round(r["wall"], 2) for r in runs]
    best["cpus"] = [round(r["cpu"], 2) for r in runs]
    return best


# ---------------------------------------------------------------- LibreOffice


def soffice_seconds(docx: list[Path], work: Path, repeat: int) -> dict | None:
    """Median wall and CPU seconds of one `soffice --headless --convert-to pdf` run over the
    files (the first, profile-creating run not counted); None without LibreOffice."""
    soffice = shutil.which("soffice")
    if not soffice:
        return None
    profile = f"-env:UserInstallation=file://{work / 'lo-profile'}"
    command = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(work),
               *map(str, docx)]
    subprocess.run(command, capture_output=True, check=False)  # creates the profile
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus),
            "files": len(docx)}


# ---------------------------------------------------------------- the tagger, each way

TAGGER_CODE = {
    "jieba, built in the process": "from briefing.extract import tagger as T; T.build_tagger()",
    "jieba, tables kept in the machine cache": "from briefing.extract import tagger as T; "
                                               "T.tagger()",
    "rjieba (compiled)": "import rjieba; j = rjieba.Jieba(); "
                         "[j.add_word(w, f, t) for w, f, t in DOMAIN]",
    "jieba-fast-dat (compiled)": "import jieba_fast_dat as jf, jieba_fast_dat.posseg as jp; "
                                 "tk = jf.Tokenizer(); [tk.add_word(w, f, t) for w, f, t in "
                                 "DOMAIN]; jp.POSTokenizer(tk)",
}
TAGGER_CHILD = """
import json, os, sys
sys.path.insert(0, {root!r})
from briefing.extract.tagger import domain_words
DOMAIN = domain_words()
t = os.times(); before = t.user + t.system
{code}
t = os.times(); print(json.dumps(t.user + t.system - before))
"""


def tagger_rows(env: dict[str, str], repeat: int) -> list[tuple[str, float | None]]:
    """Median CPU seconds to get a tagger in a fresh process, each way (None: not installed).
    The kept tables are made first by one process, as the first build on a machine does."""
    rows = []
    subprocess.run([sys.executable, "-c", TAGGER_CHILD.format(
        root=str(ROOT), code=TAGGER_CODE["jieba, tables kept in the machine cache"])],
        env=env, capture_output=True, check=False)
    for label, code in TAGGER_CODE.items():
        seconds = []
        for _ in range(repeat):
            proc = subprocess.run([sys.executable, "-c", TAGGER_CHILD.format(
                root=str(ROOT), code=code)], env=env, capture_output=True, text=True,
                check=False)
            if proc.returncode != 0:
                break
            seconds.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        rows.append((label, statistics.median(seconds) if seconds else None))
    return rows


# ---------------------------------------------------------------- orchestration


def _row(label: str, kind: str, r: dict) -> str:
    s = r["stages"]
    mbps = r["text_bytes"] / 1e6 / s["extract"] if s.get("extract") else 0.0
    progress = f"{r['first_progress']:.1f}" if r.get("first_progress") is not None else "–"
    cells = [label, kind, f"{r['wall']:.2f}", f"{r.get('cpu', 0):.2f}", f"{s['import']:.2f}",
             f"{s.get('read+extract', 0):.2f}", f"{s.get('extract', 0):.2f}",
             f"{s.get('consolidate', 0):.2f}", f"{s.get('compose', 0):.2f}",
             f"{s.get('render', 0):.2f}", f"{mbps:.2f}",
             f"{r['peak_mib']:.0f}/{r['peak_child_mib']:.0f}", str(r["articles"]),
             str(r.get("rendered", "")), progress]
    return "| " + " | ".join(cells) + " |"


HEADER = ("| corpus | build | wall s | CPU s | import | read+extract | extract (this process) | "
          "consolidate | compose | render | extract MB/s | peak MiB (main/worker) | "
          "articles kept | audiences rendered | first progress s |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")


def extraction_rate(r: dict) -> tuple[float, float]:
    """(MB/s, articles/s) per core of a cold build's read+extract: bytes and files extracted
    over the CPU seconds of that span (the pool workers' included)."""
    cpu = r["stages"].get("read+extract cpu") or 0.0
    if not cpu:
        return 0.0, 0.0
    return r["text_bytes"] / 1e6 / cpu, r.get("extracted", 0) / cpu


def targets_table(results: list[dict], soffice: dict | None) -> str:
    """The issue's table: each figure now, and its target."""
    def find(corpus: str, build: str) -> dict | None:
        return next((r for r in results if r["corpus"] == corpus and r["build"] == build), None)

    rows = []
    cold = find("sample (5)", "cold, prepared machine")
    if cold:
        ratio = (f"{cold['cpu'] / soffice['cpu']:.2f}× LibreOffice's {soffice['cpu']:.2f} s "
                 f"({soffice['files']} DOCX→PDF, one run)") if soffice else "soffice not installed"
        rows.append(("samples, 4 audiences × DOCX+PDF+JSON, cold, CPU time",
                     f"{cold['cpu']:.2f} s; {ratio}", "≤ 1.0× (aim 0.6×) LibreOffice"))
    nochange = find("sample (5)", "no-change rebuild")
    if nochange:
        rows.append(("no-change rebuild (samples), CPU time",
                     f"{nochange['cpu']:.2f} s ({nochange['wall']:.2f} s wall, of which "
                     f"importing briefing.build {nochange['stages']['import']:.2f} s)",
                     "≤ 0.25 s"))
    big = max((r for r in results if r["build"] == "no-change rebuild"),
              key=lambda r: r["articles"], default=None)
    if big and big is not nochange:
        rows.append((f"{big['corpus']} articles, no-change rebuild",
                     f"{big['wall']:.1f} s wall, {big['cpu']:.1f} s CPU; "
                     f"{big['rendered']} audiences rendered", "≤ 15 s, renders nothing"))
    peaks = [r for r in results if r["corpus"] == (big or {}).get("corpus")]
    if peaks:
        peak = max(max(r["peak_mib"], r["peak_child_mib"]) for r in peaks)
        rows.append((f"{peaks[0]['corpus']} articles, peak memory", f"{peak:,.0f} MiB",
                     "≤ 1.5 GB (1,431 MiB)"))
    colds = [r for r in results if r["build"].startswith("cold") and r.get("extracted", 0) >= 100]
    if colds:
        largest = max(colds, key=lambda r: r["extracted"])
        mbps, per_second = extraction_rate(largest)
        rows.append((f"extraction rate ({largest['corpus']}, cold)",
                     f"{mbps:.2f} MB/s per core ({per_second:.1f} articles/s per core)",
                     "≥ 0.5 MB/s (aim 1)"))
        shown = [r["first_progress"] for r in colds if r.get("first_progress") is not None]
        rows.append(("a long build", f"first progress line after {max(shown):.1f} s"
                     if shown else "no progress line", "progress (within 2 s)"))
    lines = ["| figure | now | target |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def machine() -> str:
    """The CPU's model name, cores and memory, from /proc (Linux), else what os knows."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {mem_kb / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        memory = ""
    return f"{model}, {os.cpu_count()} cores{memory}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="sample,10,100,1000,10000",
                        help="comma-separated: 'sample' and/or article counts")
    parser.add_argument("--repeat", type=int, default=5, help="runs per small measurement")
    parser.add_argument("--workers", type=int, help="BRIEFING_WORKERS for the builds")
    parser.add_argument("--no-soffice", action="store_true", help="skip LibreOffice")
    parser.add_argument("--dask", action="store_true",
                        help="also a cold build on a Dask LocalCluster (needs briefing[dask])")
    parser.add_argument("--builds", default="cold,nochange,addone",
                        help="which builds per corpus (the largest may take only 'cold')")
    parser.add_argument("--json", type=Path, help="also write every result as JSON")
    parser.add_argument("--font-cache", type=Path,
                        help="a prepared machine cache to use (skips the first-build row)")
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    builds = {b.strip() for b in args.builds.split(",")}
    pages = source_pages()
    results: list[dict] = []
    soffice = None
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp_name:
        tmp = Path(tmp_name)
        env = dict(os.environ, BRIEFING_CACHE_DIR=str(args.font_cache or tmp / "machine-cache"))
        if args.workers:
            env["BRIEFING_WORKERS"] = str(args.workers)
        counter = iter(range(10**6))

        def new_out() -> Path:
            return tmp / f"out{next(counter)}"

        print(f"machine: {machine()}; load {os.getloadavg()}", flush=True)
        print(HEADER, flush=True)
        first = args.font_cache is None
        for size in sizes:
            folder = ROOT / "data" / "articles" if size == "sample" else tmp / f"corpus{size}"
            if size != "sample":
                write_corpus(folder, int(size), pages)
            label = "sample (5)" if size == "sample" else size
            repeat = args.repeat if size in ("sample", "10", "100") else 1
            rows: dict[str, dict] = {}
            if first:  # fonts and tagger tables are per machine: the first corpus pays for them
                rows["first build on machine"] = one_build(folder, new_out(), env)
                first = False
            outs: list[Path] = []

            def cold_out() -> Path:
                outs.append(new_out())
                return outs[-1]

            if builds & {"cold", "nochange", "addone"}:  # the rebuilds start from a cold out/
                rows["cold, prepared machine"] = median_build(folder, cold_out, env, repeat)
            if "nochange" in builds:
                rows["no-change rebuild"] = median_build(folder, lambda: outs[-1], env, repeat)
            if "addone" in builds:
                work = tmp / f"work{size}"
                work.mkdir()
                shutil.copytree(folder, work / "articles")
                (work / "articles" / "zz_added.txt").write_text(
                    make_article(pages, 10**6), encoding="utf-8")
                rows["add-one rebuild"] = one_build(work / "articles", outs[-1], env)
            if args.dask and size != "sample" and int(size) <= 1000 and \
                    not any(r["build"] == "cold on Dask" for r in results):
                rows["cold on Dask"] = one_build(folder, new_out(), dict(
                    env, BENCH_EXECUTOR="local", BRIEFING_WORKERS=str(args.workers or 2)))
            for kind, r in rows.items():
                print(_row(label, kind, r), flush=True)
                results.append({"corpus": label, "build": kind, **r})
            if size == "sample" and not args.no_soffice and outs:
                docx = sorted(outs[0].glob("*/brief.docx"))
                soffice = soffice_seconds(docx, tmp / "soffice", args.repeat)
                if soffice is not None:
                    print(f"| {label} | LibreOffice: {len(docx)} DOCX→PDF, one run | "
                          f"{soffice['wall']:.2f} | {soffice['cpu']:.2f} | | | | | | | | | | | |",
                          flush=True)
                    results.append({"corpus": label, "build": "soffice", **soffice})
        print(f"load after: {os.getloadavg()}", flush=True)
        print("\n" + targets_table(results, soffice), flush=True)
        print("\n| tagger, in a fresh process | CPU s (median) |\n|---|---|")
        for name, seconds in tagger_rows(env, args.repeat):
            print(f"| {name} | {f'{seconds:.2f}' if seconds is not None else 'not installed'} |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_driver":
        run_driver(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        sys.exit(main())
