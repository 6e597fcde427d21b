"""Shared fixtures: the same tests run on every backend that is available.

The embedded LadybugDB backend always runs, in a temporary directory. Neo4j
runs when ``GRAPHCRM_TEST_NEO4J_URI`` is set. With ``GRAPHCRM_REQUIRE_ALL=1``
(CI) any other skip, e.g. for a missing Chromium or Cypher analyser, fails.
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
NEO4J_SKIP = "Neo4j server tests: set GRAPHCRM_TEST_NEO4J_URI to run them (no Neo4j server here)"
REQUIRE_ALL = os.environ.get("GRAPHCRM_REQUIRE_ALL", "").strip().lower() in ("1", "true", "yes", "on")

BACKENDS = [
    pytest.param("ladybug", id="ladybug"),
    pytest.param("neo4j", id="neo4j", marks=pytest.mark.skipif(not NEO4J_URI, reason=NEO4J_SKIP)),
]


def pytest_report_header(config: pytest.Config) -> list[str]:
    import ladybug

    ran = [f"ladybug {getattr(ladybug, '__version__', '?')} (embedded, always)"]
    ran.append(f"neo4j at {NEO4J_URI}" if NEO4J_URI else "neo4j: skipped (GRAPHCRM_TEST_NEO4J_URI not set)")
    mode = "GRAPHCRM_REQUIRE_ALL=1: skips other than Neo4j-server ones fail" if REQUIRE_ALL else ""
    return ["graphcrm backends: " + "; ".join(ran)] + ([mode] if mode else [])


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_ALL and report.skipped and NEO4J_SKIP not in str(report.longrepr):
        report.outcome = "failed"
        report.longrepr = f"GRAPHCRM_REQUIRE_ALL is set, so this skip is a failure: {report.longrepr}"


def make_store(backend: str, tmp_path: Path) -> Store:
    """A fresh, empty store with the schema in place."""
    if backend == "ladybug":
        store = open_store(str(tmp_path / "test.lbug"))
    else:
        store = open_store(NEO4J_URI)
        store.write("admin/wipe")
    store.setup_schema()
    return store


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty graph on each available backend."""
    s = make_store(request.param, tmp_path)
    yield s
    s.close()


@pytest.fixture
def lbstore(tmp_path: Path) -> Iterator[Store]:
    """An empty embedded graph (for behaviour only the embedded backend has)."""
    s = make_store("ladybug", tmp_path)
    yield s
    s.close()
