"""Merge and unmerge on a real graph: relationships moved without duplicates, exact undo, conflicts."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import datetime

import pytest

from graphcrm.dedupe.merge import MergeConflict, MergeError, merge_log, merge_records, unmerge
from graphcrm.demo.generate import generate
from graphcrm.demo.load import load_demo
from tests.graphdump import BOOKKEEPING_LABELS, dump

LEADS = 300
SKIP = (*BOOKKEEPING_LABELS, "Merge")  # the audit log is meant to remember the merge
NOW = datetime(2030, 1, 1, 12, 0)


@pytest.fixture
def demo(store):
    load_demo(store, leads=LEADS, seed=7)
    return store


def three_at_one_company(store) -> list[str]:
    """A planted duplicate pair plus a coworker with touches, emails and phones of their own."""
    truth = generate(LEADS, 7).truth
    a, b = truth["lead_a"].iloc[0], truth["lead_b"].iloc[0]
    works_at = store.read("dedupe/identity_links", label="Lead", rel="WORKS_AT", label_to="Company")
    company = next(r["key"] for r in works_at if r["id"] == a)
    coworkers = sorted(r["id"] for r in works_at if r["key"] == company and r["id"] not in (a, b))
    return [a, b, coworkers[0]]


def company_of(store, lead: str) -> str:
    works_at = store.read("dedupe/identity_links", label="Lead", rel="WORKS_AT", label_to="Company")
    return next(r["key"] for r in works_at if r["id"] == lead)


def rels_of(store, record_id: str) -> list[tuple]:
    return [r for r in dump(store, skip=SKIP)["rels"] if record_id in (r[0], r[2])]


def test_merge_three_moves_relationships_without_duplicate_edges(demo):
    ids = three_at_one_company(demo)
    before = {i: rels_of(demo, i) for i in ids}
    report = merge_records(demo, ids, survivor=ids[0], by="ann", now=NOW)
    assert report.survivor == ids[0] and report.absorbed == ids[1:]
    survivor_rels = rels_of(demo, ids[0])
    identity = Counter((r[0], r[1], r[2], dict(r[3]).get("key")) for r in survivor_rels)
    assert max(identity.values()) == 1  # no duplicate edges
    emails = {r[2] for r in survivor_rels if r[1] == "HAS_EMAIL"}
    absorbed_emails = {r[2] for i in ids for r in before[i] if r[1] == "HAS_EMAIL"}
    assert emails == absorbed_emails  # absorbed emails stay as identity links
    touches = {(r[2], dict(r[3])["key"]) for i in ids for r in before[i] if r[1] == "TOUCHED_BY"}
    assert {(r[2], dict(r[3])["key"]) for r in survivor_rels if r[1] == "TOUCHED_BY"} == touches
    for tomb in ids[1:]:
        left = rels_of(demo, tomb)
        assert [(r[1], r[2]) for r in left] == [("MERGED_INTO", ids[0])]
        assert dict(left[0][3])["merge_id"] == report.merge_id and dict(left[0][3])["by"] == "ann"
    owners = [r for r in survivor_rels if r[1] == "OWNS" and "until" not in dict(r[3])]
    assert len(owners) <= 1  # one open ownership at a time
    log = merge_log(demo)
    assert log[0]["id"] == report.merge_id and log[0]["status"] == "merged" and log[0]["absorbed"] == ids[1:]


def test_unmerge_restores_the_whole_graph_exactly(demo):
    ids = three_at_one_company(demo)
    before = dump(demo, skip=SKIP)
    report = merge_records(demo, ids, rule="most_recent", now=NOW)
    assert dump(demo, skip=SKIP) != before
    unmerge(demo, report.merge_id, by="bob", now=NOW)
    assert dump(demo, skip=SKIP) == before
    entry = merge_log(demo)[0]
    assert entry["status"] == "undone" and entry["undone_by"] == "bob"
    with pytest.raises(MergeConflict, match="already undone"):
        unmerge(demo, report.merge_id)


def test_a_merged_record_cannot_be_merged_again(demo):
    a, b, c = three_at_one_company(demo)
    first = merge_records(demo, [a, b], survivor=a, now=NOW)
    with pytest.raises(MergeConflict, match=f"{b} was already merged into {a}"):
        merge_records(demo, [b, c], now=NOW)
    second = merge_records(demo, [a, c], survivor=a, now=datetime(2030, 1, 2))
    with pytest.raises(MergeConflict, match="undo it first"):
        unmerge(demo, first.merge_id)  # a later merge changed the survivor
    unmerge(demo, second.merge_id)
    unmerge(demo, first.merge_id)


def test_concurrent_merges_of_one_record_one_wins_the_other_is_refused(demo):
    a, b, c = three_at_one_company(demo)
    outcomes: list[object] = []
    barrier = threading.Barrier(2)

    def attempt(ids: list[str]) -> None:
        barrier.wait()
        try:
            outcomes.append(merge_records(demo, ids, survivor=ids[0], now=NOW))
        except MergeConflict as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=attempt, args=(ids,)) for ids in ([a, b], [c, b])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(type(o).__name__ for o in outcomes) == ["MergeConflict", "MergeReport"]
    assert "already merged" in str(next(o for o in outcomes if isinstance(o, MergeConflict)))


def test_merge_refuses_nonsense(demo):
    a, b, _ = three_at_one_company(demo)
    with pytest.raises(MergeError, match="at least two"):
        merge_records(demo, [a, a])
    with pytest.raises(MergeError, match="no lead, contact or company"):
        merge_records(demo, [a, "lead-nope"])
    with pytest.raises(MergeError, match="not one of the merged"):
        merge_records(demo, [a, b], survivor="lead-other")
    company = company_of(demo, a)
    with pytest.raises(MergeError, match="companies cannot be merged"):
        merge_records(demo, [a, company])
    with pytest.raises(MergeError, match="no merge"):
        unmerge(demo, "merge-nope")


def test_leads_merge_into_a_contact_and_keep_what_a_contact_cannot_have(demo):
    converted = {r["a"]: r["b"] for r in demo.read("dedupe/converted_pairs")}
    lead = sorted(converted)[0]
    contact = converted[lead]
    works_at = demo.read("dedupe/identity_links", label="Lead", rel="WORKS_AT", label_to="Company")
    copy = sorted(r["id"] for r in works_at if r["id"] not in converted)[0]  # merged by hand: any lead
    before = dump(demo, skip=SKIP)
    report = merge_records(demo, [lead, copy, contact], now=NOW)
    assert report.survivor == contact  # leads and contacts mix: a contact survives
    kept = [(r[1], r[2]) for r in rels_of(demo, lead) if r[0] == lead]
    assert ("MERGED_INTO", contact) in kept
    assert any(rel == "CONVERTED_TO" and other.startswith("opp-") for rel, other in kept)
    assert ("CONVERTED_TO", contact) not in kept  # the lead's conversion to the survivor would point at itself
    unmerge(demo, report.merge_id, now=NOW)
    assert dump(demo, skip=SKIP) == before


def test_companies_merge_with_their_people_and_unmerge_exactly(demo):
    works_at = demo.read("dedupe/identity_links", label="Lead", rel="WORKS_AT", label_to="Company")
    companies = sorted({r["key"] for r in works_at})[:2]
    people = {r["id"] for r in works_at if r["key"] in companies}
    before = dump(demo, skip=SKIP)
    report = merge_records(demo, companies, survivor=companies[0], now=NOW)
    after_merge = {r["id"] for r in demo.read("dedupe/identity_links", label="Lead", rel="WORKS_AT",
                                              label_to="Company") if r["key"] == companies[0]}
    assert after_merge == people and report.absorbed == [companies[1]]
    unmerge(demo, report.merge_id, now=NOW)
    assert dump(demo, skip=SKIP) == before
