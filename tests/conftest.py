"""Shared fixtures: the same tests run on every backend that is available.

The embedded LadybugDB backend always runs, in a temporary directory. Neo4j
runs when ``GRAPHCRM_TEST_NEO4J_URI`` is set (``python3 run.py neo4j`` prints
one; CI starts it); its one database is wiped before each test, the schema
kept. With ``GRAPHCRM_REQUIRE_ALL=1`` (CI) every skip fails, the Neo4j ones
included.

Fixtures: ``store`` (an open, empty store per backend), ``backend`` (the name
alone), ``db_uri`` (a URI for the CLI or a second process, empty, schema set up
once); ``lbstore`` only for what the embedded backend alone has (file locks,
read-only opening, a file to kill a process over).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from graphcrm.store import Store, open_store
from tests.browser import browser_page  # noqa: F401  (a fixture for every browser test)

# CI runs the same property-test examples every time (a red build must mean a change broke
# something); locally they vary, to keep finding new cases. GRAPHCRM_HYPOTHESIS=ci|dev chooses.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("GRAPHCRM_HYPOTHESIS", "ci" if os.environ.get("GRAPHCRM_REQUIRE_ALL") else "dev"))

NEO4J_URI = os.environ.get("GRAPHCRM_TEST_NEO4J_URI")
NEO4J_SKIP = "Neo4j server tests: set GRAPHCRM_TEST_NEO4J_URI to run them (python3 run.py neo4j prints one)"
REQUIRE_ALL = os.environ.get("GRAPHCRM_REQUIRE_ALL", "").strip().lower() in ("1", "true", "yes", "on")

BACKENDS = [
    pytest.param("ladybug", id="ladybug"),
    pytest.param("neo4j", id="neo4j", marks=pytest.mark.skipif(not NEO4J_URI, reason=NEO4J_SKIP)),
]


def pytest_report_header(config: pytest.Config) -> list[str]:
    import ladybug

    ran = [f"ladybug {getattr(ladybug, '__version__', '?')} (embedded, always)"]
    ran.append(f"neo4j at {NEO4J_URI}" if NEO4J_URI else "neo4j: skipped (GRAPHCRM_TEST_NEO4J_URI not set)")
    mode = "GRAPHCRM_REQUIRE_ALL=1: every skip fails" if REQUIRE_ALL else ""
    return ["graphcrm backends: " + "; ".join(ran)] + ([mode] if mode else [])


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_ALL and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"GRAPHCRM_REQUIRE_ALL is set, so this skip is a failure: {report.longrepr}"


def make_store(backend: str, tmp_path: Path) -> Store:
    """A fresh, empty store with the schema in place."""
    store = open_store(backend_uri(backend, tmp_path))
    if backend == "neo4j":
        store.wipe()
    store.setup_schema()
    return store


def backend_uri(backend: str, tmp_path: Path) -> str:
    """Where a test's graph lives: a file in ``tmp_path``, or the test Neo4j server."""
    if backend == "ladybug":
        return str(tmp_path / "test.lbug")
    assert NEO4J_URI, NEO4J_SKIP
    return NEO4J_URI


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The name of each available backend (for tests that open stores themselves)."""
    return request.param


@pytest.fixture
def store(backend: str, tmp_path: Path) -> Iterator[Store]:
    """An empty graph on each available backend."""
    s = make_store(backend, tmp_path)
    yield s
    s.close()


@pytest.fixture
def db_uri(backend: str, tmp_path: Path) -> str:
    """A URI of an empty graph with its schema, on each backend, for the CLI or another process."""
    make_store(backend, tmp_path).close()
    return backend_uri(backend, tmp_path)


@pytest.fixture
def lbstore(tmp_path: Path) -> Iterator[Store]:
    """An empty embedded graph (for behaviour only the embedded backend has)."""
    s = make_store("ladybug", tmp_path)
    yield s
    s.close()
