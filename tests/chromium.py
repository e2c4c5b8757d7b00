"""A real headless browser for the page tests: Debian's chromium driven by Selenium.

    chromium_or_skip()              skip the test, with a message, where no browser is installed
    chromium(profile_dir)           a WebDriver on /usr/bin/chromium (never a downloaded browser)
    served(app)                     the app on a real uvicorn server on 127.0.0.1, a free port

`.ci/run` installs `chromium` and `chromium-driver` with apt-get where it can; the README's two
commands do not need them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
         "--window-size=1280,1000")


def chromium_or_skip() -> None:
    """Skip unless Debian's chromium, its driver and Selenium are all here."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.skip(f"no browser for the page test: {', '.join(missing)} missing "
                    f"(apt-get install chromium chromium-driver; .ci/run does)")
    pytest.importorskip("selenium", reason="the page test drives chromium with selenium "
                                           "(pip install '.[test]')")


@contextlib.contextmanager
def chromium(profile_dir: Path) -> Iterator[object]:
    """A headless Chromium in a fresh profile folder; quit at the end."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager never downloads anything
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile_dir}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile_dir, ignore_errors=True)


@contextlib.contextmanager
def served(app: object, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve `app` with uvicorn in a thread on a free port; yields its URL."""
    import uvicorn

    from briefing.review.server import listen

    where = listen(host, None)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [where.sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield where.url
    finally:
        server.should_exit = True
        thread.join(10)
        where.sock.close()
