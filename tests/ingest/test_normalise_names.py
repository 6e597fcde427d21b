"""Person names: Latin names tidied, Chinese names kept as written, keys that match across forms."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphcrm.ingest.normalise import PersonName, blank, person_name


@pytest.mark.parametrize("kwargs,expected", [
    # (first, last, full, key, pinyin_key)
    ({"full": "李桂花"}, ("桂花", "李", "李桂花", "李 桂花", "liguihua")),  # vCard FN
    ({"first": "桂花", "last": "李"}, ("桂花", "李", "李桂花", "李 桂花", "liguihua")),  # vCard N
    ({"full": "李 桂花"}, ("桂花", "李", "李桂花", "李 桂花", "liguihua")),
    ({"full": "欧阳娜娜"}, ("娜娜", "欧阳", "欧阳娜娜", "娜娜 欧阳", "ouyangnana")),  # compound surname
    ({"full": "司马光"}, ("光", "司马", "司马光", "光 司马", "simaguang")),
    ({"full": "王涛"}, ("涛", "王", "王涛", "涛 王", "wangtao")),
    ({"full": "迪丽热巴·迪力木拉提"}, (None, None, "迪丽热巴·迪力木拉提", "迪丽热巴·迪力木拉提", "dilirebadilimulati")),
    ({"first": "Michael", "last": "Patterson"}, ("Michael", "Patterson", "Michael Patterson", "michael patterson",
                                                 "pattersonmichael")),
    ({"first": "ROBERT", "last": "smith"}, ("Robert", "Smith", "Robert Smith", "robert smith", "smithrobert")),
    ({"first": "Ronald", "last": "McDonald"}, ("Ronald", "McDonald", "Ronald McDonald", "mcdonald ronald",
                                               "mcdonaldronald")),
    ({"first": "sean", "last": "o'brien"}, ("Sean", "O'Brien", "Sean O'Brien", "obrien sean", "obriensean")),
    ({"full": "Smith, John"}, ("John", "Smith", "John Smith", "john smith", "smithjohn")),
    ({"full": "Ludwig van der Berg"}, ("Ludwig", "van der Berg", "Ludwig van der Berg", "berg der ludwig van",
                                       "vanderbergludwig")),
    ({"full": "LUDWIG VAN DER BERG"}, ("Ludwig", "van der Berg", "Ludwig van der Berg", "berg der ludwig van",
                                       "vanderbergludwig")),
    ({"full": "VAN MORRISON"}, ("Van", "Morrison", "Van Morrison", "morrison van", "morrisonvan")),
    ({"first": "José", "last": "Núñez"}, ("José", "Núñez", "José Núñez", "jose nunez", "nunezjose")),
    ({"full": "Dr. Jane Doe"}, ("Jane", "Doe", "Dr. Jane Doe", "doe jane", "doejane")),
    ({"full": "William Castillo MD"}, ("William", "Castillo", "William Castillo MD", "castillo william",
                                       "castillowilliam")),
    ({"full": "Cher"}, ("Cher", None, "Cher", "cher", "cher")),
    ({"first": "John", "last": "Smith", "full": "John Q. Smith"}, ("John", "Smith", "John Q. Smith", "john smith",
                                                                   "smithjohn")),
    ({"first": "Guihua", "last": "Li"}, ("Guihua", "Li", "Guihua Li", "guihua li", "liguihua")),
    ({"first": "Lily", "last": "李"}, ("Lily", "李", "Lily 李", "lily 李", "lilily")),
])
def test_person_names(kwargs, expected):
    name = person_name(**kwargs)
    assert (name.first, name.last, name.full, name.key, name.pinyin_key) == expected


def test_romanised_chinese_name_shares_the_pinyin_key_of_the_characters():
    assert person_name(first="Guihua", last="Li").pinyin_key == person_name(full="李桂花").pinyin_key


def test_key_ignores_order_and_case():
    assert person_name("Ann", "Lee").key == person_name("Lee", "Ann").key == person_name(full="LEE, ANN").key


@pytest.mark.parametrize("parts", [(None, None, None), ("", " ", "-"), ("N/A", None, "null")])
def test_all_blank_is_none(parts):
    assert person_name(*parts) is None


def test_person_name_is_frozen():
    name = person_name("Ann", "Lee")
    assert isinstance(name, PersonName)
    with pytest.raises(dataclasses.FrozenInstanceError):
        name.first = "Bob"  # type: ignore[misc]


LATIN = st.text(alphabet=st.characters(categories=["Lu", "Ll"], max_codepoint=0x24F), min_size=1,
                max_size=10).filter(lambda s: not blank(s))  # "NIL", "None" are placeholders, not names
CHINESE = st.text(alphabet=st.sampled_from("李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
                                           "桂花秀英芳娜敏静丽强磊军洋勇艳杰涛明超兰霞平刚"), min_size=2, max_size=4)


@given(LATIN, LATIN)
def test_latin_name_key_is_order_insensitive_and_parts_are_stable(first, last):
    name = person_name(first, last)
    assert name is not None
    assert person_name(last, first).key == name.key
    again = person_name(name.first, name.last)
    assert (again.first, again.last, again.full, again.key) == (name.first, name.last, name.full, name.key)
    assert person_name(name.first, name.last, name.full) == name


@settings(deadline=None)  # pypinyin loads its dictionary on first use
@given(CHINESE)
def test_chinese_names_are_kept_exactly_and_split_surname_first(full):
    name = person_name(full=full)
    assert name.full == full and " " not in name.full
    assert name.last + (name.first or "") == full
    assert name.pinyin_key and name.pinyin_key.isascii() and name.pinyin_key.isalpha()
    assert name.pinyin_key == name.pinyin_key.lower()
    assert person_name(name.first, name.last) == name
    assert person_name(full=" ".join(full)) == name  # spaces typed between characters do not matter


@settings(deadline=None)
@given(st.text(max_size=12), st.text(max_size=12), st.text(max_size=20))
def test_any_text_gives_a_name_or_none_and_is_idempotent(first, last, full):
    name = person_name(first, last, full)
    if name is None:
        assert blank(first) and blank(last) and blank(full)
        return
    assert name.full
    assert name.key or not any(ch.isalnum() for ch in name.full)  # only punctuation has nothing to match on
    assert person_name(name.first, name.last, name.full) == name
