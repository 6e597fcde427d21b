"""Read export files into chunks of text-only DataFrames.

Every cell stays text (no type guessing: "00123" and phone numbers survive),
blank cells are None, and each row carries ``__row__``: the row number a
person sees in the file (CSV/XLSX header = row 1; vCard and JSON-lines count
cards and lines). CSV is streamed; nothing reads a whole big file into memory.
"""

from __future__ import annotations

import csv
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import Any

import pandas as pd
from charset_normalizer import from_bytes

from graphcrm.ingest.errors import ImportFileError

ROW = "__row__"
ERROR = "__error__"
_SNIFF_BYTES = 256 * 1024
_DELIMITERS = ",;\t|"


class FileFormat(StrEnum):
    """The file formats graphcrm imports."""

    CSV = "csv"
    TSV = "tsv"
    XLSX = "xlsx"
    XLS = "xls"
    VCF = "vcf"
    JSONL = "jsonl"


_BY_SUFFIX = {
    ".csv": FileFormat.CSV, ".txt": FileFormat.CSV, ".tsv": FileFormat.TSV, ".xlsx": FileFormat.XLSX,
    ".xlsm": FileFormat.XLSX, ".xls": FileFormat.XLS, ".vcf": FileFormat.VCF, ".vcard": FileFormat.VCF,
    ".jsonl": FileFormat.JSONL, ".ndjson": FileFormat.JSONL, ".json": FileFormat.JSONL,
}


@dataclass
class Chunk:
    """Consecutive rows of a file; ``first_row`` is the file row of the first one."""

    frame: pd.DataFrame
    first_row: int


def detect_format(path: Path) -> FileFormat:
    """The format from the extension, checked against the first bytes."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    if not head:
        raise ImportFileError(path.name, "empty file")
    if head.startswith(b"PK\x03\x04"):
        return FileFormat.XLSX
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return FileFormat.XLS
    suffix = _BY_SUFFIX.get(path.suffix.lower())
    if suffix in (FileFormat.XLSX, FileFormat.XLS):
        raise ImportFileError(path.name, f"not a valid {suffix.value.upper()} file (truncated or corrupt)")
    if _binary(head):
        raise ImportFileError(path.name, "binary file, not a CSV/XLSX/VCF/JSON export")
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text[:11].upper() == b"BEGIN:VCARD":
        return FileFormat.VCF
    if text[:1] in (b"{", b"[") and suffix in (None, FileFormat.JSONL, FileFormat.CSV):
        return FileFormat.JSONL
    if suffix is None:
        raise ImportFileError(path.name, f"unknown file type {path.suffix or '(no extension)'}")
    return suffix


def _binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text has NULs but is text
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control > len(head) * 0.05


def read_file(
    path: Path | str,
    *,
    fmt: FileFormat | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    chunk_rows: int = 10_000,
) -> Iterator[Chunk]:
    """Yield the file's rows in chunks; ImportFileError when it cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(str(path), "no such file")
    fmt = fmt or detect_format(path)
    readers = {
        FileFormat.CSV: _read_csv, FileFormat.TSV: _read_csv, FileFormat.XLSX: _read_xlsx,
        FileFormat.XLS: _read_xls, FileFormat.VCF: _read_vcf, FileFormat.JSONL: _read_json,
    }
    return readers[fmt](path, sheet=sheet, encoding=encoding, chunk_rows=chunk_rows, fmt=fmt)


# -- CSV / TSV ---------------------------------------------------------------------------


def detect_encoding(sample: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, else the best guess (GB18030 for Chinese)."""
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start > len(sample) - 4:  # the sample cut a character in half
            return "utf-8"
    best = from_bytes(sample).best()
    guess = (best.encoding if best else "cp1252").lower()
    if guess in ("gbk", "gb2312", "hz", "big5hkscs") or guess.startswith("gb"):
        return "gb18030"  # a superset of GBK and GB2312
    if guess == "ascii" or guess.startswith(("latin", "iso8859", "windows_125", "cp125", "mac_")):
        # short Western samples are ambiguous between the single-byte code pages; exports
        # from Western CRMs and Excel are Windows-1252
        return "cp1252"
    return guess


def _sniff_delimiter(text: str, fmt: FileFormat) -> str:
    if fmt == FileFormat.TSV:
        return "\t"
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    if not lines:
        return ","
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=_DELIMITERS).delimiter
    except csv.Error:
        counts = {d: lines[0].count(d) for d in _DELIMITERS}
        return max(counts, key=counts.get) if max(counts.values()) else ","


def _read_csv(path: Path, *, encoding: str | None, chunk_rows: int, fmt: FileFormat, **_: Any) -> Iterator[Chunk]:
    with path.open("rb") as fh:
        sample = fh.read(_SNIFF_BYTES)
    encoding = encoding or detect_encoding(sample)
    text = sample.decode(encoding, errors="replace")
    delimiter = _sniff_delimiter(text, fmt)
    header = next(csv.reader(text.lstrip("\ufeff").splitlines()[:1] or [""], delimiter=delimiter), [])
    if not any(h.strip() for h in header):
        raise ImportFileError(path.name, "empty file")
    try:
        # names given explicitly: pandas would rename a repeated header to "Phone.1"
        reader = pd.read_csv(
            path, sep=delimiter, encoding=encoding, dtype=object, keep_default_na=False, chunksize=chunk_rows,
            skip_blank_lines=False, header=None, skiprows=1, names=unique_columns(header),
            encoding_errors="replace", engine="c",
        )
    except pd.errors.EmptyDataError:
        raise ImportFileError(path.name, "empty file") from None
    except (pd.errors.ParserError, UnicodeError, ValueError) as exc:
        raise ImportFileError(path.name, f"cannot read as CSV: {exc}") from None
    return _csv_chunks(path, reader)


def _csv_chunks(path: Path, reader: Any) -> Iterator[Chunk]:
    row = 2
    try:
        with reader:
            yield from _numbered(reader, row)
    except pd.errors.ParserError as exc:
        raise ImportFileError(path.name, f"malformed CSV: {str(exc).splitlines()[0]}") from None


def _numbered(reader: Any, row: int) -> Iterator[Chunk]:
    for frame in reader:
        frame.columns = unique_columns(frame.columns)
        numbers = list(range(row, row + len(frame)))
        row += len(frame)
        chunk = _tidy(frame, numbers)
        if len(chunk.frame):
            yield chunk


# -- spreadsheets ------------------------------------------------------------------------


def _read_xlsx(path: Path, *, sheet: str | int | None, chunk_rows: int, **_: Any) -> Iterator[Chunk]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
        raise ImportFileError(path.name, f"not a valid XLSX file (truncated or corrupt): {exc}") from None
    names = book.sheetnames
    worksheet = book[_sheet_name(path, names, sheet)]

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                yield number, list(values)
        except (zipfile.BadZipFile, EOFError, OSError, KeyError) as exc:
            raise ImportFileError(path.name, f"not a valid XLSX file (truncated or corrupt): {exc}") from None
        finally:
            book.close()

    return _sheet_chunks(path, rows(), chunk_rows)


def _read_xls(path: Path, *, sheet: str | int | None, chunk_rows: int, **_: Any) -> Iterator[Chunk]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except (xlrd.XLRDError, OSError, AssertionError, IndexError, ValueError) as exc:
        raise ImportFileError(path.name, f"not a valid XLS file (truncated or corrupt): {exc}") from None
    worksheet = book.sheet_by_name(_sheet_name(path, book.sheet_names(), sheet))

    def cell(c: Any) -> Any:
        if c.ctype == xlrd.XL_CELL_DATE:
            return xlrd.xldate.xldate_as_datetime(c.value, book.datemode)
        return c.value

    rows = ((r + 1, [cell(c) for c in worksheet.row(r)]) for r in range(worksheet.nrows))
    return _sheet_chunks(path, rows, chunk_rows)


def _sheet_name(path: Path, names: list[str], sheet: str | int | None) -> str:
    if sheet is None:
        return names[0]
    if isinstance(sheet, int) and 0 <= sheet < len(names):
        return names[sheet]
    if sheet in names:
        return str(sheet)
    raise ImportFileError(path.name, f"no sheet {sheet!r}; sheets: {', '.join(names)}")


def _sheet_chunks(path: Path, rows: Iterator[tuple[int, list[Any]]], chunk_rows: int) -> Iterator[Chunk]:
    header: list[str] | None = None
    batch: list[list[Any]] = []
    numbers: list[int] = []
    for number, values in rows:
        cells = [cell_text(v) for v in values]
        if header is None:
            if any(cells):
                header = unique_columns([c or f"Column {i + 1}" for i, c in enumerate(cells)])
            continue
        if not any(cells):
            continue
        batch.append((cells + [None] * len(header))[: len(header)])
        numbers.append(number)
        if len(batch) >= chunk_rows:
            yield _tidy(pd.DataFrame(batch, columns=header, dtype=object), numbers)
            batch, numbers = [], []
    if header is None:
        raise ImportFileError(path.name, "empty sheet")
    if batch:
        yield _tidy(pd.DataFrame(batch, columns=header, dtype=object), numbers)


def cell_text(value: Any) -> str | None:
    """A spreadsheet cell as the text a person sees (whole numbers without ".0")."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d") if value.time() == time(0) else value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    text = str(value).strip()
    return text or None


# -- vCard -------------------------------------------------------------------------------

_CARD = re.compile(r"BEGIN:VCARD.*?END:VCARD", re.S | re.I)


def _read_vcf(path: Path, *, encoding: str | None, chunk_rows: int, **_: Any) -> Iterator[Chunk]:
    raw = path.read_bytes()
    text = raw.decode(encoding or detect_encoding(raw[:_SNIFF_BYTES]), errors="replace")
    cards = _CARD.findall(text)
    if not cards:
        raise ImportFileError(path.name, "no BEGIN:VCARD ... END:VCARD card in the file")
    rows = []
    for number, card in enumerate(cards, start=1):
        try:
            rows.append({ROW: number, **vcard_fields(card)})
        except Exception as exc:  # noqa: BLE001 - one broken card must not stop the others
            rows.append({ROW: number, ERROR: f"unreadable vCard: {str(exc).splitlines()[0][:120]}"})
    for start in range(0, len(rows), chunk_rows):
        part = rows[start : start + chunk_rows]
        frame = pd.DataFrame(part, dtype=object)
        yield Chunk(frame.astype(object).where(frame.notna(), None), int(part[0][ROW]))


def vcard_fields(card: str) -> dict[str, str | None]:
    """The canonical fields of one vCard (2.1 quoted-printable, 3.0 and 4.0)."""
    import vobject

    component = vobject.readOne(_unfold_qp(card))
    out: dict[str, str | None] = {}

    def values(name: str) -> list[Any]:
        return list(component.contents.get(name, []))

    def first(name: str) -> Any:
        found = values(name)
        return found[0].value if found else None

    if uid := first("uid"):
        out["external_id"] = str(uid)
    out["name"] = _s(first("fn"))
    if n := first("n"):
        out["last_name"], out["first_name"] = _s(n.family), _s(n.given)
    if org := first("org"):
        out["company_name"] = _s(org[0] if isinstance(org, list) else org)
    out["title"] = _s(first("title"))
    emails = [_s(e.value) for e in values("email")]
    for i, email in enumerate(e for e in emails if e):
        out["email" if i == 0 else f"email_{i + 1}"] = email
    phones, mobiles = [], []
    for tel in values("tel"):
        kinds = {str(t).lower() for t in tel.params.get("TYPE", [])} | {p.lower() for p in tel.singletonparams}
        (mobiles if "cell" in kinds else phones).append(_s(tel.value))
    for i, phone in enumerate(p for p in phones if p):
        out["phone" if i == 0 else f"phone_{i + 1}"] = phone
    for i, mobile in enumerate(m for m in mobiles if m):
        out["mobile" if i == 0 else f"mobile_{i + 1}"] = mobile
    if adr := first("adr"):
        out.update(street=_s(adr.street), city=_s(adr.city), region=_s(adr.region), postcode=_s(adr.code),
                   country=_s(adr.country))
    out["website"] = _s(first("url"))
    out["description"] = _s(first("note"))
    return {k: v for k, v in out.items() if v}


def _s(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = " ".join(str(v) for v in value if v)
    text = str(value).strip()
    return text or None


def _unfold_qp(card: str) -> str:
    """Decode vCard 2.1 QUOTED-PRINTABLE values (vobject leaves them encoded)."""
    import quopri

    lines = card.replace("\r\n", "\n").split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if "QUOTED-PRINTABLE" in line.upper().split(":", 1)[0]:
            while line.endswith("=") and i + 1 < len(lines):  # soft line breaks
                i += 1
                line = line[:-1] + lines[i]
            head, _, value = line.partition(":")
            charset = re.search(r"CHARSET=([\w-]+)", head, re.I)
            decoded = quopri.decodestring(value.encode("ascii", "replace")).decode(
                charset[1] if charset else "utf-8", errors="replace")
            params = [p for p in head.split(";") if not re.match(r"(ENCODING=)?QUOTED-PRINTABLE$|CHARSET=", p, re.I)]
            line = ";".join(params) + ":" + decoded
        out.append(line)
        i += 1
    return "\n".join(out)


# -- JSON --------------------------------------------------------------------------------


def _read_json(path: Path, *, encoding: str | None, chunk_rows: int, **_: Any) -> Iterator[Chunk]:
    with path.open("rb") as fh:
        head = fh.read(_SNIFF_BYTES)
    encoding = encoding or detect_encoding(head)
    if head.lstrip(b"\xef\xbb\xbf").lstrip()[:1] == b"[":
        try:
            records = json.loads(path.read_text(encoding))
        except json.JSONDecodeError as exc:
            raise ImportFileError(path.name, f"not valid JSON: {exc}") from None
        numbered = ((i, r) for i, r in enumerate(records, start=1))
    else:
        numbered = _json_lines(path, encoding)
    return _json_chunks(path, numbered, chunk_rows)


def _json_lines(path: Path, encoding: str) -> Iterator[tuple[int, Any]]:
    with path.open(encoding=encoding, errors="replace") as fh:
        for number, line in enumerate(fh, start=1):
            if line.strip():
                try:
                    yield number, json.loads(line)
                except json.JSONDecodeError as exc:
                    yield number, {ERROR: f"not valid JSON: {exc.msg}"}


def _json_chunks(path: Path, numbered: Iterator[tuple[int, Any]], chunk_rows: int) -> Iterator[Chunk]:
    batch: list[dict[str, Any]] = []
    for number, record in numbered:
        if not isinstance(record, dict):
            record = {ERROR: "a JSON value that is not an object"}
        batch.append({ROW: number, **{k: _json_text(v) for k, v in _flatten(record).items()}})
        if len(batch) >= chunk_rows:
            yield _json_frame(batch)
            batch = []
    if batch:
        yield _json_frame(batch)


def _json_frame(batch: list[dict[str, Any]]) -> Chunk:
    frame = pd.DataFrame(batch, dtype=object)
    frame = frame.astype(object).where(frame.notna(), None)
    return Chunk(frame, int(batch[0][ROW]))


def _flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _json_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value).strip() or None


# -- shared ------------------------------------------------------------------------------


def unique_columns(columns: Any) -> list[str]:
    """Header names stripped of BOM and spaces; a repeated name gets " (2)" instead of being lost."""
    seen: dict[str, int] = {}
    out = []
    for i, column in enumerate(columns):
        name = str(column).replace("\ufeff", "").strip() or f"Column {i + 1}"
        if name.startswith("Unnamed: "):
            name = f"Column {i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out


def _tidy(frame: pd.DataFrame, numbers: list[int]) -> Chunk:
    """Strip cells, turn blanks into None, drop blank rows, number the rows."""
    frame = frame.astype(object)
    frame = frame.apply(lambda col: col.map(_clean_cell)).astype(object)
    frame = frame.where(frame.notna(), None)  # an all-empty column comes back as float NaN
    frame[ROW] = numbers
    data_columns = [c for c in frame.columns if c != ROW]
    keep = frame[data_columns].notna().any(axis=1) if data_columns else pd.Series(False, index=frame.index)
    frame = frame[keep].reset_index(drop=True)
    return Chunk(frame, int(frame[ROW].iloc[0]) if len(frame) else 0)


def _clean_cell(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None
