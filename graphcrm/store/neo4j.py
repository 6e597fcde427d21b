"""The scale-out backend: a Neo4j server through the official driver."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar

import pandas as pd

try:  # imported once here: _python runs for every value of every row
    from neo4j.graph import Node, Path, Relationship
except ImportError:  # pragma: no cover - Neo4jStore() says what to install
    Node = Path = Relationship = ()  # type: ignore[assignment,misc]

from graphcrm.registry import Registry
from graphcrm.store.base import SCHEMA_QUERY, SCHEMA_VERSION, Row, Store, frame_records
from graphcrm.store.errors import ConflictError, StoreError, StoreUnavailable
from graphcrm.clock import utc_now


# A frame query whose first column holds lists of rows, declared by a comment line
# "// frame rows: a, b, at; microseconds: at" (the listed columns sent as epoch microseconds).
_ROW_LISTS = re.compile(r"^// frame rows: ([\w, ]+?)(?:; microseconds: ([\w, ]+))?$", re.MULTILINE)
T = TypeVar("T")
_CONSTRAINT = re.compile(r"CREATE CONSTRAINT (\w+) IF NOT EXISTS FOR \(\w+:\w+\) REQUIRE \S+ IS UNIQUE")
LOCK_LABEL = "GraphcrmLock"  # the label of lock nodes (not part of the graph model)
_INDEX = re.compile(r"CREATE INDEX (\w+) IF NOT EXISTS FOR")
DEFAULT_POOL_SIZE = 50  # the driver's default is 100; a web server's threads need far fewer
MIN_SERVER = (5, 0)  # EXISTS {} subqueries and FOR ... REQUIRE constraints


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
        pool_size: int = DEFAULT_POOL_SIZE,
    ) -> None:
        super().__init__(registry)
        try:
            import neo4j
            import neo4j.exceptions
        except ImportError as exc:  # pragma: no cover - a dependency of the package
            raise StoreUnavailable("the Neo4j backend needs the 'neo4j' package: pip install neo4j") from exc
        self._neo4j = neo4j
        self.uri = uri
        self.database = database
        self.user = user
        auth = (user, password or "") if user else None
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=auth, max_connection_pool_size=pool_size, connection_acquisition_timeout=30.0,
                max_transaction_retry_time=3.0,  # deadlocks clear in ms; a server that is gone should fail a page fast
                notifications_min_severity="OFF",
            )
        except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
            raise StoreUnavailable(f"bad Neo4j URI {uri}: {_first_line(exc)}") from exc
        self._bookmarks = neo4j.GraphDatabase.bookmark_manager()
        try:
            self._driver.verify_connectivity()
            self._check_server()
        except Exception as exc:
            self._driver.close()
            if isinstance(exc, StoreUnavailable):
                raise
            raise self._unavailable(exc) or StoreUnavailable(f"cannot use Neo4j at {uri}: {_first_line(exc)}") from exc

    def _session(self) -> Any:
        # every session of this store shares one bookmark manager: on a cluster a read after a
        # write (a page after a POST's redirect) waits until its server has that write
        return self._driver.session(database=self.database, bookmark_manager=self._bookmarks)

    def _check_server(self) -> None:
        """Refuse a server older than the Cypher the queries use, and name a database that is not there."""
        if problem := server_too_old(self._driver.get_server_info().agent):
            raise StoreUnavailable(f"Neo4j at {self.uri} is {problem}")
        with self._session() as session:
            session.run("RETURN 1").consume()  # an unknown database fails here, not at the first page

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
        if not write and (packed := _ROW_LISTS.search(text)):
            return frame_records(self._row_lists_frame(text, params, packed))
        tx = getattr(self._local, "tx", None)
        if tx is not None:
            return [_record(r) for r in tx.run(text, params)]
        if not write:
            return self._read(lambda t: [_record(r) for r in t.run(text, params)])
        with self._session() as session:
            # managed transactions: the driver retries transient errors (deadlocks, a leader change)
            return session.execute_write(lambda t: [_record(r) for r in t.run(text, params)])

    def _execute_frame(self, text: str, params: Mapping[str, Any]) -> pd.DataFrame:
        params = {k: _bolt(v) for k, v in params.items()}
        if packed := _ROW_LISTS.search(text):
            return self._row_lists_frame(text, params, packed)

        def rows_and_keys(t: Any) -> tuple[list[Row], list[str]]:
            result = t.run(text, params)
            return [_record(r) for r in result], list(result.keys())

        rows, keys = self._read(rows_and_keys)
        # an empty result keeps its columns, as the embedded backend's Arrow tables do
        return pd.DataFrame(rows, columns=keys)

    def _read(self, work: Callable[[Any], T]) -> T:
        """Run ``work(runner)`` in the open transaction, else as an auto-commit read.

        Auto-commit sends the query and its pull in one round trip, where a managed transaction
        adds a begin and a commit: 1.1 against 2.4 ms a small query here, and a lead page runs
        dozens. A retryable failure (a leader change, a cluster member gone) runs it once more
        as a managed read transaction, which the driver retries.
        """
        tx = getattr(self._local, "tx", None)
        if tx is not None:
            return work(tx)
        errors = self._neo4j.exceptions
        with self._driver.session(database=self.database, bookmark_manager=self._bookmarks,
                                  default_access_mode=self._neo4j.READ_ACCESS) as session:
            try:
                return work(session)
            except (errors.Neo4jError, errors.DriverError) as exc:
                if not exc.is_retryable():
                    raise
            return session.execute_read(work)

    def _row_lists_frame(self, text: str, params: Mapping[str, Any], packed: re.Match[str]) -> pd.DataFrame:
        """A frame query that sends its rows packed as lists (see ``_ROW_LISTS``): the driver
        hands over one record at a time, about 15 us each plus 30 us a date, so a million
        single-row records took 106 s where a few records of row lists take about 2 s."""
        columns = [c.strip() for c in packed[1].split(",")]
        micros = [c.strip() for c in (packed[2] or "").split(",") if c.strip()]

        def rows(t: Any) -> list[list[Any]]:
            return [row for record in t.run(text, params) for row in record[0]]

        found = self._read(rows)
        frame = pd.DataFrame(found, columns=columns)
        for name in micros:
            frame[name] = pd.to_datetime(frame[name], unit="us").astype("datetime64[us]")
        return frame

    def schema_problems(self) -> list[str]:
        """The uniqueness constraints and indexes the schema files declare that the database lacks."""
        held = {row["name"] for row in self.read("meta/schema_objects")}
        names = [SCHEMA_QUERY] + [name for _, name in self._migrations()]
        text = "\n".join(self.registry.text(name, self.dialect) for name in names)
        declared = {name: "uniqueness constraint" for name in _CONSTRAINT.findall(text)}
        declared.update({name: "index" for name in _INDEX.findall(text)})
        return [f"{kind} {name}" for name, kind in declared.items() if name not in held]

    def _schema_is_current(self) -> bool:
        # 50-odd DDL statements cost a few hundred ms on a server; two look-ups tell if they are needed
        return self.schema_version() == SCHEMA_VERSION and not self.schema_problems()

    def lock(self, name: str) -> None:
        """Hold a write lock on a lock node until the open transaction ends: writers of the same
        unit of work, in any process or machine, then run one at a time (as the embedded store's do)."""
        if not self._in_transaction():
            raise StoreError("lock() needs an open transaction", query="admin/lock")
        self.write("admin/lock", id=f"lock:{name}", now=utc_now())

    def _begin(self) -> None:
        session = self._session()
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
        if unavailable := self._unavailable(exc):
            return unavailable
        message = _first_line(exc)
        code = getattr(exc, "code", "") or ""
        if isinstance(exc, self._neo4j.exceptions.TransientError) or code.endswith("ConstraintValidationFailed"):
            # a deadlock, or two transactions creating the same record: the loser may retry
            return ConflictError(message, query=name, params=params)
        return StoreError(message, query=name, params=params)

    def _unavailable(self, exc: Exception) -> StoreUnavailable | None:
        """A server fault as one clear line: unreachable, refused credentials, no such database."""
        errors = self._neo4j.exceptions
        code = getattr(exc, "code", "") or ""
        where = f"Neo4j at {self.uri}"
        if isinstance(exc, errors.AuthError) or code.startswith("Neo.ClientError.Security."):
            who = f"user {self.user!r}" if self.user else "no user"
            return StoreUnavailable(
                f"{where} refused the credentials ({who}): check the user name and password in the URI "
                "or GRAPHCRM_NEO4J_USER / GRAPHCRM_NEO4J_PASSWORD"
            )
        if code == "Neo.ClientError.Database.DatabaseNotFound":
            return StoreUnavailable(
                f"{where} has no database {self.database!r}: create it, or leave the URI's path out to use the "
                "server's default (Community Edition has one user database, 'neo4j')"
            )
        if isinstance(exc, (errors.ServiceUnavailable, errors.SessionExpired)) or code.startswith(
                "Neo.TransientError.General.DatabaseUnavailable"):
            reason = re.search(r"\[Errno \d+\] ([^)]+)", str(exc))
            why = reason[1].lower() if reason else _first_line(exc).rstrip(":")
            return StoreUnavailable(f"cannot reach {where} ({why}): is the server running?")
        return None

    def _bulk_rels(self, rel: str, from_label: str, to_label: str, frame: Any) -> int:
        # Neo4j sets relationship properties from one map: send them nested.
        props = [c for c in frame.columns if c not in ("from", "to")]
        maps = _bolt_maps(frame, props)
        _check_integers(maps, self.model.rels[rel].properties)
        ends = zip(_bolt_values(frame["from"]), _bolt_values(frame["to"]), strict=True)
        rows = [{"from": a, "to": b, "props": p} for (a, b), p in zip(ends, maps, strict=True)]
        self.write_batch("bulk/create_rels", rows, rel=rel, label_from=from_label, label_to=to_label,
                         batch_size=BULK_BATCH)
        return len(frame)

    def _bulk_nodes(self, label: str, frame: Any) -> int:
        rows = _bolt_maps(frame, list(frame.columns))
        _check_integers(rows, self.model.nodes[label].properties)
        self.write_batch("bulk/create_nodes", rows, label=label, batch_size=BULK_BATCH)
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


def server_too_old(agent: str | None) -> str | None:
    """Why a server's agent string (``Neo4j/5.26.30``) is too old for graphcrm, or None if it will do."""
    found = re.match(r"Neo4j/(\d+)\.(\d+)", agent or "")
    if not found or (int(found[1]), int(found[2])) >= MIN_SERVER:
        return None
    return f"{agent.split('/', 1)[1]}; graphcrm needs Neo4j {'.'.join(map(str, MIN_SERVER))} or newer"


def _first_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc)
    return text.strip().splitlines()[0] if text and text.strip() else type(exc).__name__


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
