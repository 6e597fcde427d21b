"""The most common channel paths, on toy journeys."""

from __future__ import annotations

import pytest

from graphcrm.attribution.journeys import NO_TOUCH
from graphcrm.attribution.paths import common_paths
from tests.attribution.toy import journeys

PATHS = [
    {"touches": [("A", 1), ("A", 2), ("B", 3)], "converted": 5, "revenue": 10.0},
    {"touches": [("A", 1), ("B", 2)]},
    {"touches": [("A", 1), ("B", 2)], "converted": 4},
    {"touches": [("B", 1), ("A", 2)]},  # the order matters
    {"touches": [("C", 1)]},
    {"touches": []},
]


def test_paths_counted_with_repeats_collapsed():
    table = common_paths(journeys(PATHS))
    rows = {r.path: (r.steps, r.leads, r.conversions, r.revenue) for r in table.itertuples()}
    assert rows == {"A > B": (2, 3, 2.0, 10.0), "B > A": (2, 1, 0.0, 0.0), "C": (1, 1, 0.0, 0.0),
                    NO_TOUCH: (1, 1, 0.0, 0.0)}
    assert table.iloc[0]["path"] == "A > B" and table.iloc[0]["conversion_rate"] == pytest.approx(2 / 3)


def test_paths_without_collapsing_and_by_conversions():
    table = common_paths(journeys(PATHS), collapse=False, by="conversions", top=2)
    assert list(table["path"]) == ["A > B", "A > A > B"]  # equal conversions: more leads first
    assert list(table["conversions"]) == [1.0, 1.0] and len(table) == 2
    assert common_paths(journeys([])).empty


def test_flow_by_volume_and_by_credit():
    from graphcrm.attribution.flow import flow
    from graphcrm.attribution.models import rule_credit

    j = journeys(PATHS)
    data = flow(j, top=2)
    nodes = {n["id"]: n for n in data["nodes"]}
    edges = {(e["from"], e["to"]): e["value"] for e in data["edges"]}
    # A touched 4 leads (1 won, 1 converted, 2 not), B 4 leads, C 1 lead: A and B get nodes, C is "other"
    assert edges[("s:A", "c:A")] == 4 and edges[("s:B", "c:B")] == 4 and edges[("s:C", "o:C")] == 1
    assert edges[("c:A", "r:won")] == 1 and edges[("c:A", "r:converted")] == 1 and edges[("c:A", "r:lost")] == 2
    assert nodes["s:(none)"]["label"] == "No touchpoint" and nodes["r:lost"]["level"] == 2
    assert "4.0 leads" in nodes["c:A"]["title"]
    credit = flow(j, credits=rule_credit(j, "last"))
    edges = {(e["from"], e["to"]): e["value"] for e in credit["edges"]}
    assert edges == {("s:B", "c:B"): 2.0, ("c:B", "r:converted"): 2.0}
