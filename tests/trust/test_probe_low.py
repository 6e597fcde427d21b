"""Issue 22, point 6 (low): private, short-lived uploads beside the database; a database file
only its owner reads; public forms make no sources from ``utm_source``; CSV rows swallowed by an
unbalanced quote are rejected with the reason."""

from __future__ import annotations

import io
import os
import re
import stat
import time
from pathlib import Path

import pytest

from graphcrm.auth.users import add_user
from graphcrm.capture import forms
from graphcrm.capture.forms import FormSpec
from graphcrm.capture.record import captures_of
from graphcrm.ingest import ImportOptions, import_files
from graphcrm.ingest.read import ERROR, read_file
from graphcrm.store import open_store
from graphcrm.web import create_app
from tests.capture.world import load_world
from tests.graphdump import dump
from tests.trust.sessions import PASSWORD, csrf, signed_in

CSV = "name,email,city\nAnn Lee,ann@example.com,Berlin\nBob Ng,bob@example.com,Paris\n"
SWALLOWED = ('name,email,city\nAnn Lee,ann@example.com,Berlin\nBob Ng,"bob@example.com,Paris\n'
             'Cat Cole,cat@example.com,Rome\nDan Berg,dan@example.com,"Oslo\nEve Ek,eve@example.com,Lima\n')


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _upload(client, name: str, body: bytes):
    return client.post("/import/", data={"csrf_token": csrf(client.get("/import/").get_data(as_text=True)),
                                         "files": (io.BytesIO(body), name), "kind": "", "region": "US"},
                       content_type="multipart/form-data")


@pytest.fixture
def admin(store):
    add_user(store, "root", "admin", PASSWORD)
    app = create_app({"TESTING": True, "SECRET_KEY": "probe"}, store=store)  # the default upload folder
    return app, signed_in(app, "root")


def test_uploads_are_private_and_deleted(admin, store, tmp_path):
    app, client = admin
    preview = _upload(client, "leads.csv", CSV.encode())
    assert preview.status_code == 200
    token = re.search(r'action="/import/([0-9a-f]{32})/commit"', preview.get_data(as_text=True))[1]
    with app.test_request_context():
        from graphcrm.web.imports import upload_root

        root = upload_root()
    if getattr(store, "path", None):  # an embedded database: beside its file
        assert root == Path(store.path).with_name(Path(store.path).name + ".uploads")
    folder = root / token
    assert _mode(root) == 0o700 and _mode(folder) == 0o700
    assert _mode(folder / "leads.csv") == 0o600 and _mode(folder / "options.json") == 0o600
    committed = client.post(f"/import/{token}/commit", data={"csrf_token": csrf(preview.get_data(as_text=True))})
    assert committed.status_code == 200 and store.counts().nodes["Lead"] == 2
    assert not (folder / "leads.csv").exists() and not (folder / "options.json").exists()
    assert client.post(f"/import/{token}/commit", data={"csrf_token": csrf(preview.get_data(as_text=True))}
                       ).status_code == 404  # nothing left to import twice
    # a file that cannot be read leaves nothing behind
    before = set(root.iterdir())
    assert _upload(client, "broken.xlsx", b"PK\x03\x04 not a workbook").status_code == 302
    assert set(root.iterdir()) == before
    # an abandoned preview goes after the retention (24 h by default)
    abandoned = re.search(r'/import/([0-9a-f]{32})/commit', _upload(client, "again.csv", CSV.encode()).get_data(
        as_text=True))[1]
    old = time.time() - 25 * 3600
    os.utime(root / abandoned, (old, old))
    _upload(client, "third.csv", CSV.encode())
    assert not (root / abandoned).exists()


def test_the_database_file_is_for_its_owner_only(tmp_path):
    # embedded only: a Neo4j server keeps its own files
    path = tmp_path / "private.lbug"
    store = open_store(str(path))
    try:
        store.setup_schema()
        with store.transaction():
            store.write("meta/set", id="probe", value="x", now=None)
            wal = path.with_name(path.name + ".wal")
            assert wal.exists() and _mode(wal) == 0o600
        assert _mode(path) == 0o600
    finally:
        store.close()


def test_the_umask_is_restored(tmp_path):
    old = os.umask(0o022)
    try:
        store = open_store(str(tmp_path / "u.lbug"))
        store.setup_schema()
        store.close()
        assert os.umask(0o022) == 0o022
    finally:
        os.umask(old)


def test_public_forms_make_no_new_sources_from_utm(store):
    load_world(store)
    add_user(store, "root", "admin", PASSWORD)
    form = forms.create_form(store, FormSpec(name="Expo", campaign_id="k-expo", fields=("first_name", "email"),
                                             required=("email",)))
    app = create_app({"TESTING": True, "SECRET_KEY": "probe"}, store=store)
    client = app.test_client()
    for n, tag in enumerate(("attacker-made", "TRADE SHOW")):
        page = client.get(f"/f/{form.id}?utm_source={tag}").get_data(as_text=True)
        action = re.search(r'<form method="post" action="([^"]+)"', page)[1].replace("&amp;", "&")
        response = client.post(action, data={"csrf_token": csrf(page), "first_name": "Wei", "email": f"w{n}@acme.cn"})
        assert response.status_code == 302
    graph = dump(store)
    names = {graph["nodes"][key]["name"] for key in graph["nodes"] if key[0] == "Source"}
    assert names == {"Trade show"}  # no source named by a visitor (the world's s-expo is "Trade show")
    leads = [i for label, i in graph["nodes"] if label == "Lead"]
    assert len(leads) == 2
    for lead in leads:
        [src] = [r[2] for r in graph["rels"] if r[0] == lead and r[1] == "FROM_SOURCE"]
        assert graph["nodes"][("Source", src)]["name"] == "Trade show"  # the form's own (known one kept)
    tags = sorted(captures_of(store, "Lead", lead)[0]["utm"]["utm_source"] for lead in leads)
    assert tags == ["TRADE SHOW", "attacker-made"]  # the raw tag stays on the capture


def test_rows_swallowed_by_an_unbalanced_quote_are_rejected(store, tmp_path):
    path = tmp_path / "quotes.csv"
    path.write_text(SWALLOWED, "utf-8")
    [chunk] = list(read_file(path))
    errors = [e for e in chunk.frame[ERROR] if e]
    assert len(errors) == 1 and "unbalanced quote" in errors[0]
    report = import_files(store, [path], ImportOptions(kind=None, region="US"))
    assert report.rejected == 1 and "unbalanced quote" in str(report.rejects[0])
    assert store.counts().nodes["Lead"] + store.counts().nodes["Contact"] == 2  # Ann and Eve, not the garbage
