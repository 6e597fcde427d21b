"""The lead-management commands, end to end on a real database, on each backend."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graphcrm.cli import cli
from graphcrm.store import open_store
from tests.manage import world


@pytest.fixture
def db(db_uri):
    store = open_store(db_uri)
    world.build(store)
    store.close()
    return db_uri


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", db, *args], catch_exceptions=False)


NOW = ["--now", "2026-11-02T09:00"]


def test_score_list_assign_convert_undo_maintain(db):
    result = run(db, "score", "lead-bob", *NOW)
    assert result.exit_code == 0
    assert "+20 title contains Director" in result.output and "+10 industry is Software" in result.output
    explained = json.loads(run(db, "score", "lead-ann", "--json", *NOW).output)
    assert any("touched by Spring Webinar 3 days ago" in line for line in explained["reasons"])

    rescored = json.loads(run(db, "score", "--json", *NOW).output)
    assert rescored["leads"] == 5

    listed = json.loads(run(db, "leads", "list", "--owner", "rep-rita", "--json").output)
    assert [r["id"] for r in listed["leads"]] == sorted(
        ["lead-ann", "lead-bob"], key=lambda i: -next(r["score"] for r in listed["leads"] if r["id"] == i))

    dry = json.loads(run(db, "assign", "--dry-run", "--json", *NOW).output)
    # the default rules fire, but this small team has no SMB or 大客户部 reps: both go to the pool
    assert {d["lead"]: (d["rule"], d["rep"], d["why"]) for d in dry["decisions"]} == {
        "lead-cat": ("US small business", None, "team_full"), "lead-eve": ("China enterprise", None, "team_full")}
    assigned = run(db, "assign", *NOW)
    assert "lead-eve" in assigned.output and "0 leads were assigned, 2 were put in the pool" in assigned.output
    pool = json.loads(run(db, "leads", "list", "--pool", "--json").output)
    assert sorted(r["id"] for r in pool["leads"]) == ["lead-cat", "lead-eve"]

    converted = run(db, "convert", "lead-bob", "--company", "company-acme", "--opportunity-amount", "5000", *NOW)
    assert converted.exit_code == 0 and "undo with: graphcrm convert --undo conv-" in converted.output
    conversion_id = converted.output.rsplit("--undo ", 1)[1].strip()
    refused = run(db, "convert", "lead-ann", *NOW)
    assert refused.exit_code == 1 and "only a qualified lead" in refused.output
    assert run(db, "convert", "--undo", conversion_id, *NOW).exit_code == 0

    report = json.loads(run(db, "maintain", "--json", "--now", "2026-12-20T09:00").output)
    assert report["recycled"] == 3 and report["rescored"]["leads"] == 5
    assert "no lead" in run(db, "score", "lead-nobody").output
