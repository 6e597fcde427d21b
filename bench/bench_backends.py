"""Benchmark: the same work on both backends, side by side (issue 16).

    GRAPHCRM_BENCH_NEO4J_URI=bolt://neo4j:PASSWORD@127.0.0.1:7687 \\
        python bench/bench_backends.py [--leads 100000] [--touches 1000000] [--samples 30] [--backends ladybug,neo4j]

Writes the Salesforce-shaped files of ``bench/bench_import.py`` (leads, campaigns, campaign
members) once, then on each backend in turn (the embedded LadybugDB in a temporary folder;
the Neo4j server named by ``GRAPHCRM_BENCH_NEO4J_URI``, wiped first with ``store.wipe()``, so
never point it at a database you want to keep):

- imports the leads, the campaigns and the touchpoints with the code of ``graphcrm import``;
- on ``--samples`` random leads (the same ids on both backends: the importer derives ids from
  the files): the lead page through the Flask app (in process), the neighbourhood at depth 1
  and 2, a shortest path between two of them, related leads (the explore functions of
  ``bench/bench_explore.py``);
- one full deduplication run of the leads (``run_dedupe(full=True)``, as ``bench/bench_dedupe.py``);
- attribution: the journey queries, then building the journeys and every model by source and by
  campaign (as ``bench/bench_attribution.py``).

Prints one table: each figure on each backend and the ratio Neo4j / LadybugDB, with the load
average at the start and the end (the figures move with it on a shared machine).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling bench modules

import logging  # noqa: E402

from bench_import import peak_rss_mb, timed_import, write_files  # noqa: E402

from graphcrm.attribution import journeys  # noqa: E402
from graphcrm.attribution.report import MODELS, report  # noqa: E402
from graphcrm.dedupe.run import run_dedupe  # noqa: E402
from graphcrm.queries.neighbourhood import neighbourhood  # noqa: E402
from graphcrm.queries.paths import shortest_paths  # noqa: E402
from graphcrm.queries.related import related_leads  # noqa: E402
from graphcrm.store import Store, open_store  # noqa: E402
from graphcrm.web import create_app  # noqa: E402

ENV_URI = "GRAPHCRM_BENCH_NEO4J_URI"
BACKENDS = ("ladybug", "neo4j")

Figures = dict[str, tuple[float, str]]  # measure -> (value, unit)


def times_ms(calls: list[Callable[[], object]]) -> list[float]:
    """Each call once (after one warm-up of the first), in ms, sorted."""
    if calls:
        calls[0]()
    out = []
    for call in calls:
        started = time.perf_counter()
        call()
        out.append((time.perf_counter() - started) * 1000)
    return sorted(out)


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank) of sorted values."""
    return values[min(len(values) - 1, int(len(values) * 0.95))]


def open_backend(backend: str, folder: Path) -> Store:
    """An empty store with the schema: a new embedded file, or the wiped Neo4j database."""
    if backend == "ladybug":
        store = open_store(str(folder / "bench.lbug"))
    else:
        store = open_store(os.environ[ENV_URI])
        started = time.perf_counter()
        deleted = store.wipe()
        print(f"  neo4j: wiped {deleted:,} nodes in {time.perf_counter() - started:.1f} s", flush=True)
    store.setup_schema()
    return store


def run_backend(backend: str, folder: Path, files: dict[str, Path], samples: int) -> Figures:
    """Every measure on one backend."""
    figures: Figures = {}
    store = open_backend(backend, folder)
    print(f"{backend}: {store.describe()}", flush=True)
    try:
        for name in ("leads", "campaigns", "touchpoints"):
            seconds, result = timed_import(store, files[name])
            figures[f"import {name}, s"] = (seconds, "s")
            if name != "campaigns":
                figures[f"import {name}, rows/s"] = (result.rows / seconds, "/s")
            print(f"  import {name}: {result.rows:,} rows in {seconds:.1f} s ({result.rows / seconds:,.0f}/s), "
                  f"rejected {result.rejected}", flush=True)
        leads = sorted(row["id"] for row in store.read("test_support/ids_of", label="Lead"))
        rnd = random.Random(7)
        ids = rnd.sample(leads, min(samples, len(leads)))
        pairs = [(rnd.choice(ids), rnd.choice(ids)) for _ in range(min(20, len(ids)))]
        app = create_app({"TESTING": False, "SECRET_KEY": "bench"}, store=store)
        client = app.test_client()

        def page(lead: str) -> None:
            response = client.get(f"/leads/{lead}")
            if response.status_code != 200:
                raise RuntimeError(f"lead page {lead}: HTTP {response.status_code}")

        measures: dict[str, list[Callable[[], object]]] = {
            "lead page": [lambda i=i: page(i) for i in ids],
            "neighbourhood depth 1": [lambda i=i: neighbourhood(store, "Lead", i, depth=1) for i in ids],
            "neighbourhood depth 2": [lambda i=i: neighbourhood(store, "Lead", i, depth=2) for i in ids],
            "shortest paths": [lambda a=a, b=b: shortest_paths(store, ("Lead", a), ("Lead", b)) for a, b in pairs],
            "related leads": [lambda i=i: related_leads(store, i) for i in ids],
        }
        for label, calls in measures.items():
            found = times_ms(calls)
            figures[f"{label}, median ms"] = (statistics.median(found), "ms")
            figures[f"{label}, p95 ms"] = (p95(found), "ms")
            print(f"  {label}: median {statistics.median(found):.1f} ms, p95 {p95(found):.1f} ms", flush=True)
        started = time.perf_counter()
        dedupe = run_dedupe(store, "lead", full=True)
        figures["dedupe (full run), s"] = (time.perf_counter() - started, "s")
        print(f"  dedupe: {dedupe.records:,} records, {dedupe.compared:,} pairs compared, "
              f"{len(dedupe.pairs):,} kept, {figures['dedupe (full run), s'][0]:.1f} s", flush=True)
        figures.update(attribution(store))
    finally:
        store.close()
    return figures


def attribution(store: Store) -> Figures:
    """The journey queries, then build + all models by source and by campaign."""
    figures: Figures = {}
    started = time.perf_counter()
    frames = journeys.fetch_frames(store)
    figures["attribution fetch, s"] = (time.perf_counter() - started, "s")
    for by in ("source", "campaign"):
        started = time.perf_counter()
        built = journeys.build(frames["touches"], frames["leads"], frames["conversions"], frames["campaigns"], by=by)
        for model in MODELS:
            report(built, model)
        figures[f"attribution build + {len(MODELS)} models by {by}, s"] = (time.perf_counter() - started, "s")
    print(f"  attribution: {len(frames['touches']):,} touches fetched in {figures['attribution fetch, s'][0]:.1f} s; "
          + ", ".join(f"by {k.split(' by ')[1].removesuffix(', s')} {v:.1f} s" for k, (v, _) in figures.items()
                   if " by " in k), flush=True)
    return figures


def table(results: dict[str, Figures]) -> str:
    """One Markdown table: each measure, each backend, and Neo4j / LadybugDB."""
    names = [n for n in BACKENDS if n in results]
    header = "| measure | " + " | ".join(names) + (" | neo4j / ladybug |" if len(names) == 2 else " |")
    lines = [header, "|" + "---|" * (len(names) + 1 + (len(names) == 2))]
    measures = list(dict.fromkeys(m for n in names for m in results[n]))
    for measure in measures:
        cells = []
        for name in names:
            value = results[name].get(measure, (float("nan"), ""))[0]
            cells.append(f"{value:,.0f}" if value >= 100 else f"{value:,.1f}")
        row = f"| {measure} | " + " | ".join(cells)
        if len(names) == 2:
            a, b = (results[n].get(measure, (float("nan"), ""))[0] for n in names)
            row += f" | {b / a:.2f}" if a else " | "
        lines.append(row + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--touches", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=30, help="random leads for the per-lead measures")
    parser.add_argument("--backends", default=",".join(BACKENDS), help="comma-separated: ladybug, neo4j")
    parser.add_argument("--keep", type=Path, help="write the files (and the embedded database) here")
    args = parser.parse_args(argv)
    # Neo4j warns about every property or type the graph does not hold yet (a fresh import has no
    # Conversion, no MERGED_INTO...): one log line per query run, not a figure.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    chosen = [b.strip() for b in args.backends.split(",") if b.strip()]
    if unknown := set(chosen) - set(BACKENDS):
        parser.error(f"unknown backends {sorted(unknown)}")
    if "neo4j" in chosen and not os.environ.get(ENV_URI):
        parser.error(f"set {ENV_URI} to a Neo4j URI (its database is wiped) or pass --backends ladybug")
    load_start = os.getloadavg()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="graphcrm-bench-backends-"))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    leads_path, campaigns_path, members_path = write_files(folder, args.leads, args.touches)
    files = {"leads": leads_path, "campaigns": campaigns_path, "touchpoints": members_path}
    print(f"{args.leads:,} leads, {args.touches:,} touchpoints: files written in "
          f"{time.perf_counter() - started:.1f} s; load average {load_start[0]:.1f} {load_start[1]:.1f}", flush=True)
    results: dict[str, Figures] = {}
    try:
        for backend in chosen:
            results[backend] = run_backend(backend, folder, files, args.samples)
            print(f"  load average now {os.getloadavg()[0]:.1f}", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    load_end = os.getloadavg()
    print()
    print(f"{args.leads:,} leads, {args.touches:,} touchpoints, {args.samples} sampled leads; load average "
          f"(1 min / 5 min) {load_start[0]:.1f} / {load_start[1]:.1f} at the start, "
          f"{load_end[0]:.1f} / {load_end[1]:.1f} at the end; peak RSS {peak_rss_mb():,.0f} MB")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
