"""Users and roles: hashing, sign-in, tokens, and the checks every request passes."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from graphcrm.auth.users import (
    UserError, add_user, authenticate, count_users, list_users, new_token, set_active, set_password, user_for_token,
)
from graphcrm.cli import cli
from graphcrm.web import create_app
from graphcrm.web.auth import CSP

PASSWORD = "correct horse battery"


def test_users_are_stored_with_argon2_and_checked(store):
    assert count_users(store) == 0
    ann = add_user(store, "Ann.Lee", "admin", PASSWORD)
    assert ann.id == "ann.lee" and ann.role == "admin"
    stored = store.read("auth/user_get", id="ann.lee")[0]["password_hash"]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert authenticate(store, "ANN.LEE", PASSWORD) == ann
    assert authenticate(store, "ann.lee", PASSWORD + "x") is None
    assert authenticate(store, "nobody", PASSWORD) is None
    assert store.read("auth/user_get", id="ann.lee")[0]["last_login_at"] is not None
    with pytest.raises(UserError, match="exists"):
        add_user(store, "ann.lee", "rep", PASSWORD)
    with pytest.raises(UserError, match="role"):
        add_user(store, "bob", "boss", PASSWORD)
    with pytest.raises(UserError, match="10 characters"):
        add_user(store, "bob", "rep", "short")
    with pytest.raises(UserError, match="user name"):
        add_user(store, "x y'}) DETACH DELETE", "rep", PASSWORD)
    set_password(store, "ann.lee", "another long password")
    assert authenticate(store, "ann.lee", PASSWORD) is None
    assert authenticate(store, "ann.lee", "another long password") == ann
    set_active(store, "ann.lee", False)
    assert authenticate(store, "ann.lee", "another long password") is None and count_users(store) == 0


def test_a_rep_user_works_as_one_rep_node(store):
    import pandas as pd

    store.bulk_create_nodes("Rep", pd.DataFrame([{"id": "rep-1", "name": "Rita Ray", "email": "rita@x.com"},
                                                 {"id": "rep-2", "name": "Sam Su"}]))
    rita = add_user(store, "rita", "rep", PASSWORD, rep="RITA@X.COM")
    assert rita.rep_id == "rep-1" and authenticate(store, "rita", PASSWORD).rep_id == "rep-1"
    assert add_user(store, "sam", "rep", PASSWORD, rep="sam su").rep_id == "rep-2"
    with pytest.raises(UserError, match="no rep called"):
        add_user(store, "tom", "rep", PASSWORD, rep="Tom")


def test_tokens_are_shown_once_and_stored_as_digests(store):
    add_user(store, "bot", "analyst", PASSWORD)
    token = new_token(store, "bot")
    assert token.startswith("gcrm_") and user_for_token(store, token).name == "bot"
    assert store.read("auth/user_get", id="bot")[0]["token_hash"] != token
    assert user_for_token(store, token + "x") is None and user_for_token(store, "nope") is None
    newer = new_token(store, "bot")
    assert user_for_token(store, token) is None and user_for_token(store, newer) is not None
    assert [u["has_token"] for u in list_users(store)] == [True]


@pytest.fixture
def app(store):
    return create_app({"TESTING": True, "SECRET_KEY": "test"}, store=store)


def csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def sign_in(client, name: str, password: str = PASSWORD):
    token = csrf(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token, "next": "/search?q=a"})


def test_single_user_mode_only_from_this_machine(app):
    client = app.test_client()
    page = client.get("/", headers={"Accept-Language": "en"})
    assert page.status_code == 200 and "Single-user mode" in page.get_data(as_text=True)
    remote = client.get("/", environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert remote.status_code == 403
    assert client.get("/api/search?q=a", environ_base={"REMOTE_ADDR": "10.1.2.3"}).get_json()["error"]


def test_sign_in_roles_and_sign_out(app, store):
    add_user(store, "ann", "admin", PASSWORD)
    add_user(store, "rita", "rep", PASSWORD)
    client = app.test_client()
    assert client.get("/leads/x").status_code == 302  # to the sign-in page
    assert client.get("/api/search?q=a").status_code == 401
    assert client.get("/healthz").status_code == 200
    wrong = sign_in(client, "rita", "wrong password!")
    assert wrong.status_code == 200 and "Wrong user name or password" in wrong.get_data(as_text=True)
    ok = sign_in(client, "rita")
    assert ok.status_code == 302 and ok.headers["Location"] == "/search?q=a"
    assert client.get("/search?q=a").status_code == 200
    assert client.get("/import/").status_code == 403  # imports are for admins
    page = client.get("/").get_data(as_text=True)
    assert "rita" in page and 'action="/import/"' not in page
    out = client.post("/logout", data={"csrf_token": csrf(page)})
    assert out.status_code == 302 and client.get("/search?q=a").status_code == 302
    assert client.post("/logout").status_code == 400  # no CSRF token: refused
    sign_in(client, "ann")
    assert client.get("/import/").status_code == 200


def test_next_never_leaves_the_site(app, store):
    add_user(store, "ann", "admin", PASSWORD)
    client = app.test_client()
    token = csrf(client.get("/login").get_data(as_text=True))
    for target in ("https://evil.test/", "//evil.test/x", "javascript:alert(1)"):
        response = client.post("/login", data={"name": "ann", "password": PASSWORD, "csrf_token": token, "next": target})
        assert response.headers["Location"] == "/"


def test_failed_sign_ins_are_rate_limited(app, store):
    add_user(store, "ann", "admin", PASSWORD)
    client = app.test_client()
    codes = [sign_in(client, "ann", f"wrong password {i}").status_code for i in range(6)]
    assert codes == [200] * 5 + [429]
    assert sign_in(client, "ann").status_code == 429  # even the right password waits now
    other = app.test_client()
    assert sign_in(other, "ann", "x" * 12).status_code == 429  # same address and name


def test_api_token_authenticates_json_calls(app, store):
    add_user(store, "bot", "analyst", PASSWORD)
    token = new_token(store, "bot")
    client = app.test_client()
    ok = client.get("/api/search?q=a", headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 200 and ok.get_json()["results"] == []
    assert client.get("/api/search?q=a", headers={"Authorization": "Bearer gcrm_forged"}).status_code == 401


def test_security_headers_on_every_response(app):
    client = app.test_client()
    for url in ("/", "/login", "/healthz", "/static/app.css", "/nowhere"):
        response = client.get(url)
        headers = response.headers
        response.close()
        assert headers["Content-Security-Policy"] == CSP
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP and "frame-ancestors 'none'" in CSP


def test_session_cookie_flags(app, store):
    add_user(store, "ann", "admin", PASSWORD)
    client = app.test_client()
    response = sign_in(client, "ann")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_cli_user_commands_and_serve_refusal(db_uri):
    runner = CliRunner()
    db = db_uri
    refused = runner.invoke(cli, ["--db", db, "serve", "--host", "0.0.0.0"])
    assert refused.exit_code == 1 and "refusing to serve on 0.0.0.0 without user accounts" in refused.output
    added = runner.invoke(cli, ["--db", db, "user", "add", "Ann", "--role", "admin"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert added.exit_code == 0 and "added admin Ann" in added.output
    short = runner.invoke(cli, ["--db", db, "user", "add", "bob", "--role", "rep", "--password-stdin"], input="short\n")
    assert short.exit_code == 1 and "10 characters" in short.output
    listed = runner.invoke(cli, ["--db", db, "user", "list", "--json"])
    assert [(u["name"], u["role"], u["has_token"]) for u in __import__("json").loads(listed.output)] == [("Ann", "admin", False)]
    token = runner.invoke(cli, ["--db", db, "user", "token", "ann"]).output.strip()
    assert token.startswith("gcrm_") and PASSWORD not in runner.invoke(cli, ["--db", db, "user", "list"]).output
    assert runner.invoke(cli, ["--db", db, "user", "token", "nobody"]).exit_code == 1


def test_reps_change_only_their_own_leads(store):
    from tests.explore import known_graph

    known_graph.build(store)
    add_user(store, "rita", "rep", PASSWORD, rep="rep-rita")
    add_user(store, "sam", "rep", PASSWORD, rep="rep-sam")
    add_user(store, "anna", "analyst", PASSWORD)
    app = create_app({"TESTING": True, "SECRET_KEY": "test"}, store=store)

    def log_call(name: str) -> int:
        client = app.test_client()
        sign_in(client, name)
        token = csrf(client.get("/leads/lead-ann").get_data(as_text=True))
        return client.post("/lead-actions/lead-ann/follow-up",
                           data={"type": "call", "outcome": "reached", "csrf_token": token}).status_code

    def calls() -> int:
        return len(store.read("manage/lead_activities", id="lead-ann", limit=50))

    assert log_call("sam") == 403 and calls() == 0  # Sam does not own Ann's lead
    assert log_call("anna") == 403 and calls() == 0  # analysts read, they do not work leads
    assert log_call("rita") == 302 and calls() == 1  # the owner can
    client = app.test_client()
    sign_in(client, "sam")
    assert client.get("/leads/lead-ann").status_code == 200  # everyone reads every lead
    assert client.get("/admin/lead-rules").status_code == 403
