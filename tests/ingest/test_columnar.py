"""The columnar path for leads and contacts gives what the row path (``prepare()``) gives.

Row for row (properties, links, warnings, rejections and row hashes) on generated messy rows
and on the fixture files, and graph for graph after importing the same files both ways.
"""

from __future__ import annotations

import csv
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphcrm.ingest import ImportOptions, import_files, undo_batch
from graphcrm.ingest.columnar import PEOPLE, prepare_people, row_hashes
from graphcrm.ingest.fields import Kind
from graphcrm.ingest.importer import DATE_FIELDS, _all_chunks, _plan
from graphcrm.ingest.mapping import apply_mapping
from graphcrm.ingest.normalise.columns import datetime_column
from graphcrm.ingest.prepare import Context, RowRejected, prepare
from graphcrm.ingest.read import ROW
from graphcrm.ingest.write import row_hash
from tests.conftest import make_store
from tests.graphdump import dump

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
T0 = datetime(2026, 11, 1, 9, 0)
T1 = datetime(2026, 11, 2, 9, 0)

# Cells as messy exports have them: blanks, placeholders, odd case and spacing, bad values.
BLANKS = [None, "", " ", "N/A", "-", "null", "无"]
CELLS: dict[str, list[Any]] = {
    "external_id": ["00Q1", "00Q2", " 00Q1 ", "A-7", "线索-9", None],
    "first_name": ["Ann", "  mary ", "JOSÉ", "桂花", "o'neil", "Na", "NA", None],
    "last_name": ["Smith", "van der berg", "李", "MCDONALD", None],
    "name": ["Ann Smith", "Smith, Ann", "李桂花", "Dr. Ann  Smith", None],
    "email": ["Ann.Smith@Acme.com", " bob@gmail.com ", "x@qq.com", "not-an-email", "a@b", "李@例子.中国",
              "ann.smith@acme.com", None],
    "phone": ["+1 415 555 0101", "415.555.0102", "(415) 555-0103 ext 12", "138 0013 8000", "12", "0571-8888 1234",
              "4.155550101E9", None],
    "mobile": ["13800138000", "+86 139 0013 9000", "+1 415 555 0101", "abc", None],
    "company_name": ["Acme Inc", "ACME, Inc.", "北京良诺科技有限公司", "Serrano LLC", "  Diaz GmbH ", "Inc", None],
    "website": ["www.acme.com", "https://serrano.io/about", "acme.com", "http://", "not a site", "gmail.com", None],
    "status": ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "已转化", "Qualified",
               "weird status", None],
    "converted": ["0", "1", "true", "No", "maybe", None],
    "rating": ["Hot", "warm", "Cold", "A", "★★★", None],
    "street": ["1 Main St", "  2  Elm  Rd ", None],
    "city": ["Springfield", "上海", None],
    "region": ["CA", "Zhejiang", None],
    "postcode": ["02134", "2134", "94105-1234", "2134.0", "310000", None],
    "country": ["USA", "United States", "中国", "CN", "Atlantis", None],
    "created_at": ["03/05/2026 10:30 AM", "2026-03-05", "2026年3月5日", "02/30/2026 07:00 AM", "45000", "soon",
                   "2026-03-05T10:00:00", None],
    "title": ["CEO", "  Head of  Sales ", None],
    "industry": ["Technology", "医疗", None],
    "employees": ["12", "1,200", "50-100", "abc", "3.0", None],
    "annual_revenue": ["$1,200,000", "1.2M", "¥ 300万", "lots", "1e6", None],
    "description": ["met at expo", "=cmd|' /C calc'!A0", None],
    "last_activity_at": ["2026-04-01 09:00", "yesterday", None],
    "source": ["Web", "Trade Show", "微信", "Partner Referral", "Something Else", None],
    "owner": ["Mark Moses", "paul.yang@corp.com", " Paul Yang ", None],
    "referred_by": ["00Q1", "00Q9", None],
}
FIELDS = list(CELLS)
OTHER_TYPES = [1, 1.0, True, 0, 2.5, float("nan")]  # spreadsheets give numbers and booleans too


def _cell(field: str) -> st.SearchStrategy[Any]:
    return st.one_of(st.sampled_from(CELLS[field] + BLANKS), st.text(max_size=12), st.sampled_from(OTHER_TYPES))


ROWS = st.lists(st.fixed_dictionaries({f: _cell(f) for f in FIELDS}), min_size=1, max_size=25)


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=FIELDS, dtype=object)
    frame = frame.astype(object).where(frame.notna(), None)  # the mapped frame holds None for blanks
    frame["__extra__"] = [{"Fax": "555"} if i % 3 == 0 else {} for i in range(len(frame))]
    frame[ROW] = range(2, len(frame) + 2)
    return frame


def _assert_same(kind: Kind, frame: pd.DataFrame, ctx: Context) -> None:
    """Every row of the frame: the columnar record, rejection and row hash equal the row path's."""
    columns = prepare_people(kind, frame, ctx)
    hashes = row_hashes(columns)
    usable = 0
    for row in frame.to_dict("records"):
        try:
            expected = prepare(kind, row, ctx)
        except RowRejected as exc:
            assert columns.rejects.get(row[ROW]) == (exc.column, exc.reason), row
            continue
        expected.row = row[ROW]
        assert row[ROW] not in columns.rejects, row
        assert columns.prepared(usable) == expected, row
        assert hashes[usable] == row_hash(expected), row
        usable += 1
    assert usable == len(columns)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=ROWS, kind=st.sampled_from(PEOPLE), region=st.sampled_from(["US", "CN", "GB"]),
       system=st.sampled_from(["salesforce", "zoho", "chinese_crm"]))
def test_columnar_normalisation_equals_the_row_normalisation(rows, kind, region, system):
    _assert_same(kind, _frame(rows), Context(system, region, T0))


@settings(max_examples=40, deadline=None)
@given(rows=ROWS)
def test_columnar_equals_row_path_after_the_date_column_pass(rows):
    frame = _frame(rows)
    for column in DATE_FIELDS & set(frame.columns):
        frame[column] = datetime_column(frame[column])
    _assert_same(Kind.LEADS, frame, Context("salesforce", "US", T0))


PEOPLE_FILES = ["salesforce_leads.csv", "salesforce_leads_bom.csv", "hubspot_contacts.csv", "zoho_leads.csv",
                "zoho_leads_eu.csv", "cn_leads_gbk.csv", "cn_leads.xlsx", "leads.xls", "leads.tsv", "leads.jsonl",
                "leads_array.json", "business_cards.vcf"]


@pytest.mark.parametrize("name", PEOPLE_FILES)
def test_fixture_rows_prepare_the_same_both_ways(name):
    plan = _plan(FIXTURES / name, ImportOptions())
    assert plan.mapping.kind in PEOPLE
    ctx = Context(plan.mapping.source_system, "CN" if name.startswith("cn_") else "US", T0)
    for chunk in _all_chunks(plan):
        frame = apply_mapping(chunk.frame, plan.mapping)
        for column in DATE_FIELDS & set(frame.columns):
            frame[column] = datetime_column(frame[column])
        _assert_same(plan.mapping.kind, frame, ctx)


# -- whole graphs ------------------------------------------------------------------------------


def _messy_csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.DictWriter(fh, fieldnames=FIELDS)
        out.writeheader()
        out.writerows(rows)
    return path


def _messy_rows(count: int, seed: int) -> list[dict[str, Any]]:
    """Deterministic messy rows: every value list walked at its own stride (a few duplicates too)."""
    rows = []
    for i in range(count):
        row = {f: CELLS[f][(i * (k + 3) + seed) % len(CELLS[f])] for k, f in enumerate(FIELDS)}
        if i % 3:  # the fields that can reject a row are set on every third row only
            row.update(dict.fromkeys(("website", "converted", "created_at", "employees", "annual_revenue",
                                      "last_activity_at")))
        row["external_id"] = f"X{i % (count - 3)}" if i % 5 else None
        row["referred_by"] = f"X{i - 1}" if i % 4 == 0 else row["referred_by"]
        rows.append(row)
    return rows


def _without_batch_ids(graph: dict[str, Any]) -> dict[str, Any]:
    nodes = {key: {k: v for k, v in props.items() if k != "batch_id"} for key, props in graph["nodes"].items()}
    rels = sorted((a, t, b, tuple(p for p in props if p[0] != "batch_id")) for a, t, b, props in graph["rels"])
    return {"nodes": nodes, "rels": rels}


def _report_facts(report: Any) -> dict[str, Any]:
    return {
        "rows": report.rows, "loaded": report.loaded, "rejected": report.rejected, "unchanged": report.unchanged,
        "created": dict(report.created), "updated": dict(report.updated), "linked": dict(report.linked),
        "warnings": report.warnings,
        "rejects": [(r.file, r.row, r.column, r.reason, r.values) for r in report.rejects],
    }


def _both_ways(backend: str, tmp_path: Path, steps: list[tuple[list[Path], datetime, dict[str, Any]]]) -> None:
    """Run the same imports into two fresh graphs, row path and columnar path; compare after each.

    One path after the other, each into a fresh graph (a Neo4j server has one database), keeping
    what each step reported and left in the graph."""
    results = {}
    for columnar in (False, True):
        where = tmp_path / ("columns" if columnar else "rows")
        where.mkdir()
        store = make_store(backend, where)
        try:
            results[columnar] = [
                (_report_facts(import_files(store, paths, ImportOptions(columnar=columnar, **options), now=now)),
                 _without_batch_ids(dump(store)))
                for paths, now, options in steps
            ]
        finally:
            store.close()
    for step, (by_rows, by_columns) in enumerate(zip(results[False], results[True], strict=True)):
        assert by_columns[0] == by_rows[0], f"step {step}: the reports differ"
        assert by_columns[1] == by_rows[1], f"step {step}: the graphs differ"


def test_fixture_files_make_the_same_graph_both_ways(backend, tmp_path):
    files = [FIXTURES / n for n in PEOPLE_FILES if not n.startswith("cn_") and n != "business_cards.vcf"]
    _both_ways(backend, tmp_path, [
        (files, T0, {}),
        ([FIXTURES / "cn_leads_gbk.csv", FIXTURES / "cn_leads.xlsx", FIXTURES / "business_cards.vcf"], T0,
         {"region": "CN"}),
        (files, T1, {}),  # everything again: unchanged, rejected as before
    ])


def test_messy_rows_with_updates_make_the_same_graph_both_ways(backend, tmp_path):
    overrides = {f: f for f in FIELDS}
    first = _messy_csv(tmp_path / "first.csv", _messy_rows(60, 0))
    changed = _messy_csv(tmp_path / "changed.csv", _messy_rows(60, 1))  # same ids, other values: updates
    _both_ways(backend, tmp_path, [
        ([first], T0, {"kind": Kind.LEADS, "overrides": overrides}),
        ([changed], T1, {"kind": Kind.LEADS, "overrides": overrides}),
        ([changed], T1, {"kind": Kind.CONTACTS, "overrides": overrides, "dry_run": True}),
        ([changed], T1, {"kind": Kind.CONTACTS, "overrides": overrides}),
    ])


def test_columnar_updates_undo_to_the_exact_prior_graph(store, tmp_path):
    overrides = {f: f for f in FIELDS}
    first = _messy_csv(tmp_path / "first.csv", _messy_rows(40, 0))
    changed = _messy_csv(tmp_path / "changed.csv", _messy_rows(40, 2))
    import_files(store, [first], ImportOptions(kind=Kind.LEADS, overrides=overrides), now=T0)
    before = dump(store)
    report = import_files(store, [changed], ImportOptions(kind=Kind.LEADS, overrides=overrides), now=T1)
    assert report.updated["Lead"] > 0
    undo_batch(store, report.batch_id, now=T1)
    assert dump(store) == before


def test_messy_rows_are_really_messy():
    """The generated rows reject some records and warn on others (else the comparison proves little)."""
    frame = _frame(_messy_rows(60, 0))
    columns = prepare_people(Kind.LEADS, frame, Context("salesforce", "US", T0))
    assert columns.rejects and len(columns) > 20
    assert any(w for w in columns.warnings)
    assert any(re.search("invalid_", str(e)) for e in columns.props["extra"])
