"""Normalisers: real export shapes, rejections, and properties that must hold for any input."""

from __future__ import annotations

import re
from datetime import date, datetime

import phonenumbers
import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import assume, example, given
from hypothesis import strategies as st

from graphcrm.ingest.normalise import (
    InvalidValue,
    address,
    blank,
    canonical_rating,
    canonical_stage,
    canonical_status,
    clean_company_name,
    company_key,
    email_domain,
    is_free_mail,
    normalise_email,
    normalise_phone,
    parse_amount,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_int,
    person_name,
    website_domain,
)

E164 = re.compile(r"^\+[1-9]\d{6,14}(;ext=\d+)?$")


@pytest.mark.parametrize("raw", [None, "", "   ", "-", "N/A", "null", "无", "\u3000", float("nan")])
def test_blank_values_are_blank_and_normalise_to_none(raw):
    assert blank(raw)
    assert normalise_email(raw) is None and normalise_phone(raw) is None and parse_datetime(raw) is None


@pytest.mark.parametrize("raw,region,expected", [
    ("+86 159 6929 7112", "US", "+8615969297112"),
    ("15969297112", "CN", "+8615969297112"),
    ("15969297112.0", "CN", "+8615969297112"),
    ("0086-159-6929-7112", "US", "+8615969297112"),
    ("(623) 172-3498", "US", "+16231723498"),
    ("1-972-063-1797", "US", "+19720631797"),
    ("961.005.1117", "US", "+19610051117"),
    ("+1 041 042 3468", "US", "+10410423468"),
    ("5033747761", "US", "+15033747761"),
    ("+1 (555) 123-4567 x 12", "US", "+15551234567;ext=12"),
    ("+44 20 7946 0958", "US", "+442079460958"),
    ("010-6552 9988", "CN", "+861065529988"),
])
def test_phone_numbers_to_e164(raw, region, expected):
    assert normalise_phone(raw, region) == expected


@pytest.mark.parametrize("raw", ["abc", "12", "+1 555", "☎☎☎☎☎"])
def test_impossible_phone_numbers_are_rejected(raw):
    with pytest.raises(InvalidValue, match="phone"):
        normalise_phone(raw)


@given(area=st.integers(200, 999), exchange=st.integers(200, 999), line=st.integers(0, 9999),
       shape=st.sampled_from(["{a}{e}{l}", "({a}) {e}-{l}", "1-{a}-{e}-{l}", "+1 {a} {e} {l}", "{a}.{e}.{l}"]))
def test_north_american_fast_path_agrees_with_phonenumbers(area, exchange, line, shape):
    raw = shape.format(a=area, e=exchange, l=f"{line:04d}")
    parsed = phonenumbers.parse(raw, "US")
    assert normalise_phone(raw, "US") == phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


@given(prefix=st.sampled_from(["13", "15", "17", "18", "19"]), rest=st.integers(0, 10**9 - 1),
       shape=st.sampled_from(["{n}", "+86 {n}", "+86-{a} {b} {c}", "{a}-{b}-{c}"]))
def test_chinese_mobile_fast_path_agrees_with_phonenumbers(prefix, rest, shape):
    number = f"{prefix}{rest:09d}"
    raw = shape.format(n=number, a=number[:3], b=number[3:7], c=number[7:])
    parsed = phonenumbers.parse(raw, "CN")
    result = normalise_phone(raw, "CN")
    if phonenumbers.is_valid_number(parsed) or "+" in raw:
        assert result == phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    else:  # invalid in China without a country code: another country's if valid there alone (issue 20)
        assert result == phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) \
            or phonenumbers.is_valid_number(phonenumbers.parse(result))


@given(st.text(max_size=40))
@example("+1 (555) 123-4567 x 12")
def test_phone_output_is_e164_or_invalid_and_idempotent(raw):
    try:
        result = normalise_phone(raw)
    except InvalidValue:
        return
    if result is not None:
        assert E164.match(result)
        assert normalise_phone(result.split(";")[0]) == result.split(";")[0]


@pytest.mark.parametrize("raw,expected", [
    (" Bob.Smith@Example.COM ", "bob.smith@example.com"),
    ("mailto:ann@lee.io", "ann@lee.io"),
    ("<ann@lee.io>", "ann@lee.io"),
    ("ａｎｎ＠ｌｅｅ．ｉｏ", "ann@lee.io"),
    ("67931@qq.com", "67931@qq.com"),
])
def test_emails(raw, expected):
    assert normalise_email(raw) == expected


@pytest.mark.parametrize("raw", ["bob@", "@x.com", "bob at x.com", "a..b@x.com", "bob@localhost", "<script>@x"])
def test_invalid_emails_are_rejected_with_the_value(raw):
    with pytest.raises(InvalidValue, match="not an email address"):
        normalise_email(raw)


@given(st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,20}@[a-z0-9][a-z0-9-]{0,10}\.[a-z]{2,6}", fullmatch=True))
def test_email_fast_path_agrees_with_email_validator(address_):
    try:
        expected = validate_email(address_, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        with pytest.raises(InvalidValue):
            normalise_email(address_)
        return
    assert normalise_email(address_) == expected
    assert normalise_email(expected) == expected


def test_domains_and_free_mail():
    assert website_domain("https://www.Ray.com/about") == "ray.com"
    assert website_domain("www.ray.com") == "ray.com"
    assert website_domain("not a site") is None
    assert email_domain("a@Sub.Example.cn") == "sub.example.cn"
    assert is_free_mail("qq.com") and is_free_mail("gmail.com") and is_free_mail("163.com")
    assert not is_free_mail("serrano.com") and not is_free_mail(None)


@pytest.mark.parametrize("a,b", [
    ("Golden-Blair Inc.", "golden blair"),
    ("Serrano Inc", "SERRANO, INC."),
    ("Acme Holdings LLC", "acme"),
    ("Smith & Sons Ltd", "Smith and Sons Limited"),
    ("北京良诺网络科技有限公司", "良诺网络科技有限公司"),
    ("快讯信息有限公司", "快讯信息股份有限公司"),
    ("Knight, Benton and Vaughn", "Knight Benton & Vaughn"),
])
def test_company_keys_match_across_suffixes_and_punctuation(a, b):
    assert company_key(a) == company_key(b)


def test_company_display_name_is_kept():
    assert clean_company_name(' "Golden-Blair Inc." ') == "Golden-Blair Inc."
    assert company_key("Inc.") == "inc"  # never empty


@given(st.sampled_from(["Golden Blair", "Serrano", "Diaz", "Knight Benton"]),
       st.sampled_from(["", " Inc", " Inc.", ", LLC", " Ltd", " GmbH", " Corp."]),
       st.sampled_from([str.upper, str.lower, str.title, lambda s: s]),
       st.sampled_from(["", " ", "  "]))
def test_company_key_invariant_under_suffix_case_and_spacing(name, suffix, case, pad):
    assert company_key(pad + case(name + suffix) + pad) == company_key(name)


@given(st.text(max_size=30))
def test_company_key_is_idempotent_and_never_empty(text):
    key = company_key(text)
    if key is not None:
        assert key and company_key(key) == key or company_key(key)


def test_person_names():
    li = person_name(full="李桂花")
    assert (li.last, li.first, li.full, li.pinyin_key) == ("李", "桂花", "李桂花", "liguihua")
    ouyang = person_name(full="欧阳娜娜")
    assert (ouyang.last, ouyang.first) == ("欧阳", "娜娜")
    assert person_name("ROBERT", "smith").full == "Robert Smith"
    assert person_name(full="Smith, John").full == "John Smith"
    assert person_name("Ronald", "McDonald").last == "McDonald"
    assert person_name(full="Ludwig van der Berg").last == "van der Berg"
    assert person_name("Ann", "Lee").key == person_name("Lee", "Ann").key == "ann lee"
    assert person_name("José", "Núñez").key == "jose nunez"
    assert person_name(None, None, "  ") is None


@given(st.text(alphabet=st.characters(categories=["Lu", "Ll", "Lo"]), min_size=1, max_size=8),
       st.text(alphabet=st.characters(categories=["Lu", "Ll", "Lo"]), min_size=1, max_size=8))
def test_person_name_key_is_order_insensitive_and_stable(first, last):
    assume(not blank(first) and not blank(last))  # "NULL", "None" are placeholders, not names
    name = person_name(first, last)
    assert name is not None
    again = person_name(name.first, name.last)
    assert again.key == name.key and again.full == name.full


def test_addresses():
    us = address("27527 Davis Circle", "West Danielstad", "TX", "2134", "USA")
    assert (us.country, us.postcode) == ("US", "02134")
    assert address(country="中国").country == "CN"
    assert address(country="Atlantis").country == "Atlantis"
    assert address() is None


@pytest.mark.parametrize("raw,expected", [
    ("03/06/2026 12:00 AM", datetime(2026, 3, 6, 0, 0)),
    ("04/16/2026 11:00 PM", datetime(2026, 4, 16, 23, 0)),
    ("2026-03-31 15:00:00", datetime(2026, 3, 31, 15, 0)),
    ("2026-03-31T15:00:00Z", datetime(2026, 3, 31, 15, 0)),
    ("2026-03-31T23:00:00+08:00", datetime(2026, 3, 31, 15, 0)),
    ("2026-04-28 00:00", datetime(2026, 4, 28)),
    ("2026年3月5日", datetime(2026, 3, 5)),
    ("2026年3月5日 下午2:30", datetime(2026, 3, 5, 14, 30)),
    ("2026/3/5", datetime(2026, 3, 5)),
    ("2026-3-5", datetime(2026, 3, 5)),
    ("46091", datetime(2026, 3, 10)),
    (46091.5, datetime(2026, 3, 10, 12, 0)),
    ("Mar 5, 2026", datetime(2026, 3, 5)),
    (date(2026, 1, 2), datetime(2026, 1, 2)),
])
def test_dates_in_the_forms_exports_use(raw, expected):
    assert parse_datetime(raw) == expected


@pytest.mark.parametrize("raw", ["02/30/2026", "13/45/2026", "not a date", "1", "May", "12345", "2026-02-30",
                                 "3000-01-01", "2026年13月5日"])
def test_impossible_dates_are_rejected(raw):
    with pytest.raises(InvalidValue):
        parse_datetime(raw)


@given(st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2099, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)),
    st.sampled_from(["%m/%d/%Y %I:%M %p", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M",
                     "%Y年%m月%d日 %H:%M"]))
def test_dates_round_trip_through_every_supported_format(moment, fmt):
    assert parse_datetime(moment.strftime(fmt)) == moment


@given(st.text(max_size=30))
def test_date_parsing_raises_only_invalid_value(text):
    try:
        result = parse_datetime(text)
    except InvalidValue:
        return
    assert result is None or 1900 <= result.year <= 2100


def test_parse_date_keeps_the_date():
    assert parse_date("10/23/2026") == date(2026, 10, 23)


@pytest.mark.parametrize("raw,expected", [
    ("13000.00", 13000.0), ("$1,200.50", 1200.5), ("¥12,000", 12000.0), ("€1.200,50", 1200.5),
    ("1.2万", 12000.0), ("3亿", 3e8), ("(500)", -500.0), ("USD 1,000", 1000.0), (1000, 1000.0), ("1,5", 1.5),
])
def test_amounts(raw, expected):
    assert parse_amount(raw) == pytest.approx(expected)


@pytest.mark.parametrize("raw", ["abc", "12..3", "1.2.3,4,5x"])
def test_bad_amounts_are_rejected(raw):
    with pytest.raises(InvalidValue, match="not an amount"):
        parse_amount(raw)


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["{:,.2f}", "{:.2f}", "${:,.2f}", "¥{:,.2f}", "USD {:,.2f}"]))
def test_amounts_round_trip_formatted_numbers(value, fmt):
    text = fmt.format(abs(value))
    expected = float(abs(value))
    assert parse_amount(text) == pytest.approx(expected)
    assert parse_amount(f"({text})") == pytest.approx(-expected)


def test_ints_and_flags():
    assert parse_int("1,000") == 1000 and parse_int("250.0") == 250 and parse_int("50-100") == 50
    with pytest.raises(InvalidValue):
        parse_int("2.5")
    assert parse_bool("1") is True and parse_bool("是") is True and parse_bool("no") is False
    with pytest.raises(InvalidValue):
        parse_bool("maybe")


@pytest.mark.parametrize("raw,expected", [
    ("Open - Not Contacted", "new"), ("Working - Contacted", "working"), ("Closed - Converted", "converted"),
    ("Closed - Not Converted", "disqualified"), ("Attempted to Contact", "working"), ("Pre-Qualified", "qualified"),
    ("Junk Lead", "disqualified"), ("Lost Lead", "disqualified"), ("Marketing Qualified Lead", "qualified"),
    ("Customer", "converted"), ("Subscriber", "new"), ("待跟进", "new"), ("跟进中", "working"),
    ("已转换", "converted"), ("无效", "disqualified"), ("  open -  NOT contacted ", "new"),
])
def test_statuses_from_each_crm_map_to_the_canonical_set(raw, expected):
    status, original = canonical_status(raw)
    assert status == expected and original == " ".join(raw.split())


def test_unknown_status_and_ratings():
    assert canonical_status("Waiting for Godot") == (None, "Waiting for Godot")
    assert canonical_status("") == (None, None)
    assert canonical_rating("Hot") == ("hot", "Hot") and canonical_rating("冷") == ("cold", "冷")
    assert canonical_rating("Shut Down") == (None, "Shut Down")
    assert canonical_stage("Closed Won") == ("Closed Won", True)
    assert canonical_stage("输单") == ("输单", False)
    assert canonical_stage("Proposal") == ("Proposal", None)


@given(st.text(max_size=20))
def test_every_normaliser_raises_only_invalid_value(text):
    for fn in (normalise_email, normalise_phone, parse_amount, parse_int, parse_bool, parse_datetime):
        try:
            fn(text)
        except InvalidValue:
            pass
    for fn in (company_key, clean_company_name, website_domain, canonical_status, canonical_rating):
        fn(text)
    person_name(text, text, text)
