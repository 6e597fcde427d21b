"""Addresses: parts tidied, ISO country codes, US postcodes repaired after Excel."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphcrm.ingest.normalise import Address, address, country_code
from graphcrm.ingest.normalise.address import COUNTRIES


@pytest.mark.parametrize("raw,expected", [
    ("USA", "US"), ("United States", "US"), ("United States of America", "US"), ("US", "US"), ("us", "US"),
    ("美国", "US"), ("China", "CN"), ("中国", "CN"), ("PRC", "CN"), ("CN", "CN"), ("UK", "GB"), ("GB", "GB"),
    ("United Kingdom", "GB"), ("Germany", "DE"), ("Deutschland", "DE"), ("DE", "DE"), ("Japan", "JP"),
    ("日本", "JP"), ("Singapore", "SG"), ("Hong Kong", "HK"), ("香港", "HK"), ("Taiwan", "TW"), ("Canada", "CA"),
    ("Australia", "AU"), ("France", "FR"), ("India", "IN"), ("nz", "NZ"), ("  usa ", "US"),
    ("Atlantis", "Atlantis"),  # unknown text is kept as written
    ("Republic of Atlantis", "Republic of Atlantis"),
])
def test_country_codes(raw, expected):
    assert country_code(raw) == expected


@pytest.mark.parametrize("kwargs,expected", [
    ({"street": "27527 Davis Circle", "city": "West Danielstad", "region": "TX", "postcode": "59520",
      "country": "USA"}, Address("27527 Davis Circle", "West Danielstad", "TX", "59520", "US")),  # vCard ADR
    ({"city": "Boston", "postcode": "2134", "country": "United States"}, Address(None, "Boston", None, "02134", "US")),
    ({"postcode": 2134.0, "country": "US"}, Address(None, None, None, "02134", "US")),  # Excel number cell
    ({"postcode": 501, "country": "US"}, Address(None, None, None, "00501", "US")),
    ({"postcode": "02134-1234", "country": "US"}, Address(None, None, None, "02134-1234", "US")),
    ({"postcode": "021341234", "country": "US"}, Address(None, None, None, "02134-1234", "US")),
    ({"postcode": "2134-1234", "country": "US"}, Address(None, None, None, "02134-1234", "US")),
    ({"postcode": "2134", "country": "DE"}, Address(None, None, None, "2134", "DE")),  # only US codes are padded
    ({"postcode": "2134"}, Address(None, None, None, "2134", None)),
    ({"postcode": 100000.0, "country": "中国"}, Address(None, None, None, "100000", "CN")),
    ({"postcode": "SW1A 1AA", "country": "UK"}, Address(None, None, None, "SW1A 1AA", "GB")),
    ({"region": "湖北省", "city": " 北镇县 ", "country": "中国"}, Address(None, "北镇县", "湖北省", None, "CN")),  # cn_leads
    ({"street": "  1  Main\u00a0St ", "country": "Atlantis"}, Address("1 Main St", None, None, None, "Atlantis")),
])
def test_addresses(kwargs, expected):
    assert address(**kwargs) == expected


@pytest.mark.parametrize("parts", [{}, {"street": "", "city": "-", "country": "N/A"}, {"postcode": float("nan")}])
def test_all_blank_is_none(parts):
    assert address(**parts) is None


def test_address_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        address(city="Boston").city = "Paris"  # type: ignore[misc]


@given(st.integers(100, 99999), st.sampled_from([int, float, str]), st.sampled_from(["US", "USA", "United States"]))
def test_us_postcodes_get_their_leading_zeros_back(number, kind, country):
    assert address(postcode=kind(number), country=country).postcode == f"{number:05d}"


@given(st.sampled_from(sorted(COUNTRIES)), st.sampled_from([str.upper, str.lower, str.title]))
def test_country_names_in_any_case_give_a_code_that_maps_to_itself(name, case):
    code = country_code(case(name))
    assert code == COUNTRIES[name] and country_code(code) == code


@given(*(st.text(max_size=12) for _ in range(5)))
def test_address_is_idempotent(street, city, region, postcode, country):
    parsed = address(street, city, region, postcode, country)
    if parsed is not None:
        assert address(*dataclasses.astuple(parsed)) == parsed
