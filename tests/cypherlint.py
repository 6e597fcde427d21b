"""Run Neo4j's Cypher analyser (tools/cypher-lint) from the tests.

No Neo4j server runs on the project's machines; ``@neo4j-cypher/language-support``, installed
with ``npm ci --prefix tools/cypher-lint``, is what checks the Neo4j-dialect Cypher. ``lint``
sends every query to one Node process (its start costs about a second, each query tens of ms).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "cypher-lint"
SCRIPT = TOOL / "lint.mjs"
PACKAGE = TOOL / "node_modules" / "@neo4j-cypher" / "language-support"
INSTALL = "npm ci --prefix tools/cypher-lint"

ERROR = 1
WARNING = 2


def analyser_available() -> tuple[bool, str]:
    """Whether Node and the analyser package are installed; if not, the reason and the fix."""
    if shutil.which("node") is None:
        return False, f"Neo4j Cypher analyser needs Node.js (`node` not on PATH), then `{INSTALL}`"
    if not PACKAGE.is_dir():
        return False, f"Neo4j Cypher analyser not installed: run `{INSTALL}`"
    return True, ""


def lint(
    queries: list[dict[str, Any]],
    schema: dict[str, Any],
    *,
    builtins: bool = True,
    timeout: float = 300.0,
) -> dict[str, list[dict[str, Any]]]:
    """Lint queries (``name``, ``text``, ``parameters``) against a schema; diagnostics by name.

    ``schema`` holds ``labels``, ``relationshipTypes`` and ``propertyKeys``. Each diagnostic is
    ``{"severity", "message", "line", "column"}`` with severity 1 an error and 2 a warning.
    With ``builtins`` (the default) function and procedure names are checked against Neo4j's
    built-in ones. Raises RuntimeError, with Node's stderr, when the harness itself fails.
    """
    node = shutil.which("node")
    if node is None:
        raise RuntimeError(analyser_available()[1])
    payload = json.dumps({"schema": schema, "queries": queries, "builtins": builtins}, default=str)
    try:
        result = subprocess.run(
            [node, str(SCRIPT)],
            input=payload,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
            cwd=ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired as e:
        raise RuntimeError(f"cypher-lint did not finish within {timeout:g} s ({len(queries)} queries)") from e
    if result.returncode != 0:
        raise RuntimeError(f"cypher-lint failed (exit {result.returncode}): {result.stderr.strip()[-4000:]}")
    try:
        results = json.loads(result.stdout)["results"]
    except (ValueError, KeyError, TypeError) as e:
        raise RuntimeError(f"cypher-lint printed no results: {result.stdout[:500]!r} {result.stderr[-2000:]}") from e
    found = {item["name"]: item["diagnostics"] for item in results}
    missing = {q["name"] for q in queries} - set(found)
    if missing:
        raise RuntimeError(f"cypher-lint returned no result for {sorted(missing)}")
    return found


def errors(diagnostics: list[dict[str, Any]]) -> list[str]:
    """The severity-1 diagnostics of one query as ``line:column message`` strings."""
    return [f"{d['line']}:{d['column']} {d['message']}" for d in diagnostics if d.get("severity") == ERROR]
