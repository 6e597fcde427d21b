"""A real Neo4j server's faults, each as one clear line on the CLI and a page in the web UI.

Run against the test server (wrong password, unknown database, a dropped constraint) and against
a private server this module starts and then stops (unreachable mid-run). Never a traceback.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from graphcrm.store import StoreUnavailable, open_store
from graphcrm.store.neo4j import server_too_old
from tests.conftest import NEO4J_SKIP, NEO4J_URI

ROOT = Path(__file__).resolve().parents[2]
GRAPHCRM = str(Path(sys.executable).parent / "graphcrm")
needs_neo4j = pytest.mark.skipif(not NEO4J_URI, reason=NEO4J_SKIP)


def with_credentials(uri: str, *, password: str | None = None, path: str | None = None, port: int | None = None) -> str:
    parts = urlsplit(uri)
    netloc = f"{parts.username}:{password if password is not None else parts.password}@{parts.hostname}:{port or parts.port}"
    return urlunsplit((parts.scheme, netloc, path if path is not None else parts.path, "", ""))


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRAPHCRM_NEO4J_")}
    return subprocess.run([GRAPHCRM, *args], capture_output=True, text=True, timeout=120, env=env)


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a failed command (and that there is no traceback)."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_server_older_than_5_is_refused_by_its_version_and_newer_ones_pass():
    assert server_too_old("Neo4j/4.4.26") == "4.4.26; graphcrm needs Neo4j 5.0 or newer"
    assert server_too_old("Neo4j/3.5.0") is not None
    assert server_too_old("Neo4j/5.26.30") is None and server_too_old("Neo4j/2026.08.1") is None


@needs_neo4j
def test_a_wrong_password_is_one_line_naming_the_user_not_the_password():
    uri = with_credentials(NEO4J_URI, password="not-the-password")
    with pytest.raises(StoreUnavailable, match="refused the credentials \\(user 'neo4j'\\)"):
        open_store(uri)
    line = one_line(cli("--db", uri, "info"))
    assert "refused the credentials" in line and "not-the-password" not in line
    assert line.startswith("graphcrm: Neo4j at bolt://127.0.0.1:")


@needs_neo4j
def test_an_unknown_database_is_one_line_naming_it():
    line = one_line(cli("--db", with_credentials(NEO4J_URI, path="/sales"), "info"))
    assert "has no database 'sales'" in line and "Community Edition has one user database" in line


def test_no_server_at_the_port_is_one_line():
    line = one_line(cli("--db", f"bolt://neo4j:whatever@127.0.0.1:{free_port()}", "info"))
    assert line.startswith("graphcrm: cannot reach Neo4j at bolt://127.0.0.1:") and "is the server running?" in line


@needs_neo4j
def test_a_dropped_constraint_is_named_until_init_puts_it_back(tmp_path):
    import neo4j

    from tests.conftest import make_store

    store = make_store("neo4j", tmp_path)
    parts = urlsplit(NEO4J_URI)
    with neo4j.GraphDatabase.driver(f"bolt://{parts.hostname}:{parts.port}", auth=(parts.username, parts.password)) as driver:
        driver.execute_query("DROP CONSTRAINT lead_id")
    try:
        assert store.schema_problems() == ["uniqueness constraint lead_id"]
        line = one_line(cli("--db", NEO4J_URI, "info"))
        assert "lacks the uniqueness constraint lead_id: run `graphcrm --db URI init`" in line
        assert parts.password not in line
    finally:
        done = cli("--db", NEO4J_URI, "init")
    assert done.returncode == 0, done.stderr
    assert store.schema_problems() == []
    assert cli("--db", NEO4J_URI, "info").returncode == 0
    store.close()


# -- a private server, stopped mid-run -----------------------------------------------------------


@pytest.fixture(scope="module")
def private_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """A Neo4j of this module's own (started like the one CI runs), to stop without harming the rest."""
    if not NEO4J_URI:
        pytest.skip(NEO4J_SKIP)
    work = tmp_path_factory.mktemp("private-neo4j")
    uri_file = work / "uri"
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "run.py"), "neo4j", "--port", str(free_port()), "--data", str(work / "data"),
         "--uri-file", str(uri_file), "--heap-mb", "512", "--pagecache-mb", "64"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    deadline = time.monotonic() + 300
    while not uri_file.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.5)
    if not uri_file.exists():
        process.kill()
        pytest.fail(f"the private Neo4j did not start: {process.communicate()[0][-2000:]}")
    yield process, uri_file.read_text().strip()
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        process.wait(60)


def test_a_server_that_stops_gives_a_page_in_the_ui_and_one_line_on_the_cli(private_server):
    from graphcrm.web.app import create_app

    process, uri = private_server
    with open_store(uri) as setup:
        setup.setup_schema()
    store = open_store(uri)
    app = create_app({"TESTING": True, "SECRET_KEY": "t"}, store=store)
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    process.send_signal(signal.SIGTERM)  # the server shuts down cleanly ...
    output = process.communicate(timeout=120)[0]
    assert process.returncode == 0 and "graphcrm-neo4j stopped" in output
    page = client.get("/", headers={"Accept": "text/html"})  # ... and the next page says so, in the layout
    assert page.status_code == 503
    html = page.get_data(as_text=True)
    assert "The graph database is not available" in html and "Traceback" not in html and "graphcrm</a>" in html
    api = client.get("/api/search?q=ann")
    assert api.status_code == 503 and api.json["error"] == "database_unavailable"
    store.close()
    line = one_line(cli("--db", uri, "info"))
    assert "cannot reach Neo4j at bolt://127.0.0.1:" in line
