"""Issue 20: a merge keeps the values of the record kept (best value where they differ), overrides
win; the review page re-picks the values when the kept record changes; a merged-away record is
no longer live."""

from __future__ import annotations

import re
from datetime import datetime

import pandas as pd
import pytest

from graphcrm.dedupe.merge import merge_records, preferred_sources, unmerge
from graphcrm.web import create_app
from tests.browser import live_server

RIGHT, WRONG = "lead-right", "lead-wrong"


def two_spellings(store) -> None:
    """The correctly spelled record (older, fewer fields) and a misspelled one (newer, fuller)."""
    base = {"source_system": "t", "last_name": "Zhang", "company_name": "Acme", "company_key": "acme",
            "email": "wei@acme.com", "status": "new"}
    rows = [
        {**base, "id": RIGHT, "external_id": "R", "first_name": "Wei", "name": "Wei Zhang", "name_key": "wei zhang",
         "city": "Shanghai", "created_at": datetime(2026, 1, 1), "updated_at": datetime(2026, 1, 1),
         "last_activity_at": datetime(2026, 3, 1)},
        {**base, "id": WRONG, "external_id": "W", "first_name": "Wie", "name": "Wie Zhang", "name_key": "wie zhang",
         "title": "CTO", "company_name": "Acme Trading", "city": "Shanghai", "street": "1 Nanjing Rd",
         "created_at": datetime(2026, 2, 1), "updated_at": datetime(2026, 2, 1),
         "last_activity_at": datetime(2026, 2, 1)},
    ]
    store.bulk_create_nodes("Lead", pd.DataFrame(rows))


def lead(store, lead_id: str) -> dict:
    return store.read("ingest/nodes_by_id", label="Lead", ids=[lead_id])[0]["node"]


def test_pre_picks_follow_the_kept_record_with_the_best_value_where_they_differ(store):
    two_spellings(store)
    nodes = {i: lead(store, i) for i in (RIGHT, WRONG)}
    right = preferred_sources(nodes, RIGHT, "Lead")
    assert right["name"] == RIGHT  # a different spelling is not "more complete"
    assert right["title"] == WRONG  # the kept record has none
    assert right["company"] == WRONG  # "Acme Trading" holds "Acme" and more
    assert right["address"] == WRONG  # the same city, and a street
    assert right["last_activity_at"] == RIGHT  # the latest
    wrong = preferred_sources(nodes, WRONG, "Lead")
    assert wrong["name"] == WRONG and wrong["company"] == WRONG and wrong["last_activity_at"] == RIGHT


def test_merge_keeps_the_kept_records_values_and_honours_overrides(store):
    two_spellings(store)
    report = merge_records(store, [WRONG, RIGHT], survivor=RIGHT)
    kept = lead(store, RIGHT)
    assert (kept["first_name"], kept["name"], kept["name_key"]) == ("Wei", "Wei Zhang", "wei zhang")
    assert kept["title"] == "CTO" and kept["company_name"] == "Acme Trading" and kept["street"] == "1 Nanjing Rd"
    unmerge(store, report.merge_id)
    merge_records(store, [WRONG, RIGHT], survivor=RIGHT, choices={"name": WRONG, "company": RIGHT})
    kept = lead(store, RIGHT)
    assert kept["name"] == "Wie Zhang" and kept["first_name"] == "Wie" and kept["company_name"] == "Acme"


def test_choices_pre_picked_for_another_record_follow_the_one_kept(store):
    """A form submitted without its script: the defaults shown were for the other record."""
    two_spellings(store)
    merge_records(store, [WRONG, RIGHT], survivor=RIGHT, choices_for=WRONG,
                  choices={"name": WRONG, "title": WRONG, "company": RIGHT})  # company: a real override
    kept = lead(store, RIGHT)
    assert kept["name"] == "Wei Zhang" and kept["title"] == "CTO" and kept["company_name"] == "Acme"


@pytest.fixture
def app(store):
    two_spellings(store)
    return create_app({"TESTING": True, "SECRET_KEY": "t"}, store=store)


def test_review_form_merge_keeps_the_chosen_values(app, store):
    client = app.test_client()
    review = client.get(f"/duplicates/review?entity=lead&ids={WRONG},{RIGHT}&lang=en").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', review)[1]
    assert re.search(rf'name="value-name" value="{WRONG}"\s+checked', review)  # the fuller record is kept by default
    form = {"csrf_token": token, "ids": f"{WRONG},{RIGHT}", "survivor": RIGHT, "choices_for": RIGHT,
            "value-name": RIGHT, "value-title": WRONG, "value-company": RIGHT}
    assert client.post("/duplicates/merge?entity=lead", data=form).status_code == 302
    kept = lead(store, RIGHT)
    assert kept["name"] == "Wei Zhang" and kept["title"] == "CTO" and kept["company_name"] == "Acme"


def test_switching_the_kept_record_switches_the_picked_values_in_a_real_browser(app, store, browser_page, tmp_path):
    page = browser_page
    with live_server(app) as base:
        page.goto(f"{base}/duplicates/review?entity=lead&ids={WRONG},{RIGHT}&lang=en")
        checked = "input[name=value-{}]:checked"
        assert page.locator(checked.format("name")).get_attribute("value") == WRONG
        page.check(f"input[name=survivor][value='{RIGHT}']")
        assert page.locator(checked.format("name")).get_attribute("value") == RIGHT
        assert page.locator(checked.format("title")).get_attribute("value") == WRONG  # only it has one
        assert page.locator(checked.format("company")).get_attribute("value") == WRONG  # more complete
        page.check(f"input[name=value-company][value='{RIGHT}']")  # the admin overrides one field
        page.check(f"input[name=survivor][value='{WRONG}']")
        assert page.locator(checked.format("name")).get_attribute("value") == WRONG
        page.check(f"input[name=survivor][value='{RIGHT}']")
        assert page.locator(checked.format("company")).get_attribute("value") == RIGHT  # the override stays
        page.screenshot(path=str(tmp_path / "review-picks.png"), full_page=True)
        page.click("button[data-action=merge]")
        page.wait_for_selector("[data-testid=undo-banner]")
    kept = lead(store, RIGHT)
    assert kept["name"] == "Wei Zhang" and kept["title"] == "CTO" and kept["company_name"] == "Acme"
    assert page.console_errors == []


def test_a_merged_away_record_is_no_longer_live(app, store):
    from graphcrm.manage.pool import pool_leads
    from graphcrm.queries.search import search

    store.write("manage/pool_enter", rows=[{"to": WRONG, "by": None}], now=datetime(2026, 3, 1))
    assert [r["id"] for r in pool_leads(store)] == [WRONG]
    report = merge_records(store, [WRONG, RIGHT], survivor=RIGHT, by="ann")
    client = app.test_client()
    page = client.get(f"/leads/{WRONG}?lang=en")
    assert page.status_code == 302 and page.headers["Location"].endswith(f"/leads/{RIGHT}")
    landed = client.get(page.headers["Location"]).get_data(as_text=True)
    assert "Wie Zhang was merged into Wei Zhang by ann" in landed
    assert [h.id for h in search(store, "zhang")] == [RIGHT]
    assert client.get(f"/api/nodes/Lead/{WRONG}").get_json()["merged_into"]["id"] == RIGHT
    assert pool_leads(store) == []
    unassigned = store.read("manage/unassigned_leads", open=["new", "working", "qualified"])
    assert WRONG not in {r["id"] for r in unassigned}
    queue = client.get("/duplicates/?lang=en").get_data(as_text=True)
    assert "Wei Zhang</a>" in queue and "Wie Zhang</a>" in queue and ">ann<" in queue and f">{RIGHT}<" not in queue
    unmerge(store, report.merge_id)
    assert client.get(f"/leads/{WRONG}").status_code == 200
    assert {h.id for h in search(store, "zhang")} == {RIGHT, WRONG}
