"""Issue 22: the import readers under fuzzing (Hypothesis, bounded time). Whatever the bytes, a
reader yields chunks or raises ImportFileError: no other exception (no traceback for the user),
and the Python memory it allocates stays under MEMORY_BOUND (tracemalloc peak, inputs < 64 KiB).

GRAPHCRM_FUZZ_EXAMPLES sets the examples per format (default 150: about a minute in all on CI)."""

from __future__ import annotations

import io
import os
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphcrm.ingest.errors import ImportFileError
from graphcrm.ingest.read import read_file

EXAMPLES = int(os.environ.get("GRAPHCRM_FUZZ_EXAMPLES", "150"))
MEMORY_BOUND = 64 * 1024 * 1024  # bytes allocated at the peak, for one input under 64 KiB
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])

cell = st.text(alphabet=st.sampled_from(list('ab,;\t|"\'\n\r =+-@<>{}[]:\\é中\ufeff\x00')), max_size=20)
row = st.lists(cell, min_size=1, max_size=8)


def _read(path: Path) -> None:
    """Read the whole file the way the importer does; only ImportFileError may come out."""
    tracemalloc.start()
    try:
        try:
            for chunk in read_file(path, chunk_rows=7):
                assert len(chunk.frame) <= 7 or chunk.frame is not None
        except ImportFileError:
            pass
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_BOUND, f"{path.name}: {peak:,} bytes at the peak"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@FUZZ
@given(rows=st.lists(row, min_size=1, max_size=30), sep=st.sampled_from([",", ";", "\t", "|"]),
       encoding=st.sampled_from(["utf-8", "utf-16", "gb18030", "latin-1"]),
       suffix=st.sampled_from([".csv", ".tsv", ".txt"]))
def test_csv_like_text(tmp_path, rows, sep, encoding, suffix):
    text = "\n".join(sep.join(r) for r in rows)
    _read(_write(tmp_path, f"f{suffix}", text.encode(encoding, errors="replace")))


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".csv", ".xlsx", ".xls", ".vcf", ".json", ".jsonl"]))
def test_any_bytes_under_any_name(tmp_path, data, suffix):
    _read(_write(tmp_path, f"f{suffix}", data))


json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | cell,
                          lambda inner: st.lists(inner, max_size=4) | st.dictionaries(cell, inner, max_size=4),
                          max_leaves=20)


@FUZZ
@given(records=st.lists(json_value, min_size=1, max_size=20), array=st.booleans())
def test_json_records(tmp_path, records, array):
    import json

    text = json.dumps(records) if array else "\n".join(json.dumps(r) for r in records)
    _read(_write(tmp_path, "f.jsonl", text.encode()))


@FUZZ
@given(cards=st.lists(st.lists(st.tuples(st.sampled_from(["FN", "N", "EMAIL", "TEL;TYPE=CELL", "ORG", "ADR",
                                                          "NOTE;ENCODING=QUOTED-PRINTABLE", "VERSION", "X"]),
                                         cell), max_size=6), min_size=1, max_size=8),
       close=st.booleans())
def test_vcards(tmp_path, cards, close):
    parts = []
    for card in cards:
        lines = ["BEGIN:VCARD"] + [f"{k}:{v}" for k, v in card] + (["END:VCARD"] if close else [])
        parts.append("\r\n".join(lines))
    _read(_write(tmp_path, "f.vcf", "\r\n".join(parts).encode()))


def _workbook(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for r in rows:
        book.active.append([c.replace("\x00", "") for c in r])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@FUZZ
@given(rows=st.lists(row, min_size=1, max_size=10), flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)),
                                                                    max_size=4))
def test_damaged_workbooks(tmp_path, rows, flips):
    try:
        data = bytearray(_workbook(rows))
    except Exception:  # noqa: BLE001 - openpyxl refuses some control characters: nothing to read then
        return
    for at, value in flips:
        data[at % len(data)] = value
    _read(_write(tmp_path, "f.xlsx", bytes(data)))


@FUZZ
@given(members=st.lists(st.tuples(st.sampled_from(["[Content_Types].xml", "xl/workbook.xml",
                                                   "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                                   "xl/_rels/workbook.xml.rels", "_rels/.rels", "other.bin"]),
                                  st.binary(max_size=2048)), max_size=6))
def test_zip_archives_of_random_parts(tmp_path, members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in dict(members).items():  # one part per name
            archive.writestr(name, data)
    _read(_write(tmp_path, "f.xlsx", out.getvalue()))


@pytest.mark.parametrize("name,data", [("f.csv", b'a,b\n"x'), ("f.xlsx", b"PK\x03\x04"), ("f.json", b"[" * 10_000)])
def test_known_awkward_inputs(tmp_path, name, data):
    _read(_write(tmp_path, name, data))
