"""Issue 22, point 2: a small XLSX must not inflate without limit. Parts are checked from the
archive's directory (sizes, packing ratio) and streamed for text runs no cell can have, before
openpyxl reads anything; sheets are capped in columns, cell length and cells. Peak memory is
measured in a fresh process (ru_maxrss), so the bound is the whole reader's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graphcrm.ingest.errors import ImportFileError
from graphcrm.ingest.read import MAX_COLUMNS, read_file
from tests.ingest.probe_xlsx import padded_workbook

ROOT = Path(__file__).resolve().parents[2]
PEAK_MB = 250  # the bound docs/trust.md states for reading any accepted or refused upload


def _read_in_process(path: Path) -> dict:
    done = subprocess.run([sys.executable, "-m", "tests.ingest.probe_xlsx", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("pad_mb,noisy,expected", [
    (300, False, "would unpack to"),  # over the size of any part
    (120, False, "times its packed size"),  # under it, but packed 1000:1
    (40, True, "text outside any tag"),  # packs only 4:1, but no cell is 40 MB of blanks
])
def test_padded_workbooks_are_refused_in_bounded_memory(tmp_path, pad_mb, noisy, expected):
    bomb = padded_workbook(tmp_path / "bomb.xlsx", pad_mb * 2**20, noisy=noisy)
    assert bomb.stat().st_size < 50 * 2**20  # all under the upload cap
    outcome = _read_in_process(bomb)
    assert expected in outcome.get("error", ""), outcome
    assert outcome["peak_mb"] < PEAK_MB, outcome


def test_a_plain_workbook_still_reads(tmp_path):
    outcome = _read_in_process(padded_workbook(tmp_path / "plain.xlsx", 0))
    assert outcome.get("rows") == 1 and outcome["peak_mb"] < PEAK_MB, outcome


def test_rows_past_excels_column_limit_are_refused(tmp_path):
    from openpyxl import Workbook

    wide = Workbook(write_only=True)
    sheet = wide.create_sheet()
    sheet.append(["name"])
    sheet.append(["x"] * (MAX_COLUMNS + 1))
    wide.save(tmp_path / "wide.xlsx")
    with pytest.raises(ImportFileError, match="more than 16,384 cells"):
        list(read_file(tmp_path / "wide.xlsx"))


def _with_long_cell(path: Path, text: str) -> Path:
    """A workbook whose one cell holds ``text`` whole (openpyxl itself cuts what it writes)."""
    import zipfile

    from openpyxl import Workbook

    marker = "MARKER" * 10
    book = Workbook()
    book.active.append(["name", "notes"])
    book.active.append(["Ann", marker])
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if marker.encode() in data:
                data = data.replace(marker.encode(), text.encode("utf-8"))
            target.writestr(item, data)
    return path


def test_a_cell_longer_than_a_spreadsheet_cell_is_refused_not_cut(tmp_path):
    with pytest.raises(ImportFileError, match="a cell holds more than 32,767 characters"):
        list(read_file(_with_long_cell(tmp_path / "long.xlsx", "x" * 40_000)))
    # the limit counts characters, not bytes: 30,000 Chinese characters (90,000 bytes) read whole
    [chunk] = list(read_file(_with_long_cell(tmp_path / "cjk.xlsx", "中" * 30_000)))
    assert len(chunk.frame.iloc[0]["notes"]) == 30_000


def test_padding_cut_into_runs_by_empty_tags_is_refused_quickly(tmp_path):
    """Blanks with an empty element every 100 KiB pass the text-run check, but took the XML parser
    over 15 minutes at 150 MiB: more than 4 MiB of long blank runs between tags is refused."""
    import time

    bomb = padded_workbook(tmp_path / "tagged.xlsx", 40 * 2**20, noisy=True, tagged=True)
    started = time.monotonic()
    outcome = _read_in_process(bomb)
    assert "blank padding between tags" in outcome.get("error", ""), outcome
    assert outcome["peak_mb"] < PEAK_MB and time.monotonic() - started < 60, outcome
