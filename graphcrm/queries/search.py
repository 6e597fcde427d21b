"""Find nodes by name, email, phone or company: partial, case-insensitive, any script."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from graphcrm.store import Store

# What a search looks through, in the order results are listed when equally good.
SEARCHED = (
    ("Lead", "explore/search_people"),
    ("Contact", "explore/search_people"),
    ("Company", "explore/search_companies"),
    ("Campaign", "explore/search_named"),
    ("Source", "explore/search_named"),
    ("Rep", "explore/search_named"),
)
MAX_QUERY = 200
_MIN_DIGITS = 4


@dataclass(frozen=True)
class Hit:
    """One search result."""

    label: str
    id: str
    name: str
    email: str | None = None
    phone: str | None = None
    company: str | None = None
    status: str | None = None
    rating: str | None = None
    rank: int = 3

    @property
    def key(self) -> str:
        return f"{self.label}:{self.id}"


@dataclass(frozen=True)
class Terms:
    """A query prepared for matching: lowercase text, without spaces, and its digits."""

    text: str
    compact: str
    digits: str


def prepare(query: str) -> Terms | None:
    """Normalise a user's query; None when there is nothing to search for."""
    text = unicodedata.normalize("NFKC", query)[:MAX_QUERY].strip().lower()
    text = re.sub(r"\s+", " ", text)
    if not text:
        return None
    digits = re.sub(r"\D", "", text)
    # "+86 138-0013-8000" and "0138 0013 8000" both find +8613800138000: drop a trunk 0
    if len(digits) >= 10 and digits.startswith("0"):
        digits = digits.lstrip("0")
    looks_like_phone = len(digits) >= _MIN_DIGITS and len(digits) >= len(re.sub(r"[\s\-+().]", "", text)) - 1
    return Terms(text, text.replace(" ", ""), digits if looks_like_phone else "")


def search(store: Store, query: str, *, limit: int = 50, labels: tuple[str, ...] | None = None) -> list[Hit]:
    """Nodes matching ``query``, best first: exact name, then prefix, then anywhere."""
    terms = prepare(query)
    if terms is None:
        return []
    limit = max(1, min(int(limit), 500))
    hits: list[Hit] = []
    for label, name in SEARCHED:
        if labels and label not in labels:
            continue
        params = {"text": terms.text, "compact": terms.compact, "digits": terms.digits, "limit": limit}
        if name != "explore/search_companies":
            params["label"] = label
        for row in store.read(name, **params):
            hits.append(_hit(label, row, terms))
    order = {label: i for i, (label, _) in enumerate(SEARCHED)}
    hits.sort(key=lambda h: (h.rank, order[h.label], h.name.lower(), h.id))
    return hits[:limit]


def _hit(label: str, row: dict, terms: Terms) -> Hit:
    name = row.get("name") or row.get("email") or row["id"]
    lowered = str(name).lower()
    if lowered == terms.text or (row.get("email") or "") == terms.text:
        rank = 0
    elif lowered.startswith(terms.text):
        rank = 1
    elif terms.text in lowered:
        rank = 2
    else:
        rank = 3
    return Hit(label, row["id"], str(name), row.get("email"), row.get("phone"), row.get("company"),
               row.get("status"), row.get("rating"), rank)
