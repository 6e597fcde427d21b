"""Deterministic node ids, shared by the importer, the demo generator and forms.

The same record always gets the same id, so re-importing a file merges onto
what is there instead of creating copies. Ids are short, URL-safe and carry a
readable prefix (``lead-…``, ``company-…``). Identity nodes (Email, Phone,
Domain) use the normalised value itself as their id.
"""

from __future__ import annotations

from functools import lru_cache

import hashlib
import re

PREFIX = {
    "Lead": "lead",
    "Contact": "contact",
    "Company": "company",
    "Source": "source",
    "Campaign": "campaign",
    "Rep": "rep",
    "Opportunity": "opp",
    "Activity": "activity",
}
_SLUG = re.compile(r"[^0-9a-z\u4e00-\u9fff]+")


def digest(*parts: object, size: int = 16) -> str:
    """A short stable hex digest of the parts (None and "" are distinct from absent)."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=size // 2).hexdigest()


@lru_cache(maxsize=65536)
def record_id(label: str, source_system: str, external_id: str) -> str:
    """Id of a record that came from another system with its own id."""
    return f"{PREFIX[label]}-{digest(label, source_system.casefold(), external_id.strip())}"


def content_id(label: str, *parts: object) -> str:
    """Id of a record without an external id, from its identifying content."""
    return f"{PREFIX[label]}-{digest(label, *parts)}"


@lru_cache(maxsize=65536)
def company_id(company_key: str) -> str:
    """Companies are one node per normalised name (or per domain when nameless)."""
    return f"company-{digest('Company', company_key)}"


@lru_cache(maxsize=65536)
def source_id(name: str) -> str:
    """Sources are one node per channel name, case- and punctuation-insensitive."""
    slug = _SLUG.sub("-", name.casefold()).strip("-")
    return f"source-{slug}" if slug else f"source-{digest(name)}"


@lru_cache(maxsize=65536)
def rep_id(name_or_email: str) -> str:
    """Reps are one node per person, found by email or by name."""
    return f"rep-{digest('Rep', name_or_email.strip().casefold())}"


def touch_key(lead_id: str, campaign_id: str, at: object, kind: str | None) -> str:
    """The identity of one touchpoint, so a re-import does not add it twice."""
    return digest(lead_id, campaign_id, at, kind or "", size=20)
