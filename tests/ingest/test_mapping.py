"""Column mapping: CRM header profiles, kinds inferred from headers, tolerant matching, nothing dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphcrm.ingest.errors import MappingError
from graphcrm.ingest.fields import FIELDS, Kind
from graphcrm.ingest.mapping import ColumnMapping, header_key, infer_mapping, parse_profile, profiles
from graphcrm.ingest.read import ROW, read_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"

# The headers of the shared sample exports, exactly as they are.
SALESFORCE_LEADS = ["Lead ID", "First Name", "Last Name", "Title", "Company / Account", "Email", "Phone",
                    "Lead Source", "Lead Status", "Rating", "Industry", "City", "State/Province", "Country",
                    "Lead Owner", "Create Date", "Converted"]
SALESFORCE_CAMPAIGNS = ["Campaign ID", "Campaign Name", "Type", "Status", "Start Date", "End Date", "Budgeted Cost",
                        "Actual Cost"]
SALESFORCE_MEMBERS = ["Campaign ID", "Lead ID", "Member Status", "First Responded Date", "Created Date"]
SALESFORCE_OPPORTUNITIES = ["Opportunity ID", "Opportunity Name", "Account Name", "Converted Lead ID", "Stage",
                            "Amount", "Close Date", "Opportunity Owner"]
ZOHO_LEADS = ["Record Id", "Lead Owner", "Company", "First Name", "Last Name", "Designation", "Email", "Phone",
              "Mobile", "Website", "Lead Source", "Lead Status", "Industry", "No. of Employees", "Annual Revenue",
              "Rating", "City", "State", "Country", "Created Time"]
HUBSPOT_CONTACTS = ["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Company Name", "Job Title",
                    "Lifecycle Stage", "Lead Status", "Original Source", "Contact owner", "Create Date"]
CN_LEADS = ["线索编号", "姓名", "公司名称", "职务", "手机", "邮箱", "线索来源", "线索状态", "负责人", "所属行业", "省份", "城市",
            "创建时间", "最后跟进时间"]
VCARD = ["external_id", "first_name", "last_name", "name", "company_name", "title", "email", "phone", "mobile",
         "street", "city", "region", "postcode", "country", "website", "description"]

SAMPLE_MAPPINGS = {
    "salesforce_leads": (SALESFORCE_LEADS, Kind.LEADS, "salesforce", {
        "Lead ID": "external_id", "First Name": "first_name", "Last Name": "last_name", "Title": "title",
        "Company / Account": "company_name", "Email": "email", "Phone": "phone", "Lead Source": "source",
        "Lead Status": "status", "Rating": "rating", "Industry": "industry", "City": "city",
        "State/Province": "region", "Country": "country", "Lead Owner": "owner", "Create Date": "created_at",
        "Converted": "converted"}),
    "salesforce_campaigns": (SALESFORCE_CAMPAIGNS, Kind.CAMPAIGNS, "salesforce", {
        "Campaign ID": "external_id", "Campaign Name": "name", "Type": "type", "Status": "status",
        "Start Date": "start_date", "End Date": "end_date", "Budgeted Cost": "budgeted_cost",
        "Actual Cost": "actual_cost"}),
    "salesforce_campaign_members": (SALESFORCE_MEMBERS, Kind.TOUCHPOINTS, "salesforce", {
        "Campaign ID": "campaign_id", "Lead ID": "lead_id", "Member Status": "kind",
        "First Responded Date": "responded_at", "Created Date": "at"}),
    "salesforce_opportunities": (SALESFORCE_OPPORTUNITIES, Kind.OPPORTUNITIES, "salesforce", {
        "Opportunity ID": "external_id", "Opportunity Name": "name", "Account Name": "company_name",
        "Converted Lead ID": "lead_id", "Stage": "stage", "Amount": "amount", "Close Date": "close_date",
        "Opportunity Owner": "owner"}),
    "zoho_leads": (ZOHO_LEADS, Kind.LEADS, "zoho", {
        "Record Id": "external_id", "Lead Owner": "owner", "Company": "company_name", "First Name": "first_name",
        "Last Name": "last_name", "Designation": "title", "Email": "email", "Phone": "phone", "Mobile": "mobile",
        "Website": "website", "Lead Source": "source", "Lead Status": "status", "Industry": "industry",
        "No. of Employees": "employees", "Annual Revenue": "annual_revenue", "Rating": "rating", "City": "city",
        "State": "region", "Country": "country", "Created Time": "created_at"}),
    "hubspot_contacts": (HUBSPOT_CONTACTS, Kind.CONTACTS, "hubspot", {
        "Record ID": "external_id", "First Name": "first_name", "Last Name": "last_name", "Email": "email",
        "Phone Number": "phone", "Company Name": "company_name", "Job Title": "title", "Lead Status": "status",
        "Original Source": "source", "Contact owner": "owner", "Create Date": "created_at"}),
    "cn_leads": (CN_LEADS, Kind.LEADS, "chinese_crm", {
        "线索编号": "external_id", "姓名": "name", "公司名称": "company_name", "职务": "title", "手机": "mobile",
        "邮箱": "email", "线索来源": "source", "线索状态": "status", "负责人": "owner", "所属行业": "industry",
        "省份": "region", "城市": "city", "创建时间": "created_at", "最后跟进时间": "last_activity_at"}),
    "business_cards": (VCARD, Kind.LEADS, "vcard", {c: c for c in VCARD}),
}


@pytest.mark.parametrize("sample", sorted(SAMPLE_MAPPINGS))
def test_every_column_of_the_shared_sample_shapes_is_mapped(sample):
    columns, kind, profile, expected = SAMPLE_MAPPINGS[sample]
    mapping = infer_mapping(columns)
    assert (mapping.kind, mapping.profile, mapping.source_system) == (kind, profile, profile)
    assert mapping.fields == expected
    # HubSpot's lifecycle stage is no column of its own: it fills a blank lead status row by row
    assert mapping.unmapped == (["Lifecycle Stage"] if sample == "hubspot_contacts" else [])
    assert mapping.fallbacks == ({"status": ["Lifecycle Stage"]} if sample == "hubspot_contacts" else {})
    assert mapping.confidence == round(len(expected) / len(columns), 3)


@pytest.mark.parametrize("name,kind,profile,unmapped", [
    ("salesforce_leads.csv", Kind.LEADS, "salesforce", []),
    ("salesforce_leads_bom.csv", Kind.LEADS, "salesforce", ["Salutation"]),
    ("salesforce_campaigns.csv", Kind.CAMPAIGNS, "salesforce", []),
    ("salesforce_campaign_members.csv", Kind.TOUCHPOINTS, "salesforce", []),
    ("salesforce_opportunities.csv", Kind.OPPORTUNITIES, "salesforce", []),
    ("zoho_leads.csv", Kind.LEADS, "zoho", []),
    ("zoho_leads_eu.csv", Kind.LEADS, "zoho", ["Skype ID"]),  # unmapped on purpose, kept as extra
    ("hubspot_contacts.csv", Kind.CONTACTS, "hubspot", ["Lifecycle Stage"]),
    ("cn_leads.xlsx", Kind.LEADS, "chinese_crm", ["预算", "已签约"]),
    ("cn_leads_gbk.csv", Kind.LEADS, "chinese_crm", []),
    ("business_cards.vcf", Kind.LEADS, "vcard", ["email_2", "fax", "mobile_2"]),
    ("leads.tsv", Kind.LEADS, "generic", []),
    ("leads.xls", Kind.LEADS, "generic", ["Score", "Active"]),
    ("leads.jsonl", Kind.LEADS, "generic", ["company.address.city", "score", "vip", "tags"]),
    ("leads_array.json", Kind.LEADS, "generic", []),
])
def test_fixture_files_map_from_what_the_reader_gives(name, kind, profile, unmapped):
    columns = [c for c in next(read_file(FIXTURES / name)).frame.columns if not c.startswith("__")]
    mapping = infer_mapping(columns)
    assert (mapping.kind, mapping.profile) == (kind, profile)
    assert mapping.unmapped == unmapped
    assert list(mapping.fields) == [c for c in columns if c in mapping.fields]  # in file order
    assert set(mapping.fields) | set(mapping.unmapped) == set(columns)  # nothing dropped
    assert not set(mapping.fields) & set(mapping.unmapped)
    assert all(f in FIELDS[kind] for f in mapping.fields.values())
    assert len(set(mapping.fields.values())) == len(mapping.fields)  # one column per field


def test_the_extra_columns_of_the_fixtures_map_to_the_right_fields():
    sf = infer_mapping(["Lead ID", "Street", "Zip/Postal Code", "Mobile", "Website", "No. of Employees",
                        "Annual Revenue", "Description", "Mobile Phone"])
    assert sf.fields == {"Lead ID": "external_id", "Street": "street", "Zip/Postal Code": "postcode",
                         "Mobile": "mobile", "Website": "website", "No. of Employees": "employees",
                         "Annual Revenue": "annual_revenue", "Description": "description"}
    assert sf.unmapped == ["Mobile Phone"]  # a second column for mobile: the first one wins
    hub = infer_mapping(["Record ID", "Email", "Mobile Phone Number", "Website URL", "City", "State/Region",
                         "Postal Code", "Country/Region", "Industry", "Number of Employees", "Lifecycle Stage"])
    assert hub.profile == "hubspot" and hub.fields == {
        "Record ID": "external_id", "Email": "email", "Mobile Phone Number": "mobile", "Website URL": "website",
        "City": "city", "State/Region": "region", "Postal Code": "postcode", "Country/Region": "country",
        "Industry": "industry", "Number of Employees": "employees",
        "Lifecycle Stage": "status"}  # with no Lead Status column, the lifecycle stage is the status
    zoho = infer_mapping(["Record Id", "Lead Owner", "Designation", "Street", "Zip Code", "Skype ID", "Twitter"])
    assert zoho.profile == "zoho" and zoho.unmapped == ["Skype ID", "Twitter"]
    assert zoho.fields == {"Record Id": "external_id", "Lead Owner": "owner", "Designation": "title",
                           "Street": "street", "Zip Code": "postcode"}


@pytest.mark.parametrize("columns,kind,profile", [
    (["Campaign ID", "Lead ID", "Member Status"], Kind.TOUCHPOINTS, "salesforce"),
    (["Campaign", "Lead", "Touched At", "Kind"], Kind.TOUCHPOINTS, "generic"),
    (["Name", "Budgeted Cost"], Kind.CAMPAIGNS, "generic"),
    (["活动名称", "活动类型", "开始日期", "预算"], Kind.CAMPAIGNS, "generic"),
    (["Opportunity", "Stage", "Amount"], Kind.OPPORTUNITIES, "generic"),
    (["Deal Name", "Deal Stage", "Amount", "Close Date", "Deal owner", "Record ID"], Kind.OPPORTUNITIES, "hubspot"),
    (["Name", "Email", "Phone"], Kind.LEADS, "generic"),  # person-shaped: leads, not reps
    (["姓名", "手机", "公司", "备注"], Kind.LEADS, "generic"),
    (["Name", "Email", "Team", "Capacity"], Kind.REPS, "generic"),
    (["Company Name", "Domain", "Industry", "Employees"], Kind.COMPANIES, "generic"),
    (["Record ID", "Company name", "Company Domain Name", "Company owner"], Kind.COMPANIES, "hubspot"),
    (["Lead ID", "Type", "Date", "Outcome", "Notes"], Kind.ACTIVITIES, "generic"),
    (["跟进记录编号", "线索编号", "跟进方式", "跟进时间", "跟进内容"], Kind.ACTIVITIES, "chinese_crm"),
    (["联系人编号", "姓名", "客户名称", "手机"], Kind.CONTACTS, "chinese_crm"),
    (["Contact ID", "First Name", "Last Name", "Account Name", "Mailing City", "Contact Owner"], Kind.CONTACTS,
     "salesforce"),
    (["campaign_id", "lead_id", "kind", "at"], Kind.TOUCHPOINTS, "generic"),  # canonical names of another kind
    (VCARD + ["email_2", "phone_2"], Kind.LEADS, "vcard"),  # business cards from a trade show are leads
])
def test_kind_and_profile_are_inferred_from_the_headers(columns, kind, profile):
    mapping = infer_mapping(columns)
    assert (mapping.kind, mapping.profile) == (kind, profile)


def test_ties_go_to_generic_and_one_shared_signature_header_is_not_enough():
    plain = infer_mapping(["First Name", "Last Name", "Email", "Company"])
    assert (plain.profile, plain.source_system) == ("generic", "generic")
    # "Lead Status" is in three systems' signatures: it names none of them
    assert infer_mapping(["Name", "Email", "Phone", "Lead Status", "Notes"]).profile == "generic"
    # "Record ID" as HubSpot spells it wins over Zoho's "Record Id" when nothing else decides
    assert infer_mapping(["Record ID", "First Name", "Last Name", "Email"]).profile == "hubspot"
    assert infer_mapping(["Record Id", "First Name", "Last Name", "Email"]).profile == "zoho"


def test_headers_match_whatever_the_case_spacing_punctuation_width_and_bom():
    mapping = infer_mapping(["\ufeff  lead id ", "E_MAIL", "ｆｉｒｓｔ　ｎａｍｅ", "LAST-NAME", "company/account",
                             "zip / postal code", "手机号", "（邮箱）"])
    assert mapping.profile == "salesforce"
    assert mapping.fields == {"\ufeff  lead id ": "external_id", "E_MAIL": "email", "ｆｉｒｓｔ　ｎａｍｅ": "first_name",
                              "LAST-NAME": "last_name", "company/account": "company_name",
                              "zip / postal code": "postcode", "手机号": "mobile"}
    assert mapping.unmapped == ["（邮箱）"]  # the same field as E_MAIL: the first wins
    assert header_key(" Ｅ－Ｍａｉｌ ") == header_key("email") == "email"


def test_an_explicit_kind_picks_that_kind_and_its_closest_table():
    as_leads = infer_mapping(HUBSPOT_CONTACTS, kind=Kind.LEADS)
    assert (as_leads.kind, as_leads.profile) == (Kind.LEADS, "hubspot")  # the contacts table stands in
    assert as_leads.fields["Original Source"] == "source" and as_leads.fields["Contact owner"] == "owner"
    assert infer_mapping(["Name", "Email", "Phone"], kind=Kind.REPS).kind == Kind.REPS
    assert infer_mapping(SALESFORCE_LEADS, kind="contacts").kind == Kind.CONTACTS
    with pytest.raises(MappingError, match="unknown kind 'aliens'; kinds: leads, contacts"):
        infer_mapping(SALESFORCE_LEADS, kind="aliens")  # type: ignore[arg-type]


def test_canonical_columns_map_to_themselves():
    mapping = infer_mapping(["external_id", "name", "email", "referred_by", "converted"])
    assert mapping.fields == {c: c for c in ["external_id", "name", "email", "referred_by", "converted"]}
    assert (mapping.kind, mapping.profile) == (Kind.LEADS, "generic")  # only the vCard reader's columns say vcard


def test_headers_nothing_fits_are_a_clear_error():
    with pytest.raises(MappingError, match=r"no column is recognised as a field of any kind \('foo', 'bar'\); "
                                           r"name the fields with --map FIELD=COLUMN or a mapping file"):
        infer_mapping(["foo", "bar", ROW])
    with pytest.raises(MappingError, match="no column is recognised as a campaigns field"):
        infer_mapping(["First Name", "Email"], kind=Kind.CAMPAIGNS)
    assert issubclass(MappingError, ValueError)


def test_internal_columns_are_not_mapped():
    mapping = infer_mapping(["Email", ROW, "__error__"])
    assert mapping.fields == {"Email": "email"} and mapping.unmapped == []


# -- the profiles themselves -------------------------------------------------------------


def test_the_shipped_profiles_load_and_name_only_real_fields():
    found = profiles()
    assert list(found) == ["chinese_crm", "hubspot", "salesforce", "zoho", "generic"]
    for profile in found.values():
        assert profile.kinds, profile.name
        for kind, table in {**profile.kinds, **profile.fallbacks}.items():
            assert set(table.values()) <= set(FIELDS[kind]), (profile.name, kind)
        if profile.name != "generic":
            assert profile.signature, profile.name
    generic = found["generic"].kinds[Kind.LEADS]
    for header, field in {"Email": "email", "E-mail": "email", "Email Address": "email", "邮箱": "email",
                          "电子邮件": "email", "Mobile": "mobile", "手机": "mobile", "手机号": "mobile", "电话": "phone",
                          "Company": "company_name", "公司": "company_name", "公司名称": "company_name",
                          "单位": "company_name", "姓名": "name", "名字": "name", "职务": "title", "职位": "title",
                          "线索来源": "source", "来源": "source", "线索状态": "status", "状态": "status",
                          "负责人": "owner", "所属行业": "industry", "行业": "industry", "省份": "region",
                          "城市": "city", "地址": "street", "邮编": "postcode", "国家": "country",
                          "创建时间": "created_at", "最后跟进时间": "last_activity_at"}.items():
        assert generic[header_key(header)] == field, header


@pytest.mark.parametrize("text,problem", [
    ('name = "x"\n[kinds.leads]\n"Mail" = "e_mail"\n', "'Mail' maps to 'e_mail', not a leads field"),
    ('name = "x"\n[kinds.robots]\n"Mail" = "email"\n', "unknown kind 'robots'"),
    ('name = "x"\n[kinds.leads]\n"Mail" = "email"\n"MAIL" = "phone"\n', "'MAIL' maps to both 'email' and 'phone'"),
    ('title = "x"\n', "a profile needs name and [kinds.*] tables"),
])
def test_a_malformed_profile_is_refused(text, problem):
    with pytest.raises(ValueError, match=problem.replace("[", r"\[").replace("*", r"\*")):
        parse_profile(text, "bad.toml")


def test_column_mapping_shape():
    mapping = infer_mapping(ZOHO_LEADS)
    assert isinstance(mapping, ColumnMapping)
    assert isinstance(mapping.fields, dict) and isinstance(mapping.unmapped, list)
    assert 0.0 <= mapping.confidence <= 1.0 and mapping.confidence == 1.0
