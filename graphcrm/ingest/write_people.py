"""Write a ``PeopleChunk`` (leads or contacts as columns) with the rules of ``GraphWriter.write_records``.

New records go in as DataFrames straight from the columns (one COPY per table);
shared nodes are created once per distinct id; records whose row hash changed
are turned into ``Prepared`` and updated by the writer's own update path (with
Revisions for undo), so the two paths leave the same graph behind.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from graphcrm.ingest.columnar import LinkColumn, PeopleChunk, row_hashes
from graphcrm.ingest.prepare import NodeRef
from graphcrm.ingest.write import GraphWriter, Repeat


@dataclass
class Counts:
    """How many records of a chunk were created, updated and left unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    repeats: list[Repeat] = field(default_factory=list)  # new records sharing an email or phone with existing ones


def write_people(writer: GraphWriter, chunk: PeopleChunk) -> Counts:
    """Create, update or skip every record of the chunk, with its links and shared nodes."""
    counts = Counts()
    if not len(chunk):
        return counts
    label = chunk.label
    if _resolve_must_exist(writer, chunk) or "row_hash" not in chunk.props:  # else hashed while being prepared
        chunk.props["row_hash"] = row_hashes(chunk)
    hashes = chunk.props["row_hash"]
    maybe = writer.possibly_existing(label, chunk.ids)
    found = {row["id"]: row["row_hash"] for row in writer.store.read("ingest/row_hashes", label=label, ids=maybe)} \
        if maybe else {}
    is_new = [i not in found for i in chunk.ids]
    is_changed = [(i in found and found[i] != h) for i, h in zip(chunk.ids, hashes, strict=True)]
    new = chunk.take(is_new)
    changed = chunk.take(is_changed)
    counts.created, counts.updated = len(new), len(changed)
    counts.unchanged = len(chunk) - counts.created - counts.updated
    present = writer._ensure_shared(_shared_refs([new, changed]))
    counts.repeats = writer.repeated_identities(label, _identities(new), present)
    if len(new):
        _create(writer, new)
    if len(changed):
        records = [changed.prepared(i) for i in range(len(changed))]
        before = {row["id"]: row["node"] for row in writer.store.read("ingest/nodes_by_id", label=label,
                                                                      ids=changed.ids)}
        writer._update(label, records, before)
    writer.report.created[label] += counts.created
    writer.report.updated[label] += counts.updated
    return counts


def _resolve_must_exist(writer: GraphWriter, chunk: PeopleChunk) -> bool:
    """Drop links to nodes that must already exist but don't (``GraphWriter._resolve_must_exist``);
    say whether any was dropped."""
    dropped = False
    for column in chunk.links:
        if not column.must_exist:
            continue
        wanted = sorted({i for i in column.ids if i is not None})
        if not wanted:
            continue
        present = writer.existing(column.label, wanted)
        for n, other in enumerate(column.ids):
            if other is not None and other not in present:
                writer.report.warnings.append(
                    f"row {chunk.rows[n]}: {column.rel} target {column.label} not in the graph; link skipped")
                column.ids[n] = None
                dropped = True
    return dropped


def _identities(chunk: PeopleChunk) -> list[tuple[int, str, str, str]]:
    """(row, field, label, id) of every Email and Phone a chunk's records link to."""
    found = []
    phone, mobile = chunk.props["phone"], chunk.props["mobile"]
    for column in chunk.links:
        if column.label not in ("Email", "Phone"):
            continue
        for n, other in enumerate(column.ids):
            if other is None:
                continue
            field_name = "email" if column.label == "Email" else \
                "mobile" if mobile[n] == other and phone[n] != other else "phone"
            found.append((chunk.rows[n], field_name, column.label, other))
    return found


def _shared_refs(chunks: list[PeopleChunk]) -> list[NodeRef]:
    """The distinct shared nodes the records link to, each with the props of its first mention.

    Labels come in the order a row-by-row walk first meets them, as ``_ensure_shared`` expects.
    """
    first_seen: dict[str, tuple[int, int]] = {}
    refs: dict[str, dict[str, NodeRef]] = defaultdict(dict)
    offset = 0
    for chunk in chunks:
        for slot, column in enumerate(chunk.links):
            if column.must_exist:
                continue
            by_id = refs[column.label]
            for n, other in enumerate(column.ids):
                if other is None:
                    continue
                position = (offset + n, slot)
                if column.label not in first_seen or position < first_seen[column.label]:
                    first_seen[column.label] = position
                if other not in by_id:
                    by_id[other] = NodeRef(column.label, other, column.node_props[n] if column.node_props else ())
        offset += len(chunk)
    return [ref for label in sorted(first_seen, key=first_seen.__getitem__) for ref in refs[label].values()]


def _create(writer: GraphWriter, chunk: PeopleChunk) -> None:
    now = writer.now
    columns: dict[str, list[Any]] = {name: values for name, values in chunk.props.items()
                                     if any(v is not None for v in values)}
    columns["created_at"] = [c if c is not None else now for c in chunk.props["created_at"]]
    columns.update(id=chunk.ids, batch_id=[writer.batch_id] * len(chunk), updated_at=[now] * len(chunk))
    if not writer.dry_run:
        writer.store.bulk_create_nodes(chunk.label, pd.DataFrame(columns, dtype=object))
    writer.remember_created(chunk.label, chunk.ids)
    groups: dict[tuple[str, str, str], list[pd.DataFrame]] = defaultdict(list)
    for column in chunk.links:
        frame = _link_frame(writer, chunk, column)
        if frame is None:
            continue
        ends = (chunk.label, column.label) if column.outgoing else (column.label, chunk.label)
        groups[(column.rel, *ends)].append(frame)
    if writer.dry_run:
        return
    for (rel, a, b), frames in groups.items():
        writer.store.bulk_create_rels(rel, a, b, pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0])


def _link_frame(writer: GraphWriter, chunk: PeopleChunk, column: LinkColumn) -> pd.DataFrame | None:
    """The relationships of one link slot: from, to, batch_id, created_at and the link's own props."""
    present = [n for n, other in enumerate(column.ids) if other is not None]
    if not present:
        return None
    mine = [chunk.ids[n] for n in present]
    theirs = [column.ids[n] for n in present]
    data: dict[str, Any] = {"from": mine if column.outgoing else theirs, "to": theirs if column.outgoing else mine,
                            "batch_id": writer.batch_id, "created_at": writer.now}
    if column.link_props:
        allowed = writer.model.rels[column.rel].properties
        names = sorted({k for n in present for k, _ in column.link_props[n] if k in allowed})
        for name in names:
            data[name] = [dict(column.link_props[n]).get(name) for n in present]
    return pd.DataFrame(data)
