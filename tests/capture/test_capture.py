"""Capturing one record: checks, duplicate alerts, the importer's write path and the capture record."""

from __future__ import annotations

import datetime as dt

import pytest

from graphcrm.capture.channel import Channel, utm_from
from graphcrm.capture.duplicates import find_duplicates
from graphcrm.capture.record import (
    CaptureRefused,
    DuplicatesFound,
    capture,
    captures_of,
    prepare_capture,
)
from graphcrm.capture.validate import CaptureInvalid
from graphcrm.ingest.fields import Kind
from tests.graphdump import dump
from tests.manage import world

NOW = dt.datetime(2026, 11, 30, 10, 0)
FORM = Channel("form", ref="form-expo", campaign_id="campaign-webinar", utm=(("utm_source", "Expo QR"),))
MANUAL = Channel("manual", by="rita")


@pytest.fixture
def team(store):
    world.build(store)
    return store


def _node(store, label, node_id):
    return dump(store)["nodes"][(label, node_id)]


def _rels(store, node_id):
    return [(r[1], r[2]) for r in dump(store)["rels"] if r[0] == node_id]


def test_a_form_submission_lands_linked_to_campaign_source_company_and_identities(team):
    result = capture(team, Kind.LEADS, {"name": "Zoe Quinn", "email": " Zoe@Quinn-Labs.com ", "phone": "138 0013 8000",
                                        "company_name": "Quinn Labs Ltd"}, FORM, region="CN", now=NOW, assign=False)

    assert result.outcome == "created" and result.touched
    lead = _node(team, "Lead", result.id)
    assert (lead["email"], lead["phone"], lead["company_key"]) == ("zoe@quinn-labs.com", "+8613800138000", "quinn labs")
    assert (lead["captured_via"], lead["capture_ref"], lead["status"]) == ("form", "form-expo", "new")
    links = dict(_rels(team, result.id))
    assert links["HAS_EMAIL"] == "zoe@quinn-labs.com" and links["HAS_PHONE"] == "+8613800138000"
    assert links["HAS_DOMAIN"] == "quinn-labs.com" and links["TOUCHED_BY"] == "campaign-webinar"
    assert links["FROM_SOURCE"] == "source-expo-qr"  # utm_source names the source when the form gives none
    touch = next(r for r in dump(team)["rels"] if r[0] == result.id and r[1] == "TOUCHED_BY")
    assert ("kind", "form") in touch[3] and ("at", str(NOW)) in touch[3]
    [record] = captures_of(team, "Lead", result.id)
    assert record["method"] == "form" and record["ref"] == "form-expo" and record["outcome"] == "created"
    assert record["utm"] == {"utm_source": "Expo QR"} and record["fields"]["email"] == " Zoe@Quinn-Labs.com "


def test_the_same_person_submitting_again_adds_a_touch_to_the_existing_lead(team):
    first = capture(team, Kind.LEADS, {"name": "Zoe Quinn", "email": "zoe@quinn-labs.com"}, FORM, now=NOW, assign=False)
    leads_before = len([k for k in dump(team)["nodes"] if k[0] == "Lead"])

    again = capture(team, Kind.LEADS, {"name": "Zoe Q", "email": "ZOE@quinn-labs.com"}, FORM,
                    on_duplicate="existing", now=NOW + dt.timedelta(days=2), assign=False)

    assert (again.id, again.outcome, again.touched) == (first.id, "existing", True)
    assert len([k for k in dump(team)["nodes"] if k[0] == "Lead"]) == leads_before
    assert [t for t, dst in _rels(team, first.id) if dst == "campaign-webinar"] == ["TOUCHED_BY", "TOUCHED_BY"]
    assert [c["outcome"] for c in captures_of(team, "Lead", first.id)] == ["existing", "created"]
    assert _node(team, "Lead", first.id)["name"] == "Zoe Quinn"  # a repeat submission changes nothing else


def test_a_phone_written_differently_is_the_same_person(team):
    again = capture(team, Kind.LEADS, {"name": "A. Lee", "phone": "(415) 555-0100"}, FORM, on_duplicate="existing",
                    now=NOW, assign=False)
    assert (again.id, again.outcome) == ("lead-ann", "existing")
    assert again.duplicates[0].exact == ["phone"]


def test_manual_entry_asks_before_saving_a_likely_duplicate_and_records_the_choice(team):
    before = dump(team)
    with pytest.raises(DuplicatesFound) as found:
        capture(team, Kind.LEADS, {"name": "Ann Lee", "email": "ann@acme.com", "company_name": "Acme"}, MANUAL,
                owner_id="rep-rita", now=NOW)
    assert dump(team) == before
    [match] = found.value.matches
    assert (match.id, match.exact, match.strong) == ("lead-ann", ["email"], True)
    assert "email" in match.agree and "name" in match.agree

    saved = capture(team, Kind.LEADS, {"name": "Ann Lee", "email": "ann@acme.com", "company_name": "Acme"}, MANUAL,
                    owner_id="rep-rita", on_duplicate="create", now=NOW)
    assert saved.outcome == "created" and saved.id != "lead-ann"
    [record] = captures_of(team, "Lead", saved.id)
    assert record["outcome"] == "created_despite_duplicates" and record["by"] == "rita"
    assert [d["id"] for d in record["duplicates"]] == ["lead-ann"]
    assert ("OWNS", saved.id) in [(r[1], r[2]) for r in dump(team)["rels"] if r[0] == "rep-rita"]


def test_a_similar_name_at_the_same_company_is_an_alert_without_exact_identity(team):
    record = prepare_capture(Kind.LEADS, {"name": "Anne Lee", "company_name": "ACME, Inc."}, MANUAL, region="US", now=NOW)
    matches = find_duplicates(team, record)
    assert matches and matches[0].id == "lead-ann" and matches[0].exact == []
    assert "company" in matches[0].agree
    unrelated = prepare_capture(Kind.LEADS, {"name": "Xavier Moreno", "company_name": "Zeta Corp"}, MANUAL,
                                region="US", now=NOW)
    assert find_duplicates(team, unrelated) == []


def test_a_chinese_name_matches_its_pinyin_at_the_same_company(store):
    capture(store, Kind.LEADS, {"name": "王芳", "company_name": "阿里巴巴有限公司", "phone": "13900001111"}, MANUAL,
            region="CN", now=NOW, assign=False)
    record = prepare_capture(Kind.LEADS, {"name": "Fang Wang", "company_name": "阿里巴巴"}, MANUAL, region="CN", now=NOW)
    [match] = find_duplicates(store, record)
    assert match.name == "王芳" and match.strong


def test_bad_fields_are_reported_per_field_and_nothing_is_written(team):
    before = dump(team)
    with pytest.raises(CaptureInvalid) as bad:
        capture(team, Kind.LEADS, {"name": "X", "email": "not-an-email", "phone": "12", "employees": "many",
                                   "status": "sleeping", "nickname": "x", "description": "y" * 6000}, MANUAL, now=NOW)
    codes = {e.field: e.code for e in bad.value.errors}
    assert codes == {"email": "invalid_email", "phone": "invalid_phone", "employees": "invalid_number",
                     "status": "invalid_status", "nickname": "unknown_field", "description": "too_long"}
    with pytest.raises(CaptureInvalid) as empty:
        capture(team, Kind.LEADS, {"title": "CEO", "city": "Paris"}, MANUAL, now=NOW)
    assert [e.code for e in empty.value.errors] == ["required"]
    assert dump(team) == before


def test_unknown_campaign_owner_or_record_is_refused_and_nothing_is_written(team):
    before = dump(team)
    with pytest.raises(CaptureRefused, match="campaign"):
        capture(team, Kind.LEADS, {"name": "Zed"}, Channel("form", campaign_id="campaign-nope"), now=NOW)
    with pytest.raises(CaptureRefused, match="rep"):
        capture(team, Kind.LEADS, {"name": "Zed"}, MANUAL, owner_id="rep-nope", now=NOW)
    with pytest.raises(CaptureRefused, match="Lead"):
        capture(team, Kind.LEADS, {"name": "Zed"}, MANUAL, record_id="lead-nope", now=NOW)
    assert dump(team) == before


def test_editing_keeps_blank_fields_and_leaves_a_revision(team):
    result = capture(team, Kind.LEADS, {"name": "Ann Lee", "title": "CEO", "phone": "+1 415 555 0199"}, MANUAL,
                     record_id="lead-ann", now=NOW)
    assert (result.id, result.outcome) == ("lead-ann", "updated")
    lead = _node(team, "Lead", "lead-ann")
    assert (lead["title"], lead["email"], lead["phone"]) == ("CEO", "ann@acme.com", "+14155550199")
    revisions = [n for k, n in dump(team, skip=())["nodes"].items() if k[0] == "Revision"]
    assert [r["node_id"] for r in revisions] == ["lead-ann"] and '"title": "CTO"' in revisions[0]["before"]
    assert "captured_via" not in lead  # an edit is not how the lead was captured
    assert "source_system" not in lead  # nor where it came from (the world's leads have none)
    assert captures_of(team, "Lead", "lead-ann")[0]["outcome"] == "updated"


def test_records_with_an_external_id_update_like_a_reimport(store):
    api = Channel("api", ref="int-web", by="website")
    first = capture(store, Kind.LEADS, {"external_id": "W-1", "name": "Li Lei", "email": "li@lei.cn"}, api,
                    source_system="int-web", on_duplicate="existing", now=NOW, assign=False)
    same = capture(store, Kind.LEADS, {"external_id": "W-1", "name": "Li Lei", "email": "li@lei.cn"}, api,
                   source_system="int-web", on_duplicate="existing", now=NOW, assign=False)
    changed = capture(store, Kind.LEADS, {"external_id": "W-1", "name": "Li Lei", "email": "li@lei.cn",
                                          "title": "CTO"}, api, source_system="int-web", on_duplicate="existing",
                      now=NOW, assign=False)
    assert [first.outcome, same.outcome, changed.outcome] == ["created", "unchanged", "updated"]
    assert first.id == same.id == changed.id
    assert _node(store, "Lead", first.id)["external_id"] == "W-1"


def test_a_new_unowned_lead_goes_through_the_assignment_rules(team):
    result = capture(team, Kind.LEADS, {"name": "Ming Zhou", "region": "CN-East", "employees": "900",
                                        "company_name": "东方科技"}, FORM, region="CN", now=NOW)
    lead = _node(team, "Lead", result.id)
    owners = [r[0] for r in dump(team)["rels"] if r[1] == "OWNS" and r[2] == result.id]
    # the shipped rules send a CN enterprise lead to a team nobody in this world is on: the pool
    assert (result.pooled, owners, "pool_since" in lead) == (True, [], True)
    owned = capture(team, Kind.LEADS, {"name": "Otto Lind"}, MANUAL, owner_id="rep-sam", now=NOW)
    assert owned.assigned_to is None and not owned.pooled
    assert [r[0] for r in dump(team)["rels"] if r[1] == "OWNS" and r[2] == owned.id] == ["rep-sam"]


def test_companies_are_captured_and_an_existing_one_is_found_by_name_or_domain(team):
    record = prepare_capture(Kind.COMPANIES, {"name": "ACME Incorporated", "website": "www.acme.com"}, MANUAL,
                             region="US", now=NOW)
    [match] = find_duplicates(team, record)
    assert match.id == "company-acme" and set(match.exact) == {"name", "domain"}
    result = capture(team, Kind.COMPANIES, {"name": "Nimbus GmbH", "website": "https://nimbus.de/about"}, MANUAL,
                     now=NOW)
    company = _node(team, "Company", result.id)
    assert (company["name"], company["name_key"], company["domain"], company["captured_via"]) == \
        ("Nimbus GmbH", "nimbus", "nimbus.de", "manual")


def test_utm_tags_are_read_from_request_parameters_and_bounded():
    tags = utm_from({"utm_source": " linkedin ", "utm_medium": "", "utm_campaign": "x" * 500, "ref": "y",
                     "utm_term": ["a list"]})
    assert tags == (("utm_source", "linkedin"), ("utm_campaign", "x" * 200))


def test_captured_leads_count_under_their_source_in_the_funnel(team):
    from graphcrm.attribution.funnel import funnel
    from graphcrm.attribution.journeys import fetch_frames

    capture(team, Kind.LEADS, {"name": "A One", "source": "Website"}, Channel("api", ref="int-web"), now=NOW,
            assign=False)
    capture(team, Kind.LEADS, {"name": "B Two"}, FORM, now=NOW, assign=False)  # utm_source: Expo QR
    capture(team, Kind.LEADS, {"name": "C Three"}, Channel("form", ref="f", source="Trade Show"), now=NOW, assign=False)
    table = funnel(fetch_frames(team), by="source").set_index("name")
    assert (table.loc["Website", "lead"], table.loc["Expo QR", "lead"], table.loc["Trade Show", "lead"]) == (1, 1, 1)


def test_an_imported_lead_shows_its_import_batch_as_how_it_came_in(store, tmp_path):
    from graphcrm.ingest.importer import ImportOptions, import_files

    path = tmp_path / "leads.csv"
    path.write_text("First Name,Last Name,Email,Company\nLi,Lei,li@lei.cn,Lei Tech\n", encoding="utf-8")
    report = import_files(store, [path], ImportOptions(source_system="salesforce"))
    [lead_id] = [k[1] for k in dump(store)["nodes"] if k[0] == "Lead"]
    [entry] = captures_of(store, "Lead", lead_id)
    assert (entry["method"], entry["id"], entry["ref"], entry["by"]) == ("import", report.batch_id, "leads.csv",
                                                                         "salesforce")
