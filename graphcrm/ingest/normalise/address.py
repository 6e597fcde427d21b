"""Postal addresses: tidy parts, ISO country codes, US postcodes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import phonenumbers

from graphcrm.ingest.normalise.text import clean_text

# Names, local names and three-letter codes that exports write for the countries we meet;
# keys are casefolded. Two-letter ISO codes are recognised without being listed (see ISO_ALPHA2).
COUNTRIES: dict[str, str] = {
    "usa": "US", "u.s.": "US", "u.s.a.": "US", "united states": "US", "united states of america": "US",
    "america": "US", "美国": "US",
    "chn": "CN", "china": "CN", "prc": "CN", "p.r. china": "CN", "p.r.c.": "CN", "people's republic of china": "CN",
    "mainland china": "CN", "中国": "CN", "中华人民共和国": "CN", "中国大陆": "CN", "大陆": "CN",
    "uk": "GB", "u.k.": "GB", "gbr": "GB", "united kingdom": "GB", "great britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "英国": "GB",
    "deu": "DE", "germany": "DE", "deutschland": "DE", "德国": "DE",
    "fra": "FR", "france": "FR", "法国": "FR",
    "jpn": "JP", "japan": "JP", "日本": "JP",
    "sgp": "SG", "singapore": "SG", "新加坡": "SG",
    "hkg": "HK", "hong kong": "HK", "hongkong": "HK", "hong kong sar": "HK", "hong kong sar china": "HK",
    "香港": "HK", "中国香港": "HK",
    "mac": "MO", "macau": "MO", "macao": "MO", "澳门": "MO", "中国澳门": "MO",
    "twn": "TW", "taiwan": "TW", "台湾": "TW", "中国台湾": "TW",
    "can": "CA", "canada": "CA", "加拿大": "CA",
    "aus": "AU", "australia": "AU", "澳大利亚": "AU", "澳洲": "AU",
    "nzl": "NZ", "new zealand": "NZ", "新西兰": "NZ",
    "ind": "IN", "india": "IN", "印度": "IN",
    "kor": "KR", "korea": "KR", "south korea": "KR", "republic of korea": "KR", "korea, republic of": "KR",
    "韩国": "KR",
    "nld": "NL", "netherlands": "NL", "the netherlands": "NL", "holland": "NL", "荷兰": "NL",
    "esp": "ES", "spain": "ES", "西班牙": "ES", "ita": "IT", "italy": "IT", "意大利": "IT",
    "che": "CH", "switzerland": "CH", "瑞士": "CH", "irl": "IE", "ireland": "IE", "爱尔兰": "IE",
    "swe": "SE", "sweden": "SE", "瑞典": "SE", "bra": "BR", "brazil": "BR", "巴西": "BR",
    "mex": "MX", "mexico": "MX", "墨西哥": "MX", "rus": "RU", "russia": "RU", "俄罗斯": "RU",
    "are": "AE", "uae": "AE", "united arab emirates": "AE", "阿联酋": "AE",
    "vnm": "VN", "vietnam": "VN", "viet nam": "VN", "越南": "VN", "tha": "TH", "thailand": "TH", "泰国": "TH",
    "mys": "MY", "malaysia": "MY", "马来西亚": "MY", "idn": "ID", "indonesia": "ID", "印度尼西亚": "ID",
    "phl": "PH", "philippines": "PH", "菲律宾": "PH",
}
# ISO 3166-1 alpha-2 codes: the regions phonenumbers knows are that list (less a few uninhabited ones).
ISO_ALPHA2 = frozenset(code for code in phonenumbers.SUPPORTED_REGIONS if len(code) == 2 and code.isalpha())
_US_ZIP = re.compile(r"^(\d{3,5})(?:[- ]?(\d{4}))?$")
_EXCEL_FLOAT = re.compile(r"^(\d+)\.0+$")  # a postcode cell Excel stored as a number: 2134.0


@dataclass(frozen=True)
class Address:
    """A postal address; ``country`` is ISO 3166-1 alpha-2 where recognised."""

    street: str | None
    city: str | None
    region: str | None
    postcode: str | None
    country: str | None


def country_code(value: Any) -> str | None:
    """ISO 3166-1 alpha-2 code for a country name or code ("USA", "中国" ...); unknown text is kept as written."""
    text = clean_text(value)
    if text is None:
        return None
    if len(text) == 2 and text.upper() in ISO_ALPHA2:
        return text.upper()
    return COUNTRIES.get(text.casefold(), text)


def address(street: Any = None, city: Any = None, region: Any = None, postcode: Any = None,
            country: Any = None) -> Address | None:
    """Tidy the parts of an address; None when all are blank.

    A US postcode keeps 5 or 5+4 digits, zero-padded where Excel dropped the leading zero.
    """
    street_, city_, region_, post = (clean_text(v) for v in (street, city, region, postcode))
    code = country_code(country)
    if not (street_ or city_ or region_ or post or code):
        return None
    if post and (match := _EXCEL_FLOAT.match(post)):
        post = match[1]
    if post and code == "US" and (match := _US_ZIP.match(post)):
        post = match[1].zfill(5) + (f"-{match[2]}" if match[2] else "")
    return Address(street_, city_, region_, post, code)
