"""Web-to-lead forms in real headless Chromium: an admin makes a form, a visitor on a phone fills it in."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphcrm.auth.users import add_user
from graphcrm.capture import forms
from graphcrm.capture.forms import FormSpec
from graphcrm.capture.record import captures_of
from graphcrm.web import create_app
from tests.browser import live_server
from tests.capture.world import load_world
from tests.graphdump import dump

ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts"
PASSWORD = "correct horse battery"
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def app(store):
    load_world(store)
    add_user(store, "root", "admin", PASSWORD)  # a user exists: visitors are anonymous
    return create_app({"TESTING": True, "SECRET_KEY": "t"}, store=store)


def shot(page, name: str) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)


def fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "horizontal scroll"
    heights = page.evaluate("[...document.querySelectorAll('.webform input:not([tabindex=\"-1\"]):not([type=hidden]), .webform button')]"
                            ".map(e => e.getBoundingClientRect().height)")
    assert heights and min(heights) >= 44, heights  # thumb-sized targets
    box = page.locator("input[name=fax_number]").bounding_box()
    assert box is None or box["x"] + box["width"] <= 0  # the honeypot is off-screen


def test_an_admin_makes_a_form_and_a_visitor_fills_it_in_on_a_phone(app, store, browser_page):
    page = browser_page
    with live_server(app) as base:
        page.goto(f"{base}/login?lang=en")
        page.fill("input[name=name]", "root")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.goto(f"{base}/forms/new")
        page.fill("input[name=name]", "Spring Expo booth")
        page.select_option("select[name=campaign_id]", "k-expo")
        for name in ("title",):
            page.check(f"input[name=fields][value={name}]")
        page.fill("textarea[name=thank_you]", "Thank you! Come and see us at booth 12.")
        shot(page, "webforms-admin-new")
        page.click("button.primary[type=submit]")
        page.wait_for_selector("[data-testid=forms]")
        [form] = forms.list_forms(store)
        assert form.fields == ("first_name", "last_name", "title", "company_name", "email", "phone")
        card = page.locator(f"[data-form={form.id}]")
        assert card.locator("[data-testid=public-url]").inner_text() == f"{base}/f/{form.id}"
        assert card.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")  # the QR code shows
        shot(page, "webforms-admin-list")
        page.click("form[action='/logout'] button")
        page.wait_for_url("**/login**")

        page.set_viewport_size(PHONE)
        page.goto(f"{base}/f/{form.id}?utm_source=expo&utm_campaign=spring")
        assert page.inner_text("h1") == "Spring Expo booth"
        fits_the_phone(page)
        page.fill("input[name=first_name]", "Wei")
        page.fill("input[name=last_name]", "Li")
        page.fill("input[name=company_name]", "Acme Robotics")
        page.fill("input[name=email]", "wei.li@acme-robotics.cn")
        page.fill("input[name=phone]", "+86 138 0013 8000")
        shot(page, "webforms-public-375")
        page.click("button[type=submit]")
        page.wait_for_selector("[data-testid=thanks]")
        assert "Come and see us at booth 12." in page.inner_text("[data-testid=thanks]")
        shot(page, "webforms-thanks-375")
    assert page.console_errors == []  # no CSP violation either

    graph = dump(store)
    [lead] = [i for label, i in graph["nodes"] if label == "Lead"]
    assert graph["nodes"][("Lead", lead)]["email"] == "wei.li@acme-robotics.cn"
    assert any(r[:3] == (lead, "TOUCHED_BY", "k-expo") and ("kind", "form") in r[3] for r in graph["rels"])
    [cap] = captures_of(store, "Lead", lead)
    assert (cap["method"], cap["ref"]) == ("form", form.id)
    assert cap["utm"] == {"utm_source": "expo", "utm_campaign": "spring"}
    assert forms.get_form(store, form.id).submissions == 1


def test_a_chinese_form_on_a_phone_with_field_errors(app, store, browser_page):
    form = forms.create_form(store, FormSpec(
        name="春季展会 · 扫码登记", campaign_id="k-expo", fields=("name", "company_name", "mobile", "email"),
        required=("name", "mobile"), language="zh", region="CN", thank_you="感谢您的到访！"))
    page = browser_page
    page.set_viewport_size(PHONE)
    with live_server(app) as base:
        page.goto(f"{base}/f/{form.id}")
        assert page.inner_text("label[for=f-name]").startswith("姓名")
        assert page.inner_text("label[for=f-mobile]").startswith("手机")
        assert page.inner_text("button[type=submit]") == "发送"
        fits_the_phone(page)
        page.fill("input[name=name]", "李桂花")
        page.fill("input[name=mobile]", "123")
        page.click("button[type=submit]")
        page.wait_for_selector(".field-error[data-field=mobile]")
        assert page.inner_text(".field-error[data-field=mobile]") == "不是所选国家的电话号码。"
        assert page.input_value("input[name=name]") == "李桂花"
        fits_the_phone(page)
        shot(page, "webforms-public-zh-errors-375")
        page.fill("input[name=mobile]", "139 1234 5678")
        page.click("button[type=submit]")
        page.wait_for_selector("[data-testid=thanks]")
        assert "感谢您的到访！" in page.inner_text("[data-testid=thanks]")
    # the re-rendered form answers 422 on purpose, which Chromium logs; nothing else may be logged
    assert [e for e in page.console_errors if "status of 422" not in e] == []
    assert len(page.console_errors) == 1
    [lead] = [i for label, i in dump(store)["nodes"] if label == "Lead"]
    assert dump(store)["nodes"][("Lead", lead)]["mobile"] == "+8613912345678"
