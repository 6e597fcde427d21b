"""The import pages: upload, dry-run preview, commit, rejects download and undo."""

from __future__ import annotations

import io
import re

import pytest

from graphcrm.web import create_app
from tests.browser import live_server, upload_for_import

CSV = (
    "Lead ID,First Name,Last Name,Company / Account,Email,Phone,Lead Source,Lead Status,Lead Owner\n"
    "00Q1,Ann,Lee,Lee Ltd,ann@lee.io,+1 415 555 0101,Web,Open - Not Contacted,Mark Moses\n"
    "00Q2,Bob,Ng,Ng Inc,bob@ng.io,+1 415 555 0102,Web,Working - Contacted,Mark Moses\n"
    "00Q3,,,,<script>alert(1)</script>,,Web,Open - Not Contacted,Mark Moses\n"
)


@pytest.fixture
def app(store, tmp_path):
    return create_app({"TESTING": True, "SECRET_KEY": "t", "UPLOAD_DIR": str(tmp_path / "up")}, store=store)


def _csrf(client, path="/import/"):
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page)[1]


def test_upload_preview_commit_and_undo(app, store):
    client = app.test_client()
    token = _csrf(client)
    response = client.post("/import/", data={"csrf_token": token, "files": (io.BytesIO(CSV.encode()), "leads.csv"),
                                              "kind": "", "region": "US"}, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "nothing has been written yet" in page
    assert "3 rows: 2 to load, 1 rejected, 0 unchanged." in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page  # the reason quotes the value, escaped
    assert store.counts().nodes["Lead"] == 0
    upload = re.search(r'action="/import/([0-9a-f]{32})/commit"', page)[1]
    response = client.post(f"/import/{upload}/commit", data={"csrf_token": token})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and store.counts().nodes["Lead"] == 2
    batch = re.search(r"Import (imp-[\w-]+) done", page)[1]
    with client.get(f"/import/{upload}/rejects.csv") as rejects:
        assert rejects.status_code == 200 and "00Q3" in rejects.get_data(as_text=True)
        assert rejects.headers["Content-Disposition"].startswith("attachment")
    listing = client.get("/import/batches").get_data(as_text=True)
    assert batch in listing
    client.post(f"/import/batches/{batch}/undo", data={"csrf_token": token})
    assert store.counts().nodes["Lead"] == 0


def test_state_changing_requests_need_the_csrf_token(app, store):
    client = app.test_client()
    response = client.post("/import/", data={"files": (io.BytesIO(CSV.encode()), "leads.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert store.counts().nodes["Lead"] == 0


def test_wrong_file_types_and_unknown_uploads_are_refused(app, store):
    client = app.test_client()
    token = _csrf(client)
    response = client.post("/import/", data={"csrf_token": token, "files": (io.BytesIO(b"MZ\x90\x00"), "tool.exe")},
                           content_type="multipart/form-data", follow_redirects=True)
    assert "not a file type graphcrm imports" in response.get_data(as_text=True)
    assert client.post("/import/../../etc/commit", data={"csrf_token": token}).status_code == 404
    assert client.post("/import/" + "0" * 32 + "/commit", data={"csrf_token": token}).status_code == 404


def test_upload_in_a_real_browser(app, store, browser_page, tmp_path):
    path = tmp_path / "leads.csv"
    path.write_text(CSV, encoding="utf-8")
    page = browser_page
    with live_server(app) as base:
        upload_for_import(page, base, path, lang="en", until="[data-testid=sum]")
        assert "2 to load, 1 rejected" in page.inner_text("[data-testid=sum]")
        assert page.locator("[data-testid=rejects] tbody tr").count() == 1
        page.screenshot(path=str(tmp_path / "preview.png"), full_page=True)
        page.click("text=Import now")
        page.wait_for_selector("text=Undo this import")
        assert store.counts().nodes["Lead"] == 2
        page.goto(f"{base}/import/?lang=zh")
        assert page.inner_text("h1") == "导入线索、联系人和市场活动"
    assert page.console_errors == []
