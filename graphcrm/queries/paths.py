"""Shortest paths between two nodes, optionally over chosen relationship types only."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from graphcrm.queries.nodes import check_label, fetch_nodes, get_node
from graphcrm.queries.subgraph import Edge, Subgraph
from graphcrm.store import Store

MAX_HOPS = 6
# Paths through a channel (every lead of a source) or an owner (thousands of leads) are
# short but say little, and searching them costs seconds on a large graph; by default
# paths use the relationships that tie people and accounts together. Callers can ask
# for any types.
DEFAULT_TYPES = (
    "WORKS_AT", "HAS_EMAIL", "HAS_PHONE", "HAS_DOMAIN", "REFERRED_BY", "CONVERTED_TO",
    "FOR_COMPANY", "TOUCHED_BY",
)


@dataclass(frozen=True)
class Path:
    """One path: node keys in order and the relationship type of each step."""

    keys: tuple[str, ...]
    types: tuple[str, ...]


def shortest_paths(
    store: Store,
    source: tuple[str, str],
    target: tuple[str, str],
    *,
    types: Collection[str] | None = None,
    limit: int = 5,
) -> list[Path]:
    """Up to ``limit`` shortest paths (same length) from ``source`` to ``target``, each (label, id)."""
    (label_a, id_a), (label_b, id_b) = source, target
    get_node(store, label_a, id_a)
    get_node(store, label_b, id_b)
    if (label_a, id_a) == (label_b, id_b):
        return [Path((f"{label_a}:{id_a}",), ())]
    chosen = sorted({store.model.rel_type(t) for t in (types or DEFAULT_TYPES)})
    rows = store.read(
        "explore/shortest_paths", label=check_label(label_a), label_to=check_label(label_b),
        rels=chosen, **{"from": id_a, "to": id_b}, limit=max(1, min(int(limit), 50)),
    )
    paths = {
        Path(tuple(f"{lab}:{i}" for lab, i in zip(r["labels"], r["ids"], strict=True)), tuple(r["types"]))
        for r in rows
    }
    return sorted(paths, key=lambda p: (len(p.keys), p.keys))


def path_subgraph(store: Store, paths: list[Path]) -> Subgraph:
    """The nodes and edges of ``paths`` as one subgraph (edge directions from the schema)."""
    graph = Subgraph(focus=paths[0].keys[0] if paths else None)
    keys = {k for p in paths for k in p.keys}
    found = fetch_nodes(store, (tuple(k.split(":", 1)) for k in keys))  # type: ignore[misc]
    for key in sorted(keys):
        if key in found:
            graph.add_node(found[key])
    for path in paths:
        for a, b, rel in zip(path.keys, path.keys[1:], path.types, strict=False):
            source, target = _direction(store, a, b, rel)
            graph.add_edge(Edge(source, target, rel))
    return graph


def _direction(store: Store, a: str, b: str, rel: str) -> tuple[str, str]:
    """Which way ``rel`` points between ``a`` and ``b``: from the schema, or asked when both may."""
    pairs = store.model.rels[rel].endpoints
    (label_a, id_a), (label_b, id_b) = a.split(":", 1), b.split(":", 1)
    forward, backward = (label_a, label_b) in pairs, (label_b, label_a) in pairs
    if forward and backward:
        rows = store.read("explore/has_edge", label=label_a, rel=rel, label_to=label_b, a=id_a, b=id_b)
        return (a, b) if rows and rows[0]["n"] else (b, a)
    return (a, b) if forward else (b, a)
