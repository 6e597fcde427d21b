"""Column helpers: a normaliser applied once per distinct cell of a column, not once per row.

Import columns repeat a lot (sources, owners, company names, campaign and lead ids), so
the columnar paths compute each distinct value once and map the results back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphcrm.ingest.normalise import InvalidValue, clean_text

_TEXT_TYPES = {str, type(None)}


def each(values: list[Any], parse: Callable[[Any], Any]) -> tuple[list[Any], dict[int, str]]:
    """``parse`` over a column, once per distinct text: the values, and the error reason by row index.

    Blank cells (None) stay None. Only text columns share results: 1, 1.0 and True are one dict
    key but not the same cell (spreadsheets give all three), so other columns go cell by cell.
    """
    results: dict[Any, Any] = {None: None}
    failed: dict[Any, str] = {}
    if set(map(type, values)) <= _TEXT_TYPES:
        for value in dict.fromkeys(values):
            if value is None:
                continue
            try:
                results[value] = parse(value)
            except InvalidValue as exc:
                results[value] = None
                failed[value] = str(exc)
        out = list(map(results.__getitem__, values))
        errors = {i: failed[v] for i, v in enumerate(values) if v in failed} if failed else {}
        return out, errors
    out, errors = [], {}
    for i, value in enumerate(values):
        try:
            out.append(None if value is None else parse(value))
        except InvalidValue as exc:
            out.append(None)
            errors[i] = str(exc)
    return out, errors


def per_distinct(function: Callable[..., Any], *columns: list[Any]) -> list[Any]:
    """``function`` of one cell from each column, computed once per distinct combination.

    The columns hold text or None (cleaned cells), so equal keys are equal cells.
    """
    keys = list(zip(*columns, strict=True))
    table = {key: function(*key) for key in dict.fromkeys(keys)}
    return list(map(table.__getitem__, keys))


def per_distinct_raw(function: Callable[[Any], Any], values: list[Any]) -> list[Any]:
    """``function`` of a raw cell, once per distinct text (other cells one by one)."""
    if set(map(type, values)) <= _TEXT_TYPES:
        table = {v: function(v) for v in dict.fromkeys(values)}
        return list(map(table.__getitem__, values))
    return [function(v) for v in values]


def texts(values: list[Any]) -> list[str | None]:
    """``clean_text`` over a column, once per distinct cell."""
    return each(values, clean_text)[0]
