"""`graphcrm dedupe`, `merge` and `unmerge` on a real database through click's CliRunner, on every backend."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graphcrm.cli import cli
from graphcrm.demo.load import load_demo
from graphcrm.store import open_store
from tests.graphdump import BOOKKEEPING_LABELS, dump


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def db(db_uri) -> str:
    """A demo graph on each backend (a file, or the test Neo4j server)."""
    with open_store(db_uri) as store:
        load_demo(store, leads=600, seed=7)
    return db_uri


def graph(path: str):
    store = open_store(path)
    try:
        return dump(store, skip=(*BOOKKEEPING_LABELS, "Merge"))
    finally:
        store.close()


def test_dedupe_json_names_records_and_explains_pairs(db):
    result = invoke("--db", db, "dedupe", "--json", "--threshold", "0.7")
    assert result.exit_code == 0
    out = json.loads(result.output)
    assert set(out) >= {"pairs", "clusters"} and out["pairs"] and out["clusters"]
    pair = out["pairs"][0]
    assert set(pair) == {"a", "b", "score", "reasons"}
    assert set(pair["a"]) >= {"id", "label", "external_id", "source_system"} and pair["a"]["source_system"] == "demo"
    assert all(p["score"] >= 0.7 for p in out["pairs"])
    assert [p["score"] for p in out["pairs"]] == sorted((p["score"] for p in out["pairs"]), reverse=True)
    assert {"field", "level", "status", "weight"} <= set(pair["reasons"][0])
    text = invoke("--db", db, "dedupe").output
    assert "pairs compared" in text and "cluster 1:" in text
    companies = json.loads(invoke("--db", db, "dedupe", "--entity", "company", "--json").output)
    assert companies["run"]["entity"] == "company"


def test_merge_prints_an_id_and_unmerge_restores(db):
    out = json.loads(invoke("--db", db, "dedupe", "--json").output)
    a, b = out["pairs"][0]["a"]["id"], out["pairs"][0]["b"]["id"]
    before = graph(db)
    result = invoke("--db", db, "merge", a, b, "--survivor", b)
    assert result.exit_code == 0
    merge_id = result.output.strip()
    assert merge_id.startswith("merge-") and "\n" not in merge_id
    again = CliRunner().invoke(cli, ["--db", db, "merge", a, b])
    assert again.exit_code == 1 and "already merged" in again.output
    undone = invoke("--db", db, "unmerge", merge_id)
    assert undone.exit_code == 0 and merge_id in undone.output
    assert graph(db) == before
    unknown = CliRunner().invoke(cli, ["--db", db, "unmerge", "merge-nope"])
    assert unknown.exit_code == 1 and "no merge" in unknown.output


def test_auto_merges_only_what_is_above_the_auto_threshold(db):
    out = json.loads(invoke("--db", db, "dedupe", "--json", "--auto", "--auto-threshold", "0.999").output)
    assert out["merged"]
    merged_ids = {i for m in out["merged"] for i in m["absorbed"]}
    shown = {p[s]["id"] for p in out["pairs"] for s in ("a", "b")}
    assert not merged_ids & shown  # tombstones leave the queue
    bad = CliRunner().invoke(cli, ["--db", db, "dedupe", "--threshold", "0.99", "--auto-threshold", "0.9"])
    assert bad.exit_code == 1
