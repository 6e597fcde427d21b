"""One clock: the graph stores naive UTC whatever the host's zone (issue 19)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from graphcrm.clock import utc_now
from graphcrm.store import open_store

ROOT = Path(__file__).resolve().parents[1]
LOCAL_TIME = {("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"), ("date", "today"),
              ("time", "localtime")}


def _local_time_calls(path: Path) -> list[str]:
    """``datetime.now()``, ``date.today()`` and the like, as ``file:line`` (any argument: one clock)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if (name, node.func.attr) in LOCAL_TIME:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_only_the_clock_module_asks_the_system_for_the_time():
    calls = [hit for path in sorted((ROOT / "graphcrm").rglob("*.py")) if path.name != "clock.py"
             for hit in _local_time_calls(path)]
    assert calls == [], f"use graphcrm.clock (utc_now or a Clock), not the host's time: {calls}"
    assert _local_time_calls(ROOT / "graphcrm" / "clock.py")  # the check does see such calls


def test_an_import_on_a_host_in_shanghai_stamps_utc(tmp_path):
    data = tmp_path / "leads.csv"
    data.write_text("First Name,Last Name,Email\nAnn,Lee,ann@example.com\n", encoding="utf-8")
    db = tmp_path / "tz.lbug"
    env = {**os.environ, "TZ": "Asia/Shanghai"}
    before = utc_now()
    subprocess.run([sys.executable, "-m", "graphcrm.cli", "--db", str(db), "import", str(data)],
                   cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    after = utc_now() + timedelta(seconds=1)
    with open_store(str(db)) as store:
        [batch] = store.read("ingest/batch_list", limit=5)
    assert before <= batch["started_at"] <= after, (before, batch["started_at"], after)  # 8 h off before
