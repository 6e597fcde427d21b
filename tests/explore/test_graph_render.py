"""Subgraphs rendered as vis-network data: styles, escaping, summaries, server layout."""

from __future__ import annotations

import json

import pytest

from graphcrm.queries.subgraph import Edge, More, Node, Subgraph
from graphcrm.web import create_app
from graphcrm.web.graph import SERVER_LAYOUT_ABOVE, build


@pytest.fixture
def context(store):
    app = create_app({"TESTING": True, "SECRET_KEY": "test"}, store=store)
    with app.test_request_context("/?lang=en"):
        yield


def test_styles_tooltips_and_more_nodes(context):
    g = Subgraph(focus="Lead:l1")
    g.add_node(Node("Lead", "l1", {"id": "l1", "name": "<b>Ann</b>", "status": "working", "rating": "hot",
                                   "title": "CTO"}))
    g.add_node(Node("Company", "c1", {"id": "c1", "name": "Acme"}))
    g.add_edge(Edge("Lead:l1", "Company:c1", "WORKS_AT"))
    g.add_edge(Edge("Lead:l1", "Company:c1", "TOUCHED_BY", 3))
    g.more.append(More("Company:c1", "WORKS_AT", "Lead", "in", 12, 88))
    data = build(g)
    nodes = {n["id"]: n for n in data["nodes"]}
    lead = nodes["Lead:l1"]
    assert lead["shape"] == "dot" and lead["color"]["border"] == "#0f172a"  # the focus stands out
    assert lead["title"].startswith("Lead · <b>Ann</b>\nTitle: CTO")  # plain text, shown with innerText
    assert lead["label"] == "<b>Ann</b>\nworking" and lead["data"]["url"] == "/leads/l1"
    assert nodes["Company:c1"]["shape"] == "box"
    more = nodes["more:Company:c1:in:WORKS_AT:Lead"]
    assert more["label"] == "+88 leads" and more["data"] == {
        "more": True, "label": "Company", "id": "c1", "direction": "in", "type": "WORKS_AT", "kind": "Lead", "skip": 12}
    widths = {e["type"]: e["value"] for e in data["edges"] if e["from"] == "Lead:l1"}
    assert widths == {"WORKS_AT": 1, "TOUCHED_BY": 3}
    assert data["options"]["physics"]["enabled"] is True
    assert [x["label"] for x in data["legend"]] == ["Lead", "Company"]
    json.dumps(data)  # everything is JSON-ready


def test_big_graphs_get_server_positions_and_no_physics(context):
    g = Subgraph(focus="Campaign:c")
    g.add_node(Node("Campaign", "c", {"id": "c", "name": "Big"}))
    for i in range(SERVER_LAYOUT_ABOVE + 50):
        g.add_node(Node("Lead", f"l{i}", {"id": f"l{i}", "name": f"Lead {i}"}))
        g.add_edge(Edge(f"Lead:l{i}", "Campaign:c", "TOUCHED_BY"))
    data = build(g)
    assert data["options"]["physics"] == {"enabled": False}
    positions = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    assert positions["Campaign:c"] == (0.0, 0.0)  # the focus sits in the middle
    assert len(set(positions.values())) == len(positions)  # nobody on top of anybody
