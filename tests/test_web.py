"""The web app factory, home page and languages."""

from __future__ import annotations

import pandas as pd
import pytest

from graphcrm.store.base import SCHEMA_VERSION
from graphcrm.web import create_app


@pytest.fixture
def client(store):
    app = create_app({"TESTING": True, "SECRET_KEY": "test"}, store=store)
    return app.test_client()


def test_home_shows_counts_and_empty_state(client, store):
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "No leads yet" in page
    store.bulk_create_nodes("Lead", pd.DataFrame({"id": ["l1", "l2", "l3"], "name": ["A", "B", "C"]}))
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "No leads yet" not in page
    assert '<div class="stat" data-label="Lead">\n    <span class="stat-value">3</span>' in page


def test_language_follows_browser_then_switch(client):
    page = client.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).get_data(as_text=True)
    assert "线索关系图谱" in page and '<html lang="zh-CN">' in page
    page = client.get("/?lang=en", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "Lead relationship graph" in page
    # the switch sticks for the session
    page = client.get("/", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "Lead relationship graph" in page


def test_health_reports_backend(client, store):
    body = client.get("/healthz").get_json()
    assert body == {"status": "ok", "backend": store.dialect, "schema_version": SCHEMA_VERSION}


def test_pages_load_nothing_from_the_internet(client):
    page = client.get("/").get_data(as_text=True)
    assert "http://" not in page and "https://" not in page
