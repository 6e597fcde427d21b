"""The Store interface, on every backend."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from datetime import datetime

import pandas as pd
import pytest

from graphcrm.registry import UnknownQuery
from graphcrm.store import StoreError
from graphcrm.store.base import SCHEMA_VERSION

NOW = datetime(2026, 11, 22, 9, 30)


def test_schema_setup_twice_is_a_no_op(store):
    before = store.counts().as_dict()
    assert store.setup_schema() == SCHEMA_VERSION
    assert store.setup_schema() == SCHEMA_VERSION
    assert store.schema_version() == SCHEMA_VERSION
    assert store.counts().as_dict() == before
    assert before["nodes"]["Meta"] == 1  # only the version record
    assert set(before["nodes"]) == set(store.model.labels)
    assert set(before["relationships"]) == set(store.model.rel_types)


def test_write_then_read_round_trips_values(store):
    store.write("meta/set", id="k", value="中文 value", now=NOW)
    assert store.read("meta/get", id="k") == [{"value": "中文 value"}]
    store.write("meta/set", id="k", value="changed", now=NOW)
    assert store.read("meta/get", id="k") == [{"value": "changed"}]


def test_cached_reads_follow_this_stores_writes_and_expire(store, tmp_path):
    store.write("meta/set", id="k", value="one", now=NOW)
    assert store.read_cached("meta/get", id="k") == [{"value": "one"}]
    store.write("meta/set", id="k", value="two", now=NOW)  # a write of its own: answered anew
    assert store.read_cached("meta/get", id="k") == [{"value": "two"}]
    with store.transaction():
        store.write("meta/set", id="k", value="three", now=NOW)
        assert store.read_cached("meta/get", id="k") == [{"value": "three"}]  # in the transaction: live
    assert store.read_cached("meta/get", id="k") == [{"value": "three"}]
    store.read_cached("meta/get", id="k")[0]["value"] = "scribbled"  # callers get copies
    assert store.read_cached("meta/get", id="k") == [{"value": "three"}]
    if store.dialect == "neo4j":  # another client's write shows once the answer is older than max_age
        from graphcrm.store import open_store
        from tests.conftest import backend_uri

        other = open_store(backend_uri("neo4j", tmp_path))
        other.write("meta/set", id="k", value="four", now=NOW)
        other.close()
        assert store.read_cached("meta/get", id="k") == [{"value": "three"}]
        assert store.read_cached("meta/get", id="k", max_age=0) == [{"value": "four"}]


def test_failed_write_inside_transaction_leaves_nothing(store):
    with pytest.raises(RuntimeError, match="boom"):
        with store.transaction():
            store.write("meta/set", id="a", value="1", now=NOW)
            store.bulk_create_nodes("Company", pd.DataFrame({"id": ["c1"], "name": ["Acme"]}))
            raise RuntimeError("boom")
    assert store.read("meta/get", id="a") == []
    assert store.counts().nodes["Company"] == 0


def test_backend_error_rolls_back_and_names_query_not_values(store):
    store.bulk_create_nodes("Company", pd.DataFrame({"id": ["c1"], "name": ["Acme"]}))
    with pytest.raises(StoreError) as caught:
        with store.transaction():
            store.write("meta/set", id="b", value="secret-value", now=NOW)
            # the same primary key again violates uniqueness on both backends
            store.bulk_create_nodes("Company", pd.DataFrame({"id": ["c1"], "name": ["Again"]}))
    message = str(caught.value)
    assert re.search(r"query .bulk/(create|load)_nodes. failed \(parameters: rows\)", message), message
    assert "secret-value" not in message
    assert store.read("meta/get", id="b") == []
    assert store.counts().nodes["Company"] == 1


def test_write_batch_sends_every_row_in_chunks(store):
    rows = [{"id": f"k{i}", "value": str(i)} for i in range(23)]
    sent = store.write_batch("test_support/set_many", rows, batch_size=5, now=NOW)
    assert sent == 23
    assert store.read("meta/get", id="k22") == [{"value": "22"}]
    assert store.counts().nodes["Meta"] == 24


@pytest.mark.parametrize("small_load", [2000, 0], ids=["load-from", "copy"])
def test_bulk_create_keeps_types_and_nulls(store, small_load, monkeypatch):
    """The embedded store's two bulk paths (LOAD FROM for a few rows in small_writes, COPY) store the same."""
    monkeypatch.setattr("graphcrm.store.ladybug.SMALL_LOAD", small_load)
    frame = pd.DataFrame(
        {
            "id": ["l1", "l2"],
            "name": ["李桂花", "Ann"],
            "employees": [12, None],
            "score": [0.5, None],
            "created_at": [NOW, None],
        }
    )
    with store.small_writes():  # the LOAD FROM path is taken only when asked (captures)
        assert store.bulk_create_nodes("Lead", frame) == 2
        store.bulk_create_nodes("Company", pd.DataFrame({"id": ["c1"], "name": ["Acme"]}))
        store.bulk_create_rels(
            "WORKS_AT", "Lead", "Company", pd.DataFrame({"from": ["l1", "l2"], "to": ["c1", "c1"], "created_at": [NOW, NOW]})
        )
    rows = store.read("test_support/lead_company", id="l1")
    assert rows == [{"name": "李桂花", "employees": 12, "score": 0.5, "created_at": NOW, "company": "Acme"}]
    rows = store.read("test_support/lead_company", id="l2")
    assert rows == [{"name": "Ann", "employees": None, "score": None, "created_at": None, "company": "Acme"}]
    assert store.counts().relationships["WORKS_AT"] == 2


def test_read_frame_returns_the_same_values_as_read_in_columns(store):
    frame = pd.DataFrame({"id": ["l1", "l2"], "name": ["李桂花", "Ann"], "employees": [12, None],
                          "score": [0.5, None], "created_at": [NOW, None]})
    store.bulk_create_nodes("Lead", frame)
    store.bulk_create_nodes("Company", pd.DataFrame({"id": ["c1"], "name": ["Acme"]}))
    store.bulk_create_rels("WORKS_AT", "Lead", "Company", pd.DataFrame({"from": ["l1", "l2"], "to": ["c1", "c1"]}))
    got = store.read_frame("test_support/lead_company", id="l1")
    assert list(got.columns) == ["name", "employees", "score", "created_at", "company"]
    assert got.to_dict("records") == [{"name": "李桂花", "employees": 12, "score": 0.5,
                                       "created_at": pd.Timestamp(NOW), "company": "Acme"}]
    nulls = store.read_frame("test_support/lead_company", id="l2").iloc[0]
    assert pd.isna(nulls["employees"]) and pd.isna(nulls["score"]) and pd.isna(nulls["created_at"])
    assert store.read_frame("test_support/lead_company", id="nobody").empty


def test_bulk_create_rejects_unknown_names(store):
    with pytest.raises(ValueError, match="unknown node label"):
        store.bulk_create_nodes("Lead) DETACH DELETE (n", pd.DataFrame({"id": ["x"]}))
    with pytest.raises(ValueError, match="does not join"):
        store.bulk_create_rels("WORKS_AT", "Company", "Lead", pd.DataFrame({"from": ["a"], "to": ["b"]}))


def test_unknown_query_and_missing_parameters_fail_loudly(store):
    with pytest.raises(UnknownQuery, match="no Cypher query named 'nope/missing'"):
        store.read("nope/missing")
    with pytest.raises(StoreError, match="missing parameters"):
        store.write("meta/set", id="x")


def test_concurrent_writers_from_threads_lose_nothing(store):
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(25):
                store.write("meta/set", id=f"t{n}-{i}", value=str(i), now=NOW)
                assert store.read("meta/get", id=f"t{n}-{i}") == [{"value": str(i)}]
        except BaseException as exc:  # collected and re-raised below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.counts().nodes["Meta"] == 1 + 8 * 25


def test_second_process_gets_one_line_lock_message(lbstore):
    path = lbstore.describe()["location"]
    result = subprocess.run(
        [sys.executable, "-m", "graphcrm.cli", "--db", path, "init"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"database {path} is in use by process" in lines[0]
    assert str(__import__("os").getpid()) in lines[0]
    assert "Traceback" not in result.stderr


def test_second_process_may_read_while_one_writes(lbstore):
    path = lbstore.describe()["location"]
    result = subprocess.run(
        [sys.executable, "-m", "graphcrm.cli", "--db", path, "info", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert '"Meta": 1' in result.stdout


def test_pending_migrations_run_once_in_order(tmp_path):
    import shutil
    from importlib import resources

    from graphcrm.registry import Registry
    from graphcrm.store.ladybug import LadybugStore

    path = str(tmp_path / "m.lbug")
    first = LadybugStore(path)
    assert first.setup_schema() == SCHEMA_VERSION
    first.close()

    queries = tmp_path / "cypher"
    shutil.copytree(str(resources.files("graphcrm.cypher")), queries)
    migrations = queries / "schema" / "migrations"
    migrations.mkdir(exist_ok=True)  # the shipped migrations (idempotent) run too
    shipped = [int(p.name.split("_", 1)[0]) for p in migrations.glob("*.cypher")]
    latest = max(shipped + [SCHEMA_VERSION]) + 1
    (migrations / f"{latest:04d}_meta_note.ladybug.cypher").write_text("ALTER TABLE Meta ADD note STRING;")
    (migrations / f"{latest:04d}_meta_note.neo4j.cypher").write_text(
        "CREATE INDEX meta_note IF NOT EXISTS FOR (n:Meta) ON (n.note);"
    )
    upgraded = LadybugStore(path, registry=Registry(queries))
    assert upgraded.schema_version() == SCHEMA_VERSION
    assert upgraded.setup_schema() == latest
    assert upgraded.setup_schema() == latest  # the migration is not run twice (ALTER would fail)
    upgraded.close()


def test_buffer_pool_size_from_the_environment(tmp_path):
    from graphcrm.store import open_store

    with pytest.raises(ValueError, match="GRAPHCRM_BUFFER_POOL_MB must be a number"):
        open_store(str(tmp_path / "a.lbug"), env={"GRAPHCRM_BUFFER_POOL_MB": "lots"})
    small = open_store(str(tmp_path / "b.lbug"), env={"GRAPHCRM_BUFFER_POOL_MB": "64"})
    assert small.setup_schema() == SCHEMA_VERSION
    small.close()


def test_neo4j_uri_settings_without_a_server():
    from graphcrm.store.open import neo4j_settings

    settings = neo4j_settings("neo4j+s://ann:p%40ss@db.example.internal:7687/sales", env={})
    assert (settings.uri, settings.user, settings.password, settings.database) == (
        "neo4j+s://db.example.internal:7687", "ann", "p@ss", "sales")
    env = {"GRAPHCRM_NEO4J_USER": "neo4j", "GRAPHCRM_NEO4J_PASSWORD": "pw", "GRAPHCRM_NEO4J_DATABASE": "crm"}
    settings = neo4j_settings("bolt://localhost", env=env)
    assert (settings.uri, settings.user, settings.password, settings.database) == ("bolt://localhost", "neo4j", "pw", "crm")


def test_read_frame_matches_read(store):
    store.write_batch("test_support/set_many", [{"id": f"k{i}", "value": f"v{i}"} for i in range(3)], now=NOW)
    frame = store.read_frame("meta/get", id="k1")
    assert list(frame.columns) == ["value"] and frame.to_dict("records") == store.read("meta/get", id="k1")
    assert store.read_frame("meta/get", id="nobody").empty


def test_bulk_create_follows_the_column_order_of_a_migrated_table(lbstore):
    """A migration's ALTER appends columns at the end of a table, unlike the schema file; COPY
    matches columns by position, so bulk loads must follow the order the database has."""
    conn = lbstore._connection()
    for column in ("captured_via", "capture_ref"):  # what a database from before schema 6 looks like ...
        conn.execute(f"ALTER TABLE Lead DROP {column}")
    for column in ("captured_via", "capture_ref"):  # ... after migration 6 added them again, at the end
        conn.execute(f"ALTER TABLE Lead ADD {column} STRING")
    lbstore.setup_schema()
    now = datetime(2026, 11, 30, 9, 0)
    lbstore.bulk_create_nodes("Lead", pd.DataFrame([{"id": "lead-m", "name": "Mia", "batch_id": "cap-1",
                                                     "captured_via": "form", "created_at": now, "updated_at": now}]))
    lbstore.bulk_create_rels("WORKS_AT", "Lead", "Company", pd.DataFrame(columns=["from", "to"]))
    [node] = [row["node"] for row in lbstore.read("ingest/nodes_by_id", label="Lead", ids=["lead-m"])]
    assert (node["name"], node["batch_id"], node["captured_via"], node["created_at"]) == ("Mia", "cap-1", "form", now)
