"""Scoring and assignment configuration: TOML text, shipped defaults, edits kept in the graph.

An admin's edited configuration is stored as text in a ``Meta`` node (``config/scoring``,
``config/assignment``); without one, the default file shipped in this package applies.
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from importlib import resources
from typing import Any

from graphcrm.store import Store

DEFAULT_FILES = {"scoring": "default_scoring.toml", "assignment": "default_assignment.toml"}


class ConfigError(ValueError):
    """A configuration that cannot be used, with a message that says where."""


def default_text(kind: str) -> str:
    """The shipped default configuration ``kind`` ("scoring" or "assignment")."""
    return resources.files("graphcrm.manage").joinpath(DEFAULT_FILES[kind]).read_text(encoding="utf-8")


def stored_text(store: Store, kind: str) -> str:
    """The configuration in force: the stored edit, else the shipped default."""
    rows = store.read("meta/get", id=f"config/{kind}")
    return rows[0]["value"] if rows and rows[0]["value"] else default_text(kind)


def save_text(store: Store, kind: str, text: str, now: datetime) -> None:
    """Store an edited configuration (the caller has validated it)."""
    if kind not in DEFAULT_FILES:
        raise ValueError(kind)
    store.write("meta/set", id=f"config/{kind}", value=text, now=now)


def parse_toml(text: str) -> dict[str, Any]:
    """TOML to a dict; a syntax error becomes a ConfigError with its line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}") from exc


def number(table: dict[str, Any], key: str, default: float | None = None, *, where: str) -> float:
    """A number from ``table`` (or ``default``); ConfigError when it is something else."""
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{where}: {key} must be a number")
    return float(value)


def words(table: dict[str, Any], key: str, *, where: str) -> tuple[str, ...] | None:
    """A list of strings from ``table`` (None when absent); ConfigError otherwise."""
    if key not in table:
        return None
    value = table[key]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: {key} must be a list of words")
    return tuple(v.strip() for v in value)
