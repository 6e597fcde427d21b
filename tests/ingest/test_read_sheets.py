"""Spreadsheet readers: sheets by name or index, cells as a person sees them, sheet row numbers."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from graphcrm.ingest.errors import ImportFileError
from graphcrm.ingest.read import ROW, cell_text, read_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
CN_XLSX = FIXTURES / "cn_leads.xlsx"


def rows(path: Path, **kwargs: Any) -> list[dict[str, Any]]:
    return [r for chunk in read_file(path, **kwargs) for r in chunk.frame.to_dict("records")]


def test_chinese_xlsx_on_sheet_xiansuo():
    got = rows(CN_XLSX)  # 线索 is the first sheet
    assert list(got[0]) == ["线索编号", "姓名", "公司名称", "职务", "手机", "邮箱", "线索来源", "线索状态", "负责人",
                            "所属行业", "省份", "城市", "创建时间", "最后跟进时间", "预算", "已签约", "邮编", ROW]
    assert [r["姓名"] for r in got] == ["李桂花", "王涛", "欧阳娜娜", "赵敏"]
    assert rows(CN_XLSX, sheet="线索") == got
    assert rows(CN_XLSX, sheet=0) == got


def test_cells_read_as_a_person_sees_them():
    first, second, third, fourth = rows(CN_XLSX)
    assert first["手机"] == "15969297112"  # an int cell, no ".0", no 1.59e10
    assert second["手机"] == "18504901001"  # a whole float cell
    assert fourth["手机"] == "+86 151 0471 1234"
    assert first["创建时间"] == "2026-03-05 14:30:00" and second["创建时间"] == "2026-03-06"
    assert second["最后跟进时间"] == "2026-04-01"
    assert first["最后跟进时间"] == "46101.4166666667"  # an Excel serial date left as a number stays that number
    assert (first["预算"], second["预算"], fourth["预算"]) == ("1200.5", "3000", "0.1")
    assert (first["已签约"], second["已签约"], third["已签约"]) == ("TRUE", "FALSE", None)
    assert first["邮编"] == "010010" and third["邮箱"] is None


def test_sheet_row_numbers_skip_the_blank_rows_but_stay_true():
    # row 1 is blank, row 2 the header, row 5 a blank row in the middle
    assert [r[ROW] for r in rows(CN_XLSX)] == [3, 4, 6, 7]
    chunks = list(read_file(CN_XLSX, chunk_rows=3))
    assert [(c.first_row, len(c.frame)) for c in chunks] == [(3, 3), (7, 1)]


def test_other_sheets_by_name_or_index_and_unknown_ones():
    notes = rows(CN_XLSX, sheet="说明")
    assert notes == [{"字段": "线索编号", "说明": "系统生成", ROW: 2}]
    assert rows(CN_XLSX, sheet=1) == notes
    for sheet in ("Leads", 2, -1):
        with pytest.raises(ImportFileError) as caught:
            read_file(CN_XLSX, sheet=sheet)
        assert str(caught.value) == f"cn_leads.xlsx: no sheet {sheet!r}; sheets: 线索, 说明"


def test_a_sheet_name_matches_loosely_when_unambiguous():
    assert rows(CN_XLSX, sheet=" 说明 ")[0]["字段"] == "线索编号"


def test_truncated_and_fake_workbooks_are_one_line_errors(tmp_path):
    with pytest.raises(ImportFileError) as caught:
        read_file(FIXTURES / "cn_leads_truncated.xlsx")
    assert str(caught.value) == "cn_leads_truncated.xlsx: not a valid XLSX file (truncated or corrupt)"
    assert caught.value.__cause__ is not None  # the zipfile error stays available to a debugger
    for size in (10, 100, 1000, 4000):
        cut = tmp_path / f"cut{size}.xlsx"
        cut.write_bytes(CN_XLSX.read_bytes()[:size])
        with pytest.raises(ImportFileError, match=r"not a valid XLSX file \(truncated or corrupt\)$"):
            read_file(cut)
    archive = tmp_path / "export.xlsx"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("leads.csv", "Name\nAnn\n")
    with pytest.raises(ImportFileError, match="export.xlsx: a ZIP archive, not an XLSX workbook"):
        read_file(archive)
    xls = tmp_path / "cut.xls"
    xls.write_bytes((FIXTURES / "leads.xls").read_bytes()[:700])
    with pytest.raises(ImportFileError, match=r"^cut.xls: not a valid XLS file \(truncated or corrupt\)$"):
        read_file(xls)


def test_empty_sheet_is_an_error_and_header_only_sheet_gives_no_rows(tmp_path):
    book = Workbook()
    book.active.title = "Empty"
    only = book.create_sheet("Header")
    only.append(["Name", "Email"])
    path = tmp_path / "w.xlsx"
    book.save(path)
    with pytest.raises(ImportFileError, match="w.xlsx: sheet 'Empty' is empty"):
        read_file(path)
    assert list(read_file(path, sheet="Header")) == []


def test_cells_beyond_the_header_and_repeated_headers_are_kept(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Phone", "Phone", None, None])  # trailing blank header cells make no columns
    sheet.append(["Ann", "1", "2"])
    sheet.append(["Bob", None, None, None, "stray"])
    path = tmp_path / "extra.xlsx"
    book.save(path)
    assert rows(path) == [
        {"Name": "Ann", "Phone": "1", "Phone (2)": "2", "Column 4": None, "Column 5": None, ROW: 2},
        {"Name": "Bob", "Phone": None, "Phone (2)": None, "Column 4": None, "Column 5": "stray", ROW: 3},
    ]


def test_a_sheet_that_understates_its_size_is_read_whole(tmp_path):
    book = Workbook()
    for i in range(6):
        book.active.append([f"r{i}", i])
    path = tmp_path / "dim.xlsx"
    book.save(path)
    # some writers put a wrong <dimension ref>; read-only openpyxl would trust it and stop at A1
    fixed = tmp_path / "dim_wrong.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(fixed, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                assert b'<dimension ref="A1:B6" />' in data
                data = data.replace(b'<dimension ref="A1:B6" />', b'<dimension ref="A1" />')
            target.writestr(info, data)
    assert [r["r0"] for r in rows(fixed)] == ["r1", "r2", "r3", "r4", "r5"]


def test_xls_old_excel_format():
    got = rows(FIXTURES / "leads.xls")
    assert got[0] == {"Name": "Ann Lee", "Company": "Lee Ltd", "E-mail": "ann@leeltd.co.uk", "Mobile": "447700900123",
                      "Zip": "01234", "Employees": "12", "Score": "4.75", "Created": "2026-03-05 14:30:00",
                      "Active": "TRUE", ROW: 2}
    assert got[1]["Created"] == "2026-03-06" and got[1]["Active"] == "FALSE" and got[1]["Score"] == "3"
    assert got[2]["Name"] == "陈晓明" and got[2]["Mobile"] == "13912345678" and got[2]["Employees"] is None
    assert rows(FIXTURES / "leads.xls", sheet="Contacts") == got
    with pytest.raises(ImportFileError, match="leads.xls: no sheet 'Leads'; sheets: Contacts"):
        read_file(FIXTURES / "leads.xls", sheet="Leads")


@pytest.mark.parametrize("value,text", [
    (None, None),
    ("  padded  ", "padded"),
    ("", None),
    (15969297112, "15969297112"),
    (15969297112.0, "15969297112"),
    (1200.5, "1200.5"),
    (0.1 + 0.2, "0.30000000000000004"),
    (1e20, "1e+20"),
    (float("nan"), None),
    (True, "TRUE"),
    (datetime(2026, 3, 5), "2026-03-05"),
    (datetime(2026, 3, 5, 14, 30, 5), "2026-03-05 14:30:05"),
    (date(2026, 3, 5), "2026-03-05"),
    (time(9, 30), "09:30:00"),
    (timedelta(hours=36), "1 day, 12:00:00"),
])
def test_cell_text(value, text):
    assert cell_text(value) == text
