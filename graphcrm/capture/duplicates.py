"""Duplicate alerts at the door: existing records that a record about to be saved may repeat.

Candidates come from the graph cheaply (the same Email or Phone node, the same company, the
same name or pinyin key); each is scored with the deduplication scorer (the weights the last
``graphcrm dedupe`` run learned, or its documented defaults) and explained field by field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from graphcrm.dedupe.compare import compare_pairs
from graphcrm.dedupe.persist import load_model
from graphcrm.dedupe.records import add_keys
from graphcrm.dedupe.score import Scorer, default_model
from graphcrm.ingest.prepare import Prepared
from graphcrm.store import Store

ALERT_SCORE = 0.5  # a candidate with a similar name scoring at least this is shown; exact email/phone always are
STRONG_SCORE = 0.8  # the dedupe review threshold: shown as a likely duplicate
MAX_SHOWN = 8
ENTITY = {"Lead": "lead", "Contact": "contact", "Company": "company"}
# a lead is compared with leads and contacts (the person may already be a customer); a contact with contacts
PEOPLE = {"Lead": ("Lead", "Contact"), "Contact": ("Contact",)}
IDENTITY_RELS = (("email", "HAS_EMAIL", "Email"), ("phone", "HAS_PHONE", "Phone"), ("mobile", "HAS_PHONE", "Phone"))


@dataclass
class Match:
    """An existing record that may be the same as the new one."""

    id: str
    label: str
    name: str | None
    score: float
    exact: list[str] = field(default_factory=list)  # identity fields that are the same: email, phone
    agree: list[str] = field(default_factory=list)  # fields the scorer counted as agreeing
    email: str | None = None
    phone: str | None = None
    company: str | None = None
    status: str | None = None

    @property
    def strong(self) -> bool:
        return bool(self.exact) or self.score >= STRONG_SCORE

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "name": self.name, "score": round(self.score, 3),
                "exact": self.exact, "agree": self.agree, "email": self.email, "phone": self.phone,
                "company": self.company, "status": self.status, "strong": self.strong}


def find_duplicates(store: Store, record: Prepared, *, exclude: str | None = None,
                    exact_only: bool = False) -> list[Match]:
    """Existing records that may repeat ``record`` (a prepared Lead, Contact or Company), best first.

    ``exact_only``: only records with the same email or phone (a person: the cheap lookups, enough
    to recognise a repeat submission; similar names are left to ``graphcrm dedupe``).
    """
    if record.label == "Company":
        rows, exact = _company_candidates(store, record)
    else:
        rows, exact = _person_candidates(store, record, exact_only=exact_only)
    if exclude:
        rows.pop(exclude, None)
    if not rows:
        return []
    scores, agree = _score(store, record, list(rows.values()))
    matches = []
    for (node_id, row), score, fields in zip(rows.items(), scores, agree, strict=True):
        same = exact.get(node_id, [])
        # without a shared email or phone, only a similar name makes an alert: a colleague at the
        # same company agrees on everything but the name, and that is no duplicate
        if not same and (score < ALERT_SCORE or "name" not in fields):
            continue
        matches.append(Match(node_id, row["label"], row.get("name"), float(score), same, fields,
                             row.get("email"), row.get("phone") or row.get("mobile"),
                             row.get("company_name") or row.get("domain"), row.get("status")))
    matches.sort(key=lambda m: (-len(m.exact), -m.score, m.id))
    return matches[:MAX_SHOWN]


def _person_candidates(store: Store, record: Prepared, *, exact_only: bool = False,
                       ) -> tuple[dict[str, dict[str, Any]], dict[str, list[str]]]:
    """Candidate ids from cheap lookups first, then their fields in one lookup per label."""
    props = record.props
    rows: dict[str, dict[str, Any]] = {}
    exact: dict[str, list[str]] = {}
    company = next((link.other.id for link in record.links if link.rel == "WORKS_AT"), None)
    for label in PEOPLE[record.label]:
        ids: dict[str, None] = {}
        for prop, rel, identity in IDENTITY_RELS:
            if not props.get(prop):
                continue
            kind = "email" if prop == "email" else "phone"
            for row in store.read("capture/ids_by_identity", label=label, rel=rel, label_to=identity, key=props[prop]):
                ids[row["id"]] = None
                if kind not in exact.setdefault(row["id"], []):
                    exact[row["id"]].append(kind)
        if company and not exact_only:
            ids.update((row["id"], None) for row in store.read("capture/ids_at_company", label=label, company=company))
        if not exact_only and (props.get("name_key") or props.get("pinyin_key") or props.get("company_key")):
            ids.update((row["id"], None) for row in store.read(
                "capture/ids_by_keys", label=label, name_key=props.get("name_key") or "\x00",
                pinyin_key=props.get("pinyin_key") or "\x00", company_key=props.get("company_key") or "\x00"))
        if ids:
            for row in store.read("capture/people_by_ids", label=label, ids=list(ids)):
                rows.setdefault(row["id"], {**row, "label": label})
    return rows, {k: v for k, v in exact.items() if v and k in rows}


def _company_candidates(store: Store, record: Prepared) -> tuple[dict[str, dict[str, Any]], dict[str, list[str]]]:
    props = record.props
    key = props.get("name_key") or ""
    rows = {row["id"]: {**row, "label": "Company"} for row in store.read(
        "capture/companies_like", id=record.id, domain=props.get("domain") or "", prefix=key[:4] or "\x00")}
    exact: dict[str, list[str]] = {}
    for node_id, row in rows.items():
        same = []
        if node_id == record.id or (key and row.get("name_key") == key):
            same.append("name")
        if props.get("domain") and row.get("domain") == props["domain"]:
            same.append("domain")
        if same:
            exact[node_id] = same
    return rows, exact


def _score(store: Store, record: Prepared, candidates: list[dict[str, Any]]) -> tuple[np.ndarray, list[list[str]]]:
    """The scorer's probability for each (record, candidate) pair and the fields that agree."""
    entity = ENTITY[record.label]
    new = {**record.props, "id": "__new__", "label": record.label}
    frame = add_keys(pd.DataFrame([new, *candidates]), entity)
    a = np.zeros(len(candidates), dtype=np.int64)
    b = np.arange(1, len(candidates) + 1, dtype=np.int64)
    comparison = compare_pairs(frame, a, b, entity)
    scorer = load_model(store, entity)
    if scorer is None or set(scorer.names) != set(comparison.names):
        scorer = Scorer({0: default_model(comparison.names)})
    scores = scorer.score(comparison.levels)
    # levels 2 and up agree at least in part (0 is missing, 1 disagrees): see dedupe.score.status
    scored = [f for f in comparison.levels.columns if f in scorer.names]
    agreeing = comparison.levels[scored].to_numpy() >= 2
    agree = [[f for f, ok in zip(scored, row, strict=True) if ok] for row in agreeing]
    return scores, agree
