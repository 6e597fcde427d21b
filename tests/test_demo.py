"""The demo CRM: deterministic, schema-conform, realistic, loaded once."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from graphcrm.cli import cli
from graphcrm.demo.generate import REFERENCE, generate
from graphcrm.demo.load import DemoExists, load_demo
from graphcrm.ingest.normalise import CANONICAL_STATUSES, is_free_mail
from graphcrm.model import load_model
from tests.graphdump import dump

N = 400


@pytest.fixture(scope="module")
def data():
    return generate(N, seed=3)


def test_same_seed_same_data_other_seed_other_data(data):
    again = generate(N, seed=3)
    for label, frame in data.nodes.items():
        pd.testing.assert_frame_equal(frame, again.nodes[label])
    other = generate(N, seed=4)
    assert not data.nodes["Lead"]["name"].equals(other.nodes["Lead"]["name"])


def test_frames_use_only_schema_names(data):
    model = load_model()
    for label, frame in data.nodes.items():
        assert set(frame.columns) <= set(model.nodes[label].properties), label
        assert frame["id"].is_unique, label
    for rel, a, b, frame in data.rels:
        assert (a, b) in model.rels[rel].endpoints, rel
        assert set(frame.columns) - {"from", "to"} <= set(model.rels[rel].properties), rel


def test_every_relationship_end_exists(data):
    ids = {label: set(frame["id"]) for label, frame in data.nodes.items()}
    for rel, a, b, frame in data.rels:
        assert set(frame["from"]) <= ids[a], (rel, a)
        assert set(frame["to"]) <= ids[b], (rel, b)


def test_it_looks_like_a_crm(data):
    leads = data.nodes["Lead"]
    assert set(leads["status"]) == set(CANONICAL_STATUSES)
    assert leads["name"].str.contains(r"[\u4e00-\u9fff]").mean() > 0.1  # Chinese names
    converted = set(leads.loc[leads["status"] == "converted", "id"])
    conversions = {(r, b): set(f["from"]) for r, a, b, f in data.rels if r == "CONVERTED_TO"}
    assert converted == conversions[("CONVERTED_TO", "Opportunity")] == conversions[("CONVERTED_TO", "Contact")]
    domains = {f: set(frame["from"]) for r, a, b, frame in data.rels if r == "HAS_DOMAIN" and a == "Lead" for f in [a]}
    free = leads[leads["email"].fillna("").map(lambda e: is_free_mail(e.split("@")[-1]))]
    assert len(free) > 0 and not set(free["id"]) & domains["Lead"]
    touches = next(f for r, a, b, f in data.rels if r == "TOUCHED_BY")
    assert (touches["at"] <= REFERENCE).all()
    converted_at = leads.set_index("id")["converted_at"]
    first_touch = touches.groupby("from")["at"].min()
    for lead in converted:
        assert first_touch[lead] <= converted_at[lead]
    campaigns = data.nodes["Campaign"]
    assert (campaigns["actual_cost"] > 0).all() and (campaigns["end_date"] >= campaigns["start_date"]).all()


def test_planted_duplicates_share_evidence(data):
    leads = data.nodes["Lead"].set_index("id")
    identity = {}
    for rel, a, _b, frame in data.rels:
        if rel in ("HAS_EMAIL", "HAS_PHONE", "WORKS_AT") and a == "Lead":
            for src, dst in zip(frame["from"], frame["to"], strict=True):
                identity.setdefault(src, set()).add(dst)
    assert len(data.truth) >= N * 0.03
    assert set(data.truth["variation"]) >= {"nickname", "typo", "personal_email", "no_email"}
    for a, b in zip(data.truth["lead_a"], data.truth["lead_b"], strict=True):
        assert identity[a] & identity[b], (leads.loc[a, "name"], leads.loc[b, "name"])


def test_load_then_rerun_is_skipped_and_reset_replaces(lbstore):
    report = load_demo(lbstore, leads=300, seed=5)
    assert not report.skipped
    counts = lbstore.counts()
    assert counts.nodes["Lead"] == report.counts["Lead"]
    assert counts.relationships["TOUCHED_BY"] == report.counts["TOUCHED_BY"]
    before = dump(lbstore, skip=())
    again = load_demo(lbstore, leads=300, seed=5)
    assert again.skipped and dump(lbstore, skip=()) == before
    with pytest.raises(DemoExists, match="--reset"):
        load_demo(lbstore, leads=200, seed=5)
    replaced = load_demo(lbstore, leads=200, seed=5, reset=True)
    assert lbstore.counts().nodes["Lead"] == replaced.counts["Lead"] < counts.nodes["Lead"]


def test_foreign_data_is_not_mixed_with_the_demo(lbstore):
    lbstore.bulk_create_nodes("Lead", pd.DataFrame({"id": ["mine"], "name": ["Mine"]}))
    with pytest.raises(DemoExists):
        load_demo(lbstore, leads=100)


def test_cli_demo_end_to_end(tmp_path):
    db = str(tmp_path / "demo.lbug")
    result = CliRunner().invoke(cli, ["--db", db, "demo", "--no-serve", "--leads", "300"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "loaded the demo CRM (300 leads, seed 7)" in result.output
    info = json.loads(CliRunner().invoke(cli, ["--db", db, "info", "--json"]).output)
    assert info["nodes"]["Lead"] >= 300 and info["relationships"]["TOUCHED_BY"] > 300
    again = CliRunner().invoke(cli, ["--db", db, "demo", "--no-serve", "--leads", "300"])
    assert again.exit_code == 0 and "already loaded" in again.output
