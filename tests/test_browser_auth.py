"""Sign-in in real headless Chromium, under the app's Content-Security-Policy."""

from __future__ import annotations

from graphcrm.auth.users import add_user
from graphcrm.web import create_app
from tests.browser import live_server
from tests.explore import known_graph
from tests.explore.test_browser_explore import shot, wait_stable

PASSWORD = "correct horse battery"


def test_sign_in_then_explore_with_no_policy_violations(store, browser_page):
    known_graph.build(store)
    add_user(store, "rita", "rep", PASSWORD)
    app = create_app({"TESTING": True, "SECRET_KEY": "test"}, store=store)
    page = browser_page
    with live_server(app) as base:
        page.goto(f"{base}/leads/lead-ann?lang=en")
        assert page.url.startswith(f"{base}/login")
        page.fill("input[name=name]", "rita")
        page.fill("input[name=password]", "not the password")
        page.click("button[type=submit]")
        assert page.locator(".flash-error").inner_text() == "Wrong user name or password."
        page.fill("input[name=name]", "rita")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/leads/lead-ann?lang=en")
        wait_stable(page)
        assert page.evaluate("window.graphcrmNetwork.body.data.nodes.length") >= 8
        assert page.locator(".whoami").inner_text().startswith("rita")
        shot(page, "signed-in-lead")
        page.click(".whoami button")
        page.wait_for_url(f"{base}/login")
    # a CSP violation or any script error would be a console error
    assert page.console_errors == []
