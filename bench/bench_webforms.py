"""Benchmark: web-to-lead form submissions on demo data, end to end through the Flask app.

    python bench/bench_webforms.py [--db PATH] [--leads 20000] [--submissions 200]

Builds the demo database at ``--db`` if the file does not exist (default ``./bench-webforms.lbug``)
and works on a fresh copy of it. Defines a form for the busiest demo campaign, then times:
public page GETs, submissions from new people (a lead is created, scored for duplicates, touched,
assigned), repeat submissions from the same people (the existing lead is touched), and the QR PNG.
Prints median and 95th-percentile latency per kind and the peak RSS. The rate limit is raised so
it does not stop the benchmark.
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import time

from demo_copy import scratch_copy

from graphcrm.capture import forms
from graphcrm.capture.forms import FormSpec
from graphcrm.web import create_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="bench-webforms.lbug")
    parser.add_argument("--leads", type=int, default=20_000)
    parser.add_argument("--submissions", type=int, default=200)
    args = parser.parse_args()
    with scratch_copy(args.db, args.leads, "bench-webforms") as store:
        run(store, args.submissions)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def report(kind: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"{kind:<34} n={len(times):>4}  median {statistics.median(times):7.1f} ms  p95 {p95:7.1f} ms")


def run(store, submissions: int) -> None:
    counts = store.counts().nodes
    print(f"graph: {counts.get('Lead', 0):,} leads, {counts.get('Contact', 0):,} contacts, "
          f"{counts.get('Campaign', 0):,} campaigns")
    campaign = forms.campaigns(store)[0]
    form = forms.create_form(store, FormSpec(name="Bench", campaign_id=campaign["id"], region="CN",
                                             fields=("first_name", "last_name", "company_name", "email", "phone")))
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "WEBFORM_RATE_LIMIT": "100000 per minute"}, store=store)
    client = app.test_client()
    page = client.get(f"/f/{form.id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]

    report("GET public form", [timed(lambda: client.get(f"/f/{form.id}?utm_source=bench")) for _ in range(50)])

    def post(i: int) -> None:
        response = client.post(f"/f/{form.id}?utm_source=bench", data={
            "csrf_token": token, "first_name": f"Bench{i}", "last_name": "Visitor", "company_name": f"Bench Co {i % 40}",
            "email": f"bench.visitor{i}@example.net", "phone": f"139{i:08d}"})
        assert response.status_code == 302, response.status_code

    report("POST new visitor (lead created)", [timed(lambda i=i: post(i)) for i in range(submissions)])
    report("POST repeat visitor (touch only)", [timed(lambda i=i: post(i)) for i in range(submissions)])
    report("GET QR code PNG", [timed(lambda: client.get(f"/forms/{form.id}/qr.png")) for _ in range(20)])
    after = forms.get_form(store, form.id)
    print(f"form submissions counted: {after.submissions:,}; leads now {store.counts().nodes.get('Lead', 0):,}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
