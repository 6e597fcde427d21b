"""Phone numbers to E.164 with phonenumbers: every shape the samples use, and the rejections."""

from __future__ import annotations

import re

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphcrm.ingest.normalise import InvalidValue, normalise_phone

E164 = re.compile(r"^\+[1-9]\d{6,14}(;ext=\d+)?$")


@pytest.mark.parametrize("raw,region,expected", [
    # the five shapes of the Salesforce, Zoho and HubSpot samples
    ("(623) 172-3498", "US", "+16231723498"),
    ("1-972-063-1797", "US", "+19720631797"),
    ("961.005.1117", "US", "+19610051117"),
    ("+1 041 042 3468", "US", "+10410423468"),  # fictional area code: possible, not valid, kept
    ("5033747761", "US", "+15033747761"),
    ("006.433.9173", "US", "+10064339173"),  # ten digits in North America: national, not "00" + New Zealand
    ("+1 (555) 123-4567 x 12", "US", "+15551234567;ext=12"),
    ("(623) 172-3498 ext. 5", "US", "+16231723498;ext=5"),
    # Chinese shapes: vCard, the cn_leads mobile column, Excel number cells
    ("+86 159 6929 7112", "US", "+8615969297112"),
    ("+86 15969297112", "CN", "+8615969297112"),
    ("15969297112", "CN", "+8615969297112"),
    ("15969297112.0", "CN", "+8615969297112"),
    (15969297112, "CN", "+8615969297112"),
    (15969297112.0, "CN", "+8615969297112"),
    ("1.5969297112E+10", "CN", "+8615969297112"),
    ("0086-159-6929-7112", "US", "+8615969297112"),
    ("0086 159 6929 7112", "CN", "+8615969297112"),
    ("１５９６９２９７１１２", "CN", "+8615969297112"),  # full-width digits
    ("010-6552 9988", "CN", "+861065529988"),
    ("010-6552 9988转123", "CN", "+861065529988;ext=123"),
    ("+44 20 7946 0958", "US", "+442079460958"),
    ("+44 (0)20 7946 0958", "US", "+442079460958"),
    ("020 7946 0958", "GB", "+442079460958"),
    ("020 7946 0958", "UK", "+442079460958"),  # a country name or common alias works as the region
    ("+15551234567;ext=12", "US", "+15551234567;ext=12"),  # our own output reads back unchanged
])
def test_phone_numbers_to_e164(raw, region, expected):
    assert normalise_phone(raw, region) == expected


def test_region_defaults_to_us():
    assert normalise_phone("(623) 172-3498") == "+16231723498"


@pytest.mark.parametrize("raw,reason", [
    ("abc", "not a phone number: 'abc'"),
    ("12", "not a possible phone number: '12'"),
    ("+1 555", "not a possible phone number: '+1 555'"),
    ("555-1234", "not a possible phone number: '555-1234'"),  # no area code: not a full number
    ("1.59693E+10", "phone number lost its last digits in Excel: '1.59693E+10'"),
    ("+86 159 6929 7112 9999 99", "not a possible phone number: '+86 159 6929 7112 9999 99'"),
    ("+31 0000000", "not a possible phone number: '+31 0000000'"),
])
def test_impossible_numbers_are_rejected_with_a_reason(raw, reason):
    with pytest.raises(InvalidValue) as caught:
        normalise_phone(raw)
    assert caught.value.reason == reason


@pytest.mark.parametrize("raw", [None, "", " ", "-", "N/A", "无", float("nan")])
def test_blank_is_none(raw):
    assert normalise_phone(raw) is None


def test_an_unknown_region_is_a_caller_error_not_a_bad_value():
    with pytest.raises(ValueError, match="unknown phone region") as caught:
        normalise_phone("5033747761", "Atlantis")
    assert not isinstance(caught.value, InvalidValue)


@given(area=st.integers(200, 999), exchange=st.integers(200, 999), line=st.integers(0, 9999),
       shape=st.sampled_from(["{a}{e}{l}", "({a}) {e}-{l}", "1-{a}-{e}-{l}", "+1 {a} {e} {l}", "{a}.{e}.{l}",
                              "+1 ({a}) {e}-{l}", "1 {a} {e} {l}"]))
def test_north_american_fast_path_agrees_with_phonenumbers(area, exchange, line, shape):
    raw = shape.format(a=area, e=exchange, l=f"{line:04d}")
    parsed = phonenumbers.parse(raw, "US")
    assert normalise_phone(raw, "US") == phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


@given(prefix=st.sampled_from(["13", "15", "17", "18", "19"]), rest=st.integers(0, 10**9 - 1),
       shape=st.sampled_from(["{n}", "+86 {n}", "+86-{a} {b} {c}", "{a}-{b}-{c}", "86{n}", "0086 {n}"]))
def test_chinese_mobile_fast_path_agrees_with_phonenumbers(prefix, rest, shape):
    number = f"{prefix}{rest:09d}"
    raw = shape.format(n=number, a=number[:3], b=number[3:7], c=number[7:])
    parsed = phonenumbers.parse(raw.replace("0086 ", "+86 "), "CN")
    result = normalise_phone(raw, "CN")
    if phonenumbers.is_valid_number(parsed) or "+" in raw or raw.startswith("86"):
        assert result == phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    else:  # invalid in China, written without a country code: another country's if valid there alone
        assert result == phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) \
            or phonenumbers.is_valid_number(phonenumbers.parse(result))


@given(st.one_of(st.text(max_size=30), st.from_regex(r"\+?[0-9 ().\-]{0,22}(x\d{1,4})?", fullmatch=True)),
       st.sampled_from(["US", "CN", "GB", "DE"]))
def test_output_is_e164_idempotent_or_invalid_value(raw, region):
    try:
        result = normalise_phone(raw, region)
    except InvalidValue:
        return
    if result is not None:
        assert E164.match(result), result
        assert normalise_phone(result, region) == result
        assert normalise_phone(result, "US") == result  # E.164 carries its country: region no longer matters


@pytest.mark.parametrize("raw,region,expected", [
    # issue 20: an 11-digit 1[3-9] number that is no North American number is a Chinese mobile
    ("13812345678", "US", "+8613812345678"),
    ("138 1234 5678", "US", "+8613812345678"),
    ("138-1234-5678", "US", "+8613812345678"),
    ("13812345678", "GB", "+8613812345678"),
    ("13812345678", "CN", "+8613812345678"),
    ("13812345678.0", "US", "+8613812345678"),  # an Excel number cell
    # ... but one grouped the North American way stays North American, valid or not
    ("1-381-234-5678", "US", "+13812345678"),
    ("1 381 234 5678", "US", "+13812345678"),
    ("1-972-063-1797", "US", "+19720631797"),
    # a number valid at home stays at home, even if it is valid elsewhere too
    ("14155552671", "US", "+14155552671"),
    # the other way round: a North American number in a Chinese file
    ("14155552671", "CN", "+14155552671"),
    # valid in several other countries: nothing to go by, the default region's as before
    ("0612345678", "US", "+10612345678"),
    # an explicit country code is never second-guessed
    ("+1 381 234 5678", "US", "+13812345678"),
])
def test_a_number_invalid_at_home_but_valid_in_one_other_country_is_that_countrys(raw, region, expected):
    assert normalise_phone(raw, region) == expected


@given(rest=st.integers(0, 10**8 - 1), second=st.sampled_from("3456789"), region=st.sampled_from(["US", "GB", "DE"]))
def test_a_plain_chinese_mobile_is_never_forced_into_another_region(rest, second, region):
    digits = f"1{second}{rest:09d}"
    cn = phonenumbers.parse(digits, "CN")
    at_home = phonenumbers.parse(digits, region)
    if phonenumbers.is_valid_number(cn) and not phonenumbers.is_valid_number(at_home):
        assert normalise_phone(digits, region) == "+86" + digits


@given(country=st.sampled_from([1, 86, 44]), digits=st.integers(10**9, 10**11 - 1))
def test_the_quick_validity_check_is_phonenumbers_own_answer(country, digits):
    from graphcrm.ingest.normalise.phone import _valid

    number = phonenumbers.PhoneNumber(country_code=country, national_number=digits)
    assert _valid(country, str(digits)) == phonenumbers.is_valid_number(number)
