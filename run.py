#!/usr/bin/env python3
"""The quickstart launcher: a private virtualenv, then graphcrm or its tests.

    python3 run.py demo [graphcrm demo options]   # demo data in ./graphcrm.lbug, UI on http://127.0.0.1:5000/
    python3 run.py test [pytest options]          # the whole test suite
    python3 run.py graphcrm [any graphcrm command]
    python3 run.py neo4j [--port P] [--data DIR]  # a local Neo4j server (Java 17+, Maven)

It needs only Python 3.11+. The virtualenv lives in ``.venv`` and is refreshed
when ``pyproject.toml`` changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".graphcrm-installed"
LINT = ROOT / "tools" / "cypher-lint"


def ensure_venv() -> None:
    """Create the virtualenv and install graphcrm (editable, with test extras) if needed."""
    if sys.version_info < (3, 11):
        sys.exit(f"graphcrm needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print("creating virtualenv in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("installing graphcrm and its dependencies (first run only) ...", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-e", ".[test]"], cwd=ROOT, check=True)
    STAMP.write_text(wanted)


def ensure_cypher_analyser() -> None:
    """Install Neo4j's Cypher analyser for the lint tests when npm is available (else they skip)."""
    if (LINT / "node_modules").exists() or not shutil.which("npm"):
        return
    print("installing Neo4j's Cypher analyser (npm) ...", flush=True)
    result = subprocess.run(["npm", "ci", "--silent", "--prefix", str(LINT)], cwd=ROOT)
    if result.returncode:
        print("npm ci failed: the Neo4j Cypher lint tests will be skipped", flush=True)


def main(argv: list[str]) -> int:
    command, args = (argv[0], argv[1:]) if argv else ("help", [])
    if command == "demo":
        ensure_venv()
        return subprocess.call([str(BIN / "graphcrm"), "demo", *args], cwd=ROOT)
    if command == "graphcrm":
        ensure_venv()
        return subprocess.call([str(BIN / "graphcrm"), *args], cwd=ROOT)
    if command == "neo4j":
        sys.path.insert(0, str(ROOT / "tools" / "neo4j"))
        import server

        return server.main(args)
    if command == "test":
        ensure_venv()
        ensure_cypher_analyser()
        return subprocess.call([str(BIN / "python"), "-m", "pytest", *args], cwd=ROOT)
    print(__doc__)
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
