"""The scale-out backend: a Neo4j server through the official driver."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import pandas as pd

try:  # imported once here: _python runs for every value of every row
    from neo4j.graph import Node, Path, Relationship
except ImportError:  # pragma: no cover - Neo4jStore() says what to install
    Node = Path = Relationship = ()  # type: ignore[assignment,misc]

from graphcrm.registry import Registry
from graphcrm.store.base import Row, Store
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
        tx = getattr(self._local, "tx", None)
        if tx is not None:
            return [_record(r) for r in tx.run(text, dict(params))]
        with self._driver.session(database=self.database) as session:
            work = session.execute_write if write else session.execute_read
            return work(lambda t: [_record(r) for r in t.run(text, dict(params))])

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
        ends = zip(_bolt_values(frame["from"]), _bolt_values(frame["to"]), strict=True)
        rows = [{"from": a, "to": b, "props": p} for (a, b), p in zip(ends, _bolt_maps(frame, props), strict=True)]
        self.write_batch("bulk/create_rels", rows, rel=rel, label_from=from_label, label_to=to_label,
                         batch_size=BULK_BATCH)
        return len(frame)

    def _bulk_nodes(self, label: str, frame: Any) -> int:
        self.write_batch("bulk/create_nodes", _bolt_maps(frame, list(frame.columns)), label=label,
                         batch_size=BULK_BATCH)
        return len(frame)


BULK_BATCH = 10_000  # rows per UNWIND statement of a bulk write (each joins the open transaction, if any)


def _bolt_values(column: pd.Series) -> list[Any]:
    """One column's values as the driver packs them fastest: None for missing, and every timestamp
    as a ``pandas.Timestamp`` (the driver turns a ``datetime`` into Bolt through its own time
    classes, about 0.5 ms each: 5,000 dates were 3 of a 5,000-row batch's 3.7 s; a Timestamp is
    one division)."""
    missing = column.isna().to_numpy()
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        values: list[Any] = list(column.array)
    else:
        values = column.astype(object).tolist()
    return [None if gone else (pd.Timestamp(v) if type(v) is datetime else v)
            for v, gone in zip(values, missing, strict=True)]


def _bolt_maps(frame: pd.DataFrame, names: list[str]) -> list[dict[str, Any]]:
    """Each row of ``frame`` as a property map of ``names``, without the missing values (Neo4j
    stores no nulls: ``SET n = map`` would drop them anyway)."""
    if not names:
        return [{} for _ in range(len(frame))]
    columns = [_bolt_values(frame[name]) for name in names]
    return [{k: v for k, v in zip(names, row, strict=True) if v is not None} for row in zip(*columns, strict=True)]


def _record(record: Any) -> Row:
    return {key: _python(value) for key, value in record.items()}


def _python(value: Any) -> Any:
    """Driver values as plain Python, shaped like the embedded backend's."""
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
