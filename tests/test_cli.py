"""The command line, end to end against a real database on every backend."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

import click
from click.testing import CliRunner

from graphcrm.cli import cli
from graphcrm.store import open_store
from graphcrm.store.base import SCHEMA_VERSION
from graphcrm.store.open import neo4j_settings
from tests.conftest import backend_uri


def fresh(backend: str, tmp_path) -> str:
    """A database never initialised: an embedded file not there yet, or the server's database emptied
    of everything, its schema_version record too."""
    uri = backend_uri(backend, tmp_path)
    if backend == "neo4j":
        with open_store(uri) as store:
            store.wipe()
    return uri


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_init_then_info_json_prints_counts(backend, tmp_path):
    db = fresh(backend, tmp_path)
    result = run("--db", db, "init")
    assert result.exit_code == 0 and f"schema version {SCHEMA_VERSION} ready" in result.output
    again = run("--db", db, "init")
    assert again.exit_code == 0
    report = json.loads(run("--db", db, "info", "--json").output)
    assert report["backend"] == backend and report["schema_version"] == SCHEMA_VERSION
    if backend == "neo4j":  # the URI without its password, and the server's version
        assert report["location"] == neo4j_settings(db).uri and "@" not in report["location"]
        assert report["version"].startswith("Neo4j/")
    else:
        assert report["location"] == db
    text = run("--db", db, "info").output
    assert text.startswith(f"backend:        {backend} ") and f"schema version: {SCHEMA_VERSION}" in text
    assert report["nodes"]["Lead"] == 0 and report["nodes"]["Meta"] == 1
    assert report["relationships"]["WORKS_AT"] == 0
    assert set(report) >= {"nodes", "relationships", "location", "version"}


def test_info_on_a_missing_database_says_what_to_do(tmp_path):
    """Embedded only: a server's database is never missing, a file can be (and info must not create it)."""
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.lbug"), "info"])
    assert result.exit_code == 1
    assert "no database at" in result.output and "init" in result.output
    assert not (tmp_path / "none.lbug").exists()


def test_db_from_environment(backend, tmp_path, monkeypatch):
    db = fresh(backend, tmp_path)
    monkeypatch.setenv("GRAPHCRM_DB", db)
    assert run("init").exit_code == 0
    report = json.loads(run("info", "--json").output)
    assert report["backend"] == backend and report["schema_version"] == SCHEMA_VERSION
    if backend == "ladybug":
        assert (tmp_path / "test.lbug").exists()


def test_unsupported_uri_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["--db", "postgres://x/y", "init"])
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert result.output.startswith("graphcrm: unsupported database URI 'postgres://x/y'")


def _walk(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from _walk(command, prefix + (name,))


def test_every_command_has_help_and_a_docs_entry():
    docs = (__import__("pathlib").Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text("utf-8")
    for path, command in _walk(cli):
        assert command.help, path
        result = run(*path, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output
        assert f"graphcrm {' '.join(path)}" in docs, f"docs/cli.md lacks `graphcrm {' '.join(path)}`"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_http_with_waitress(backend, tmp_path):
    db = fresh(backend, tmp_path)
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "graphcrm.cli", "--db", db, "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as resp:
                    body = json.loads(resp.read())
                    server = resp.headers["Server"]
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read()
                assert time.monotonic() < deadline, "server did not come up"
                time.sleep(0.3)
        assert body["status"] == "ok" and body["backend"] == backend
        assert server == "graphcrm"
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert f"at http://127.0.0.1:{port}/" in out
