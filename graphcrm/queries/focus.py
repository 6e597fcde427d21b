"""A lead's working view: its direct neighbours plus its related leads, joined through
the very nodes they share (the email, the company, the campaign ...)."""

from __future__ import annotations

from graphcrm.queries.neighbourhood import neighbourhood
from graphcrm.queries.related import RelatedLead
from graphcrm.queries.subgraph import Edge, Subgraph
from graphcrm.store import Store

# reason kind -> (relationship type, True when it points from the related lead to the shared node)
_EDGES = {
    "email": ("HAS_EMAIL", True),
    "phone": ("HAS_PHONE", True),
    "company": ("WORKS_AT", True),
    "domain": ("HAS_DOMAIN", True),
    "converted_contact": ("CONVERTED_TO", True),
    "campaign": ("TOUCHED_BY", True),
    "same_referrer": ("REFERRED_BY", True),
    "same_referring_contact": ("REFERRED_BY", True),
    "owner": ("OWNS", False),
}


def lead_focus(store: Store, lead_id: str, related: list[RelatedLead], *, limit: int = 150) -> Subgraph:
    """Depth-1 neighbourhood of the lead, with each related lead drawn beside the shared
    nodes that relate it (a lead related only through nodes not drawn is left out)."""
    graph = neighbourhood(store, "Lead", lead_id, depth=1, limit=limit)
    focus = f"Lead:{lead_id}"
    for item in related:
        if len(graph.nodes) >= limit:
            break
        key = item.lead.key
        edges = []
        for reason in item.reasons:
            if reason.kind == "referral":
                # via is the lead that was referred: the other lead, or this one
                edges.append(Edge(focus, key, "REFERRED_BY") if reason.via_id == item.lead.id
                             else Edge(key, focus, "REFERRED_BY"))
                continue
            rel, outward = _EDGES[reason.kind]
            via = f"{reason.via_label}:{reason.via_id}"
            if via in graph.nodes:
                edges.append(Edge(key, via, rel) if outward else Edge(via, key, rel))
        if edges:
            graph.add_node(item.lead)
            for edge in edges:
                graph.add_edge(edge)
    return graph
