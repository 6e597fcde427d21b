"""Benchmarks share this: a throwaway copy of a demo CRM, so a benchmark that writes leaves the demo as it was."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graphcrm.demo.load import load_demo
from graphcrm.store import Store, open_store


@contextmanager
def scratch_copy(db: str, leads: int, prefix: str, *, seed: int = 7) -> Iterator[Store]:
    """The demo at ``db`` (``leads`` leads, made first if the file is missing), copied to a
    temporary directory, opened and migrated; the copy is removed afterwards."""
    if not Path(db).exists():
        demo = open_store(db)
        demo.setup_schema()
        start = time.perf_counter()
        load_demo(demo, leads=leads, seed=seed)
        print(f"demo of {leads:,} leads loaded in {time.perf_counter() - start:.1f} s")
        demo.close()
    scratch = Path(tempfile.mkdtemp(prefix=f"{prefix}-"))
    shutil.copy(db, scratch / "copy.lbug")
    store = open_store(str(scratch / "copy.lbug"))
    store.setup_schema()
    try:
        yield store
    finally:
        store.close()
        shutil.rmtree(scratch)
