"""Clusters of duplicates from scored pairs, protected against chains.

A chain A-B-C where only A-B and B-C look alike can join two different people through
a third. Inside every component of three or more records, an edge that is a bridge
(its removal splits the component) survives only if it is strong (at least ``strong``);
a component that is still larger than ``max_size`` loses its weakest edges until it
falls apart.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

Pair = tuple[str, str, float]


def clusters(pairs: Iterable[Pair], *, review: float, strong: float, max_size: int = 8) -> list[list[str]]:
    """Groups of record ids (two or more) that are duplicates of each other, largest score first."""
    graph = nx.Graph()
    for a, b, score in pairs:
        if score >= review:
            graph.add_edge(a, b, weight=score)
    out: list[list[str]] = []
    for component in nx.connected_components(graph):
        out.extend(_split(graph.subgraph(component).copy(), strong, max_size))
    best = {tuple(c): max((graph[u][v]["weight"] for u in c for v in c if graph.has_edge(u, v)), default=0.0)
            for c in map(tuple, out)}
    return sorted(out, key=lambda c: (-best[tuple(c)], c))


def _split(graph: nx.Graph, strong: float, max_size: int) -> list[list[str]]:
    if graph.number_of_nodes() <= 2:
        return [sorted(graph.nodes)]
    weak_bridges = [(u, v) for u, v in nx.bridges(graph) if graph[u][v]["weight"] < strong]
    if weak_bridges:  # cut the weakest one and look again: A-B-C may keep its stronger half
        u, v = min(weak_bridges, key=lambda e: (graph[e[0]][e[1]]["weight"], sorted(e)))
        graph.remove_edge(u, v)
        return _parts(graph, strong, max_size)
    if graph.number_of_nodes() > max_size:
        weakest = min(graph.edges(data="weight"), key=lambda e: e[2])
        graph.remove_edge(weakest[0], weakest[1])
        return _parts(graph, strong, max_size)
    return [sorted(graph.nodes)]


def _parts(graph: nx.Graph, strong: float, max_size: int) -> list[list[str]]:
    out: list[list[str]] = []
    for component in nx.connected_components(graph):
        if len(component) >= 2:
            out.extend(_split(graph.subgraph(component).copy(), strong, max_size))
    return out
