"""Journeys, credits and the funnel read from a real database (every backend)."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook

from graphcrm.attribution import journeys
from graphcrm.attribution.export import table_csv, table_xlsx
from graphcrm.attribution.funnel import fetch_owners, funnel, totals
from graphcrm.attribution.journeys import NO_TOUCH
from graphcrm.attribution.report import MODELS, report
from graphcrm.demo.generate import generate
from graphcrm.demo.load import load_demo
from tests.attribution.toy import load_toy_graph


def test_journeys_from_the_graph(store):
    load_toy_graph(store)
    j = journeys.fetch(store, by="campaign")
    assert sorted(j.lead) == ["L1", "L2", "L3"]
    assert j.total_conversions == 2 and j.total_revenue == 1000
    paths = {j.lead[i]: list(j.channels.keys[j.t_channel[j.t_journey == i]]) for i in range(len(j))}
    # L1's touch after its conversion is left out; L3 converted untouched (its time comes from the opportunity)
    assert paths == {"L1": ["K1", "K2"], "L2": ["K2"], "L3": [NO_TOUCH]}
    first = report(j, "first").as_json()
    assert first == {"model": "first", "by": "campaign", "total_conversions": 2.0, "total_revenue": 1000.0,
                     "credits": [
                         {"key": "K1", "name": "Spring <script>web", "conversions": 1.0, "revenue": 1000.0, "cost": 100.0,
                          "roi": 9.0},
                         {"key": NO_TOUCH, "name": "No touchpoint", "conversions": 1.0, "revenue": 0.0, "cost": 0.0,
                          "roi": None},
                         {"key": "K2", "name": "=HYPERLINK(\"x\")", "conversions": 0.0, "revenue": 0.0,
                          "cost": 300.0, "roi": -1.0}]}
    by_source = report(journeys.fetch(store, by="source"), "linear").table.set_index("key")
    assert by_source.loc["Web", "conversions"] == 0.5 and by_source.loc["Email", "conversions"] == 0.5
    assert by_source.loc["Web", "leads"] == 1 and by_source.loc["Email", "cost_per_lead"] == 300.0


def test_window_keeps_leads_created_in_it_and_costs_of_campaigns_running_then(store):
    load_toy_graph(store)
    j = journeys.fetch(store, by="campaign", since=date(2026, 3, 2), until=date(2026, 3, 21))
    assert sorted(j.lead) == ["L2", "L3"]
    assert journeys.fetch(store, since=date(2026, 4, 1)).channels.cost.sum() == 0


def test_funnel_from_the_graph(store):
    load_toy_graph(store)
    frames = journeys.fetch_frames(store)
    frames["owners"] = fetch_owners(store)
    by_source = funnel(frames, "source").set_index("key")
    assert by_source.loc["Web", ["lead", "working", "qualified", "opportunity", "won"]].tolist() == [2, 2, 2, 2, 1]
    assert by_source.loc["Email", ["lead", "working", "qualified", "opportunity", "won"]].tolist() == [1, 1, 0, 0, 0]
    assert by_source.loc["Web", "won_rate"] == 0.5
    by_rep = funnel(frames, "rep").set_index("name")
    assert by_rep.loc["Ann", "lead"] == 1 and by_rep.loc["(unassigned)", "lead"] == 2
    by_campaign = funnel(frames, "campaign").set_index("key")
    assert by_campaign["lead"].to_dict() == {"K1": 1, "K2": 1, NO_TOUCH: 1}
    assert funnel(frames, "period")["key"].tolist() == ["2026-03"]
    assert totals(funnel(frames, "source"))["lead_to_won"] == pytest.approx(1 / 3)


def test_exports_neutralise_formulas(store):
    load_toy_graph(store)
    table = report(journeys.fetch(store, by="campaign"), "linear").table
    text = table_csv(table).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    sheet = load_workbook(io.BytesIO(table_xlsx(table))).active
    names = [c.value for c in sheet["B"]]
    assert "'=HYPERLINK(\"x\")" in names
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert sheet["F1"].value == "conversions" and isinstance(sheet["F2"].value, int | float)  # numbers stay numbers


def test_demo_journeys_match_the_generated_frames(store):
    load_demo(store, leads=400, seed=3)
    data = generate(400, seed=3)
    touches = data.rels[("TOUCHED_BY", "Lead", "Campaign")]
    conv = data.rels[("CONVERTED_TO", "Lead", "Opportunity")]
    opps = data.nodes["Opportunity"].set_index("id")
    j = journeys.fetch(store, by="campaign")
    assert len(j) == 400
    assert j.total_conversions == len(conv)
    won = opps.loc[conv["to"], "won"].to_numpy(dtype=bool)
    assert j.total_revenue == pytest.approx(opps.loc[conv["to"], "amount"].to_numpy()[won].sum())
    # touches up to each lead's conversion, counted independently from the generated frames
    converted_at = conv.set_index("from")["at"]
    at_conv = touches["from"].map(converted_at)
    kept = touches[at_conv.isna() | (touches["at"] <= at_conv)]
    pseudo = j.channels.keys[j.t_channel] == NO_TOUCH
    assert (~pseudo).sum() == len(kept)
    assert pseudo.sum() == len(set(data.nodes["Lead"]["id"]) - set(kept["from"]))
    for model in MODELS:
        r = report(j, model)
        assert r.table["conversions"].sum() == pytest.approx(j.total_conversions), model
        assert r.table["revenue"].sum() == pytest.approx(j.total_revenue), model


def test_one_leads_journey(store):
    from graphcrm.attribution.lead import lead_journey

    load_toy_graph(store)
    journey = lead_journey(store, "L1")
    touches = journey.touches
    assert list(touches["key"]) == ["K1", "K2", "K2"]
    assert list(touches["counted"]) == [True, True, False]  # the last touch came after the conversion
    assert list(touches["first"]) == [1.0, 0.0, 0.0] and list(touches["last"]) == [0.0, 1.0, 0.0]
    assert list(touches["linear"]) == [0.5, 0.5, 0.0]
    assert journey.revenue == 1000 and journey.converted_at is not None
    unconverted = lead_journey(store, "L2")
    assert unconverted.converted_at is None and unconverted.touches["linear"].sum() == 0
    assert lead_journey(store, "L3").touches.empty
    assert lead_journey(store, "nobody") is None
