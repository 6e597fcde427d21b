"""Issue 22, point 4: sign-out, a new password, a new role and disabling the user end every
session at once (copies of the cookie included); sessions have an idle timeout and a lifetime."""

from __future__ import annotations

import pytest

from graphcrm.auth.users import add_user, set_active, set_password, set_role
from graphcrm.web import auth, create_app
from tests.trust.sessions import PASSWORD, signed_in, token_of


@pytest.fixture
def app(store):
    add_user(store, "ann", "admin", PASSWORD)
    return create_app({"TESTING": True, "SECRET_KEY": "probe"}, store=store)


def _copy(app, client):
    """A second client holding a copy of ``client``'s session cookie (a stolen cookie)."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    assert thief.get("/import/").status_code == 200
    return thief


def test_sign_out_ends_every_copy_of_the_session(app):
    ann = signed_in(app, "ann")
    thief = _copy(app, ann)
    other_device = signed_in(app, "ann")
    assert ann.post("/logout", data={"csrf_token": token_of(ann)}).status_code == 302
    for client in (ann, thief, other_device):
        assert client.get("/import/").status_code == 302


@pytest.mark.parametrize("change", ["password", "role", "disable"])
def test_account_changes_end_the_sessions(app, store, change):
    ann = signed_in(app, "ann")
    thief = _copy(app, ann)
    {"password": lambda: set_password(store, "ann", "a brand new password"),
     "role": lambda: set_role(store, "ann", "analyst"),
     "disable": lambda: set_active(store, "ann", False)}[change]()
    assert ann.get("/import/").status_code == 302 and thief.get("/import/").status_code == 302


def test_a_restart_keeps_only_live_sessions(app, store):
    ann = signed_in(app, "ann")
    cookie = ann.get_cookie("session").value
    ann.post("/logout", data={"csrf_token": token_of(ann)})
    restarted = create_app({"TESTING": True, "SECRET_KEY": "probe"}, store=store).test_client()
    restarted.set_cookie("session", cookie)
    assert restarted.get("/import/").status_code == 302


def test_idle_timeout_and_lifetime(app, monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(auth, "_clock", lambda: now[0])
    ann = signed_in(app, "ann")
    now[0] += auth.IDLE_TIMEOUT - 60
    assert ann.get("/import/").status_code == 200  # active use keeps it alive ...
    now[0] += auth.IDLE_TIMEOUT - 60
    assert ann.get("/import/").status_code == 200
    now[0] += auth.IDLE_TIMEOUT + 1  # ... idleness ends it
    assert ann.get("/import/").status_code == 302
    ann, start = signed_in(app, "ann"), now[0]
    while now[0] + auth.IDLE_TIMEOUT - 60 <= start + auth.LIFETIME:
        now[0] += auth.IDLE_TIMEOUT - 60
        assert ann.get("/import/").status_code == 200
    now[0] += auth.IDLE_TIMEOUT - 60
    assert ann.get("/import/").status_code == 302  # at most LIFETIME after sign-in, however busy
