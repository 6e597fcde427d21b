"""Signed-in Flask test clients for the trust tests (the CSRF token read from a page, as a browser has it)."""

from __future__ import annotations

import re
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
