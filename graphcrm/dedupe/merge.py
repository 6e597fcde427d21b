"""Merge duplicate records into a survivor, and undo it exactly.

A merge, in one transaction: the survivor takes field values by survivorship rules; every
relationship of the absorbed records moves to the survivor unless the survivor already has
the same one (so no duplicate edges; an absorbed record's emails and phones stay as extra
identity links); the absorbed records stay as tombstones with no relationships but
``MERGED_INTO {at, by, merge_id}``. A ``Merge`` node keeps the audit trail and a snapshot:
the records' properties before, the relationships removed and the relationships added.
Unmerge, in one transaction, deletes what was added, re-creates what was removed and
restores the properties, so the graph is exactly what it was.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from graphcrm.ingest.normalise import company_key, person_name
from graphcrm.ingest.write import set_props
from graphcrm.manage.scores import rescore_leads
from graphcrm.model import Model
from graphcrm.store import Store
from graphcrm.clock import utc_now

RECORD_LABELS = ("Lead", "Contact", "Company")
RULES = ("survivor", "most_recent", "most_complete", "source_priority")
# Fields chosen together (a name's parts and keys come from one record).
PERSON_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("first_name", "last_name", "name", "name_key", "pinyin_key"),
    "title": ("title",), "email": ("email",), "phone": ("phone",), "mobile": ("mobile",), "website": ("website",),
    "company": ("company_name", "company_key"), "industry": ("industry",), "employees": ("employees",),
    "annual_revenue": ("annual_revenue",), "address": ("street", "city", "region", "postcode", "country"),
    "status": ("status", "status_original", "converted_at"), "rating": ("rating", "rating_original"),
    "score": ("score",), "description": ("description",), "last_activity_at": ("last_activity_at",),
}
COMPANY_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "name_key"), "domain": ("domain",), "website": ("website",), "industry": ("industry",),
    "employees": ("employees",), "annual_revenue": ("annual_revenue",), "phone": ("phone",),
    "address": ("street", "city", "region", "postcode", "country"), "description": ("description",),
}
# relationship property sets -> the query that creates relationships with them
CREATE_QUERY = {
    frozenset({"batch_id", "created_at"}): "dedupe/create_rel_basic",
    frozenset({"key", "at", "kind", "responded_at", "batch_id", "created_at"}): "dedupe/create_rel_touch",
    frozenset({"since", "until", "batch_id", "created_at"}): "dedupe/create_rel_owns",
    frozenset({"at", "batch_id", "created_at"}): "dedupe/create_rel_converted",
    frozenset({"score", "reasons", "status", "created_at", "updated_at"}): "dedupe/create_rel_duplicate",
    frozenset({"at", "by", "merge_id", "created_at"}): "dedupe/create_rel_merged",
}
SLOTTED = {"dedupe/create_rel_basic"}  # the others name their relationship type themselves
# Properties worked out from others (a name's keys): not compared when judging completeness.
DERIVED = {"name_key", "pinyin_key", "company_key", "status_original", "rating_original"}
# Field groups where the latest value is the true one, whichever record holds it.
LATEST = {"last_activity_at"}


class MergeError(Exception):
    """The merge or unmerge cannot be done as asked (unknown records, mixed kinds, ...)."""


class MergeConflict(MergeError):
    """A record was already merged (perhaps by someone else a moment ago), or was changed by a later merge."""


@dataclass
class MergeReport:
    """What a merge did."""

    merge_id: str
    survivor: str
    absorbed: list[str]
    moved: int = 0
    skipped: int = 0  # relationships the survivor already had or cannot have
    values: dict[str, str] = field(default_factory=dict)  # field group -> record whose value won

    def as_json(self) -> dict[str, Any]:
        return {"merge_id": self.merge_id, "survivor": self.survivor, "absorbed": self.absorbed,
                "moved": self.moved, "skipped": self.skipped, "values": self.values}


def merge_records(store: Store, ids: list[str], *, survivor: str | None = None, rule: str = "survivor",
                  choices: dict[str, str] | None = None, choices_for: str | None = None,
                  source_priority: list[str] | None = None, by: str = "admin",
                  now: datetime | None = None) -> MergeReport:
    """Merge ``ids`` into one survivor (chosen, or the most complete record); return the report.

    ``rule`` picks each field's value when ``choices`` (field group -> record id) does not:
    ``survivor`` (the survivor's value unless another record's is more complete or it has none:
    see ``preferred_sources``), ``most_recent``, ``most_complete`` (from the record with most
    fields filled) or ``source_priority``. ``choices_for``: the record the choices were
    pre-picked for (a review form); when the survivor is another one, choices that are just
    those pre-picks are dropped, so the values follow the record kept and only real overrides stay.
    Raises MergeConflict when a record is already a tombstone.
    """
    if rule not in RULES:
        raise MergeError(f"unknown survivorship rule {rule!r}: one of {', '.join(RULES)}")
    ids = list(dict.fromkeys(ids))
    if len(ids) < 2:
        raise MergeError("a merge needs at least two different records")
    with store.transaction():
        store.lock("merge")  # merges and undos run one at a time, on every backend
        # taken inside the transaction and to the microsecond: merges run one at a time, so a later
        # merge has a later time, which is how an undo tells that a merge built on it (to the second,
        # two merges in one second were ordered by their random id suffix)
        now = now or utc_now(microseconds=True)
        merge_id = f"merge-{now:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"
        labels = _labels(store, ids)
        for label, group in _by_label(labels).items():
            store.write("dedupe/lock", label=label, ids=group)
        _refuse_tombstones(store, labels)
        nodes = _nodes(store, labels)
        survivor = survivor or _pick_survivor(nodes, labels)
        if survivor not in labels:
            raise MergeError(f"the survivor {survivor} is not one of the merged records")
        if labels[survivor] != "Contact" and any(labels[i] != labels[survivor] for i in ids):
            raise MergeError("when leads and contacts are merged the survivor must be a contact")
        absorbed = [i for i in ids if i != survivor]
        links = _links(store, labels)
        choices = dict(choices or {})
        if choices_for in nodes and choices_for != survivor:
            stale = preferred_sources(nodes, choices_for, labels[survivor])
            choices = {name: source for name, source in choices.items() if stale.get(name) != source}
        values, won = survivor_values(nodes, survivor, labels[survivor], rule, choices, source_priority or [])
        removed = [r for r in links if r["from"] in absorbed or r["to"] in absorbed]
        added, skipped = _moved(store.model, removed, links, survivor, labels, absorbed, now)
        for a in absorbed:
            added.append({"rel": "MERGED_INTO", "from_label": labels[a], "from": a, "to_label": labels[survivor],
                          "to": survivor, "props": {"at": now, "by": by, "merge_id": merge_id, "created_at": now}})
        for label, group in _by_label({a: labels[a] for a in absorbed}).items():
            store.write("dedupe/delete_links_out", label=label, ids=group)
            store.write("dedupe/delete_links_in", label=label, ids=group)
        _create(store, added)
        set_props(store, labels[survivor], [{**nodes[survivor], **values, "updated_at": now}])
        if labels[survivor] == "Lead":  # its fields, touches and follow-ups changed: so does its one score
            rescore_leads(store, [survivor], now=now)
        snapshot = {"labels": labels, "nodes": nodes, "removed": removed, "added": added}
        store.write("dedupe/merge_create", id=merge_id, kind=labels[survivor], survivor_id=survivor,
                    absorbed=json.dumps(absorbed), snapshot=_dumps(snapshot), by=by, at=now)
    moved = sum(1 for link in added if survivor in (link["from"], link["to"])) - len(absorbed)
    return MergeReport(merge_id, survivor, absorbed, moved=moved, skipped=skipped, values=won)


def unmerge(store: Store, merge_id: str, *, by: str = "admin", now: datetime | None = None) -> dict[str, Any]:
    """Undo a merge exactly (properties and relationships); refused if a later merge built on it."""
    now = now or utc_now()
    with store.transaction():
        store.lock("merge")
        rows = store.read("dedupe/merge_get", id=merge_id)
        if not rows:
            raise MergeError(f"no merge {merge_id!r}")
        merge = rows[0]
        if merge["status"] != "merged":
            raise MergeConflict(f"merge {merge_id} was already undone")
        snapshot = json.loads(merge["snapshot"])
        labels: dict[str, str] = snapshot["labels"]
        for later in store.read("dedupe/merge_list", limit=1_000_000):
            if later["status"] == "merged" and later["id"] != merge_id and _after(later, merge) and (
                    {later["survivor_id"], *json.loads(later["absorbed"])} & set(labels)):
                raise MergeConflict(f"merge {later['id']} changed these records later: undo it first")
        model = store.model
        added = [_revived(model, r) for r in snapshot["added"]]
        removed = [_revived(model, r) for r in snapshot["removed"]]
        _delete(store, added)
        _create(store, removed)
        by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for record_id, props in snapshot["nodes"].items():
            by_label[labels[record_id]].append(_revive_props(model.nodes[labels[record_id]].properties, props))
        for label, rows_ in by_label.items():
            set_props(store, label, rows_)
        if by_label.get("Lead"):  # the score's time is not among the imported fields set_props writes
            store.write_batch("dedupe/restore_scored_at", [{"id": r["id"], "scored_at": r.get("scored_at")}
                                                           for r in by_label["Lead"]])
        store.write("dedupe/merge_undone", id=merge_id, now=now, by=by)
    return {"merge_id": merge_id, "survivor": merge["survivor_id"], "restored": sorted(labels)}


def merge_log(store: Store, limit: int = 100) -> list[dict[str, Any]]:
    """The audit log of merges (and whether and when each was undone), newest first."""
    return [{**row, "absorbed": json.loads(row["absorbed"] or "[]")} for row in store.read("dedupe/merge_list",
                                                                                           limit=limit)]


def merge_history(store: Store, limit: int = 100) -> list[dict[str, Any]]:
    """``merge_log`` with each record named: ``survivor`` and ``absorbed`` as {id, label, name}."""
    log = merge_log(store, limit)
    wanted = sorted({i for row in log for i in (row["survivor_id"], *row["absorbed"])})
    known: dict[str, dict[str, Any]] = {}
    for label in RECORD_LABELS:
        for row in store.read("ingest/nodes_by_id", label=label, ids=wanted):
            node = row["node"]
            known[row["id"]] = {"id": row["id"], "label": label, "name": node.get("name") or row["id"]}

    def named(record_id: str, label: str) -> dict[str, Any]:
        return known.get(record_id) or {"id": record_id, "label": label, "name": record_id}

    return [{**row, "survivor": named(row["survivor_id"], row["label"]),
             "absorbed_records": [named(i, row["label"]) for i in row["absorbed"]]} for row in log]


# -- survivorship -------------------------------------------------------------------------


def survivor_values(nodes: dict[str, dict[str, Any]], survivor: str, label: str, rule: str,
                    choices: dict[str, str], source_priority: list[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The survivor's new field values, and which record each field group came from."""
    groups = COMPANY_FIELDS if label == "Company" else PERSON_FIELDS
    unknown = set(choices) - set(groups)
    if unknown:
        raise MergeError(f"unknown fields {sorted(unknown)}: choose among {', '.join(groups)}")
    values: dict[str, Any] = {}
    won: dict[str, str] = {}
    for name, props in groups.items():
        source = choices.get(name) or _source(nodes, survivor, props, rule, source_priority)
        if source not in nodes:
            raise MergeError(f"{name}: {source} is not one of the merged records")
        values.update({p: nodes[source].get(p) for p in props})
        won[name] = source
    if label != "Company" and won["name"] != survivor:  # keys follow the chosen name
        parsed = person_name(values["first_name"], values["last_name"], values["name"])
        if parsed:
            values["name_key"], values["pinyin_key"] = parsed.key, parsed.pinyin_key
    if label != "Company" and values.get("company_name"):
        values["company_key"] = company_key(values["company_name"])
    values["extra"] = _merged_extra([nodes[survivor]] + [n for i, n in nodes.items() if i != survivor])
    return values, won


def preferred_sources(nodes: dict[str, dict[str, Any]], survivor: str, label: str) -> dict[str, str]:
    """Per field group, the record whose value a merge into ``survivor`` keeps unless told otherwise.

    The survivor's own value; where the records differ, the best one: when the survivor has none,
    the newest record's that has one; when another record holds a more complete version of the
    survivor's (the same values with more filled in, or more words: "Acme" -> "Acme Trading"),
    the newest such record's; for the last activity, the latest. A different spelling is not more
    complete, so the kept record's spelling stays.
    """
    groups = COMPANY_FIELDS if label == "Company" else PERSON_FIELDS
    return {name: _source(nodes, survivor, props, "survivor", []) for name, props in groups.items()}


def _source(nodes: dict[str, dict[str, Any]], survivor: str, props: tuple[str, ...], rule: str,
            source_priority: list[str]) -> str:
    having = [i for i, n in nodes.items() if any(n.get(p) not in (None, "") for p in props)]
    if not having:
        return survivor
    recent = sorted(having, key=lambda i: (_when(nodes[i]), i), reverse=True)
    if rule == "survivor":
        if set(props) <= LATEST:
            return max(having, key=lambda i: (_when({"updated_at": nodes[i].get(props[0])}), i == survivor, i))
        if survivor not in having:
            return recent[0]
        fuller = [i for i in recent if i != survivor and _more_complete(nodes[i], nodes[survivor], props)]
        return fuller[0] if fuller else survivor
    if rule == "most_recent":
        return recent[0]
    if rule == "most_complete":
        return max(having, key=lambda i: (_filled(nodes[i]), _when(nodes[i]), i))
    rank = {s.casefold(): k for k, s in enumerate(source_priority)}
    return min(having, key=lambda i: (rank.get(str(nodes[i].get("source_system") or "").casefold(), len(rank)),
                                      -_when(nodes[i]).timestamp(), i))


def _more_complete(other: dict[str, Any], mine: dict[str, Any], props: tuple[str, ...]) -> bool:
    """Whether ``other`` holds ``mine``'s values for ``props`` and more (more filled, or more words)."""
    more = False
    for p in props:
        if p in DERIVED:
            continue
        theirs, ours = other.get(p), mine.get(p)
        if ours in (None, ""):
            more = more or theirs not in (None, "")
            continue
        if theirs in (None, ""):
            return False
        if isinstance(ours, str) and isinstance(theirs, str):
            a, b = _words(ours), _words(theirs)
            if a == b:
                continue
            if a < b:
                more = True
                continue
            return False
        if ours != theirs:
            return False
    return more


def _words(text: str) -> set[str]:
    return set(text.casefold().replace(",", " ").replace(".", " ").split())


def _pick_survivor(nodes: dict[str, dict[str, Any]], labels: dict[str, str]) -> str:
    """The most complete record (then the most recent); a contact when leads and contacts mix."""
    pool = [i for i in nodes if labels[i] == "Contact"] if len(set(labels.values())) > 1 else list(nodes)
    return max(pool, key=lambda i: (_filled(nodes[i]), _when(nodes[i]), i))


def _filled(node: dict[str, Any]) -> int:
    return sum(v not in (None, "") for v in node.values())


def _when(node: dict[str, Any]) -> datetime:
    value = node.get("updated_at") or node.get("created_at")
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if isinstance(value, datetime) else datetime.min


def _merged_extra(nodes: list[dict[str, Any]]) -> str | None:
    merged: dict[str, Any] = {}
    for node in reversed(nodes):  # the survivor's keys win
        try:
            merged.update(json.loads(node.get("extra") or "{}"))
        except ValueError:
            continue
    return json.dumps(merged, ensure_ascii=False, sort_keys=True) if merged else None


# -- graph work ---------------------------------------------------------------------------


def _labels(store: Store, ids: list[str]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for label in RECORD_LABELS:
        for row in store.read("ingest/nodes_by_id", label=label, ids=ids):
            labels[row["id"]] = label
    missing = [i for i in ids if i not in labels]
    if missing:
        raise MergeError(f"no lead, contact or company with id {', '.join(missing)}")
    kinds = {"Company" if label == "Company" else "person" for label in labels.values()}
    if len(kinds) > 1:
        raise MergeError("companies cannot be merged with leads or contacts")
    return {i: labels[i] for i in ids}


def _by_label(labels: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for record_id, label in labels.items():
        out[label].append(record_id)
    return out


def _refuse_tombstones(store: Store, labels: dict[str, str]) -> None:
    for label, group in _by_label(labels).items():
        for row in store.read("dedupe/tombstones", label=label, ids=group):
            raise MergeConflict(f"{row['id']} was already merged into {row['survivor']} "
                                f"(merge {row['merge_id']}): reload and merge into that record instead")


def _nodes(store: Store, labels: dict[str, str]) -> dict[str, dict[str, Any]]:
    nodes = {}
    for label, group in _by_label(labels).items():
        for row in store.read("ingest/nodes_by_id", label=label, ids=group):
            nodes[row["id"]] = {k: v for k, v in row["node"].items() if not k.startswith("_")}
    return {i: nodes[i] for i in labels}


def _links(store: Store, labels: dict[str, str]) -> list[dict[str, Any]]:
    """Every relationship touching the records, once each, as {rel, from_label, from, to_label, to, props}."""
    seen: dict[str, dict[str, Any]] = {}
    for label, group in _by_label(labels).items():
        for row in store.read("ingest/links_out", label=label, ids=group):
            _add_link(seen, row["rel"], label, row["id"], row["other_label"], row["other_id"], row["props"])
        for row in store.read("ingest/links_in", label=label, ids=group):
            _add_link(seen, row["rel"], row["other_label"], row["other_id"], label, row["id"], row["props"])
    return list(seen.values())


def _add_link(seen: dict[str, dict[str, Any]], rel: str, from_label: str, src: str, to_label: str, dst: str,
              props: dict[str, Any] | None) -> None:
    props = {k: v for k, v in (props or {}).items() if not k.startswith("_")}
    link = {"rel": rel, "from_label": from_label, "from": src, "to_label": to_label, "to": dst, "props": props}
    seen.setdefault(_dumps([rel, src, dst, props]), link)


def _identity(link: dict[str, Any]) -> tuple[Any, ...]:
    """What makes two relationships 'the same' for a survivor: type, ends, and a touch's key."""
    return link["rel"], link["from"], link["to"], link["props"].get("key") if link["rel"] == "TOUCHED_BY" else None


def _moved(model: Model, removed: list[dict[str, Any]], links: list[dict[str, Any]], survivor: str,
           labels: dict[str, str], absorbed: list[str], now: datetime) -> tuple[list[dict[str, Any]], int]:
    """The absorbed records' relationships re-pointed at the survivor, minus those it already has."""
    have = {_identity(r) for r in links if survivor in (r["from"], r["to"])}
    open_owner = any(r["rel"] == "OWNS" and r["to"] == survivor and not r["props"].get("until") for r in links)
    added: list[dict[str, Any]] = []
    skipped = 0
    merged = set(absorbed) | {survivor}
    for link in removed:
        if link["rel"] in ("POSSIBLE_DUPLICATE", "MERGED_INTO"):
            continue  # decisions about the absorbed records end with them (unmerge brings them back)
        moved = dict(link, props=dict(link["props"]))
        for end in ("from", "to"):
            if moved[end] in absorbed:
                moved[end], moved[f"{end}_label"] = survivor, labels[survivor]
        if moved["from"] in merged and moved["to"] in merged:
            continue  # a link between merged records (a referral) would point at itself
        if (moved["from_label"], moved["to_label"]) not in model.rels[moved["rel"]].endpoints:
            added.append(link)  # the survivor's kind cannot have it (a lead's opportunity): the tombstone keeps it
            skipped += 1
            continue
        if _identity(moved) in have:
            skipped += 1
            continue
        if moved["rel"] == "OWNS" and open_owner and not moved["props"].get("until"):
            moved["props"]["until"] = now  # one owner at a time: the absorbed record's ownership ends
        have.add(_identity(moved))
        added.append(moved)
    return added, skipped


def _create(store: Store, links: list[dict[str, Any]]) -> None:
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for link in links:
        groups[(link["rel"], link["from_label"], link["to_label"])].append(link)
    for (rel, from_label, to_label), group in groups.items():
        props = frozenset(store.model.rels[rel].properties)
        query = CREATE_QUERY.get(props)
        if query is None:
            raise MergeError(f"no query creates {rel} relationships with properties {sorted(props)}")
        rows = [{"from": link["from"], "to": link["to"], **{p: link["props"].get(p) for p in props}} for link in group]
        slots = {"rel": rel} if query in SLOTTED else {}
        store.write_batch(query, rows, label_from=from_label, label_to=to_label, **slots)


def _delete(store: Store, links: list[dict[str, Any]]) -> None:
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for link in links:
        groups[(link["rel"], link["from_label"], link["to_label"])].append(
            {"from": link["from"], "to": link["to"], "key": link["props"].get("key")})
    for (rel, from_label, to_label), rows in groups.items():
        if rel == "TOUCHED_BY":
            store.write_batch("dedupe/delete_touch", rows, label=from_label)
        else:
            store.write_batch("ingest/delete_rels", [{"from": r["from"], "to": r["to"]} for r in rows],
                              rel=rel, label_from=from_label, label_to=to_label)


def _revived(model: Model, link: dict[str, Any]) -> dict[str, Any]:
    return dict(link, props=_revive_props(model.rels[link["rel"]].properties, link["props"]))


def _revive_props(types: dict[str, str], props: dict[str, Any]) -> dict[str, Any]:
    """Values read back from the JSON snapshot in their column types (timestamps, dates)."""
    out = dict(props)
    for name, kind in types.items():
        value = out.get(name)
        if isinstance(value, str) and kind.upper().startswith("TIMESTAMP"):
            out[name] = datetime.fromisoformat(value)
        elif isinstance(value, str) and kind.upper() == "DATE":
            out[name] = date.fromisoformat(value)
    return out


def _after(later: dict[str, Any], merge: dict[str, Any]) -> bool:
    return (later["at"], later["id"]) > (merge["at"], merge["id"])


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_jsonable)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)
