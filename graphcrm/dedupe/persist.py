"""Candidate pairs as ``POSSIBLE_DUPLICATE {score, reasons, status}`` edges, and run bookkeeping.

Statuses: ``pending`` (in the review queue) and ``not_duplicate`` (an admin's decision,
which later runs never overwrite). The time of the last run per entity and the fitted
model live in ``Meta`` nodes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from typing import TYPE_CHECKING, Any

from graphcrm.dedupe.score import Scorer
from graphcrm.store import Store
from graphcrm.clock import utc_now

if TYPE_CHECKING:
    from graphcrm.dedupe.run import Pair

PENDING, NOT_DUPLICATE = "pending", "not_duplicate"
STATUSES = (PENDING, NOT_DUPLICATE)
LABEL_PAIRS = {"lead": (("Lead", "Lead"), ("Lead", "Contact")), "contact": (("Contact", "Contact"),),
               "company": (("Company", "Company"),)}


def last_run(store: Store, entity: str) -> datetime | None:
    """When deduplication of ``entity`` last ran, or None."""
    rows = store.read("meta/get", id=f"dedupe_last_run:{entity}")
    return datetime.fromisoformat(rows[0]["value"]) if rows else None


def record_run(store: Store, entity: str, now: datetime) -> None:
    """Remember that ``entity`` was deduplicated at ``now``."""
    store.write("meta/set", id=f"dedupe_last_run:{entity}", value=now.isoformat(), now=now)


def store_model(store: Store, entity: str, model: Scorer) -> None:
    """Keep the fitted weights (shown in the docs/UI, reused by small incremental runs)."""
    store.write("meta/set", id=f"dedupe_model:{entity}", value=json.dumps(model.as_json()),
                now=utc_now())


def load_model(store: Store, entity: str) -> Scorer | None:
    """The weights of the last fitted run, or None."""
    rows = store.read("meta/get", id=f"dedupe_model:{entity}")
    return Scorer.from_json(json.loads(rows[0]["value"])) if rows else None


def save_pairs(store: Store, pairs: list[Pair], now: datetime) -> int:
    """Record pairs (new ones pending; a decided pair keeps its status). Returns how many."""
    by_labels: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for p in pairs:
        by_labels[(p.a_label, p.b_label)].append(
            {"from": p.a, "to": p.b, "score": p.score, "reasons": json.dumps(p.reasons, ensure_ascii=False)})
    for (label_from, label_to), rows in by_labels.items():
        store.write_batch("dedupe/pairs_upsert", rows, label_from=label_from, label_to=label_to, now=now)
    return len(pairs)


def stored_pairs(store: Store, entity: str) -> list[Pair]:
    """Every recorded pair of ``entity`` between live records (tombstones left out)."""
    from graphcrm.dedupe.run import Pair

    out = []
    for label_from, label_to in LABEL_PAIRS[entity]:
        for row in store.read("dedupe/pairs_list", label_from=label_from, label_to=label_to):
            out.append(Pair(row["a"], row["b"], label_from, label_to, float(row["score"] or 0.0),
                            json.loads(row["reasons"] or "[]"), row["status"] or PENDING))
    return out


def set_status(store: Store, pairs: list[tuple[str, str, str, str]], status: str,
               now: datetime | None = None) -> None:
    """Set the status of pairs given as (a_label, a_id, b_label, b_id); ``not_duplicate`` sticks."""
    if status not in STATUSES:
        raise ValueError(f"unknown pair status {status!r}")
    now = now or utc_now()
    by_labels: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for a_label, a, b_label, b in pairs:
        if a_label == b_label and a > b or (a_label, b_label) == ("Contact", "Lead"):
            a_label, a, b_label, b = b_label, b, a_label, a
        by_labels[(a_label, b_label)].append({"from": a, "to": b, "status": status})
    with store.transaction():
        for (label_from, label_to), rows in by_labels.items():
            store.write_batch("dedupe/pair_status", rows, label_from=label_from, label_to=label_to, now=now)
