"""Amounts, whole numbers and yes/no flags."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphcrm.ingest.normalise import InvalidValue, parse_amount, parse_bool, parse_int
from graphcrm.ingest.normalise.numbers import FALSE, TRUE


@pytest.mark.parametrize("raw,expected", [
    ("13000.00", 13000.0),  # Salesforce Budgeted Cost
    ("25000000", 25000000.0),  # Zoho Annual Revenue
    ("$1,200.50", 1200.5),
    ("¥12,000", 12000.0),
    ("￥12,000", 12000.0),
    ("€1.200,50", 1200.5),
    ("1 200,50 €", 1200.5),
    ("1’200.50", 1200.5),
    ("1,20,000", 120000.0),  # Indian grouping
    ("1.2万", 12000.0),
    ("1.2万元", 12000.0),
    ("3亿", 3e8),
    ("3千万", 3e7),
    ("1.2w", 12000.0),
    ("1.5k", 1500.0),
    ("2M", 2e6),
    ("(500)", -500.0),
    ("(1,234.50)", -1234.5),
    ("-$1,200", -1200.0),
    ("−5", -5.0),  # U+2212 minus sign
    ("USD 1,000", 1000.0),
    ("1,000 USD", 1000.0),
    ("US$1,000", 1000.0),
    ("HK$ 1,000.50", 1000.5),
    ("RMB 12,000", 12000.0),
    ("1,000 元", 1000.0),
    ("1.2E+06", 1.2e6),  # Excel's scientific display
    ("1,5", 1.5),  # decimal comma
    ("0,500", 0.5),
    ("1.200.300", 1200300.0),
    (1000, 1000.0),
    (1000.5, 1000.5),
    (Decimal("12.30"), 12.3),
])
def test_amounts(raw, expected):
    assert parse_amount(raw) == pytest.approx(expected)


@pytest.mark.parametrize("raw", ["abc", "12..3", "1.2.3,4,5x", "ABC 100", "1.5 mln", "万", "$", "USD", "1e400",
                                 float("inf"), "12%"])
def test_bad_amounts_are_rejected(raw):
    with pytest.raises(InvalidValue) as caught:
        parse_amount(raw)
    assert caught.value.reason == f"not an amount: {str(raw)!r}"


@pytest.mark.parametrize("raw", [None, "", "-", "N/A", float("nan")])
def test_blank_is_none(raw):
    assert parse_amount(raw) is None and parse_int(raw) is None and parse_bool(raw) is None


@pytest.mark.parametrize("raw,expected", [
    ("250", 250), ("1,000", 1000), ("250.0", 250), (250.0, 250), (5000, 5000), ("１２", 12),
    ("50-100", 50), ("50 - 100", 50), ("1000+", 1000), ("10,000+", 10000), ("500 to 1000", 500), ("10~50", 10),
    ("1e3", 1000),
])
def test_whole_numbers(raw, expected):
    assert parse_int(raw) == expected


@pytest.mark.parametrize("raw", ["2.5", "abc", "inf", "many", "50-"])
def test_bad_whole_numbers_are_rejected(raw):
    with pytest.raises(InvalidValue, match="not a whole number"):
        parse_int(raw)


@pytest.mark.parametrize("raw,expected", [
    ("1", True), ("true", True), ("TRUE", True), ("yes", True), ("Y", True), ("是", True), ("已转换", True),
    (1, True), (1.0, True), ("1.0", True), (True, True),
    ("0", False), ("false", False), ("No", False), ("n", False), ("否", False), (0, False), (False, False),
])
def test_flags(raw, expected):
    assert parse_bool(raw) is expected


@pytest.mark.parametrize("raw", ["maybe", "2", "yes please"])
def test_bad_flags_are_rejected(raw):
    with pytest.raises(InvalidValue) as caught:
        parse_bool(raw)
    assert caught.value.reason == f"not yes or no: {raw!r}"


@given(st.sampled_from(sorted(TRUE | FALSE)), st.sampled_from([str.upper, str.lower, str.title]),
       st.sampled_from(["", " ", "\u3000"]))
def test_every_flag_word_in_any_case(word, case, pad):
    assert parse_bool(pad + case(word) + pad) is (word in TRUE)


AMOUNTS = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)


@given(AMOUNTS, st.sampled_from(["{:,.2f}", "{:.2f}", "${:,.2f}", "¥{:,.2f}", "USD {:,.2f}", "{:,.2f} 元",
                                 "US$ {:,.2f}", "{:,.2f}USD"]))
def test_amounts_round_trip_formatted_numbers(value, fmt):
    text = fmt.format(value)
    assert parse_amount(text) == pytest.approx(float(value))
    assert parse_amount(f"({text})") == pytest.approx(-float(value))
    assert parse_amount(f"-{text}") == pytest.approx(-float(value))


@given(AMOUNTS)
def test_european_formatting_round_trips(value):
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")  # 1.234.567,89
    assert parse_amount(f"€{text}") == pytest.approx(float(value))


@given(st.decimals(min_value=0, max_value=10**6, places=1, allow_nan=False, allow_infinity=False),
       st.sampled_from([("万", 1e4), ("亿", 1e8), ("k", 1e3)]))
def test_scale_words_multiply(value, unit):
    word, factor = unit
    assert parse_amount(f"{value}{word}") == pytest.approx(float(value) * factor)


@given(st.integers(0, 10**9), st.sampled_from(["{:,}", "{}", "{}.0", "{:,}+"]))
def test_whole_numbers_round_trip(number, fmt):
    assert parse_int(fmt.format(number)) == number


@given(st.integers(0, 10**6), st.integers(1, 10**6))
def test_ranges_give_their_lower_bound(low, width):
    assert parse_int(f"{low}-{low + width}") == low


@given(st.text(max_size=20))
def test_any_text_gives_a_number_or_invalid_value(text):
    for parse in (parse_amount, parse_int, parse_bool):
        try:
            result = parse(text)
        except InvalidValue:
            continue
        if result is not None:
            assert parse(result) == result  # a parsed value reads back unchanged
