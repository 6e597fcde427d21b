"""The Store interface: named queries in, plain Python rows out.

Public methods are written once here; a backend implements the small hooks
``_execute``, ``_begin``/``_commit``/``_rollback`` and the bulk paths.
"""

from __future__ import annotations

import json
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from graphcrm.model import Model, load_model
from graphcrm.registry import Registry, default_registry
from graphcrm.store.errors import StoreError

Row = dict[str, Any]

SCHEMA_QUERY = "schema/graph"
SCHEMA_VERSION = 7  # the schema files hold every migration up to this one (2: Merge audit, 4: users, 5: lead management, 6: capture, 7: scored_at; 3 unused)
MIGRATIONS_PREFIX = "schema/migrations/"


@dataclass
class Counts:
    """How many nodes per label and relationships per type the graph holds."""

    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, dict[str, int]]:
        """The JSON shape ``info --json`` prints."""
        return {"nodes": dict(self.nodes), "relationships": dict(self.relationships)}


class Store(ABC):
    """One graph database, reached through named Cypher queries."""

    dialect: str = ""

    def __init__(self, registry: Registry | None = None, model: Model | None = None) -> None:
        self.registry = registry or default_registry()
        self.model = model or load_model()
        self._local = threading.local()
        self._generation = 0  # bumped by every write through this store: what read_cached keys on
        self._cache: dict[tuple[str, str], tuple[int, float, list[Row]]] = {}
        self._cache_lock = threading.Lock()

    # -- public API ---------------------------------------------------------------

    def read(self, name: str, /, **params: Any) -> list[Row]:
        """Run a read query by name; return its rows as dicts."""
        return self._run_named(name, params, write=False)

    def read_frame(self, name: str, /, **params: Any) -> pd.DataFrame:
        """Run a read query by name; return its rows as a DataFrame (one column per returned name).

        For large results: the embedded backend hands the columns over as Arrow
        arrays, without a Python object per value (about 4x faster at a million rows).
        """
        return self._run_named(name, params, write=False, frame=True)

    def read_cached(self, name: str, /, *, max_age: float = 30.0, **params: Any) -> list[Row]:
        """``read``, answered from memory while this store has written nothing since and the
        answer is younger than ``max_age`` seconds: for what many pages show and few writes change
        (the reps and their loads in a picker). Writes by other processes show within ``max_age``."""
        if self._in_transaction():
            return self.read(name, **params)
        key = (name, repr(sorted(params.items())))
        now = time.monotonic()
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit and hit[0] == self._generation and now - hit[1] < max_age:
                return [dict(row) for row in hit[2]]
            generation = self._generation
        rows = self.read(name, **params)
        with self._cache_lock:
            self._cache[key] = (generation, now, rows)
        return [dict(row) for row in rows]

    def write(self, name: str, /, **params: Any) -> list[Row]:
        """Run a write query by name in its own transaction (or the open one)."""
        return self._run_named(name, params, write=True)

    def write_batch(
        self, name: str, rows: Iterable[Mapping[str, Any]], /, *, batch_size: int = 5000, **params: Any
    ) -> int:
        """Run an ``UNWIND $rows`` query over ``rows`` in chunks; each chunk is one transaction.

        Inside an open ``transaction()`` every chunk joins it instead.
        Returns the number of rows sent.
        """
        sent = 0
        for chunk in _chunks(rows, batch_size):
            if self._in_transaction():
                self._run_named(name, {**params, "rows": chunk}, write=True)
            else:
                with self.transaction():
                    self._run_named(name, {**params, "rows": chunk}, write=True)
            sent += len(chunk)
        return sent

    @contextmanager
    def small_writes(self) -> Iterator[None]:
        """A hint that the bulk writes inside are a few rows each (one captured lead): a backend
        may then avoid its bulk-load path. Here: nothing to change."""
        yield

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """A write transaction: commit on success, roll back on any exception.

        Nested use joins the outer transaction. Inside, ``read``/``write`` run in it.
        """
        if self._in_transaction():
            yield self
            return
        with self._write_guard():
            self._begin()
            self._local.in_tx = True
            try:
                yield self
            except BaseException:
                self._local.in_tx = False
                self._rollback()
                raise
            else:
                self._local.in_tx = False
                self._commit()
            finally:
                self._generation += 1

    def lock(self, name: str) -> None:
        """Run this transaction's unit of work one at a time with every other that locks ``name``.

        For work that reads, decides and writes (an import chunk, a capture, a merge) and must not
        interleave with a concurrent copy of itself. The embedded store needs nothing: it runs one
        write transaction at a time. Neo4j holds a write lock on a lock node until commit.
        """

    def setup_schema(self) -> int:
        """Create the schema if missing and apply pending migrations; return the version.

        Idempotent: running it on an up-to-date database changes nothing.
        """
        if self._schema_is_current():
            return SCHEMA_VERSION
        with self._write_guard():
            for statement in self.registry.statements(SCHEMA_QUERY, self.dialect):
                self._execute_checked(SCHEMA_QUERY, statement, {}, write=True)
        current = self.schema_version()
        if current is None:
            self._set_meta("schema_version", str(SCHEMA_VERSION))
            return SCHEMA_VERSION
        for number, name in self._migrations():
            if number > current:
                with self._write_guard():
                    for statement in self.registry.statements(name, self.dialect):
                        self._execute_checked(name, statement, {}, write=True)
                self._set_meta("schema_version", str(number))
                current = number
        return current

    def wipe(self) -> int:
        """Delete every node and relationship, in bounded batches; keep the schema. Returns the nodes deleted."""
        deleted = 0
        while batch := self.write("admin/wipe")[0]["deleted"]:
            deleted += batch
        return deleted

    def schema_problems(self) -> list[str]:
        """What the schema lacks against the one the code declares (empty when whole)."""
        held = {row["name"] for row in self.read("meta/schema_objects")}
        return [f"node table {name}" for name in self.model.labels if name not in held]

    def _schema_is_current(self) -> bool:
        """True when ``setup_schema`` has nothing to do (the embedded DDL is cheap: always run it)."""
        return False

    def schema_version(self) -> int | None:
        """The schema version stored in the database, or None before ``setup_schema``."""
        try:
            rows = self.read("meta/get", id="schema_version")
        except StoreError:
            return None
        return int(rows[0]["value"]) if rows else None

    def counts(self) -> Counts:
        """Nodes per label and relationships per type (zero for empty ones)."""
        counts = Counts(
            nodes=dict.fromkeys(self.model.labels, 0),
            relationships=dict.fromkeys(self.model.rel_types, 0),
        )
        for row in self.read("meta/count_nodes"):
            counts.nodes[row["label"]] = row["n"]
        for row in self.read("meta/count_relationships"):
            counts.relationships[row["type"]] = row["n"]
        return counts

    def bulk_create_nodes(self, label: str, frame: pd.DataFrame) -> int:
        """Create many new nodes of one label fast (no MERGE: ids must be new)."""
        self.model.label(label)
        return self._bulk_nodes(label, frame) if len(frame) else 0

    def bulk_create_rels(self, rel: str, from_label: str, to_label: str, frame: pd.DataFrame) -> int:
        """Create many new relationships fast; ``frame`` has ``from``, ``to`` and property columns."""
        rel_type = self.model.rels[self.model.rel_type(rel)]
        if (from_label, to_label) not in rel_type.endpoints:
            raise ValueError(f"{rel} does not join {from_label} to {to_label}")
        return self._bulk_rels(rel, from_label, to_label, frame) if len(frame) else 0

    @abstractmethod
    def describe(self) -> dict[str, Any]:
        """Backend name, version and location, for ``info`` and test headers."""

    @abstractmethod
    def close(self) -> None:
        """Release the database or driver."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- hooks for backends -------------------------------------------------------

    @abstractmethod
    def _execute(self, text: str, params: Mapping[str, Any], *, write: bool) -> list[Row]:
        """Run one statement (in the open transaction, if any) and return rows."""

    @abstractmethod
    def _begin(self) -> None: ...

    @abstractmethod
    def _commit(self) -> None: ...

    @abstractmethod
    def _rollback(self) -> None: ...

    @contextmanager
    def _write_guard(self) -> Iterator[None]:
        """Serialise writers where the backend needs it (the embedded database does)."""
        yield

    def _bulk_nodes(self, label: str, frame: pd.DataFrame) -> int:
        self.write_batch("bulk/create_nodes", frame_records(frame), label=label)
        return len(frame)

    def _bulk_rels(self, rel: str, from_label: str, to_label: str, frame: pd.DataFrame) -> int:
        self.write_batch(
            "bulk/create_rels", frame_records(frame), rel=rel, label_from=from_label, label_to=to_label
        )
        return len(frame)

    # -- shared machinery ---------------------------------------------------------

    def _in_transaction(self) -> bool:
        return getattr(self._local, "in_tx", False)

    def _execute_frame(self, text: str, params: Mapping[str, Any]) -> pd.DataFrame:
        """Run one read statement and return a DataFrame; backends may override with a columnar path."""
        return pd.DataFrame(self._execute(text, params, write=False))

    def _run_named(self, name: str, params: dict[str, Any], *, write: bool, frame: bool = False) -> Any:
        identifiers = {k: params.pop(k) for k in list(params) if k.startswith(("label", "rel", "prop"))}
        text = self.registry.text(name, self.dialect, **identifiers)
        expected = self.registry.file(name, self.dialect).parameters
        if missing := expected - params.keys():
            raise StoreError(f"missing parameters {sorted(missing)}", query=name, params=sorted(params))
        params = {k: v for k, v in params.items() if k in expected}
        if write and not self._in_transaction():
            try:  # a write inside a transaction counts when the transaction ends
                with self._write_guard():
                    return self._execute_checked(name, text, params, write=True)
            finally:
                self._generation += 1
        return self._execute_checked(name, text, params, write=write, frame=frame)

    def _execute_checked(
        self, name: str, text: str, params: Mapping[str, Any], *, write: bool, frame: bool = False
    ) -> Any:
        try:
            if frame:
                return self._execute_frame(text, params)
            return self._execute(text, params, write=write)
        except StoreError:
            raise
        except Exception as exc:  # every backend error leaves here as one type
            raise self._wrap(exc, name, list(params)) from exc

    def _wrap(self, exc: Exception, name: str, params: list[str]) -> StoreError:
        return StoreError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, query=name, params=params)

    def _set_meta(self, key: str, value: str) -> None:
        self.write("meta/set", id=key, value=value, now=pd.Timestamp.now("UTC").tz_localize(None).to_pydatetime())

    def _migrations(self) -> list[tuple[int, str]]:
        found = []
        for name in self.registry.names():
            if name.startswith(MIGRATIONS_PREFIX):
                number = name[len(MIGRATIONS_PREFIX):].split("_", 1)[0]
                found.append((int(number), name))
        return sorted(found)


def _chunks(rows: Iterable[Mapping[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(dict(row))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as plain dicts: NaN/NaT become None, Timestamps datetimes."""
    clean = frame.astype(object).where(frame.notna(), None)
    return [
        {k: (v.to_pydatetime() if isinstance(v, pd.Timestamp) else v) for k, v in row.items()}
        for row in clean.to_dict("records")
    ]


def dumps(value: Any) -> str:
    """JSON for properties stored as text (extra columns, reasons, counts)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
