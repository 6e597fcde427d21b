"""Explore pages and the JSON API through Flask's test client, on every backend."""

from __future__ import annotations

import re

import pytest

from graphcrm.web import create_app
from tests.explore import known_graph
from tests.graphdump import dump


@pytest.fixture
def client(store):
    known_graph.build(store)
    app = create_app({"TESTING": True, "SECRET_KEY": "test"}, store=store)
    return app.test_client()


def graph_data(page: str) -> str:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert match, "the page carries its graph as JSON"
    return match.group(1)


def test_search_page_lists_hits_with_links(client):
    page = client.get("/search?q=acme", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'href="/companies/company-acme"' in page and 'href="/leads/lead-bob"' in page
    assert "5 results" in page
    empty = client.get("/search?q=zzzz-none", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Nothing matches" in empty


@pytest.mark.parametrize("url", ["/leads/lead-ann", "/contacts/contact-eve", "/companies/company-acme",
                                 "/campaigns/campaign-webinar", "/sources/source-web", "/reps/rep-rita",
                                 "/emails/ann@acme.com", "/phones/+14155550100", "/domains/acme.com",
                                 "/leads/lead-ann?depth=2", "/companies/company-acme?depth=3"])
def test_every_entity_page_renders_with_its_graph(client, url):
    response = client.get(url)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<div id="graph"' in page and "/vendor/vis-network.min.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
    assert '"nodes": [' in graph_data(page) or '"nodes":[' in graph_data(page)


def test_lead_page_shows_facts_related_leads_and_reasons(client, store):
    page = client.get("/leads/lead-ann", headers={"Accept-Language": "en"}).get_data(as_text=True)
    # the graph's "80 hot" was written without the rules: the page scores Ann by them and shows that one score
    scored = store.read("manage/score_lead", id="lead-ann")[0]
    assert scored["scored_at"] is not None and (scored["score"], scored["rating"]) != (80.0, "hot")
    assert "CTO" in page and "status-working" in page and f'class="badge rating-{scored["rating"]}"' in page
    assert "rating-hot" not in page
    related = page[page.index('id="related-leads"'):]
    order = [m for m in re.findall(r'<li data-id="(lead-[a-z]+)"', related)]
    assert order == ["lead-anne", "lead-bob", "lead-eve", "lead-cat", "lead-dan"]
    assert "same email" in related and "same company: Acme Inc" in related


def test_lead_page_names_the_crowded_campaigns_it_left_out(client, monkeypatch):
    import graphcrm.queries.related as related

    assert 'id="crowded-campaigns"' not in client.get("/leads/lead-ann").get_data(as_text=True)
    monkeypatch.setattr(related, "CROWDED_CAMPAIGN_TOUCHES", 3)
    import graphcrm.web.explore as explore

    monkeypatch.setattr(explore, "CROWDED_CAMPAIGN_TOUCHES", 3)
    page = client.get("/leads/lead-ann").get_data(as_text=True)
    note = page[page.index('id="crowded-campaigns"'):]
    note = note[:note.index("</p>")]
    assert "over 3 touches" in note and "Spring Webinar</a> (4)" in note
    zh = client.get("/leads/lead-ann?lang=zh").get_data(as_text=True)
    assert "未计入：触达超过 3 次的活动" in zh


def test_pages_are_translated(client):
    page = client.get("/leads/lead-ann", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "相关线索" in page and "跟进中" in page


def test_unknown_nodes_and_bad_parameters(client):
    assert client.get("/leads/lead-nobody").status_code == 404
    assert client.get("/leads/lead-ann?depth=9").status_code == 400
    assert client.get("/widgets/x").status_code == 404
    assert client.get("/api/nodes/Meta/schema_version").status_code == 400
    assert client.get("/api/nodes/Lead/lead-ann/neighbourhood?depth=7").get_json() == {
        "error": "depth must be between 1 and 3"}
    assert client.get("/api/nodes/Lead/lead-ann/neighbourhood?types=DROP").status_code == 400
    assert client.get("/api/nodes/Lead/nobody/neighbourhood").status_code == 404
    assert client.get("/api/path?from=Lead:lead-ann").status_code == 400


def test_api_search_node_neighbourhood_related_path(client):
    hits = client.get("/api/search?q=415-555-0100").get_json()["results"]
    assert {h["id"] for h in hits} == {"lead-ann", "lead-bob"} and hits[0]["url"].startswith("/leads/")
    node = client.get("/api/nodes/Lead/lead-ann").get_json()
    assert node["node"]["properties"]["created_at"] == "2026-03-01T09:00:00"
    assert {"direction": "in", "type": "REFERRED_BY", "label": "Lead", "total": 1} in node["degrees"]
    graph = client.get("/api/nodes/Company/company-acme/neighbourhood?depth=1").get_json()
    assert {n["key"] for n in graph["nodes"]} == {
        "Company:company-acme", "Lead:lead-ann", "Lead:lead-anne", "Lead:lead-bob", "Domain:acme.com"}
    vis = client.get("/api/nodes/Company/company-acme/neighbourhood?depth=1&format=vis").get_json()
    assert len(vis["nodes"]) == 5 and {e["label"] for e in vis["edges"]} == {"works at", "domain"}
    related = client.get("/api/leads/lead-ann/related?limit=2").get_json()["related"]
    assert [r["lead"]["id"] for r in related] == ["lead-anne", "lead-bob"]
    assert {"kind": "email", "via": {"label": "Email", "id": "ann@acme.com", "name": "ann@acme.com"},
            "weight": 0.95} in related[0]["reasons"]
    path = client.get("/api/path?from=Lead:lead-ann&to=Contact:contact-eve").get_json()
    assert path["paths"] == [{"nodes": ["Lead:lead-ann", "Lead:lead-eve", "Contact:contact-eve"],
                              "types": ["REFERRED_BY", "CONVERTED_TO"]}]
    more = client.get("/api/nodes/Rep/rep-rita/more?direction=out&type=OWNS&kind=Lead&skip=0&limit=2").get_json()
    assert len([n for n in more["nodes"] if n["label"] == "Lead"]) == 2 and more["more"][0]["remaining"] == 2
    insight = client.get("/api/nodes/Lead/lead-ann/insight").get_json()
    assert "Lead:lead-ann" in insight["community"]


def test_path_page_resolves_text_and_draws_the_path(client):
    page = client.get("/path?from=Lead:lead-ann&to_q=Eve Park", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Which one?" in page  # a lead and a contact are both called Eve Park
    page = client.get("/path?from=Lead:lead-ann&to=Contact:contact-eve", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "1 shortest path of 2 steps." in page and "referred by" in page
    assert '"Lead:lead-eve"' in graph_data(page)
    none = client.get("/path?from=Lead:lead-ann&to=Lead:lead-fay", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "No path of up to 6 steps" in none


def test_path_page_and_api_name_the_hubs_not_passed_through(client, monkeypatch):
    import graphcrm.queries.paths as paths

    monkeypatch.setattr(paths, "HUB_DEGREE", 2)  # Acme's 3 leads make it a hub
    url = "/path?from=Lead:lead-ann&to=Lead:lead-bob&types=WORKS_AT"
    page = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "No path of up to 6 steps" in page
    note = page[page.index('id="skipped-hubs"'):]
    assert "more than 2 relationships" in note and ">Acme Inc</a> (3)" in note[:note.index("</p>")]
    found = client.get("/api/path?from=Lead:lead-ann&to=Lead:lead-bob&types=WORKS_AT,HAS_PHONE").get_json()
    assert [p["nodes"][1] for p in found["paths"]] == ["Phone:+14155550100"]
    assert found["skipped"] == [{"node": "Company:company-acme", "degree": 3}]


def test_hostile_data_is_escaped_in_pages_and_graph_json(client):
    page = client.get("/leads/lead-xss").get_data(as_text=True)
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page  # shown as text in the facts
    data = graph_data(page)
    assert "<" not in data and ">" not in data  # tojson escapes every angle bracket in the JSON
    assert "\\u003cscript\\u003e" in data


def test_hostile_parameters_change_nothing(client, store):
    before = dump(store)
    for text in ["'}) DETACH DELETE (n) //", '") MATCH (n) DETACH DELETE n //', "x" * 1_000_000, "\x00\ud7ff"]:
        assert client.get("/api/search", query_string={"q": text}).status_code == 200
        assert client.get("/search", query_string={"q": text}).status_code == 200
        assert client.get("/api/nodes/Lead/neighbourhood", query_string={"types": text}).status_code in (400, 404)
        assert client.get("/api/path", query_string={"from": "Lead:" + text, "to": "Lead:lead-ann"}).status_code in (400, 404)
        assert client.get(f"/leads/{text[:500]}").status_code == 404
    assert dump(store) == before
