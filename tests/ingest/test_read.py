"""Readers: format detection, encodings, delimiters, streaming, true row numbers, clear errors."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphcrm.ingest.errors import ImportFileError
from graphcrm.ingest.read import (
    ERROR,
    ROW,
    Chunk,
    FileFormat,
    detect_encoding,
    detect_format,
    read_file,
    sniff_delimiter,
    unique_columns,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
READABLE = sorted(p.name for p in FIXTURES.iterdir()
                  if p.suffix != ".py" and p.name not in {"empty.csv", "photo.csv", "cn_leads_truncated.xlsx"})


def rows(path: Path | str, **kwargs: Any) -> list[dict[str, Any]]:
    return [r for chunk in read_file(path, **kwargs) for r in chunk.frame.to_dict("records")]


def write(tmp_path: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


# -- formats -----------------------------------------------------------------------------


@pytest.mark.parametrize("name,fmt", [
    ("salesforce_leads.csv", FileFormat.CSV),
    ("leads.tsv", FileFormat.TSV),
    ("cn_leads.xlsx", FileFormat.XLSX),
    ("leads.xls", FileFormat.XLS),
    ("business_cards.vcf", FileFormat.VCF),
    ("leads.jsonl", FileFormat.JSONL),
    ("leads_array.json", FileFormat.JSONL),
])
def test_formats_of_the_fixtures(name, fmt):
    assert detect_format(FIXTURES / name) == fmt


def test_content_wins_over_the_extension(tmp_path):
    xlsx = (FIXTURES / "cn_leads.xlsx").read_bytes()
    assert detect_format(write(tmp_path, "export.csv", xlsx)) == FileFormat.XLSX
    assert detect_format(write(tmp_path, "export.xlsx", (FIXTURES / "leads.xls").read_bytes())) == FileFormat.XLS
    assert detect_format(write(tmp_path, "cards.txt", "\ufeff\n\nBEGIN:VCARD\nFN:A\nEND:VCARD\n")) == FileFormat.VCF
    assert detect_format(write(tmp_path, "lines.txt", '{"a": 1}\n')) == FileFormat.JSONL
    assert detect_format(write(tmp_path, "x.ndjson", '{"a": 1}\n')) == FileFormat.JSONL
    assert detect_format(write(tmp_path, "x.vcard", "BEGIN:VCARD\nEND:VCARD\n")) == FileFormat.VCF
    assert detect_format(write(tmp_path, "list.txt", "a;b\n1;2\n")) == FileFormat.CSV
    # some CRMs' "Excel" export is tab-separated text named .xls: read it as text
    old = write(tmp_path, "export.xls", "Name\tEmail\nAnn\tann@x.io\n")
    assert detect_format(old) == FileFormat.CSV
    assert rows(old) == [{"Name": "Ann", "Email": "ann@x.io", ROW: 2}]


@pytest.mark.parametrize("name,content,reason", [
    ("photo.png", (FIXTURES / "photo.csv").read_bytes(), "binary file, not a CSV/XLSX/VCF/JSON export"),
    ("blank.csv", b"  \r\n\r\n", "empty file"),
    ("page.xls", b"<html><body><table><tr><td>Name</td></tr></table></body></html>",
     "a web page or XML saved as .xls, not a real XLS file: open it in Excel and save it as XLSX or CSV"),
    ("notes.xlsx", b"Name,Email\nAnn,ann@x.io\n",
     "not a valid XLSX file (it holds text: a CSV export should end in .csv)"),
    ("cut.xls", b"\x00\x01\x02garbage" * 10, "not a valid XLS file (truncated or corrupt)"),
    ("data.json", b"Name,Email\nAnn,ann@x.io\n", "not JSON: expected one object per line or an array of objects"),
    ("notes.md", b"# hello\n", "unknown file type .md; expected"),
])
def test_files_of_no_known_shape_are_refused_in_one_line(tmp_path, name, content, reason):
    path = write(tmp_path, name, content)
    with pytest.raises(ImportFileError) as caught:
        read_file(path)
    assert str(caught.value).startswith(f"{name}: {reason}")
    assert caught.value.path == name and "\n" not in str(caught.value)


def test_the_broken_fixtures_fail_when_opened_not_half_way(tmp_path):
    cases = {
        "photo.csv": "photo.csv: binary file, not a CSV/XLSX/VCF/JSON export",
        "empty.csv": "empty.csv: empty file",
        "cn_leads_truncated.xlsx": "cn_leads_truncated.xlsx: not a valid XLSX file (truncated or corrupt)",
    }
    for name, message in cases.items():
        with pytest.raises(ImportFileError) as caught:
            read_file(FIXTURES / name)  # no iteration needed: read_file opens and checks the file
        assert str(caught.value) == message
    missing = tmp_path / "nope.csv"
    with pytest.raises(ImportFileError, match="nope.csv: no such file"):
        read_file(missing)


def test_import_file_error_is_one_line_with_path_and_reason():
    error = ImportFileError(Path("leads.xlsx"), "not a valid XLSX file (truncated or corrupt)\nTraceback ...")
    assert (error.path, error.reason) == ("leads.xlsx", "not a valid XLSX file (truncated or corrupt)")
    assert str(error) == "leads.xlsx: not a valid XLSX file (truncated or corrupt)"


# -- encodings ---------------------------------------------------------------------------


def test_gbk_chinese_file_is_read_right():
    got = rows(FIXTURES / "cn_leads_gbk.csv")
    assert list(got[0])[:3] == ["线索编号", "姓名", "公司名称"]
    assert [r["姓名"] for r in got] == ["李桂花", "王涛", "欧阳娜娜", "赵敏"]
    assert got[3]["省份"] == "内蒙古自治区" and got[3]["邮编"] == "010010"  # leading zero kept


def test_windows_1252_semicolon_file_keeps_accents():
    got = rows(FIXTURES / "zoho_leads_eu.csv")
    assert [r["First Name"] for r in got] == ["Jürgen", "José", "João"]
    assert got[1]["Company"] == "Crédit Agricole – Île-de-France"  # the en dash is cp1252, not Latin-1
    assert got[0]["Street"] == "Friedrichstraße 12, Hinterhaus"  # a comma inside a semicolon file


def test_utf8_bom_and_stray_spaces_leave_clean_headers():
    got = rows(FIXTURES / "salesforce_leads_bom.csv")
    assert list(got[0])[:3] == ["Lead ID", "First Name", "Last Name"]
    assert "Email" in got[0] and got[0]["First Name"] == "Renée"


@pytest.mark.parametrize("text,encoding,expected", [
    ("姓名,手机\n王涛,13800000000\n", "gbk", "gb18030"),  # charset-normalizer alone says Big5
    ("名字\n张三\n", "gbk", "gb18030"),
    ("线索编号,姓名\nXS1,欧阳娜娜\n", "gb18030", "gb18030"),
    ("Name,City\nJosé Núñez,Málaga\n", "cp1252", "cp1252"),
    ("Nom;Société\nRenée Lefèvre;Crédit – Île\n", "cp1252", "cp1252"),
    ("Name,City\nJosé,Málaga\n", "utf-8", "utf-8"),
    ("Name,City\nJosé,Málaga\n", "utf-8-sig", "utf-8-sig"),
    ("Name\tCity\nJosé\tMálaga\n", "utf-16", "utf-16"),
    ("plain,ascii\n1,2\n", "ascii", "utf-8"),
])
def test_detect_encoding(text, encoding, expected):
    assert detect_encoding(text.encode(encoding)) == expected


def test_a_utf8_character_cut_at_the_end_of_the_sample_is_still_utf8():
    sample = "Name\n北京".encode()[:-1]
    assert detect_encoding(sample) == "utf-8"


def test_excel_unicode_text_export_utf16_tabs(tmp_path):
    path = write(tmp_path, "unicode.txt", "姓名\t手机\r\n王涛\t13800000000\r\n", encoding="utf-16")
    assert rows(path) == [{"姓名": "王涛", "手机": "13800000000", ROW: 2}]


def test_accents_far_into_an_ascii_file_still_decide_the_encoding(tmp_path):
    lines = "".join(f"{i},Person {i},person{i}@example.com\n" for i in range(12_000))  # > 256 KB of ASCII
    path = write(tmp_path, "late.csv", "ID,Name,Email\n" + lines + "99999,José Núñez,jose@example.es\n", "cp1252")
    last = rows(path)[-1]
    assert last == {"ID": "99999", "Name": "José Núñez", "Email": "jose@example.es", ROW: 12_002}


def test_explicit_encoding_wins(tmp_path):
    path = write(tmp_path, "x.csv", "Name\nJosé\n", "cp1252")
    assert rows(path, encoding="latin-1")[0]["Name"] == "José"


# -- CSV shapes --------------------------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("a,b,c\n1,2,3\n", ","),
    ("a;b;c\n1;2;3\n", ";"),
    ("a\tb\tc\n1\t2\t3\n", "\t"),
    ("a|b|c\n1|2|3\n", "|"),
    ('Name;Company\nAnn;"Knight, Benton and Vaughn"\nBob;"Lee, Lee, Lee"\n', ";"),
    ('Name,Company\nAnn,"Lee; Co"\nBob,"A; B; C"\n', ","),
    ("Email\nann@x.io\n", ","),  # one column: nothing to sniff
])
def test_sniff_delimiter(text, expected):
    assert sniff_delimiter(text) == expected


def test_quoted_newlines_commas_and_quotes(tmp_path):
    path = write(tmp_path, "q.csv", 'Name,Note,City\nAnn,"line one\nline two, with comma",Leeds\n'
                                   'Bob,"say ""hi""",York\n')
    got = rows(path)
    assert got == [
        {"Name": "Ann", "Note": "line one\nline two, with comma", "City": "Leeds", ROW: 2},
        {"Name": "Bob", "Note": 'say "hi"', "City": "York", ROW: 3},  # a record, not a line, is a row
    ]


def test_blank_rows_are_dropped_but_row_numbers_stay_true():
    got = rows(FIXTURES / "salesforce_leads_bom.csv")
    assert [r[ROW] for r in got] == [2, 4, 6]  # a ";;;" row and an empty line in between
    assert got[0]["Description"] == "Met at the booth.\nWants a demo, pricing, and references."


def test_header_only_gives_no_rows_and_blank_lines_before_the_header_count(tmp_path):
    assert list(read_file(FIXTURES / "header_only.csv")) == []
    path = write(tmp_path, "late_header.csv", "\n\nName,Email\nAnn,ann@x.io\n")
    assert rows(path) == [{"Name": "Ann", "Email": "ann@x.io", ROW: 4}]


def test_excel_sep_hint_line(tmp_path):
    path = write(tmp_path, "sep.csv", "sep=;\nName;Email\nAnn;ann@x.io\n")
    assert rows(path) == [{"Name": "Ann", "Email": "ann@x.io", ROW: 2}]  # Excel hides the hint line


def test_text_stays_text():
    got = rows(FIXTURES / "leads.tsv")
    assert got[0] == {"ID": "00123", "Name": "Ann Lee", "Email": "ann@leeltd.co.uk", "Phone": "15969297112", ROW: 2}
    eu = rows(FIXTURES / "zoho_leads_eu.csv")
    assert [r["Created Time"] for r in eu] == ["46086.625", "46087", "46090.5"]  # Excel serials left as written


def test_duplicate_and_blank_headers_are_kept(tmp_path):
    path = write(tmp_path, "d.csv", "Phone,Phone,,Name,Phone (2)\n1,2,3,x,4\n")
    # the file's own "Phone (2)" keeps its name; the repeated "Phone" becomes "Phone (3)"
    assert rows(path) == [{"Phone": "1", "Phone (3)": "2", "Column 3": "3", "Name": "x", "Phone (2)": "4", ROW: 2}]
    assert unique_columns(["\ufeff Email ", "Email", None, ""]) == ["Email", "Email (2)", "Column 3", "Column 4"]


def test_trailing_delimiters_and_stray_cells_lose_nothing(tmp_path):
    # pandas alone would take the first column for an index when every line has one field too many
    path = write(tmp_path, "t.csv", "ID,Name,\n001,Ann,\n002,Bob,\n003,Cy,late note\n004,Di\n")
    assert rows(path) == [
        {"ID": "001", "Name": "Ann", "Column 3": None, ROW: 2},
        {"ID": "002", "Name": "Bob", "Column 3": None, ROW: 3},
        {"ID": "003", "Name": "Cy", "Column 3": "late note", ROW: 4},  # a cell past the header is kept
        {"ID": "004", "Name": "Di", "Column 3": None, ROW: 5},
    ]
    # a spare column that is empty throughout a chunk is not there at all
    assert [list(c.frame.columns) for c in read_file(path, chunk_rows=2)] == [
        ["ID", "Name", ROW], ["ID", "Name", "Column 3", ROW]]


def test_a_row_far_too_long_is_a_clear_error(tmp_path):
    path = write(tmp_path, "long.csv", "A,B\n1,2\n" + ",".join(["x"] * 40) + "\n")
    with pytest.raises(ImportFileError, match=r"long.csv: malformed CSV: .*Expected 18 fields in line 3, saw 40"):
        rows(path)


# -- streaming ---------------------------------------------------------------------------


def test_big_csv_streams_in_chunks_with_true_row_numbers(tmp_path):
    body = "".join(f"{i:05d},Person {i},+86 159 {i:04d} 7112\n" for i in range(2500))
    path = write(tmp_path, "big.csv", "ID,Name,Phone\n" + body)
    chunks = list(read_file(path, chunk_rows=1000))
    assert [len(c.frame) for c in chunks] == [1000, 1000, 500]
    assert [c.first_row for c in chunks] == [2, 1002, 2002]
    assert chunks[-1].frame.iloc[-1].to_dict() == {"ID": "02499", "Name": "Person 2499",
                                                   "Phone": "+86 159 2499 7112", ROW: 2501}


def test_chunks_come_before_the_end_of_the_file_is_read(tmp_path):
    # a malformed last line fails only when reached: the first chunks were read without it
    body = "".join(f"{i},n{i}\n" for i in range(3000))
    path = write(tmp_path, "late_error.csv", "id,name\n" + body + ",".join(["x"] * 30) + "\n")
    chunks = read_file(path, chunk_rows=500)
    first = next(chunks)
    assert (len(first.frame), first.first_row) == (500, 2)
    with pytest.raises(ImportFileError, match="malformed CSV"):
        list(chunks)


def test_fixture_streams_in_small_chunks_with_the_same_rows():
    whole = rows(FIXTURES / "salesforce_leads.csv")
    chunks = list(read_file(FIXTURES / "salesforce_leads.csv", chunk_rows=2))
    assert [len(c.frame) for c in chunks] == [2, 2, 1]
    assert [c.first_row for c in chunks] == [2, 4, 6]
    assert [r for c in chunks for r in c.frame.to_dict("records")] == whole


def test_a_chunk_of_only_blank_rows_is_skipped(tmp_path):
    path = write(tmp_path, "gaps.csv", "A,B\n1,2\n,\n,\n3,4\n")
    chunks = list(read_file(path, chunk_rows=2))
    assert [(c.first_row, c.frame[ROW].tolist()) for c in chunks] == [(2, [2]), (5, [5])]
    with pytest.raises(ValueError, match="chunk_rows"):
        read_file(path, chunk_rows=0)


def test_closing_an_unfinished_reader_releases_the_file(tmp_path):
    path = write(tmp_path, "c.csv", "A\n" + "1\n" * 50)
    reader = read_file(path, chunk_rows=10)
    next(reader)
    reader.close()  # type: ignore[attr-defined]
    assert list(reader) == []


# -- what every reader returns -----------------------------------------------------------


@pytest.mark.parametrize("name", READABLE)
def test_every_fixture_reads_into_text_frames_with_true_row_numbers(name):
    chunks = list(read_file(FIXTURES / name, chunk_rows=3))
    if name == "header_only.csv":
        assert chunks == []
        return
    assert chunks and all(isinstance(c, Chunk) for c in chunks)
    numbers: list[int] = []
    for chunk in chunks:
        frame = chunk.frame
        assert isinstance(frame, pd.DataFrame) and ROW in frame.columns
        assert frame[ROW].dtype == "int64" and chunk.first_row == frame[ROW].iloc[0]
        data = frame.drop(columns=[ROW])
        for column in data.columns:
            assert isinstance(column, str) and column == column.strip() and "\ufeff" not in column
            assert data[column].dtype == object
            values = data[column].tolist()
            assert all(v is None or (isinstance(v, str) and v == v.strip() and v) for v in values), (column, values)
            assert not any(isinstance(v, float) and math.isnan(v) for v in values)
        content = data.drop(columns=[c for c in (ERROR,) if c in data.columns])
        has_error = data[ERROR].notna() if ERROR in data.columns else pd.Series(False, index=data.index)
        assert (content.notna().any(axis=1) | has_error).all()  # no blank rows
        numbers += frame[ROW].tolist()
    assert numbers == sorted(set(numbers))  # strictly increasing


def test_explicit_format_skips_detection(tmp_path):
    path = write(tmp_path, "data.dat", "Name|Email\nAnn|ann@x.io\n")
    assert rows(path, fmt=FileFormat.CSV) == [{"Name": "Ann", "Email": "ann@x.io", ROW: 2}]
    assert rows(path, fmt="csv") == [{"Name": "Ann", "Email": "ann@x.io", ROW: 2}]


def test_a_quoted_header_over_two_lines(tmp_path):
    path = write(tmp_path, "h.csv", 'ID,"Notes\n(free text)",Email\n1,hello,a@x.io\n2,,b@x.io\n')
    assert rows(path) == [{"ID": "1", "Notes\n(free text)": "hello", "Email": "a@x.io", ROW: 2},
                          {"ID": "2", "Notes\n(free text)": None, "Email": "b@x.io", ROW: 3}]


_CELL = st.text(alphabet=st.sampled_from(list('ab Z09,;|"\n\t-_.@') + ["é", "李", "桂"]), max_size=10)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), delimiter=st.sampled_from([",", ";", "\t", "|"]))
def test_any_table_written_as_csv_reads_back_cell_for_cell(tmp_path_factory, data, delimiter):
    # two columns at least: a one-column file has no delimiter in its header to tell it by
    width = data.draw(st.integers(min_value=2, max_value=5))
    header = [f"col{i}" for i in range(width)]
    body = data.draw(st.lists(st.lists(_CELL, min_size=width, max_size=width), max_size=8))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows([header, *body])
    path = tmp_path_factory.mktemp("prop") / "t.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    expected = []
    for number, row in enumerate(body, start=2):
        cells = {h: (v.strip() or None) for h, v in zip(header, row, strict=True)}
        if any(cells.values()):
            expected.append({**cells, ROW: number})
    assert rows(path) == expected
