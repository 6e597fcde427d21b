"""The scale-out backend: a Neo4j server through the official driver."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import pandas as pd

from graphcrm.registry import Registry
from graphcrm.store.base import Row, Store, frame_records
from graphcrm.store.errors import ConflictError, StoreError, StoreUnavailable


class Neo4jStore(Store):
    """A Neo4j database reached by a ``neo4j://`` or ``bolt://`` URI.

    One driver per store; a session per call or transaction (sessions are not
    shared across threads); reads are routed as reads.
    """

    dialect = "neo4j"

    def __init__(
        self,
        uri: str,
        *,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        registry: Registry | None = None,
    ) -> None:
        super().__init__(registry)
        try:
            import neo4j
        except ImportError as exc:  # pragma: no cover - a dependency of the package
            raise StoreUnavailable("the Neo4j backend needs the 'neo4j' package: pip install neo4j") from exc
        self._neo4j = neo4j
        self.uri = uri
        self.database = database
        auth = (user, password or "") if user else None
        self._driver = neo4j.GraphDatabase.driver(uri, auth=auth)
        try:
            self._driver.verify_connectivity()
        except Exception as exc:
            self._driver.close()
            raise StoreUnavailable(f"cannot reach Neo4j at {uri}: {exc}") from exc

    def describe(self) -> dict[str, Any]:
        """Backend name, server version and URI (without credentials)."""
        info = self._driver.get_server_info()
        return {
            "backend": "neo4j",
            "version": info.agent,
            "location": self.uri,
            "database": self.database or "(default)",
        }

    def close(self) -> None:
        """Close the driver."""
        self._driver.close()

    # -- hooks ----------------------------------------------------------------------

    def _execute(self, text: str, params: Mapping[str, Any], *, write: bool) -> list[Row]:
        params = {k: _bolt(v) for k, v in params.items()}
        tx = getattr(self._local, "tx", None)
        if tx is not None:
            return [_record(r) for r in tx.run(text, params)]
        with self._driver.session(database=self.database) as session:
            work = session.execute_write if write else session.execute_read
            return work(lambda t: [_record(r) for r in t.run(text, params)])

    def _begin(self) -> None:
        session = self._driver.session(database=self.database)
        self._local.session = session
        self._local.tx = session.begin_transaction()

    def _commit(self) -> None:
        try:
            self._local.tx.commit()
        finally:
            self._end()

    def _rollback(self) -> None:
        try:
            self._local.tx.rollback()
        finally:
            self._end()

    def _end(self) -> None:
        self._local.tx = None
        self._local.session.close()
        self._local.session = None

    def _wrap(self, exc: Exception, name: str, params: list[str]) -> StoreError:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if isinstance(exc, self._neo4j.exceptions.TransientError):
            return ConflictError(message, query=name, params=params)
        return StoreError(message, query=name, params=params)

    def _bulk_rels(self, rel: str, from_label: str, to_label: str, frame: Any) -> int:
        # Neo4j sets relationship properties from one map: send them nested.
        props = [c for c in frame.columns if c not in ("from", "to")]
        records = frame_records(frame)
        _check_integers(records, self.model.rels[rel].properties)
        rows = [
            {"from": r["from"], "to": r["to"], "props": {k: r[k] for k in props if r[k] is not None}}
            for r in records
        ]
        self.write_batch("bulk/create_rels", rows, rel=rel, label_from=from_label, label_to=to_label)
        return len(frame)

    def _bulk_nodes(self, label: str, frame: Any) -> int:
        rows = [{k: v for k, v in r.items() if v is not None} for r in frame_records(frame)]
        _check_integers(rows, self.model.nodes[label].properties)
        self.write_batch("bulk/create_nodes", rows, label=label)
        return len(frame)


def _check_integers(rows: list[dict[str, Any]], declared: Mapping[str, str]) -> None:
    """Refuse, naming the column, a value of an INT64 property that a 64-bit integer cannot hold
    (as the embedded backend does; else the driver's error names neither column nor row)."""
    columns = [name for name, kind in declared.items() if kind == "INT64"]
    for row in rows:
        for name in columns:
            value = row.get(name)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and not _INT64[0] <= value <= _INT64[1]:
                raise StoreError(f"column {name!r} cannot be stored as INT64: {value!r} is out of range")


_INT64 = (-(2**63), 2**63 - 1)


def _bolt(value: Any) -> Any:
    """A parameter as the driver packs it fastest: naive datetimes as pandas Timestamps.

    The driver packs both as the same LocalDateTime, but a ``datetime`` through pure-Python
    timezone arithmetic (about 250 us each: seconds of a demo load's 30,000 touch times) and a
    ``Timestamp`` from its epoch nanoseconds (about 3 us).
    """
    if isinstance(value, list):
        return [_bolt(v) for v in value]
    if isinstance(value, dict):
        return {k: _bolt(v) for k, v in value.items()}
    if type(value) is datetime and value.tzinfo is None and _TIMESTAMP_YEARS[0] <= value.year <= _TIMESTAMP_YEARS[1]:
        return pd.Timestamp(value)
    return value


_TIMESTAMP_YEARS = (1678, 2261)  # what a nanosecond Timestamp holds


def _record(record: Any) -> Row:
    return {key: _python(value) for key, value in record.items()}


def _python(value: Any) -> Any:
    """Driver values as plain Python, shaped like the embedded backend's."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        label = next(iter(value.labels), None)
        return {"_label": label, **{k: _python(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: _python(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {"nodes": [_python(n) for n in value.nodes], "rels": [_python(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_python(v) for v in value]
    if isinstance(value, dict):
        return {k: _python(v) for k, v in value.items()}
    if hasattr(value, "to_native"):  # neo4j.time DateTime / Date
        return value.to_native()
    return value
