"""networkx on a fetched subgraph: communities, key connectors and components."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graphcrm.queries.subgraph import Subgraph

# Identity nodes (an email, a phone) are evidence, not people or accounts: they would
# otherwise top every centrality ranking in a small neighbourhood.
EVIDENCE = ("Email", "Phone", "Domain")


@dataclass(frozen=True)
class Insight:
    """What networkx says about a subgraph around its focus."""

    community: tuple[str, ...]
    communities: int
    connectors: tuple[tuple[str, float], ...]
    components: tuple[int, ...]


def to_networkx(graph: Subgraph) -> nx.Graph:
    """The subgraph as an undirected networkx graph (edge weight = parallel relationships)."""
    g = nx.Graph()
    for key, node in graph.nodes.items():
        g.add_node(key, label=node.label)
    for edge in graph.edges.values():
        if g.has_edge(edge.source, edge.target):
            g[edge.source][edge.target]["weight"] += edge.count
        else:
            g.add_edge(edge.source, edge.target, weight=edge.count, type=edge.type)
    return g


def insight(graph: Subgraph, *, top: int = 5, seed: int = 7) -> Insight:
    """The focus's community (Louvain, seeded so it is repeatable), the ``top`` nodes by
    betweenness centrality other than the focus, and the sizes of the components the
    subgraph falls into without the focus (how much of it hangs on that one node)."""
    g = to_networkx(graph)
    focus = graph.focus
    if g.number_of_nodes() == 0 or focus is None:
        return Insight((), 0, (), ())
    communities = nx.community.louvain_communities(g, weight="weight", seed=seed) if g.number_of_edges() else [
        {n} for n in g.nodes
    ]
    mine = next((c for c in communities if focus in c), {focus})
    centrality = nx.betweenness_centrality(g, normalized=True) if g.number_of_nodes() > 2 else {}
    ranked = sorted(
        ((k, round(v, 4)) for k, v in centrality.items()
         if k != focus and v > 0 and g.nodes[k]["label"] not in EVIDENCE),
        key=lambda kv: (-kv[1], kv[0]),
    )[:top]
    rest = g.copy()
    rest.remove_node(focus)
    components = tuple(sorted((len(c) for c in nx.connected_components(rest)), reverse=True))
    return Insight(tuple(sorted(mine)), len(communities), tuple(ranked), components)
