"""Write prepared records into the graph, one chunk per transaction.

For each chunk: look the records up by id; new ones are bulk-created (COPY on
LadybugDB), changed ones are updated with a Revision kept for undo, unchanged
ones are counted and left alone. Shared nodes (Company, Email, Phone, Domain,
Source, Rep) are created when missing and otherwise linked to.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd

from graphcrm.ingest.keys import digest
from graphcrm.ingest.prepare import Link, NodeRef, Prepared
from graphcrm.ingest.report import ImportReport
from graphcrm.store import Store, StoreError

SET_QUERY = {
    "Lead": "ingest/set_person",
    "Contact": "ingest/set_person",
    "Company": "ingest/set_company",
    "Campaign": "ingest/set_campaign",
    "Rep": "ingest/set_rep",
    "Opportunity": "ingest/set_opportunity",
    "Activity": "ingest/set_activity",
}
# Relationship types an import of a label owns: an update may replace them, undo restores them.
MANAGED: dict[str, dict[str, bool]] = {  # rel -> outgoing?
    "Lead": {"WORKS_AT": True, "HAS_EMAIL": True, "HAS_PHONE": True, "HAS_DOMAIN": True,
             "FROM_SOURCE": True, "REFERRED_BY": True, "OWNS": False},
    "Company": {"HAS_DOMAIN": True, "HAS_PHONE": True, "OWNS": False},
    "Campaign": {"ON_CHANNEL": True},
    "Rep": {},
    "Opportunity": {"FOR_COMPANY": True, "OWNS": False, "CONVERTED_TO": False},
    "Activity": {"ABOUT": True, "LOGGED": False},
}
MANAGED["Contact"] = MANAGED["Lead"]
BOOKKEEPING = ("batch_id", "row_hash", "created_at", "updated_at")
PEOPLE_LABELS = ("Lead", "Contact")
IDENTITY_RELS = {"Email": "HAS_EMAIL", "Phone": "HAS_PHONE"}
MAX_OWNERS = 3  # existing records named per repeated email or phone


@dataclass(frozen=True)
class Repeat:
    """A row that would create a record sharing an email or phone with an existing lead or contact."""

    row: int
    field: str  # email, phone or mobile
    value: str
    label: str  # the existing record's
    id: str
    name: str | None


@dataclass
class Outcome:
    """Which records of a chunk were created, updated or unchanged."""

    created: list[Prepared] = field(default_factory=list)
    updated: list[Prepared] = field(default_factory=list)
    unchanged: list[Prepared] = field(default_factory=list)
    repeats: list[Repeat] = field(default_factory=list)  # new records sharing an email or phone with existing ones


class GraphWriter:
    """Writes chunks of one import batch (or, dry-run, only works out what it would do)."""

    def __init__(self, store: Store, batch_id: str, report: ImportReport, *, now: datetime, dry_run: bool) -> None:
        self.store = store
        self.batch_id = batch_id
        self.report = report
        self.now = now
        self.dry_run = dry_run
        self.model = store.model
        self.created_ids: dict[str, list[str]] = defaultdict(list)  # created since the last verify()
        # label -> every id this import created, while the table holds nothing else (checked by a
        # count before each use): then "which of these exist?" needs no lookup in the database.
        self._fresh: dict[str, set[str] | None] = {}
        # dry run: label -> ids this import would have created, so later chunks and files find
        # them as the real import does (the preview's counts are the import's)
        self.planned: dict[str, set[str]] = defaultdict(set)

    # -- records -----------------------------------------------------------------------

    def write_records(self, records: list[Prepared]) -> Outcome:
        """Create, update or skip each record of one label, with its links."""
        label = records[0].label
        maybe = self.possibly_existing(label, [r.id for r in records])
        existing = {
            row["id"]: row["node"] for row in self.store.read("ingest/nodes_by_id", label=label, ids=maybe)
        } if maybe else {}
        self._resolve_must_exist(records)
        outcome = Outcome()
        for record in records:
            record.props["row_hash"] = row_hash(record)
            before = existing.get(record.id)
            if before is None:
                outcome.created.append(record)
            elif before.get("row_hash") == record.props["row_hash"]:
                outcome.unchanged.append(record)
            else:
                outcome.updated.append(record)
        present = self._ensure_shared([link.other for r in outcome.created + outcome.updated for link in r.links
                                       if not link.must_exist])
        if label in PEOPLE_LABELS:
            outcome.repeats = self.repeated_identities(label, [
                (r.row, _identity_field(r, link), link.other.label, link.other.id)
                for r in outcome.created for link in r.links if link.other.label in IDENTITY_RELS], present)
        if outcome.created:
            self._create(label, outcome.created)
        if outcome.updated:
            self._update(label, outcome.updated, existing)
        self.report.created[label] += len(outcome.created)
        self.report.updated[label] += len(outcome.updated)
        return outcome

    def _create(self, label: str, records: list[Prepared]) -> None:
        rows = []
        for record in records:
            props = {k: v for k, v in record.props.items() if v is not None}
            props.update(id=record.id, batch_id=self.batch_id, updated_at=self.now)
            props.setdefault("created_at", self.now)
            rows.append(props)
        if not self.dry_run:
            self.store.bulk_create_nodes(label, pd.DataFrame(rows))
        self.remember_created(label, [r["id"] for r in rows])
        self._create_links([(record, link) for record in records for link in record.links])

    def _update(self, label: str, records: list[Prepared], existing: dict[str, dict[str, Any]]) -> None:
        ids = [r.id for r in records]
        current = self._links_of(label, ids)
        revisions, rows = [], []
        deletions: list[tuple[str, str, Link]] = []
        additions: list[tuple[Prepared, Link]] = []
        closings: list[tuple[str, str]] = []
        for record in records:
            before = existing[record.id]
            snapshot = {"props": _jsonable(_node_props(before)), "links": current.get(record.id, [])}
            revisions.append({
                "id": f"rev-{self.batch_id}-{record.id}",
                "batch_id": self.batch_id,
                "label": label,
                "node_id": record.id,
                "before": json.dumps(snapshot, ensure_ascii=False, default=str),
            })
            # a blank cell in the new file does not erase what the graph already knows
            merged = {**_node_props(before), **{k: v for k, v in record.props.items() if v is not None}}
            merged.update(id=record.id, updated_at=self.now)
            rows.append({p: merged.get(p) for p in self._settable(label)} | {"id": record.id})
            dels, adds, closes = _link_changes(record, current.get(record.id, []))
            deletions += [(label, record.id, link) for link in dels]
            additions += [(record, link) for link in adds]
            closings += [(rep, record.id) for rep in closes]
        if self.dry_run:
            return
        set_props(self.store, label, rows)
        self.store.write_batch("ingest/revisions_create", revisions, now=self.now)
        if closings:
            self.store.write_batch(
                "ingest/close_ownership", [{"from": rep, "to": node} for rep, node in closings],
                label=label, now=self.now,
            )
        groups: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
        for own_label, node_id, link in deletions:
            a, b = (own_label, link.other.label) if link.outgoing else (link.other.label, own_label)
            ends = {"from": node_id, "to": link.other.id} if link.outgoing else {"from": link.other.id, "to": node_id}
            groups[(link.rel, a, b)].append(ends)
        for (rel, a, b), pairs in groups.items():
            self.store.write_batch("ingest/delete_rels", pairs, rel=rel, label_from=a, label_to=b)
        self._create_links(additions)

    def verify(self) -> None:
        """Check that every node this import created since the last check is found by its id.

        LadybugDB 0.22 can lose a primary-key index entry when a COPY appends to a
        large node table (upstream issue #583); stop loudly rather than go on with
        nodes that lookups cannot see.
        """
        for label, ids in self.created_ids.items():
            # The lost entries are those of the COPY that lost them: each chunk checks what it
            # created since the last check (checking everything again made a long import quadratic).
            fresh, self.created_ids[label] = ids, []
            if not fresh or _count_existing(self.store, label, fresh) == len(set(fresh)):
                continue
            missing = len(set(fresh) - existing_ids(self.store, label, fresh))
            if missing:
                raise StoreError(
                    f"{missing} {label} node(s) created by this import cannot be found by id: the embedded "
                    "database's primary-key index lost entries (LadybugDB issue #583). Undo the batch, then "
                    "import again with smaller chunks, or use Neo4j",
                    query="ingest/existing_ids",
                    params=["ids"],
                )

    def _settable(self, label: str) -> list[str]:
        return [p for p in self.model.nodes[label].properties if p not in ("id", "created_at", "batch_id")]

    # -- links and shared nodes --------------------------------------------------------

    def _resolve_must_exist(self, records: list[Prepared]) -> None:
        """Drop links to nodes that must already exist but don't (with a warning)."""
        wanted: dict[str, set[str]] = defaultdict(set)
        for record in records:
            for link in record.links:
                if link.must_exist:
                    wanted[link.other.label].add(link.other.id)
        found = {label: self._existing_ids(label, sorted(ids)) for label, ids in wanted.items()}
        for record in records:
            kept = []
            for link in record.links:
                if link.must_exist and link.other.id not in found[link.other.label]:
                    self.report.warnings.append(
                        f"row {record.row}: {link.rel} target {link.other.label} not in the graph; link skipped"
                    )
                    continue
                kept.append(link)
            record.links = kept

    def _ensure_shared(self, refs: Iterable[NodeRef]) -> dict[str, set[str]]:
        """Create the shared nodes that are missing; return, per label, the ids that were there."""
        by_label: dict[str, dict[str, NodeRef]] = defaultdict(dict)
        for ref in refs:
            by_label[ref.label].setdefault(ref.id, ref)
        found: dict[str, set[str]] = {}
        for label, wanted in by_label.items():
            present = found[label] = self._existing_ids(label, list(wanted))
            self.report.linked[label] += len(present)
            new = [ref for node_id, ref in wanted.items() if node_id not in present]
            if not new:
                continue
            self.report.created[label] += len(new)
            rows = [{**dict(ref.props), "id": ref.id, "batch_id": self.batch_id,
                     "created_at": self.now, "updated_at": self.now} for ref in new]
            if not self.dry_run:
                self.store.bulk_create_nodes(label, pd.DataFrame(rows))
            self.remember_created(label, [r["id"] for r in rows])
            if label == "Company":
                self._company_domains(new)
        return found

    def repeated_identities(self, label: str, identities: list[tuple[int, str, str, str]],
                            present: dict[str, set[str]]) -> list[Repeat]:
        """The new records of an import that share an email or phone with an existing lead or contact.

        ``identities``: (row, field, identity label, identity id) of the records being created;
        ``present``: the identity ids that were in the graph already. Records of this batch are no
        existing records (in a dry run they are not in the graph at all), so preview and import agree.
        """
        wanted: dict[str, set[str]] = defaultdict(set)
        for _, _, id_label, id_value in identities:
            if id_value in present.get(id_label, ()):
                wanted[id_label].add(id_value)
        if not wanted:
            return []
        owners: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for id_label, ids in wanted.items():
            rel = IDENTITY_RELS[id_label]
            for person in PEOPLE_LABELS:
                for row in self.store.read("ingest/identity_owners", label=person, label_to=id_label, rel=rel,
                                           ids=sorted(ids), batch=self.batch_id):
                    owners[(id_label, row["identity"])].append({"label": person, **row})
        repeats = []
        for row_number, field_name, id_label, id_value in identities:
            for owner in owners.get((id_label, id_value), [])[:MAX_OWNERS]:
                repeats.append(Repeat(row_number, field_name, id_value, owner["label"], owner["id"], owner["name"]))
        return repeats

    def _company_domains(self, companies: list[NodeRef]) -> None:
        """A new company with a known domain links to its Domain node."""
        links = [(c, dict(c.props)["domain"]) for c in companies if dict(c.props).get("domain")]
        if not links:
            return
        self._ensure_shared(NodeRef("Domain", domain) for _, domain in links)
        frame = pd.DataFrame({"from": [c.id for c, _ in links], "to": [d for _, d in links],
                              "batch_id": self.batch_id, "created_at": self.now})
        if not self.dry_run:
            self.store.bulk_create_rels("HAS_DOMAIN", "Company", "Domain", frame)

    def _create_links(self, pairs: list[tuple[Prepared, Link]]) -> None:
        groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for record, link in pairs:
            props = {k: v for k, v in link.props if k in self.model.rels[link.rel].properties}
            row = {"batch_id": self.batch_id, "created_at": self.now, **props}
            if link.outgoing:
                groups[(link.rel, record.label, link.other.label)].append({"from": record.id, "to": link.other.id, **row})
            else:
                groups[(link.rel, link.other.label, record.label)].append({"from": link.other.id, "to": record.id, **row})
        for (rel, a, b), rows in groups.items():
            if not self.dry_run:
                self.store.bulk_create_rels(rel, a, b, pd.DataFrame(rows))

    def _existing_ids(self, label: str, ids: list[str]) -> set[str]:
        return self.existing(label, ids)

    def existing(self, label: str, ids: list[str]) -> set[str]:
        """Which of ``ids`` are nodes of ``label`` (in a dry run: or would be by now)."""
        maybe = self.possibly_existing(label, ids)
        found = existing_ids(self.store, label, maybe) if maybe else set()
        planned = self.planned.get(label)
        return found | {i for i in ids if i in planned} if planned else found

    def possibly_existing(self, label: str, ids: list[str]) -> list[str]:
        """The ids that may be nodes of ``label`` already: all of them, unless the table held
        nothing but this import's own nodes, which the writer remembers."""
        fresh = self._fresh_ids(label)
        return ids if fresh is None else [i for i in ids if i in fresh]

    def remember_created(self, label: str, ids: list[str]) -> None:
        """Note nodes this import created (for verify() and the lookups above), or in a dry run would have."""
        if self.dry_run:
            self.planned[label].update(ids)
            return
        self.created_ids[label].extend(ids)
        fresh = self._fresh.get(label)
        if fresh is not None:
            fresh.update(ids)

    def _fresh_ids(self, label: str) -> set[str] | None:
        if label not in self._fresh:
            self._fresh[label] = set() if _count_nodes(self.store, label) == 0 else None
        fresh = self._fresh[label]
        if fresh is not None and _count_nodes(self.store, label) != len(fresh):
            fresh = self._fresh[label] = None  # someone else wrote nodes of this label meanwhile
        return fresh

    def _links_of(self, label: str, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        """Current managed links of the nodes, as JSON-able snapshots."""
        managed = MANAGED[label]
        found: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for query, outgoing in (("ingest/links_out", True), ("ingest/links_in", False)):
            for row in self.store.read(query, label=label, ids=ids):
                if managed.get(row["rel"]) is not outgoing:
                    continue
                allowed = self.model.rels[row["rel"]].properties
                props = {k: v for k, v in (row["props"] or {}).items() if k in allowed and v is not None}
                found[row["id"]].append({
                    "rel": row["rel"], "outgoing": outgoing, "label": row["other_label"],
                    "id": row["other_id"], "props": _jsonable(props),
                })
        return found


def existing_ids(store: Store, label: str, ids: list[str]) -> set[str]:
    """Which of ``ids`` are nodes of ``label``."""
    if not ids:
        return set()
    return {row["id"] for row in store.read("ingest/existing_ids", label=label, ids=ids)}


def _count_nodes(store: Store, label: str) -> int:
    return int(store.read("ingest/count_nodes", label=label)[0]["n"])


def _count_existing(store: Store, label: str, ids: list[str]) -> int:
    return int(store.read("ingest/count_existing", label=label, ids=ids)[0]["n"])


def set_props(store: Store, label: str, rows: list[dict[str, Any]]) -> None:
    """Set every property of existing nodes exactly (the person query serves Lead and Contact)."""
    slot = {"label": label} if SET_QUERY[label] == "ingest/set_person" else {}
    store.write_batch(SET_QUERY[label], rows, **slot)


def row_hash(record: Prepared) -> str:
    """A digest of what the row says (properties and links), to recognise an unchanged row."""
    props = {k: v for k, v in record.props.items() if k not in BOOKKEEPING}
    links = sorted((link.rel, link.other.id, link.outgoing) for link in record.links)
    return digest(json.dumps([props, links], sort_keys=True, default=str, ensure_ascii=False), size=32)


def _identity_field(record: Prepared, link: Link) -> str:
    """Which field of a record an Email or Phone link comes from."""
    if link.other.label == "Email":
        return "email"
    return "mobile" if record.props.get("mobile") == link.other.id and record.props.get("phone") != link.other.id \
        else "phone"


def _node_props(node: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if not k.startswith("_")}


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, (datetime, date)) else v) for k, v in values.items()}


def _link_changes(record: Prepared, current: list[dict[str, Any]]) -> tuple[list[Link], list[Link], list[str]]:
    """Links to delete, links to add, and reps whose ownership ends, for an updated record.

    Only relationship types the new row speaks about change; a blank cell keeps the old link.
    """
    wanted = {(link.rel, link.outgoing, link.other.id): link for link in record.links}
    spoken = {(link.rel, link.outgoing) for link in record.links}
    have: dict[tuple[str, bool, str], dict[str, Any]] = {}
    for link in current:
        if link["rel"] == "OWNS" and link["props"].get("until"):
            continue  # a past ownership is history, not the current owner
        have[(link["rel"], link["outgoing"], link["id"])] = link
    deletions, closings = [], []
    for key, link in have.items():
        if (key[0], key[1]) in spoken and key not in wanted:
            if key[0] == "OWNS":
                closings.append(key[2])
            else:
                deletions.append(Link(key[0], NodeRef(link["label"], key[2]), outgoing=key[1]))
    additions = [link for key, link in wanted.items() if key not in have]
    return deletions, additions, closings
