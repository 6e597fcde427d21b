"""The rep's pages in real headless Chromium: act as a rep, my day, log a call in place, filter my
leads, convert and undo from the lead page, release and claim with the cool-down, simulate rules."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from graphcrm.manage import followups, status
from graphcrm.clock import FixedClock
from graphcrm.web import create_app
from graphcrm.web import leads as leads_view
from tests.browser import live_server
from tests.manage import world
from tests.manage.world import T0

ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts"


@pytest.fixture
def app(store, monkeypatch):
    world.build(store)
    # Ann's call yesterday planned a follow-up two hours ago: overdue now
    followups.log_followup(store, "lead-ann", "rep-rita", type="call", outcome="Left voicemail",
                           next_at=T0 - timedelta(hours=2), clock=FixedClock(T0 - timedelta(days=1)))
    monkeypatch.setattr(leads_view, "clock", FixedClock(T0))
    return create_app({"TESTING": True, "SECRET_KEY": "test"}, store=store)


def shot(page, name: str) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)


def act_as(page, rep_name: str) -> None:
    page.select_option(".act-as select[name=rep_id]", label=next(
        o for o in page.locator(".act-as option").all_inner_texts() if o.startswith(rep_name)))
    page.wait_for_load_state("load")


def test_a_reps_day_in_the_browser(app, store, browser_page):
    page = browser_page
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith("http://127.0.0.1") else None)
    with live_server(app) as base:
        page.goto(f"{base}/my-day?lang=en")
        assert "Choose the rep you act as above" in page.inner_text("main")
        act_as(page, "Rita Ray")  # the select submits itself
        page.wait_for_selector("h1:has-text('My day · Rita Ray')")
        assert page.locator("#overdue tr[data-id=lead-ann]").count() == 1
        shot(page, "leads-my-day")

        # log a call in place from the overdue list
        row = page.locator("#overdue tr[data-id=lead-ann]")
        row.locator("summary").click()
        row.locator("input[name=outcome]").fill("Connected")
        row.locator("input[name=next_at]").fill("2026-11-04T10:00")
        row.locator("button[type=submit]").click()
        page.wait_for_selector(".flash:has-text('Follow-up logged.')")
        assert page.locator("#overdue tr[data-id=lead-ann]").count() == 0
        assert status.lead_row(store, "lead-ann")["next_followup_at"].isoformat() == "2026-11-04T10:00:00"

        # my leads: filter by rating without a submit button
        page.click("nav.nav a:has-text('Leads')")
        page.wait_for_selector("#my-leads")
        assert page.locator("#my-leads tbody tr").count() == 2
        page.select_option("select[name=rating]", "hot")
        page.wait_for_selector("#lead-count:has-text('1 open lead')")
        assert page.locator("#my-leads tbody tr").all_inner_texts()[0].startswith("Ann Lee")
        page.select_option("select[name=rating]", "warm")
        page.wait_for_selector("#my-leads tbody tr:has-text('Bob Stone')")
        assert page.locator("#my-leads tbody tr").count() == 1
        shot(page, "leads-my-leads")

        # Bob's page: his score explains itself; convert to Acme with an opportunity, then undo
        page.click("#my-leads a:has-text('Bob Stone')")
        page.wait_for_selector("#lead-actions")
        reasons = page.locator("#score-reasons li").all_inner_texts()
        assert "+20 Title contains Director" in reasons
        page.click("#action-convert summary")
        assert page.locator("#action-convert input[name=company][value=company-acme]").is_checked()
        page.fill("#action-convert input[name=amount]", "25000")
        page.click("#action-convert button[type=submit]")
        page.wait_for_selector(".flash:has-text('Lead converted.')")
        assert page.locator(".badge.status-converted").count() >= 1
        shot(page, "leads-converted")
        page.click("#action-undo-conversion button")
        page.wait_for_selector(".flash:has-text('Conversion undone.')")
        assert status.lead_row(store, "lead-bob")["status"] == "qualified"

        # release Ann; Rita cannot claim her back during the cool-down; Walt can
        page.goto(f"{base}/leads/lead-ann")
        page.click("#action-reassign summary")
        page.click("#action-reassign button:has-text('Release to the pool')")
        page.wait_for_selector(".flash:has-text('Lead returned to the pool.')")
        page.click("nav.nav a:has-text('Pool')")
        page.click("#pool-table tr[data-id=lead-ann] button:has-text('Claim')")
        page.wait_for_selector(".flash-error:has-text('you can claim it again after 2026-11-09 09:00')")
        act_as(page, "Walt Wu")
        page.click("#pool-table tr[data-id=lead-ann] button:has-text('Claim')")
        page.wait_for_selector(".flash:has-text('You claimed this lead.')")
        assert page.inner_text("#lead-owner").startswith("Walt Wu")
        assert "Rita Ray" in page.inner_text("#owner-history")

        # rules admin: simulate without saving
        page.goto(f"{base}/admin/lead-rules")
        page.fill("#rules-assignment input[name=lead_id]", "lead-eve")
        page.click("#rules-assignment button[value=simulate]")
        page.wait_for_selector("#simulation")
        assert "China enterprise" in page.inner_text("#simulation-result")
        assert page.locator("#rule-trace > li").count() == 1
        shot(page, "leads-rules-simulator")

        # Chinese UI
        page.goto(f"{base}/my-day?lang=zh")
        assert page.inner_text("h1").startswith("我的一天")
        assert "逾期跟进" in page.inner_text("main")
        shot(page, "leads-my-day-zh")
    assert page.console_errors == []  # type: ignore[attr-defined]
    assert outside == []
