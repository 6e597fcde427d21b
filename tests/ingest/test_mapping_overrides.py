"""--map overrides, mapping files, and apply_mapping: canonical columns, row numbers, extras kept."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from graphcrm.ingest.errors import MappingError
from graphcrm.ingest.fields import FIELDS, Kind
from graphcrm.ingest.mapping import EXTRA, apply_mapping, infer_mapping, read_mapping_file
from graphcrm.ingest.read import ERROR, ROW, read_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
EXPO = ["Visitor", "Mail", "Email", "Booth", "Company"]


# -- overrides ---------------------------------------------------------------------------


def test_overrides_go_field_to_column_and_win_over_the_profile():
    mapping = infer_mapping(EXPO, overrides={"name": "Visitor", "email": "Mail"})
    assert mapping.kind == Kind.LEADS
    assert mapping.fields == {"Visitor": "name", "Mail": "email", "Company": "company_name"}
    assert mapping.unmapped == ["Email", "Booth"]  # "Email" is displaced by the override, not dropped


def test_an_override_can_move_a_column_to_another_field_or_leave_a_field_empty():
    moved = infer_mapping(["Name", "Phone", "Mobile"], overrides={"mobile": "Phone"})
    assert moved.fields == {"Name": "name", "Phone": "mobile"} and moved.unmapped == ["Mobile"]
    emptied = infer_mapping(["Name", "Phone"], overrides={"phone": ""})
    assert emptied.fields == {"Name": "name"} and emptied.unmapped == ["Phone"]


def test_override_columns_match_loosely_and_override_fields_pick_the_kind():
    mapping = infer_mapping(["Who", "E-Mail Address"], overrides={"name": "who", "email": "e-mail address"})
    assert mapping.fields == {"Who": "name", "E-Mail Address": "email"}
    touches = infer_mapping(["Camp", "Person", "When"], overrides={"campaign_id": "Camp", "lead_id": "Person",
                                                                   "at": "When"})
    assert (touches.kind, touches.profile) == (Kind.TOUCHPOINTS, "generic")
    assert touches.fields == {"Camp": "campaign_id", "Person": "lead_id", "When": "at"}


def test_an_explicit_kind_with_overrides_when_nothing_else_fits():
    mapping = infer_mapping(["Foo", "Bar"], kind=Kind.REPS, overrides={"name": "Foo"})
    assert (mapping.kind, mapping.fields, mapping.unmapped) == (Kind.REPS, {"Foo": "name"}, ["Bar"])


def test_overrides_with_an_unknown_field_list_the_valid_fields():
    with pytest.raises(MappingError) as caught:
        infer_mapping(["Email", "Name"], overrides={"colour": "Email"})
    message = str(caught.value)
    assert message.startswith("unknown field 'colour' for leads; fields: external_id, first_name, last_name")
    assert all(f in message for f in FIELDS[Kind.LEADS])
    with pytest.raises(MappingError, match="unknown field 'budgeted_cost' for leads"):
        infer_mapping(["Email"], kind=Kind.LEADS, overrides={"budgeted_cost": "Email"})


def test_overrides_with_a_missing_column_list_the_columns():
    with pytest.raises(MappingError) as caught:
        infer_mapping(["Email", "Name", ROW], overrides={"email": "Mail"})
    assert str(caught.value) == "no column 'Mail' in the file; columns: Email, Name"


def test_one_column_for_two_fields_is_refused():
    with pytest.raises(MappingError, match="column 'Who' is given for both 'name' and 'title'"):
        infer_mapping(["Who", "Email"], overrides={"name": "Who", "title": "Who"})


def test_an_override_replaces_a_fallback():
    columns = ["Record ID", "Email", "Lead Status", "Lifecycle Stage"]
    assert infer_mapping(columns).fallbacks == {"status": ["Lifecycle Stage"]}
    chosen = infer_mapping(columns, overrides={"status": "Lifecycle Stage"})
    assert chosen.fields["Lifecycle Stage"] == "status" and chosen.fallbacks == {}
    assert chosen.unmapped == ["Lead Status"]


# -- mapping files -----------------------------------------------------------------------


def test_mapping_file_in_toml(tmp_path):
    path = tmp_path / "expo.toml"
    path.write_text('kind = "leads"\nsource_system = "expo-2026"\n[fields]\nname = "Visitor"\nemail = "Mail"\n',
                    encoding="utf-8")
    mapping = infer_mapping(EXPO, mapping_file=path)
    assert (mapping.kind, mapping.source_system, mapping.profile) == (Kind.LEADS, "expo-2026", "generic")
    assert mapping.fields == {"Visitor": "name", "Mail": "email", "Company": "company_name"}
    assert mapping.unmapped == ["Email", "Booth"]


def test_mapping_file_in_json_and_overrides_on_top(tmp_path):
    path = tmp_path / "map.json"
    path.write_text(json.dumps({"kind": "contacts", "fields": {"name": "Visitor", "email": "Mail"}}), "utf-8")
    mapping = infer_mapping(EXPO, mapping_file=path, overrides={"email": "Email"})
    assert mapping.kind == Kind.CONTACTS and mapping.source_system == "generic"
    assert mapping.fields == {"Visitor": "name", "Email": "email", "Company": "company_name"}
    assert read_mapping_file(path).fields == {"name": "Visitor", "email": "Mail"}


def test_mapping_file_with_inline_fields_table(tmp_path):
    path = tmp_path / "map.toml"
    path.write_text('kind = "campaigns"\nfields = {name = "Show", budgeted_cost = "Budget €"}\n', "utf-8")
    mapping = infer_mapping(["Show", "Budget €", "Hall"], mapping_file=path)
    assert mapping.kind == Kind.CAMPAIGNS
    assert mapping.fields == {"Show": "name", "Budget €": "budgeted_cost"} and mapping.unmapped == ["Hall"]


@pytest.mark.parametrize("name,text,problem", [
    ("bad.json", '{"kind": "aliens"}', "bad.json: unknown kind 'aliens'; kinds: leads, contacts"),
    ("bad.toml", 'kind = "leads"\nfeilds = {name = "Visitor"}\n',
     "bad.toml: unknown keys feilds; expected kind, source_system, fields"),
    ("bad.toml", 'fields = ["name", "Visitor"]\n', "bad.toml: fields must map field names to column names"),
    ("bad.toml", '[fields]\nname = 3\n', "bad.toml: fields must map field names to column names"),
    ("bad.toml", 'source_system = ""\n', 'bad.toml: source_system must be a name such as "salesforce"'),
    ("bad.toml", 'kind = "leads\n', "bad.toml: not a valid TOML mapping file: "),
    ("bad.json", '{"kind": "leads",}', "bad.json: not a valid JSON mapping file: "),
    ("bad.json", '["leads"]', "bad.json: expected {kind, source_system, fields}"),
    ("ok.toml", '[fields]\ncolour = "Visitor"\n', "unknown field 'colour' for leads; fields: "),
    ("ok.toml", '[fields]\nname = "Guest"\n', "no column 'Guest' in the file; columns: Visitor, Mail, Email"),
])
def test_bad_mapping_files_say_what_is_wrong(tmp_path, name, text, problem):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingError) as caught:
        infer_mapping(EXPO, mapping_file=path)
    message = str(caught.value).replace(str(tmp_path) + "/", "")
    assert message.startswith(problem) and "\n" not in message


def test_a_missing_mapping_file_and_a_kind_that_disagrees(tmp_path):
    with pytest.raises(MappingError, match="nope.toml: cannot read the mapping file"):
        infer_mapping(EXPO, mapping_file=tmp_path / "nope.toml")
    path = tmp_path / "m.toml"
    path.write_text('kind = "leads"\n', encoding="utf-8")
    with pytest.raises(MappingError, match="the mapping is for leads, but reps was asked for"):
        infer_mapping(EXPO, kind=Kind.REPS, mapping_file=path)
    assert infer_mapping(EXPO, kind=Kind.LEADS, mapping_file=path).kind == Kind.LEADS


# -- applying a mapping ------------------------------------------------------------------


def test_apply_mapping_renames_keeps_row_numbers_and_extras():
    frame = pd.DataFrame({"Email": ["a@x.io", "b@x.io", None], "Skype ID": ["ann.s", None, "  "],
                          "Booth": [None, "B12", None], ROW: [2, 3, 5]}, dtype=object)
    frame[ROW] = frame[ROW].astype(int)
    mapping = infer_mapping(list(frame.columns), kind=Kind.LEADS)
    out = apply_mapping(frame, mapping)
    assert list(out.columns) == ["email", ROW, EXTRA]
    assert out.to_dict("records") == [
        {"email": "a@x.io", ROW: 2, EXTRA: {"Skype ID": "ann.s"}},
        {"email": "b@x.io", ROW: 3, EXTRA: {"Booth": "B12"}},
        {"email": None, ROW: 5, EXTRA: {}},  # blank values are no extra properties
    ]
    assert out[ROW].dtype == "int64" and list(out.index) == list(frame.index)


def test_apply_mapping_keeps_reader_errors_and_fills_fallbacks():
    frame = pd.DataFrame({"Record ID": ["1", "2", "3"], "Lead Status": ["Open", None, None],
                          "Lifecycle Stage": ["Lead", "Customer", None], ERROR: [None, None, "bad row"],
                          ROW: [2, 3, 4]})
    mapping = infer_mapping(["Record ID", "Lead Status", "Lifecycle Stage"])
    out = apply_mapping(frame, mapping)
    assert out["status"].tolist() == ["Open", "Customer", None]
    assert out[ERROR].tolist() == [None, None, "bad row"]
    assert out[EXTRA].tolist() == [{"Lifecycle Stage": "Lead"}, {"Lifecycle Stage": "Customer"}, {}]


def test_apply_mapping_on_chunks_whose_columns_differ():
    mapping = infer_mapping(["email", "name"])
    later = pd.DataFrame({"email": ["c@x.io"], "vip": ["true"], "score": [float("nan")], ROW: [7]})
    out = apply_mapping(later, mapping)
    # a mapped column the chunk lacks is None; a column new in this chunk is kept as an extra
    assert out.to_dict("records") == [{"email": "c@x.io", "name": None, ROW: 7, EXTRA: {"vip": "true"}}]


def test_two_columns_for_one_field_the_second_is_kept_as_extra():
    frame = pd.DataFrame({"Email": ["a@x.io"], "E-mail": ["a.other@x.io"], ROW: [2]})
    mapping = infer_mapping(["Email", "E-mail"])
    assert mapping.fields == {"Email": "email"} and mapping.unmapped == ["E-mail"]
    assert apply_mapping(frame, mapping).to_dict("records") == [
        {"email": "a@x.io", ROW: 2, EXTRA: {"E-mail": "a.other@x.io"}}]


@pytest.mark.parametrize("name", [
    "salesforce_leads_bom.csv", "zoho_leads_eu.csv", "hubspot_contacts.csv", "cn_leads.xlsx", "cn_leads_gbk.csv",
    "business_cards.vcf", "leads.jsonl", "leads.xls", "salesforce_campaign_members.csv",
])
def test_nothing_is_dropped_from_read_to_mapped(name):
    chunks = list(read_file(FIXTURES / name, chunk_rows=2))
    columns = [c for c in chunks[0].frame.columns if not c.startswith("__")]
    mapping = infer_mapping(columns)
    for chunk in chunks:
        out = apply_mapping(chunk.frame, mapping)
        assert out[ROW].tolist() == chunk.frame[ROW].tolist()
        assert set(out.columns) - {ROW, ERROR, EXTRA} <= set(FIELDS[mapping.kind])
        for raw, mapped in zip(chunk.frame.to_dict("records"), out.to_dict("records"), strict=True):
            for column, value in raw.items():
                if column.startswith("__") or value is None:
                    continue
                if column in mapping.fields:
                    assert mapped[mapping.fields[column]] == value, (column, value)
                else:
                    assert mapped[EXTRA][column] == value, (column, value)
            if ERROR in raw:
                assert mapped[ERROR] == raw[ERROR]


def test_a_real_shaped_file_end_to_end():
    chunk = next(read_file(FIXTURES / "cn_leads_gbk.csv"))
    mapping = infer_mapping(list(chunk.frame.columns))
    first = apply_mapping(chunk.frame, mapping).iloc[0].to_dict()
    assert first == {
        "external_id": "XS20260001", "name": "李桂花", "company_name": "良诺网络科技有限公司", "title": "销售总监",
        "mobile": "15969297112", "email": "liguihua@liangnuo.cn", "source": "展会", "status": "待跟进",
        "owner": "马磊", "industry": "互联网", "region": "浙江省", "city": "杭州市", "created_at": "2026-03-05 14:30",
        "last_activity_at": "2026-03-20 10:00", "postcode": "310000", ROW: 2, EXTRA: {},
    }


@pytest.mark.parametrize("name", [
    "salesforce_leads_bom.csv", "zoho_leads_eu.csv", "hubspot_contacts.csv", "cn_leads_gbk.csv",
    "salesforce_campaign_members.csv", "leads.tsv", "zoho_leads.csv",
])
def test_a_tidy_chunk_maps_the_same_without_blanking_again(name):
    """The CSV reader marks its chunks tidy, and the mapping then takes cells as they are."""
    chunks = list(read_file(FIXTURES / name, chunk_rows=3))
    assert all(chunk.tidy for chunk in chunks)
    mapping = infer_mapping([c for c in chunks[0].frame.columns if not c.startswith("__")])
    for chunk in chunks:
        fast = apply_mapping(chunk.frame, mapping, tidy=True).to_dict("records")
        assert fast == apply_mapping(chunk.frame, mapping).to_dict("records")
