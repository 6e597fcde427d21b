"""Look nodes up by id, and count a node's neighbours by relationship."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from graphcrm.queries.subgraph import EXPLORABLE, Node, node_from_row
from graphcrm.store import Store


# The query that fetches each label's card (the properties lists and graphs show).
CARD_QUERIES = {label: f"explore/cards/{label.lower()}" for label in EXPLORABLE}


class NotFound(LookupError):
    """No node with that label and id."""


@dataclass(frozen=True)
class Degree:
    """How many distinct ``kind`` neighbours a node has through ``type`` in ``direction``."""

    direction: str
    type: str
    kind: str
    total: int


def check_label(label: str) -> str:
    """``label`` if users may open it, else ValueError."""
    if label not in EXPLORABLE:
        raise ValueError(f"not an explorable node label: {label!r}")
    return label


def fetch_nodes(store: Store, keys: Iterable[tuple[str, str]], *, whole: bool = False) -> dict[str, Node]:
    """Nodes by ``(label, id)``, keyed ``Label:id``; ids that do not exist are left out.

    By default each node carries the properties lists and graphs show (its card);
    ``whole`` fetches every property.
    """
    by_label: dict[str, list[str]] = defaultdict(list)
    for label, node_id in keys:
        by_label[check_label(label)].append(node_id)
    found: dict[str, Node] = {}
    for label, ids in by_label.items():
        unique = sorted(set(ids))
        if whole:
            rows = [row["n"] for row in store.read("explore/nodes", label=label, ids=unique)]
        else:
            rows = store.read(CARD_QUERIES[label], ids=unique)
        for row in rows:
            node = node_from_row(row, label)
            found[node.key] = node
    return found


def get_node(store: Store, label: str, node_id: str) -> Node:
    """One node, or ``NotFound``."""
    found = fetch_nodes(store, [(label, node_id)], whole=True)
    if not found:
        raise NotFound(f"no {label} with id {node_id!r}")
    return next(iter(found.values()))


def degrees(store: Store, label: str, node_id: str) -> list[Degree]:
    """The node's neighbour counts, largest first, bookkeeping labels left out."""
    rows = store.read("explore/degree", label=check_label(label), id=node_id)
    found = [Degree(r["dir"], r["rel"], r["kind"], int(r["total"])) for r in rows if r["kind"] in EXPLORABLE]
    return sorted(found, key=lambda d: (-d.total, d.type, d.kind, d.direction))
