"""Importing files into a real graph: loads, rejects, idempotence, updates and undo."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

import pytest

from graphcrm.ingest import ImportFileError, ImportOptions, UndoError, import_files, undo_batch
from graphcrm.ingest.fields import Kind
from graphcrm.ingest.keys import record_id
from graphcrm.store import StoreError
from tests.graphdump import dump

T0 = datetime(2026, 11, 1, 9, 0)
T1 = datetime(2026, 11, 2, 9, 0)
T2 = datetime(2026, 11, 3, 9, 0)

SF_HEADER = ("Lead ID,First Name,Last Name,Title,Company / Account,Email,Phone,Lead Source,Lead Status,"
             "Rating,Industry,City,State/Province,Country,Lead Owner,Create Date,Converted")
SF_ROWS = [
    '00Q1,Michael,Patterson,Haematologist,"Clements, Pena and Singh",michael.patterson@clements.io,'
    "+1 415 555 0101,Trade Show,Open - Not Contacted,Cold,Healthcare,Jamesstad,WY,USA,Mark Moses,03/06/2026 12:00 AM,0",
    "00Q2,Benjamin,Wagner,Exhibition designer,Serrano Inc,benjamin.wagner@serrano.com,415.555.0102,"
    "Partner Referral,Working - Contacted,Hot,Healthcare,New Roy,HI,USA,Paul Yang,04/16/2026 11:00 AM,0",
    "00Q3,Jessica,Russell,Automotive engineer,Serrano Inc.,jess.russell@gmail.com,1-415-555-0103,"
    "Partner Referral,Closed - Converted,Warm,Finance,Johnshire,MP,USA,Paul Yang,02/18/2026 08:00 PM,1",
    "00Q4,,,,,,,Web,Open - Not Contacted,,,,,,Mark Moses,02/18/2026 08:00 PM,0",
    "00Q5,Bobby,Mathews,Officer,Diaz Inc,bobby.mathews@diaz.com,+1 415 555 0105,Webinar,"
    "Working - Contacted,Cold,Technology,Port James,WA,USA,Andrea Clark,02/30/2026 07:00 AM,0",
]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


def sf_leads(tmp_path: Path, rows: list[str] = SF_ROWS, name: str = "salesforce_leads.csv") -> Path:
    return write(tmp_path / name, "\n".join([SF_HEADER, *rows]) + "\n")


def run(store, paths, now=T0, **options):
    return import_files(store, [Path(p) for p in paths], ImportOptions(**options), now=now)


def test_good_rows_load_and_bad_rows_are_reported_with_file_row_and_reason(store, tmp_path):
    rejects = tmp_path / "rejects.csv"
    report = run(store, [sf_leads(tmp_path)], rejects_path=rejects)
    assert report.kinds == ["leads"] and report.source_systems == ["salesforce"]
    assert (report.rows, report.loaded, report.rejected, report.unchanged) == (5, 3, 2, 0)
    assert report.rows == report.loaded + report.rejected + report.unchanged
    assert report.created["Lead"] == 3
    assert report.created["Company"] == 2  # "Serrano Inc" and "Serrano Inc." are one company
    counts = store.counts().nodes
    assert counts["Lead"] == 3 and counts["Company"] == 2 and counts["Rep"] == 2 and counts["Source"] == 2
    assert counts["Email"] == 3 and counts["Phone"] == 3
    # the free-mail address gives no Domain link; the two work addresses do
    assert counts["Domain"] == 2
    with rejects.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["file"], r["row"]) for r in rows] == [("salesforce_leads.csv", "5"), ("salesforce_leads.csv", "6")]
    assert "no " in rows[0]["reason"] and rows[0]["Lead ID"] == "00Q4"
    assert rows[1]["column"] == "created_at" and rows[1]["Lead ID"] == "00Q5"


def test_normalised_values_and_links_in_the_graph(store, tmp_path):
    run(store, [sf_leads(tmp_path)])
    graph = dump(store)
    leads = {p["external_id"]: p for (label, _), p in graph["nodes"].items() if label == "Lead"}
    jessica = leads["00Q3"]
    assert jessica["email"] == "jess.russell@gmail.com"
    assert jessica["phone"] == "+14155550103"
    assert jessica["status"] == "converted" and jessica["status_original"] == "Closed - Converted"
    # the CRM's rating stays as it was written; the rating is the one the scoring rules give (issue 20)
    assert jessica["rating_original"].casefold() == "warm" and jessica["rating"] in ("hot", "warm", "cold")
    assert jessica["scored_at"] is not None
    assert jessica["created_at"] == datetime(2026, 2, 18, 20, 0)
    assert jessica["source_system"] == "salesforce" and jessica["batch_id"].startswith("imp-")
    assert leads["00Q1"]["status"] == "new" and leads["00Q2"]["status"] == "working"
    rels = {(src, t, dst) for src, t, dst, _ in graph["rels"]}
    assert (jessica["id"], "HAS_EMAIL", "jess.russell@gmail.com") in rels
    assert (jessica["id"], "HAS_PHONE", "+14155550103") in rels
    assert not any(src == jessica["id"] and t == "HAS_DOMAIN" for src, t, _ in rels)
    wagner = leads["00Q2"]
    assert (wagner["id"], "HAS_DOMAIN", "serrano.com") in rels
    works = {src: dst for src, t, dst in rels if t == "WORKS_AT"}
    assert works[jessica["id"]] == works[wagner["id"]]
    owners = {dst: src for src, t, dst in rels if t == "OWNS"}
    assert owners[jessica["id"]] == owners[wagner["id"]]


def test_reimporting_the_same_file_creates_nothing(store, tmp_path):
    path = sf_leads(tmp_path)
    run(store, [path])
    before = dump(store)
    again = run(store, [path], now=T1)
    assert (again.loaded, again.rejected, again.unchanged) == (0, 2, 3)
    assert sum(again.created.values()) == 0 and sum(again.updated.values()) == 0
    assert dump(store) == before


def test_changed_row_updates_node_and_undo_restores_it_exactly(store, tmp_path):
    run(store, [sf_leads(tmp_path)])
    before = dump(store)
    changed = [SF_ROWS[0].replace("Haematologist", "Chief Haematologist").replace("Mark Moses", "Paul Yang"),
               *SF_ROWS[1:]]
    report = run(store, [sf_leads(tmp_path, changed, "v2.csv")], now=T1)
    assert (report.loaded, report.unchanged) == (1, 2)
    assert report.updated["Lead"] == 1
    lead = next(p for (label, _), p in dump(store)["nodes"].items() if label == "Lead" and p["external_id"] == "00Q1")
    assert lead["title"] == "Chief Haematologist" and lead["updated_at"] == T1 and lead["created_at"] != T1
    owns = [r for r in dump(store)["rels"] if r[1] == "OWNS" and r[2] == lead["id"]]
    assert len(owns) == 2  # the old ownership is closed (until), not deleted
    assert sum(1 for r in owns if any(k == "until" for k, _ in r[3])) == 1

    undone = undo_batch(store, report.batch_id, now=T2)
    assert undone.restored == {"Lead": 1}
    assert dump(store) == before


def test_undo_of_a_first_import_leaves_the_graph_as_it_was(store, tmp_path):
    empty = dump(store)
    report = run(store, [sf_leads(tmp_path)])
    assert dump(store) != empty
    undo_batch(store, report.batch_id)
    assert dump(store) == empty
    with pytest.raises(UndoError, match="already undone"):
        undo_batch(store, report.batch_id)
    with pytest.raises(UndoError, match="no import batch"):
        undo_batch(store, "imp-nope")


def test_undo_refuses_when_a_later_batch_built_on_it(store, tmp_path):
    leads = run(store, [sf_leads(tmp_path)])
    changed = [SF_ROWS[0].replace("Haematologist", "Director"), *SF_ROWS[1:]]
    later = run(store, [sf_leads(tmp_path, changed, "v2.csv")], now=T1)
    with pytest.raises(UndoError, match=later.batch_id):
        undo_batch(store, leads.batch_id)
    undo_batch(store, later.batch_id)
    undo_batch(store, leads.batch_id)
    assert store.counts().nodes["Lead"] == 0


def test_dry_run_reports_without_writing(store, tmp_path):
    before = dump(store, skip=())
    report = run(store, [sf_leads(tmp_path)], dry_run=True)
    assert report.dry_run and report.created["Lead"] == 3 and report.rejected == 2
    assert dump(store, skip=()) == before


CAMPAIGNS = """Campaign ID,Campaign Name,Type,Status,Start Date,End Date,Budgeted Cost,Actual Cost
701A,Spring Expo,Trade Show,Completed,01/05/2026,02/04/2026,"13,000.00",14400.00
701B,Launch Webinar,Webinar,Completed,02/04/2026,03/06/2026,19500.00,7680.00
"""
MEMBERS = """Campaign ID,Lead ID,Member Status,First Responded Date,Created Date
701A,00Q1,Attended,01/25/2026,01/20/2026 06:00 PM
701B,00Q1,Registered,,02/14/2026 01:00 AM
701B,00Q2,Sent,,02/15/2026 02:00 PM
701B,00Q9,Sent,,02/15/2026 02:00 PM
701Z,00Q2,Sent,,02/15/2026 02:00 PM
"""


def test_touchpoints_link_leads_to_campaigns_and_rerun_is_idempotent(store, tmp_path):
    run(store, [sf_leads(tmp_path)])
    campaigns = run(store, [write(tmp_path / "campaigns.csv", CAMPAIGNS)])
    assert campaigns.kinds == ["campaigns"] and campaigns.created["Campaign"] == 2
    nodes = dump(store)["nodes"]
    expo = next(p for (label, _), p in nodes.items() if label == "Campaign" and p["name"] == "Spring Expo")
    assert expo["budgeted_cost"] == 13000.0 and expo["actual_cost"] == 14400.0
    assert str(expo["start_date"]) == "2026-01-05"
    members = write(tmp_path / "members.csv", MEMBERS)
    touches = run(store, [members], now=T1)
    assert touches.kinds == ["touchpoints"]
    assert (touches.loaded, touches.rejected) == (3, 2)
    assert {r.reason for r in touches.rejects} == {"unknown lead or contact '00Q9'", "unknown campaign '701Z'"}
    assert store.counts().relationships["TOUCHED_BY"] == 3
    again = run(store, [members], now=T2)
    assert (again.loaded, again.unchanged, again.rejected) == (0, 3, 2)
    assert store.counts().relationships["TOUCHED_BY"] == 3
    # a member's status changes: the same touch is updated, not added
    responded = MEMBERS.replace("701B,00Q2,Sent,,", "701B,00Q2,Responded,02/16/2026,")
    update = run(store, [write(tmp_path / "members2.csv", responded)], now=T2)
    assert update.updated["TOUCHED_BY"] == 1 and store.counts().relationships["TOUCHED_BY"] == 3
    before_undo = update.batch_id
    undo_batch(store, before_undo)
    kinds = sorted(dict(r[3]).get("kind") for r in dump(store)["rels"] if r[1] == "TOUCHED_BY")
    assert kinds == ["attended", "registered", "sent"]


OPPORTUNITIES = """Opportunity ID,Opportunity Name,Account Name,Converted Lead ID,Stage,Amount,Close Date,Opportunity Owner
006A,Serrano - Pilot,Serrano Inc,00Q3,Closed Won,"$16,000.00",04/27/2026,Paul Yang
006B,Diaz - Platform,Diaz Inc,00Q8,Prospecting,abc,08/12/2026,Kara Wilson
"""


def test_opportunities_link_to_converted_lead_and_company(store, tmp_path):
    run(store, [sf_leads(tmp_path)])
    report = run(store, [write(tmp_path / "opps.csv", OPPORTUNITIES)])
    assert report.kinds == ["opportunities"] and report.loaded == 1 and report.rejected == 1
    assert report.rejects[0].column == "amount"
    graph = dump(store)
    opp = next(p for (label, _), p in graph["nodes"].items() if label == "Opportunity")
    assert opp["amount"] == 16000.0 and opp["won"] is True
    lead = next(p for (label, _), p in graph["nodes"].items() if label == "Lead" and p["external_id"] == "00Q3")
    rels = {(s, t, d) for s, t, d, _ in graph["rels"]}
    assert (lead["id"], "CONVERTED_TO", opp["id"]) in rels
    company = next(d for s, t, d in rels if s == lead["id"] and t == "WORKS_AT")
    assert (opp["id"], "FOR_COMPANY", company) in rels


CN_HEADER = "线索编号,姓名,公司名称,职务,手机,邮箱,线索来源,线索状态,负责人,所属行业,省份,城市,创建时间"
CN_ROWS = [
    "XS001,李桂花,北京良诺网络科技有限公司,经理,15969297112,67931@qq.com,展会,待跟进,王伟,互联网,北京,北京,2026年3月5日",
    "XS002,王涛,快讯信息有限公司,总监,+86 185 0490 1001,wangtao@kuaixun.cn,官网,跟进中,王伟,制造,广东,深圳,2026-03-06 10:00",
    "XS003,张敏,快讯信息有限公司,,,,,无效,,,,,2026/3/7",
]


def test_gbk_csv_with_chinese_headers(store, tmp_path):
    path = write(tmp_path / "cn.csv", "\n".join([CN_HEADER, *CN_ROWS]) + "\n", encoding="gbk")
    report = run(store, [path], region="CN")
    assert report.kinds == ["leads"] and report.source_systems == ["chinese_crm"]
    assert (report.loaded, report.rejected) == (3, 0)
    leads = {p["external_id"]: p for (label, _), p in dump(store)["nodes"].items() if label == "Lead"}
    li = leads["XS001"]
    assert li["name"] == "李桂花" and li["pinyin_key"] == "liguihua"
    assert li["phone"] == "+8615969297112" and li["status"] == "new"
    assert li["created_at"] == datetime(2026, 3, 5)
    assert leads["XS002"]["status"] == "working" and leads["XS003"]["status"] == "disqualified"
    assert store.counts().nodes["Company"] == 2 and store.counts().nodes["Domain"] == 1  # qq.com is free mail


VCF = """BEGIN:VCARD
VERSION:3.0
N:李;桂花;;;
FN:李桂花
ORG:良诺网络有限公司
TITLE:经理
TEL;TYPE=CELL:+86 15969297112
EMAIL;TYPE=INTERNET:67931@qq.com
NOTE:展会名片 2026
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Moreno;Albert;;;
FN:Albert Moreno
ORG:Golden-Blair
TITLE:Editor
TEL;TYPE=WORK,VOICE:+1 541 323 2739
EMAIL;TYPE=INTERNET,WORK:albert.moreno@goldenblair.net
ADR;TYPE=WORK:;;27527 Davis Circle;West Danielstad;TX;59520;USA
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Stacey Ramirez
N:Ramirez;Stacey;;;
ORG:Rosario-Hernandez
EMAIL:stacey.ramirez@rosariohernandez.com
END:VCARD
"""


def test_vcf_with_several_cards_loads_leads_and_reimport_is_idempotent(store, tmp_path):
    path = write(tmp_path / "cards.vcf", VCF)
    report = run(store, [path])
    assert report.kinds == ["leads"] and (report.loaded, report.rejected) == (3, 0)
    leads = {p["name"]: p for (label, _), p in dump(store)["nodes"].items() if label == "Lead"}
    assert set(leads) == {"李桂花", "Albert Moreno", "Stacey Ramirez"}
    assert leads["Albert Moreno"]["city"] == "West Danielstad" and leads["Albert Moreno"]["country"] == "US"
    again = run(store, [path], now=T1)
    assert (again.loaded, again.unchanged) == (0, 3)


def test_xlsx_with_chinese_headers(store, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "线索"
    sheet.append(CN_HEADER.split(","))
    for row in CN_ROWS:
        cells = row.split(",")
        cells[4] = int(cells[4]) if cells[4].isdigit() else cells[4]  # Excel keeps phones as numbers
        sheet.append(cells)
    path = tmp_path / "cn_leads.xlsx"
    book.save(path)
    report = run(store, [path], region="CN")
    assert report.source_systems == ["chinese_crm"] and report.loaded == 3
    leads = {p["external_id"]: p for (label, _), p in dump(store)["nodes"].items() if label == "Lead"}
    assert leads["XS001"]["phone"] == "+8615969297112"


def test_unreadable_files_change_nothing(store, tmp_path):
    before = dump(store, skip=())
    binary = tmp_path / "photo.csv"
    binary.write_bytes(bytes(range(256)) * 40)
    good = sf_leads(tmp_path)
    with pytest.raises(ImportFileError) as caught:
        run(store, [good, binary])
    assert "photo.csv" in str(caught.value) and "\n" not in str(caught.value)
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Lead ID", "Email"])
    for i in range(200):
        book.active.append([f"L{i}", f"p{i}@example.com"])
    full = tmp_path / "full.xlsx"
    book.save(full)
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    with pytest.raises(ImportFileError):
        run(store, [good, truncated])
    assert dump(store, skip=()) == before


def test_failure_mid_import_rolls_back_that_chunk_and_a_rerun_finishes(store, tmp_path):
    rows = [
        f"00Q{i},First{i},Last{i},,Company {i},p{i}@firm{i}.com,,Web,Open - Not Contacted,,,,,,Rep {i % 2},,0"
        for i in range(10)
    ]
    header = SF_HEADER.replace("Converted", "Converted,No. of Employees")
    poisoned = [r + ",12" for r in rows]
    poisoned[7] = rows[7] + ",99999999999999999999999"  # passes parsing, cannot be stored as INT64
    path = write(tmp_path / "leads.csv", "\n".join([header, *poisoned]) + "\n")
    with pytest.raises(StoreError, match="'employees' cannot be stored as INT64"):
        run(store, [path], transaction_rows=5)
    assert store.counts().nodes["Lead"] == 5  # the first chunk committed, the second rolled back whole
    assert store.counts().nodes["Company"] == 5
    batch = store.read("ingest/batch_list", limit=5)[0]
    assert batch["status"] == "failed"
    fixed = write(tmp_path / "leads.csv", "\n".join([header, *[r + ",12" for r in rows]]) + "\n")
    report = run(store, [fixed], transaction_rows=5, now=T1)
    assert (report.loaded, report.unchanged) == (5, 5)
    assert store.counts().nodes["Lead"] == 10 and store.counts().nodes["Company"] == 10


def test_a_file_that_creates_records_commits_each_chunk_even_when_asked_for_more(store, tmp_path):
    """Rolling back two COPYs into one node table corrupts LadybugDB 0.22's index, so such a
    transaction never holds more than one chunk; a failure rolls back just its chunk."""
    rows = [
        f"00Q{i},First{i},Last{i},,Company {i},p{i}@firm{i}.com,,Web,Open - Not Contacted,,,,,,Rep {i % 2},,0"
        for i in range(12)
    ]
    header = SF_HEADER.replace("Converted", "Converted,No. of Employees")
    poisoned = [r + ",12" for r in rows]
    poisoned[9] = rows[9] + ",99999999999999999999999"  # the fourth chunk of three rows
    path = write(tmp_path / "leads.csv", "\n".join([header, *poisoned]) + "\n")
    ticks: list[int] = []
    with pytest.raises(StoreError, match="cannot be stored as INT64"):
        import_files(store, [path], ImportOptions(chunk_rows=3, transaction_rows=6), now=T0, progress=ticks.append)
    assert ticks == [3, 3, 3]  # each committed chunk reported once committed
    ids = {r["id"] for r in store.read("test_support/ids_of", label="Lead")}
    assert ids == {record_id("Lead", "salesforce", f"00Q{i}") for i in range(9)}
    assert store.counts().nodes["Company"] == 9
    fixed = write(tmp_path / "leads.csv", "\n".join([header, *[r + ",12" for r in rows]]) + "\n")
    report = import_files(store, [fixed], ImportOptions(chunk_rows=3, transaction_rows=6), now=T1)
    assert (report.loaded, report.unchanged) == (3, 9)
    assert store.counts().nodes["Lead"] == 12


def test_a_touchpoint_transaction_spans_chunks_and_rolls_back_whole(store, tmp_path, monkeypatch):
    """Touchpoint files commit many chunks at once (each commit checkpoints); Ctrl-C half-way
    through such a transaction leaves none of its touches, and a rerun writes them all once."""
    from graphcrm.ingest import importer

    monkeypatch.setattr(importer, "TOUCH_CHUNK_ROWS", 4)  # a 100,000-row chunk, in miniature
    leads = sf_leads(tmp_path)
    campaigns = write(tmp_path / "campaigns.csv", "Campaign ID,Campaign Name\n701A,Spring Webinar\n")
    members = ["Campaign ID,Lead ID,Member Status,Created Date"] + [
        f"701A,{lead},Sent,03/0{day}/2026 09:00 AM" for lead in ("00Q1", "00Q2", "00Q3") for day in range(1, 8)]
    touches = write(tmp_path / "members.csv", "\n".join(members) + "\n")
    run(store, [leads, campaigns])
    options = ImportOptions(kind=Kind.TOUCHPOINTS, chunk_rows=4, transaction_rows=10)

    def interrupt(rows: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):  # after the first chunk, inside the first transaction
        import_files(store, [touches], options, now=T1, progress=interrupt)
    assert store.counts().relationships["TOUCHED_BY"] == 0
    ticks: list[int] = []
    report = import_files(store, [touches], options, now=T1, progress=ticks.append)
    assert report.created["TOUCHED_BY"] == 21 and store.counts().relationships["TOUCHED_BY"] == 21
    assert ticks == [4, 4, 4, 4, 4, 1]  # two transactions: 12 rows, then 9


def test_duplicate_rows_in_one_import_are_reported_not_dropped(store, tmp_path):
    report = run(store, [sf_leads(tmp_path, [SF_ROWS[0], SF_ROWS[1], SF_ROWS[0]])])
    assert (report.rows, report.loaded, report.rejected) == (3, 2, 1)
    assert report.rejects[0].reason == "same record as row 2"


def test_unmapped_columns_are_kept_as_extra_properties(store, tmp_path):
    header = SF_HEADER + ",Favourite Colour"
    path = write(tmp_path / "extra.csv", f"{header}\n{SF_ROWS[0]},teal\n")
    report = run(store, [path])
    assert report.unmapped == {"extra.csv": ["Favourite Colour"]}
    lead = next(p for (label, _), p in dump(store)["nodes"].items() if label == "Lead")
    assert json.loads(lead["extra"]) == {"Favourite Colour": "teal"}


def test_explicit_kind_and_mapping_override(store, tmp_path):
    path = write(tmp_path / "people.csv", "Who,Mail,Firm\nAnn Lee,ann@lee.io,Lee Ltd\n")
    report = run(store, [path], kind=Kind.CONTACTS, overrides={"name": "Who", "email": "Mail", "company_name": "Firm"},
                 source_system="fair")
    assert report.kinds == ["contacts"] and report.source_systems == ["fair"] and report.created["Contact"] == 1
    contact = next(p for (label, _), p in dump(store)["nodes"].items() if label == "Contact")
    assert (contact["name"], contact["email"], contact["company_name"]) == ("Ann Lee", "ann@lee.io", "Lee Ltd")


def test_a_malformed_phone_or_email_does_not_cost_the_lead(store, tmp_path):
    rows = [SF_ROWS[0].replace("+1 415 555 0101", "1-137-343-3734"),
            SF_ROWS[1].replace("benjamin.wagner@serrano.com", "benjamin.wagner@"),
            "00Q7,,,,,bad@,12,Web,Open - Not Contacted,,,,,,Mark Moses,02/18/2026 08:00 PM,0"]
    report = run(store, [sf_leads(tmp_path, rows)])
    assert (report.loaded, report.rejected) == (2, 1)
    assert "no name and no usable email or phone" in report.rejects[0].reason
    assert any("not a possible phone number: '1-137-343-3734'" in w for w in report.warnings)
    leads = {p["external_id"]: p for (label, _), p in dump(store)["nodes"].items() if label == "Lead"}
    assert leads["00Q1"]["email"] == "michael.patterson@clements.io" and "phone" not in leads["00Q1"]
    assert json.loads(leads["00Q1"]["extra"]) == {"invalid_phone": "1-137-343-3734"}
    assert json.loads(leads["00Q2"]["extra"]) == {"invalid_email": "benjamin.wagner@"}


def test_chunks_are_prepared_ahead_in_order_in_a_second_thread():
    """The next chunk is normalised while this one is written; order holds, an error comes at its chunk."""
    import threading

    from graphcrm.ingest.importer import prepared_ahead

    threads: set[str] = set()

    def prepare(n: int) -> int:
        threads.add(threading.current_thread().name)
        if n == 3:
            raise ValueError("chunk 3 is unreadable")
        return n * 10

    out = []
    with pytest.raises(ValueError, match="chunk 3"):
        for ready in prepared_ahead(iter(range(6)), prepare):
            out.append(ready)
    assert out == [0, 10, 20]
    assert threads and all(name.startswith("import-prepare") for name in threads)

    read = []

    def chunks():
        for n in range(100):
            read.append(n)
            yield n

    ahead = prepared_ahead(chunks(), lambda n: n)
    assert next(ahead) == 0
    ahead.close()  # a failed write stops the import: at most the chunk ahead was read, nothing keeps going
    assert read in ([0], [0, 1])


def test_a_touchpoint_met_twice_in_one_import_is_rejected_with_where_it_was_first(store, tmp_path, monkeypatch):
    from graphcrm.ingest import importer

    monkeypatch.setattr(importer, "TOUCH_CHUNK_ROWS", 3)  # so repeats fall in the same and in later chunks
    run(store, [sf_leads(tmp_path), write(tmp_path / "campaigns.csv", "Campaign ID,Campaign Name\n701A,Webinar\n")])
    header = "Campaign ID,Lead ID,Member Status,Created Date"
    first = [f"701A,00Q{n},Sent,03/0{day}/2026 09:00 AM" for n in (1, 2) for day in (1, 2, 3)]
    # rows 2-7 are new; row 8 repeats row 3 (same chunk); row 9 and 10 repeat rows 6 and 2 (earlier chunks)
    a = write(tmp_path / "a.csv", "\n".join([header, *first, first[1], first[4], first[0]]) + "\n")
    b = write(tmp_path / "b.csv", "\n".join([header, first[2], "701A,00Q3,Sent,03/09/2026 09:00 AM"]) + "\n")
    report = import_files(store, [a, b], ImportOptions(kind=Kind.TOUCHPOINTS, chunk_rows=3), now=T1)
    reasons = {(r.file, r.row): r.reason for r in report.rejects}
    assert reasons == {("a.csv", 8): "same record as row 3", ("a.csv", 9): "same record as row 6",
                       ("a.csv", 10): "same record as row 2", ("b.csv", 2): "same record as a.csv row 4"}
    assert report.created["TOUCHED_BY"] == 7 == store.counts().relationships["TOUCHED_BY"]
    assert report.rows == report.loaded + report.rejected + report.unchanged == 11
