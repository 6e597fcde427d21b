"""Benchmark: lead capture on a large graph (duplicate checks and the intake API).

    python bench/bench_capture.py [--db bench-capture.lbug] [--leads 100000] [--requests 200]

Works on a throwaway copy of the demo CRM at ``--db`` (made first, with ``--leads`` leads, when
the file does not exist), so the demo is left as it was. Measures, on the real embedded database
through the Flask app (no network):

- the duplicate check a form runs while typing (prepare + candidates + scoring), for new people
  and for variants of people already in the graph;
- ``POST /api/leads`` with one new lead, with a repeat of a known person (a touch, no new lead),
  and with batches of 100;
- ``POST /capture/check/lead`` (the live check of the manual entry form).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time

from demo_copy import scratch_copy

from graphcrm.clock import utc_now
from graphcrm.capture.channel import Channel
from graphcrm.capture.duplicates import find_duplicates
from graphcrm.capture.integrations import create_integration, integration_id
from graphcrm.capture.record import prepare_capture
from graphcrm.ingest.fields import Kind
from graphcrm.store import Store
from graphcrm.web import create_app

FIRST = ["Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Mia", "Lucas", "伟", "芳", "静", "磊", "Chloe", "Ethan"]
LAST = ["Garcia", "Nguyen", "Schmidt", "Okafor", "Kowalski", "王", "李", "张", "刘", "Rossi", "Haddad", "Silva"]


def timed(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"median {statistics.median(ordered) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   (n={len(ordered)})"


def new_person(rng: random.Random, i: int) -> dict[str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return {"name": f"{first} {last}" if first.isascii() else f"{last}{first}",
            "email": f"bench.{i}.{rng.randrange(10**9)}@example-{rng.randrange(5000)}.com",
            "company_name": f"Bench Labs {rng.randrange(100000)}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="bench-capture.lbug")
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with scratch_copy(args.db, args.leads, "bench-capture") as store:
        run(store, args.requests)


def run(store: Store, requests: int) -> None:
    """The measurements, on a copy of the demo."""
    rng = random.Random(7)
    counts = store.counts()
    print(f"graph: {counts.nodes.get('Lead', 0):,} leads, {counts.nodes.get('Contact', 0):,} contacts, "
          f"{counts.nodes.get('Company', 0):,} companies")
    known = store.read("capture/bench_people")[: requests]
    now = utc_now()

    checks_new, checks_known, hits = [], [], 0
    for i in range(requests):
        record = prepare_capture(Kind.LEADS, new_person(rng, i), Channel("manual"), region="US", now=now)
        started = time.perf_counter()
        find_duplicates(store, record)
        checks_new.append(time.perf_counter() - started)
    for row in known:
        fields = {"name": row["name"], "company_name": row["company_name"] or ""}
        fields = {k: v for k, v in fields.items() if v}
        record = prepare_capture(Kind.LEADS, fields, Channel("manual"), region="US", now=now)
        started = time.perf_counter()
        found = find_duplicates(store, record)
        checks_known.append(time.perf_counter() - started)
        hits += any(m.id == row["id"] for m in found)
    print(f"duplicate check, new person:        {timed(checks_new)}")
    print(f"duplicate check, known name+company:{timed(checks_known)}   found the known lead {hits}/{len(known)}")

    name = f"Bench {now:%H%M%S}"
    _, token = create_integration(store, name, source_name="Bench", region="US")
    app = create_app({"SECRET_KEY": "bench", "INTAKE_RATE_LIMIT": "1000000 per minute"}, store=store)
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    created, repeated, outcomes = [], [], set()
    for i in range(requests):
        started = time.perf_counter()
        response = client.post("/api/leads", json=new_person(rng, 10_000 + i), headers=headers)
        created.append(time.perf_counter() - started)
        outcomes.add(response.status_code)
    for row in known:
        body = {"name": row["name"], "email": row["email"]} if row["email"] else {"name": row["name"],
                                                                                  "phone": row["phone"]}
        started = time.perf_counter()
        response = client.post("/api/leads", json=body, headers=headers)
        repeated.append(time.perf_counter() - started)
        outcomes.add(response.status_code)
    print(f"POST /api/leads, new lead:           {timed(created)}   ({len(created) / sum(created):.0f} req/s)")
    print(f"POST /api/leads, known person:       {timed(repeated)}")
    batches = []
    for b in range(5):
        body = {"leads": [new_person(rng, 100_000 + b * 100 + i) for i in range(100)]}
        started = time.perf_counter()
        response = client.post("/api/leads", json=body, headers=headers)
        batches.append(time.perf_counter() - started)
        outcomes.add(response.status_code)
    per_lead = statistics.median(batches) / 100
    print(f"POST /api/leads, batch of 100:       {timed(batches)}   ({1 / per_lead:.0f} leads/s)")
    print(f"HTTP answers seen: {sorted(outcomes)}; integration {integration_id(name)}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
