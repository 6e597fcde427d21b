"""One deduplication run: load, find candidates, compare, score, persist, cluster."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from graphcrm.dedupe.candidates import candidate_pairs
from graphcrm.dedupe.clusters import clusters
from graphcrm.dedupe.compare import compare_pairs
from graphcrm.dedupe.persist import last_run, load_model, record_run, save_pairs, stored_pairs, store_model
from graphcrm.dedupe.records import Records, load_records
from graphcrm.dedupe.score import MIN_PAIRS_FOR_EM, Scorer, estimate_u, fit_scorer, reasons
from graphcrm.store import Store
from graphcrm.clock import utc_now

PERSIST_FLOOR = 0.3  # pairs scoring below this are not recorded at all


@dataclass(frozen=True)
class Thresholds:
    """Score zones: at least ``auto`` merges without review, at least ``review`` goes to the queue."""

    review: float = 0.8
    auto: float = 0.99

    def __post_init__(self) -> None:
        if not 0.0 <= self.review <= self.auto <= 1.0:
            raise ValueError("thresholds must satisfy 0 <= review <= auto <= 1")


@dataclass
class Pair:
    """A scored candidate pair (ids in stored orientation) with its explanation."""

    a: str
    b: str
    a_label: str
    b_label: str
    score: float
    reasons: list[dict[str, Any]]
    status: str = "pending"


@dataclass
class RunReport:
    """What a run found and how much work it did."""

    entity: str
    records: int = 0
    new_records: int = 0
    compared: int = 0
    recorded: int = 0
    seconds: float = 0.0
    skipped_blocks: dict[str, int] = field(default_factory=dict)
    model: Scorer | None = None
    pairs: list[Pair] = field(default_factory=list)  # this run's pairs at or above the persist floor


def run_dedupe(store: Store, entity: str = "lead", *, full: bool = False, persist: bool = True,
               now: datetime | None = None, max_block: int = 50) -> RunReport:
    """Compare new records (all with ``full``) against everything; record the pairs worth keeping."""
    started = time.perf_counter()
    now = now or utc_now()
    records = load_records(store, entity)
    report = RunReport(entity, records=len(records))
    since = None if full else last_run(store, entity)
    new = _new_mask(records, since)
    report.new_records = int(new.sum()) if new is not None else len(records)
    if len(records) < 2 or (new is not None and not new.any()):
        if persist:
            record_run(store, entity, now)
        report.seconds = time.perf_counter() - started
        return report
    cands = candidate_pairs(records, max_block=max_block, new=new)
    report.compared, report.skipped_blocks = len(cands), cands.skipped_blocks
    comparison = compare_pairs(records.frame, cands.a, cands.b, entity)
    model = _model(store, records, comparison.levels, comparison.names, entity)
    report.model = model
    scores = model.score(comparison.levels) if len(cands) else np.array([])
    report.pairs = _pairs(records, cands, comparison.levels, model, scores)
    if persist:
        report.recorded = save_pairs(store, report.pairs, now)
        if model.fitted:
            store_model(store, entity, model)
        record_run(store, entity, now)
    report.seconds = time.perf_counter() - started
    return report


def review_queue(store: Store, entity: str, thresholds: Thresholds) -> tuple[list[Pair], list[list[str]]]:
    """Pending recorded pairs at or above the review threshold, and their clusters."""
    pairs = [p for p in stored_pairs(store, entity) if p.status == "pending" and p.score >= thresholds.review]
    pairs.sort(key=lambda p: (-p.score, p.a, p.b))
    groups = clusters(((p.a, p.b, p.score) for p in pairs), review=thresholds.review, strong=thresholds.auto)
    return pairs, groups


def _new_mask(records: Records, since: datetime | None) -> np.ndarray | None:
    if since is None or not len(records):
        return None
    frame = records.frame
    created = pd.to_datetime(frame["created_at"]).to_numpy()
    updated = pd.to_datetime(frame["updated_at"]).to_numpy()
    cut = np.datetime64(since)
    return (created > cut) | (updated > cut)


def _model(store: Store, records: Records, levels: pd.DataFrame, names: dict[str, tuple[str, ...]],
           entity: str) -> Scorer:
    if len(levels) < MIN_PAIRS_FOR_EM:
        stored = load_model(store, entity)
        if stored is not None and set(stored.names) == set(names):
            return stored
    return fit_scorer(levels, names, estimate_u(records.frame, entity, names))


def _pairs(records: Records, cands: Any, levels: pd.DataFrame, model: Scorer, scores: np.ndarray) -> list[Pair]:
    frame = records.frame
    ids = frame["id"].to_numpy(dtype=object)
    labels = frame["label"].to_numpy(dtype=object)
    out = []
    for row in np.flatnonzero(scores >= PERSIST_FLOOR):
        x, y = int(cands.a[row]), int(cands.b[row])
        if labels[x] != labels[y]:  # cross pairs point from the lead to the contact
            x, y = (x, y) if labels[x] == "Lead" else (y, x)
        elif ids[x] > ids[y]:
            x, y = y, x
        explanation = [{"field": "found_by", "level": str(cands.via[row]), "status": "info", "weight": 0.0}]
        out.append(Pair(ids[x], ids[y], labels[x], labels[y], round(float(scores[row]), 6),
                        reasons(model, levels, int(row)) + explanation))
    return out
