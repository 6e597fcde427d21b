"""Idempotency keys: a retried API request gets the first answer again instead of writing twice.

A key is remembered per integration with a digest of the request body and the answer. The same
key with a different body is refused (the client reused a key by mistake). Check and write happen
in the same transaction as the capture, and the embedded store runs one write transaction at a
time, so two identical requests racing each other still write once.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timedelta
from typing import Any

from graphcrm.store import Store

KEY = re.compile(r"^[\x21-\x7e]{1,255}$")  # printable ASCII without spaces, as in the IETF draft's examples
KEEP = timedelta(days=7)


class IdempotencyConflict(ValueError):
    """The key was used before for a different request."""


def valid_key(key: str) -> bool:
    return bool(KEY.match(key))


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def recall(store: Store, integration_id: str, key: str, digest: str) -> tuple[int, Any] | None:
    """The stored (status, response) for this key, None if new; IdempotencyConflict if the body differs."""
    rows = store.read("capture/idempotency_get", id=_id(integration_id, key))
    if not rows:
        return None
    if rows[0]["request_hash"] != digest:
        raise IdempotencyConflict(key)
    return int(rows[0]["status"]), json.loads(rows[0]["response"])


def remember(store: Store, integration_id: str, key: str, digest: str, status: int, response: Any,
             now: datetime) -> None:
    store.write("capture/idempotency_put", id=_id(integration_id, key), integration_id=integration_id,
                request_hash=digest, status=status, response=json.dumps(response, ensure_ascii=False, default=str),
                now=now)


def purge(store: Store, now: datetime, keep: timedelta = KEEP) -> int:
    """Forget keys older than ``keep``; return how many."""
    rows = store.write("capture/idempotency_purge", before=now - keep)
    return int(rows[0]["purged"]) if rows else 0


def _id(integration_id: str, key: str) -> str:
    return f"{integration_id}:{key}"
