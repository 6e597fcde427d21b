"""Request parameters converted and bounded before they reach a query."""

from __future__ import annotations

from flask import request

from graphcrm.model import load_model
from graphcrm.queries.subgraph import EXPLORABLE


class BadRequest(ValueError):
    """A request parameter that cannot be used; the message says which and why."""


def integer(name: str, default: int, low: int, high: int) -> int:
    """``?name=`` as an int in ``[low, high]``."""
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number") from None
    if not low <= value <= high:
        raise BadRequest(f"{name} must be between {low} and {high}")
    return value


def names(name: str, allowed: tuple[str, ...] | list[str]) -> list[str] | None:
    """``?name=A,B`` (or repeated) as a list of allowed names; None when absent."""
    raw = [part for value in request.args.getlist(name) for part in value.split(",") if part.strip()]
    if not raw:
        return None
    chosen = [part.strip() for part in raw]
    unknown = [c for c in chosen if c not in allowed]
    if unknown:
        raise BadRequest(f"{name}: unknown {', '.join(sorted(set(unknown))[:5])}")
    return chosen


def labels(name: str = "labels") -> list[str] | None:
    """Node labels users may filter by."""
    return names(name, EXPLORABLE)


def types(name: str = "types") -> list[str] | None:
    """Relationship types from the model."""
    return names(name, load_model().rel_types)


def node_key(name: str, *, required: bool = True) -> tuple[str, str] | None:
    """``?name=Label:id`` as (label, id)."""
    raw = (request.args.get(name) or "").strip()
    if not raw:
        if required:
            raise BadRequest(f"{name} is required (Label:id)")
        return None
    label, sep, node_id = raw.partition(":")
    if not sep or label not in EXPLORABLE or not node_id or len(node_id) > 500:
        raise BadRequest(f"{name} must be Label:id with a known label")
    return label, node_id


def text(name: str, *, limit: int = 200) -> str:
    """``?name=`` as text, cut to ``limit`` characters."""
    return (request.args.get(name) or "")[:limit]
