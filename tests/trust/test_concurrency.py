"""Many signed-in clients reading and writing over HTTP (waitress on loopback) at once.

The embedded database allows one write transaction at a time; the Store
serialises writers. Under a mixed load nothing may fail and every acknowledged
write must be in the graph afterwards, with nothing else. The same load runs
longer as ``bench/bench_load.py``. Store-level contention (failed transactions,
two imports at once) is tested below without HTTP.
"""

from __future__ import annotations

import random
import threading
from datetime import datetime

from graphcrm.demo.load import load_demo
from graphcrm.web import create_app
from tests.trust.sessions import bench_load


def test_twenty_signed_in_clients_reading_and_writing_over_http_lose_nothing(store):
    """16 analysts read while 4 reps log follow-ups and change statuses of their own leads through the
    lead-action endpoints, each answer's redirect followed and its flash message read."""
    load_demo(store, leads=600, seed=3)
    leads = sorted(row["id"] for row in store.read("test_support/ids_of", label="Lead"))
    sample = random.Random(1).sample(leads, 60)
    names = [row["name"] for row in store.read("test_support/lead_names", ids=sample)]
    words = sorted({name.split()[0][:4] for name in names if name})[:20] + ["+1", "com", "'}) DETACH DELETE"]
    app = create_app({"TESTING": False, "SECRET_KEY": "test"}, store=store)
    before = store.counts()

    load = bench_load()
    result = load.run_load(store, app, sample, words, clients=20, writers=4, seconds=15)

    assert result.error_count == 0, result.summary()
    # (two shared cores: a follow-up and its lead page take 1-3 s under this load)
    assert result.requests >= 100 and result.writes >= 6, result.summary()
    assert len(result.activities) >= 2 and len(result.changes) >= 2, result.summary()
    assert len({rep for _lead, rep in result.activities.values()}) >= 2, result.summary()
    assert load.missing_writes(store, result) == []
    after = store.counts()
    logged = len(result.activities)
    assert after.nodes["Activity"] == before.nodes["Activity"] + logged
    assert after.relationships["ABOUT"] == before.relationships["ABOUT"] + logged
    assert after.relationships["LOGGED"] == before.relationships["LOGGED"] + logged
    assert after.nodes["StatusChange"] == before.nodes["StatusChange"] + result.status_changes
    assert after.relationships["STATUS_CHANGED"] == before.relationships["STATUS_CHANGED"] + result.status_changes
    # User: the load's own sign-in accounts; Meta: with them the "users ever existed" marker
    unchanged = {"Activity", "StatusChange", "User", "Meta"}
    assert {k: v for k, v in after.nodes.items() if k not in unchanged} == \
        {k: v for k, v in before.nodes.items() if k not in unchanged}
    assert after.nodes["User"] == before.nodes["User"] + 5
    assert after.nodes["Meta"] == before.nodes["Meta"] + 1
    assert not [t for t in threading.enumerate() if t.name == "waitress" and t.is_alive()]


def test_a_failed_transaction_under_contention_leaves_no_trace_and_others_go_on(store):
    """A writer whose transaction fails half-way rolls back alone; the other writers' work stays."""
    load_demo(store, leads=200, seed=5)
    leads = sorted(row["id"] for row in store.read("test_support/ids_of", label="Lead"))[:8]
    now = datetime(2026, 11, 30, 12, 0)
    errors: list[BaseException] = []

    def good(n: int) -> None:
        for k in range(25):
            store.write("test_support/log_activity", id=f"good-{n}-{k}", lead=leads[n], batch="good",
                        note="ok", at=now)

    def bad(n: int) -> None:
        for k in range(25):
            try:
                with store.transaction():
                    store.write("test_support/log_activity", id=f"bad-{n}-{k}", lead=leads[n], batch="bad",
                                note="rolled back", at=now)
                    raise RuntimeError("the request failed after its first write")
            except RuntimeError as exc:
                if "after its first write" not in str(exc):
                    errors.append(exc)

    def guarded(fn, n):
        try:
            fn(n)
        except BaseException as exc:  # noqa: BLE001  (reported by the assertion below)
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(good if i % 2 else bad, i)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(store.read("test_support/activities_of_batch", batch="good")) == 4 * 25
    assert store.read("test_support/activities_of_batch", batch="bad") == []


def test_two_imports_of_the_same_file_at_once_create_each_record_once(store, tmp_path):
    """Two admins upload the same export at the same moment: chunks interleave, nothing is duplicated."""
    from graphcrm.ingest import ImportOptions, import_files
    from tests.trust.generated import write_leads_csv

    path = write_leads_csv(tmp_path / "leads.csv", 1_000)
    reports, errors = [], []

    def importer(n: int) -> None:
        try:
            reports.append(import_files(store, [path], ImportOptions(chunk_rows=200, transaction_rows=200, rejects_path=None)))
        except BaseException as exc:  # noqa: BLE001  (reported by the assertion below)
            errors.append(exc)

    threads = [threading.Thread(target=importer, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(r.rows for r in reports) == [1_000, 1_000] and all(r.rejected == 0 for r in reports)
    assert sum(r.created["Lead"] for r in reports) == 1_000  # each chunk created by whichever came first
    assert all(r.loaded + r.unchanged == 1_000 for r in reports)
    counts = store.counts()
    assert counts.nodes["Lead"] == counts.nodes["Email"] == counts.relationships["HAS_EMAIL"] == 1_000
    ids = [row["id"] for row in store.read("test_support/ids_of", label="Lead")]
    assert len(ids) == len(set(ids)) == 1_000
