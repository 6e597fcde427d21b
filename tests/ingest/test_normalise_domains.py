"""Domains from websites and email addresses, and free-mail providers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphcrm.ingest.normalise import (
    FREE_MAIL,
    email_domain,
    is_free_mail,
    website_domain,
)


@pytest.mark.parametrize("raw,expected", [
    ("www.ray.com", "ray.com"),  # Zoho sample
    ("https://www.Ray.com/about", "ray.com"),
    ("HTTP://WWW.RAY.COM", "ray.com"),
    ("ray.com:8080/contact?x=1", "ray.com"),
    ("//ray.com", "ray.com"),
    ("https://user:pw@shop.ray.com/", "shop.ray.com"),
    ("ray.com.", "ray.com"),
    ("Bücher.de", "bücher.de"),  # internationalised domain: lowercase, Unicode form
    ("xn--bcher-kva.de", "bücher.de"),  # punycode reads as the same domain
    ("www.例子.中国", "例子.中国"),
    ("ｗｗｗ．ｒａｙ．ｃｏｍ", "ray.com"),
    ("info@ray.com", "ray.com"),  # an email address in a website column still names the domain
])
def test_website_domain(raw, expected):
    assert website_domain(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "-", "not a site", "http://", "192.168.0.1", "localhost", "ray",
                                 "http://[broken", "a@b.c"])
def test_website_domain_is_none_for_what_is_not_a_domain(raw):
    assert website_domain(raw) is None


@pytest.mark.parametrize("email,expected", [
    ("a@Sub.Example.cn", "sub.example.cn"),
    ("shannon.phelps@ray.com", "ray.com"),
    ("a@bücher.de", "bücher.de"),
    ("no-at-sign", None),
    ("", None),
    (None, None),
])
def test_email_domain(email, expected):
    assert email_domain(email) == expected


@pytest.mark.parametrize("domain", [
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.jp", "yahoo.es", "hotmail.com", "hotmail.fr",
    "outlook.com", "live.com", "msn.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com",
    "gmx.de", "gmx.at", "mail.ru", "yandex.ru", "yandex.kz", "qq.com", "foxmail.com", "163.com", "126.com",
    "yeah.net", "sina.com", "sina.cn", "sohu.com", "139.com", "aliyun.com", "QQ.COM",
])
def test_free_mail(domain):
    assert is_free_mail(domain)


@pytest.mark.parametrize("domain", ["serrano.com", "knight.net", "ray.com", "outlook.acme.io", "yahoo.mycompany.com",
                                    "gmail.com.evil.org", "", None])
def test_company_domains_are_not_free_mail(domain):
    assert not is_free_mail(domain)


def test_free_mail_list_is_a_frozenset_of_lowercase_domains():
    assert isinstance(FREE_MAIL, frozenset)
    assert all(d == d.lower() and "." in d for d in FREE_MAIL)


DOMAINS = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?)?\.[a-z]{2,6}",
                        fullmatch=True).filter(lambda d: not d.startswith("www."))


@given(DOMAINS, st.sampled_from(["{d}", "www.{d}", "http://{d}", "https://www.{D}/path?q=1", "{D}:443", "{d}."]))
def test_website_and_email_domains_agree(domain, shape):
    site = website_domain(shape.format(d=domain, D=domain.upper()))
    assert site == domain.removeprefix("www.")
    assert email_domain(f"someone@{domain.upper()}") == domain


@given(st.text(max_size=40))
def test_website_domain_never_raises_and_is_idempotent(text):
    result = website_domain(text)
    if result is not None:
        assert result == result.lower() and not result.startswith("www.")
        assert website_domain(result) == result
