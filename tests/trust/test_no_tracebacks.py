"""No stack trace reaches a person: `graphcrm import` and the web upload on bad files.

The CLI runs as a real subprocess, so what is checked is exactly what a terminal
shows: one line on stderr, exit status 1, nothing on stdout.
"""

from __future__ import annotations

import io
import json
import random
import re
import stat
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from graphcrm.cli import cli
from graphcrm.web import create_app
from tests.conftest import NEO4J_URI
from tests.graphdump import dump
from tests.trust.killer import graphcrm, run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
SECRET = urlsplit(NEO4J_URI).password if NEO4J_URI else None


def damaged_xls() -> bytes:
    data = bytearray((FIXTURES / "leads.xls").read_bytes())
    data[2156] = 199  # a shared-string index past the table: xlrd raised IndexError
    return bytes(data)


def deep_json() -> bytes:
    return ("[" + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "]").encode()


BAD_FILES = {
    "photo.csv": ((FIXTURES / "photo.csv").read_bytes(), "binary file"),
    "empty.csv": (b"", "empty file"),
    "header.csv": (b"Name,Email\n", "no data rows"),
    "cut.xlsx": ((FIXTURES / "cn_leads_truncated.xlsx").read_bytes(), "not a valid XLSX file"),
    "damaged.xls": (damaged_xls(), "not a valid XLS file"),
    "deep.json": (deep_json(), "nested too deeply"),
    "utf16.csv": ("Name,Email\nAnn,ann@x.io\n".encode("utf-16-le"), "binary file"),
    "wide.csv": (b"a,b\n" + b",".join([b"x"] * 30) + b"\n", "malformed CSV"),
}


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    for name, (data, _reason) in BAD_FILES.items():
        (folder / name).write_bytes(data)
    return folder


def assert_one_line_error(result, *needles: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert result.stdout == ""
    assert result.stderr.startswith("graphcrm: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    if SECRET:
        assert SECRET not in result.stderr  # the Neo4j URI's password is never shown
    for needle in needles:
        assert needle in result.stderr, result.stderr


def cli_run(args: list[str], cwd: Path, *, real: bool = False) -> subprocess.CompletedProcess[str]:
    """``graphcrm ARGS`` in a subprocess (``real``) or in this process, as stdout, stderr and exit status."""
    if real:
        return run(graphcrm(*args), cwd)
    invoked = CliRunner().invoke(cli, args)
    assert invoked.exception is None or isinstance(invoked.exception, SystemExit), invoked.exception
    return subprocess.CompletedProcess(args, invoked.exit_code, invoked.stdout, invoked.stderr)


SUBPROCESS = ("photo.csv", "damaged.xls", "deep.json")  # the rest in process: starting Python costs seconds


def test_cli_import_of_each_bad_file_prints_one_line(bad_dir, tmp_path, db_uri):
    for name, (_data, reason) in BAD_FILES.items():
        args = ["--db", db_uri, "import", str(bad_dir / name)]
        assert_one_line_error(cli_run(args, tmp_path, real=name in SUBPROCESS), name, reason)


def test_cli_bad_options_print_one_line(bad_dir, tmp_path, db_uri):
    good = tmp_path / "leads.csv"
    good.write_text("Name,Phone\nAnn,555 0100\n")
    db = db_uri
    assert_one_line_error(cli_run(["--db", db, "import", str(good), "--region", "Atlantis"], tmp_path, real=True),
                          "--region: unknown phone region 'Atlantis'")
    assert_one_line_error(cli_run(["--db", db, "import", str(good), "--map", "email=Nope"], tmp_path),
                          "no column 'Nope'")
    for name, text in {"m.toml": "kind = [[[\n", "m.json": '{"kind": 5, "fields": "x"}'}.items():
        (tmp_path / name).write_text(text)
        assert_one_line_error(cli_run(["--db", db, "import", str(good), "--mapping", str(tmp_path / name)],
                                      tmp_path), name)
    (tmp_path / "bin.toml").write_bytes(b"\xff\xfe\x00garbage")
    assert_one_line_error(cli_run(["--db", db, "import", str(good), "--mapping", str(tmp_path / "bin.toml")],
                                  tmp_path))


def test_cli_json_output_stays_json_for_an_odd_xls(tmp_path, db_uri):
    """xlrd's complaints went to stdout, in front of the JSON."""
    padded = tmp_path / "padded.xls"
    padded.write_bytes((FIXTURES / "leads.xls").read_bytes() + b"\0" * 100)
    result = run(graphcrm("--db", db_uri, "import", str(padded), "--dry-run", "--json"), tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rows"] == 3


def test_an_unexpected_error_is_one_line_and_a_private_log_file(tmp_path, monkeypatch, db_uri):
    """A bug anywhere below the CLI: the person sees one line, the traceback is in a file only they can read."""
    import graphcrm.ingest

    def broken(*args, **kwargs):
        raise KeyError("person_label")

    monkeypatch.setattr(graphcrm.ingest, "import_files", broken)  # stands in for any bug not yet found
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.delenv("GRAPHCRM_DEBUG", raising=False)
    good = tmp_path / "leads.csv"
    good.write_text("Name\nAnn\n")
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    result = CliRunner().invoke(cli, ["--db", db_uri, "import", str(good)])
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "Traceback" not in result.output
    found = re.search(r"graphcrm: unexpected error \(KeyError: 'person_label'\); details in (\S+)$", result.output)
    assert found, result.output
    log = Path(found[1])
    assert log.parent == tmp_path and "Traceback" in log.read_text() and "def broken" not in result.output
    assert not SECRET or (SECRET not in result.output and SECRET not in log.read_text())
    assert stat.S_IMODE(log.stat().st_mode) == 0o600

    monkeypatch.setenv("GRAPHCRM_DEBUG", "1")
    with pytest.raises(KeyError):
        CliRunner().invoke(cli, ["--db", db_uri, "import", str(good)], catch_exceptions=False)


# -- the web upload ----------------------------------------------------------------------------


@pytest.fixture
def production_app(store, tmp_path):
    """The app as served (TESTING off: an exception is a 500 page, not raised into the test)."""
    return create_app({"TESTING": False, "SECRET_KEY": "t", "UPLOAD_DIR": str(tmp_path / "up")}, store=store)


def csrf(client) -> str:
    page = client.get("/import/").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page)[1]


def upload(client, token: str, name: str, data: bytes, **form: str):
    return client.post("/import/", data={"csrf_token": token, "files": (io.BytesIO(data), name), **form},
                       content_type="multipart/form-data", follow_redirects=True)


def test_web_upload_of_bad_files_shows_a_short_message(production_app, store):
    client = production_app.test_client()
    token = csrf(client)
    before = dump(store)
    for name, (data, reason) in BAD_FILES.items():
        response = upload(client, token, name, data, kind="", region="US")
        page = response.get_data(as_text=True)
        assert response.status_code == 200, (name, response.status_code)
        assert "The file could not be read" in page and reason in page, name
        assert "Traceback" not in page and "File &#34;/" not in page and 'File "/' not in page
    assert dump(store) == before


def test_web_upload_of_fuzzed_files_never_fails_with_a_500(production_app):
    client = production_app.test_client()
    token = csrf(client)
    rnd = random.Random(8)
    sources = [p for p in sorted(FIXTURES.iterdir())
               if p.suffix in (".csv", ".xlsx", ".xls", ".vcf", ".jsonl", ".tsv") and p.stat().st_size > 10]
    for i in range(40):
        source = rnd.choice(sources)
        data = bytearray(source.read_bytes())
        if rnd.random() < 0.5:
            del data[rnd.randrange(1, len(data)):]
        for _ in range(rnd.randint(1, 12)):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        response = upload(client, token, f"f{i}{source.suffix}", bytes(data), kind=rnd.choice(["", "leads", "touchpoints"]),
                          region=rnd.choice(["US", "CN", "XX"]))
        page = response.get_data(as_text=True)
        assert response.status_code == 200, (i, source.name, response.status_code)
        assert "Traceback" not in page


def test_web_upload_over_the_size_limit_is_refused_not_crashed(production_app):
    client = production_app.test_client()
    token = csrf(client)
    limit = production_app.config["MAX_CONTENT_LENGTH"]
    # the body written out by hand: the test client would spool it to a temporary file it never closes
    body = (f'--b\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n--b\r\n'
            'Content-Disposition: form-data; name="files"; filename="big.csv"\r\n\r\n').encode()
    body += b"a," * (limit // 2 + 10) + b"\r\n--b--\r\n"
    response = client.post("/import/", data=body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 413 and "Traceback" not in response.get_data(as_text=True)
