"""Column mapping: CRM profiles, kinds from headers, overrides, and nothing dropped."""

from __future__ import annotations

import pandas as pd
import pytest

from graphcrm.ingest.errors import MappingError
from graphcrm.ingest.fields import Kind
from graphcrm.ingest.mapping import apply_mapping, infer_mapping

SALESFORCE_LEADS = ["Lead ID", "First Name", "Last Name", "Title", "Company / Account", "Email", "Phone",
                    "Lead Source", "Lead Status", "Rating", "Industry", "City", "State/Province", "Country",
                    "Lead Owner", "Create Date", "Converted"]
ZOHO = ["Record Id", "Lead Owner", "Company", "First Name", "Last Name", "Designation", "Email", "Phone", "Mobile",
        "Website", "Lead Source", "Lead Status", "Industry", "No. of Employees", "Annual Revenue", "Rating", "City",
        "State", "Country", "Created Time"]
HUBSPOT = ["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Company Name", "Job Title",
           "Lifecycle Stage", "Lead Status", "Original Source", "Contact owner", "Create Date"]
CHINESE = ["线索编号", "姓名", "公司名称", "职务", "手机", "邮箱", "线索来源", "线索状态", "负责人", "所属行业", "省份",
           "城市", "创建时间", "最后跟进时间"]


@pytest.mark.parametrize("columns,kind,profile,expected", [
    (SALESFORCE_LEADS, Kind.LEADS, "salesforce", {"Company / Account": "company_name", "Lead Owner": "owner"}),
    (ZOHO, Kind.LEADS, "zoho", {"Designation": "title", "Mobile": "mobile", "Record Id": "external_id"}),
    (HUBSPOT, Kind.CONTACTS, "hubspot", {"Original Source": "source", "Contact owner": "owner"}),
    (CHINESE, Kind.LEADS, "chinese_crm", {"手机": "mobile", "线索状态": "status", "负责人": "owner"}),
    (["Campaign ID", "Lead ID", "Member Status", "First Responded Date", "Created Date"], Kind.TOUCHPOINTS,
     "salesforce", {"Member Status": "kind", "Created Date": "at", "Lead ID": "lead_id"}),
    (["Campaign ID", "Campaign Name", "Type", "Status", "Start Date", "End Date", "Budgeted Cost", "Actual Cost"],
     Kind.CAMPAIGNS, "salesforce", {"Budgeted Cost": "budgeted_cost"}),
    (["Opportunity ID", "Opportunity Name", "Account Name", "Converted Lead ID", "Stage", "Amount", "Close Date",
      "Opportunity Owner"], Kind.OPPORTUNITIES, "salesforce", {"Converted Lead ID": "lead_id"}),
])
def test_crm_exports_are_recognised_and_fully_mapped(columns, kind, profile, expected):
    mapping = infer_mapping(columns)
    assert (mapping.kind, mapping.profile, mapping.source_system) == (kind, profile, profile)
    assert expected.items() <= mapping.fields.items()
    assert set(mapping.fields) | set(mapping.unmapped) == set(columns)  # nothing dropped
    assert len(mapping.unmapped) <= 1


def test_headers_match_whatever_the_case_spacing_and_width():
    mapping = infer_mapping(["  lead id ", "E-MAIL", "ｆｉｒｓｔ　ｎａｍｅ", "last_name"])
    assert mapping.fields == {"  lead id ": "external_id", "E-MAIL": "email", "ｆｉｒｓｔ　ｎａｍｅ": "first_name",
                              "last_name": "last_name"}


def test_explicit_kind_and_overrides_win():
    mapping = infer_mapping(["Who", "Mail", "Email"], kind=Kind.CONTACTS, overrides={"name": "Who", "email": "Mail"})
    assert mapping.kind == Kind.CONTACTS
    assert mapping.fields == {"Who": "name", "Mail": "email"}
    assert mapping.unmapped == ["Email"]  # displaced, not dropped


def test_bad_overrides_and_unknown_files_are_clear_errors(tmp_path):
    with pytest.raises(MappingError, match="unknown field 'colour'"):
        infer_mapping(["Email"], overrides={"colour": "Email"})
    with pytest.raises(MappingError, match="no column 'Mail'"):
        infer_mapping(["Email"], overrides={"email": "Mail"})
    with pytest.raises(MappingError, match="no column is recognised"):
        infer_mapping(["foo", "bar"])


def test_mapping_files_in_toml_and_json(tmp_path):
    toml = tmp_path / "map.toml"
    toml.write_text('kind = "leads"\nsource_system = "expo"\n[fields]\nname = "Visitor"\nemail = "Mail"\n', "utf-8")
    mapping = infer_mapping(["Visitor", "Mail", "Booth"], mapping_file=toml)
    assert (mapping.kind, mapping.source_system) == (Kind.LEADS, "expo")
    assert mapping.fields == {"Visitor": "name", "Mail": "email"} and mapping.unmapped == ["Booth"]
    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "aliens"}', "utf-8")
    with pytest.raises(MappingError, match="unknown kind"):
        infer_mapping(["Visitor"], mapping_file=bad)


def test_apply_mapping_renames_and_keeps_extra_values():
    frame = pd.DataFrame({"Email": ["a@x.io", "b@x.io"], "Skype ID": ["ann.s", None], "__row__": [2, 3]})
    mapping = infer_mapping(list(frame.columns), kind=Kind.LEADS)
    out = apply_mapping(frame, mapping)
    assert list(out["email"]) == ["a@x.io", "b@x.io"]
    assert list(out["__extra__"]) == [{"Skype ID": "ann.s"}, {}]
    assert list(out["__row__"]) == [2, 3]


def test_vcard_columns_are_already_canonical():
    mapping = infer_mapping(["name", "email", "email_2", "mobile", "company_name"])
    assert (mapping.kind, mapping.source_system) == (Kind.LEADS, "vcard")
    assert mapping.unmapped == ["email_2"]
