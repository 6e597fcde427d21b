"""Signed-in clients for the trust tests: Flask test clients (the CSRF token read from a page, as a
browser has it), and bench/bench_load.py's real HTTP browsers and loopback server."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

PASSWORD = "correct horse battery"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf(page: str) -> str:
    """The CSRF token of the first form on ``page``."""
    found = _TOKEN.search(page)
    assert found, "no form with a CSRF token on this page"
    return found.group(1)


def token_of(client: Any) -> str:
    """A valid CSRF token for this client's session (every page has the sign-in or sign-out form)."""
    return csrf(client.get("/login").get_data(as_text=True))


def signed_in(app: Any, name: str, password: str = PASSWORD) -> Any:
    """A test client signed in as ``name``."""
    client = app.test_client()
    response = client.post("/login", data={"name": name, "password": password, "csrf_token": token_of(client)})
    assert response.status_code == 302, f"{name} could not sign in ({response.status_code})"
    return client


def bench_load() -> ModuleType:
    """bench/bench_load.py as a module (bench/ is scripts, not a package): ``served``, ``Browser``,
    ``run_load``."""
    if "bench_load" not in sys.modules:
        path = Path(__file__).resolve().parents[2] / "bench" / "bench_load.py"
        spec = importlib.util.spec_from_file_location("bench_load", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_load"] = module  # before running it: its dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules["bench_load"]
