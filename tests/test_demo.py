"""The demo CRM: deterministic, schema-conform, realistic, loaded once, in slices."""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pandas as pd
import pytest
from click.testing import CliRunner

from graphcrm.cli import cli
from graphcrm.demo import generate as generate_module
from graphcrm.demo import load as load_module
from graphcrm.demo import vocab
from graphcrm.demo.generate import REFERENCE, DemoData, generate, generate_slices, slice_sizes
from graphcrm.demo.load import DemoExists, load_demo
from graphcrm.ingest import keys
from graphcrm.ingest.normalise import (
    CANONICAL_STATUSES,
    canonical_rating,
    canonical_status,
    company_key,
    email_domain,
    is_free_mail,
    normalise_phone,
    person_name,
)
from graphcrm.model import load_model
from tests.conftest import backend_uri, make_store
from tests.graphdump import dump

N = 500


@pytest.fixture(scope="module")
def data() -> DemoData:
    return generate(N, seed=3)


@pytest.fixture(scope="module")
def big() -> DemoData:
    """Enough leads that every kind of planted variation turns up."""
    return generate(2000, seed=11)


def rel(data: DemoData, name: str, a: str, b: str) -> pd.DataFrame:
    return data.rels.get((name, a, b), pd.DataFrame(columns=["from", "to"]))


# -- the generator ---------------------------------------------------------------------------------


def test_same_seed_same_data_other_seed_other_data(data):
    again = generate(N, seed=3)
    assert data.nodes.keys() == again.nodes.keys() and data.rels.keys() == again.rels.keys()
    for label, frame in data.nodes.items():
        pd.testing.assert_frame_equal(frame, again.nodes[label])
    for key, frame in data.rels.items():
        pd.testing.assert_frame_equal(frame, again.rels[key])
    pd.testing.assert_frame_equal(data.truth, again.truth)
    other = generate(N, seed=4)
    assert data.nodes["Lead"]["name"].tolist() != other.nodes["Lead"]["name"].tolist()
    assert set(data.nodes["Company"]["id"]) != set(other.nodes["Company"]["id"])
    assert data.rels[("TOUCHED_BY", "Lead", "Campaign")]["key"].tolist() != \
        other.rels[("TOUCHED_BY", "Lead", "Campaign")]["key"].tolist()


def test_frames_use_only_schema_names_and_carry_bookkeeping(data):
    model = load_model()
    for label, frame in data.nodes.items():
        props = model.nodes[label].properties
        assert set(frame.columns) <= set(props), (label, set(frame.columns) - set(props))
        assert frame["id"].is_unique and frame["id"].notna().all(), label
        assert (frame["batch_id"] == "demo").all(), label
        assert frame["created_at"].notna().all() and frame["updated_at"].notna().all(), label
        assert (frame["updated_at"] >= frame["created_at"]).all(), label
        for column in ("source_system", "external_id"):
            if column in props:
                assert frame[column].notna().all(), (label, column)
        assert (frame["source_system"] == "demo").all() if "source_system" in props else True
        for column, kind in props.items():
            if kind == "TIMESTAMP" and column in frame:
                assert frame[column].dtype.kind == "M" and getattr(frame[column].dtype, "tz", None) is None
    for (name, a, b), frame in data.rels.items():
        assert (a, b) in model.rels[name].endpoints, name
        assert set(frame.columns) - {"from", "to"} <= set(model.rels[name].properties), name
        assert (frame["batch_id"] == "demo").all() and frame["created_at"].notna().all(), name


def test_every_relationship_end_exists(data):
    ids = {label: set(frame["id"]) for label, frame in data.nodes.items()}
    for (name, a, b), frame in data.rels.items():
        assert set(frame["from"]) <= ids[a], (name, a)
        assert set(frame["to"]) <= ids[b], (name, b)


def test_ids_follow_the_importers_conventions(data):
    leads = data.nodes["Lead"]
    assert leads["id"].tolist() == [keys.record_id("Lead", "demo", e) for e in leads["external_id"]]
    companies = data.nodes["Company"]
    assert companies["id"].tolist() == [keys.company_id(k) for k in companies["name_key"]]
    assert set(data.nodes["Source"]["id"]) == {keys.source_id(s[0]) for s in vocab.SOURCES}
    assert set(data.nodes["Source"]["name"]) >= {"Web Form", "Paid Search", "Trade Show", "Referral", "Webinar"}
    touches = rel(data, "TOUCHED_BY", "Lead", "Campaign")
    sample = touches.head(50)
    assert sample["key"].tolist() == [keys.touch_key(f, t, a.to_pydatetime(), None)
                                      for f, t, a in zip(sample["from"], sample["to"], sample["at"], strict=True)]
    assert touches["key"].is_unique


def test_lead_properties_are_what_the_importer_would_write(data):
    leads = data.nodes["Lead"]
    for row in leads.itertuples():
        name = person_name(row.first_name, row.last_name)
        assert (row.name, row.name_key, row.pinyin_key) == (name.full, name.key, name.pinyin_key)
        assert row.company_key == company_key(row.company_name)
        assert canonical_status(row.status_original)[0] == row.status
        assert canonical_rating(row.rating_original)[0] == row.rating
        if isinstance(row.email, str):
            assert row.email == row.email.lower() and "@" in row.email
        if isinstance(row.phone, str):
            assert normalise_phone(row.phone, row.country) == row.phone
    chinese = leads["name"].str.contains(r"[\u4e00-\u9fff]")
    assert 0.15 < chinese.mean() < 0.35
    assert not leads.loc[chinese, "name"].str.contains(" ").any()  # surname + given name, no space
    assert leads.loc[chinese, "pinyin_key"].str.fullmatch(r"[a-z]+").all()
    assert set(leads["country"]) == {"US", "CN"}


def test_it_looks_like_a_crm(data):
    leads = data.nodes["Lead"].set_index("id")
    status = leads["status"]
    assert set(status) == set(CANONICAL_STATUSES)
    share = status.value_counts(normalize=True)
    assert share["new"] + share["working"] > 0.45 and 0.04 < share["converted"] < 0.14
    assert share["disqualified"] > share["converted"]
    assert len(data.nodes["Company"]) == pytest.approx(N / 8, rel=0.05)
    assert set(data.nodes["Company"]["country"]) == {"US", "CN"}
    assert data.nodes["Company"]["name"].str.endswith("有限公司").any()
    assert len(data.nodes["Rep"]) == 12 and len(data.nodes["Source"]) == 12
    campaigns = data.nodes["Campaign"]
    assert len(campaigns) >= 8 and (campaigns["end_date"] >= campaigns["start_date"]).all()
    assert (campaigns["actual_cost"] >= 0).all() and (campaigns["budgeted_cost"] > 0).all()
    channel = rel(data, "ON_CHANNEL", "Campaign", "Source")
    assert sorted(channel["from"]) == sorted(campaigns["id"])
    referred = len(rel(data, "REFERRED_BY", "Lead", "Lead")) + len(rel(data, "REFERRED_BY", "Lead", "Contact"))
    assert 0.01 < referred / N < 0.06
    owned = rel(data, "OWNS", "Rep", "Lead")
    assert owned["to"].is_unique and len(owned) > 0.9 * N


def test_conversions_have_a_contact_and_an_opportunity_at_the_same_company(data):
    leads = data.nodes["Lead"].set_index("id")
    converted = set(leads.index[leads["status"] == "converted"])
    assert converted
    to_contact = rel(data, "CONVERTED_TO", "Lead", "Contact").set_index("from")["to"]
    to_opportunity = rel(data, "CONVERTED_TO", "Lead", "Opportunity").set_index("from")["to"]
    assert set(to_contact.index) == set(to_opportunity.index) == converted
    assert leads.loc[list(converted), "converted_at"].notna().all()
    assert leads.loc[leads["status"] != "converted", "converted_at"].isna().all()
    lead_company = rel(data, "WORKS_AT", "Lead", "Company").set_index("from")["to"]
    contact_company = rel(data, "WORKS_AT", "Contact", "Company").set_index("from")["to"]
    opportunity_company = rel(data, "FOR_COMPANY", "Opportunity", "Company").set_index("from")["to"]
    for lead in converted:
        assert contact_company[to_contact[lead]] == lead_company[lead]
        assert opportunity_company[to_opportunity[lead]] == lead_company[lead]
    opportunities = data.nodes["Opportunity"]
    assert set(opportunities["won"].map(repr)) == {"True", "False", "None"}
    assert (opportunities["amount"] > 0).all()
    assert rel(data, "OWNS", "Rep", "Opportunity")["to"].is_unique


def test_free_mail_leads_have_no_domain_link_and_work_mail_leads_do(data):
    leads = data.nodes["Lead"].set_index("id")
    linked = rel(data, "HAS_DOMAIN", "Lead", "Domain").set_index("from")["to"]
    domains = leads["email"].dropna().map(email_domain)
    free = domains[domains.map(is_free_mail)]
    assert 0.04 < len(free) / N < 0.16
    assert not set(free.index) & set(linked.index)
    work = domains[~domains.map(is_free_mail)]
    assert set(work.index) == set(linked.index)
    assert (linked[work.index] == work).all()
    emails = rel(data, "HAS_EMAIL", "Lead", "Email").set_index("from")["to"]
    assert (emails == leads.loc[emails.index, "email"]).all()
    phones = rel(data, "HAS_PHONE", "Lead", "Phone").set_index("from")["to"]
    assert (phones == leads.loc[phones.index, "phone"]).all()


def test_journeys_make_attribution_meaningful(data):
    leads = data.nodes["Lead"].set_index("id")
    touches = rel(data, "TOUCHED_BY", "Lead", "Campaign")
    assert set(touches["kind"]) == set(vocab.TOUCH_KINDS)
    assert (touches["at"] <= REFERENCE).all()
    per_lead = touches.groupby("from").size().reindex(leads.index, fill_value=0)
    assert 6 < per_lead.mean() < 14
    converted = leads["status"] == "converted"
    assert per_lead[converted].mean() > per_lead[~converted].mean()
    first_touch = touches.groupby("from")["at"].min()
    for lead in leads.index[converted]:
        assert first_touch[lead] < leads.loc[lead, "converted_at"]
    # touches happen while their campaign runs (or shortly around it)
    campaigns = data.nodes["Campaign"].set_index("id")
    start = pd.to_datetime(campaigns.loc[touches["to"], "start_date"].to_numpy()) - pd.Timedelta(days=31)
    end = pd.to_datetime(campaigns.loc[touches["to"], "end_date"].to_numpy()) + pd.Timedelta(days=22)
    assert ((touches["at"].to_numpy() >= start) & (touches["at"].to_numpy() <= end)).all()
    # channels differ in how well their leads convert
    source = rel(data, "FROM_SOURCE", "Lead", "Source").set_index("from")["to"]
    rate = converted.groupby(source).mean()
    assert rate.max() > 2.5 * max(rate.min(), 0.005)


def test_follow_ups_some_overdue(data):
    activities = data.nodes["Activity"]
    assert set(activities["type"]) == {"call", "email", "meeting", "note"}
    assert (activities["at"] <= REFERENCE).all()
    pending = activities["next_at"].dropna()
    assert (pending < REFERENCE).sum() > 10 and (pending >= REFERENCE).sum() > 10
    about = rel(data, "ABOUT", "Activity", "Lead")
    logged = rel(data, "LOGGED", "Rep", "Activity")
    assert sorted(about["from"]) == sorted(logged["to"]) == sorted(activities["id"])
    leads = data.nodes["Lead"].set_index("id")
    last = activities.set_index("id").loc[about["from"], "at"].groupby(about["to"].to_numpy()).max()
    assert (leads.loc[last.index, "last_activity_at"] == last).all()


def test_planted_duplicates_are_findable_but_not_marked(big):
    leads = big.nodes["Lead"].set_index("id")
    truth = big.truth
    assert len(truth) == pytest.approx(0.04 * 2000, abs=2)
    assert set(truth["lead_a"]) | set(truth["lead_b"]) <= set(leads.index)
    kinds = set(truth["variations"].str.split("+").explode())
    assert kinds >= {"nickname", "typo", "pinyin", "wrong_character", "personal_email", "no_email",
                     "other_work_email", "phone_format", "no_phone", "company_name"}
    identity: dict[str, set[str]] = defaultdict(set)
    for name, label in (("HAS_EMAIL", "Email"), ("HAS_PHONE", "Phone")):
        frame = rel(big, name, "Lead", label)
        for src, dst in zip(frame["from"], frame["to"], strict=True):
            identity[src].add(dst)
    company = rel(big, "WORKS_AT", "Lead", "Company").set_index("from")["to"]
    for row in truth.itertuples():
        a, b = leads.loc[row.lead_a], leads.loc[row.lead_b]
        assert company[row.lead_a] == company[row.lead_b] and a["company_key"] == b["company_key"]
        assert identity[row.lead_a] & identity[row.lead_b] or _close(a, b), (a["name"], b["name"], row.variations)
        if "phone_format" in row.variations:
            assert normalise_phone(row.phone_as_given, a["country"]) == a["phone"] == b["phone"]
        if "company_name" in row.variations:
            assert a["company_name"] != b["company_name"]
        assert b["created_at"] > a["created_at"]
    # nothing in the graph tells a planted copy from an original
    assert leads["external_id"].str.fullmatch(r"L\d{7}").all()
    assert not any(name == "POSSIBLE_DUPLICATE" for name, _, _ in big.rels)


def _close(a: pd.Series, b: pd.Series) -> bool:
    """Names a person would call the same: equal keys, a nickname, a typo or another script."""
    if a["name_key"] == b["name_key"] or sorted(a["pinyin_key"]) == sorted(b["pinyin_key"]):
        return True
    if vocab.NICKNAMES.get(a["first_name"]) == b["first_name"] and a["last_name"] == b["last_name"]:
        return True
    return _distance(a["pinyin_key"], b["pinyin_key"]) <= 2


def _distance(s: str, t: str) -> int:
    row = list(range(len(t) + 1))
    for i, cs in enumerate(s, 1):
        prev, row[0] = row[0], i
        for j, ct in enumerate(t, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (cs != ct))
    return row[-1]


def test_slices_share_no_identity_and_reach_back(monkeypatch):
    monkeypatch.setattr(generate_module, "SLICE_LEADS", 150)
    assert slice_sizes(400) == [150, 150, 100]
    parts = list(generate_slices(400, seed=5))
    assert len(parts) == 4 and "Lead" not in parts[0].nodes
    whole = DemoData.concat(parts)
    for label, frame in whole.nodes.items():
        assert frame["id"].is_unique, label
    assert whole.nodes["Lead"]["external_id"].is_unique
    seen: set[str] = set()
    for part in parts:  # each part points only at itself and earlier parts
        seen |= {i for frame in part.nodes.values() for i in frame["id"]}
        for key, frame in part.rels.items():
            assert set(frame["from"]) | set(frame["to"]) <= seen, key
    with pytest.raises(ValueError):
        slice_sizes(0)


# -- the loader ------------------------------------------------------------------------------------


def test_load_matches_the_frames_and_a_rerun_is_skipped(store):
    report = load_demo(store, leads=300, seed=5)
    assert not report.skipped and report.duplicates == 12
    expected = generate(300, seed=5).counts()
    assert report.counts == expected
    counts = store.counts()
    assert {k: n for k, n in {**counts.nodes, **counts.relationships}.items() if n and k != "Meta"} == expected
    assert "Loaded the demo CRM (300 leads, seed 5)" in report.summary()
    assert "touchpoints" in report.summary() and report.phases["generate"] > 0
    before = dump(store, skip=())
    again = load_demo(store, leads=300, seed=5)
    assert again.skipped and again.counts == expected
    assert "already loaded" in again.summary()
    assert dump(store, skip=()) == before


def test_another_demo_or_foreign_data_is_refused_and_reset_replaces(store):
    load_demo(store, leads=200, seed=5)
    with pytest.raises(DemoExists, match="another demo .*--reset"):
        load_demo(store, leads=200, seed=6)
    replaced = load_demo(store, leads=100, seed=6, reset=True)
    assert not replaced.skipped and "wipe" in replaced.phases
    assert store.counts().nodes["Lead"] == 100
    assert load_demo(store, leads=100, seed=6).skipped


def test_foreign_data_is_not_mixed_with_the_demo(store):
    store.bulk_create_nodes("Lead", pd.DataFrame({"id": ["mine"], "name": ["Mine"]}))
    with pytest.raises(DemoExists, match="other data .*1 Lead.*--reset"):
        load_demo(store, leads=100)
    assert store.counts().nodes["Lead"] == 1
    load_demo(store, leads=100, reset=True)
    assert store.read("demo/found_ids", label="Lead", ids=["mine"])[0]["n"] == 0


def test_an_interrupted_load_is_not_taken_for_a_complete_one(store, monkeypatch):
    real = load_module.generate_slices

    def interrupted(leads: int, seed: int):
        parts = real(leads, seed)
        yield next(parts)
        raise KeyboardInterrupt

    monkeypatch.setattr(load_module, "generate_slices", interrupted)
    with pytest.raises(KeyboardInterrupt):
        load_demo(store, leads=100, seed=1)
    monkeypatch.undo()
    with pytest.raises(DemoExists, match="interrupted"):
        load_demo(store, leads=100, seed=1)
    assert not load_demo(store, leads=100, seed=1, reset=True).skipped


def test_loading_in_slices_with_a_progress_bar(store, monkeypatch):
    monkeypatch.setattr(generate_module, "SLICE_LEADS", 120)
    monkeypatch.setattr(load_module, "NODE_ROWS", 100)  # several COPYs append to each table
    report = load_demo(store, leads=240, seed=2, progress=True)
    assert report.counts["Lead"] == 240 and report.duplicates == 5 + 5
    assert store.counts().relationships["TOUCHED_BY"] == report.counts["TOUCHED_BY"]
    lead_ids = [row["node"]["id"] for row in store.read("test_support/dump_nodes") if row["label"] == "Lead"]
    assert store.read("demo/found_ids", label="Lead", ids=lead_ids)[0]["n"] == 240


def test_bad_lead_count_changes_nothing(store):
    with pytest.raises(ValueError, match="at least 1"):
        load_demo(store, leads=0)
    assert store.read("meta/get", id="demo") == []


def test_cli_demo_end_to_end(backend, tmp_path):
    if backend == "neo4j":
        make_store(backend, tmp_path).close()  # the server's one database, emptied
    db = backend_uri(backend, tmp_path)  # embedded: a file that does not exist yet, `demo` creates it
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", db, "demo", "--no-serve", "--leads", "300"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Loaded the demo CRM (300 leads, seed 7)" in result.output
    assert re.search(r"[\d,]+ campaign touchpoints", result.output)
    info = json.loads(runner.invoke(cli, ["--db", db, "info", "--json"], catch_exceptions=False).output)
    assert info["backend"] == backend
    found = {k: n for k, n in {**info["nodes"], **info["relationships"]}.items() if n and k != "Meta"}
    assert found == generate(300, seed=7).counts()
    again = runner.invoke(cli, ["--db", db, "demo", "--no-serve", "--leads", "300"], catch_exceptions=False)
    assert again.exit_code == 0 and "already loaded" in again.output
    other = runner.invoke(cli, ["--db", db, "demo", "--no-serve", "--leads", "200"])
    assert other.exit_code == 1 and "--reset" in other.output
