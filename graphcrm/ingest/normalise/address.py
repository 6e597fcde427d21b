"""Postal addresses: tidy parts, ISO country codes, US postcodes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from graphcrm.ingest.normalise.text import clean_text

COUNTRIES: dict[str, str] = {
    "us": "US", "usa": "US", "u.s.": "US", "u.s.a.": "US", "united states": "US", "united states of america": "US",
    "america": "US", "美国": "US",
    "cn": "CN", "china": "CN", "prc": "CN", "p.r. china": "CN", "people's republic of china": "CN", "中国": "CN",
    "中华人民共和国": "CN", "中国大陆": "CN",
    "gb": "GB", "uk": "GB", "u.k.": "GB", "united kingdom": "GB", "great britain": "GB", "england": "GB", "英国": "GB",
    "de": "DE", "germany": "DE", "deutschland": "DE", "德国": "DE",
    "fr": "FR", "france": "FR", "法国": "FR",
    "jp": "JP", "japan": "JP", "日本": "JP",
    "sg": "SG", "singapore": "SG", "新加坡": "SG",
    "hk": "HK", "hong kong": "HK", "hongkong": "HK", "香港": "HK", "中国香港": "HK",
    "tw": "TW", "taiwan": "TW", "台湾": "TW", "中国台湾": "TW",
    "ca": "CA", "canada": "CA", "加拿大": "CA",
    "au": "AU", "australia": "AU", "澳大利亚": "AU",
    "in": "IN", "india": "IN", "印度": "IN",
    "kr": "KR", "korea": "KR", "south korea": "KR", "韩国": "KR",
    "nl": "NL", "netherlands": "NL", "the netherlands": "NL", "荷兰": "NL",
    "es": "ES", "spain": "ES", "it": "IT", "italy": "IT", "ch": "CH", "switzerland": "CH",
    "br": "BR", "brazil": "BR", "mx": "MX", "mexico": "MX",
}
_US_ZIP = re.compile(r"^(\d{3,5})(?:[- ]?(\d{4}))?$")


@dataclass(frozen=True)
class Address:
    """A postal address; ``country`` is ISO 3166-1 alpha-2 where recognised."""

    street: str | None
    city: str | None
    region: str | None
    postcode: str | None
    country: str | None


def country_code(value: Any) -> str | None:
    """ISO code for a country name or code ("USA", "中国" ...); unknown text is kept as written."""
    text = clean_text(value)
    if text is None:
        return None
    return COUNTRIES.get(text.casefold().strip(), text)


def address(street: Any = None, city: Any = None, region: Any = None, postcode: Any = None,
            country: Any = None) -> Address | None:
    """Tidy the parts of an address; None when all are blank."""
    parts = [clean_text(v) for v in (street, city, region, postcode)]
    code = country_code(country)
    if not any(parts) and not code:
        return None
    street_, city_, region_, post = parts
    if post and code == "US" and (match := _US_ZIP.match(post.split(".")[0])):
        post = match[1].zfill(5) + (f"-{match[2]}" if match[2] else "")
    return Address(street_, city_, region_, post, code)
