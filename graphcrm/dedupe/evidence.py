"""What the review page shows: records side by side and the graph evidence that joins them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graphcrm.dedupe.merge import COMPANY_FIELDS, PERSON_FIELDS, RECORD_LABELS
from graphcrm.dedupe.run import Pair
from graphcrm.queries.nodes import fetch_nodes
from graphcrm.queries.subgraph import Edge, Subgraph
from graphcrm.store import Store

# what connects duplicates: shared identities, the company, the campaigns that touched them
EVIDENCE_LABELS = ("Email", "Phone", "Domain", "Company", "Campaign")
# which comparator speaks for which field group on the page
COMPARED = {"name": "name", "email": "email", "phone": "phone", "company": "company", "address": "city",
            "domain": "domain"}
SHOWN = {"name": ("name",), "address": ("street", "city", "region", "postcode", "country"),
         "company": ("company_name",)}


@dataclass
class Comparison:
    """Records side by side: per field group each record's value and how it compares with the first."""

    ids: list[str]
    labels: dict[str, str]
    nodes: dict[str, dict[str, Any]]
    rows: list[dict[str, Any]] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)


def load_records(store: Store, ids: list[str]) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """Labels and properties of records by id (unknown ids left out)."""
    labels: dict[str, str] = {}
    nodes: dict[str, dict[str, Any]] = {}
    for label in RECORD_LABELS:
        for row in store.read("ingest/nodes_by_id", label=label, ids=ids):
            labels[row["id"]] = label
            nodes[row["id"]] = {k: v for k, v in row["node"].items() if not k.startswith("_")}
    return labels, nodes


def compare_records(store: Store, ids: list[str], pairs: list[Pair]) -> Comparison:
    """Side-by-side rows; a cell's status comes from the stored pair's reasons, else from equality."""
    labels, nodes = load_records(store, ids)
    ids = [i for i in ids if i in nodes]
    comparison = Comparison(ids, labels, nodes)
    wanted = set(ids)
    comparison.pairs = [p for p in pairs if p.a in wanted and p.b in wanted]
    if not ids:
        return comparison
    reasons = {frozenset((p.a, p.b)): {r["field"]: r for r in p.reasons} for p in comparison.pairs}
    groups = COMPANY_FIELDS if labels[ids[0]] == "Company" else PERSON_FIELDS
    first = ids[0]
    for name, props in groups.items():
        shown = SHOWN.get(name, props)
        values = {i: " ".join(str(nodes[i][p]) for p in shown if nodes[i].get(p) not in (None, "")) for i in ids}
        if not any(values.values()):
            continue
        cells = []
        for i in ids:
            reason = reasons.get(frozenset((first, i)), {}).get(COMPARED.get(name, ""))
            if i == first:
                status, weight = "reference", None
            elif reason:
                status, weight = reason["status"], reason["weight"]
            elif not values[i] or not values[first]:
                status, weight = "missing", None
            else:
                status, weight = ("agree" if values[i] == values[first] else "disagree"), None
            cells.append({"id": i, "value": values[i], "status": status, "weight": weight})
        comparison.rows.append({"field": name, "cells": cells})
    return comparison


def evidence_graph(store: Store, ids: list[str], labels: dict[str, str]) -> Subgraph:
    """The records and the nodes that join at least two of them (or each record's company)."""
    graph = Subgraph()
    links: dict[tuple[str, str], set[str]] = defaultdict(set)  # (label, id) -> records linked
    edges: list[tuple[str, str, str, bool]] = []
    by_label: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        by_label[labels[i]].append(i)
    for label, group in by_label.items():
        for direction in ("out", "in"):
            for row in store.read(f"ingest/links_{direction}", label=label, ids=group):
                other = (row["other_label"], row["other_id"])
                if row["other_label"] in EVIDENCE_LABELS:
                    links[other].add(row["id"])
                    edges.append((f"{label}:{row['id']}", row["rel"], f"{other[0]}:{other[1]}", direction == "out"))
                elif row["other_label"] in RECORD_LABELS and row["other_id"] in labels:
                    edges.append((f"{label}:{row['id']}", row["rel"], f"{other[0]}:{other[1]}", direction == "out"))
    keep = {other for other, linked in links.items() if len(linked) >= 2 or other[0] == "Company"}
    found = fetch_nodes(store, [(labels[i], i) for i in ids] + sorted(keep))
    for node in found.values():
        graph.add_node(node)
    for source, rel, target, outgoing in edges:
        if source in graph.nodes and target in graph.nodes:
            graph.add_edge(Edge(source, target, rel) if outgoing else Edge(target, source, rel))
    graph.focus = f"{labels[ids[0]]}:{ids[0]}" if ids else None
    return graph
