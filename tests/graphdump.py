"""Test helper: the whole graph as comparable Python data."""

from __future__ import annotations

from typing import Any

from graphcrm.store import Store

BOOKKEEPING_LABELS = ("ImportBatch", "Revision", "Meta")


def dump(store: Store, *, skip: tuple[str, ...] = BOOKKEEPING_LABELS) -> dict[str, Any]:
    """Every node (by label and id, with properties) and every relationship, sorted."""
    nodes = {}
    for row in store.read("test_support/dump_nodes"):
        if row["label"] in skip:
            continue
        props = {k: v for k, v in row["node"].items() if not k.startswith("_") and v is not None}
        nodes[(row["label"], props["id"])] = props
    rels = []
    for row in store.read("test_support/dump_rels"):
        props = {k: v for k, v in (row["rel"] or {}).items() if not k.startswith("_") and v is not None}
        rels.append((row["src"], row["type"], row["dst"], tuple(sorted((k, str(v)) for k, v in props.items()))))
    return {"nodes": nodes, "rels": sorted(rels)}
