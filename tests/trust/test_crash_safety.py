"""SIGKILL in the middle of `graphcrm import` and `graphcrm demo`, for real, in a subprocess.

After each kill the database must open, hold only whole chunks (each chunk is one
transaction), have no half-linked records, and the same import run again must
finish the job without duplicates.

On both backends: embedded, the killed process held the database file itself; on
Neo4j it is the client that dies mid-transaction, and the server must keep exactly
what was committed and roll back the transaction whose connection went away.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import inspect
import time

from graphcrm.ingest.keys import record_id
from graphcrm.store import Store, open_store
from tests.trust.generated import COMPANIES, OWNERS, lead_rows, write_leads_csv
from tests.trust.killer import Killed, graphcrm, kill_when, run

ROWS = 7_500
CHUNK = 1_500  # five transactions; small enough to keep the test quick on a busy machine
# each lead links to exactly one of these; each identity node belongs to exactly one lead
PER_LEAD = {"HAS_EMAIL": "Email", "HAS_PHONE": "Phone", "WORKS_AT": "Company", "FROM_SOURCE": "Source"}


def committed_ids(count: int) -> set[str]:
    """The graph ids of the file's first ``count`` leads."""
    return {record_id("Lead", "salesforce", row[0]) for row in lead_rows(count)}


def chunk_seconds(state: Killed, done: int) -> float | None:
    """How long chunk ``done`` took, from the progress readings (None until it is reported)."""
    reached = [t for t, rows in state.readings if rows >= done * CHUNK]
    if not reached:
        return None
    earlier = [t for t, rows in state.readings if rows < done * CHUNK] or [0.0]
    return reached[0] - earlier[-1]


def after_chunks(done: int, fraction: float, seconds: float | None = None):
    """A kill rule: once ``done`` chunks are reported committed, wait ``fraction`` of a chunk's time.

    A chunk's time is ``seconds`` or else how long chunk ``done`` took.
    """
    def should_kill(state: Killed, elapsed: float) -> bool:
        took = chunk_seconds(state, done)
        if took is None:
            return False
        reached = next(t for t, rows in state.readings if rows >= done * CHUNK)
        return elapsed >= reached + fraction * (seconds or took)
    return should_kill


def settled(store: Store) -> None:
    """On Neo4j, wait for the server to finish what the killed client had sent: a COMMIT that left
    just before the kill completes a moment later, so counting at once could read nodes before it
    and relationships after (the embedded file has no server: its query answers 1 at once)."""
    deadline = time.monotonic() + 60
    while store.read("test_support/running_transactions")[0]["n"] > 1:
        assert time.monotonic() < deadline, "the killed client's transaction is still running after 60 s"
        time.sleep(0.2)


def check_consistent(db: str) -> int:
    """Open the killed database, check it holds whole chunks with every link; return the lead count."""
    with open_store(db) as store:
        settled(store)
        counts = store.counts()
        leads = counts.nodes["Lead"]
        assert leads % CHUNK == 0, f"{leads} leads: a chunk was half written"
        assert counts.nodes["Email"] == counts.nodes["Phone"] == leads
        assert counts.nodes["Company"] == min(leads, COMPANIES) and counts.nodes["Rep"] == min(leads, OWNERS)
        for rel, label in PER_LEAD.items():
            assert counts.relationships[rel] == leads, rel
            assert store.read("test_support/without_out", label="Lead", rel=rel) == [{"n": 0}], rel
            assert store.read("test_support/without_in", label=label, rel=rel) == [{"n": 0}], rel
        assert counts.relationships["OWNS"] == leads
        assert store.read("test_support/without_in", label="Lead", rel="OWNS") == [{"n": 0}]
        ids = [row["id"] for row in store.read("test_support/ids_of", label="Lead")]
        assert len(ids) == len(set(ids)) and set(ids) == committed_ids(leads)  # chunks commit in file order
    return leads


def test_import_killed_mid_chunk_twice_then_finished_without_duplicates(tmp_path, db_uri):
    csv = write_leads_csv(tmp_path / "leads.csv", ROWS)
    db = db_uri
    command = graphcrm("--db", db, "import", str(csv), "--transaction-rows", str(CHUNK))

    # most of a chunk's time is preparing rows; its transaction comes at the end
    first = kill_when(command, tmp_path, after_chunks(2, 0.7))
    assert not first.finished_first and first.returncode == -9, first
    leads = check_consistent(db)
    assert 2 * CHUNK <= leads <= 3 * CHUNK

    # again: the committed chunks are passed as unchanged (fast), then it is killed in the next one
    took = chunk_seconds(first, 2)
    second = kill_when(command, tmp_path, after_chunks(leads // CHUNK, 0.5, took))
    assert not second.finished_first and second.returncode == -9, second
    again = check_consistent(db)
    assert leads <= again <= leads + CHUNK < ROWS

    done = run(command + ["--json"], tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["rows"], report["rejected"], report["unchanged"]) == (ROWS, 0, again)
    assert report["loaded"] == report["created"]["Lead"] == ROWS - again
    assert check_consistent(db) == ROWS

    with open_store(db) as store:
        batches = Counter(row["status"] for row in store.read("ingest/batch_list", limit=50))
    assert batches == {"running": 2, "done": 1}  # a killed batch never got to record its end


def test_a_killed_import_can_be_undone(tmp_path, db_uri):
    """The killed batch stays 'running', and undo removes what its committed chunks wrote."""
    csv = write_leads_csv(tmp_path / "leads.csv", 2 * CHUNK)
    db = db_uri
    killed = kill_when(graphcrm("--db", db, "import", str(csv), "--transaction-rows", str(CHUNK)), tmp_path,
                       after_chunks(1, 0.3))
    assert not killed.finished_first and killed.returncode == -9
    assert check_consistent(db) >= CHUNK
    with open_store(db) as store:
        [batch] = store.read("ingest/batch_list", limit=5)
    assert batch["status"] == "running"
    undone = run(graphcrm("--db", db, "import", "--undo", batch["id"]), tmp_path)
    assert undone.returncode == 0, undone.stderr
    with open_store(db) as store:
        assert {k: n for k, n in store.counts().nodes.items() if n} == {"ImportBatch": 1, "Meta": 1}


# On Neo4j a bulk load sends its rows in write batches of this many, each batch one transaction
# (Store.write_batch); the embedded backend's COPY is one transaction whatever its size.
NEO4J_BATCH = inspect.signature(Store.write_batch).parameters["batch_size"].default


def demo_copies(leads: int, seed: int, unit: int | None = None) -> list[tuple[str, int]]:
    """The transactions an uninterrupted demo load commits, in order: (label or relationship type, rows).

    Each COPY is one transaction, or (``unit``) a transaction per ``unit`` rows of it.
    """
    from graphcrm.demo.generate import generate_slices
    from graphcrm.demo.load import NODE_ROWS, REL_ROWS

    def split(key: str, rows: int) -> list[tuple[str, int]]:
        step = unit or rows
        return [(key, min(step, rows - i)) for i in range(0, rows, step)]

    copies = []
    for part in generate_slices(leads, seed):
        for label, frame in part.nodes.items():
            for i in range(0, len(frame), NODE_ROWS):
                copies += split(label, len(frame.iloc[i:i + NODE_ROWS]))
        for (rel, _a, _b), frame in part.rels.items():
            for i in range(0, len(frame), REL_ROWS):
                copies += split(rel, len(frame.iloc[i:i + REL_ROWS]))
    return copies


def prefix_totals(copies: list[tuple[str, int]]) -> list[dict[str, int]]:
    """What the graph holds after the first 0, 1, 2 ... COPYs."""
    totals: list[dict[str, int]] = [{}]
    for key, rows in copies:
        step = dict(totals[-1])
        step[key] = step.get(key, 0) + rows
        totals.append(step)
    return totals


def held_records(store: Store) -> dict[str, int]:
    """Nodes per label and relationships per type in the graph (bookkeeping left out)."""
    counts = store.counts()
    return {k: n for k, n in {**counts.nodes, **counts.relationships}.items() if n and k != "Meta"}


def test_demo_load_killed_is_refused_then_reset_loads_it_whole(tmp_path, backend, db_uri):
    leads, seed = 3_000, 7
    states = prefix_totals(demo_copies(leads, seed, NEO4J_BATCH if backend == "neo4j" else None))
    db = db_uri
    command = graphcrm("--db", db, "demo", "--leads", str(leads), "--seed", str(seed), "--no-serve")

    if backend == "ladybug":
        # the file grows as COPYs commit and checkpoint (about 30 MB in the end): kill part way
        path = Path(db)

        def grown(state: Killed, elapsed: float) -> bool:
            return path.exists() and path.stat().st_size >= 8 * 1024 * 1024
        killed = kill_when(command, tmp_path, grown)
    else:
        # the server answers while the load runs: kill once a quarter of the rows are committed
        total = sum(states[-1].values())
        watcher = open_store(db)
        polled = [0.0]

        def grown(state: Killed, elapsed: float) -> bool:
            if time.monotonic() - polled[0] < 0.2:
                return False
            polled[0] = time.monotonic()
            return sum(held_records(watcher).values()) >= total // 4
        try:
            killed = kill_when(command, tmp_path, grown, timeout=300)
        finally:
            watcher.close()
    assert not killed.finished_first and killed.returncode == -9

    with open_store(db) as store:
        assert store.read("meta/get", id="demo") == []  # the completion mark is written last
        held = held_records(store)
    # exactly the first k transactions, each whole: no half COPY (or write batch), no relationship
    # before its nodes
    assert held in states[1:-1], held

    refused = run(command, tmp_path)
    assert refused.returncode == 1 and "interrupted demo load" in refused.stderr
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr

    loaded = run(command + ["--reset"], tmp_path, timeout=600)
    assert loaded.returncode == 0, loaded.stderr
    with open_store(db) as store:
        assert store.read("meta/get", id="demo") != []
        held = held_records(store)
    assert held == states[-1]
