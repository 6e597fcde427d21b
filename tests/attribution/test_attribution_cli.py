"""`graphcrm attribution` and `graphcrm funnel` through click, on a real demo database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from graphcrm.attribution.report import MODELS
from graphcrm.cli import cli
from graphcrm.demo.load import load_demo
from tests.conftest import BACKENDS, backend_uri, make_store


@pytest.fixture(scope="module", params=BACKENDS)
def db(request, tmp_path_factory) -> str:
    """One demo graph per backend for the whole module (nothing here wipes or writes: every
    test only reads, and no test in this module asks for a function-scoped store in between)."""
    where = tmp_path_factory.mktemp("attr")
    with make_store(request.param, where) as store:
        load_demo(store, leads=600, seed=4)
    return backend_uri(request.param, where)


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("model", MODELS)
def test_every_model_prints_the_documented_json(db, model):
    result = invoke("--db", db, "attribution", "--model", model, "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert set(out) == {"model", "by", "total_conversions", "total_revenue", "credits"}
    assert (out["model"], out["by"]) == (model, "source")
    assert out["total_conversions"] > 10 and out["total_revenue"] > 0
    for credit in out["credits"]:
        assert set(credit) == {"key", "name", "conversions", "revenue", "cost", "roi"}
    assert sum(c["conversions"] for c in out["credits"]) == pytest.approx(out["total_conversions"])
    assert sum(c["revenue"] for c in out["credits"]) == pytest.approx(out["total_revenue"])


def test_by_campaign_keys_are_external_ids_and_roi_follows_cost(db):
    out = json.loads(invoke("--db", db, "attribution", "--model", "last", "--by", "campaign", "--json").output)
    keys = [c["key"] for c in out["credits"]]
    assert all(k.startswith("CMP") or k == "(none)" for k in keys)
    for c in out["credits"]:
        if c["cost"]:
            assert c["roi"] == pytest.approx((c["revenue"] - c["cost"]) / c["cost"], rel=1e-5, abs=1e-5)
        else:
            assert c["roi"] is None


def test_period_narrows_the_leads(db):
    everything = json.loads(invoke("--db", db, "attribution", "--json").output)
    half = json.loads(invoke("--db", db, "attribution", "--since", "2026-05-01", "--until", "2026-10-31",
                             "--json").output)
    assert 0 < half["total_conversions"] < everything["total_conversions"]
    bad = CliRunner().invoke(cli, ["--db", db, "attribution", "--since", "2026-05-01", "--until", "2026-04-01"])
    assert bad.exit_code == 1 and "--since must not be after --until" in bad.output


def test_human_table_and_exports(db, tmp_path):
    out = invoke("--db", db, "attribution", "--model", "markov", "--output", str(tmp_path / "a.xlsx")).output
    assert out.startswith("markov attribution by source:") and "ROI" in out and "Web Form" in out
    sheet = load_workbook(tmp_path / "a.xlsx").active
    assert [c.value for c in sheet[1]][:4] == ["key", "name", "leads", "cost"]
    invoke("--db", db, "funnel", "--by", "rep", "--output", str(tmp_path / "f.csv"))
    assert (tmp_path / "f.csv").read_text("utf-8-sig").startswith("key,name,lead,working,qualified")
    wrong = CliRunner().invoke(cli, ["--db", db, "attribution", "--output", str(tmp_path / "a.pdf")])
    assert wrong.exit_code == 1 and ".csv or .xlsx" in wrong.output


@pytest.mark.parametrize("by", ["source", "campaign", "rep", "period"])
def test_funnel_json(db, by):
    out = json.loads(invoke("--db", db, "funnel", "--by", by, "--json").output)
    assert out["by"] == by and out["stages"] == ["lead", "working", "qualified", "opportunity", "won"]
    assert out["total"]["lead"] == 600
    assert sum(g["lead"] for g in out["groups"]) == 600
    assert sum(g["won"] for g in out["groups"]) == out["total"]["won"]
    for g in out["groups"]:
        assert g["lead"] >= g["working"] >= g["qualified"] >= g["opportunity"] >= g["won"]


def test_missing_database_is_one_line(tmp_path):
    """Embedded only: a file can be missing (a server's database cannot), and it is not created."""
    result = CliRunner().invoke(cli, ["--db", str(Path(tmp_path) / "none.lbug"), "attribution"])
    assert result.exit_code == 1 and "no database at" in result.output


def test_cli_offers_every_model():
    from graphcrm.cli import _MODELS

    assert _MODELS == MODELS
