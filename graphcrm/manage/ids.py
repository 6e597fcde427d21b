"""Ids for the nodes lead management creates."""

from __future__ import annotations

import uuid


def new_id(prefix: str) -> str:
    """A fresh id such as ``contact-3f2a…``: random, so concurrent actions never collide."""
    return f"{prefix}-{uuid.uuid4().hex[:16]}"
