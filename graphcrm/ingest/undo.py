"""Undo an import batch: remove what it created, restore what it changed."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd

from graphcrm.ingest.write import MANAGED, set_props
from graphcrm.store import Store
from graphcrm.store.base import dumps
from graphcrm.clock import utc_now

# Records an import is about; a later batch that built on them blocks the undo.
RECORD_LABELS = ("Lead", "Contact", "Campaign", "Opportunity", "Activity")
# Nodes several records share: removed only when nothing links to them any more.
SHARED_LABELS = ("Company", "Rep", "Source", "Email", "Phone", "Domain")


class UndoError(Exception):
    """The batch cannot be undone (unknown, already undone, or built upon)."""


@dataclass
class UndoReport:
    """What an undo removed and restored."""

    batch_id: str
    removed: dict[str, int] = field(default_factory=dict)
    restored: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The ``--json`` shape."""
        return {"batch_id": self.batch_id, "removed": self.removed, "restored": self.restored}


def undo_batch(store: Store, batch_id: str, *, now: datetime | None = None) -> UndoReport:
    """Remove the nodes and relationships a batch created and restore the nodes it updated.

    All in one transaction. Refused when a later batch changed or linked to what
    this batch created (undo that one first).
    """
    now = now or utc_now()
    batches = store.read("ingest/batch_get", id=batch_id)
    if not batches:
        raise UndoError(f"no import batch {batch_id!r}")
    if batches[0]["status"] == "undone":
        raise UndoError(f"import batch {batch_id} was already undone")
    report = UndoReport(batch_id)
    with store.transaction():
        revisions = store.read("ingest/revisions_of", batch=batch_id)
        created = {label: [r["id"] for r in store.read("ingest/created_ids", label=label, batch=batch_id)]
                   for label in RECORD_LABELS}
        _refuse_if_built_upon(store, batch_id, created, revisions)
        by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for revision in revisions:
            by_label[revision["label"]].append({"id": revision["node_id"], **json.loads(revision["before"])})
        for label, snapshots in by_label.items():
            if label == "TOUCHED_BY":
                _restore_touches(store, snapshots)
            else:
                _restore_nodes(store, label, snapshots)
            report.restored[label] = len(snapshots)
        store.write("ingest/delete_batch_rels", batch=batch_id)
        for label in RECORD_LABELS:
            if created[label]:
                store.write("ingest/delete_batch_nodes", label=label, batch=batch_id)
                report.removed[label] = len(created[label])
        for label in SHARED_LABELS:
            gone = store.read("ingest/created_ids", label=label, batch=batch_id)
            store.write("ingest/delete_batch_orphans", label=label, batch=batch_id)
            left = store.read("ingest/created_ids", label=label, batch=batch_id)
            if len(gone) - len(left):
                report.removed[label] = len(gone) - len(left)
        store.write("ingest/delete_revisions", batch=batch_id)
        store.write("ingest/batch_update", id=batch_id, status="undone",
                    counts=batches[0]["counts"] or dumps({}), now=now)
    return report


def _refuse_if_built_upon(
    store: Store, batch_id: str, created: dict[str, list[str]], revisions: list[dict[str, Any]]
) -> None:
    touched = [r["node_id"] for r in revisions] + [i for ids in created.values() for i in ids]
    later = {r["batch_id"] for r in store.read("ingest/revisions_touching", batch=batch_id, ids=touched)}
    for label in RECORD_LABELS:
        if created[label]:
            later |= {r["batch_id"] for r in store.read("ingest/foreign_rels", label=label, batch=batch_id)}
    live = sorted(b for b in later if (store.read("ingest/batch_get", id=b) or [{}])[0].get("status") != "undone")
    if live:
        raise UndoError(
            f"import batch {batch_id} cannot be undone: later batch(es) {', '.join(live)} changed or linked "
            "to what it created; undo those first"
        )


def _restore_nodes(store: Store, label: str, snapshots: list[dict[str, Any]]) -> None:
    types = store.model.nodes[label].properties
    rows = []
    for snap in snapshots:
        props = {k: _typed(v, types.get(k, "STRING")) for k, v in snap["props"].items()}
        rows.append({p: props.get(p) for p in types if p not in ("created_at", "batch_id")} | {"id": snap["id"]})
    set_props(store, label, rows)
    # drop the node's current managed links, then put the remembered ones back
    managed = MANAGED[label]
    ids = [s["id"] for s in snapshots]
    groups: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for query, outgoing in (("ingest/links_out", True), ("ingest/links_in", False)):
        for row in store.read(query, label=label, ids=ids):
            if managed.get(row["rel"]) is outgoing:
                a, b = (label, row["other_label"]) if outgoing else (row["other_label"], label)
                ends = (row["id"], row["other_id"]) if outgoing else (row["other_id"], row["id"])
                groups[(row["rel"], a, b)].append({"from": ends[0], "to": ends[1]})
    for (rel, a, b), pairs in groups.items():
        store.write_batch("ingest/delete_rels", pairs, rel=rel, label_from=a, label_to=b)
    recreate: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for snap in snapshots:
        for link in snap["links"]:
            rel_types = store.model.rels[link["rel"]].properties
            props = {k: _typed(v, rel_types[k]) for k, v in link["props"].items() if k in rel_types}
            if link["outgoing"]:
                recreate[(link["rel"], label, link["label"])].append({"from": snap["id"], "to": link["id"], **props})
            else:
                recreate[(link["rel"], link["label"], label)].append({"from": link["id"], "to": snap["id"], **props})
    for (rel, a, b), rows_ in recreate.items():
        store.bulk_create_rels(rel, a, b, pd.DataFrame(rows_))


def _restore_touches(store: Store, snapshots: list[dict[str, Any]]) -> None:
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for snap in snapshots:
        by_label[snap["person_label"]].append({
            "person_id": snap["person_id"], "campaign_id": snap["campaign_id"], "key": snap["key"],
            "kind": snap["kind"], "responded_at": _typed(snap["responded_at"], "TIMESTAMP"),
        })
    for label, rows in by_label.items():
        store.write_batch("ingest/update_touches", rows, label=label)


def _typed(value: Any, kind: str) -> Any:
    """A snapshot value (JSON) back in the property's type."""
    if value is None:
        return None
    if kind == "TIMESTAMP":
        return datetime.fromisoformat(value)
    if kind == "DATE":
        return date.fromisoformat(value)
    return value
