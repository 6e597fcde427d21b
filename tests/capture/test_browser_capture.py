"""Manual entry in real headless Chromium: the live duplicate alert while typing, a field error on
change, saving anyway, and the capture history on the new lead's page; the Chinese form."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphcrm.auth.users import add_user
from graphcrm.capture.record import captures_of
from graphcrm.web import create_app
from tests.browser import live_server
from tests.manage import world

ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts"
PASSWORD = "correct horse battery"


@pytest.fixture
def app(store):
    world.build(store)
    add_user(store, "rita", "rep", PASSWORD, rep="rep-rita")
    return create_app({"TESTING": True, "SECRET_KEY": "test"}, store=store)


def sign_in(page, base: str) -> None:
    page.goto(f"{base}/login?lang=en")
    page.fill("input[name=name]", "rita")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("load")


def test_entering_a_lead_warns_about_a_duplicate_while_typing(app, store, browser_page):
    page = browser_page
    with live_server(app) as base:
        sign_in(page, base)
        page.goto(f"{base}/?lang=en")
        page.click("#quick-actions a:has-text('New lead')")
        page.wait_for_selector("#capture-form")
        assert page.locator("#f-owner").input_value() == "rep-rita"

        page.fill("#f-name", "Anne Lee")
        page.fill("#f-company_name", "Acme")
        page.wait_for_selector("#duplicate-alert:not([hidden]) li[data-id=lead-ann]")
        assert page.locator("#duplicate-list a").get_attribute("href") == "/leads/lead-ann"
        assert page.locator("#capture-form datalist#company-suggestions option").count() >= 1

        page.fill("#f-email", "anne@")
        page.press("#f-email", "Tab")  # a change event checks the field
        page.wait_for_selector("#e-email:has-text('Not an email address.')")
        page.fill("#f-email", "anne.lee@acme.com")
        page.press("#f-email", "Tab")
        page.wait_for_selector("#e-email:empty", state="attached")
        page.select_option("#f-campaign", "campaign-webinar")
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / "capture-new-lead.png"), full_page=True)

        page.click("#save")
        page.wait_for_selector("#save-anyway")  # the server's alert, with the choices
        assert page.locator("#duplicate-list li[data-id=lead-ann] button").count() == 1
        page.click("#save-anyway")
        page.wait_for_selector("#capture-history")
        assert "saved despite a duplicate alert" in page.inner_text("#capture-history")
        lead_id = page.url.rsplit("/", 1)[1]
        [record] = captures_of(store, "Lead", lead_id)
        assert record["outcome"] == "created_despite_duplicates" and record["fields"]["email"] == "anne.lee@acme.com"
        page.screenshot(path=str(ARTEFACTS / "capture-saved-lead.png"), full_page=True)
        unexpected = [e for e in page.console_errors if "409" not in e]  # the alert page answers 409 on purpose
        assert unexpected == []


def test_the_form_in_chinese(app, browser_page):
    page = browser_page
    with live_server(app) as base:
        sign_in(page, base)
        page.goto(f"{base}/new/lead?lang=zh")
        assert page.inner_text("h1") == "新建线索"
        assert page.locator("#f-phone-region").input_value() == "CN"
        page.fill("#f-phone", "12")
        page.press("#f-phone", "Tab")
        page.wait_for_selector("#e-phone:has-text('不是所选国家的电话号码。')")
        assert page.console_errors == []


def test_hostile_values_from_the_api_show_as_text_on_the_lead_page(app, store, browser_page):
    from graphcrm.capture.integrations import create_integration

    _, token = create_integration(store, "Web", source_name="Website", campaign_id="campaign-webinar")
    hostile = {"name": "<img src=x id=injected-name>", "title": "<script>document.title='owned'</script>",
               "utm": {"utm_source": "<b id=injected-utm>x</b>"}}
    response = app.test_client().post("/api/leads", json=hostile, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201
    page = browser_page
    with live_server(app) as base:
        sign_in(page, base)
        page.goto(f"{base}/leads/{response.json['id']}?lang=en")
        page.wait_for_selector("#capture-history")
        assert page.locator("#injected-name").count() == 0 and page.locator("#injected-utm").count() == 0
        assert "<b id=injected-utm>x</b>" in page.inner_text("#capture-history")
        assert "<img src=x id=injected-name>" in page.inner_text("h1").lower()  # names are title-cased
        assert page.title() != "owned" and page.console_errors == []
