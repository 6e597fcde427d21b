"""Query results as JSON-ready data for the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graphcrm.queries.nodes import Degree
from graphcrm.queries.related import RelatedLead
from graphcrm.queries.search import Hit
from graphcrm.queries.subgraph import Node, Subgraph


def value(v: Any) -> Any:
    """Dates and times as ISO 8601 text; everything else as is."""
    if isinstance(v, (dt.datetime, dt.date)):
        return v.isoformat()
    return v


def node(n: Node) -> dict[str, Any]:
    return {"label": n.label, "id": n.id, "name": n.name,
            "properties": {k: value(v) for k, v in sorted(n.props.items()) if k not in ("row_hash",)}}


def degree(d: Degree) -> dict[str, Any]:
    return {"direction": d.direction, "type": d.type, "label": d.kind, "total": d.total}


def subgraph(g: Subgraph) -> dict[str, Any]:
    return {
        "focus": g.focus,
        "nodes": [{"key": k, **node(n)} for k, n in g.nodes.items()],
        "edges": [{"source": e.source, "target": e.target, "type": e.type, "count": e.count} for e in g.edges.values()],
        "more": [{"parent": m.parent, "direction": m.direction, "type": m.type, "label": m.kind,
                  "shown": m.shown, "remaining": m.remaining} for m in g.more],
    }


def hit(h: Hit, url: str) -> dict[str, Any]:
    return {"label": h.label, "id": h.id, "name": h.name, "email": h.email, "phone": h.phone,
            "company": h.company, "status": h.status, "rating": h.rating, "url": url}


def related(r: RelatedLead) -> dict[str, Any]:
    return {"lead": node(r.lead), "strength": r.strength,
            "reasons": [{"kind": x.kind, "via": {"label": x.via_label, "id": x.via_id, "name": x.via_name},
                         "weight": x.weight} for x in r.reasons]}
