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
