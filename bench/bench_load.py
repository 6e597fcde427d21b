"""Benchmark: concurrent readers over HTTP and writers through the one embedded writer.

    python bench/bench_load.py [--db PATH] [--leads 5000] [--clients 20] [--writers 4] [--seconds 60]

Serves the app under waitress (one process, threads, loopback port chosen by the
system) on the demo database at ``--db`` (built with the demo generator if the
file does not exist; default ``./bench-load.lbug``). ``--clients`` threads send a
mix of page and JSON requests (home, search, lead page, API search, neighbourhood,
related leads) while ``--writers`` threads log follow-ups (an Activity about a
lead) and change lead statuses through the Store, some of them both in one
transaction. Afterwards every acknowledged write is looked up. Prints requests per
second, writes per second, latency percentiles and every kind of error.

``run_load`` is also what ``tests/trust/test_concurrency.py`` runs, for a shorter time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import logging
import random
import statistics
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote

from graphcrm.store import Store

STATUSES = ("new", "working", "qualified", "disqualified", "converted")


@dataclass
class LoadResult:
    """What a load run did and what went wrong."""

    seconds: float = 0.0
    requests: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    writes: int = 0
    errors: Counter[str] = field(default_factory=Counter)  # kind of failure -> how many
    activities: dict[str, str] = field(default_factory=dict)  # acknowledged activity id -> lead id
    statuses: dict[str, tuple[str, str]] = field(default_factory=dict)  # lead -> last acknowledged (status, note)
    batch: str = ""

    @property
    def error_count(self) -> int:
        """All failed requests and writes."""
        return sum(self.errors.values())

    def summary(self) -> str:
        """A few lines of figures."""
        lat = sorted(self.latencies_ms) or [0.0]
        p95 = lat[min(len(lat) - 1, int(len(lat) * 0.95))]
        lines = [
            f"{self.requests:,} requests in {self.seconds:.1f} s = {self.requests / self.seconds:,.0f} req/s "
            f"(median {statistics.median(lat):.1f} ms, p95 {p95:.1f} ms, max {lat[-1]:.0f} ms)",
            f"{self.writes:,} acknowledged writes = {self.writes / self.seconds:,.1f} writes/s "
            f"({len(self.activities):,} follow-ups logged, {len(self.statuses):,} leads' statuses changed)",
            f"errors: {self.error_count}" + "".join(f"\n  {n} x {kind}" for kind, n in self.errors.most_common()),
        ]
        return "\n".join(lines)


def reader_paths(lead_ids: list[str], words: list[str]) -> list[str]:
    """The request mix: pages and JSON API calls over the given leads and search words."""
    paths = ["/"]
    for lead, word in zip(lead_ids, words * (len(lead_ids) // max(len(words), 1) + 1), strict=False):
        q = quote(word)
        paths += [f"/search?q={q}", f"/leads/{quote(lead)}", f"/api/search?q={q}",
                  f"/api/nodes/Lead/{quote(lead)}/neighbourhood", f"/api/leads/{quote(lead)}/related"]
    return paths


def run_load(store: Store, app: Any, lead_ids: list[str], words: list[str], *, clients: int = 20,
             writers: int = 4, seconds: float = 20.0, server_threads: int = 8) -> LoadResult:
    """Serve ``app`` on loopback and run readers and writers together for ``seconds``."""
    from waitress.server import create_server

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # a deep task queue is the point here
    result = LoadResult(batch=f"load-{uuid.uuid4().hex[:8]}")
    paths = reader_paths(lead_ids, words)
    lock = threading.Lock()
    server = create_server(app, host="127.0.0.1", port=0, threads=server_threads)
    port = server.effective_port
    stopping = threading.Event()

    def serve() -> None:
        try:
            server.run()
        except (OSError, ValueError):  # select() on the sockets close() just closed
            if not stopping.is_set():
                raise

    serving = threading.Thread(target=serve, name="waitress", daemon=True)
    serving.start()
    stop = time.perf_counter() + seconds

    def fail(kind: str) -> None:
        with lock:
            result.errors[kind] += 1

    def reader(n: int) -> None:
        rnd = random.Random(n)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            while time.perf_counter() < stop:
                path = rnd.choice(paths)
                began = time.perf_counter()
                try:
                    conn.request("GET", path, headers={"Accept-Language": "en"})
                    response = conn.getresponse()
                    body = response.read()
                    if response.status != 200:
                        fail(f"HTTP {response.status} on {path.split('?')[0].rsplit('/', 1)[0] or '/'}")
                        continue
                    if path.startswith("/api/"):
                        json.loads(body)
                except (OSError, http.client.HTTPException, ValueError) as exc:
                    fail(f"{type(exc).__name__} on {path.split('?')[0]}: {exc}"[:200])
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    continue
                with lock:
                    result.requests += 1
                    result.latencies_ms.append((time.perf_counter() - began) * 1000)
        finally:
            conn.close()

    def writer(n: int) -> None:
        rnd = random.Random(1000 + n)
        own = lead_ids[n::writers]  # each writer changes only its own leads, so its last write must win
        k = 0
        while time.perf_counter() < stop:
            k += 1
            now = datetime.now().replace(microsecond=0)
            activity = (f"{result.batch}-w{n}-{k}", rnd.choice(lead_ids))
            change = (rnd.choice(own), rnd.choice(STATUSES), f"writer {n} change {k}") if own else None
            step = k % 3
            try:
                if step == 0 or change is None:
                    _log(store, activity, result.batch, now)
                elif step == 1:
                    _set_status(store, change, now)
                else:
                    with store.transaction():
                        _log(store, activity, result.batch, now)
                        _set_status(store, change, now)
            except Exception as exc:  # noqa: BLE001  (every failure is counted and named)
                fail(f"write {type(exc).__name__}: {str(exc)[:160]}")
                continue
            with lock:
                result.writes += 1
                if step != 1 or change is None:
                    result.activities[activity[0]] = activity[1]
                if step != 0 and change is not None:
                    result.statuses[change[0]] = change[1:]

    threads = [threading.Thread(target=reader, args=(i,), name=f"reader-{i}") for i in range(clients)]
    threads += [threading.Thread(target=writer, args=(i,), name=f"writer-{i}") for i in range(writers)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.perf_counter() - began
    stopping.set()
    server.close()
    serving.join(timeout=10)
    server.task_dispatcher.shutdown()
    return result


def _log(store: Store, activity: tuple[str, str], batch: str, now: datetime) -> None:
    rows = store.write("test_support/log_activity", id=activity[0], lead=activity[1], batch=batch,
                       note="follow-up under load", at=now)
    if len(rows) != 1:
        raise LookupError(f"lead {activity[1]} not found")


def _set_status(store: Store, change: tuple[str, str, str], now: datetime) -> None:
    lead, status, note = change
    if len(store.write("test_support/set_lead_status", lead=lead, status=status, note=note, at=now)) != 1:
        raise LookupError(f"lead {lead} not found")


def missing_writes(store: Store, result: LoadResult) -> list[str]:
    """Every acknowledged write that the graph does not show (empty when nothing was lost)."""
    problems = []
    found = {row["id"]: row["lead"] for row in store.read("test_support/activities_of_batch", batch=result.batch)}
    for activity, lead in result.activities.items():
        if found.get(activity) != lead:
            problems.append(f"activity {activity} about {lead}: found {found.get(activity)!r}")
    problems += [f"unacknowledged activity {a} is in the graph" for a in set(found) - set(result.activities)]
    states = {row["id"]: (row["status"], row["note"])
              for row in store.read("test_support/lead_states", ids=sorted(result.statuses))}
    for lead, wanted in result.statuses.items():
        if states.get(lead) != wanted:
            problems.append(f"lead {lead}: last acknowledged {wanted}, graph has {states.get(lead)}")
    return problems


def main(argv: list[str] | None = None) -> int:
    from graphcrm.demo.load import load_demo
    from graphcrm.store import open_store
    from graphcrm.web import create_app

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="bench-load.lbug")
    parser.add_argument("--leads", type=int, default=5_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--server-threads", type=int, default=8)
    args = parser.parse_args(argv)
    with open_store(args.db) as store:
        store.setup_schema()
        if not store.read("meta/get", id="demo"):
            print(f"building demo data ({args.leads:,} leads) in {args.db} ...", flush=True)
            load_demo(store, leads=args.leads)
        leads = [row["id"] for row in store.read("test_support/ids_of", label="Lead")]
        rnd = random.Random(7)
        sample = rnd.sample(leads, min(200, len(leads)))
        words = ["an", "li", "wang", "smith", "acme", "tech", "+1 415", "gmail", "张", "co"]
        app = create_app({"TESTING": False, "SECRET_KEY": "bench"}, store=store)
        print(f"{args.clients} HTTP clients + {args.writers} writers for {args.seconds:.0f} s on "
              f"{len(leads):,} leads ({args.server_threads} waitress threads)", flush=True)
        result = run_load(store, app, sample, words, clients=args.clients, writers=args.writers,
                          seconds=args.seconds, server_threads=args.server_threads)
        print(result.summary())
        lost = missing_writes(store, result)
        print(f"acknowledged writes missing afterwards: {len(lost)}" + "".join(f"\n  {p}" for p in lost[:10]))
    return 1 if lost or result.error_count else 0


if __name__ == "__main__":
    raise SystemExit(main())
