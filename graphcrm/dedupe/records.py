"""The records deduplication compares, read from the graph once, with matching keys added.

Names are reduced to ASCII letters (Chinese through pinyin), so 李桂花 and "Guihua Li"
compare letter by letter; phonetic keys come from jellyfish (metaphone).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import jellyfish
import pandas as pd
from pypinyin import lazy_pinyin

from graphcrm.ingest.normalise import has_cjk
from graphcrm.store import Store

ENTITIES = ("lead", "contact", "company")
# entity -> labels whose records take part (leads are also compared with contacts)
LABELS = {"lead": ("Lead", "Contact"), "contact": ("Contact",), "company": ("Company",)}
# identity links that pair records directly: (relationship, identity label) per record label.
# Domains and companies are hubs: their keys (company_key, email domain) only block with a second key.
IDENTITIES = {
    "Lead": (("HAS_EMAIL", "Email"), ("HAS_PHONE", "Phone")),
    "Contact": (("HAS_EMAIL", "Email"), ("HAS_PHONE", "Phone")),
    "Company": (("HAS_DOMAIN", "Domain"), ("HAS_PHONE", "Phone")),
}
_NOT_LETTERS = re.compile(r"[^a-z]+")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


@dataclass
class Records:
    """One entity's records as a frame (row order = record index) and their identity links."""

    entity: str
    frame: pd.DataFrame
    links: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["rec", "kind", "key"]))
    exclude: set[tuple[str, str]] = field(default_factory=set)  # pairs that are never duplicates

    def __len__(self) -> int:
        return len(self.frame)


def load_records(store: Store, entity: str) -> Records:
    """Read the records of ``entity`` (tombstones left out) with derived keys and identity links."""
    if entity not in ENTITIES:
        raise ValueError(f"unknown entity {entity!r}: one of {', '.join(ENTITIES)}")
    frames = []
    for label in LABELS[entity]:
        rows = store.read("dedupe/companies") if label == "Company" else store.read("dedupe/people", label=label)
        frame = pd.DataFrame(rows)
        if len(frame):
            frame.insert(1, "label", label)
            frames.append(frame)
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["id", "label"])
    frame = add_keys(frame, entity)
    index = pd.Series(range(len(frame)), index=frame["id"].to_numpy()) if len(frame) else pd.Series(dtype=int)
    link_frames = []
    for label in LABELS[entity]:
        for rel, target in IDENTITIES[label]:
            rows = store.read("dedupe/identity_links", label=label, rel=rel, label_to=target)
            if rows:
                links = pd.DataFrame(rows)
                links["rec"] = index.reindex(links["id"]).to_numpy()
                links["kind"] = target
                link_frames.append(links.dropna(subset=["rec"])[["rec", "kind", "key"]])
    links = pd.concat(link_frames, ignore_index=True) if link_frames else pd.DataFrame(columns=["rec", "kind", "key"])
    links["rec"] = links["rec"].astype(int)
    exclude: set[tuple[str, str]] = set()
    if entity == "lead":
        exclude = {(r["a"], r["b"]) for r in store.read("dedupe/converted_pairs")}
    return Records(entity, frame, links.drop_duplicates(ignore_index=True), exclude)


def add_keys(frame: pd.DataFrame, entity: str) -> pd.DataFrame:
    """Add the normalised comparison columns (``k_*``) to a frame of records."""
    frame = frame.copy()
    for column in ("first_name", "last_name", "name", "email", "phone", "mobile", "company_key", "company_name",
                   "street", "city", "postcode", "extra", "name_key", "pinyin_key", "domain", "website"):
        if column not in frame:
            frame[column] = None
    frame = frame.astype({c: object for c in frame.columns if frame[c].dtype != object and c not in (
        "created_at", "updated_at")})
    frame = frame.where(frame.notna(), None)
    if entity == "company":
        frame["k_first"] = None
        frame["k_last"] = None
        frame["k_name"] = [letters(n) for n in frame["name"]]
        frame["k_company"] = frame["name_key"]
    else:
        frame["k_first"] = [letters(n) for n in frame["first_name"]]
        frame["k_last"] = [letters(n) for n in frame["last_name"]]
        frame["k_name"] = [letters(n) for n in frame["name"]]
        frame["k_company"] = frame["company_key"]
    frame["k_first_phon"] = [phonetic(n) for n in frame["k_first"]]
    frame["k_last_phon"] = [phonetic(n) for n in frame["k_last"]]
    frame["k_email_local"] = [email_local(e) for e in frame["email"]]
    frame["k_phone"] = [p or m for p, m in zip(frame["phone"], frame["mobile"], strict=True)]
    frame["k_city"] = [_lower(c) for c in frame["city"]]
    frame["k_postcode"] = [_NOT_ALNUM.sub("", str(p).lower()) or None if p else None for p in frame["postcode"]]
    frame["k_street"] = [_lower(s) for s in frame["street"]]
    frame["k_extra"] = [_extra(x) for x in frame["extra"]]
    return frame


@lru_cache(maxsize=200_000)
def letters(text: str | None) -> str | None:
    """Lowercase ASCII letters of a name; Chinese characters become pinyin ("桂花" -> "guihua")."""
    if not text:
        return None
    if has_cjk(text):
        text = "".join(lazy_pinyin(text))
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return _NOT_LETTERS.sub("", ascii_text) or None


@lru_cache(maxsize=200_000)
def phonetic(name: str | None) -> str | None:
    """A phonetic key (metaphone) of a letters-only name."""
    return jellyfish.metaphone(name) or None if name else None


def email_local(email: str | None) -> str | None:
    """The letters of an email's local part ("John.Smith+cfo12@x.com" -> "johnsmith")."""
    if not email or "@" not in email:
        return None
    local = email.split("@", 1)[0].split("+", 1)[0].lower()
    return _NOT_LETTERS.sub("", local) or None


def _lower(text: Any) -> str | None:
    return str(text).strip().lower() or None if text else None


def _extra(text: Any) -> dict[str, str] | None:
    if not text:
        return None
    try:
        values = json.loads(text)
    except ValueError:
        return None
    if not isinstance(values, dict):
        return None
    return {str(k): str(v).strip().lower() for k, v in values.items() if v not in (None, "")} or None
