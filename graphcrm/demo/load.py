"""Load the demo CRM with the bulk path, once per database.

The demo is generated and loaded a slice at a time (``generate_slices``), so
100,000 leads and a million touchpoints never sit in memory together. Each
slice's nodes go in before its relationships, and the ``Meta`` node that marks
the demo as complete goes in last: a load that was interrupted leaves data
without that mark, which the next run treats as foreign data (``--reset``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from graphcrm.demo.generate import GENERATOR_VERSION, REFERENCE, DemoData, generate_slices, slice_sizes
from graphcrm.manage.maintain import rescore
from graphcrm.store import Store, StoreError
from graphcrm.clock import FixedClock, utc_now

META_ID = "demo"
NODE_ROWS = 20_000  # rows per node COPY: larger appends to a large table can lose index entries (issue #583)
REL_ROWS = 250_000  # rows per relationship COPY: bounds the Arrow table and the transaction
SUMMARY_LABELS = ("Lead", "Company", "Contact", "Opportunity", "Campaign", "Activity", "Rep", "Source")
# labels that reach the database in more than one COPY, whose ids are checked after the load
CHECKED_LABELS = ("Lead", "Email", "Phone", "Activity", "Contact", "Opportunity", "Company", "Domain")


class DemoExists(Exception):
    """The database holds other data; loading the demo on top would mix the two."""


@dataclass
class DemoReport:
    """What ``load_demo`` did: counts per label and relationship type, and where the time went."""

    leads: int
    seed: int
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    skipped: bool = False
    duplicates: int = 0
    phases: dict[str, float] = field(default_factory=dict)  # "generate", then seconds per label / type loaded

    @property
    def nodes(self) -> int:
        """Nodes loaded (or found, when skipped)."""
        return sum(n for k, n in self.counts.items() if not k.isupper())

    @property
    def relationships(self) -> int:
        """Relationships loaded (or found, when skipped)."""
        return sum(n for k, n in self.counts.items() if k.isupper())

    def summary(self) -> str:
        """A few English lines for the terminal."""
        c = self.counts
        if self.skipped:
            head = (f"The demo CRM ({self.leads:,} leads, seed {self.seed}) is already loaded: "
                    f"{self.nodes:,} nodes and {self.relationships:,} relationships; nothing to do.")
        else:
            head = (f"Loaded the demo CRM ({self.leads:,} leads, seed {self.seed}) in {self.seconds:.1f} s: "
                    f"{self.nodes:,} nodes and {self.relationships:,} relationships.")
        records = ", ".join(f"{c[label]:,} {_plural(label, c[label])}" for label in SUMMARY_LABELS if c.get(label))
        lines = [head, f"  {records}"]
        if c.get("TOUCHED_BY"):
            lines.append(f"  {c['TOUCHED_BY']:,} campaign touchpoints, {c.get('Email', 0):,} email addresses, "
                         f"{c.get('Phone', 0):,} phone numbers, {c.get('Domain', 0):,} web domains")
        if self.duplicates:
            lines.append(f"  {self.duplicates:,} of the leads are planted duplicates, waiting to be found")
        return "\n".join(lines)


def load_demo(store: Store, *, leads: int = 5000, seed: int = 7, reset: bool = False,
              progress: bool = False) -> DemoReport:
    """Generate and bulk-load the demo; skip if this same demo is there, refuse other data unless ``reset``."""
    slice_sizes(leads)  # a bad count fails before anything is touched
    started = time.perf_counter()
    wanted = {"leads": leads, "seed": seed, "generator": GENERATOR_VERSION}
    report = DemoReport(leads, seed)
    if reset:
        store.wipe()
        store.setup_schema()
        report.phases["wipe"] = time.perf_counter() - started
    else:
        recorded = _recorded(store)
        if recorded == wanted:
            counts = store.counts()
            found = {k: n for k, n in {**counts.nodes, **counts.relationships}.items() if n and k != "Meta"}
            return DemoReport(leads, seed, found, time.perf_counter() - started, skipped=True)
        _refuse_other_data(store, recorded)
    loaded: dict[str, list[Any]] = {label: [] for label in CHECKED_LABELS}
    with _progress(progress, leads) as advance:
        parts = generate_slices(leads, seed)
        while True:
            began = time.perf_counter()
            part = next(parts, None)
            _add(report.phases, "generate", time.perf_counter() - began)
            if part is None:
                break
            _load_part(store, part, report)
            for label in CHECKED_LABELS:
                if label in part.nodes:
                    loaded[label].append(part.nodes[label]["id"])
            report.duplicates += len(part.truth)
            advance(len(part.nodes.get("Lead", ())))
    began = time.perf_counter()
    _check_ids(store, loaded)
    report.phases["check ids"] = time.perf_counter() - began
    began = time.perf_counter()
    rescore(store, clock=FixedClock(REFERENCE))  # every lead's one score, by the rules, in the demo's "now"
    report.phases["score"] = time.perf_counter() - began
    now = utc_now()
    store.write("meta/set", id=META_ID, value=json.dumps(wanted), now=now)  # last: marks the load complete
    report.seconds = time.perf_counter() - started
    return report


def _recorded(store: Store) -> dict[str, Any] | None:
    rows = store.read("meta/get", id=META_ID)
    if not rows:
        return None
    try:
        value = json.loads(rows[0]["value"])
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _refuse_other_data(store: Store, recorded: dict[str, Any] | None) -> None:
    counts = {label: n for label, n in store.counts().nodes.items() if n and label != "Meta"}
    if recorded is None and not counts:
        return
    if recorded and recorded.get("generator") == GENERATOR_VERSION:
        what = f"another demo ({recorded.get('leads', 0):,} leads, seed {recorded.get('seed')})"
    elif recorded is not None:
        what = "a demo made by an earlier version of graphcrm"
    else:
        listed = ", ".join(f"{n:,} {label}" for label, n in sorted(counts.items(), key=lambda kv: -kv[1])[:4])
        what = f"other data ({listed}{', ...' if len(counts) > 4 else ''}), or an interrupted demo load"
    raise DemoExists(
        f"{store.describe()['location']} already holds {what}. Pass --reset to delete everything in it and "
        "load this demo, or choose another database with --db."
    )


def _load_part(store: Store, part: DemoData, report: DemoReport) -> None:
    """Nodes first, then relationships; node COPYs stay small, relationship COPYs may be large."""
    for label, frame in part.nodes.items():
        began = time.perf_counter()
        for start in range(0, len(frame), NODE_ROWS):
            store.bulk_create_nodes(label, frame.iloc[start:start + NODE_ROWS])
        _add(report.phases, label, time.perf_counter() - began)
        _add(report.counts, label, len(frame))
    for (rel, a, b), frame in part.rels.items():
        began = time.perf_counter()
        for start in range(0, len(frame), REL_ROWS):
            store.bulk_create_rels(rel, a, b, frame.iloc[start:start + REL_ROWS])
        _add(report.phases, rel, time.perf_counter() - began)
        _add(report.counts, rel, len(frame))


def _check_ids(store: Store, loaded: dict[str, list[Any]], batch: int = 50_000) -> None:
    """Every node loaded in several COPYs must be found by its id (LadybugDB issue #583)."""
    for label, parts in loaded.items():
        if not parts:
            continue
        ids = pd.concat(parts, ignore_index=True).tolist()
        found = 0
        for start in range(0, len(ids), batch):
            found += store.read("demo/found_ids", label=label, ids=ids[start:start + batch])[0]["n"]
        if found != len(ids):
            raise StoreError(
                f"{len(ids) - found} of {len(ids):,} {label} nodes just loaded cannot be found by id: the "
                "embedded database's primary-key index lost entries (LadybugDB issue #583). Run the demo "
                "again with --reset, or use Neo4j",
                query="demo/found_ids", params=["ids"],
            )


def _add(totals: dict[str, Any], key: str, value: float) -> None:
    totals[key] = totals.get(key, 0) + value


def _plural(label: str, n: int) -> str:
    word = {"Opportunity": "opportunities", "Company": "companies", "Activity": "activities"}.get(label)
    word = word or label.lower() + "s"
    return word if n != 1 else label.lower()


@contextmanager
def _progress(enabled: bool, total: int) -> Iterator[Callable[[int], None]]:
    """A rich progress bar over leads loaded (on stderr), or nothing."""
    if not enabled:
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("loading the demo CRM"), BarColumn(), MofNCompleteColumn(), TextColumn("leads"),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("demo", total=total)
        yield lambda n: bar.advance(task, n)
