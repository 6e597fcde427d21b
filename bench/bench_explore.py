"""Benchmark: explore queries, the lead page, and a loopback load test on demo data.

    python bench/bench_explore.py [--db PATH] [--leads 100000] [--samples 50] [--clients 20] [--seconds 30]

Uses the demo database at ``--db`` (building it with ``graphcrm demo`` first if the
file does not exist; default ``./bench-explore.lbug``). Prints median and p95 of the
neighbourhood (depth 1 and 2), related-leads, search and path queries over random
leads, the time to serve a lead page (in process, through the Flask app), and then
runs ``--clients`` concurrent clients for ``--seconds`` against the app under waitress
(one process, threads) on loopback, alternating lead pages and JSON API calls:
requests per second and errors.
"""

from __future__ import annotations

import argparse
import logging
import random
import statistics
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from graphcrm.demo.load import load_demo
from graphcrm.queries.neighbourhood import neighbourhood
from graphcrm.queries.paths import shortest_paths
from graphcrm.queries.related import related_leads
from graphcrm.queries.search import search
from graphcrm.store import open_store
from graphcrm.web import create_app


def timed(label: str, calls: list[Callable[[], object]]) -> list[float]:
    """Run each call once, print median and p95 in ms."""
    times = []
    for call in calls:
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"{label:34s} median {statistics.median(times):8.1f} ms   p95 {p95:8.1f} ms   (n={len(times)})")
    return times


def load_test(app, clients: int, seconds: float, urls: list[str]) -> None:
    """``clients`` threads hammer ``urls`` for ``seconds`` through waitress on loopback."""
    from waitress.server import create_server

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" is the point here

    server = create_server(app, host="127.0.0.1", port=0, threads=8)
    port = server.effective_port
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    done = {"ok": 0, "errors": 0}
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(n: int) -> None:
        rnd = random.Random(n)
        while time.perf_counter() < stop:
            url = base + rnd.choice(urls)
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    response.read()
                    ok = response.status == 200
            except Exception:  # noqa: BLE001  (every failure counts as an error)
                ok = False
            with lock:
                done["ok" if ok else "errors"] += 1

    started = time.perf_counter()
    workers = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - started
    server.close()
    total = done["ok"] + done["errors"]
    print(f"load test: {clients} clients x {seconds:.0f} s: {total:,} requests, {total / elapsed:,.0f} req/s, "
          f"{done['errors']} errors")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="bench-explore.lbug")
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args(argv)
    if not Path(args.db).exists():
        print(f"building demo data ({args.leads:,} leads) in {args.db} ...", flush=True)
        with open_store(args.db) as store:
            load_demo(store, leads=args.leads)
    store = open_store(args.db)
    counts = store.counts()
    print(f"database {args.db}: {counts.nodes.get('Lead', 0):,} leads, "
          f"{counts.relationships.get('TOUCHED_BY', 0):,} touchpoints")
    conn_rows = store._connection().execute("MATCH (l:Lead) RETURN l.id, l.name").get_all()  # noqa: SLF001
    rnd = random.Random(7)
    sample = rnd.sample(conn_rows, args.samples)
    ids = [r[0] for r in sample]
    pairs = [(rnd.choice(ids), rnd.choice(ids)) for _ in range(min(20, args.samples))]
    words = [str(r[1]).split()[0][:5] for r in sample if r[1]]
    neighbourhood(store, "Lead", ids[0], depth=2)  # warm the buffer pool once
    timed("neighbourhood depth 1", [lambda i=i: neighbourhood(store, "Lead", i, depth=1) for i in ids])
    timed("neighbourhood depth 2 (cap 150)", [lambda i=i: neighbourhood(store, "Lead", i, depth=2) for i in ids])
    timed("related leads", [lambda i=i: related_leads(store, i) for i in ids])
    timed("search (name prefix)", [lambda w=w: search(store, w) for w in words])
    timed("shortest paths (default types)", [lambda a=a, b=b: shortest_paths(store, ("Lead", a), ("Lead", b))
                                              for a, b in pairs])
    app = create_app({"TESTING": False, "SECRET_KEY": "bench"}, store=store)
    client = app.test_client()
    timed("lead page (related view)", [lambda i=i: client.get(f"/leads/{i}") for i in ids])
    timed("lead page depth 2", [lambda i=i: client.get(f"/leads/{i}?depth=2") for i in ids[:20]])
    urls = [u for i in ids for u in (f"/leads/{i}", f"/api/nodes/Lead/{i}/neighbourhood", f"/api/leads/{i}/related")]
    load_test(app, args.clients, args.seconds, urls)
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
