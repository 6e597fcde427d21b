"""Benchmark: attribution models and funnel on the 100,000-lead demo (about a million touchpoints).

    python bench/bench_attribution.py [--db PATH] [--leads 100000] [--seed 7] [--repeat 3]

Builds the demo database at ``--db`` if it is missing (``graphcrm demo --leads N``, about
a minute and a half for 100,000 leads) and keeps it for the next run. Then, best of
``--repeat`` runs each: the journey queries (columnar fetch), building journeys by source
and by campaign, every model by source and by campaign, the funnel, the whole set (fetch +
build + all eight models), the attribution web page, and ChannelAttribution's simulated
Markov model on the same paths for comparison when that package is installed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from graphcrm.attribution import journeys
from graphcrm.attribution.funnel import fetch_owners, funnel
from graphcrm.attribution.markov import fit, removal_effects
from graphcrm.attribution.report import MODELS, report
from graphcrm.store import open_store

DEFAULT_DB = Path(tempfile.gettempdir()) / "graphcrm-bench-attribution" / "demo.lbug"


def best(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    """Best wall time of ``repeat`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def ensure_demo(db: Path, leads: int, seed: int) -> None:
    if db.exists():
        with open_store(str(db)) as store:
            store.setup_schema()  # a database from an older build gets the pending migrations
        return
    from graphcrm.demo.load import load_demo

    print(f"building the demo database at {db} ({leads:,} leads) ...", flush=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with open_store(str(db)) as store:
        store.setup_schema()
        load_demo(store, leads=leads, seed=seed)
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    ensure_demo(args.db, args.leads, args.seed)
    store = open_store(str(args.db), read_only=True)
    r = args.repeat

    t_fetch, frames = best(r, lambda: journeys.fetch_frames(store))
    f = frames
    t_src, by_source = best(r, lambda: journeys.build(f["touches"], f["leads"], f["conversions"], f["campaigns"],
                                                      by="source"))
    t_cmp, by_campaign = best(r, lambda: journeys.build(f["touches"], f["leads"], f["conversions"], f["campaigns"],
                                                        by="campaign"))
    placeholders = int((by_source.channels.keys[by_source.t_channel] == journeys.NO_TOUCH).sum())
    print(f"attribution on {args.db} ({len(by_source):,} leads, {len(f['touches']):,} touches fetched, "
          f"{len(by_source.t_channel) - placeholders:,} kept up to conversion + {placeholders} no-touch "
          f"placeholders, {by_source.total_conversions:,.0f} conversions)")
    print(f"journey queries (columnar fetch)  {t_fetch:7.3f} s")
    print(f"build journeys by source          {t_src:7.3f} s   ({len(by_source.channels)} channels)")
    print(f"build journeys by campaign        {t_cmp:7.3f} s   ({len(by_campaign.channels):,} channels)")
    print()
    print(f"{'model':<12}{'by source':>12}{'by campaign':>14}")
    totals = {"source": 0.0, "campaign": 0.0}
    notes = {}
    for model in MODELS:
        t1, rep1 = best(r, lambda m=model: report(by_source, m))
        t2, rep2 = best(r, lambda m=model: report(by_campaign, m))
        totals["source"] += t1
        totals["campaign"] += t2
        for rep in (rep1, rep2):
            assert abs(rep.table["conversions"].sum() - rep.total_conversions) < 1e-6
        if rep2.note:
            notes[model] = rep2.note
        print(f"{model:<12}{t1:>10.3f} s{t2:>12.3f} s")
    print(f"{'all eight':<12}{totals['source']:>10.3f} s{totals['campaign']:>12.3f} s")
    for model, note in notes.items():
        print(f"  {model} by campaign: {note}")
    whole_source = t_fetch + t_src + totals["source"]
    whole_campaign = t_fetch + t_cmp + totals["campaign"]
    print()
    print(f"whole set, fetch + build + 8 models: by source {whole_source:.2f} s, by campaign {whole_campaign:.2f} s"
          f" (target: under 10 s)")

    def whole_funnel(by: str) -> Any:
        fr = journeys.fetch_frames(store, touches=by == "campaign")
        if by == "rep":
            fr["owners"] = fetch_owners(store)
        return funnel(fr, by)  # type: ignore[arg-type]

    print("funnel (fetch + table):  " + ", ".join(
        f"{by} {best(r, lambda b=by: whole_funnel(b))[0]:.2f} s" for by in ("source", "campaign", "rep", "period")))
    page_timings(store, r)
    compare_channelattribution(by_source)
    store.close()
    return 0


def page_timings(store: Any, repeat: int) -> None:
    """Server-side time of the attribution pages (Flask test client, no network): the very first
    view (fetch included), a model switch (journeys cached, model computed), and a repeated view."""
    from graphcrm.web import create_app
    from graphcrm.web.attribution import CACHE_KEY

    app = create_app({"TESTING": True}, store=store)
    client = app.test_client()
    cold, _ = best(1, lambda: client.get("/attribution/?model=linear&by=source"))
    print(f"page first view, fetch included (/attribution/)        {cold:6.3f} s")

    def switch(url: str) -> Any:
        for entry in app.extensions[CACHE_KEY].values():
            entry.results.clear()  # keep the fetched journeys, forget the computed models
        return client.get(url)

    for by in ("source", "campaign"):
        client.get(f"/attribution/?by={by}")  # journeys of this grouping built once
        slowest = max((best(repeat, lambda m=m: switch(f"/attribution/?model={m}&by={by}"))[0], m) for m in MODELS)
        print(f"page model switch by {by:<9} slowest: {slowest[1]:<10} {slowest[0]:6.3f} s")
    for url in ("/attribution/?model=markov&by=source", "/attribution/?model=shapley&by=campaign",
                "/attribution/compare?by=source", "/attribution/funnel?by=source"):
        client.get(url)
        seconds, response = best(repeat, lambda u=url: client.get(u))
        print(f"page repeat view {url:<40} {seconds:6.3f} s  ({len(response.data) / 1024:,.0f} KB)")


def compare_channelattribution(j: journeys.Journeys) -> None:
    """Our exact Markov removal effects against ChannelAttribution's simulation on the same paths."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import ChannelAttribution as ca
    except ImportError:
        print("ChannelAttribution not installed: comparison skipped")
        return
    import pandas as pd

    keys = j.channels.keys[j.t_channel]
    paths = pd.DataFrame({"journey": j.t_journey, "channel": keys}).groupby("journey", sort=True)["channel"].agg(
        " > ".join)
    frame = pd.DataFrame({"path": paths.to_numpy(), "conv": j.converted.astype(int),
                          "null": (~j.converted).astype(int)}).groupby("path", as_index=False).sum()
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        result = ca.markov_model(frame, "path", "conv", var_null="null", out_more=True, verbose=False,
                                 flg_pro=False, seed=1, max_step=1000)
    took = time.perf_counter() - started
    theirs = result["removal_effects"].set_index("channel_name").iloc[:, 0]
    ours_conv, _, _, _ = removal_effects(fit(j))
    ours = pd.Series(ours_conv, index=j.channels.keys)
    both = pd.concat([ours, theirs], axis=1, join="inner")
    diff = np.abs(both.iloc[:, 0] - both.iloc[:, 1])
    print(f"ChannelAttribution markov_model (simulated) on {len(frame):,} distinct paths: {took:.2f} s; "
          f"removal effects differ from our exact ones by at most {diff.max():.4f} (mean {diff.mean():.4f})")


if __name__ == "__main__":
    sys.exit(main())
