"""Conversion of a qualified lead, and undo restoring the graph exactly (whole-graph dump)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from graphcrm.manage import conversion, status
from graphcrm.clock import FixedClock
from graphcrm.manage.conversion import ConversionError, OpportunitySpec
from tests.graphdump import BOOKKEEPING_LABELS, dump
from tests.manage import world
from tests.manage.world import T0

SKIP = BOOKKEEPING_LABELS + ("Conversion",)  # the audit record stays (marked undone)


@pytest.fixture
def team(store):
    world.build(store)
    return store


def test_suggests_the_company_from_the_graph(team):
    assert [c["id"] for c in conversion.suggest_companies(team, "lead-bob")] == ["company-acme"]
    assert conversion.suggest_companies(team, "lead-cat") == []


def test_convert_to_existing_company_with_opportunity_then_undo(team):
    before = dump(team, skip=SKIP)
    clock = FixedClock(T0)
    done = conversion.convert(team, "lead-bob", by="rep-rita", company_id="company-acme", clock=clock,
                              opportunity=OpportunitySpec(amount=25000.0, stage="Qualification",
                                                          close_date=date(2026, 12, 31)))
    after = dump(team, skip=SKIP)
    contact = after["nodes"][("Contact", done.contact_id)]
    assert (contact["name"], contact["title"], contact["company_name"], contact["email"]) == (
        "Bob Stone", "Sales Director", "Acme Inc", "bob@acme.com")
    opp = after["nodes"][("Opportunity", done.opportunity_id)]
    assert (opp["amount"], opp["stage"], opp["won"], opp["name"]) == (25000.0, "Qualification", False, "Acme Inc – Bob Stone")
    rels = {(s, t, d) for s, t, d, _ in after["rels"]}
    assert {
        ("lead-bob", "CONVERTED_TO", done.contact_id), ("lead-bob", "CONVERTED_TO", done.opportunity_id),
        (done.contact_id, "WORKS_AT", "company-acme"), (done.contact_id, "HAS_EMAIL", "bob@acme.com"),
        (done.opportunity_id, "FOR_COMPANY", "company-acme"), ("rep-rita", "OWNS", done.contact_id),
        ("rep-rita", "OWNS", done.opportunity_id),
    } <= rels
    lead = status.lead_row(team, "lead-bob")
    assert (lead["status"], lead["converted_at"]) == ("converted", T0)
    assert status.history(team, "lead-bob")[0].to_status == "converted"
    assert conversion.last_conversion(team, "lead-bob")["id"] == done.conversion_id

    clock.advance(minutes=5)
    conversion.undo_conversion(team, done.conversion_id, by="rep-rita", clock=clock)
    assert dump(team, skip=SKIP) == before
    assert conversion.last_conversion(team, "lead-bob") is None
    with pytest.raises(ConversionError, match="already undone"):
        conversion.undo_conversion(team, done.conversion_id, by="rep-rita", clock=clock)


def test_convert_to_new_company_then_undo(team):
    status.change_status(team, "lead-dan", "qualified", by="rep-sam", clock=FixedClock(T0))
    before = dump(team, skip=SKIP)
    done = conversion.convert(team, "lead-dan", by="rep-sam", clock=FixedClock(T0 + timedelta(hours=1)))
    assert done.company_created and done.opportunity_id is None
    company = dump(team, skip=SKIP)["nodes"][("Company", done.company_id)]
    assert (company["name"], company["industry"], company["employees"]) == ("Dune LLC", "Retail", 300)
    conversion.undo_conversion(team, done.conversion_id, by="rep-sam", clock=FixedClock(T0 + timedelta(hours=2)))
    assert dump(team, skip=SKIP) == before


def test_only_qualified_leads_convert(team):
    before = team.counts().as_dict()
    with pytest.raises(ConversionError, match="only a qualified lead"):
        conversion.convert(team, "lead-ann", by="rep-rita", clock=FixedClock(T0))
    with pytest.raises(ConversionError, match="no company"):
        conversion.convert(team, "lead-bob", by="rep-rita", company_id="company-nope", clock=FixedClock(T0))
    assert team.counts().as_dict() == before  # the failed conversions left nothing behind


def test_undo_refused_once_the_opportunity_changed(team):
    done = conversion.convert(team, "lead-bob", by="rep-rita", company_id="company-acme",
                              opportunity=OpportunitySpec(amount=1.0), clock=FixedClock(T0))
    team.write("test_support/touch_opportunity", id=done.opportunity_id, now=T0 + timedelta(days=1))
    with pytest.raises(ConversionError, match="opportunity has changed"):
        conversion.undo_conversion(team, done.conversion_id, by="rep-rita", clock=FixedClock(T0 + timedelta(days=2)))
    assert status.lead_row(team, "lead-bob")["status"] == "converted"
