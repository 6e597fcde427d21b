"""Readers: encodings, delimiters, spreadsheets, vCards and JSON, with true row numbers."""

from __future__ import annotations

import json

import pytest

from graphcrm.ingest.errors import ImportFileError
from graphcrm.ingest.read import FileFormat, detect_encoding, detect_format, read_file


def rows(path, **kwargs):
    frames = [chunk.frame for chunk in read_file(path, **kwargs)]
    return [r for frame in frames for r in frame.to_dict("records")]


def test_utf8_bom_gbk_and_latin1_are_detected(tmp_path):
    text = "线索编号,姓名,公司名称\nXS001,李桂花,良诺网络科技有限公司\nXS002,王涛,快讯信息有限公司\n"
    for encoding in ("utf-8", "utf-8-sig", "gbk", "gb18030"):
        path = tmp_path / f"cn-{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        got = rows(path)
        assert [r["姓名"] for r in got] == ["李桂花", "王涛"], encoding
        assert list(got[0])[:1] == ["线索编号"]  # no BOM in the first header
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Name,City\nJosé Núñez,Málaga\n".encode("cp1252"))
    assert rows(latin)[0] == {"Name": "José Núñez", "City": "Málaga", "__row__": 2}
    assert detect_encoding(text.encode("gbk")) == "gb18030"


def test_semicolons_tabs_quotes_blank_rows_and_stray_spaces(tmp_path):
    path = tmp_path / "messy.csv"
    path.write_text(' Email ;Name;Note\n a@x.io ; Ann ;"multi\nline; with semicolon"\n;;\n\nb@x.io;Bob;\n',
                    encoding="utf-8")
    got = rows(path)
    assert [r["__row__"] for r in got] == [2, 5]  # the blank rows are skipped, numbering stays true
    assert got[0] == {"Email": "a@x.io", "Name": "Ann", "Note": "multi\nline; with semicolon", "__row__": 2}
    assert got[1]["Note"] is None
    tsv = tmp_path / "t.tsv"
    tsv.write_text("A\tB\n1\t00123\n", encoding="utf-8")
    assert rows(tsv)[0] == {"A": "1", "B": "00123", "__row__": 2}  # text stays text


def test_duplicate_headers_are_kept(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("Phone,Phone,Name\n1,2,x\n", encoding="utf-8")
    assert rows(path)[0] == {"Phone": "1", "Phone (2)": "2", "Name": "x", "__row__": 2}


def test_big_csv_streams_in_chunks_with_true_row_numbers(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("id,name\n" + "".join(f"{i},n{i}\n" for i in range(2500)), encoding="utf-8")
    chunks = list(read_file(path, chunk_rows=1000))
    assert [len(c.frame) for c in chunks] == [1000, 1000, 500]
    assert [c.first_row for c in chunks] == [2, 1002, 2002]
    assert chunks[-1].frame.iloc[-1].to_dict() == {"id": "2499", "name": "n2499", "__row__": 2501}


def test_xlsx_with_chinese_sheet_numbers_and_dates(tmp_path):
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "说明"
    book.active.append(["这是说明页"])
    sheet = book.create_sheet("线索")
    sheet.append([])
    sheet.append(["姓名", "手机", "创建时间", "金额"])
    sheet.append(["李桂花", 15969297112, datetime(2026, 3, 5, 14, 30), 1200.5])
    sheet.append([None, None, None, None])
    sheet.append(["王涛", "+86 185 0490 1001", datetime(2026, 3, 6), 3000])
    path = tmp_path / "cn.xlsx"
    book.save(path)
    got = rows(path, sheet="线索")
    assert got[0] == {"姓名": "李桂花", "手机": "15969297112", "创建时间": "2026-03-05 14:30:00", "金额": "1200.5",
                      "__row__": 3}
    assert got[1]["创建时间"] == "2026-03-06" and got[1]["__row__"] == 5
    assert rows(path, sheet=1)[0]["姓名"] == "李桂花"
    with pytest.raises(ImportFileError, match="no sheet 'Leads'; sheets: 说明, 线索"):
        rows(path, sheet="Leads")


def test_broken_files_give_one_line_errors(tmp_path):
    cases = {
        "photo.csv": bytes(range(256)) * 10,
        "empty.csv": b"",
        "fake.xlsx": b"this is not a spreadsheet",
        "cut.xlsx": b"PK\x03\x04" + b"\x00" * 50,
        "none.vcf": b"hello",
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(ImportFileError) as caught:
            rows(path)
        assert name in str(caught.value) and "\n" not in str(caught.value), name


VCARDS = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=9D=8E;=E6=A1=82=E8=8A=B1\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=9D=8E=E6=A1=82=E8=8A=B1\r\nTEL;CELL:15969297112\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\nVERSION:3.0\nN:Moreno;Albert;;;\nFN:Albert Moreno\nORG:Golden-Blair\nTEL;TYPE=WORK,VOICE:+1 541 323 2739\n"
    "TEL;TYPE=CELL:+1 541 555 0100\nEMAIL;TYPE=INTERNET,WORK:albert.moreno@goldenblair.net\nEMAIL:al@gmail.com\n"
    "ADR;TYPE=WORK:;;27527 Davis Circle;West Danielstad;TX;59520;USA\nUID:card-2\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nN:Broken\nFN\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:4.0\nFN:Stacey Ramirez\nN:Ramirez;Stacey;;;\nEMAIL:stacey@rh.com\nEND:VCARD\n"
)


def test_vcards_of_every_version_and_a_broken_one(tmp_path):
    path = tmp_path / "cards.vcf"
    path.write_text(VCARDS, encoding="utf-8")
    assert detect_format(path) == FileFormat.VCF
    got = rows(path)
    assert [r["__row__"] for r in got] == [1, 2, 3, 4]
    assert got[0]["name"] == "李桂花" and got[0]["last_name"] == "李" and got[0]["mobile"] == "15969297112"
    albert = got[1]
    assert albert["external_id"] == "card-2" and albert["company_name"] == "Golden-Blair"
    assert albert["phone"] == "+1 541 323 2739" and albert["mobile"] == "+1 541 555 0100"
    assert albert["email"] == "albert.moreno@goldenblair.net" and albert["email_2"] == "al@gmail.com"
    assert (albert["city"], albert["postcode"], albert["country"]) == ("West Danielstad", "59520", "USA")
    assert got[2].get("__error__", "").startswith("unreadable vCard")
    assert got[3]["email"] == "stacey@rh.com"


def test_json_lines_and_arrays(tmp_path):
    lines = tmp_path / "leads.jsonl"
    lines.write_text('{"name": "Ann", "n": 3, "company": {"name": "Lee Ltd"}}\n\nnot json\n{"name": "Bob", "ok": true}\n',
                     encoding="utf-8")
    got = rows(lines)
    assert got[0] == {"__row__": 1, "name": "Ann", "n": "3", "company.name": "Lee Ltd", "ok": None,
                      "__error__": None}
    assert got[1]["__row__"] == 3 and got[1]["__error__"].startswith("not valid JSON")
    assert got[2]["ok"] == "true" and got[2]["__row__"] == 4
    array = tmp_path / "leads.json"
    array.write_text(json.dumps([{"name": "Ann"}, {"name": "Bob"}]), encoding="utf-8")
    assert [r["name"] for r in rows(array)] == ["Ann", "Bob"]
