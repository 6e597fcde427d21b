"""Issue 22, point 3: the sign-in limiter keys on the one normalised name (padding, case and a
tail past 64 characters make no new name), and each account has a cap across all addresses."""

from __future__ import annotations

import pytest

from graphcrm.auth.users import add_user, sign_in_name
from graphcrm.web import create_app
from tests.trust.sessions import PASSWORD, token_of


@pytest.fixture
def app(store):
    add_user(store, "rep2", "rep", PASSWORD)
    return create_app({"TESTING": True, "SECRET_KEY": "probe"}, store=store)


def _try(client, name, password, ip="10.0.0.1"):
    data = {"name": name, "password": password, "csrf_token": token_of(client)}
    return client.post("/login", data=data, environ_base={"REMOTE_ADDR": ip}).status_code


def test_padded_names_share_one_limit(app):
    assert sign_in_name("  REP2" + " " * 70 + "tail") == "rep2"
    client = app.test_client()
    variants = ["rep2", "REP2 ", " Rep2", "rep2" + " " * 70 + "x", "rep2" + " " * 70 + "y", "rep2" + " " * 61 + "zz"]
    codes = [_try(client, name, f"wrong {i}") for i, name in enumerate(variants)]
    assert codes == [200] * 5 + [429]
    assert _try(client, "rep2" + " " * 90 + "new tail", PASSWORD) == 429


def test_a_global_cap_per_account(app):
    codes = []
    for i in range(21):  # 21 guesses from 21 addresses: no one address reaches its own limit
        codes.append(_try(app.test_client(), "rep2", f"wrong {i}", ip=f"10.0.1.{i + 1}"))
    assert codes == [200] * 20 + [429]
    assert _try(app.test_client(), "rep2", PASSWORD, ip="10.0.2.1") == 429  # the account waits
    assert _try(app.test_client(), "someone", "wrong", ip="10.0.2.1") == 200  # others do not
