"""`graphcrm import` end to end on every backend: JSON summary, dry run, rejects file, list, undo, clear errors."""

from __future__ import annotations

import json

from click.testing import CliRunner

from graphcrm.cli import cli

CSV = (
    "Lead ID,First Name,Last Name,Company / Account,Email,Phone,Lead Source,Lead Status,Lead Owner,Create Date\n"
    "00Q1,Ann,Lee,Lee Ltd,ann@lee.io,+1 415 555 0101,Web,Open - Not Contacted,Mark Moses,03/06/2026 12:00 AM\n"
    "00Q2,Bob,Ng,=1+2,bob@ng.io,+1 415 555 0102,Web,Working - Contacted,Mark Moses,02/30/2026 12:00 AM\n"
    "00Q3,Cy,Ko,Ko Co,not-an-email,,Web,Open - Not Contacted,Mark Moses,\n"
)


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_import_json_dry_run_undo_and_list(db_uri, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = db_uri
    path = tmp_path / "leads.csv"
    path.write_text(CSV, encoding="utf-8")

    dry = json.loads(invoke("--db", db, "import", str(path), "--dry-run", "--json").output)
    assert dry["dry_run"] and dry["created"]["Lead"] == 2 and dry["rejected"] == 1
    info = json.loads(invoke("--db", db, "info", "--json").output)
    assert info["nodes"]["Lead"] == 0

    report = json.loads(invoke("--db", db, "import", str(path), "--json", "--rejects", "bad.csv").output)
    assert set(report) >= {"batch_id", "rows", "loaded", "rejected", "unchanged", "created", "updated", "rejects_file"}
    assert (report["rows"], report["loaded"], report["rejected"], report["unchanged"]) == (3, 2, 1, 0)
    assert report["created"]["Lead"] == 2 and report["rejects_file"] == "bad.csv"
    rejects = (tmp_path / "bad.csv").read_text(encoding="utf-8-sig")
    assert "leads.csv,3,created_at," in rejects
    assert ",'=1+2," in rejects  # a cell a spreadsheet would run as a formula is written as text
    assert json.loads(invoke("--db", db, "info", "--json").output)["nodes"]["Lead"] == 2

    listing = invoke("--db", db, "import", "--list").output
    assert report["batch_id"] in listing and "done" in listing
    undone = invoke("--db", db, "import", "--undo", report["batch_id"])
    assert f"batch {report['batch_id']} undone: removed 2 Company, 1 Domain, 1 Email, 2 Lead" in undone.output
    assert json.loads(invoke("--db", db, "info", "--json").output)["nodes"]["Lead"] == 0


def test_human_summary_names_the_undo_command(db_uri, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "leads.csv"
    path.write_text(CSV, encoding="utf-8")
    out = invoke("--db", db_uri, "import", str(path)).output
    assert "rows 3 = loaded 2 + rejected 1 + unchanged 0" in out
    assert "graphcrm import --undo imp-" in out
    assert "rejected row(s) written to rejects-imp-" in out
    assert list(tmp_path.glob("rejects-imp-*.csv"))


def test_errors_are_one_line_and_change_nothing(db_uri, tmp_path):
    db = db_uri
    binary = tmp_path / "x.csv"
    binary.write_bytes(bytes(range(256)) * 8)
    result = CliRunner().invoke(cli, ["--db", db, "import", str(binary)])
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "x.csv" in result.output
    result = CliRunner().invoke(cli, ["--db", db, "import", str(binary), "--map", "email"])
    assert result.exit_code == 1 and "--map takes FIELD=COLUMN" in result.output
    result = CliRunner().invoke(cli, ["--db", db, "import", "--undo", "imp-missing"])
    assert result.exit_code == 1 and "no import batch 'imp-missing'" in result.output
    result = CliRunner().invoke(cli, ["--db", db, "import"])
    assert result.exit_code == 1 and "give one or more FILES" in result.output
    info = json.loads(invoke("--db", db, "info", "--json").output)
    assert not any(n for label, n in info["nodes"].items() if label != "Meta")  # nothing was written
    assert not any(info["relationships"].values())
