"""How fast the review page lists a thousand figures, in a real headless Chromium.

    .venv/bin/python scripts/review_benchmark.py [--articles N] [--loads 5] [--screenshot PNG]

Run by hand, not in CI; needs Debian's chromium and chromium-driver and Selenium. Generates a
corpus of N articles (default 170, about 1,000 figures) from the development pages with
scripts/benchmark.py's write_corpus into a temporary folder, reads it once as the page does,
serves the page on 127.0.0.1 and loads it `--loads` times after one warm-up load. Prints one
Markdown row per load: the server's answer (response start), DOMContentLoaded, the load
event, and the wall time until the page's script has run (every figure listed and filterable),
with the number of figures listed, then the time one filter change takes. "listed" is the
page script's `review-ready` mark: every figure in the document and the filters applied.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from benchmark import source_pages, write_corpus  # noqa: E402

from briefing.review.items import load_project_figures, review_items  # noqa: E402
from briefing.review.project import ReviewProject  # noqa: E402
from briefing.review.server import create_app  # noqa: E402
from tests.chromium import chromium, served  # noqa: E402

NAVIGATION = """const n = performance.getEntriesByType('navigation')[0];
const paint = performance.getEntriesByName('first-contentful-paint')[0];
const ready = performance.getEntriesByName('review-ready')[0];
return [n.responseStart, paint ? paint.startTime : -1, n.domContentLoadedEventEnd,
        ready.startTime, n.loadEventEnd];"""
FILTER = """const t = performance.now();
const select = document.getElementById('f-grade');
select.value = 'inferred'; select.dispatchEvent(new Event('change'));
const shown = document.querySelectorAll('article.fig:not([hidden])').length;
select.value = ''; select.dispatchEvent(new Event('change'));
return [performance.now() - t, shown];"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=170, help="generated articles")
    parser.add_argument("--loads", type=int, default=5, help="measured page loads")
    parser.add_argument("--screenshot", type=Path, help="keep a screenshot of the page here")
    args = parser.parse_args()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with tempfile.TemporaryDirectory(prefix="review-bench-") as tmp:
        folder = Path(tmp) / "articles"
        write_corpus(folder, args.articles, source_pages())
        started = time.perf_counter()
        snapshot = load_project_figures(folder, Path(tmp) / "cache")
        read_seconds = time.perf_counter() - started
        figures = sum(review_items(snapshot, ()).counts.values())
        print(f"{args.articles} articles, {figures} figures; read and extracted in "
              f"{read_seconds:.1f} s (once, when the page starts)\n")
        project = ReviewProject(folder, Path(tmp) / "corrections.yaml", Path(tmp) / "cache",
                                Path(tmp) / "out", ("department",))
        app = create_app(project, snapshot=snapshot)
        print("| load | response start ms | first paint ms | DOMContentLoaded ms "
              "| listed (script done) ms | load event ms | WebDriver wall s | figures |")
        print("|---|---|---|---|---|---|---|---|")
        walls, readies = [], []
        with served(app) as url, chromium(Path(tmp) / "profile") as driver:
            driver.get(url)  # warm-up: the browser's first page starts its processes
            for n in range(1, args.loads + 1):
                t = time.perf_counter()
                driver.get(url)
                WebDriverWait(driver, 60, poll_frequency=0.02).until(
                    lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))
                wall = time.perf_counter() - t
                walls.append(wall)
                response, paint, dcl, ready, load = driver.execute_script(NAVIGATION)
                readies.append(ready)
                listed = len(driver.find_elements(By.CSS_SELECTOR, "article.fig"))
                print(f"| {n} | {response:.0f} | {paint:.0f} | {dcl:.0f} | {ready:.0f} "
                      f"| {load:.0f} | {wall:.2f} | {listed} |")
            filter_ms, shown = driver.execute_script(FILTER)
            if args.screenshot:
                driver.save_screenshot(str(args.screenshot))
        print(f"\nmedian listed: {statistics.median(readies):.0f} ms after navigation start "
              f"(WebDriver wall {statistics.median(walls):.2f} s); filtering by grade "
              f"({shown} inferred shown) and back: {filter_ms:.0f} ms")


if __name__ == "__main__":
    main()
