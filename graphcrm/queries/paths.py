"""Shortest paths between two nodes, optionally over chosen relationship types only."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from graphcrm.queries.nodes import check_label, fetch_nodes, get_node
from graphcrm.queries.subgraph import Edge, Subgraph
from graphcrm.store import Store

MAX_HOPS = 6
# Paths through the relationships that tie people and accounts together are searched first; a
# campaign is a way through only when they give none (two leads of one webinar are a weak tie).
# Channels (every lead of a source) and owners are left out unless asked for.
PEOPLE_TYPES = ("WORKS_AT", "HAS_EMAIL", "HAS_PHONE", "HAS_DOMAIN", "REFERRED_BY", "CONVERTED_TO", "FOR_COMPANY")
DEFAULT_TYPES = (*PEOPLE_TYPES, "TOUCHED_BY")
# A node with more relationships of the searched types than this is a hub: a path may end at it
# but does not pass through it (a campaign of 5,000 leads or a shared switchboard joins everyone),
# and the search says which hubs it did not pass.
HUB_DEGREE = 200
_NO_CAP = 2**31 - 1  # the start and goal: Neo4j's COUNT compares with a 32-bit integer here


@dataclass(frozen=True)
class Path:
    """One path: node keys in order and the relationship type of each step."""

    keys: tuple[str, ...]
    types: tuple[str, ...]


@dataclass(frozen=True)
class PathSearch:
    """What a path search found, and the hubs (key, degree) it reached but did not pass through."""

    paths: list[Path]
    skipped: list[tuple[str, int]]


def shortest_paths(
    store: Store,
    source: tuple[str, str],
    target: tuple[str, str],
    *,
    types: Collection[str] | None = None,
    limit: int = 5,
) -> list[Path]:
    """Up to ``limit`` shortest paths (same length) from ``source`` to ``target``, each (label, id)."""
    return find_paths(store, source, target, types=types, limit=limit).paths


def find_paths(
    store: Store,
    source: tuple[str, str],
    target: tuple[str, str],
    *,
    types: Collection[str] | None = None,
    limit: int = 5,
    hub_degree: int | None = None,
) -> PathSearch:
    """Up to ``limit`` shortest paths of at most ``MAX_HOPS`` from ``source`` to ``target``.

    A bidirectional breadth-first search over adjacency fetched a level at a time (primary-key
    anchored), never through a hub. Without ``types``: over ``PEOPLE_TYPES`` first, then with
    campaigns too if that finds nothing. ``hub_degree`` defaults to ``HUB_DEGREE``.
    """
    (label_a, id_a), (label_b, id_b) = source, target
    get_node(store, label_a, id_a)
    get_node(store, label_b, id_b)
    start, goal = f"{label_a}:{id_a}", f"{label_b}:{id_b}"
    if start == goal:
        return PathSearch([Path((start,), ())], [])
    limit = max(1, min(int(limit), 50))
    tiers = [PEOPLE_TYPES, DEFAULT_TYPES] if not types else [tuple(types)]
    skipped: dict[str, int] = {}
    for tier in tiers:
        chosen = sorted({store.model.rel_type(t) for t in tier})
        search = _Search(store, chosen, HUB_DEGREE if hub_degree is None else hub_degree, skipped)
        paths = search.run(start, goal, limit)
        if paths:
            return PathSearch(paths, sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
    return PathSearch([], sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))


class _Search:
    """One bidirectional search over fixed relationship types."""

    def __init__(self, store: Store, rels: list[str], hub_degree: int, skipped: dict[str, int]) -> None:
        self.store, self.rels, self.cap, self.skipped = store, rels, hub_degree, skipped

    def run(self, start: str, goal: str, limit: int) -> list[Path]:
        # parents[side][node] = [(parent, rel)], one entry per shortest way in; depth per side
        parents: list[dict[str, list[tuple[str, str]]]] = [{start: []}, {goal: []}]
        frontiers = [[start], [goal]]
        hops = 0
        while hops < MAX_HOPS and frontiers[0] and frontiers[1]:
            side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
            nxt: dict[str, list[tuple[str, str]]] = {}
            ends = {start, goal}
            for node, rel, other in self._neighbours(frontiers[side], ends):
                if other in parents[side]:
                    continue
                nxt.setdefault(other, []).append((node, rel))
            parents[side].update(nxt)
            frontiers[side] = sorted(nxt)
            hops += 1
            # a meeting node is the one node of a path not expanded yet: a hub may not be it
            meeting = self._not_hubs(sorted(k for k in nxt if k in parents[1 - side]), ends)
            if meeting:
                return self._paths(meeting, parents, start, goal, limit)
        return []

    def _not_hubs(self, keys: list[str], ends: set[str]) -> list[str]:
        """``keys`` without the hubs among them (recorded as skipped); the start and goal stay."""
        by_label: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            if key not in ends:
                label, node_id = key.split(":", 1)
                by_label[label].append(node_id)
        hubs = set()
        for label, ids in sorted(by_label.items()):
            for row in self.store.read("explore/hub_degrees", label=check_label(label), rels=self.rels,
                                       ids=ids, cap=self.cap):
                hubs.add(f"{label}:{row['id']}")
                self.skipped[f"{label}:{row['id']}"] = int(row["degree"])
        return [k for k in keys if k not in hubs]

    def _neighbours(self, frontier: list[str], ends: set[str]) -> list[tuple[str, str, str]]:
        """(node, rel, neighbour) for the frontier's nodes that are not hubs (the start and goal
        always expand: a path from a hub is asked for on purpose)."""
        by_label: dict[str, list[str]] = defaultdict(list)
        for key in frontier:
            label, node_id = key.split(":", 1)
            by_label[label].append(node_id)
        found = []
        for label, ids in sorted(by_label.items()):
            cap_of = {i: (_NO_CAP if f"{label}:{i}" in ends else self.cap) for i in ids}
            for cap in sorted(set(cap_of.values())):
                chosen = [i for i in ids if cap_of[i] == cap]
                if cap == self.cap:
                    for row in self.store.read("explore/hub_degrees", label=check_label(label), rels=self.rels,
                                               ids=chosen, cap=cap):
                        self.skipped[f"{label}:{row['id']}"] = int(row["degree"])
                for row in self.store.read("explore/adjacency", label=check_label(label), rels=self.rels,
                                           ids=chosen, cap=cap):
                    found.append((f"{label}:{row['id']}", row["rel"], f"{row['kind']}:{row['other']}"))
        return sorted(set(found))

    @staticmethod
    def _paths(meeting: list[str], parents: list[dict[str, list[tuple[str, str]]]], start: str, goal: str,
               limit: int) -> list[Path]:
        """Every shortest path through the meeting nodes, up to ``limit``, in key order."""
        def chains(node: str, side: int) -> list[list[tuple[str, str]]]:
            if not parents[side][node]:
                return [[]]
            return [chain + [(parent, rel)] for parent, rel in parents[side][node] for chain in chains(parent, side)]

        paths = set()
        for middle in meeting:
            for left in chains(middle, 0):
                for right in chains(middle, 1):
                    # left: (node, rel into the next) from start; right: the same from goal
                    keys = [k for k, _ in left] + [middle] + [k for k, _ in reversed(right)]
                    types = [r for _, r in left] + [r for _, r in reversed(right)]
                    if keys[0] == start and keys[-1] == goal and len(set(keys)) == len(keys):
                        paths.add(Path(tuple(keys), tuple(types)))
        return sorted(paths, key=lambda p: (len(p.keys), p.keys))[:limit]


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
