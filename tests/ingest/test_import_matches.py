"""Issue 20, point 4: imports match what is there, from the web page and the CLI alike.

A Chinese file (Chinese names, 展会 / 官网 / 电话 / Web sources, 13812345678 mobiles) imported into
a graph that has "Trade Show", "Web Form" and "Cold Call" sources: the phones are +86, no source
is created, and the rows that repeat existing leads are named in the preview; the preview's counts
are the import's; a bad row is reported with its file, row and reason while the good ones load.
Every test runs on each backend, against the real database.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphcrm.cli import cli
from graphcrm.ingest import ImportOptions, import_files
from graphcrm.store import Store, open_store
from graphcrm.web import create_app
from tests.browser import live_server, upload_for_import
from tests.graphdump import dump

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports"

ENGLISH = (
    "Lead ID,First Name,Last Name,Company / Account,Email,Phone,Lead Source,Lead Status\n"
    "00Q1,Ann,Lee,Lee Ltd,ann@lee.io,+1 415 555 0101,Trade Show,Open - Not Contacted\n"
    "00Q2,Bob,Ng,Ng Inc,bob@ng.io,+1 415 555 0102,Web Form,Working - Contacted\n"
    "00Q3,Cy,Ko,Ko Co,cy@ko.io,+1 415 555 0103,Cold Call,Open - Not Contacted\n"
)
CHINESE = (
    "姓名,公司名称,手机,邮箱,线索来源\n"
    "李桂花,良诺网络科技有限公司,13812345678,liguihua@liangnuo.cn,展会\n"
    "王涛,快讯信息有限公司,139 1234 5678,wangtao@kuaixun.com,官网\n"
    "赵敏,草原乳业有限公司,15969297112,,电话\n"
    "钱七,七星贸易有限公司,18612345678,ann@lee.io,Web\n"  # Ann's email: a repeat of an existing lead
    ",,,不是邮箱,展会\n"  # nothing to identify the row by: rejected, with its reason
)
SOURCES = {"source-trade-show", "source-web-form", "source-cold-call"}


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _nodes(store: Store, label: str) -> dict[str, dict]:
    return {node_id: props for (node_label, node_id), props in dump(store)["nodes"].items() if node_label == label}


def _sources_of_leads(store: Store) -> dict[str, str]:
    """Lead name -> the id of its source."""
    graph = dump(store)
    names = {node_id: props.get("name") for (label, node_id), props in graph["nodes"].items() if label == "Lead"}
    return {names[src]: dst for src, rel, dst, _ in graph["rels"] if rel == "FROM_SOURCE" and src in names}


def _check_the_chinese_file_landed(store: Store) -> None:
    phones = set(_nodes(store, "Phone"))
    assert {"+8613812345678", "+8613912345678", "+8615969297112", "+8618612345678"} <= phones
    assert not any(p.startswith("+1381") or p.startswith("+1391") for p in phones)
    assert set(_nodes(store, "Source")) == SOURCES  # no new source for 展会, 官网, 电话 or Web
    by_lead = _sources_of_leads(store)
    assert by_lead["李桂花"] == "source-trade-show" and by_lead["王涛"] == "source-web-form"
    assert by_lead["赵敏"] == "source-cold-call" and by_lead["钱七"] == "source-web-form"


def test_cli_import_of_a_chinese_file(db_uri, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "en.csv").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "展会线索.csv").write_text(CHINESE, encoding="utf-8")
    invoke("--db", db_uri, "import", str(tmp_path / "en.csv"))
    dry = json.loads(invoke("--db", db_uri, "import", str(tmp_path / "展会线索.csv"), "--dry-run", "--json").output)
    result = invoke("--db", db_uri, "import", str(tmp_path / "展会线索.csv"), "--json", "--rejects", "bad.csv")
    report = json.loads(result.output)
    assert report["regions"] == {"展会线索.csv": "CN"} and report["detected_regions"] == ["展会线索.csv"]
    assert report["source_aliases"] == {"展会": "Trade Show", "官网": "Web Form", "电话": "Cold Call", "Web": "Web Form"}
    assert (report["rows"], report["loaded"], report["rejected"]) == (5, 4, 1)
    assert "Source" not in report["created"]
    assert report["repeated_rows"] == 1 and report["repeated"][0]["row"] == 5
    assert report["repeated"][0]["existing"]["name"] == "Ann Lee"
    for key in ("rows", "loaded", "rejected", "unchanged", "created", "updated", "linked_to_existing",
                "repeated_rows", "repeated", "source_aliases"):
        assert dry[key] == report[key], key
    rejects = (tmp_path / "bad.csv").read_text(encoding="utf-8-sig")
    assert "展会线索.csv,6,," in rejects and "no name and no usable email or phone" in rejects
    human = invoke("--db", db_uri, "import", str(tmp_path / "展会线索.csv"), "--dry-run").output
    assert "read as CN" in human and "source '展会' matched to the existing source 'Trade Show'" in human
    store = open_store(db_uri)
    try:
        _check_the_chinese_file_landed(store)
    finally:
        store.close()


@pytest.fixture
def app(store, tmp_path):
    return create_app({"TESTING": True, "SECRET_KEY": "t", "UPLOAD_DIR": str(tmp_path / "up")}, store=store)


def _csrf(client) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/import/").get_data(as_text=True))[1]


def _upload(client, token: str, text: str, name: str, region: str = "") -> str:
    response = client.post("/import/", data={"csrf_token": token, "files": (io.BytesIO(text.encode()), name),
                                              "kind": "", "region": region}, content_type="multipart/form-data")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _summary(page: str) -> tuple[str, list[tuple[str, ...]]]:
    """The preview's or result's sentence and count rows (label, created, updated, linked)."""
    sentence = " ".join(re.search(r'data-testid="sum">(.*?)</p>', page, re.S)[1].split())
    rows = re.findall(r'<tr data-label="(\w+)"><td>\w+</td><td class="num">([\d,]+)</td>\s*'
                      r'<td class="num">([\d,]+)</td><td class="num">([\d,]+)</td>', page)
    return sentence, rows


@pytest.mark.parametrize("region", ["", "US"])  # recognised from the file, or the page's region
def test_web_import_of_a_chinese_file(app, store, region):
    client = app.test_client()
    token = _csrf(client)
    _commit(client, token, _upload(client, token, ENGLISH, "en.csv", "US"))
    preview = _upload(client, token, CHINESE, "cn.csv", region)
    assert "cn.csv → CN" in preview if not region else "cn.csv → US" in preview
    assert "展会 → Trade Show" in preview and "官网 → Web Form" in preview
    repeated = re.search(r'data-testid="repeated">(.*?)</section>', preview, re.S)[1]
    assert "Ann Lee" in repeated and "ann@lee.io" in repeated and "1 rows share an email or phone" in repeated
    result = _commit(client, token, preview)
    assert _summary(preview) == _summary(result)
    assert "5 rows: 4 to load, 1 rejected, 0 unchanged." in _summary(result)[0]
    rejects = re.search(r'data-testid="rejects">(.*?)</table>', result, re.S)[1]
    assert "cn.csv" in rejects and '<td class="num">6</td>' in rejects and "no name and no usable email" in rejects
    _check_the_chinese_file_landed(store)


def _commit(client, token: str, preview: str) -> str:
    upload = re.search(r'action="/import/([0-9a-f]{32})/commit"', preview)[1]
    response = client.post(f"/import/{upload}/commit", data={"csrf_token": token})
    assert response.status_code == 200 and "Undo this import" in response.get_data(as_text=True)
    return response.get_data(as_text=True)


def _counts(report) -> dict:
    return {"rows": report.rows, "loaded": report.loaded, "rejected": report.rejected, "unchanged": report.unchanged,
            "created": dict(report.created), "updated": dict(report.updated), "linked": dict(report.linked),
            "repeated": report.repeated, "warnings": len(report.warnings),
            "rejects": [(r.file, r.row, r.reason) for r in report.rejects]}


@pytest.mark.parametrize("files", [
    ["salesforce_leads.csv", "salesforce_campaigns.csv", "salesforce_campaign_members.csv",
     "salesforce_opportunities.csv"],
    ["cn_leads_gbk.csv", "hubspot_contacts.csv", "zoho_leads.csv"],
    ["leads.jsonl", "business_cards.vcf"],
])
@pytest.mark.parametrize("chunk_rows", [20_000, 2])
def test_preview_counts_are_the_counts_of_the_import(store, files, chunk_rows):
    paths = [FIXTURES / f for f in files]
    for _ in range(2):  # into an empty graph, then again into the graph that has it all
        preview = import_files(store, paths, ImportOptions(dry_run=True, chunk_rows=chunk_rows))
        done = import_files(store, paths, ImportOptions(chunk_rows=chunk_rows))
        assert _counts(preview) == _counts(done)


def test_a_preview_names_rows_repeating_existing_records_as_the_import_does(store, tmp_path):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("Name,Email,Phone\nAnn Lee,ann@lee.io,+1 415 555 0101\n", encoding="utf-8")
    second.write_text("Name,Email,Mobile\nAnn L.,ann@lee.io,\nBo,bo@x.io,(415) 555-0101\nNew,new@x.io,\n"
                      "Again,ann@lee.io,\n", encoding="utf-8")
    import_files(store, [first])
    for columnar in (True, False):
        preview = import_files(store, [second], ImportOptions(dry_run=True, columnar=columnar))
        assert [(r.row, r.field, r.value, r.name) for r in preview.repeated] == [
            (2, "email", "ann@lee.io", "Ann Lee"), (3, "phone", "+14155550101", "Ann Lee"),
            (5, "email", "ann@lee.io", "Ann Lee")]  # rows 2 and 5 of this file repeat Ann, not each other
    done = import_files(store, [second])
    assert done.repeated == preview.repeated and done.repeated_rows == 3
    assert done.created["Lead"] == 4  # loaded all the same: merging is the dedupe step's


UNKNOWN_HEADERS = "Visitor,Firm,Handy,Booth Note\n张伟,良诺科技有限公司,13812345678,stand 4\nAnn Lee,Lee Ltd,,x\n"


def test_the_web_asks_which_field_unrecognised_columns_hold_and_imports_with_it(app, store):
    client = app.test_client()
    token = _csrf(client)
    page = _upload(client, token, UNKNOWN_HEADERS, "expo.csv")
    assert "Which column is which?" in page and "--map" not in page
    assert "13812345678" in page  # sample values help choose
    upload = re.search(r'action="/import/([0-9a-f]{32})/columns"', page)[1]
    choice = {"Visitor": "name", "Firm": "company_name", "Handy": "mobile", "Booth Note": "__ignore__"}
    data = {"csrf_token": token, "kind": "leads"}
    for key, column in re.findall(r'name="(column-\d+-\d+)" value="([^"]+)"', page):
        data[key], data[key.replace("column", "field")] = column, choice[column]
    preview = client.post(f"/import/{upload}/columns", data=data).get_data(as_text=True)
    assert "2 rows: 2 to load, 0 rejected, 0 unchanged." in _summary(preview)[0]
    _commit(client, token, preview)
    leads = {props["name"]: props for props in _nodes(store, "Lead").values()}
    assert leads["张伟"]["mobile"] == "+8613812345678" and leads["张伟"]["company_name"] == "良诺科技有限公司"
    assert "Booth Note" not in (leads["张伟"].get("extra") or "")  # ignored: not even kept as extra


def test_a_recognised_file_with_an_extra_column_offers_the_step_on_the_preview(app, store):
    client = app.test_client()
    token = _csrf(client)
    page = _upload(client, token, "Name,Email,Handy\nAnn Lee,ann@lee.io,13812345678\n", "people.csv")
    assert "Preview: nothing has been written yet" in page and 'data-testid="columns"' in page
    upload = re.search(r'action="/import/([0-9a-f]{32})/columns"', page)[1]
    key = re.search(r'name="(column-0-\d+)" value="Handy"', page)[1]
    preview = client.post(f"/import/{upload}/columns", data={"csrf_token": token, key: "Handy",
                                                             key.replace("column", "field"): "mobile"})
    _commit(client, token, preview.get_data(as_text=True))
    assert "+8613812345678" in _nodes(store, "Phone")


def test_a_conflicting_choice_is_explained_on_the_step(app, store):
    client = app.test_client()
    token = _csrf(client)
    page = _upload(client, token, UNKNOWN_HEADERS, "expo.csv")
    upload = re.search(r'action="/import/([0-9a-f]{32})/columns"', page)[1]
    data = {"csrf_token": token, "kind": "leads"}
    for key, column in re.findall(r'name="(column-\d+-\d+)" value="([^"]+)"', page):
        data[key], data[key.replace("column", "field")] = column, "name"
    again = client.post(f"/import/{upload}/columns", data=data).get_data(as_text=True)
    assert "Which column is which?" in again and "is chosen for both" in again
    assert _nodes(store, "Lead") == {}


def test_the_column_step_in_a_real_browser(app, store, browser_page, tmp_path):
    path = tmp_path / "expo.csv"
    path.write_text(UNKNOWN_HEADERS, encoding="utf-8")
    page = browser_page
    with live_server(app) as base:
        upload_for_import(page, base, path, lang="en", until="[data-testid=columns]")
        assert page.inner_text("h1") == "Which column is which?"
        page.screenshot(path=str(tmp_path / "columns.png"), full_page=True)
        for column, field in [("Visitor", "name"), ("Firm", "company_name"), ("Handy", "mobile"),
                              ("Booth Note", "__ignore__")]:
            page.select_option(f"tr[data-column='{column}'] select", field)
        page.click("text=Use these columns and preview")
        page.wait_for_selector("[data-testid=sum]")
        assert "2 to load, 0 rejected" in page.inner_text("[data-testid=sum]")
        page.screenshot(path=str(tmp_path / "preview.png"), full_page=True)
        page.click("text=Import now")
        page.wait_for_selector("text=Undo this import")
        upload_for_import(page, base, path, lang="zh", until="[data-testid=columns]")
        assert page.inner_text("h1") == "哪一列是什么？"
        page.screenshot(path=str(tmp_path / "columns-zh.png"), full_page=True)
    assert page.console_errors == []
    leads = {props["name"]: props for props in _nodes(store, "Lead").values()}
    assert leads["张伟"]["mobile"] == "+8613812345678"
    assert set(leads) == {"张伟", "Ann Lee"}
