"""The embedded backend: LadybugDB (a Kùzu fork) in-process, at a file path."""

from __future__ import annotations

import os

import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from graphcrm.registry import Registry
from graphcrm.store.base import Row, Store
from graphcrm.store.errors import ConflictError, StoreError, StoreLocked, StoreUnavailable

_LOCK_PID = re.compile(r"Lock is held by PID (\d+)")
_ARROW = {
    "STRING": pa.string(),
    "INT64": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "TIMESTAMP": pa.timestamp("us"),
    "DATE": pa.date32(),
}


class LadybugStore(Store):
    """A LadybugDB database file opened in this process.

    LadybugDB allows one write transaction at a time, so writes are serialised
    by a process-wide lock; reads run concurrently, one connection per thread.
    """

    dialect = "ladybug"

    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool = False,
        buffer_pool_mb: int = 1024,
        registry: Registry | None = None,
    ) -> None:
        super().__init__(registry)
        try:
            import ladybug
        except ImportError as exc:  # pragma: no cover - a dependency of the package
            raise StoreUnavailable("the embedded backend needs the 'ladybug' package: pip install ladybug") from exc
        self.path = str(Path(path).expanduser())
        self.read_only = read_only
        self._lb = ladybug
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            with private_files():  # a new database file (and its WAL) is for its owner only: 0600
                self._db = ladybug.Database(
                    self.path, read_only=read_only, buffer_pool_size=buffer_pool_mb * 1024 * 1024
                )
        except RuntimeError as exc:
            raise _locked_or_unavailable(self.path, exc) from exc
        self._writer = threading.RLock()
        self._connections: list[Any] = []
        self._connections_lock = threading.Lock()
        self._stored_columns: dict[str, list[str]] = {}

    def describe(self) -> dict[str, Any]:
        """Backend name, package version and file path."""
        return {
            "backend": "ladybug",
            "version": getattr(self._lb, "__version__", "unknown"),
            "location": self.path,
            "read_only": self.read_only,
        }

    def close(self) -> None:
        """Close every connection and the database."""
        with self._connections_lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()
        if self._db is not None:
            self._db.close()
            self._db = None

    # -- hooks ----------------------------------------------------------------------

    def _connection(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if self._db is None:
                raise StoreError("the database is closed")
            conn = self._lb.Connection(self._db)
            self._local.conn = conn
            with self._connections_lock:
                self._connections.append(conn)
        return conn

    def _execute(self, text: str, params: Mapping[str, Any], *, write: bool) -> list[Row]:
        result = self._connection().execute(text, dict(params))
        results = result if isinstance(result, list) else [result]
        rows: list[Row] = []
        for res in results:
            columns = res.get_column_names()
            rows = [dict(zip(columns, (_python(v) for v in values), strict=True)) for values in res.get_all()]
            res.close()
        return rows

    def _execute_frame(self, text: str, params: Mapping[str, Any]) -> pd.DataFrame:
        result = self._connection().execute(text, dict(params))
        results = result if isinstance(result, list) else [result]
        for res in results[:-1]:
            res.close()
        table = results[-1].get_as_arrow(chunk_size=1_000_000)
        results[-1].close()
        return table.to_pandas()

    @contextmanager
    def _write_guard(self) -> Iterator[None]:
        if self.read_only:
            raise StoreError(f"database {self.path} is open read-only")
        with self._writer, private_files():  # the WAL is made anew after each checkpoint
            yield

    def _begin(self) -> None:
        self._connection().execute("BEGIN TRANSACTION")

    def _commit(self) -> None:
        self._connection().execute("COMMIT")
        self._recycle_after_copy()

    def _rollback(self) -> None:
        try:
            self._connection().execute("ROLLBACK")
        except RuntimeError as exc:
            # An error inside a LadybugDB transaction already rolled it back.
            if "No active transaction" not in str(exc):
                raise
        finally:
            self._recycle_after_copy()

    def _recycle_after_copy(self) -> None:
        """Close this thread's connection if it ran ``COPY ... FROM $rows``: LadybugDB 0.22
        keeps every Arrow table passed to COPY alive until its connection closes, so a bulk
        load would otherwise hold all its data in memory (100k demo: 2.4 GB -> ~1 GB)."""
        if not getattr(self._local, "copied", False):
            return
        self._local.copied = False
        conn = getattr(self._local, "conn", None)
        if conn is None:
            self._local.kept = []
            return
        with self._connections_lock:
            if conn in self._connections:
                self._connections.remove(conn)
        self._local.conn = None
        conn.close()
        self._local.kept = []

    def _wrap(self, exc: Exception, name: str, params: list[str]) -> StoreError:
        message = str(exc).splitlines()[0]
        if "write transaction at a time" in message:
            return ConflictError(message, query=name, params=params)
        return StoreError(message, query=name, params=params)

    # -- bulk paths: COPY from a DataFrame (150k+ rows/s); LOAD FROM + CREATE for a few rows -----

    def setup_schema(self) -> int:
        self._stored_columns.clear()
        try:
            return super().setup_schema()
        finally:
            self._stored_columns.clear()

    def _in_stored_order(self, query: str, slot: dict[str, str], declared: dict[str, str]) -> dict[str, str]:
        """``declared`` columns in the order the database holds them: COPY matches by position,
        and a migrated table has its added columns at the end, unlike the schema file."""
        key = f"{query}:{next(iter(slot.values()))}"
        order = self._stored_columns.get(key)
        if order is None:
            rows = self._run_named(query, dict(slot), write=False)
            order = self._stored_columns[key] = [r["name"] for r in rows]
        if set(order) != set(declared):  # a table the schema file does not describe: let COPY say so
            return declared
        return {name: declared[name] for name in order}

    @contextmanager
    def small_writes(self) -> Iterator[None]:
        """Inside, nodes and relationships (up to SMALL_LOAD rows a call) are created with
        ``LOAD FROM`` + ``CREATE`` instead of COPY, which costs seconds on a large table however few
        the rows. Opt-in, for captures: imports keep COPY, because with LadybugDB 0.22 an import
        that later updated relationships created this way crashed (a segfault reading them back)
        in 3 runs of 7, and after a SIGKILL an import whose nodes were created this way and
        relationships by COPY came back with a committed chunk's relationships missing."""
        before = getattr(self._local, "small_rels", False)
        self._local.small_rels = True
        try:
            yield
        finally:
            self._local.small_rels = before

    def _keep(self, table: pa.Table) -> pa.Table:
        """Hold a table given to ``LOAD FROM`` until this thread's connection closes: LadybugDB may
        still read it after the statement (freed earlier, it crashed the process in a later read)."""
        kept = getattr(self._local, "kept", None)
        if kept is None:
            kept = self._local.kept = []
        kept.append(table)
        return table

    def _bulk_nodes(self, label: str, frame: pd.DataFrame) -> int:
        declared = self.model.nodes[label].properties
        self._local.copied = True  # LOAD FROM holds its Arrow table like COPY does
        if len(frame) <= SMALL_LOAD and getattr(self._local, "small_rels", False):
            table = _table_frame(frame, {c: declared[c] for c in frame.columns if c in declared})
            rows = self._keep(_prefixed(table))
            with self.transaction():
                self._run_named("bulk/load_nodes", {"rows": rows, "label": label, "props": table.column_names},
                                write=True)
            return len(frame)
        table = _table_frame(frame, self._in_stored_order("bulk/table_columns", {"label": label}, declared))
        with self.transaction():
            self._run_named("bulk/create_nodes", {"rows": table, "label": label}, write=True)
        return len(frame)

    def _bulk_rels(self, rel: str, from_label: str, to_label: str, frame: pd.DataFrame) -> int:
        declared = self.model.rels[rel].properties
        self._local.copied = True
        if len(frame) <= SMALL_LOAD and getattr(self._local, "small_rels", False):
            columns = {"from": "STRING", "to": "STRING"} | {c: declared[c] for c in frame.columns if c in declared}
            table = _table_frame(frame, columns)
            props = [c for c in table.column_names if c not in ("from", "to")]
            slots = {"rel": rel, "label_from": from_label, "label_to": to_label}
            rows = self._keep(_prefixed(table))
            with self.transaction():
                if props:
                    self._run_named("bulk/load_rels", {"rows": rows, **slots, "props": props}, write=True)
                else:
                    self._run_named("bulk/load_rels_bare", {"rows": rows, **slots}, write=True)
            return len(frame)
        props = self._in_stored_order("bulk/rel_columns", {"rel": rel}, declared)
        table = _table_frame(frame, {"from": "STRING", "to": "STRING", **props})
        with self.transaction():
            self._run_named(
                "bulk/create_rels",
                {"rows": table, "rel": rel, "label_from": from_label, "label_to": to_label},
                write=True,
            )
        return len(frame)


SMALL_LOAD = 2000  # rows up to which LOAD FROM + CREATE beats COPY (whose cost grows with the table, not the rows)


def _prefixed(table: pa.Table) -> pa.Table:
    """Columns renamed ``c_<name>``: the names LOAD FROM binds must not clash with Cypher words."""
    return table.rename_columns([f"c_{name}" for name in table.column_names])


def _table_frame(frame: pd.DataFrame, columns: dict[str, str]) -> pa.Table:
    """``frame`` as an Arrow table with exactly the table's columns, in order and type.

    Arrow keeps nulls typed (a pandas column of None turns into float NaN, which
    COPY refuses to cast to BOOLEAN or TIMESTAMP).
    """
    unknown = set(frame.columns) - set(columns)
    if unknown:
        raise ValueError(f"unknown columns for bulk load: {sorted(unknown)}")
    arrays = []
    for name, kind in columns.items():
        if name not in frame.columns:
            arrays.append(pa.nulls(len(frame), _ARROW[kind]))
            continue
        values = frame[name]
        try:
            arrays.append(pa.array(values, type=_ARROW[kind], from_pandas=True))
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OverflowError) as exc:
            if kind not in ("TIMESTAMP", "DATE"):
                raise StoreError(f"column {name!r} cannot be stored as {kind}: {exc}") from exc
            parsed = pd.to_datetime(values)  # text or pandas timestamps: let pandas read them
            cells = [None if pd.isna(v) else (v.date() if kind == "DATE" else v.to_pydatetime()) for v in parsed]
            arrays.append(pa.array(cells, type=_ARROW[kind]))
    return pa.table(arrays, names=list(columns))


def _python(value: Any) -> Any:
    """LadybugDB values as plain Python: nodes/relationships lose internal ids."""
    if isinstance(value, dict):
        if "_LABEL" in value:
            props = {k: _python(v) for k, v in value.items() if not k.startswith("_")}
            key = "_type" if "_SRC" in value else "_label"
            return {key: value["_LABEL"], **props}
        if "_NODES" in value:
            return {"nodes": [_python(n) for n in value["_NODES"]], "rels": [_python(r) for r in value["_RELS"]]}
        return {k: _python(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_python(v) for v in value]
    return value


_umask_lock = threading.Lock()
_umask_depth = 0
_umask_saved = 0


@contextmanager
def private_files() -> Iterator[None]:
    """Files created meanwhile get no group or other permissions (umask 077); the old umask returns
    when the outermost such block ends (the umask is the process's: nested and threaded use counted)."""
    global _umask_depth, _umask_saved
    with _umask_lock:
        if _umask_depth == 0:
            _umask_saved = os.umask(0o077)
            os.umask(_umask_saved | 0o077)
        _umask_depth += 1
    try:
        yield
    finally:
        with _umask_lock:
            _umask_depth -= 1
            if _umask_depth == 0:
                os.umask(_umask_saved)


def _locked_or_unavailable(path: str, exc: RuntimeError) -> StoreError:
    message = str(exc)
    if match := _LOCK_PID.search(message):
        pid = int(match[1])
        return StoreLocked(path, pid, _command_of(pid))
    if "lock" in message.lower():
        return StoreLocked(path, None, None)
    return StoreUnavailable(f"cannot open database {path}: {message.splitlines()[0]}")


def _command_of(pid: int) -> str | None:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    words = [w.decode(errors="replace") for w in raw.split(b"\0") if w]
    if not words:
        return None
    # "python /usr/bin/graphcrm serve" reads better as "graphcrm serve"
    for i, word in enumerate(words):
        if word.endswith("graphcrm") or word == "-m":
            return " ".join(Path(w).name if j == 0 else w for j, w in enumerate(words[i:]))[:120]
    return " ".join(words)[:120]
