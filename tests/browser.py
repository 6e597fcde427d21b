"""Test helpers for real-browser tests: Debian's Chromium driven by Playwright, and a live server."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    """Debian's Chromium (or GRAPHCRM_CHROMIUM); Playwright's own browser downloads are not possible here."""
    wanted = os.environ.get("GRAPHCRM_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    return wanted if wanted and os.path.exists(wanted) else None


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Serve ``app`` on a free loopback port in a thread; yield its base URL.

    Werkzeug's threaded server, because it shuts down cleanly from another thread; the
    production server (waitress) is tested through ``graphcrm serve`` in test_cli.
    """
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def browser_page(tmp_path) -> Iterator[Any]:
    """A fresh Chromium page; the test is skipped (a failure in CI) when Chromium is missing."""
    executable = chromium_path()
    if executable is None:
        pytest.skip("Chromium not installed: apt-get install chromium (or set GRAPHCRM_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 860})
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.console_errors = errors  # type: ignore[attr-defined]
        try:
            yield page
        finally:
            context.close()
            browser.close()


def upload_for_import(page: Any, base: str, path: Any, *, lang: str, until: str) -> None:
    """Open the import page in ``lang``, upload ``path`` and wait for the selector ``until``."""
    page.goto(f"{base}/import/?lang={lang}")
    page.set_input_files("input[name=files]", str(path))
    page.click("button[type=submit]")
    page.wait_for_selector(until)
