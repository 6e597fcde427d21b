"""Company names: the display name kept, and a matching key that ignores legal forms and punctuation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphcrm.ingest.normalise import clean_company_name, company_key


@pytest.mark.parametrize("raw,expected", [
    (' "Golden-Blair Inc." ', "Golden-Blair Inc."),
    ("“良诺网络有限公司”", "良诺网络有限公司"),
    ("'Acme", "Acme"),  # a lone stray quote
    ("Knight,  Benton and Vaughn", "Knight, Benton and Vaughn"),  # wording kept, only spacing tidied
    ("O'Reilly Media", "O'Reilly Media"),
    ('Acme "Best" Tools', 'Acme "Best" Tools'),
    ("北京良诺网络科技有限公司", "北京良诺网络科技有限公司"),
])
def test_clean_company_name(raw, expected):
    assert clean_company_name(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "  ", "-", "N/A", '""'])
def test_blank_names(raw):
    assert clean_company_name(raw) is None and company_key(raw) is None


@pytest.mark.parametrize("a,b", [
    ("Golden-Blair Inc.", "golden blair"),
    ("Golden-Blair", "GOLDEN BLAIR, INC"),
    ("Serrano Inc", "SERRANO, INC."),
    ("Acme Holdings LLC", "acme"),
    ("Acme L.L.C.", "Acme"),
    ("Acme Pty Ltd", "Acme Co., Ltd."),
    ("Smith & Sons Ltd", "Smith and Sons Limited"),
    ("Knight, Benton and Vaughn", "Knight Benton & Vaughn"),
    ("Jones PLC", "Jones"),
    ("Davis Group", "Davis"),
    ("The Acme Corporation", "Acme Corp"),
    ("Müller GmbH & Co. KG", "Muller GmbH"),
    ("Nestlé S.A.", "Nestle SA"),
    ("Ferrari S.p.A.", "Ferrari"),
    ("Sony K.K.", "Sony"),
    ("U.S. Steel Corp", "US Steel"),
    ("北京良诺网络科技有限公司", "良诺网络科技有限公司"),
    ("北京良诺网络科技有限公司", "良诺网络科技"),
    ("快讯信息有限公司", "快讯信息股份有限公司"),
    ("腾讯科技（深圳）有限公司", "腾讯科技有限公司"),
    ("华为技术（中国）有限公司", "华为技术有限公司"),
    ("广东省深圳市华为技术有限公司", "华为技术"),
    ("中国平安保险（集团）股份有限公司", "平安保险"),
    ("阿里巴巴集团", "阿里巴巴集团有限公司"),
    ("华为 技术 有限公司", "华为技术有限公司"),
    ("株式会社ソニー", "ソニー株式会社"),
])
def test_keys_match_across_legal_forms_and_punctuation(a, b):
    assert company_key(a) == company_key(b)


@pytest.mark.parametrize("a,b", [
    ("北京银行股份有限公司", "中国银行股份有限公司"),  # two banks: a city is not stripped leaving only 银行
    ("北京大学", "上海大学"),  # not companies: no legal form, so no city is stripped
    ("Jones PLC", "Jones Lang LaSalle"),
    ("Lee and Sons", "Lee"),
])
def test_different_companies_keep_different_keys(a, b):
    assert company_key(a) != company_key(b)


@pytest.mark.parametrize("raw,expected", [
    ("Golden-Blair Inc.", "golden blair"),
    ("Lee and Sons", "lee sons"),
    ("市场营销有限公司", "市场营销"),  # 市 here is "market", not "city"
    ("Inc.", "inc"),  # never empty: a lone suffix is kept
    ("有限公司", "有限公司"),
    ("???", "???"),
])
def test_key_values(raw, expected):
    assert company_key(raw) == expected


NAMES = st.sampled_from(["Golden Blair", "Serrano", "Diaz", "Knight Benton", "Clements Pena Singh", "Ware Fuentes"])
SUFFIXES = st.sampled_from(["", " Inc", " Inc.", ", Inc.", ", LLC", " L.L.C.", " Ltd", " Limited", " GmbH", " Corp.",
                            " Corporation", " Co., Ltd.", " PLC", " Pty Ltd", " S.A.", " AG", " Group"])
CASES = st.sampled_from([str.upper, str.lower, str.title, lambda s: s])
PADS = st.sampled_from(["", " ", "  ", "\u3000", "\u00a0"])


@given(NAMES, SUFFIXES, CASES, PADS, st.sampled_from([" ", "-", ", ", " & ", " and "]))
def test_key_invariant_under_suffix_case_spacing_and_punctuation(name, suffix, case, pad, joiner):
    variant = pad + case(name.replace(" ", joiner) + suffix) + pad
    assert company_key(variant) == company_key(name)


@given(st.sampled_from(["良诺网络科技", "快讯信息", "泰麒麟科技", "时空盒数字传媒", "网新恒天网络"]),
       st.sampled_from(["", "有限公司", "股份有限公司", "有限责任公司", "集团有限公司", "（中国）有限公司"]),
       st.sampled_from(["", "北京", "上海市", "深圳", "广东省"]), st.sampled_from(["", " "]))
def test_chinese_key_invariant_under_legal_form_and_city(name, suffix, city, pad):
    # a city prefix only goes when a legal form shows the text is a company name
    expected = company_key(name) if suffix or not city else company_key(city + name)
    assert company_key(pad + city + name + suffix + pad) == expected


@given(st.text(max_size=30))
def test_key_is_idempotent_and_never_empty(text):
    key = company_key(text)
    if key is not None:
        assert key and company_key(key) == key
        assert clean_company_name(text) is not None
