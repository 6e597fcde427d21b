"""The flow view's data: sources -> campaigns -> outcomes, with edge widths by volume or by credit.

Pure data (nodes and edges with levels, values and plain-text tooltips); the page draws it with
vis-network's hierarchical layout, left to right.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from graphcrm.attribution.journeys import NO_TOUCH, NO_TOUCH_NAME, Journeys
from graphcrm.attribution.models import Credits
from graphcrm.attribution.shapley import distinct

OUTCOMES = ("won", "converted", "lost")  # won; converted but not (yet) won; not converted
OTHER = "other"


def flow(j: Journeys, *, credits: Credits | None = None, top: int = 20,
         names: dict[str, str] | None = None) -> dict[str, Any]:
    """Nodes and edges of the flow for journeys built ``by="campaign"``.

    Volume (``credits`` None): edge values are leads; a lead counts once per campaign that
    touched it. Credit: edge values are the campaigns' credited conversions under a model
    (negative credits are drawn as 0 and shown in the tooltip). The ``top`` campaigns (by leads,
    or by credit) have their own node; the rest are merged into one "other" node per source.
    ``names`` translates the outcome and "other" captions.
    """
    if j.channels.source is None:
        raise ValueError("the flow needs journeys built by campaign")
    words = {"won": "Won", "converted": "Converted, not won yet", "lost": "Not converted",
             "converted_all": "Converted", OTHER: "Other campaigns", "leads": "leads",
             "credit": "credited conversions", **(names or {})}
    k = len(j.channels)
    pairs = distinct(j.t_journey * k + j.t_channel)
    journey, channel = pairs // k, pairs % k
    outcome = np.where(j.revenue[journey] > 0, 0, np.where(j.converted[journey], 1, 2))
    by_outcome = np.zeros((k, 3))
    np.add.at(by_outcome, (channel, outcome), 1)
    leads = by_outcome.sum(axis=1)
    weight = leads if credits is None else np.maximum(credits.conversions, 0.0)
    ranked = [c for c in np.argsort(-weight, kind="stable") if weight[c] > 0]
    shown = set(ranked[:top])
    sources = j.channels.source
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], dict[str, Any]] = {}

    def node(key: str, label: str, level: int, kind: str) -> None:
        nodes.setdefault(key, {"id": key, "label": label, "level": level, "kind": kind, "value": 0.0})

    def edge(a: str, b: str, value: float, shown_value: float) -> None:
        e = edges.setdefault((a, b), {"from": a, "to": b, "value": 0.0, "amount": 0.0})
        e["value"] += value
        e["amount"] += shown_value
        nodes[a]["value"] += value

    for c in ranked:
        source = str(sources[c])
        s_key = f"s:{source}"
        node(s_key, NO_TOUCH_NAME if source == NO_TOUCH else source, 0, "source")
        if c in shown or source == NO_TOUCH:
            c_key, label = f"c:{j.channels.keys[c]}", str(j.channels.names[c])
        else:
            c_key, label = f"o:{source}", f"{words[OTHER]} ({source})"
        node(c_key, label, 1, "campaign" if c_key.startswith("c:") else OTHER)
        amount = float(weight[c]) if credits is None else float(credits.conversions[c])
        edge(s_key, c_key, float(weight[c]), amount)
        if credits is None:
            for i, name in enumerate(OUTCOMES):
                if by_outcome[c, i]:
                    node(f"r:{name}", words[name], 2, name)
                    edge(c_key, f"r:{name}", float(by_outcome[c, i]), float(by_outcome[c, i]))
        else:
            node("r:converted", words["converted_all"], 2, "won")
            edge(c_key, "r:converted", float(weight[c]), amount)
    unit = words["leads"] if credits is None else words["credit"]
    edge_list = []
    for e in edges.values():
        e["title"] = f"{nodes[e['from']]['label']} → {nodes[e['to']]['label']}: {e['amount']:,.1f} {unit}"
        edge_list.append(e)
    for n in nodes.values():
        incoming = sum(e["value"] for e in edges.values() if e["to"] == n["id"])
        n["value"] = max(n["value"], incoming)
        n["title"] = f"{n['label']}: {n['value']:,.1f} {unit}"
    return {"nodes": list(nodes.values()), "edges": edge_list}
