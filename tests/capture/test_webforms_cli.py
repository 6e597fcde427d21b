"""``graphcrm form list`` and ``graphcrm form qr``: the code decodes to the address the web app serves."""

from __future__ import annotations

import json

import zxingcpp
from click.testing import CliRunner
from PIL import Image

from graphcrm.capture import forms
from graphcrm.capture.forms import FormSpec
from graphcrm.cli import cli
from graphcrm.store import open_store
from graphcrm.web import create_app
from tests.capture.world import load_world


def test_form_list_and_qr(db_uri, tmp_path):
    db = db_uri
    store = open_store(db)
    load_world(store)
    form = forms.create_form(store, FormSpec(name="Expo", campaign_id="k-expo", language="zh"))
    store.close()
    runner = CliRunner()
    listed = runner.invoke(cli, ["--db", db, "form", "list"])
    assert listed.exit_code == 0 and form.id in listed.output and "k-expo" in listed.output
    [row] = json.loads(runner.invoke(cli, ["--db", db, "form", "list", "--json"]).output)
    assert (row["id"], row["language"], row["submissions"], row["active"]) == (form.id, "zh", 0, True)

    png = tmp_path / "poster.png"
    done = runner.invoke(cli, ["--db", db, "form", "qr", form.id, "--out", str(png), "--base-url", "https://crm.example.com/"])
    assert done.exit_code == 0, done.output
    [code] = zxingcpp.read_barcodes(Image.open(png))
    assert code.text == f"https://crm.example.com/f/{form.id}"
    svg = tmp_path / "poster.svg"
    done = runner.invoke(cli, ["--db", db, "form", "qr", form.id, "--out", str(svg)],
                         env={"GRAPHCRM_PUBLIC_URL": "http://localhost"})
    assert done.exit_code == 0 and svg.read_text().startswith("<svg")

    store = open_store(db)
    try:  # the path in the code is the one the web app serves
        client = create_app({"TESTING": True, "SECRET_KEY": "t"}, store=store).test_client()
        assert client.get(code.text.removeprefix("https://crm.example.com")).status_code == 200
    finally:
        store.close()

    for args, message in ((["form-000000000000", "--out", str(png), "--base-url", "http://x"], "no web form"),
                          ([form.id, "--out", str(tmp_path / "a.jpg"), "--base-url", "http://x"], ".svg or .png"),
                          ([form.id, "--out", str(png)], "--base-url")):
        result = runner.invoke(cli, ["--db", db, "form", "qr", *args], env={"GRAPHCRM_PUBLIC_URL": ""})
        assert result.exit_code == 1 and message in result.output, result.output
