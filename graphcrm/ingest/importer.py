"""Import files into the graph: read → map → prepare → write, in batches.

Every file is opened and mapped before anything is written, so a file that
cannot be read changes nothing. Each chunk of rows is one transaction: a
failure rolls back that chunk, and running the import again finishes the job
(ids are deterministic, so nothing is created twice).
"""

from __future__ import annotations

import gc
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, nullcontext
from functools import partial
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from graphcrm.ingest.columnar import PEOPLE, PeopleChunk, prepare_people, row_hashes
from graphcrm.ingest.errors import ImportFileError
from graphcrm.ingest.fields import Kind
from graphcrm.ingest.normalise.columns import datetime_column
from graphcrm.ingest.normalise.phone import phone_region
from graphcrm.ingest.mapping import IGNORE, ColumnMapping, apply_mapping, choose_columns, chosen_fields, infer_mapping
from graphcrm.ingest.prepare import Context, Prepared, RowRejected, prepare
from graphcrm.ingest.read import ROW, Chunk, read_file
from graphcrm.ingest.region import SAMPLE_ROWS, detect_region
from graphcrm.ingest.touches import TouchImport, TouchRejects, prepare_touches, resolve_people, write_touches
from graphcrm.ingest.report import ImportReport, Reject, Repeated, write_rejects
from graphcrm.ingest.sources import SourceMatcher
from graphcrm.ingest.write import GraphWriter, Repeat
from graphcrm.ingest.write_people import write_people
from graphcrm.manage.scores import rescore_leads
from graphcrm.store import Store
from graphcrm.store.base import dumps
from graphcrm.clock import utc_now

Progress = Callable[[int], None]


@dataclass
class ImportOptions:
    """How to read and map the files of one import."""

    kind: Kind | None = None
    source_system: str | None = None
    mapping_file: Path | None = None
    overrides: dict[str, str] = field(default_factory=dict)
    region: str | None = None  # default phone region; None: from the file's script (CN for Chinese, else US)
    sheet: str | int | None = None
    dry_run: bool = False
    chunk_rows: int = 20_000  # rows read and written at a time; larger COPY appends risk LadybugDB issue #583
    transaction_rows: int | None = None  # rows per transaction; None: a chunk, touchpoints TOUCH_TRANSACTION_ROWS
    rejects_path: Path | None = None  # where to write rejected rows; "{batch}" is replaced by the batch id
    columnar: bool = True  # leads and contacts column by column (False: row by row through prepare())
    # file name -> column -> field chosen for it (mapping.IGNORE: left out; "": kept as an extra property)
    columns: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class _Planned:
    path: Path
    mapping: ColumnMapping
    chunks: Iterator[Chunk]
    first: Chunk
    region: str = "US"
    region_detected: bool = False


def import_files(
    store: Store,
    paths: list[Path],
    options: ImportOptions | None = None,
    *,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ImportReport:
    """Import ``paths`` as one batch and return what happened.

    Raises ImportFileError (nothing written) when a file cannot be read or mapped, and
    ValueError (nothing read or written) for an unknown ``options.region``.
    """
    options = options or ImportOptions()
    if options.region:
        phone_region(options.region)  # an unknown region fails before anything is read
    started = time.perf_counter()
    now = now or utc_now()
    batch_id = f"imp-{now:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"
    plans: list[_Planned] = []
    try:
        for path in paths:
            plans.append(_plan(Path(path), options))
    except BaseException:
        _close(plans)
        raise
    report = ImportReport(
        batch_id=batch_id,
        files=[p.path.name for p in plans],
        kinds=sorted({p.mapping.kind.value for p in plans}),
        source_systems=sorted({p.mapping.source_system for p in plans}),
        dry_run=options.dry_run,
    )
    for plan in plans:
        report.mappings[plan.path.name] = dict(plan.mapping.fields)
        report.regions[plan.path.name] = plan.region
        if plan.region_detected:
            report.detected_regions.append(plan.path.name)
        if plan.mapping.unmapped:
            report.unmapped[plan.path.name] = plan.mapping.unmapped
        if plan.mapping.ignored:
            report.ignored[plan.path.name] = plan.mapping.ignored
        report.file_kinds[plan.path.name] = plan.mapping.kind.value
        report.samples[plan.path.name] = plan.mapping.samples
    if not options.dry_run:
        store.write("ingest/batch_start", id=batch_id, kind=",".join(report.kinds), files=dumps(report.files),
                    source_system=",".join(report.source_systems), counts=dumps({}), now=now)
    writer = GraphWriter(store, batch_id, report, now=now, dry_run=options.dry_run)
    sources = SourceMatcher()
    touch_state = TouchImport(batch_id)
    seen: dict[str, tuple[str, int]] = {}
    status = "failed"
    # Millions of short-lived row dicts make the cyclic GC walk the whole heap again and
    # again; nothing here builds cycles, so it pauses until the import ends.
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        sources = SourceMatcher.from_store(store)  # once, before this import writes any: preview == import
        for plan in plans:
            ctx = Context(plan.mapping.source_system, plan.region, now, sources=sources)
            chunks = _all_chunks(plan)
            limit = 1  # a file that creates nodes commits each chunk (see TOUCH_TRANSACTION_ROWS)
            if plan.mapping.kind == Kind.TOUCHPOINTS:
                limit = options.transaction_rows or TOUCH_TRANSACTION_ROWS
                chunks = _merged(chunks, min(TOUCH_CHUNK_ROWS, limit))
            prepare_next = partial(_prepare_chunk, plan=plan, ctx=ctx, options=options, state=touch_state)
            with closing(prepared_ahead(chunks, prepare_next)) as ready:  # closed before the readers are
                chunk = next(ready, None)
                while chunk is not None:
                    # one transaction for up to ``limit`` rows, however many chunks that takes; the
                    # progress reaches the end of a transaction only once it is committed
                    with nullcontext() if options.dry_run else store.transaction():
                        if not options.dry_run:
                            store.lock("import")  # a concurrent import of the same rows waits, then finds them
                        rows = 0
                        while True:
                            _load_chunk(store, writer, report, plan, chunk, seen, options, touch_state)
                            rows += chunk.rows
                            last = chunk.rows
                            chunk = next(ready, None)
                            if chunk is None or rows >= limit:
                                break
                            if progress:
                                progress(last)
                    if progress:
                        progress(last)
        if not options.dry_run:  # the batch's leads, touches and follow-ups change scores: their leads get theirs
            rescore_leads(store, [r["id"] for r in store.read("manage/leads_of_batch", batch=batch_id)], now=now)
        status = "done"
    finally:
        if gc_was_on:
            gc.enable()
        _close(plans)
        report.seconds = time.perf_counter() - started
        report.source_aliases = dict(sources.matched)
        report.warnings.extend(sources.warnings())
        if report.rejects and options.rejects_path is not None:
            target = Path(str(options.rejects_path).replace("{batch}", batch_id))
            write_rejects(report.rejects, target)
            report.rejects_file = str(target)
        if not options.dry_run:
            store.write("ingest/batch_update", id=batch_id, status=status, counts=dumps(report.counts_json()), now=now)
    return report


def _plan(path: Path, options: ImportOptions) -> _Planned:
    """Open a file and map its columns; any problem is an ImportFileError before writing."""
    if not path.exists():
        raise ImportFileError(str(path), "no such file")
    chunk_rows = min(options.chunk_rows, options.transaction_rows or options.chunk_rows)
    chunks = read_file(path, sheet=options.sheet, chunk_rows=chunk_rows)
    first = next(chunks, None)
    if first is None:
        raise ImportFileError(str(path), "no data rows (only a header, or nothing at all)")
    columns = [c for c in first.frame.columns if not c.startswith("__")]
    choices = options.columns.get(path.name, {})
    try:
        chosen = chosen_fields(choices)
        mapping = infer_mapping(columns, kind=options.kind, overrides={**options.overrides, **chosen} or None,
                                mapping_file=options.mapping_file)
        choose_columns(mapping, columns, {c: f for c, f in choices.items() if f == IGNORE})
    except ValueError as exc:
        close = getattr(chunks, "close", None)
        if close:
            close()
        raise ImportFileError(str(path), str(exc), unmapped=samples(first, columns)) from exc
    if options.source_system:
        mapping.source_system = options.source_system
    mapping.samples = samples(first, [*mapping.unmapped, *choices])
    if options.region:
        return _Planned(path, mapping, chunks, first, phone_region(options.region))
    sample = first.frame.head(SAMPLE_ROWS)
    cells = {field: sample[column].tolist() for column, field in mapping.fields.items() if column in sample.columns}
    return _Planned(path, mapping, chunks, first, detect_region(columns, cells), region_detected=True)


SAMPLES = 3  # values shown of a column whose field a person chooses


def samples(chunk: Chunk, columns: list[str]) -> dict[str, list[str]]:
    """A few distinct non-blank values of each column, for a person choosing its field."""
    out: dict[str, list[str]] = {}
    for column in dict.fromkeys(columns):
        if column not in chunk.frame.columns:
            continue
        values = [str(v).strip() for v in chunk.frame[column].head(SAMPLE_ROWS).tolist()
                  if v is not None and v == v and str(v).strip()]
        out[column] = list(dict.fromkeys(values))[:SAMPLES]
    return out


def _close(plans: list[_Planned]) -> None:
    """Close the file readers (a generator's close() runs its ``with`` exits)."""
    for plan in plans:
        close = getattr(plan.chunks, "close", None)
        if close:
            close()


# Touchpoint files create no nodes, so LadybugDB's node-index issue does not limit them, and
# fewer, larger transactions mean fewer lookups of each lead's earlier touches.
TOUCH_CHUNK_ROWS = 100_000
# Every LadybugDB commit checkpoints, rewriting the tables the transaction appended to, so a
# commit costs more the bigger the table (100,000-touch commits: 0.3, 1.1, 1.4, 1.7, 2.0 s as the
# table grew). Touchpoint files, which only add relationships, commit every 250,000 rows: 500,000
# were 5 s faster on a million but took the benchmark's peak memory to 1.6 GB. Files that create
# nodes commit each chunk: rolling back a transaction that appended to a node table twice left
# LadybugDB 0.22's primary-key index pointing at rows that were gone ("Index contains an invalid
# node offset").
TOUCH_TRANSACTION_ROWS = 250_000


def _merged(chunks: Iterator[Chunk], rows: int) -> Iterator[Chunk]:
    """Consecutive chunks joined into ones of about ``rows`` rows."""
    pending: list[Chunk] = []
    size = 0
    for chunk in chunks:
        pending.append(chunk)
        size += len(chunk.frame)
        if size >= rows:
            yield _joined(pending)
            pending, size = [], 0
    if pending:
        yield _joined(pending)


def _joined(chunks: list[Chunk]) -> Chunk:
    """One chunk of consecutive ones; still tidy if all were and had the same columns (else NaN fills gaps)."""
    columns = list(chunks[0].frame.columns)
    tidy = all(c.tidy and list(c.frame.columns) == columns for c in chunks)
    return Chunk(pd.concat([c.frame for c in chunks], ignore_index=True), chunks[0].first_row, tidy=tidy)


def _all_chunks(plan: _Planned) -> Iterator[Chunk]:
    yield plan.first
    yield from plan.chunks


@dataclass
class _Ready:
    """A chunk read, mapped and prepared: everything before the first write."""

    chunk: Chunk
    frame: pd.DataFrame  # mapped to canonical fields
    ctx: Context
    people: PeopleChunk | None = None  # leads and contacts, column by column
    touches: tuple[pd.DataFrame, TouchRejects] | None = None

    @property
    def rows(self) -> int:
        return len(self.chunk.frame)


def prepared_ahead(chunks: Iterator[Chunk], prepare_chunk: Callable[[Chunk], _Ready]) -> Iterator[_Ready]:
    """``prepare_chunk`` of each chunk, the next one read and prepared in a second thread meanwhile.

    Preparing reads no graph, and the database does its work with Python's lock released, so on two
    cores one chunk is normalised while the one before it is written (the import's two halves
    overlap instead of taking turns). Order is kept; an error raises where its chunk would be.
    """
    def step() -> _Ready | None:
        chunk = next(chunks, None)
        return None if chunk is None else prepare_chunk(chunk)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-prepare") as pool:
        ahead = pool.submit(step)
        while (ready := ahead.result()) is not None:
            ahead = pool.submit(step)
            yield ready


def _prepare_chunk(chunk: Chunk, *, plan: _Planned, ctx: Context, options: ImportOptions,
                   state: TouchImport) -> _Ready:
    """Map and normalise a chunk; no store is touched, so it can run beside the writes."""
    frame = apply_mapping(chunk.frame, plan.mapping, tidy=chunk.tidy)
    if plan.mapping.kind == Kind.TOUCHPOINTS:
        return _Ready(chunk, frame, ctx, touches=prepare_touches(frame, ctx.source_system, state))
    for column in DATE_FIELDS & set(frame.columns):
        frame[column] = datetime_column(frame[column])
    if options.columnar and plan.mapping.kind in PEOPLE:
        people = prepare_people(plan.mapping.kind, frame, ctx)
        people.props["row_hash"] = row_hashes(people)  # redone by write_people if a link is dropped
        return _Ready(chunk, frame, ctx, people=people)
    return _Ready(chunk, frame, ctx)


def _load_chunk(
    store: Store,
    writer: GraphWriter,
    report: ImportReport,
    plan: _Planned,
    ready: _Ready,
    seen: dict[str, tuple[str, int]],
    options: ImportOptions,
    touch_state: TouchImport,
) -> None:
    dry_run = options.dry_run
    chunk, frame, name = ready.chunk, ready.frame, plan.path.name
    if ready.touches is not None:
        _load_touches(store, writer, report, name, chunk, ready.touches, dry_run, touch_state)
        return
    if ready.people is not None:
        _load_people(store, writer, report, name, chunk, ready.people, seen, dry_run)
        return
    ctx = ready.ctx
    records: list[Prepared] = []
    for raw, row in zip(chunk.frame.to_dict("records"), frame.to_dict("records"), strict=True):
        report.rows += 1
        number = int(row[ROW])
        try:
            item = prepare(plan.mapping.kind, row, ctx)
        except RowRejected as exc:
            report.reject(Reject(name, number, exc.column, exc.reason, _values(raw)))
            continue
        item.row = number
        if duplicate := _seen_before(seen, f"{item.label}:{item.id}", name, number):
            report.reject(Reject(name, number, None, duplicate, _values(raw)))
            continue
        report.warnings.extend(f"{name} row {number}: {w}" for w in item.warnings)
        records.append(item)
    with store.transaction() if not dry_run else nullcontext():
        if records:
            outcome = writer.write_records(records)
            report.loaded += len(outcome.created) + len(outcome.updated)
            report.unchanged += len(outcome.unchanged)
            report.repeated.extend(_repeated(name, outcome.repeats))
    if not dry_run:
        writer.verify()


def _load_people(
    store: Store,
    writer: GraphWriter,
    report: ImportReport,
    name: str,
    chunk: Chunk,
    people: PeopleChunk,
    seen: dict[str, tuple[str, int]],
    dry_run: bool,
) -> None:
    """Leads or contacts, column by column: the same outcome as the row loop of ``_load_chunk``."""
    report.rows += len(chunk.frame)
    rejects = dict(people.rejects)
    keep = []
    for row, node_id, warnings in zip(people.rows, people.ids, people.warnings, strict=True):
        duplicate = _seen_before(seen, f"{people.label}:{node_id}", name, row)
        if duplicate:
            rejects[row] = (None, duplicate)
        else:
            report.warnings.extend(f"{name} row {row}: {w}" for w in warnings)
        keep.append(not duplicate)
    if rejects:
        raw = chunk.frame.set_index(ROW, drop=False)
        for row, (column, reason) in sorted(rejects.items()):
            report.reject(Reject(name, row, column, reason, _values(raw.loc[row].to_dict())))
        people = people.take(keep)
    with store.transaction() if not dry_run else nullcontext():
        counts = write_people(writer, people)
    report.loaded += counts.created + counts.updated
    report.unchanged += counts.unchanged
    report.repeated.extend(_repeated(name, counts.repeats))
    if not dry_run:
        writer.verify()


def _load_touches(
    store: Store,
    writer: GraphWriter,
    report: ImportReport,
    name: str,
    chunk: Chunk,
    prepared: tuple[pd.DataFrame, TouchRejects],
    dry_run: bool,
    state: TouchImport,
) -> None:
    report.rows += len(chunk.frame)
    touches, rejects = prepared
    with store.transaction() if not dry_run else nullcontext():
        touches = resolve_people(store, touches, rejects, state, writer.planned)
        fresh, earlier = state.seen.first_seen(touches["key"].tolist(), touches["row"].tolist(), name)
        for i, first in earlier.items():
            rejects.add(int(touches["row"].iat[i]), None, _same_as(first, name))
        created, updated, unchanged = write_touches(
            # a boolean mask, not a list: ``frame[[]]`` would select no *columns* when nothing is left
            store, touches[pd.Series(fresh, index=touches.index, dtype=bool)], batch_id=writer.batch_id,
            now=writer.now, dry_run=dry_run, state=state)
    report.created["TOUCHED_BY"] += created
    report.updated["TOUCHED_BY"] += updated
    report.loaded += created + updated
    report.unchanged += unchanged
    if rejects.rows:
        raw = chunk.frame.set_index(ROW, drop=False)
        for row, (column, reason) in sorted(rejects.rows.items()):
            report.reject(Reject(name, row, column, reason, _values(raw.loc[row].to_dict())))


def _repeated(name: str, repeats: list[Repeat]) -> list[Repeated]:
    return [Repeated(name, r.row, r.field, r.value, r.label, r.id, r.name)
            for r in sorted(repeats, key=lambda r: (r.row, r.field, r.value, r.id))]


def _seen_before(seen: dict[str, tuple[str, int]], identity: str, name: str, row: int) -> str | None:
    """The reason to reject a record this import already had, or None (and remember it)."""
    if identity in seen:
        return _same_as(seen[identity], name)
    seen[identity] = (name, row)
    return None


def _same_as(first: tuple[str, int], name: str) -> str:
    first_file, first_row = first
    return f"same record as row {first_row}" if first_file == name else f"same record as {first_file} row {first_row}"


DATE_FIELDS = {"created_at", "last_activity_at", "at", "responded_at", "next_at"}


def _values(raw: dict[str, Any]) -> dict[str, Any]:
    """A rejected row's own cells, for the reject report."""
    return {k: v for k, v in raw.items() if not str(k).startswith("__")}
