"""The duplicates pages: queue, side-by-side review, merge with undo, not a duplicate; in Chromium too."""

from __future__ import annotations

import re
from datetime import datetime

import pandas as pd
import pytest

from graphcrm.dedupe.run import Thresholds, review_queue, run_dedupe
from graphcrm.demo.load import load_demo
from graphcrm.web import create_app
from tests.browser import live_server
from tests.graphdump import BOOKKEEPING_LABELS, dump

SKIP = (*BOOKKEEPING_LABELS, "Merge")


@pytest.fixture
def app(store):
    load_demo(store, leads=300, seed=7)
    run_dedupe(store, "lead", now=datetime(2030, 1, 1))
    return create_app({"TESTING": True, "SECRET_KEY": "t"}, store=store)


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page)[1]


def test_queue_review_merge_undo_and_not_a_duplicate(app, store):
    client = app.test_client()
    page = client.get("/duplicates/?lang=en").get_data(as_text=True)
    clusters = re.findall(r'data-ids="([^"]+)"', page)
    assert len(clusters) >= 2 and "Recent merges" in page
    review = client.get(f"/duplicates/review?entity=lead&ids={clusters[0]}").get_data(as_text=True)
    assert 'data-status="agree"' in review and 'id="graph-data"' in review and "Keep this record" in review
    token = _csrf(review)
    ids = clusters[0].split(",")
    before = dump(store, skip=SKIP)
    assert client.post("/duplicates/merge?entity=lead", data={"ids": clusters[0]}).status_code == 400  # no CSRF
    response = client.post("/duplicates/merge?entity=lead", data={"csrf_token": token, "ids": clusters[0],
                                                                  "survivor": ids[-1], "value-name": ids[0]})
    assert response.status_code == 302 and "merged=merge-" in response.headers["Location"]
    merge_id = re.search(r"merged=(merge-[\w-]+)", response.headers["Location"])[1]
    banner = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'data-testid="undo-banner"' in banner and merge_id in banner
    assert clusters[0] not in re.findall(r'data-ids="([^"]+)"', banner)
    client.post(f"/duplicates/unmerge/{merge_id}?entity=lead", data={"csrf_token": token})
    assert dump(store, skip=SKIP) == before
    client.post("/duplicates/not-duplicate?entity=lead", data={"csrf_token": token, "ids": clusters[1]})
    pairs, _ = review_queue(store, "lead", Thresholds())
    assert not any({p.a, p.b} <= set(clusters[1].split(",")) for p in pairs)


def test_record_values_are_escaped(store):
    evil = "<img src=x onerror=alert(1)>"
    rows = [{"id": f"lead-x{i}", "external_id": f"X{i}", "source_system": "t", "first_name": evil, "last_name": "Lee",
             "name": f"{evil} Lee", "name_key": "img lee", "company_key": "acme", "company_name": "Acme",
             "email": "a@acme.com", "created_at": datetime(2026, 1, 1), "updated_at": datetime(2026, 1, 1)}
            for i in range(2)]
    store.bulk_create_nodes("Lead", pd.DataFrame(rows))
    run_dedupe(store, "lead", now=datetime(2030, 1, 1))
    client = create_app({"TESTING": True, "SECRET_KEY": "t"}, store=store).test_client()
    for url in ("/duplicates/", "/duplicates/review?ids=lead-x0,lead-x1"):
        page = client.get(url).get_data(as_text=True)
        assert evil not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_pages_are_translated(app):
    page = app.test_client().get("/duplicates/?lang=zh").get_data(as_text=True)
    assert "可能的重复记录" in page


def test_review_flow_in_a_real_browser(app, store, browser_page, tmp_path):
    page = browser_page
    with live_server(app) as base:
        page.goto(f"{base}/duplicates/?lang=en")
        first = page.locator("[data-testid=clusters] tbody tr").first
        ids = first.get_attribute("data-ids")
        first.locator("text=Review").click()
        page.wait_for_selector("[data-testid=compare]")
        agree = page.locator("td.cmp-agree").first
        assert agree.count() == 1
        assert agree.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(231, 246, 236)"
        page.wait_for_function("document.querySelector('#graph canvas') !== null")
        page.screenshot(path=str(tmp_path / "review.png"), full_page=True)
        survivor = ids.split(",")[-1]
        page.check(f"input[name=survivor][value='{survivor}']")
        page.click("button[data-action=merge]")
        page.wait_for_selector("[data-testid=undo-banner]")
        tombstones = store.read("dedupe/tombstones", label="Lead", ids=ids.split(","))
        assert tombstones and {t["survivor"] for t in tombstones} == {survivor}
        page.click("[data-testid=undo-banner] button")
        page.wait_for_selector("text=Merge undone")
        assert store.read("dedupe/tombstones", label="Lead", ids=ids.split(",")) == []
        second = page.locator("[data-testid=clusters] tbody tr").first
        ids = second.get_attribute("data-ids")
        second.locator("text=Review").click()
        page.click("button[data-action=not-duplicate]")
        page.wait_for_selector("text=will not be suggested again")
        assert ids not in [r.get_attribute("data-ids") for r in page.locator("[data-testid=clusters] tbody tr").all()]
    assert page.console_errors == []
