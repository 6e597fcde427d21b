"""Explore queries on a small graph known by hand, on every backend."""

from __future__ import annotations

import pytest

from graphcrm.queries.focus import lead_focus
from graphcrm.queries.insight import insight
from graphcrm.queries.neighbourhood import expand, more, neighbourhood
from graphcrm.queries.nodes import NotFound, degrees, get_node
from graphcrm.queries.paths import path_subgraph, shortest_paths
from graphcrm.queries.related import related_leads
from graphcrm.queries.search import prepare, search
from tests.explore import known_graph
from tests.graphdump import dump


@pytest.fixture
def graph(store):
    known_graph.build(store)
    return store


def keys(subgraph):
    return set(subgraph.nodes)


def test_depth_one_is_exactly_the_direct_neighbours(graph):
    g = neighbourhood(graph, "Lead", "lead-ann", depth=1)
    assert keys(g) == {
        "Lead:lead-ann", "Company:company-acme", "Email:ann@acme.com", "Phone:+14155550100",
        "Domain:acme.com", "Campaign:campaign-webinar", "Lead:lead-eve", "Rep:rep-rita",
    }
    edges = {(e.source, e.type, e.target): e.count for e in g.edges.values()}
    assert edges[("Lead:lead-ann", "TOUCHED_BY", "Campaign:campaign-webinar")] == 2  # two touches, one edge
    assert ("Lead:lead-eve", "REFERRED_BY", "Lead:lead-ann") in edges  # direction kept
    assert ("Rep:rep-rita", "OWNS", "Lead:lead-ann") in edges
    assert len(edges) == 7 and g.more == []
    assert g.nodes["Lead:lead-ann"].props["status"] == "working"


def test_depth_two_adds_the_second_ring(graph):
    g = neighbourhood(graph, "Lead", "lead-ann", depth=2)
    assert keys(g) - keys(neighbourhood(graph, "Lead", "lead-ann", depth=1)) == {
        "Lead:lead-anne", "Lead:lead-bob", "Lead:lead-cat", "Lead:lead-dan", "Source:source-web",
        "Email:eve@beta.de", "Contact:contact-eve",
    }
    assert "Lead:lead-fay" not in g.nodes and "Lead:lead-xss" not in g.nodes


def test_filters_follow_only_the_chosen_labels_and_types(graph):
    g = neighbourhood(graph, "Lead", "lead-ann", depth=2, types=["WORKS_AT"])
    assert keys(g) == {"Lead:lead-ann", "Company:company-acme", "Lead:lead-anne", "Lead:lead-bob"}
    g = neighbourhood(graph, "Lead", "lead-ann", depth=1, labels=["Company", "Rep"])
    assert keys(g) == {"Lead:lead-ann", "Company:company-acme", "Rep:rep-rita"}


def test_large_groups_are_capped_and_summarised_not_cut(graph):
    g = neighbourhood(graph, "Rep", "rep-rita", depth=1, per_group=3)
    leads = {k for k in g.nodes if k.startswith("Lead:")}
    assert len(leads) == 3
    [summary] = g.more
    assert (summary.parent, summary.type, summary.kind, summary.direction) == ("Rep:rep-rita", "OWNS", "Lead", "out")
    assert (summary.shown, summary.remaining) == (3, 1)
    page = more(graph, "Rep", "rep-rita", direction="out", type="OWNS", kind="Lead", skip=3, limit=10)
    rest = {k for k in page.nodes if k.startswith("Lead:")}
    assert len(rest) == 1 and not rest & leads
    assert leads | rest == {"Lead:lead-ann", "Lead:lead-bob", "Lead:lead-dan", "Lead:lead-eve"}
    assert page.more == []


def test_node_limit_keeps_the_rest_as_more(graph):
    g = neighbourhood(graph, "Lead", "lead-ann", depth=2, limit=5)
    assert len(g.nodes) == 5
    left_out = sum(m.remaining for m in g.more)
    assert left_out >= 3  # 8 direct neighbours and more: what is not drawn is counted


def test_repeated_touches_do_not_leave_a_phantom_more(graph):
    g = neighbourhood(graph, "Campaign", "campaign-webinar", depth=1, per_group=5)
    assert {k for k in g.nodes if k.startswith("Lead:")} == {"Lead:lead-ann", "Lead:lead-bob", "Lead:lead-dan"}
    assert g.more == []


def test_expand_returns_the_node_and_its_neighbours(graph):
    g = expand(graph, "Company", "company-acme")
    assert keys(g) == {"Company:company-acme", "Lead:lead-ann", "Lead:lead-anne", "Lead:lead-bob", "Domain:acme.com"}


def test_degrees_count_relationships_by_type_and_label(graph):
    found = {(d.direction, d.type, d.kind): d.total for d in degrees(graph, "Campaign", "campaign-webinar")}
    assert found == {("in", "TOUCHED_BY", "Lead"): 4, ("out", "ON_CHANNEL", "Source"): 1}


def test_unknown_node_and_label_fail_clearly(graph):
    with pytest.raises(NotFound):
        get_node(graph, "Lead", "lead-nobody")
    with pytest.raises(ValueError, match="explorable"):
        neighbourhood(graph, "Meta", "schema_version")
    with pytest.raises(ValueError, match="depth"):
        neighbourhood(graph, "Lead", "lead-ann", depth=4)


def test_related_leads_are_ranked_with_their_reasons(graph):
    found = related_leads(graph, "lead-ann")
    assert [(r.lead.id, r.strength) for r in found] == [
        ("lead-anne", pytest.approx(1 - 0.05 * 0.4 * 0.55, abs=1e-4)),
        ("lead-bob", pytest.approx(1 - 0.15 * 0.4 * 0.55 * 0.88 * 0.9, abs=1e-4)),
        ("lead-eve", pytest.approx(1 - 0.2 * 0.9, abs=1e-4)),
        ("lead-cat", pytest.approx(0.45, abs=1e-4)),
        ("lead-dan", pytest.approx(1 - 0.88 * 0.9, abs=1e-4)),
    ]
    reasons = {r.lead.id: {(x.kind, x.via_id) for x in r.reasons} for r in found}
    assert reasons["lead-anne"] == {("email", "ann@acme.com"), ("company", "company-acme"), ("domain", "acme.com")}
    assert reasons["lead-bob"] == {("phone", "+14155550100"), ("company", "company-acme"), ("domain", "acme.com"),
                                   ("campaign", "campaign-webinar"), ("owner", "rep-rita")}
    assert reasons["lead-eve"] == {("referral", "lead-ann"), ("owner", "rep-rita")}  # Ann referred Eve
    assert reasons["lead-dan"] == {("campaign", "campaign-webinar"), ("owner", "rep-rita")}
    names = {x.kind: x.via_name for x in found[1].reasons}
    assert names["company"] == "Acme Inc" and names["campaign"] == "Spring Webinar"


def test_crowded_campaigns_are_named_not_counted(graph, monkeypatch):
    """The webinar has 4 touches: with a cap of 3 it is crowded, so Dan (related only through it)
    drops out, Bob keeps his other reasons, and the campaign is named with its size."""
    import graphcrm.queries.related as related

    assert related.crowded_campaigns(graph, "lead-ann") == []
    monkeypatch.setattr(related, "CROWDED_CAMPAIGN_TOUCHES", 3)
    assert related.crowded_campaigns(graph, "lead-ann") == [
        related.CampaignSize("campaign-webinar", "Spring Webinar", 4)]
    found = {r.lead.id: {x.kind for x in r.reasons} for r in related_leads(graph, "lead-ann")}
    assert "lead-dan" not in found and "campaign" not in found["lead-bob"]
    assert found["lead-bob"] >= {"phone", "company", "domain", "owner"}


def test_related_from_the_referred_side(graph):
    found = {r.lead.id: r for r in related_leads(graph, "lead-eve")}
    assert {(x.kind, x.via_id) for x in found["lead-ann"].reasons} >= {("referral", "lead-ann")}
    assert related_leads(graph, "lead-fay") == []


def test_focus_view_draws_related_leads_beside_what_they_share(graph):
    g = lead_focus(graph, "lead-ann", related_leads(graph, "lead-ann"))
    edges = {(e.source, e.type, e.target) for e in g.edges.values()}
    assert ("Lead:lead-anne", "HAS_EMAIL", "Email:ann@acme.com") in edges
    assert ("Lead:lead-bob", "HAS_PHONE", "Phone:+14155550100") in edges
    assert ("Lead:lead-dan", "TOUCHED_BY", "Campaign:campaign-webinar") in edges
    assert ("Lead:lead-eve", "REFERRED_BY", "Lead:lead-ann") in edges
    assert {"Lead:lead-anne", "Lead:lead-bob", "Lead:lead-cat", "Lead:lead-dan"} <= set(g.nodes)


def test_shortest_path_follows_referral_then_conversion(graph):
    [path] = shortest_paths(graph, ("Lead", "lead-ann"), ("Contact", "contact-eve"))
    assert path.keys == ("Lead:lead-ann", "Lead:lead-eve", "Contact:contact-eve")
    assert path.types == ("REFERRED_BY", "CONVERTED_TO")
    sub = path_subgraph(graph, [path])
    assert {(e.source, e.type, e.target) for e in sub.edges.values()} == {
        ("Lead:lead-eve", "REFERRED_BY", "Lead:lead-ann"), ("Lead:lead-eve", "CONVERTED_TO", "Contact:contact-eve"),
    }


def test_all_shortest_paths_and_type_restriction(graph):
    paths = shortest_paths(graph, ("Lead", "lead-ann"), ("Lead", "lead-bob"))
    # people and account ties first: the shared webinar is as short, but not a way through here
    assert {p.keys[1] for p in paths} == {"Company:company-acme", "Phone:+14155550100", "Domain:acme.com"}
    assert all(len(p.keys) == 3 for p in paths)
    # with nothing else between them, the campaign is the way
    [via_campaign] = shortest_paths(graph, ("Lead", "lead-ann"), ("Lead", "lead-dan"))
    assert via_campaign.keys == ("Lead:lead-ann", "Campaign:campaign-webinar", "Lead:lead-dan")
    assert via_campaign.types == ("TOUCHED_BY", "TOUCHED_BY")
    asked = shortest_paths(graph, ("Lead", "lead-ann"), ("Lead", "lead-bob"), types=["TOUCHED_BY", "HAS_PHONE"])
    assert {p.keys[1] for p in asked} == {"Phone:+14155550100", "Campaign:campaign-webinar"}
    [only] = shortest_paths(graph, ("Lead", "lead-ann"), ("Lead", "lead-bob"), types=["HAS_PHONE"])
    assert only.keys == ("Lead:lead-ann", "Phone:+14155550100", "Lead:lead-bob")
    assert shortest_paths(graph, ("Lead", "lead-ann"), ("Lead", "lead-fay")) == []
    assert shortest_paths(graph, ("Lead", "lead-ann"), ("Lead", "lead-dan"), types=["WORKS_AT"]) == []


def test_paths_do_not_pass_through_hubs_and_say_which_they_skipped(graph):
    from graphcrm.queries.paths import find_paths

    # Acme has 3 leads (4 relationships): with a hub cap of 2 it is not a way from Ann to Bob
    found = find_paths(graph, ("Lead", "lead-ann"), ("Lead", "lead-bob"), types=["WORKS_AT", "HAS_PHONE"], hub_degree=2)
    assert [p.keys for p in found.paths] == [("Lead:lead-ann", "Phone:+14155550100", "Lead:lead-bob")]
    assert found.skipped == [("Company:company-acme", 3)]
    only_hub = find_paths(graph, ("Lead", "lead-ann"), ("Lead", "lead-bob"), types=["WORKS_AT"], hub_degree=2)
    assert only_hub.paths == [] and only_hub.skipped == [("Company:company-acme", 3)]
    # a hub at either end is still searched from: it was asked for
    from_hub = find_paths(graph, ("Company", "company-acme"), ("Lead", "lead-bob"), types=["WORKS_AT"], hub_degree=2)
    assert [p.keys for p in from_hub.paths] == [("Company:company-acme", "Lead:lead-bob")]


def test_search_finds_by_name_email_phone_company_and_pinyin(graph):
    assert [h.key for h in search(graph, "ANN LEE")] == ["Lead:lead-ann"]
    hits = search(graph, "acme")
    assert hits[0].key == "Company:company-acme"
    assert {h.key for h in hits if h.label == "Lead"} == {"Lead:lead-ann", "Lead:lead-anne", "Lead:lead-bob", "Lead:lead-cat"}
    assert {h.key for h in search(graph, "(415) 555-0100")} == {"Lead:lead-ann", "Lead:lead-bob"}
    assert {h.key for h in search(graph, "+1 415.555.0100")} == {"Lead:lead-ann", "Lead:lead-bob"}
    assert [h.key for h in search(graph, "王芳")] == ["Lead:lead-fay"]
    assert [h.key for h in search(graph, "wang fang")] == ["Lead:lead-fay"]
    assert [h.key for h in search(graph, "138 0013 8000")] == ["Lead:lead-fay"]
    assert [h.key for h in search(graph, "webinar")] == ["Campaign:campaign-webinar"]
    assert [h.key for h in search(graph, "rita")] == ["Rep:rep-rita"]
    assert search(graph, "   ") == [] and search(graph, "nobody-here") == []


def test_hostile_search_text_changes_nothing(graph):
    before = dump(graph)
    for text in ["'}) DETACH DELETE (n) //", '") MATCH (n) DETACH DELETE n //', "\\u0000\x00'\"`", "x" * 100_000,
                 "ann' OR 1=1 --", "$id", "{{label}}"]:
        search(graph, text)
    assert dump(graph) == before


def test_prepare_keeps_digits_only_for_phone_like_text():
    assert prepare("Ann") .digits == ""
    assert prepare("(415) 555-0100").digits == "4155550100"
    assert prepare("0138 0013 8000").digits == "13800138000"
    assert prepare("acme 2024").digits == ""
    assert prepare("  ") is None


def test_insight_finds_the_community_and_connectors(graph):
    g = neighbourhood(graph, "Lead", "lead-ann", depth=2)
    found = insight(g)
    assert "Lead:lead-ann" in found.community
    connectors = dict(found.connectors)
    assert "Email:ann@acme.com" not in connectors  # evidence nodes are not "connectors"
    assert "Company:company-acme" in connectors or "Rep:rep-rita" in connectors
    assert sum(found.components) == len(g.nodes) - 1
