"""Run Neo4j's Cypher analyser (tools/cypher-lint) from the tests."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "cypher-lint"
PACKAGE = TOOL / "node_modules" / "@neo4j-cypher" / "language-support"


def analyser_available() -> tuple[bool, str]:
    """Whether Node and the analyser package are installed, and if not, how to install them."""
    if shutil.which("node") is None:
        return False, "Neo4j Cypher analyser needs Node.js (not found): apt-get install nodejs npm"
    if not PACKAGE.exists():
        return False, "Neo4j Cypher analyser not installed: run `npm ci --prefix tools/cypher-lint`"
    return True, ""


def lint(queries: list[dict[str, Any]], schema: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Diagnostics per query name; RuntimeError when the harness itself fails."""
    payload = json.dumps({"schema": schema, "queries": queries}, default=str)
    result = subprocess.run(
        ["node", str(TOOL / "lint.mjs")], input=payload, capture_output=True, text=True, timeout=300, cwd=TOOL
    )
    if result.returncode != 0:
        raise RuntimeError(f"cypher-lint failed ({result.returncode}): {result.stderr.strip()[:2000]}")
    return {item["name"]: item["diagnostics"] for item in json.loads(result.stdout)["results"]}
