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


# What a record of each label can have been merged into (leads also into contacts).
MERGE_TARGETS = {"Lead": ("Lead", "Contact"), "Contact": ("Contact",), "Company": ("Company",)}


@dataclass(frozen=True)
class MergedInto:
    """A merged-away record's live survivor, and the merge that took the record away."""

    label: str
    id: str
    name: str
    merge_id: str
    at: object
    by: str


def merged_into(store: Store, label: str, node_id: str) -> MergedInto | None:
    """The live record ``label``/``node_id`` was merged into (following later merges), or None
    when it is live itself."""
    first: dict | None = None
    seen = {(label, node_id)}
    found: MergedInto | None = None
    while label in MERGE_TARGETS:
        row = next((dict(r, label=to) for to in MERGE_TARGETS[label]
                    for r in store.read("explore/merged_into", label=label, label_to=to, id=node_id)), None)
        if row is None or (row["label"], row["id"]) in seen:
            break
        first = first or row
        label, node_id = row["label"], row["id"]
        seen.add((label, node_id))
        found = MergedInto(label, node_id, row["name"] or node_id, first["merge_id"], first["at"], first["by"] or "")
    return found


def degrees(store: Store, label: str, node_id: str) -> list[Degree]:
    """The node's neighbour counts, largest first, bookkeeping labels left out."""
    rows = store.read("explore/degree", label=check_label(label), id=node_id)
    found = [Degree(r["dir"], r["rel"], r["kind"], int(r["total"])) for r in rows if r["kind"] in EXPLORABLE]
    return sorted(found, key=lambda d: (-d.total, d.type, d.kind, d.direction))
