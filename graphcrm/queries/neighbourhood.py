"""A node's neighbourhood to depth 1-3, capped, with what was left out summarised."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from graphcrm.queries.nodes import Degree, check_label, degrees, fetch_nodes, get_node
from graphcrm.queries.subgraph import EXPLORABLE, Edge, More, Subgraph
from graphcrm.store import Store

MAX_DEPTH = 3
DEFAULT_LIMIT = 150
# From one node, at most this many neighbours of one relationship type and label are
# fetched; the rest become an "N more" summary (a campaign can touch 10,000 leads).
PER_GROUP = 12
# Labels whose nodes usually have a few dozen relationships at most: fetched in one query.
FEW_NEIGHBOURS = frozenset({"Lead", "Contact", "Opportunity", "Activity", "Email", "Phone", "Domain"})
NEIGHBOURS_ALL_ROWS = 300  # the per-direction LIMIT in explore/neighbours_all


@dataclass(frozen=True)
class Filters:
    """Which node labels and relationship types to follow (None: all)."""

    labels: frozenset[str] | None = None
    types: frozenset[str] | None = None

    def allows(self, degree: Degree) -> bool:
        return (self.labels is None or degree.kind in self.labels) and (
            self.types is None or degree.type in self.types
        )


def neighbourhood(
    store: Store,
    label: str,
    node_id: str,
    *,
    depth: int = 2,
    limit: int = DEFAULT_LIMIT,
    labels: Collection[str] | None = None,
    types: Collection[str] | None = None,
    per_group: int = PER_GROUP,
) -> Subgraph:
    """The nodes within ``depth`` hops of a node, breadth first, at most ``limit`` of them.

    Large groups (a campaign's leads, a rep's leads) contribute ``per_group`` neighbours
    each and a ``More`` entry for the rest; when ``limit`` is reached the undiscovered
    remainder is summarised the same way, so nothing is silently cut.
    """
    if not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be 1 to {MAX_DEPTH}, not {depth}")
    if limit < 1:
        raise ValueError("limit must be positive")
    filters = Filters(
        frozenset(check_label(x) for x in labels) if labels else None,
        frozenset(store.model.rel_type(t) for t in types) if types else None,
    )
    focus = get_node(store, label, node_id)
    graph = Subgraph(focus=focus.key)
    graph.add_node(focus)
    frontier = [focus.key]
    for _ in range(depth):
        discovered: list[str] = []
        for key in frontier:
            if len(graph.nodes) + len(discovered) >= limit:
                break
            room = limit - len(graph.nodes) - len(discovered)
            discovered += expand_into(store, graph, key, filters, per_group=per_group, room=room, seen=discovered)
        found = fetch_nodes(store, (tuple(k.split(":", 1)) for k in discovered))  # type: ignore[misc]
        for key in discovered:
            if key in found:
                graph.add_node(found[key])
        graph.edges = {k: e for k, e in graph.edges.items() if e.source in graph.nodes and e.target in graph.nodes}
        frontier = [k for k in discovered if k in found]
        if not frontier:
            break
    return graph


def expand_into(
    store: Store,
    graph: Subgraph,
    key: str,
    filters: Filters = Filters(),
    *,
    per_group: int = PER_GROUP,
    room: int | None = None,
    seen: Collection[str] = (),
) -> list[str]:
    """Add one node's neighbours (edges, and ``More`` for the rest) to ``graph``.

    Returns the keys of neighbours not yet in the graph, whose nodes the caller fetches.
    """
    label, node_id = key.split(":", 1)
    taken: dict[tuple[str, str, str], list[tuple[str, int]]] = {}
    exhausted: set[tuple[str, str, str]] = set()
    groups = _small_node_groups(store, label, node_id, filters, per_group, taken)
    if groups is None:
        groups = [d for d in degrees(store, label, node_id) if filters.allows(d)]
        small = [g for g in groups if g.total <= per_group]
        big = [g for g in groups if g not in small]
        # one query for every small group (restricted to their relationship types, so a
        # hub's large groups are not read), one page query per large group
        small_types = sorted({g.type for g in small} - {g.type for g in big})
        if small_types:
            wanted = {(g.direction, g.type, g.kind) for g in small}
            for row in store.read("explore/neighbours", label=label, rels=small_types, id=node_id):
                group = (row["dir"], row["rel"], row["kind"])
                if group in wanted:
                    taken.setdefault(group, []).append((row["id"], int(row["n"])))
        for g in groups:
            if g in big or g.type not in small_types:
                page = neighbour_page(store, key, g, skip=0, limit=per_group)
                taken[(g.direction, g.type, g.kind)] = page
                if len(page) < per_group:  # repeated relationships to the same nodes: all drawn
                    exhausted.add((g.direction, g.type, g.kind))
    graph.degrees[key] = sum(d.total for d in groups)
    new: list[str] = []
    pending = set(seen)
    for g in groups:
        rows = taken.get((g.direction, g.type, g.kind), [])
        shown = drawn = 0
        for other_id, count in rows:
            other = f"{g.kind}:{other_id}"
            fresh = other not in graph.nodes and other not in pending
            if fresh and room is not None and len(new) >= room:
                break
            if fresh:
                new.append(other)
                pending.add(other)
            source, target = (key, other) if g.direction == "out" else (other, key)
            graph.add_edge(Edge(source, target, g.type, count))
            shown += 1
            drawn += count
        if drawn < g.total and (shown < len(rows) or (g.direction, g.type, g.kind) not in exhausted):
            graph.more.append(More(key, g.type, g.kind, g.direction, shown, g.total - drawn))
    return new


def _small_node_groups(
    store: Store, label: str, node_id: str, filters: Filters, per_group: int,
    taken: dict[tuple[str, str, str], list[tuple[str, int]]],
) -> list[Degree] | None:
    """For a node of a label that usually has few neighbours, everything in one query.

    Fills ``taken`` and returns the groups; None when the node turns out to have a group
    larger than ``per_group`` (or more rows than the query returns), so the caller pages.
    """
    if label not in FEW_NEIGHBOURS:
        return None
    rows = store.read("explore/neighbours_all", label=label, id=node_id)
    if len(rows) >= NEIGHBOURS_ALL_ROWS:
        return None
    grouped: dict[tuple[str, str, str], list[tuple[str, int]]] = {}
    for row in rows:
        if row["kind"] in EXPLORABLE:
            grouped.setdefault((row["dir"], row["rel"], row["kind"]), []).append((row["id"], int(row["n"])))
    groups = []
    for (direction, rel, kind), members in grouped.items():
        degree = Degree(direction, rel, kind, sum(n for _, n in members))
        if not filters.allows(degree):
            continue
        if len(members) > per_group:
            return None  # page it in id order, the order "more" pages in
        groups.append(degree)
        taken[(direction, rel, kind)] = sorted(members)
    return sorted(groups, key=lambda d: (-d.total, d.type, d.kind, d.direction))


def neighbour_page(store: Store, key: str, group: Degree, *, skip: int, limit: int) -> list[tuple[str, int]]:
    """One page of a node's neighbours in one group, as ``(id, 1)``: counting parallel
    relationships would mean aggregating a hub's whole group (10x slower at 10,000)."""
    label, node_id = key.split(":", 1)
    name = "explore/neighbours_out" if group.direction == "out" else "explore/neighbours_in"
    rows = store.read(
        name, label=check_label(label), rel=group.type, label_to=check_label(group.kind),
        id=node_id, skip=skip, limit=limit,
    )
    return [(r["id"], 1) for r in rows]


def expand(store: Store, label: str, node_id: str, *, per_group: int = PER_GROUP) -> Subgraph:
    """A node and its direct neighbours (what a double-click adds to the canvas)."""
    return neighbourhood(store, label, node_id, depth=1, limit=10_000, per_group=per_group)


def more(
    store: Store, label: str, node_id: str, *, direction: str, type: str, kind: str, skip: int, limit: int = 50
) -> Subgraph:
    """The next page of a "N more" group: up to ``limit`` neighbours after the first ``skip``."""
    if direction not in ("in", "out"):
        raise ValueError("direction must be 'in' or 'out'")
    if kind not in EXPLORABLE:
        raise ValueError(f"not an explorable node label: {kind!r}")
    focus = get_node(store, label, node_id)
    graph = Subgraph(focus=focus.key)
    graph.add_node(focus)
    group = Degree(direction, store.model.rel_type(type), kind, 0)
    upto = neighbour_page(store, focus.key, group, skip=0, limit=skip + limit)
    rows = upto[skip:]
    found = fetch_nodes(store, ((kind, i) for i, _ in rows))
    for other_id, count in rows:
        other = f"{kind}:{other_id}"
        if other in found:
            graph.add_node(found[other])
            source, target = (focus.key, other) if direction == "out" else (other, focus.key)
            graph.add_edge(Edge(source, target, type, count))
    total = sum(d.total for d in degrees(store, label, node_id) if (d.direction, d.type, d.kind) == (direction, type, kind))
    drawn = sum(n for _, n in upto)
    if drawn < total and len(upto) == skip + limit:
        graph.more.append(More(focus.key, type, kind, direction, len(upto), total - drawn))
    return graph
