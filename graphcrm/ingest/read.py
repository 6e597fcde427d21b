"""Read export files into chunks of text-only DataFrames.

Every cell stays text (no type guessing: "00123" and phone numbers survive),
blank cells are None, and each row carries ``__row__``: the row number a
person sees in the file (CSV/XLSX header = row 1; vCards and JSON count cards,
lines or array items). Files are read in chunks, so a big CSV never sits in
memory whole. ``read_file`` opens the file and reads its header before it
returns, so a file that cannot be read fails there, not half-way through.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import warnings
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, cast
from xml.etree.ElementTree import ParseError

import pandas as pd
from charset_normalizer import from_bytes

from graphcrm.ingest.errors import ImportFileError

ROW = "__row__"
ERROR = "__error__"

# The columns of every vCard chunk, always all present, so each chunk maps the same way.
VCARD_COLUMNS: tuple[str, ...] = (
    "external_id", "first_name", "last_name", "name", "company_name", "title", "email", "phone", "mobile",
    "street", "city", "region", "postcode", "country", "website", "description",
)
# Further numbers and addresses of a card: email_2, phone_2, mobile_2, fax, fax_2 ...
VCARD_EXTRA = re.compile(r"(email|phone|mobile|fax)(_\d+)?")

_PREFIX_BYTES = 256 * 1024
_SCAN_BLOCK = 1024 * 1024
_DELIMITERS = ",;\t|"
_SPARE_COLUMNS = 16  # room for stray cells past the header (a trailing delimiter on every line)
# The last spare column is a sentinel: a line that reaches it may have had more cells, which
# pandas 2 (unlike 3) silently cuts off, so such a line is a malformed-CSV error on every version.
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0"
_BINARY = "binary file, not a CSV/XLSX/VCF/JSON export"
_XLSX_BROKEN = "not a valid XLSX file (truncated or corrupt)"
_XLS_BROKEN = "not a valid XLS file (truncated or corrupt)"
# Limits on a ZIP archive (an XLSX workbook), checked from its directory before anything is
# unpacked: a small file must not inflate into gigabytes. Python's zipfile never inflates a
# member past the size its directory states, so checking the stated sizes bounds the reading.
MAX_MEMBER_BYTES = 256 * 1024 * 1024  # one unpacked part (a sheet's XML, the shared strings)
MAX_ARCHIVE_BYTES = 512 * 1024 * 1024  # all parts together
MAX_RATIO = 100  # unpacked / packed size of any part over 1 MiB (real sheets stay under ~30)
MAX_MEMBERS = 10_000
# The longest run of XML without a tag: a cell's text (32,767 characters, escaped) fits; padding
# (which the XML parser keeps as one string built of many pieces, ~14 bytes of memory a byte) not.
MAX_XML_TEXT = 256 * 1024
_TEXT_RUN = re.compile(rb">([^<]*)")  # linear: [^<]{N} backtracks quadratically on shorter runs
_UTF8_CONTINUATION = re.compile(rb"[\x80-\xbf]")
MAX_BLANK_BYTES = 4 * 1024 * 1024  # blank runs of 64 bytes or more between tags, in all (pretty-printing makes short ones)
_RATIO_FROM = 1024 * 1024
# Limits on a sheet's content (Excel's own limits: 16,384 columns, 32,767 characters a cell).
MAX_COLUMNS = 16_384
MAX_CELL_CHARS = 32_767
MAX_CELLS = 20_000_000  # cells in a whole sheet
_CHUNK_CELLS = 1_000_000  # a chunk is cut early when it holds this many cells


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
    """Consecutive rows of a file; ``first_row`` is the file row number of the first one."""

    frame: pd.DataFrame
    first_row: int
    tidy: bool = False  # every cell is stripped, non-empty text or None: nothing left to blank


_Reader = Generator[Chunk | None, None, None]


def read_file(
    path: Path | str,
    *,
    fmt: FileFormat | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    chunk_rows: int = 10_000,
) -> Iterator[Chunk]:
    """Open a file and yield its rows in chunks; ImportFileError when it cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(str(path), "no such file")
    if chunk_rows < 1:
        raise ValueError(f"chunk_rows must be at least 1, not {chunk_rows}")
    if path.stat().st_size == 0:
        raise ImportFileError(path.name, "empty file")
    fmt = FileFormat(fmt) if fmt else detect_format(path)
    readers: dict[FileFormat, Callable[..., _Reader]] = {
        FileFormat.CSV: _read_csv, FileFormat.TSV: _read_csv, FileFormat.XLSX: _read_xlsx,
        FileFormat.XLS: _read_xls, FileFormat.VCF: _read_vcf, FileFormat.JSONL: _read_json,
    }
    reader = readers[fmt](path, fmt=fmt, sheet=sheet, encoding=encoding, chunk_rows=chunk_rows)
    # Each reader yields None once it has opened the file and read the header: run it that
    # far now, so errors surface here. If the caller never iterates, closing the generator
    # (explicitly or when it is collected) still runs the reader's cleanup.
    next(reader)
    return cast(Iterator[Chunk], reader)


# -- format and encoding -----------------------------------------------------------------


def detect_format(path: Path | str) -> FileFormat:
    """The format from the extension, checked against the content (the content wins)."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise ImportFileError(str(path), f"cannot be opened: {exc.strerror or exc}") from exc
    if not head.strip():
        raise ImportFileError(path.name, "empty file")
    by_name = _BY_SUFFIX.get(path.suffix.lower())
    if head.startswith(_ZIP):
        return FileFormat.XLSX
    if head.startswith(_OLE2):
        return FileFormat.XLS
    if by_name in (FileFormat.XLSX, FileFormat.XLS):
        if head.startswith(b"PK") or _binary(head):
            raise ImportFileError(path.name, _XLSX_BROKEN if by_name == FileFormat.XLSX else _XLS_BROKEN)
        if _text_start(head)[:1] == b"<":
            raise ImportFileError(path.name, f"a web page or XML saved as {path.suffix}, not a real "
                                  f"{by_name.value.upper()} file: open it in Excel and save it as XLSX or CSV")
        if by_name == FileFormat.XLSX:
            raise ImportFileError(path.name, "not a valid XLSX file (it holds text: a CSV export should end in .csv)")
        return FileFormat.CSV  # old "Excel" exports of some CRMs are tab- or comma-separated text
    if _binary(head):
        raise ImportFileError(path.name, _BINARY)
    start = _text_start(head)
    if start[:11].upper() == b"BEGIN:VCARD" or by_name == FileFormat.VCF:
        return FileFormat.VCF
    if start[:1] in (b"{", b"[") and by_name in (None, FileFormat.JSONL, FileFormat.CSV):
        return FileFormat.JSONL
    if by_name == FileFormat.JSONL:
        raise ImportFileError(path.name, "not JSON: expected one object per line or an array of objects")
    if by_name is None:
        known = " ".join(sorted(_BY_SUFFIX))
        raise ImportFileError(path.name, f"unknown file type {path.suffix or '(no extension)'}; expected {known}")
    return by_name


def _text_start(head: bytes) -> bytes:
    """The first bytes of a text file without BOM and leading blank lines (UTF-16 made UTF-8)."""
    if head.startswith(_UTF16_BOMS):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    return head.removeprefix(_UTF8_BOM).lstrip(b" \t\r\n")


def _binary(head: bytes) -> bool:
    if head.startswith(_UTF16_BOMS):  # UTF-16 text is full of NULs but is text
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32 or b == 127)
    return control > len(head) * 0.05


# Western single-byte code pages look alike on short samples; exports from Western CRMs and
# Excel are Windows-1252, so any of these guesses reads as that.
_WESTERN = {
    "ascii", "latin_1", "iso8859_1", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_9", "iso8859_10",
    "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "cp1250", "cp1252", "cp1254", "cp1257",
    "cp437", "cp775", "cp850", "cp852", "cp858", "mac_latin2", "mac_roman", "mac_iceland", "mac_turkish",
}


def detect_encoding(sample: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, GB18030 for Chinese, else the best guess."""
    if sample.startswith(_UTF8_BOM):
        return "utf-8-sig"
    if sample.startswith(_UTF16_BOMS):
        return "utf-16"
    if _decodes(sample, "utf-8"):
        return "utf-8"
    if _looks_gb(sample):
        return "gb18030"  # a superset of GBK and GB2312
    best = from_bytes(sample).best()
    guess = best.encoding.lower() if best else "cp1252"
    if guess.startswith("gb") or guess == "hz":
        return "gb18030"
    return "cp1252" if guess in _WESTERN else guess


def _decodes(sample: bytes, encoding: str) -> bool:
    """Whether the sample decodes, allowing one character cut in half at its end."""
    try:
        sample.decode(encoding)
        return True
    except UnicodeDecodeError as exc:
        cut = exc.start
    if cut < len(sample) - 3:
        return False
    try:
        sample[:cut].decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def _looks_gb(sample: bytes) -> bool:
    """GBK/GB18030 Chinese: decodes, and nearly every character is a common (GB2312) one.

    charset-normalizer takes short GBK samples for Big5 or EUC-KR; text in those read as
    GBK decodes too, but mostly into rare characters outside GB2312.
    """
    if not _decodes(sample, "gb18030"):
        return False
    text = sample.decode("gb18030", errors="ignore")
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return False
    common = sum(1 for ch in wide if _encodes(ch, "gb2312"))
    return common >= 0.9 * len(wide)


def _encodes(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


def _encoding_sample(path: Path, prefix: bytes) -> bytes:
    """The bytes to guess the encoding from: the prefix, or the first non-ASCII stretch after it.

    An export can be plain ASCII for megabytes before its first "José" or "北京"; guessing
    from the prefix alone would call it UTF-8 and garble those names.
    """
    if not prefix.isascii() or len(prefix) < _PREFIX_BYTES:
        return prefix
    with path.open("rb") as fh:
        fh.seek(len(prefix))
        while block := fh.read(_SCAN_BLOCK):
            if not block.isascii():
                found = re.search(rb"[\x80-\xff]", block)
                start = found.start() if found else 0
                return block[start : start + 64 * 1024]  # everything before is ASCII: a clean boundary
    return prefix


# -- CSV / TSV ---------------------------------------------------------------------------

_SEP_LINE = re.compile(r"sep=(.)\s*$", re.IGNORECASE)  # Excel's hint line: "sep=;"


def sniff_delimiter(text: str) -> str:
    """The delimiter among , ; TAB | (csv.Sniffer, checked against the header, else by counting)."""
    lines = [line for line in text.splitlines()[:50] if line.strip()][:20]
    if not lines:
        return ","
    header = lines[0]
    try:
        found = csv.Sniffer().sniff("\n".join(lines), delimiters=_DELIMITERS).delimiter
    except csv.Error:
        found = ""
    if found and _count_outside_quotes(header, found):
        return found
    counts = {d: _count_outside_quotes(header, d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _count_outside_quotes(line: str, char: str) -> int:
    return sum(1 for i, part in enumerate(line.split('"')) if i % 2 == 0 for c in part if c == char)


def _read_csv(path: Path, *, fmt: FileFormat, encoding: str | None, chunk_rows: int, **_: Any) -> _Reader:
    with path.open("rb") as fh:
        prefix = fh.read(_PREFIX_BYTES)
    encoding = encoding or detect_encoding(_encoding_sample(path, prefix))
    text = prefix.decode(encoding, errors="replace").lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    skip = 0  # records before the header: blank lines and Excel's "sep=" line
    header_row = 1
    delimiter = "\t" if fmt == FileFormat.TSV else None
    while skip < len(lines) and not lines[skip].strip():
        skip += 1
        header_row += 1
    if skip < len(lines) and (hint := _SEP_LINE.match(lines[skip].strip())):
        delimiter = delimiter or hint[1]
        skip += 1  # Excel hides this line: it is no row of the sheet
    rest = "".join(lines[skip:])
    if not rest.strip():
        raise ImportFileError(path.name, "empty file")
    delimiter = delimiter or sniff_delimiter(rest)
    try:
        header = next(csv.reader(io.StringIO(rest), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportFileError(path.name, f"cannot read the CSV header: {exc}") from exc
    while header and not header[-1].strip():
        header.pop()  # a trailing delimiter makes no column
    columns = unique_columns(header)
    spares = unique_columns([""] * _SPARE_COLUMNS, start=len(columns), taken=columns)
    try:
        reader = pd.read_csv(
            path, sep=delimiter, encoding=encoding, encoding_errors="replace", dtype=object, na_filter=False,
            header=None, names=columns + spares, skiprows=skip + 1, index_col=False, skip_blank_lines=False,
            chunksize=chunk_rows, engine="c",
        )
    except (pd.errors.ParserError, ValueError, LookupError) as exc:
        raise ImportFileError(path.name, f"cannot read as CSV: {exc}") from exc
    well_quoted: bool | None = None
    with reader:
        yield None
        row = header_row + 1
        while True:
            try:
                frame = _next_frame(reader)
            except StopIteration:
                break
            except pd.errors.ParserError as exc:
                raise ImportFileError(path.name, f"malformed CSV: {exc}") from exc
            except pd.errors.ParserWarning as exc:
                raise ImportFileError(
                    path.name, f"malformed CSV: a row after row {row - 1} has more than "
                    f"{len(columns) + _SPARE_COLUMNS} cells (the header has {len(columns)})") from exc
            numbers = range(row, row + len(frame))
            row += len(frame)
            overflow = (frame[spares[-1]].astype(str) != "").to_numpy().nonzero()[0]
            if len(overflow):  # the sentinel column: cells may have been cut off silently
                raise ImportFileError(
                    path.name, f"malformed CSV: line {numbers[overflow[0]]} has more than "
                    f"{len(columns) + _SPARE_COLUMNS - 1} cells (the header has {len(columns)})")
            if (swallowed := _swallowed_rows(frame, columns, delimiter)) and well_quoted is None:
                well_quoted = _well_quoted(path, encoding, delimiter)  # once a file, only if it looks needed
            if swallowed and not well_quoted:
                frame[ERROR] = [swallowed.get(i) for i in range(len(frame))]
            chunk = _tidy(frame, numbers, optional=spares)
            if chunk is not None:
                yield chunk


def _well_quoted(path: Path, encoding: str, delimiter: str) -> bool:
    """True when every quoted field of the file closes where a field may end (Python's csv module,
    strict): a cell may then hold line breaks and delimiters on purpose."""
    try:
        with open(path, encoding=encoding, errors="replace", newline="") as handle:
            for _row in csv.reader(handle, delimiter=delimiter, strict=True):
                pass
    except csv.Error:
        return False
    return True


def _swallowed_rows(frame: pd.DataFrame, columns: list[str], delimiter: str) -> dict[int, str]:
    """The rows (by position, with the reason) whose quoted cell swallowed lines that look like
    rows of their own, as an unbalanced quote (a stray ") makes the parser read on to the next
    quote. Only a hint: a well-quoted file may hold such cells on purpose (see ``_well_quoted``)."""
    if len(columns) < 2:
        return {}
    bad: dict[int, str] = {}
    for column in frame.columns:
        cells = frame[column]
        multiline = cells.map(lambda v: isinstance(v, str) and ("\n" in v or "\r" in v))
        for index in multiline.to_numpy().nonzero()[0]:
            lines = str(cells.iloc[index]).splitlines()[1:]
            rowlike = sum(1 for line in lines if line.count(delimiter) >= len(columns) - 1)
            if rowlike and index not in bad:
                bad[index] = (f"unbalanced quote: column {column!r} runs over {len(lines)} more line(s), "
                              f"{rowlike} of them shaped like rows (a stray \" in the file?)")
    return bad


def _next_frame(reader: Any) -> pd.DataFrame:
    """The next chunk of a pandas CSV reader; pandas' warning that it dropped cells is raised instead.

    A row with more cells than there are column names is sometimes a ParserError and sometimes
    only a ParserWarning, after which pandas silently drops the row's extra cells.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        return next(reader)


# -- spreadsheets ------------------------------------------------------------------------


def check_archive(path: Path) -> None:
    """Refuse a ZIP archive whose parts would unpack too big or too far (a "zip bomb"),
    from the sizes in its directory, before anything is unpacked."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return  # not readable as a ZIP at all (or a ZIP version Python lacks): the reader reports it
    if len(members) > MAX_MEMBERS:
        raise ImportFileError(path.name, f"the archive has {len(members)} parts (at most {MAX_MEMBERS})")
    total = 0
    for member in members:
        size, packed = member.file_size, max(member.compress_size, 1)
        if size > MAX_MEMBER_BYTES:
            raise ImportFileError(path.name, f"part {member.filename} would unpack to {size:,} bytes "
                                  f"(at most {MAX_MEMBER_BYTES:,}): split the workbook or save it as CSV")
        if size > _RATIO_FROM and size / packed > MAX_RATIO:
            raise ImportFileError(path.name, f"part {member.filename} would unpack {size / packed:,.0f} times "
                                  f"its packed size (at most {MAX_RATIO}): not a real workbook (a zip bomb?)")
        total += size
    if total > MAX_ARCHIVE_BYTES:
        raise ImportFileError(path.name, f"the workbook would unpack to {total:,} bytes (at most "
                              f"{MAX_ARCHIVE_BYTES:,}): split it or save it as CSV")
    for member in members:
        if member.filename.endswith(".xml") and member.file_size > MAX_CELL_CHARS:
            _check_xml_text(path, member)


def _too_long_text(path: Path, member: zipfile.ZipInfo) -> ImportFileError:
    return ImportFileError(path.name, f"part {member.filename} holds more than {MAX_XML_TEXT:,} "
                           "bytes of text outside any tag: not a real workbook")


def _check_xml_text(path: Path, member: zipfile.ZipInfo) -> None:
    """Refuse a part whose text between tags no real workbook has (streamed, in linear time): a run
    longer than ``MAX_XML_TEXT``, a cell of more than ``MAX_CELL_CHARS`` characters (openpyxl would
    cut it without a word), or more than ``MAX_BLANK_BYTES`` of long blank runs (padding cut up by
    empty tags passes the first check but costs the XML parser minutes)."""
    carry = b""
    blank = 0
    try:
        with zipfile.ZipFile(path) as archive, archive.open(member) as part:
            while block := part.read(_SCAN_BLOCK):
                data = carry + block
                cut = data.rfind(b"<")
                done, carry = (data[:cut], data[cut:]) if cut >= 0 else (b"", data)
                if len(carry) > MAX_XML_TEXT:
                    raise _too_long_text(path, member)
                for run in _TEXT_RUN.findall(done):  # each ends where a tag starts
                    if len(run) <= MAX_CELL_CHARS:
                        blank += len(run) if len(run) >= 64 and not run.strip() else 0
                        continue
                    if len(run) > MAX_XML_TEXT:
                        raise _too_long_text(path, member)
                    text = run.strip()
                    if not text:
                        blank += len(run)
                    elif len(text) - len(_UTF8_CONTINUATION.findall(text)) > MAX_CELL_CHARS:
                        raise ImportFileError(path.name, f"a cell holds more than {MAX_CELL_CHARS:,} characters "
                                              "(the most a spreadsheet cell can hold): save the sheet as CSV")
                if blank > MAX_BLANK_BYTES:
                    raise ImportFileError(path.name, f"part {member.filename} holds more than {MAX_BLANK_BYTES:,} "
                                          "bytes of blank padding between tags: not a real workbook")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError):
        return  # unreadable: the reader reports it as broken


def _read_xlsx(path: Path, *, sheet: str | int | None, chunk_rows: int, **_: Any) -> _Reader:
    from openpyxl import load_workbook

    check_archive(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl fails in many ways on a broken zip; all mean the same
        raise ImportFileError(path.name, _xlsx_problem(path)) from exc
    try:
        name = _sheet_name(path, book.sheetnames, sheet)
        worksheet = book[name]
        worksheet.reset_dimensions()  # read-only mode trusts the stated size, which some writers get wrong
        rows = enumerate(worksheet.iter_rows(values_only=True), start=1)
        try:
            yield from _sheet_chunks(path, name, rows, chunk_rows)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ParseError, NotImplementedError) as exc:
            raise ImportFileError(path.name, _XLSX_BROKEN) from exc
    finally:
        book.close()


def _xlsx_problem(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                return "a ZIP archive, not an XLSX workbook: unzip it and import the files inside"
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        pass
    return _XLSX_BROKEN


def _read_xls(path: Path, *, sheet: str | int | None, chunk_rows: int, **_: Any) -> _Reader:
    import xlrd

    try:
        # xlrd prints its complaints about odd files to stdout unless given a log of its own
        book = xlrd.open_workbook(str(path), on_demand=True, logfile=io.StringIO())
    except Exception as exc:  # xlrd raises anything from XLRDError to struct.error on a broken file
        raise ImportFileError(path.name, _XLS_BROKEN) from exc
    try:
        name = _sheet_name(path, book.sheet_names(), sheet)
        try:
            worksheet = book.sheet_by_name(name)  # on demand: the sheet's records are parsed only now
        except Exception as exc:  # noqa: BLE001 - as above: IndexError, struct.error ... all mean "broken"
            raise ImportFileError(path.name, _XLS_BROKEN) from exc
        rows = ((r + 1, [_xls_value(c, book.datemode) for c in worksheet.row(r)]) for r in range(worksheet.nrows))
        yield from _sheet_chunks(path, name, rows, chunk_rows)
    finally:
        book.release_resources()


def _xls_value(cell: Any, datemode: int) -> Any:
    import xlrd

    kind, value = cell.ctype, cell.value
    if kind == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate.xldate_as_datetime(value, datemode)
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return value
        return moment.time() if 0 <= value < 1 else moment
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#ERROR")
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    return value


def _sheet_name(path: Path, names: list[str], sheet: str | int | None) -> str:
    if sheet is None:
        if not names:
            raise ImportFileError(path.name, "the workbook has no sheets")
        return names[0]
    if isinstance(sheet, int) and not isinstance(sheet, bool):
        if 0 <= sheet < len(names):
            return names[sheet]
    elif sheet in names:
        return sheet
    else:
        loose = [n for n in names if n.strip().casefold() == str(sheet).strip().casefold()]
        if len(loose) == 1:
            return loose[0]
    raise ImportFileError(path.name, f"no sheet {sheet!r}; sheets: {', '.join(names)}")


def _sheet_cells(path: Path, number: int, values: Iterable[Any]) -> list[str | None]:
    """The text of one sheet row, refused past Excel's own limits (columns, characters a cell)."""
    cells: list[str | None] = []
    for value in values:
        if len(cells) >= MAX_COLUMNS:
            raise ImportFileError(path.name, f"row {number} has more than {MAX_COLUMNS:,} cells")
        text = cell_text(value)
        if text is not None and len(text) > MAX_CELL_CHARS:
            raise ImportFileError(path.name, f"row {number} has a cell of {len(text):,} characters "
                                  f"(at most {MAX_CELL_CHARS:,})")
        cells.append(text)
    return cells


def _sheet_chunks(path: Path, name: str, rows: Iterator[tuple[int, Iterable[Any]]], chunk_rows: int) -> _Reader:
    header: list[str] | None = None
    for _number, values in rows:
        cells = _sheet_cells(path, _number, values)
        if any(cells):
            while cells[-1] is None:
                cells.pop()
            header = unique_columns(cells)
            break
    if header is None:
        raise ImportFileError(path.name, f"sheet {name!r} is empty")
    yield None
    batch: list[list[str | None]] = []
    numbers: list[int] = []
    in_batch = in_sheet = 0
    for number, values in rows:
        cells = _sheet_cells(path, number, values)
        if any(cells):
            batch.append(cells)
            numbers.append(number)
            in_batch += len(cells)
            in_sheet += len(cells)
            if in_sheet > MAX_CELLS:
                raise ImportFileError(path.name, f"sheet {name!r} has more than {MAX_CELLS:,} cells: "
                                      "split it or save it as CSV")
            if len(batch) >= chunk_rows or in_batch >= _CHUNK_CELLS:
                yield _sheet_frame(header, batch, numbers)
                batch, numbers, in_batch = [], [], 0
    if batch:
        yield _sheet_frame(header, batch, numbers)


def _sheet_frame(header: list[str], batch: list[list[str | None]], numbers: list[int]) -> Chunk:
    """A chunk of sheet rows; cells right of the header become "Column N" instead of being lost."""
    width = max([len(header)] + [max(i for i, v in enumerate(row) if v is not None) + 1 for row in batch])
    columns = header + unique_columns([""] * (width - len(header)), start=len(header), taken=header)
    rows = [(row + [None] * width)[:width] for row in batch]
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    frame[ROW] = numbers
    return Chunk(frame, numbers[0])


def cell_text(value: Any) -> str | None:
    """A spreadsheet cell as the text a person sees (whole numbers without ".0", ISO dates)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d") if value.time() == time(0) else value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, float):
        return _number_text(value)
    text = str(value).strip()
    return text or None


def _number_text(value: float) -> str | None:
    if math.isnan(value):
        return None
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


# -- vCard -------------------------------------------------------------------------------


def _read_vcf(path: Path, *, encoding: str | None, chunk_rows: int, **_: Any) -> _Reader:
    with path.open("rb") as fh:
        prefix = fh.read(_PREFIX_BYTES)
    encoding = encoding or detect_encoding(prefix)
    with path.open(encoding=encoding, errors="replace", newline="") as fh:
        cards = _vcards(fh)
        first = next(cards, None)
        if first is None:
            raise ImportFileError(path.name, "no vCard in the file (no BEGIN:VCARD line)")
        yield None
        batch: list[dict[str, Any]] = []
        for number, card, error in _chain(first, cards):
            batch.append({**_vcard_row(card, error), ROW: number})
            if len(batch) >= chunk_rows:
                yield _record_frame(batch, VCARD_COLUMNS)
                batch = []
        if batch:
            yield _record_frame(batch, VCARD_COLUMNS)


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def _vcards(lines: Iterable[str]) -> Iterator[tuple[int, str, str | None]]:
    """(ordinal, text, problem) of each BEGIN:VCARD ... END:VCARD block; text outside is ignored."""
    card: list[str] | None = None
    number = 0
    for line in lines:
        word = line.strip().upper()
        if word.startswith("BEGIN:VCARD"):
            if card is not None:
                yield number, "".join(card), "card is cut off (no END:VCARD before the next card)"
            number += 1
            card = [line]
        elif card is not None:
            card.append(line)
            if word.startswith("END:VCARD"):
                yield number, "".join(card), None
                card = None
    if card is not None:
        yield number, "".join(card), "card is cut off (no END:VCARD at the end of the file)"


def _vcard_row(card: str, problem: str | None) -> dict[str, str | None]:
    if problem:
        return {ERROR: f"unreadable vCard: {problem}"}
    try:
        fields = vcard_fields(card)
    except Exception as exc:  # noqa: BLE001 - vobject raises many kinds; one bad card must not stop the rest
        reason = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        return {ERROR: f"unreadable vCard: {reason}"}
    return fields or {ERROR: "empty vCard: no name, organisation, email or phone"}


def vcard_fields(card: str) -> dict[str, str | None]:
    """The canonical fields of one vCard (2.1 with quoted-printable, 3.0, 4.0); raises if unreadable."""
    import vobject

    component = vobject.readOne(_join_soft_breaks(card))
    out: dict[str, str | None] = {}

    def lines(name: str) -> list[Any]:
        return list(component.contents.get(name, []))

    def first(name: str) -> Any:
        found = lines(name)
        return found[0].value if found else None

    out["external_id"] = _text(first("uid"))
    out["name"] = _text(first("fn"))
    if (n := first("n")) is not None and hasattr(n, "family"):
        out["last_name"], out["first_name"] = _text(n.family), _text(n.given)
    elif n is not None:
        out["last_name"] = _text(n)
    if (org := first("org")) is not None:
        out["company_name"] = _text(org[0] if isinstance(org, list) and org else org)
    out["title"] = _text(first("title"))
    _numbered(out, "email", [_text(e.value) for e in lines("email")])
    phones: dict[str, list[str | None]] = {"phone": [], "mobile": [], "fax": []}
    for tel in lines("tel"):
        phones[_tel_kind(tel)].append(_text(str(tel.value).removeprefix("tel:")))
    for name, values in phones.items():
        _numbered(out, name, values)
    if (adr := first("adr")) is not None and hasattr(adr, "street"):
        out.update(street=_text(adr.street), city=_text(adr.city), region=_text(adr.region),
                   postcode=_text(adr.code), country=_text(adr.country))
    out["website"] = _text(first("url"))
    notes = [t for t in (_text(n.value) for n in lines("note")) if t]
    out["description"] = "\n".join(notes) or None
    return {k: v for k, v in out.items() if v}


def _tel_kind(tel: Any) -> str:
    types = {p.strip().lower() for value in tel.params.get("TYPE", []) for p in str(value).split(",")}
    types |= {str(p).lower() for p in tel.singletonparams}
    if types & {"cell", "mobile", "iphone"}:
        return "mobile"
    return "fax" if "fax" in types else "phone"


def _numbered(out: dict[str, str | None], name: str, values: list[str | None]) -> None:
    """The first value as ``name``, the others as ``name_2``, ``name_3`` ..."""
    for i, value in enumerate(v for v in values if v):
        out[name if i == 0 else f"{name}_{i + 1}"] = value


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = " ".join(str(v).strip() for v in value if v and str(v).strip())
    text = str(value).strip()
    return text or None


_QP_LINE = re.compile(r"^[^:]*QUOTED-PRINTABLE[^:]*:", re.IGNORECASE)


def _join_soft_breaks(card: str) -> str:
    """Join the soft line breaks ("=" at a line's end) of vCard 2.1 quoted-printable values.

    vobject decodes quoted-printable itself but reads each soft-broken line as a new property.
    """
    lines = card.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _QP_LINE.match(line):
            while line.endswith("=") and i + 1 < len(lines):
                i += 1
                line = line[:-1] + lines[i].lstrip(" \t")
        out.append(line)
        i += 1
    return "\r\n".join(out)


# -- JSON --------------------------------------------------------------------------------


def _read_json(path: Path, *, encoding: str | None, chunk_rows: int, **_: Any) -> _Reader:
    with path.open("rb") as fh:
        prefix = fh.read(_PREFIX_BYTES)
    encoding = encoding or detect_encoding(prefix)
    text = prefix.decode(encoding, errors="replace").lstrip("\ufeff \t\r\n")
    first_line = text.split("\n", 1)[0].strip()
    records = None
    if text.startswith("[") or (text.startswith("{") and not _json_value(first_line)):
        # an array, or an object over several lines; but a JSON-lines file whose first line is
        # broken reads as lines, with that line as a bad row
        records = _json_document(path, encoding, strict=text.startswith("[") or first_line == "{")
    if records is not None:
        yield None
        yield from _json_chunks(records, chunk_rows)
        return
    with path.open(encoding=encoding, errors="replace") as fh:
        yield None
        yield from _json_chunks(_json_lines(fh), chunk_rows)


def _json_value(line: str) -> bool:
    try:
        json.loads(line)
        return True
    except (ValueError, RecursionError):
        return False


def _json_document(path: Path, encoding: str, *, strict: bool) -> Iterator[tuple[int, Any]] | None:
    """The records of a whole JSON document: an array, an object holding one array, or one object.

    None when the text is no JSON document and ``strict`` is false (it may be JSON lines).
    """
    try:
        data = json.loads(path.read_text(encoding, errors="replace").lstrip("\ufeff"))
    except (ValueError, RecursionError) as exc:
        if not strict:
            return None
        raise ImportFileError(path.name, f"not valid JSON: {_too_deep(exc) or exc}") from exc
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(i, dict) for i in v)]
        data = lists[0] if len(lists) == 1 else [data]
    if not isinstance(data, list):
        raise ImportFileError(path.name, "not a JSON array of objects")
    return iter(enumerate(data, start=1))


def _json_lines(lines: Iterable[str]) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            try:
                yield number, json.loads(line)
            except (ValueError, RecursionError) as exc:
                yield number, {ERROR: f"not valid JSON: {_too_deep(exc) or getattr(exc, 'msg', exc)}"}


def _too_deep(exc: Exception) -> str | None:
    """The parser's RecursionError said in words a person understands."""
    return "nested too deeply" if isinstance(exc, RecursionError) else None


def _json_chunks(records: Iterator[tuple[int, Any]], chunk_rows: int) -> Iterator[Chunk]:
    names: dict[str, str] = {}  # key in the file -> column; columns only grow from chunk to chunk
    batch: list[dict[str, Any]] = []
    for number, record in records:
        if not isinstance(record, dict):
            record = {ERROR: "a JSON value that is not an object"}
        row: dict[str, Any] = {}
        for key, value in _flatten(record).items():
            if key == ERROR:
                row[ERROR] = value
                continue
            if key not in names:
                names[key] = unique_columns([key], taken=list(names.values()))[0]
            row[names[key]] = _json_text(value)
        if not any(v is not None for v in row.values()):
            continue  # {} or only nulls: a blank row
        row[ROW] = number
        batch.append(row)
        if len(batch) >= chunk_rows:
            yield _record_frame(batch, tuple(names.values()))
            batch = []
    if batch:
        yield _record_frame(batch, tuple(names.values()))


def _flatten(record: dict[str, Any]) -> dict[str, Any]:
    """Nested objects as dotted keys ({"a": {"b": 1}} -> {"a.b": 1}), without recursion (any depth)."""
    flat: dict[str, Any] = {}
    stack: list[tuple[str, Iterator[tuple[Any, Any]]]] = [("", iter(record.items()))]
    while stack:
        prefix, items = stack[-1]
        for key, value in items:
            name = f"{prefix}{key}"
            if isinstance(value, dict):
                stack.append((f"{name}.", iter(value.items())))
                break
            flat[name] = value
        else:
            stack.pop()
    return flat


def _json_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _number_text(value) if abs(value) != float("inf") else None
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False) if value else None
    return str(value).strip() or None


# -- shared ------------------------------------------------------------------------------


def unique_columns(columns: Iterable[Any], *, start: int = 0, taken: Iterable[str] = ()) -> list[str]:
    """Header names stripped of BOM and spaces; a blank one is "Column N", a repeat gets " (2)".

    A suffix never takes a name that another header of the file already has.
    """
    bases = [str(c if c is not None else "").replace("\ufeff", "").strip() or f"Column {i + 1}"
             for i, c in enumerate(columns, start=start)]
    used = set(taken)
    reserved = used | set(bases)
    out = []
    for base in bases:
        name, n = base, 1
        while name in used or (n > 1 and name in reserved):
            n += 1
            name = f"{base} ({n})"
        used.add(name)
        out.append(name)
    return out


def _tidy(frame: pd.DataFrame, numbers: range, *, optional: list[str]) -> Chunk | None:
    """Strip cells, blanks to None, drop blank rows and empty spare columns, number the rows."""
    spare = set(optional)
    data: dict[str, list[str | None]] = {}
    for column in frame.columns:
        if column in spare:
            cells = frame[column]
            if (cells.isna() | (cells == "")).all():  # an empty spare column, seen without a Python loop
                continue
        # a plain comprehension is several times faster than the .str accessor on object columns,
        # and a text column is stripped once per distinct cell
        values = frame[column].tolist()
        if set(map(type, values)) == {str}:
            stripped = {v: v.strip() or None for v in dict.fromkeys(values)}
            values = list(map(stripped.__getitem__, values))
        else:
            values = [(v.strip() or None) if isinstance(v, str) else None for v in values]
        if column not in spare or values.count(None) < len(values):
            data[column] = values
    frame = pd.DataFrame(data, dtype=object)
    frame[ROW] = list(numbers)
    keep = frame.drop(columns=[ROW]).notna().any(axis=1)
    frame = frame[keep].reset_index(drop=True)
    return Chunk(frame, int(frame[ROW].iloc[0]), tidy=True) if len(frame) else None


def _record_frame(batch: list[dict[str, Any]], columns: tuple[str, ...]) -> Chunk:
    """A chunk from row dicts: every known column (None where a record lacks it), then extras."""
    order = list(columns)
    seen = set(order)
    for row in batch:
        for key in row:
            if key not in seen and key not in (ROW, ERROR):
                seen.add(key)
                order.append(key)
    if any(row.get(ERROR) for row in batch):
        order.append(ERROR)
    order.append(ROW)
    frame = pd.DataFrame([[row.get(c) for c in order] for row in batch], columns=order, dtype=object)
    frame[ROW] = frame[ROW].astype(int)
    return Chunk(frame, int(frame[ROW].iloc[0]))
