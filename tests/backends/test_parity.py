"""Same inputs, same answers: the fixture exports imported into both backends agree on everything.

The graph itself (every node, property and relationship), the related-lead ranking, the duplicate
pairs and their scores, a merge and its exact undo, and every attribution model's credits.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from graphcrm.attribution.journeys import fetch
from graphcrm.attribution.report import MODELS, run_model
from graphcrm.dedupe.merge import merge_records, unmerge
from graphcrm.dedupe.run import run_dedupe
from graphcrm.ingest import ImportOptions, import_files
from graphcrm.queries.related import related_leads
from graphcrm.store import Store
from tests.conftest import NEO4J_SKIP, NEO4J_URI, make_store
from tests.graphdump import dump

pytestmark = pytest.mark.skipif(not NEO4J_URI, reason=NEO4J_SKIP)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
FILES = [  # campaigns before their members, leads before opportunities
    "salesforce_campaigns.csv", "salesforce_leads.csv", "salesforce_campaign_members.csv",
    "salesforce_opportunities.csv", "hubspot_contacts.csv", "zoho_leads.csv", "cn_leads.xlsx",
    "leads.jsonl", "business_cards.vcf",
]
T0 = datetime(2026, 3, 1, 9, 0)
T1 = datetime(2026, 3, 2, 9, 0)


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Store]]:
    """The same exports imported, one file at a time, into a fresh store of each backend."""
    stores = {name: make_store(name, tmp_path_factory.mktemp(name)) for name in ("ladybug", "neo4j")}
    for store in stores.values():
        for name in FILES:
            import_files(store, [FIXTURES / name], ImportOptions(rejects_path=None), now=T0)
    yield stores
    for store in stores.values():
        store.close()


def _canonical(store: Store) -> dict:
    """The dump with each import batch's random id replaced by the files it read."""
    whole = dump(store, skip=("Revision", "Meta"))
    files = {key[1]: f"batch of {props['files']}" for key, props in whole["nodes"].items() if key[0] == "ImportBatch"}
    graph = dump(store)
    nodes = {key: {**props, **({"batch_id": files[props["batch_id"]]} if "batch_id" in props else {})}
             for key, props in graph["nodes"].items()}
    rels = sorted((src, rel, dst, tuple((k, files.get(v, v) if k == "batch_id" else v) for k, v in props))
                  for src, rel, dst, props in graph["rels"])
    return {"nodes": nodes, "rels": rels}


def test_the_graphs_hold_the_same_nodes_properties_and_relationships(both):
    lb, n4 = _canonical(both["ladybug"]), _canonical(both["neo4j"])
    assert both["ladybug"].counts().as_dict() == both["neo4j"].counts().as_dict()
    assert len(lb["nodes"]) > 100 and len(lb["rels"]) > 100  # the fixtures loaded, not two empty graphs
    assert lb == n4


def _ranking(store: Store, lead_id: str) -> list[tuple[str, float, list[tuple[str, str]]]]:
    return [(r.lead.id, round(r.strength, 12), sorted((x.kind, x.via_id) for x in r.reasons))
            for r in related_leads(store, lead_id, limit=50)]


def test_related_leads_rank_the_same_with_the_same_reasons(both):
    leads = sorted(k[1] for k in dump(both["ladybug"])["nodes"] if k[0] == "Lead")
    rankings = {lead: _ranking(both["ladybug"], lead) for lead in leads}
    busiest = max(rankings, key=lambda lead: len(rankings[lead]))
    assert len(rankings[busiest]) >= 3
    for lead in leads:
        assert _ranking(both["neo4j"], lead) == rankings[lead], lead


def _pairs(store: Store) -> list[tuple[str, str, float, list]]:
    report = run_dedupe(store, "lead", full=True, now=T1)
    return sorted((p.a, p.b, p.score, p.reasons) for p in report.pairs)  # a set of pairs: order is not news


def test_dedupe_finds_the_same_pairs_with_the_same_scores_and_merge_unmerge_restores_exactly(both):
    lb, n4 = _pairs(both["ladybug"]), _pairs(both["neo4j"])
    assert lb, "the fixtures hold duplicates"
    assert [(a, b) for a, b, _s, _r in n4] == [(a, b) for a, b, _s, _r in lb]
    assert np.allclose([s for _a, _b, s, _r in n4], [s for _a, _b, s, _r in lb], rtol=0, atol=1e-9)
    assert [r for *_x, r in n4] == [r for *_x, r in lb]
    a, b = lb[0][:2]
    audit = ("ImportBatch", "Revision", "Meta", "Merge")
    for store in both.values():
        before = dump(store, skip=audit)
        report = merge_records(store, [a, b], survivor=a, now=T1)
        assert dump(store, skip=audit) != before
        unmerge(store, report.merge_id, now=T1)
        assert dump(store, skip=audit) == before


@pytest.mark.parametrize("by", ["source", "campaign"])
def test_every_attribution_model_credits_the_same(both, by):
    journeys = {name: fetch(store, by=by) for name, store in both.items()}
    assert list(journeys["neo4j"].channels.keys) == list(journeys["ladybug"].channels.keys)
    assert int(journeys["ladybug"].converted.sum()) > 0
    for model in MODELS:
        lb, n4 = run_model(journeys["ladybug"], model), run_model(journeys["neo4j"], model)
        assert np.allclose(n4.conversions, lb.conversions, rtol=0, atol=1e-9), model
        assert np.allclose(n4.revenue, lb.revenue, rtol=0, atol=1e-9), model


PACKED_FRAMES = [  # the Neo4j variants send their rows as lists ("// frame rows: ..."): same frames
    ("attribution/touches", {"everything": True, "since": None, "until": None}),
    ("attribution/leads", {"everything": True, "since": None, "until": None}),
    ("attribution/owners", {}),
    ("manage/score_leads", {}),
    ("manage/score_touches", {"since": datetime(2000, 1, 1)}),
]


@pytest.mark.parametrize("name,params", PACKED_FRAMES, ids=[n for n, _ in PACKED_FRAMES])
def test_frames_sent_as_row_lists_equal_the_embedded_ones(both, name, params):
    assert "// frame rows:" in both["neo4j"].registry.text(name, "neo4j")
    frames = {}
    for backend, store in both.items():
        frame = store.read_frame(name, **params)
        frames[backend] = sorted(tuple(None if v is None or v != v else (v.isoformat() if hasattr(v, "isoformat") else v)
                                       for v in row) for row in frame.itertuples(index=False))
        assert list(frame.columns) == list(both["ladybug"].read_frame(name, **params).columns)
    assert frames["neo4j"] == frames["ladybug"] and frames["ladybug"], name
    # read() of the same query gives the rows as dicts, datetimes as datetimes
    rows = both["neo4j"].read(name, **params)
    assert len(rows) == len(frames["neo4j"]) and all(isinstance(r, dict) for r in rows)
