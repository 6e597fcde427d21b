"""Migration 5 (lead management) upgrades a database made before it, whatever its version, idempotently,
on each backend: LadybugDB gains tables and columns, Neo4j (which needs no ALTER) its constraints and indexes."""

from __future__ import annotations

import os
import re
import shutil
from datetime import datetime
from importlib import resources
from pathlib import Path

import pytest

from graphcrm.registry import Registry
from graphcrm.store import Store, open_store
from graphcrm.store.base import SCHEMA_VERSION
from graphcrm.store.ladybug import LadybugStore
from graphcrm.store.neo4j import Neo4jStore
from graphcrm.store.open import neo4j_settings

NEW_LEAD_COLUMNS = ("pool_since", "released_by", "released_at", "assigned_at", "next_followup_at", "followup_overdue")
# what migration 5 adds on Neo4j (cypher/schema/migrations/5_lead_management.neo4j.cypher)
NEO4J_MIGRATION_5 = {"statuschange_id": "CONSTRAINT", "conversion_id": "CONSTRAINT",
                     "lead_pool_since": "INDEX", "lead_next_followup_at": "INDEX"}
SCHEMA_NAMES = "SHOW INDEXES YIELD name RETURN name\n"  # a uniqueness constraint's index has its name


def _old_schema(text: str) -> str:
    """The LadybugDB schema without what migration 5 adds."""
    for table in ("StatusChange", "Conversion"):
        text = re.sub(rf"CREATE NODE TABLE IF NOT EXISTS {table}\(.*?\);\n", "", text, flags=re.S)
    text = re.sub(r"CREATE REL TABLE IF NOT EXISTS STATUS_CHANGED\(.*?\);\n", "", text, flags=re.S)
    return "".join(line for line in text.splitlines(keepends=True)
                   if not any(line.strip().startswith(f"{c} ") for c in NEW_LEAD_COLUMNS))


def _old_neo4j_schema(text: str) -> str:
    """The Neo4j schema without what migration 5 adds. The test server's one database keeps the
    schema between tests (they wipe only the data), so the old schema drops those objects."""
    kept = [line for line in text.splitlines(keepends=True)
            if not any(f" {name} IF NOT EXISTS" in line for name in NEO4J_MIGRATION_5)]
    drops = [f"DROP {kind} {name} IF EXISTS;\n" for name, kind in NEO4J_MIGRATION_5.items()]
    return "".join(kept + drops)


def _old_registry(tmp_path: Path) -> Registry:
    """The query files of a graphcrm from before migration 5 (plus a query listing the Neo4j schema)."""
    old = tmp_path / "cypher"
    shutil.copytree(str(resources.files("graphcrm.cypher")), old)
    for dialect, rewrite in (("ladybug", _old_schema), ("neo4j", _old_neo4j_schema)):
        schema = old / "schema" / f"graph.{dialect}.cypher"
        schema.write_text(rewrite(schema.read_text()))
    shutil.rmtree(old / "schema" / "migrations")
    (old / "test_support" / "schema_names.neo4j.cypher").write_text(SCHEMA_NAMES)
    (old / "test_support" / "schema_names.ladybug.cypher").write_text("RETURN 'none' AS name\n")
    return Registry(old)


def _open(backend: str, uri: str, registry: Registry | None = None) -> Store:
    if backend == "ladybug":
        return LadybugStore(uri, registry=registry)
    s = neo4j_settings(uri, os.environ)
    return Neo4jStore(s.uri, user=s.user, password=s.password, database=s.database, registry=registry)


@pytest.mark.parametrize("version", [1, 4])  # before dedupe, and with sign-in but no lead management
def test_older_database_gains_the_lead_management_schema(backend, db_uri, version, tmp_path):
    registry = _old_registry(tmp_path)
    before = _open(backend, db_uri, registry)
    before._set_meta("schema_version", str(version))  # first: a current schema is left as it is
    before.setup_schema()
    before.write("meta/set", id="keep", value="me", now=datetime(2026, 1, 1))
    if backend == "neo4j":
        names = {r["name"] for r in before.read("test_support/schema_names")}
        assert names.isdisjoint(NEO4J_MIGRATION_5) and "lead_id" in names  # really the old schema
    before.close()

    upgraded = open_store(db_uri)
    assert upgraded.schema_version() == version
    assert upgraded.setup_schema() == SCHEMA_VERSION
    assert upgraded.setup_schema() == SCHEMA_VERSION
    now = datetime(2026, 11, 2, 9, 0)
    upgraded.write("test_support/set_many", rows=[{"id": "still", "value": "here"}], now=now)
    # the new columns and tables work
    upgraded.write("manage/status_change_create", change_id="sc-1", lead_id="nope", from_status=None,
                   to_status="working", by=None, at=now, reason=None)
    assert upgraded.read("meta/get", id="keep")[0]["value"] == "me"
    assert upgraded.read("manage/lead_get", id="nope") == []
    upgraded.close()
    if backend == "neo4j":  # the migration made the constraints and indexes
        check = _open(backend, db_uri, registry)
        try:
            assert set(NEO4J_MIGRATION_5) <= {r["name"] for r in check.read("test_support/schema_names")}
        finally:
            check.close()
