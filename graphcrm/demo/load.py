"""Load the demo CRM with the bulk path, once per database."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import datetime

from graphcrm.demo.generate import generate
from graphcrm.store import Store

META_KEY = "demo"
SLICE = 50_000
RECORD_LABELS = ("Lead", "Contact", "Company", "Campaign", "Opportunity", "Rep", "Activity")  # rows per COPY: keeps the Arrow tables small


class DemoExists(Exception):
    """The database holds other data; loading the demo on top would mix them."""


@dataclass
class DemoReport:
    """What ``load_demo`` did."""

    leads: int
    seed: int
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    skipped: bool = False

    def summary(self) -> str:
        """A few English lines for the terminal."""
        if self.skipped:
            return f"demo data ({self.leads:,} leads, seed {self.seed}) is already loaded; nothing to do"
        nodes = ", ".join(f"{self.counts[k]:,} {k}" for k in ("Lead", "Contact", "Company", "Campaign",
                                                              "Opportunity", "Activity", "Rep") if k in self.counts)
        return (f"loaded the demo CRM ({self.leads:,} leads, seed {self.seed}) in {self.seconds:.1f} s\n"
                f"  {nodes}\n  {self.counts.get('TOUCHED_BY', 0):,} touchpoints")


def load_demo(store: Store, *, leads: int = 5000, seed: int = 7, reset: bool = False,
              progress: bool = False) -> DemoReport:
    """Generate and bulk-load the demo; skip if this same demo is there, refuse other data unless ``reset``."""
    started = time.perf_counter()
    wanted = {"leads": leads, "seed": seed}
    if reset:
        store.write("admin/wipe")
        store.setup_schema()
    else:
        recorded = store.read("meta/get", id=META_KEY)
        if recorded and json.loads(recorded[0]["value"]) == wanted:
            return DemoReport(leads, seed, skipped=True)
        records = store.counts().nodes
        if recorded or any(records[label] for label in RECORD_LABELS):
            raise DemoExists(
                f"the database {store.describe()['location']} already holds other data; "
                "pass --reset to empty it first, or use another --db"
            )
    data = generate(leads, seed)
    steps = [(label, frame) for label, frame in data.nodes.items()] + [
        ((rel, a, b), frame) for rel, a, b, frame in data.rels]
    with _progress(progress, sum(len(f) for _, f in steps)) as advance:
        for target, frame in steps:
            if isinstance(target, str):
                store.bulk_create_nodes(target, frame)
                advance(len(frame))
                continue
            for start in range(0, len(frame), SLICE):
                part = frame.iloc[start:start + SLICE]
                store.bulk_create_rels(*target, part)
                advance(len(part))
    store.write("meta/set", id=META_KEY, value=json.dumps(wanted),
                now=datetime.now().replace(microsecond=0))  # last: a half-loaded demo is not "this demo"
    return DemoReport(leads, seed, data.counts(), time.perf_counter() - started)


class _progress:
    """A rich progress bar over rows loaded, or nothing."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled, self.total = enabled, total
        self._bar = None

    def __enter__(self):
        if not self.enabled:
            return lambda n: None
        from rich.progress import Progress

        self._bar = Progress(transient=True)
        self._bar.start()
        task = self._bar.add_task("loading demo", total=self.total)
        return lambda n: self._bar.advance(task, n)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
