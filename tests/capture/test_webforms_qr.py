"""The QR code of a form decodes (with a real decoder) to the form's absolute public URL."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image

from graphcrm.capture import forms
from graphcrm.capture.forms import FormSpec
from graphcrm.web import create_app
from tests.capture.world import load_world


@pytest.fixture
def setup(store):
    load_world(store)
    form = forms.create_form(store, FormSpec(name="Expo", campaign_id="k-expo"))
    app = create_app({"TESTING": True, "SECRET_KEY": "t"}, store=store)
    return app, form  # no users: the test client (loopback) is the local admin


def decode(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def test_the_png_decodes_to_the_public_url_and_is_poster_sized(setup):
    app, form = setup
    client = app.test_client()
    response = client.get(f"/forms/{form.id}/qr.png?download=1")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert response.headers["Content-Disposition"] == f"attachment; filename={form.id}-qr.png"
    image = Image.open(io.BytesIO(response.data))
    assert min(image.size) >= 700  # prints sharp at 6 cm and more
    assert decode(image) == [f"http://localhost/f/{form.id}"]
    assert client.get(f"/f/{form.id}").status_code == 200  # and the URL is the form


def test_the_public_url_setting_goes_into_the_code(store):
    load_world(store)
    form = forms.create_form(store, FormSpec(name="Expo", campaign_id="k-expo"))
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "PUBLIC_URL": "https://crm.example.com"}, store=store)
    png = app.test_client().get(f"/forms/{form.id}/qr.png").data
    assert decode(Image.open(io.BytesIO(png))) == [f"https://crm.example.com/f/{form.id}"]


def test_the_svg_decodes_to_the_public_url_once_rendered(setup, browser_page):
    """The SVG drawn by Chromium, screenshotted, then decoded (there is no SVG decoder)."""
    app, form = setup
    response = app.test_client().get(f"/forms/{form.id}/qr.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    assert svg.lstrip().startswith("<svg") and "<script" not in svg
    browser_page.set_content(f"<html><body style='margin:0;background:#fff'>{svg}</body></html>")
    shot = browser_page.locator("svg").screenshot()
    assert decode(Image.open(io.BytesIO(shot))) == [f"http://localhost/f/{form.id}"]


def test_unknown_forms_have_no_code(setup):
    app, _form = setup
    client = app.test_client()
    assert client.get("/forms/form-000000000000/qr.png").status_code == 404
    assert client.get(f"/forms/{_form.id}/qr.gif").status_code == 404
