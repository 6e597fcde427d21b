"""The attribution pages: server-rendered tables and charts, exports, and the page in a real browser."""

from __future__ import annotations

import io
import re
import threading
import time

import pandas as pd
import pytest
from openpyxl import load_workbook

from graphcrm.demo.load import load_demo
from graphcrm.web import create_app
from tests.attribution.toy import load_toy_graph, t
from tests.browser import live_server


@pytest.fixture
def app(store):
    load_toy_graph(store)
    return create_app({"TESTING": True, "SECRET_KEY": "t"}, store=store)


def test_model_page_table_chart_and_escaping(app):
    client = app.test_client()
    page = client.get("/attribution/?model=first&by=campaign&lang=en").get_data(as_text=True)
    assert "<svg" in page and 'data-model="first"' in page
    assert "Spring &lt;script&gt;web" in page and "<script>web" not in page
    assert 'data-key="K1"' in page and "900.0%" in page  # ROI of K1: (1000 - 100) / 100
    assert "cdn" not in page.lower() and "https://" not in page  # everything is served by the app
    last = client.get("/attribution/?model=last&by=campaign&lang=en").get_data(as_text=True)
    assert 'data-model="last"' in last and last != page
    # unknown options fall back to the defaults instead of failing
    assert client.get("/attribution/?model=nope&by=nope&since=garbage").status_code == 200


def test_compare_and_funnel_pages(app):
    client = app.test_client()
    page = client.get("/attribution/compare?by=source&lang=en").get_data(as_text=True)
    for model in ("First touch", "Markov chain", "Shapley value"):
        assert model in page
    assert "attr-legend" in page
    funnel = client.get("/attribution/funnel?by=rep&lang=en").get_data(as_text=True)
    assert "Ann" in funnel and "(unassigned)" in funnel and "<svg" in funnel
    assert client.get("/attribution/funnel?by=period").status_code == 200
    flow = client.get("/attribution/flow?lang=en").get_data(as_text=True)
    assert "flow-data" in flow and "Spring \\u003cscript\\u003eweb" in flow  # JSON in the page is escaped
    assert client.get("/attribution/flow?width=credit&model=shapley").status_code == 200
    paths = client.get("/attribution/paths?by=campaign&order=conversions&lang=en").get_data(as_text=True)
    assert "K1 &gt; K2" in paths and "(none)" in paths
    csv = client.get("/attribution/export.csv?view=paths&by=source").get_data().decode("utf-8-sig")
    assert csv.startswith("path,steps,leads,conversions") and "Web > Email" in csv


def test_exports_are_formula_safe(app):
    client = app.test_client()
    csv = client.get("/attribution/export.csv?view=model&model=linear&by=campaign")
    assert csv.headers["Content-Disposition"] == "attachment; filename=linear-by-campaign.csv"
    text = csv.get_data().decode("utf-8-sig")
    assert text.startswith("key,name,leads,cost") and "'=HYPERLINK" in text
    xlsx = client.get("/attribution/export.xlsx?view=compare&by=campaign")
    sheet = load_workbook(io.BytesIO(xlsx.get_data())).active
    assert [c.value for c in sheet[1]][:3] == ["key", "name", "first"]
    assert "'=HYPERLINK(\"x\")" in [c.value for c in sheet["B"]]
    funnel = client.get("/attribution/export.csv?view=funnel&by=source").get_data().decode("utf-8-sig")
    assert funnel.startswith("key,name,lead,working")
    assert client.get("/attribution/export.pdf").status_code == 404


def test_lead_journey_page(app):
    client = app.test_client()
    page = client.get("/attribution/lead/L1?lang=en").get_data(as_text=True)
    assert 'data-testid="timeline"' in page and page.count("<circle") == 3
    assert page.count('<tr class="muted">') == 1  # the touch after the conversion
    assert "Spring &lt;script&gt;web" in page and "<script>web" not in page
    assert client.get("/attribution/lead/nobody").status_code == 404
    assert client.get("/attribution/lead?id=L2").headers["Location"].endswith("/attribution/lead/L2")


def test_chinese_page(app):
    page = app.test_client().get("/attribution/?lang=zh").get_data(as_text=True)
    assert "归因" in page and "马尔可夫" in page


def _until(page, script: str, seconds: float = 15) -> None:
    """Poll ``script`` with ``evaluate`` (``wait_for_function`` evaluates strings in the page, which the CSP forbids)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(script):
        assert time.monotonic() < deadline, f"timed out waiting for {script}"
        page.wait_for_timeout(100)


def test_switch_model_and_sort_in_a_real_browser(store, browser_page, tmp_path):
    load_demo(store, leads=400, seed=2)
    app = create_app({"TESTING": True, "SECRET_KEY": "t"}, store=store)
    page = browser_page
    with live_server(app) as base:
        page.goto(f"{base}/attribution/?model=first&by=source&lang=en")
        first = page.inner_text("[data-testid=credits] tbody")
        page.click("[data-testid=models] a[data-model=markov]")
        page.wait_for_selector("table[data-model=markov]")
        markov = page.inner_text("[data-testid=credits] tbody")
        assert markov != first
        assert page.locator("[data-testid=models] a[aria-current]").inner_text() == "Markov chain"
        # sort by leads, ascending then descending
        header = page.locator("[data-testid=credits] th", has_text="Leads")
        header.click()
        values = [float(v) for v in page.locator("[data-testid=credits] tbody td:nth-child(2)").evaluate_all(
            "cells => cells.map(c => c.dataset.value)")]
        assert values == sorted(values, reverse=True)
        header.click()
        values = [float(v) for v in page.locator("[data-testid=credits] tbody td:nth-child(2)").evaluate_all(
            "cells => cells.map(c => c.dataset.value)")]
        assert values == sorted(values)
        page.screenshot(path=str(tmp_path / "attribution.png"), full_page=True)
        page.click("text=Compare models")
        page.wait_for_selector("[data-testid=compare]")
        assert page.locator("[data-testid=chart] rect").count() > 8
        page.click("text=Flow")
        _until(page, "() => !!window.flowNetwork && window.flowNetwork.body.data.nodes.length > 10")
        assert page.locator("#flow canvas").count() == 1
        page.click("[data-width=credit]")
        _until(page, "() => !!window.flowNetwork && window.flowNetwork.body.data.edges.length > 5")
        page.click("text=Paths")
        page.wait_for_selector("[data-testid=paths] tbody tr")
        page.click("text=Funnel")
        page.wait_for_selector("[data-testid=funnel]")
        assert "400" in page.inner_text("[data-testid=stages]")
    assert page.console_errors == []


def test_stale_journeys_are_served_while_fresh_ones_are_fetched(store):
    load_toy_graph(store)
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "ATTRIBUTION_CACHE_SECONDS": 0}, store=store)
    client = app.test_client()

    def conversions() -> str:
        page = client.get("/attribution/?lang=en").get_data(as_text=True)
        return re.search(r'data-testid="total-conversions">([^<]+)<', page)[1]

    assert conversions() == "2"
    store.bulk_create_nodes("Lead", pd.DataFrame({"id": ["L9"], "status": ["converted"], "created_at": [t(4)]}))
    store.bulk_create_nodes("Opportunity", pd.DataFrame({"id": ["o9"], "amount": [1.0], "won": [True]}))
    store.bulk_create_rels("CONVERTED_TO", "Lead", "Opportunity",
                             pd.DataFrame({"from": ["L9"], "to": ["o9"], "at": [t(6)]}))
    assert conversions() == "2"  # the cached journeys, while a thread fetches the new ones
    for thread in [th for th in threading.enumerate() if th.name == "attribution-refresh"]:
        thread.join(timeout=30)
    assert conversions() == "3"
    assert client.get("/attribution/?refresh=1").status_code == 200


def test_pages_have_no_inline_script_or_style_for_the_csp(app):
    client = app.test_client()
    for url in ("/attribution/", "/attribution/compare", "/attribution/flow", "/attribution/paths",
                "/attribution/funnel", "/attribution/lead/L1"):
        response = client.get(url)
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        page = response.get_data(as_text=True)
        assert "<style" not in page and " style=" not in page, url
        assert not re.search(r"<script(?![^>]*\b(src|type=\"application/json\"))[^>]*>", page), url


def test_analysts_and_admins_only(app, store):
    from graphcrm.auth.users import add_user, new_token

    add_user(store, "rita", "rep", "a long enough password")
    add_user(store, "ana", "analyst", "a long enough password")
    client = app.test_client()
    rep = {"Authorization": f"Bearer {new_token(store, 'rita')}"}
    analyst = {"Authorization": f"Bearer {new_token(store, 'ana')}"}
    assert client.get("/attribution/", headers=rep).status_code == 403
    assert client.get("/attribution/export.csv", headers=rep).status_code == 403
    page = client.get("/attribution/?lang=en", headers=analyst)
    assert page.status_code == 200 and 'href="/attribution/"' in page.get_data(as_text=True)
    assert "/attribution/" not in client.get("/?lang=en", headers=rep).get_data(as_text=True)


def test_warming_fills_the_cache_the_first_page_uses(app):
    from graphcrm.web.attribution import CACHE_KEY, warm

    warm(app).join(timeout=60)
    entry = app.extensions[CACHE_KEY][(None, None)]
    assert "source" in entry.built and len(entry.frames["touches"]) > 0
    page = app.test_client().get("/attribution/?model=linear&by=source&lang=en")
    assert page.status_code == 200
    assert app.extensions[CACHE_KEY][(None, None)] is entry  # served from the warmed journeys, not fetched again
