"""Bad files for every reader: fuzzed, truncated, binary, huge, wrongly encoded, empty, header-only.

The one promise: ``read_file`` (and iterating it) either gives text frames with
row numbers, or raises ``ImportFileError`` with a one-line "file: reason"; never
another exception, never a warning, never output on stdout.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphcrm.ingest import ImportFileError, ImportOptions, import_files
from graphcrm.ingest.read import ROW, read_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
GOOD = sorted(p for p in FIXTURES.iterdir()
              if p.suffix != ".py" and p.name not in ("photo.csv", "empty.csv", "cn_leads_truncated.xlsx"))
SUFFIXES = [".csv", ".tsv", ".txt", ".xlsx", ".xls", ".vcf", ".jsonl", ".json"]


def read_all(path: Path, chunk_rows: int = 7) -> int:
    """Read every chunk; check each is a frame of text with row numbers; return the row count."""
    rows = 0
    for chunk in read_file(path, chunk_rows=chunk_rows):
        frame = chunk.frame
        assert ROW in frame.columns and frame[ROW].is_monotonic_increasing
        for column in frame.columns:
            if column != ROW:
                assert all(v is None or isinstance(v, str) for v in frame[column]), column
        rows += len(frame)
    return rows


def read_or_refuse(path: Path) -> str | int:
    """The row count, or the one-line reason the file was refused."""
    try:
        return read_all(path)
    except ImportFileError as exc:
        message = str(exc)
        assert "\n" not in message and message.startswith(f"{path.name}: ") and len(message) < 400, message
        assert "Traceback" not in message
        return message


def mutate(data: bytes, rnd: random.Random) -> bytes:
    """One random damage: cut off, bytes overwritten, bytes inserted or a stretch deleted."""
    data = bytearray(data)
    how = rnd.choice(["cut", "flip", "insert", "delete"])
    at = rnd.randrange(len(data))
    if how == "cut":
        del data[at:]
    elif how == "flip":
        for _ in range(rnd.randint(1, 16)):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
    elif how == "insert":
        data[at:at] = rnd.randbytes(rnd.randint(1, 64))
    else:
        del data[at:at + rnd.randint(1, 256)]
    return bytes(data)


# -- regressions found by the fuzzing below ------------------------------------------------


@pytest.mark.parametrize("offset,byte", [(2156, 199), (2495, 184)])
def test_an_xls_with_a_damaged_sheet_is_refused_in_one_line(tmp_path, offset, byte):
    """xlrd parses a sheet only when asked for it; the damage raised IndexError / struct.error there."""
    data = bytearray((FIXTURES / "leads.xls").read_bytes())
    data[offset] = byte
    path = tmp_path / "damaged.xls"
    path.write_bytes(bytes(data))
    assert read_or_refuse(path) == "damaged.xls: not a valid XLS file (truncated or corrupt)"


def test_xlrd_complaints_stay_off_stdout(tmp_path, capsys):
    """xlrd printed "WARNING *** file size ..." on stdout, breaking `graphcrm import --json`."""
    path = tmp_path / "padded.xls"
    path.write_bytes((FIXTURES / "leads.xls").read_bytes() + b"\0" * 100)
    assert read_all(path) == 3
    assert capsys.readouterr().out == ""


def test_a_row_a_little_too_long_is_an_error_not_silently_cut(tmp_path):
    """pandas drops the extra cells of such a row with only a ParserWarning; the row's data was lost."""
    header = ",".join(f"c{i}" for i in range(20))
    path = tmp_path / "long.csv"
    path.write_text("".join(f"{line}\n" for line in [header, ",".join("b" * 38), ",".join("c" * 20)]))
    assert read_or_refuse(path) == "long.csv: malformed CSV: a row after row 1 has more than 36 cells (the header has 20)"
    # further down (here first in the second chunk) pandas itself calls it an error
    path.write_text("".join(f"{line}\n" for line in [header] + [",".join("a" * 20)] * 2 + [",".join("b" * 37)]))
    with pytest.raises(ImportFileError, match="long.csv: malformed CSV: .*line 4"):
        read_all(path, chunk_rows=2)


def test_json_nested_deeper_than_the_parser_can_go_is_refused_or_rejected(tmp_path):
    """json.loads raised RecursionError (no ValueError) and it escaped the reader."""
    deep = '{"a": ' * 50_000 + "1" + "}" * 50_000
    document = tmp_path / "deep.json"
    document.write_text(f'[{deep}]')
    assert read_or_refuse(document) == "deep.json: not valid JSON: nested too deeply"
    lines = tmp_path / "deep.jsonl"
    lines.write_text('{"name": "Ann"}\n' + deep + "\n")
    frame = next(read_file(lines)).frame
    assert frame["__error__"].tolist() == [None, "not valid JSON: nested too deeply"]
    fine = tmp_path / "fine.jsonl"  # as deep as the parser allows: flattened to one dotted column
    fine.write_text('{"a": ' * 900 + "1" + "}" * 900 + "\n")
    assert list(next(read_file(fine)).frame.columns) == [".".join(["a"] * 900), ROW]


# -- fuzzing -------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_under_any_name(tmp_path, data, suffix):
    path = tmp_path / f"upload{suffix}"
    path.write_bytes(data)
    read_or_refuse(path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400), suffix=st.sampled_from(SUFFIXES),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030", "shift_jis", "cp1252",
                                 "latin-1", "utf-32"]))
def test_arbitrary_text_in_any_encoding(tmp_path, text, suffix, encoding):
    path = tmp_path / f"export{suffix}"
    path.write_bytes(text.encode(encoding, errors="replace"))
    read_or_refuse(path)


@pytest.mark.parametrize("fixture", GOOD, ids=lambda p: p.name)
def test_every_fixture_damaged_many_ways(tmp_path, fixture):
    rnd = random.Random(fixture.name)
    data = fixture.read_bytes()
    for i in range(60):
        path = tmp_path / f"d{i}{fixture.suffix}"
        path.write_bytes(mutate(data, rnd))
        read_or_refuse(path)
        path.unlink()


@pytest.mark.parametrize("fixture", GOOD, ids=lambda p: p.name)
def test_every_fixture_cut_off_anywhere(tmp_path, fixture):
    data = fixture.read_bytes()
    step = max(1, len(data) // 40)
    for cut in range(0, len(data), step):
        path = tmp_path / f"cut{fixture.suffix}"
        path.write_bytes(data[:cut])
        read_or_refuse(path)


# -- named shapes of bad files --------------------------------------------------------------


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zip_bytes(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


BAD = {
    "empty.csv": (b"", "empty file"),
    "spaces.tsv": (b" \t \r\n\r\n  ", "empty file"),
    "nul.csv": (b"\0" * 5000, "binary file"),
    "random.vcf": (random.Random(1).randbytes(5000), "binary file"),
    "image.xlsx": (b"\x89PNG\r\n\x1a\n" + random.Random(2).randbytes(2000), "not a valid XLSX file"),
    "archive.xlsx": (zip_bytes({"readme.txt": b"hello"}), "a ZIP archive, not an XLSX workbook"),
    "bomb.xlsx": (zip_bytes({"xl/workbook.xml": b"<not xml"}), "not a valid XLSX file"),
    "half.xlsx": (xlsx_bytes([["Name", "Email"], ["Ann", "ann@x.io"]])[:700], "not a valid XLSX file"),
    "empty_sheet.xlsx": (xlsx_bytes([]), "is empty"),
    "array.json": (b'[{"name": "Ann"}, {"name": ', "not valid JSON"),
    "scalar.json": (b"[1, 2, 3]\n", None),  # rows that are no objects: rejected one by one, read fine
    "number.json": (b"42", "not JSON"),
    "no_card.vcf": (b"FN:Ann\nEMAIL:ann@x.io\n", "no vCard in the file"),
    "utf16_no_bom.csv": ("Name,Email\nAnn,ann@x.io\n".encode("utf-16-le"), "binary file"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_are_refused_with_a_reason(tmp_path, name):
    data, reason = BAD[name]
    path = tmp_path / name
    path.write_bytes(data)
    outcome = read_or_refuse(path)
    if reason is None:
        assert isinstance(outcome, int)
    else:
        assert isinstance(outcome, str) and reason in outcome, outcome


HEADER_ONLY = {
    "h.csv": b"Name,Email,Phone\r\n",
    "h.tsv": b"Name\tEmail\n\n\n",
    "h.xlsx": xlsx_bytes([["Name", "Email"]]),
    "h.jsonl": b"{}\n{}\n",
    "h.json": b"[]",
    "h.vcf": b"BEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n",
}


@pytest.mark.parametrize("name", sorted(HEADER_ONLY))
def test_header_only_files_stop_the_import_before_anything_is_written(store, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(HEADER_ONLY[name])
    before = store.counts()
    try:
        report = import_files(store, [path], ImportOptions(rejects_path=tmp_path / "rejects.csv"))
    except ImportFileError as exc:
        assert str(exc).startswith(f"{path}: ") or str(exc).startswith(f"{name}: ")
        assert "\n" not in str(exc)
    else:  # an empty vCard is a row, rejected with its reason
        assert report.loaded == 0 and report.rejected == report.rows >= 1
        assert all(r.reason for r in report.rejects)
    after = store.counts().nodes
    assert {k: n for k, n in after.items() if k != "ImportBatch"} == \
        {k: n for k, n in before.nodes.items() if k != "ImportBatch"}


def test_huge_files_are_read_or_refused_quickly(tmp_path):
    one_cell = tmp_path / "cell.csv"
    one_cell.write_text("Name,Notes\nAnn," + "x" * 8_000_000 + "\n")
    assert read_all(one_cell) == 1
    one_line = tmp_path / "line.csv"
    one_line.write_bytes(b"a" * 12_000_000)  # one 12 MB header cell and nothing else
    assert read_or_refuse(one_line) == "line.csv: cannot read the CSV header: field larger than field limit (131072)"
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(20_000)) + "\n" + ",".join("v" * 20_000) + "\n")
    assert read_all(wide) == 1
    many = tmp_path / "many.jsonl"
    many.write_text("".join(json.dumps({"name": f"n{i}", "x": "y" * 50}) + "\n" for i in range(60_000)))
    assert read_all(many, chunk_rows=20_000) == 60_000
