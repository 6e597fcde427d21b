"""Subgraphs as interactive pyvis / vis-network graphs: one visual language everywhere.

The server builds the network with pyvis (nodes, edges, options) and the page draws it
with the vis-network copy that ships inside the pyvis package (served by this app, never
a CDN). Every text from data goes out as plain text: vis-network puts string tooltips in
the page with ``innerText`` and draws labels on a canvas, and the page's own script
builds the side panel with ``textContent``.
"""

from __future__ import annotations

import math
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from flask import url_for
from flask_babel import gettext as _
from pyvis.network import Network

from graphcrm.queries.insight import to_networkx
from graphcrm.queries.subgraph import More, Node, Subgraph
from graphcrm.web.vocabulary import LABELS, PLURALS, RELATIONSHIPS, SLUGS, STATUSES, facts, text

# Beyond this many nodes the browser's physics takes tens of seconds (FACTS.md):
# positions are computed here and physics stays off.
SERVER_LAYOUT_ABOVE = 300
MAX_LABEL = 28

STYLES: dict[str, dict[str, Any]] = {
    "Lead": {"shape": "dot", "color": "#3b82f6"},
    "Contact": {"shape": "dot", "color": "#10b981"},
    "Company": {"shape": "box", "color": "#f59e0b"},
    "Campaign": {"shape": "diamond", "color": "#8b5cf6"},
    "Source": {"shape": "triangle", "color": "#14b8a6"},
    "Rep": {"shape": "star", "color": "#ef4444"},
    "Opportunity": {"shape": "square", "color": "#eab308"},
    "Activity": {"shape": "dot", "color": "#94a3b8"},
    "Email": {"shape": "ellipse", "color": "#d1d5db"},
    "Phone": {"shape": "ellipse", "color": "#d1d5db"},
    "Domain": {"shape": "ellipse", "color": "#d1d5db"},
}
RATING_BORDER = {"hot": "#dc2626", "warm": "#f97316", "cold": "#60a5fa"}
MORE_STYLE = {"shape": "box", "color": {"background": "#f8fafc", "border": "#94a3b8"}, "shapeProperties": {"borderDashes": [4, 3]}}

OPTIONS: dict[str, Any] = {
    "autoResize": True,
    "interaction": {"hover": True, "tooltipDelay": 150, "keyboard": {"enabled": True, "bindToWindow": False},
                    "multiselect": False},
    "nodes": {"font": {"size": 13, "face": "system-ui, 'Noto Sans CJK SC', sans-serif"}, "borderWidth": 1,
              "scaling": {"min": 10, "max": 40}},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "color": {"color": "#94a3b8", "highlight": "#1e293b"},
              "font": {"size": 10, "color": "#475569", "strokeWidth": 3, "align": "middle"},
              "scaling": {"min": 1, "max": 6, "label": {"enabled": True, "min": 8, "max": 12, "drawThreshold": 6}},
              "smooth": {"enabled": True, "type": "continuous"}},
    "physics": {"enabled": True, "solver": "barnesHut",
                "barnesHut": {"gravitationalConstant": -6000, "springLength": 120, "springConstant": 0.04,
                              "damping": 0.3, "avoidOverlap": 0.2},
                "stabilization": {"enabled": True, "iterations": 300, "updateInterval": 50, "fit": True}},
}


def vis_network_js() -> Path:
    """The vis-network build inside the installed pyvis package."""
    return Path(str(resources.files("pyvis") / "lib" / "vis-9.1.2" / "vis-network.min.js"))


def short(text: str, limit: int = MAX_LABEL) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def node_url(node: Node) -> str:
    """The page of a node."""
    return url_for("explore.entity", slug=SLUGS[node.label], node_id=node.id)


def caption(node: Node) -> str:
    """The canvas label: a short name, with the status for leads."""
    text = short(node.name)
    if node.label == "Lead" and node.props.get("status") in STATUSES:
        text += f"\n{STATUSES[node.props['status']]}"
    return text


def tooltip(node: Node, *, lines: int = 6) -> str:
    """Plain-text tooltip: what the node is and its first few facts."""
    head = f"{LABELS[node.label]} · {node.name}"
    rows = [f"{name}: {value}" for name, value in facts(node.label, node.props)[:lines]]
    return "\n".join([head, *rows])


def node_options(node: Node, *, degree: int, focus: bool) -> dict[str, Any]:
    """The vis options of one node: shape and colour by label, border by rating, size by degree."""
    style = STYLES[node.label]
    color: dict[str, Any] = {"background": style["color"], "border": style["color"]}
    options: dict[str, Any] = {"shape": style["shape"], "value": max(1, degree), "title": tooltip(node)}
    rating = node.props.get("rating")
    if rating in RATING_BORDER:
        color["border"] = RATING_BORDER[rating]
        options["borderWidth"] = 3
    if node.label in ("Email", "Phone", "Domain", "Activity"):
        options["font"] = {"size": 10, "color": "#475569"}
        options["value"] = 1
    if focus:
        options["borderWidth"] = 4
        color["border"] = "#0f172a"
        options["value"] = max(options["value"], 30)
    options["color"] = color
    return options


def more_options(more: More) -> dict[str, Any]:
    """The vis options of an "N more" summary node."""
    title = _(
        "%(n)s more %(rel)s relationships with %(kind)s (a lead touched twice counts twice). "
        "Double-click to draw the next ones.",
        n=f"{more.remaining:,}", rel=RELATIONSHIPS[more.type], kind=PLURALS[more.kind],
    )
    return {**MORE_STYLE, "title": title, "value": 1, "font": {"size": 11, "color": "#475569"}}


def build(graph: Subgraph, *, expanded: set[str] | None = None) -> dict[str, Any]:
    """The subgraph as vis data: ``{"nodes", "edges", "options", "legend", "types"}``.

    Node ``data`` carries what the page needs without another request: label, id, the
    node's page, its facts, and for "N more" nodes how to fetch the next page.
    """
    # pyvis builds the node, edge and option dicts only; its HTML template (which links a
    # CDN, and whose tooltips use innerHTML) is never rendered
    net = Network(directed=True, cdn_resources="in_line")
    g = to_networkx(graph)
    for key, node in graph.nodes.items():
        degree = graph.degrees.get(key) or (g.degree(key) if key in g else 0)
        net.add_node(
            key, label=caption(node), **node_options(node, degree=degree, focus=key == graph.focus),
            kind=node.label,
            data={"label": node.label, "kind": text(LABELS[node.label]), "id": node.id, "name": node.name,
                  "url": node_url(node), "facts": facts(node.label, node.props),
                  "expanded": key in (expanded or ()) or key in graph.degrees},
        )
    for edge in graph.edges.values():
        net.add_edge(
            edge.source, edge.target, label=text(RELATIONSHIPS.get(edge.type, edge.type)), value=edge.count,
            title=f"{RELATIONSHIPS.get(edge.type, edge.type)}" + (f" ×{edge.count}" if edge.count > 1 else ""),
            type=edge.type,
        )
    for more in graph.more:
        if more.parent not in graph.nodes:
            continue
        label, node_id = more.parent.split(":", 1)
        net.add_node(
            more.key, label=f"+{more.remaining:,} {PLURALS[more.kind]}", **more_options(more), kind="more",
            data={"more": True, "label": label, "id": node_id, "direction": more.direction, "type": more.type,
                  "kind": more.kind, "skip": more.shown},
        )
        source, target = (more.parent, more.key) if more.direction == "out" else (more.key, more.parent)
        net.add_edge(source, target, dashes=True, type=more.type, label=text(RELATIONSHIPS.get(more.type, more.type)))
    options = _options(len(net.nodes))
    if len(net.nodes) > SERVER_LAYOUT_ABOVE:
        _place(net.nodes, net.edges, graph.focus)
    present = sorted({graph.nodes[k].label for k in graph.nodes}, key=list(STYLES).index)
    types = sorted({e.type for e in graph.edges.values()})
    return {
        "nodes": net.nodes,
        "edges": [{**e, "id": f"{e['from']}|{e['type']}|{e['to']}"} for e in net.edges],
        "options": options,
        "legend": [{"label": lab, "name": text(LABELS[lab]), **STYLES[lab]} for lab in present],
        "types": [{"type": t, "name": text(RELATIONSHIPS.get(t, t))} for t in types],
        "focus": graph.focus,
    }


def _options(count: int) -> dict[str, Any]:
    options = {**OPTIONS, "physics": {**OPTIONS["physics"]}}
    if count > SERVER_LAYOUT_ABOVE:
        options["physics"] = {"enabled": False}
        options["edges"] = {**OPTIONS["edges"], "smooth": {"enabled": False}}
    return options


def _place(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], focus: str | None) -> None:
    """Fixed positions from networkx (seeded, so a page looks the same each time)."""
    g = nx.Graph()
    g.add_nodes_from(n["id"] for n in nodes)
    g.add_edges_from((e["from"], e["to"]) for e in edges)
    scale = 60 * math.sqrt(len(nodes))
    # (networkx ignores ``scale`` when nodes are fixed: lay out freely, then centre the focus)
    positions = nx.spring_layout(g, seed=7, iterations=60, scale=scale)
    cx, cy = positions[focus] if focus in positions else (0.0, 0.0)
    for n in nodes:
        x, y = positions[n["id"]]
        n["x"], n["y"] = round(float(x - cx), 1), round(float(y - cy), 1)
