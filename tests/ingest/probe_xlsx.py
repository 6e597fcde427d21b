"""Build padded XLSX workbooks and read them in a fresh process, reporting its peak memory
(for tests/trust/test_probe_zip_bomb.py; run directly: python -m tests.ingest.probe_xlsx FILE)."""

from __future__ import annotations

import json
import random
import resource
import sys
import zipfile
from pathlib import Path


_WHITESPACE = bytes(b" \t\n\r"[i % 4] for i in range(256))


def padded_workbook(path: Path, pad_bytes: int, *, noisy: bool = False, tagged: bool = False) -> Path:
    """A one-row workbook whose sheet XML carries ``pad_bytes`` of whitespace between two rows
    (all spaces packs ~1000:1; ``noisy`` whitespace packs only ~4:1; ``tagged`` puts an empty
    element every 100 KiB, so no text run is longer than a cell may be)."""
    from openpyxl import Workbook

    plain = path.with_suffix(".plain.xlsx")
    book = Workbook()
    book.active.append(["name", "email"])
    book.active.append(["Ann", "ann@x.com"])
    book.save(plain)
    rnd = random.Random(1)
    block = 1024 * 1024
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename != "xl/worksheets/sheet1.xml":
                target.writestr(item, data)
                continue
            head, tail = data.split(b"</row>", 1)
            with target.open(item.filename, "w", force_zip64=True) as out:
                out.write(head + b"</row>")
                left = pad_bytes
                chunk = b" " * block
                while left > 0:
                    if noisy:
                        chunk = rnd.randbytes(block).translate(_WHITESPACE)
                    piece = chunk[:left]
                    if tagged:
                        piece = b"<x/>".join(piece[i:i + 100 * 1024] for i in range(0, len(piece), 100 * 1024))
                    out.write(piece)
                    left -= block
                out.write(tail)
    plain.unlink()
    return path


def main(file: str) -> None:
    from graphcrm.ingest.errors import ImportFileError
    from graphcrm.ingest.read import read_file

    outcome: dict = {}
    try:
        rows = sum(len(chunk.frame) for chunk in read_file(file))
        outcome["rows"] = rows
    except ImportFileError as exc:
        outcome["error"] = str(exc)
    outcome["peak_mb"] = _peak_mb()
    print(json.dumps(outcome))


def _peak_mb() -> float:
    """This process's own peak resident memory. Not ru_maxrss: Linux carries it over exec
    from the forked parent, so under a large pytest process it reports the parent's size."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main(sys.argv[1])
