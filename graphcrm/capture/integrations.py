"""Integrations: systems that send leads through the intake API, each with its own token and scope.

The scope is one lead source (every lead it sends is recorded as coming from it) and at most one
campaign (the only campaign its leads may touch). Tokens are shown once and stored as SHA-256
digests, like users' API tokens.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graphcrm.ingest.normalise.phone import phone_region
from graphcrm.ingest.write import existing_ids
from graphcrm.store import Store
from graphcrm.clock import utc_now

TOKEN_PREFIX = "gcrmi_"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$")


class IntegrationError(ValueError):
    """An integration that cannot be made or changed."""


@dataclass(frozen=True)
class Integration:
    """A system allowed to send leads, and what it may write."""

    id: str
    name: str
    source_name: str
    campaign_id: str | None
    region: str
    active: bool
    created_by: str | None = None
    created_at: datetime | None = None
    last_used_at: datetime | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Integration:
        return cls(row["id"], row["name"], row["source_name"], row["campaign_id"], row["region"] or "US",
                   bool(row["active"]), row.get("created_by"), row.get("created_at"), row.get("last_used_at"))


def integration_id(name: str) -> str:
    """The id of the integration called ``name`` (names are unique, case-insensitively)."""
    return "int-" + re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")


def create_integration(store: Store, name: str, *, source_name: str, campaign_id: str | None = None,
                       region: str = "US", by: str | None = None, now: datetime | None = None) -> tuple[Integration, str]:
    """Make an integration and return it with its token (shown this once)."""
    name, source_name = name.strip(), (source_name or "").strip()
    if not _NAME.match(name):
        raise IntegrationError("name: 1-64 letters, digits, spaces, dots, dashes or underscores")
    if not source_name or len(source_name) > 100:
        raise IntegrationError("source: give the lead source this integration's leads come from")
    region = phone_region(region)
    if campaign_id and not existing_ids(store, "Campaign", [campaign_id]):
        raise IntegrationError(f"no campaign {campaign_id!r}")
    new_id = integration_id(name)
    if get_integration(store, new_id) is not None:
        raise IntegrationError(f"an integration called {name!r} exists already")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    store.write("capture/integration_create", id=new_id, name=name, token_hash=_digest(token),
                source_name=source_name, campaign_id=campaign_id or None, region=region, by=by, now=now or _now())
    created = get_integration(store, new_id)
    assert created is not None
    return created, token


def get_integration(store: Store, integration: str) -> Integration | None:
    """One integration by id, or None."""
    rows = store.read("capture/integration_get", id=integration)
    return Integration.from_row(rows[0]) if rows else None


def list_integrations(store: Store) -> list[Integration]:
    """Every integration, by name."""
    return [Integration.from_row(r) for r in store.read("capture/integration_list")]


def integration_for_token(store: Store, token: str) -> Integration | None:
    """The active integration a token belongs to, or None."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    rows = store.read("capture/integration_by_token", token_hash=_digest(token))
    found = get_integration(store, rows[0]["id"]) if rows else None
    return found if found is not None and found.active else None


def set_active(store: Store, integration: str, active: bool, *, now: datetime | None = None) -> None:
    """Switch an integration off (its token stops working at once) or on again."""
    if not store.write("capture/integration_update", id=integration, active=active, token_hash=None,
                       now=now or _now()):
        raise IntegrationError(f"no integration {integration!r}")


def new_token(store: Store, integration: str, *, now: datetime | None = None) -> str:
    """Replace an integration's token (the old one stops working) and return the new one."""
    found = get_integration(store, integration)
    if found is None:
        raise IntegrationError(f"no integration {integration!r}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    store.write("capture/integration_update", id=integration, active=found.active, token_hash=_digest(token),
                now=now or _now())
    return token


def mark_used(store: Store, integration: str, now: datetime) -> None:
    store.write("capture/integration_used", id=integration, now=now)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> datetime:
    return utc_now()
