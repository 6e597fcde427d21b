"""Issue 22, point 1: single-user mode is only for a database that never had a user; no state of
the users (all disabled) reopens it, and a disabled user's session ends at once."""

from __future__ import annotations

from click.testing import CliRunner

from graphcrm.auth.users import add_user, set_active, users_ever
from graphcrm.cli import cli
from graphcrm.store import open_store
from graphcrm.web import create_app
from tests.trust.sessions import PASSWORD, signed_in

ADMIN_PAGES = ("/import/", "/admin/integrations")


def _app(store, **config):
    return create_app({"TESTING": True, "SECRET_KEY": "probe", **config}, store=store)


def test_a_fresh_database_is_single_user_on_loopback_only(store):
    client = _app(store).test_client()
    assert client.get("/import/").status_code == 200
    assert client.get("/import/", environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code == 403
    off = _app(store, SINGLE_USER="false").test_client()  # the admin can turn it off
    assert off.get("/import/").status_code == 302


def test_disabling_every_user_does_not_make_anyone_admin(store):
    add_user(store, "ann", "admin", PASSWORD)
    add_user(store, "rep2", "rep", PASSWORD)
    app = _app(store)
    ann = signed_in(app, "ann")
    assert ann.get("/import/").status_code == 200
    for name in ("ann", "rep2"):
        set_active(store, name, False)
    assert users_ever(store)
    anonymous = app.test_client()
    for path in ADMIN_PAGES:
        assert anonymous.get(path).status_code == 302, path  # to the sign-in page, never a page
        assert ann.get(path).status_code == 302, path  # the disabled admin's old cookie is dead
    assert anonymous.get("/api/search?q=a").status_code == 401
    # a new app (a restart) on the same database does not reopen it either
    assert _app(store).test_client().get("/import/").status_code == 302
    # and enabling the user again does not revive the old cookie
    set_active(store, "ann", True)
    assert ann.get("/import/").status_code == 302


def test_disabled_through_the_cli_then_served_again(db_uri):
    runner = CliRunner()
    added = runner.invoke(cli, ["--db", db_uri, "user", "add", "ann", "--role", "admin", "--password-stdin"],
                          input=f"{PASSWORD}\n")
    assert added.exit_code == 0, added.output
    disabled = runner.invoke(cli, ["--db", db_uri, "user", "disable", "ann"])
    assert disabled.exit_code == 0, disabled.output
    store = open_store(db_uri)
    try:
        client = _app(store).test_client()
        for path in ADMIN_PAGES:
            assert client.get(path).status_code == 302, path
    finally:
        store.close()
