"""The JSON API: the same data as the pages (documented in docs/api.md)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from graphcrm.queries import paths as path_queries
from graphcrm.queries.insight import insight
from graphcrm.queries.neighbourhood import MAX_DEPTH, more, neighbourhood
from graphcrm.queries.nodes import NotFound, check_label, degrees, get_node, merged_into
from graphcrm.queries.related import related_leads
from graphcrm.queries.search import search
from graphcrm.queries.subgraph import EXPLORABLE
from graphcrm.web import graph as vis
from graphcrm.web import params, serialize
from graphcrm.web.app import get_store
from graphcrm.web.explore import entity_url

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.errorhandler(params.BadRequest)
def _bad_request(exc: params.BadRequest):
    return jsonify(error=str(exc)), 400


@bp.errorhandler(NotFound)
def _not_found(exc: NotFound):
    return jsonify(error=str(exc)), 404


def _label(label: str) -> str:
    if label not in EXPLORABLE:
        raise params.BadRequest(f"unknown label {label!r}")
    return check_label(label)


@bp.get("/search")
def api_search():
    """``?q=text&limit=N&labels=Lead,Company``: matching nodes, best first."""
    hits = search(get_store(), params.text("q"), limit=params.integer("limit", 50, 1, 500),
                  labels=tuple(params.labels() or ()) or None)
    return jsonify(query=params.text("q"), results=[serialize.hit(h, entity_url(h.label, h.id)) for h in hits])


@bp.get("/nodes/<label>/<path:node_id>/neighbourhood")
def api_neighbourhood(label: str, node_id: str):
    """``?depth=1-3&limit=N&labels=..&types=..&format=raw|vis``."""
    graph = neighbourhood(
        get_store(), _label(label), node_id, depth=params.integer("depth", 1, 1, MAX_DEPTH),
        limit=params.integer("limit", 150, 1, 500), labels=params.labels(), types=params.types(),
    )
    return _graph(graph)


@bp.get("/nodes/<label>/<path:node_id>/more")
def api_more(label: str, node_id: str):
    """The next page of an "N more" group: ``?direction=in|out&type=REL&kind=Label&skip=N&limit=N``."""
    direction = params.text("direction")
    if direction not in ("in", "out"):
        raise params.BadRequest("direction must be in or out")
    rel = (params.types("type") or [None])[0]
    kind = (params.labels("kind") or [None])[0]
    if rel is None or kind is None:
        raise params.BadRequest("type and kind are required")
    graph = more(get_store(), _label(label), node_id, direction=direction, type=rel, kind=kind,
                 skip=params.integer("skip", 0, 0, 1_000_000), limit=params.integer("limit", 50, 1, 200))
    return _graph(graph)


@bp.get("/nodes/<label>/<path:node_id>/insight")
def api_insight(label: str, node_id: str):
    """Community, key connectors and components of the node's neighbourhood (``?depth=``)."""
    graph = neighbourhood(get_store(), _label(label), node_id, depth=params.integer("depth", 2, 1, MAX_DEPTH))
    found = insight(graph)
    return jsonify(focus=graph.focus, community=list(found.community), communities=found.communities,
                   connectors=[{"key": k, "betweenness": v} for k, v in found.connectors],
                   components=list(found.components))


@bp.get("/nodes/<label>/<path:node_id>")
def api_node(label: str, node_id: str):
    """One node with its neighbour counts."""
    store = get_store()
    node = get_node(store, _label(label), node_id)
    survivor = merged_into(store, node.label, node.id)
    gone = None if survivor is None else {"label": survivor.label, "id": survivor.id, "name": survivor.name,
                                          "merge_id": survivor.merge_id,
                                          "url": entity_url(survivor.label, survivor.id)}
    return jsonify(node=serialize.node(node), url=entity_url(node.label, node.id), merged_into=gone,
                   degrees=[serialize.degree(d) for d in degrees(store, node.label, node.id)])


@bp.get("/leads/<path:lead_id>/related")
def api_related(lead_id: str):
    """Related leads, strongest first, with reasons (``?limit=N``)."""
    found = related_leads(get_store(), lead_id, limit=params.integer("limit", 25, 1, 200))
    return jsonify(lead=lead_id, related=[serialize.related(r) for r in found])


@bp.get("/path")
def api_path():
    """``?from=Label:id&to=Label:id&types=A,B&limit=N``: shortest paths."""
    store = get_store()
    source, target = params.node_key("from"), params.node_key("to")
    assert source and target
    search = path_queries.find_paths(store, source, target, types=params.types(),
                                     limit=params.integer("limit", 5, 1, 50))
    graph = path_queries.path_subgraph(store, search.paths)
    return jsonify(paths=[{"nodes": list(p.keys), "types": list(p.types)} for p in search.paths],
                   skipped=[{"node": key, "degree": degree} for key, degree in search.skipped],
                   graph=_graph_data(graph))


def _graph(graph) -> Any:
    return jsonify(_graph_data(graph))


def _graph_data(graph) -> dict[str, Any]:
    from flask import request

    if request.args.get("format") == "vis":
        return vis.build(graph)
    return serialize.subgraph(graph)
