"""Explore pages: search results, a page per entity with its graph, and paths."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from graphcrm.queries import paths as path_queries
from graphcrm.queries.focus import lead_focus
from graphcrm.queries.insight import insight
from graphcrm.queries.neighbourhood import neighbourhood
from graphcrm.queries.nodes import NotFound, degrees, fetch_nodes, get_node, merged_into
from graphcrm.queries.related import CROWDED_CAMPAIGN_TOUCHES, crowded_campaigns, related_leads
from graphcrm.queries.search import search
from graphcrm.queries.subgraph import Node
from graphcrm.web import graph as vis
from graphcrm.web import params
from graphcrm.web.app import get_store
from graphcrm.web.vocabulary import (
    LABEL_OF_SLUG, LABELS, PLURALS, RATINGS, REASONS, RELATIONSHIPS, SLUGS, STATUSES, facts,
)

bp = Blueprint("explore", __name__)
SLUG_PATTERN = ",".join(SLUGS.values())


@bp.app_context_processor
def _vocabulary() -> dict[str, Any]:
    return {"label_names": LABELS, "slugs": SLUGS, "statuses": STATUSES, "ratings": RATINGS}


@bp.get("/search")
def results() -> str:
    """Search results, grouped by what they are."""
    query = params.text("q")
    hits = search(get_store(), query, limit=200) if query.strip() else []
    return render_template("explore/search.html", query=query, hits=hits)


@bp.get(f"/<any({SLUG_PATTERN}):slug>/<path:node_id>")
def entity(slug: str, node_id: str) -> str | Response:
    """A node's page: facts and connections on the left, its graph on the right; a merged-away
    record's page sends to the record it was merged into."""
    store = get_store()
    label = LABEL_OF_SLUG[slug]
    try:
        node = get_node(store, label, node_id)
    except NotFound:
        abort(404)
    survivor = merged_into(store, label, node.id)
    if label == "Lead" and survivor is None:
        from graphcrm.web.leads import lead_score

        if lead_score(node.id).at != node.props.get("scored_at"):  # never scored by the rules: it is now
            node = get_node(store, label, node_id)
    if survivor is not None:
        flash(_("%(name)s was merged into %(survivor)s by %(by)s (%(merge)s): this is the record to work with now.",
                name=node.name, survivor=survivor.name, by=survivor.by, merge=survivor.merge_id), "merged")
        return redirect(entity_url(survivor.label, survivor.id))
    try:
        depth = params.integer("depth", 0, 0, 3)
        limit = params.integer("limit", 150, 10, 500)
    except params.BadRequest as exc:
        abort(400, str(exc))
    related = related_leads(store, node.id) if label == "Lead" else []
    if label == "Lead" and depth == 0:
        subgraph = lead_focus(store, node.id, related, limit=limit)
    else:
        subgraph = neighbourhood(store, label, node.id, depth=depth or 1, limit=limit)
    found = insight(subgraph)
    connector_nodes = fetch_nodes(store, (tuple(k.split(":", 1)) for k, _ in found.connectors))  # type: ignore[misc]
    return render_template(
        "explore/entity.html",
        node=node, facts=facts(label, node.props), depth=depth, limit=limit,
        degrees=degrees(store, label, node.id), related=related, insight=found,
        crowded=crowded_campaigns(store, node.id) if label == "Lead" else [], crowded_touches=CROWDED_CAMPAIGN_TOUCHES,
        connectors=[(connector_nodes[k], score) for k, score in found.connectors if k in connector_nodes],
        graph=vis.build(subgraph), reasons=REASONS, relationships=RELATIONSHIPS, plurals=PLURALS,
    )


@bp.get("/path")
def path() -> str:
    """Shortest paths between two nodes; ``to_q`` (text) is resolved by search first."""
    store = get_store()
    try:
        source = params.node_key("from")
        target = params.node_key("to", required=False)
        types = params.types("types")
    except params.BadRequest as exc:
        abort(400, str(exc))
    assert source is not None
    try:
        start = get_node(store, *source)
    except NotFound:
        abort(404)
    choices = []
    if target is None:
        query = params.text("to_q")
        choices = [h for h in search(store, query, limit=20) if (h.label, h.id) != source] if query.strip() else []
        if len(choices) == 1:
            target = (choices[0].label, choices[0].id)
    found: list[path_queries.Path] = []
    skipped: list[tuple[str, int]] = []
    end: Node | None = None
    graph = None
    if target is not None:
        try:
            end = get_node(store, *target)
        except NotFound:
            abort(404)
        result = path_queries.find_paths(store, source, target, types=types)
        found, skipped = result.paths, result.skipped
        if found:
            graph = vis.build(path_queries.path_subgraph(store, found))
    keys = [k for p in found for k in p.keys] + [k for k, _ in skipped]
    names = fetch_nodes(store, (tuple(k.split(":", 1)) for k in keys))  # type: ignore[misc]
    return render_template(
        "explore/path.html", start=start, end=end, paths=found, names=names, graph=graph, choices=choices,
        query=request.args.get("to_q", ""), chosen_types=types or list(path_queries.DEFAULT_TYPES),
        all_types=[t for t in RELATIONSHIPS if t not in ("POSSIBLE_DUPLICATE", "MERGED_INTO")],
        relationships=RELATIONSHIPS, max_hops=path_queries.MAX_HOPS, skipped=skipped,
        hub_degree=path_queries.HUB_DEGREE, entity_url=entity_url,
    )


def entity_url(label: str, node_id: str) -> str:
    """The page of the node ``label``/``node_id``."""
    return url_for("explore.entity", slug=SLUGS[label], node_id=node_id)
