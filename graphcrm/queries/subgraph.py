"""Typed results shared by the explore queries: nodes, edges, and fetched subgraphs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Labels a user can open and explore; bookkeeping labels (ImportBatch, Revision, Meta) never show.
EXPLORABLE = (
    "Lead", "Contact", "Company", "Campaign", "Source", "Rep", "Opportunity", "Activity",
    "Email", "Phone", "Domain",
)


@dataclass(frozen=True)
class Node:
    """One node: its label, id and non-empty properties."""

    label: str
    id: str
    props: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> str:
        """A key unique across labels (``Lead:lead-1``)."""
        return f"{self.label}:{self.id}"

    @property
    def name(self) -> str:
        """What to call the node in a list or on the canvas."""
        for prop in ("name", "email", "type"):
            if self.props.get(prop):
                return str(self.props[prop])
        return self.id


@dataclass(frozen=True)
class Edge:
    """A relationship between two nodes (by key); ``count`` parallel ones drawn as one."""

    source: str
    target: str
    type: str
    count: int = 1

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.type, self.target)


@dataclass(frozen=True)
class More:
    """What a capped subgraph left out around ``parent``: in one group (direction,
    relationship type, neighbour label) ``shown`` neighbours are drawn and ``remaining``
    relationships are not (parallel touches count one each)."""

    parent: str
    type: str
    kind: str
    direction: str
    shown: int
    remaining: int

    @property
    def key(self) -> str:
        return f"more:{self.parent}:{self.direction}:{self.type}:{self.kind}"


@dataclass
class Subgraph:
    """Nodes and edges fetched around a focus, plus what was left out."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], Edge] = field(default_factory=dict)
    more: list[More] = field(default_factory=list)
    focus: str | None = None
    degrees: dict[str, int] = field(default_factory=dict)

    def add_node(self, node: Node) -> None:
        self.nodes.setdefault(node.key, node)

    def add_edge(self, edge: Edge) -> None:
        self.edges.setdefault(edge.key, edge)

    def neighbour_keys(self, key: str) -> set[str]:
        """Keys of the nodes joined to ``key`` by a fetched edge."""
        out = {e.target for e in self.edges.values() if e.source == key}
        return out | {e.source for e in self.edges.values() if e.target == key}


def node_from_row(value: dict[str, Any], label: str | None = None) -> Node:
    """A ``Node`` from a backend's node value (``_label`` plus properties)."""
    label = label or value.get("_label") or value.get("label")
    props = {k: v for k, v in value.items() if not k.startswith("_") and v is not None}
    return Node(str(label), str(props.get("id")), props)
