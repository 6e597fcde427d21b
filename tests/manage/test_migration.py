"""Migration 5 (lead management) upgrades a database made before it, whatever its version, idempotently."""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from importlib import resources

import pytest

from graphcrm.registry import Registry
from graphcrm.store.base import SCHEMA_VERSION
from graphcrm.store.ladybug import LadybugStore

NEW_LEAD_COLUMNS = ("pool_since", "released_by", "released_at", "assigned_at", "next_followup_at", "followup_overdue")


def _old_schema(text: str) -> str:
    """The LadybugDB schema without what migration 5 adds."""
    for table in ("StatusChange", "Conversion"):
        text = re.sub(rf"CREATE NODE TABLE IF NOT EXISTS {table}\(.*?\);\n", "", text, flags=re.S)
    text = re.sub(r"CREATE REL TABLE IF NOT EXISTS STATUS_CHANGED\(.*?\);\n", "", text, flags=re.S)
    return "".join(line for line in text.splitlines(keepends=True)
                   if not any(line.strip().startswith(f"{c} ") for c in NEW_LEAD_COLUMNS))


@pytest.mark.parametrize("version", [1, 4])  # before dedupe, and with sign-in but no lead management
def test_older_database_gains_the_lead_management_schema(tmp_path, version):
    old = tmp_path / "cypher"
    shutil.copytree(str(resources.files("graphcrm.cypher")), old)
    schema = old / "schema" / "graph.ladybug.cypher"
    schema.write_text(_old_schema(schema.read_text()))
    shutil.rmtree(old / "schema" / "migrations")
    path = str(tmp_path / "old.lbug")
    before = LadybugStore(path, registry=Registry(old))
    before.setup_schema()
    before._set_meta("schema_version", str(version))
    before.write("meta/set", id="keep", value="me", now=datetime(2026, 1, 1))
    before.close()

    upgraded = LadybugStore(path)
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
