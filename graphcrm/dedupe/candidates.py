"""Candidate pairs: records two hops apart through an identity node, or sharing a blocking key.

Never all pairs. A key shared by more than ``max_block`` records (a company's switchboard,
a very common name) produces no pairs by itself; such hubs are only used together with a
second key (company + phonetic surname, ...), which splits them into small blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from graphcrm.dedupe.compare import extra_keys
from graphcrm.dedupe.records import Records, phonetic

# identity kinds that pair records directly (capped); a company's Domain is a hub, used only in blocks
DIRECT_IDENTITIES = ("Email", "Phone", "Domain")
PERSON_KEYS: tuple[tuple[str, ...], ...] = (
    ("name_key",),
    ("pinyin_key",),
    ("k_company", "k_last_phon"),
    ("k_company", "k_first_phon"),
    ("k_company", "k_email_local"),
    ("k_postcode", "k_last_phon"),
    ("k_postcode", "k_first_phon"),
    ("k_city", "k_last_phon", "k_first_phon"),
    ("k_last_phon", "k_first_phon"),
    ("k_email_local",),
)
UNIQUE_EXTRA = 0.5  # a custom field whose values are mostly distinct (an id, a birthday) is a blocking key
COMPANY_KEYS: tuple[tuple[str, ...], ...] = (
    ("name_key",),
    ("k_name",),
    ("k_postcode", "k_name_phon"),
    ("k_city", "k_name_phon"),
)


@dataclass
class Candidates:
    """Pairs of record indices (``a`` < ``b``) and the rule that found each."""

    a: np.ndarray
    b: np.ndarray
    via: np.ndarray
    skipped_blocks: dict[str, int] = field(default_factory=dict)  # rule -> blocks too big to pair

    def __len__(self) -> int:
        return len(self.a)


def candidate_pairs(records: Records, *, max_block: int = 50, new: np.ndarray | None = None) -> Candidates:
    """Candidate pairs of ``records``; with ``new`` (a boolean mask), only pairs touching a new record."""
    frame = records.frame
    n = len(frame)
    parts: list[pd.DataFrame] = []
    skipped: dict[str, int] = {}
    links = records.links
    for kind in DIRECT_IDENTITIES:
        group = links[links["kind"] == kind]
        parts.append(_block_pairs(group["key"].to_numpy(dtype=object), group["rec"].to_numpy(), kind, max_block,
                                  skipped))
    if records.entity == "company":
        frame = frame.assign(k_name_phon=[_phon_prefix(k) for k in frame["k_name"]])
        rules = COMPANY_KEYS
    else:
        rules = PERSON_KEYS
    recs = np.arange(n)
    for rule in rules:
        key = _combined(frame, rule)
        mask = pd.notna(key)
        parts.append(_block_pairs(key[mask], recs[mask], "+".join(rule), max_block, skipped))
    for key in extra_keys(frame):
        values = np.array([d.get(key) if d else None for d in frame["k_extra"]], dtype=object)
        mask = pd.notna(values)
        if mask.sum() and len(set(values[mask])) >= UNIQUE_EXTRA * mask.sum():
            parts.append(_block_pairs(values[mask], recs[mask], f"extra.{key}", max_block, skipped))
    pairs = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else \
        pd.DataFrame({"a": np.array([], dtype=np.int64), "b": np.array([], dtype=np.int64), "via": []})
    pairs = pairs.drop_duplicates(["a", "b"], ignore_index=True)
    pairs = _allowed(pairs, records, new)
    return Candidates(pairs["a"].to_numpy(np.int64), pairs["b"].to_numpy(np.int64), pairs["via"].to_numpy(object),
                      skipped)


def _phon_prefix(name: str | None) -> str | None:
    """The start of a company name's phonetic key: "Golden Blair" and "Goldn Blair Inc" share it."""
    key = phonetic(name)
    return key[:5] if key else None


def _combined(frame: pd.DataFrame, rule: tuple[str, ...]) -> np.ndarray:
    """One key per record from the rule's columns; None when any column is empty."""
    columns = [frame[c].to_numpy(dtype=object) for c in rule]
    if len(columns) == 1:
        return np.array([v if v else None for v in columns[0]], dtype=object)
    present = np.logical_and.reduce([pd.notna(c) & (c != "") for c in columns])
    out = np.full(len(frame), None, dtype=object)
    out[present] = ["\x1f".join(values) for values in zip(*(c[present] for c in columns), strict=True)]
    return out


def _block_pairs(keys: np.ndarray, recs: np.ndarray, via: str, max_block: int,
                 skipped: dict[str, int]) -> pd.DataFrame:
    """All pairs of records that share a key, in blocks of at most ``max_block`` records."""
    if len(keys) == 0:
        return pd.DataFrame(columns=["a", "b", "via"])
    frame = pd.DataFrame({"key": keys, "rec": recs.astype(np.int64)}).drop_duplicates()
    size = frame.groupby("key")["rec"].transform("size")
    too_big = frame.loc[size > max_block, "key"].nunique()
    if too_big:
        skipped[via] = skipped.get(via, 0) + int(too_big)
    frame = frame[(size > 1) & (size <= max_block)]
    if frame.empty:
        return pd.DataFrame(columns=["a", "b", "via"])
    joined = frame.merge(frame, on="key", suffixes=("_a", "_b"))
    joined = joined[joined["rec_a"] < joined["rec_b"]]
    return pd.DataFrame({"a": joined["rec_a"].to_numpy(), "b": joined["rec_b"].to_numpy(), "via": via})


def _allowed(pairs: pd.DataFrame, records: Records, new: np.ndarray | None) -> pd.DataFrame:
    """Drop pairs that can never be duplicates (contact-contact under leads, lead->its contact)."""
    if pairs.empty:
        return pairs
    frame = records.frame
    a, b = pairs["a"].to_numpy(np.int64), pairs["b"].to_numpy(np.int64)
    keep = np.ones(len(pairs), dtype=bool)
    if records.entity == "lead":
        label = frame["label"].to_numpy(dtype=object)
        keep &= ~((label[a] == "Contact") & (label[b] == "Contact"))
    if records.exclude:
        position = {record_id: i for i, record_id in enumerate(frame["id"])}
        n = len(frame)
        codes = {min(position[x], position[y]) * n + max(position[x], position[y])
                 for x, y in records.exclude if x in position and y in position}
        keep &= ~np.isin(a * n + b, np.fromiter(codes, dtype=np.int64, count=len(codes)))
    if new is not None:
        keep &= new[a] | new[b]
    return pairs[keep].reset_index(drop=True)
