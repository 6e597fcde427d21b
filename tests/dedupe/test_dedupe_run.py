"""Deduplication runs on a real graph: planted duplicates found, decisions kept, re-runs incremental."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from graphcrm.dedupe.persist import NOT_DUPLICATE, set_status, stored_pairs
from graphcrm.dedupe.run import Thresholds, review_queue, run_dedupe
from graphcrm.demo.generate import generate
from graphcrm.demo.load import load_demo

LEADS = 1000
LATER = datetime(2030, 1, 1)


@pytest.fixture
def demo(store):
    load_demo(store, leads=LEADS, seed=7)
    return store


def truth_pairs() -> set[frozenset[str]]:
    truth = generate(LEADS, 7).truth
    return {frozenset(p) for p in zip(truth["lead_a"], truth["lead_b"], strict=True)}


def test_planted_duplicates_are_found_with_high_precision_and_recall(demo):
    report = run_dedupe(demo, "lead", now=LATER)
    assert report.records > LEADS and 0 < report.compared < report.records * 10  # never all pairs
    pairs, groups = review_queue(demo, "lead", Thresholds())
    found = {frozenset((p.a, p.b)) for p in pairs if p.a_label == p.b_label == "Lead"}
    truth = truth_pairs()
    recall = len(found & truth) / len(truth)
    precision = len(found & truth) / len(found)
    assert recall >= 0.9 and precision >= 0.9, (recall, precision)
    assert all(len(g) >= 2 for g in groups) and groups
    reasons = pairs[0].reasons
    assert {r["field"] for r in reasons} >= {"name", "email", "phone", "company", "found_by"}
    assert all(r["status"] in ("agree", "partial", "disagree", "missing", "info") for r in reasons)


def test_not_a_duplicate_sticks_across_runs(demo):
    run_dedupe(demo, "lead", now=LATER)
    pairs, _ = review_queue(demo, "lead", Thresholds())
    top = pairs[0]
    set_status(demo, [(top.a_label, top.a, top.b_label, top.b)], NOT_DUPLICATE)
    run_dedupe(demo, "lead", full=True, now=datetime(2030, 1, 2))
    again, _ = review_queue(demo, "lead", Thresholds())
    assert (top.a, top.b) not in {(p.a, p.b) for p in again}
    kept = {(p.a, p.b): p.status for p in stored_pairs(demo, "lead")}
    assert kept[(top.a, top.b)] == NOT_DUPLICATE


def test_rerun_compares_only_new_records_against_everything(demo):
    first = run_dedupe(demo, "lead", now=LATER)
    assert run_dedupe(demo, "lead", now=datetime(2030, 1, 2)).compared == 0  # nothing new
    first_id = demo.read("dedupe/people", label="Lead")[0]["id"]
    original = demo.read("ingest/nodes_by_id", label="Lead", ids=[first_id])[0]["node"]
    copy = {k: original[k] for k in ("first_name", "last_name", "name", "name_key", "pinyin_key", "email",
                                     "phone", "company_name", "company_key", "city")}
    copy.update(id="lead-new-copy", external_id="NEW1", source_system="web", batch_id="later",
                created_at=datetime(2030, 2, 1), updated_at=datetime(2030, 2, 1))
    demo.bulk_create_nodes("Lead", pd.DataFrame([copy]))
    second = run_dedupe(demo, "lead", now=datetime(2030, 2, 2))
    assert second.new_records == 1 and 0 < second.compared < first.compared
    assert {p.a for p in second.pairs} | {p.b for p in second.pairs} >= {"lead-new-copy", original["id"]}
    assert all("lead-new-copy" in (p.a, p.b) for p in second.pairs)
    pairs, _ = review_queue(demo, "lead", Thresholds(review=0.5))
    assert frozenset(("lead-new-copy", original["id"])) in {frozenset((p.a, p.b)) for p in pairs}


def test_thresholds_are_checked():
    with pytest.raises(ValueError):
        Thresholds(review=0.9, auto=0.5)
