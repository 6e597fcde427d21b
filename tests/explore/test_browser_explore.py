"""The explore UI in real headless Chromium: search, open, expand, path, hostile data, no outside requests."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphcrm.web import create_app
from tests.browser import live_server
from tests.explore import known_graph

ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts"


@pytest.fixture
def app(store):
    known_graph.build(store)
    return create_app({"TESTING": True, "SECRET_KEY": "test"}, store=store)


def shot(page, name: str) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)


def node_ids(page) -> list[str]:
    return page.evaluate("window.graphcrmNetwork.body.data.nodes.getIds()")


def wait_stable(page) -> None:
    page.wait_for_selector("#graph[data-stable=true]", timeout=20_000)


def test_search_open_expand_and_path(app, browser_page):
    page = browser_page
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    with live_server(app) as base:
        page.goto(f"{base}/?lang=en")
        page.keyboard.press("/")
        page.keyboard.type("Bob Stone")
        page.keyboard.press("Enter")
        page.wait_for_selector("table.results")
        page.click("table.results a:has-text('Bob Stone')")
        wait_stable(page)
        # Bob's related view: his direct neighbours plus the leads sharing them
        assert set(node_ids(page)) >= {"Lead:lead-bob", "Company:company-acme", "Phone:+14155550100",
                                        "Lead:lead-ann", "Lead:lead-anne"}
        before = len(node_ids(page))
        assert page.locator("#graph canvas").count() == 1
        shot(page, "explore-lead")

        # double-click the company's position: its neighbours arrive in place
        page.goto(f"{base}/leads/lead-dan?depth=1")
        wait_stable(page)
        assert set(node_ids(page)) == {"Lead:lead-dan", "Email:dan@gmail.com", "Campaign:campaign-webinar",
                                       "Source:source-web", "Rep:rep-rita"}
        page.evaluate("window.graphcrmExpand('Campaign:campaign-webinar')")
        page.wait_for_selector("#graph[data-loads='1']")
        wait_stable(page)
        after = set(node_ids(page))
        assert {"Lead:lead-ann", "Lead:lead-bob"} <= after and len(after) == 7
        point = page.evaluate("""() => { const n = window.graphcrmNetwork; n.fit({animation: false});
            return n.canvasToDOM(n.getPosition('Rep:rep-rita')); }""")
        page.locator("#graph").scroll_into_view_if_needed()
        box = page.locator("#graph canvas").bounding_box()
        page.mouse.dblclick(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_selector("#graph[data-loads='2']")
        assert "Lead:lead-eve" in node_ids(page)
        wait_stable(page)
        point = page.evaluate("""() => { const n = window.graphcrmNetwork; n.fit({animation: false});
            return n.canvasToDOM(n.getPosition('Rep:rep-rita')); }""")
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        assert page.locator("#node-panel h2").inner_text() == "Rita Ray"
        shot(page, "explore-expanded")
        assert before >= 5

        # the legend hides a type
        page.click(".legend-item[data-label=Lead]")
        hidden = page.evaluate("window.graphcrmNetwork.body.data.nodes.get({filter: n => n.hidden}).map(n => n.id)")
        assert "Lead:lead-dan" in hidden and "Rep:rep-rita" not in hidden

        # path between Ann and Eve's contact
        page.goto(f"{base}/leads/lead-ann")
        page.fill("form.pathform input[name=to_q]", "contact-eve")
        page.fill("form.pathform input[name=to_q]", "eve@beta.de")
        page.click("form.pathform button")
        page.wait_for_selector("ul.choices, #path-summary")
        if page.locator("ul.choices").count():
            page.click("ul.choices a:has-text('Eve Park') >> nth=-1")
        page.wait_for_selector("#path-summary")
        wait_stable(page)
        ids = node_ids(page)
        assert "Lead:lead-ann" in ids and "Lead:lead-eve" in ids
        shot(page, "explore-path")
    assert page.console_errors == []
    hosts = {r.split("/")[2] for r in requests if r.startswith("http")}
    assert hosts == {base.split("/")[2]}, f"requests left the app: {hosts}"


def test_hostile_names_are_shown_as_text_and_run_nothing(app, browser_page):
    page = browser_page
    with live_server(app) as base:
        page.goto(f"{base}/leads/lead-xss?depth=1")
        wait_stable(page)
        assert page.evaluate("window.__pwned") is None
        assert known_graph.XSS_NAME in page.locator("h1.entity-name").inner_text()
        # the tooltip and the side panel show the text, and still nothing runs
        point = page.evaluate("""() => { const n = window.graphcrmNetwork; n.fit({animation: false});
            return n.canvasToDOM(n.getPosition('Company:company-xss')); }""")
        page.locator("#graph").scroll_into_view_if_needed()
        box = page.locator("#graph canvas").bounding_box()
        page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
        assert known_graph.XSS_COMPANY in page.locator("div.vis-tooltip").inner_text()
        assert page.locator("div.vis-tooltip a, div.vis-tooltip img, div.vis-tooltip script").count() == 0
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        assert page.locator("#node-panel h2").inner_text() == known_graph.XSS_COMPANY
        assert page.locator("#node-panel a[href^='javascript']").count() == 0
        page.goto(f"{base}/search?q=evil")
        assert page.locator("table.results img, table.results script").count() == 0
        shot(page, "explore-hostile")
        assert page.evaluate("window.__pwned") is None
    assert page.console_errors == []


def test_chinese_ui(app, browser_page):
    page = browser_page
    with live_server(app) as base:
        page.goto(f"{base}/leads/lead-fay?lang=zh")
        wait_stable(page)
        assert page.locator("h2:has-text('相关线索')").count() == 1
        assert page.locator(".legend-item:has-text('线索')").count() == 1
        shot(page, "explore-zh")
    assert page.console_errors == []
