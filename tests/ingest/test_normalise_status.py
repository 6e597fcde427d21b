"""Lead statuses, ratings and opportunity stages from each CRM's vocabulary."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphcrm.ingest.normalise import (
    CANONICAL_RATINGS,
    CANONICAL_STATUSES,
    canonical_rating,
    canonical_stage,
    canonical_status,
    clean_text,
)
from graphcrm.ingest.normalise.status import GENERIC_STATUS_WORDS, STATUS_VOCABULARIES

STATUSES = [
    # Salesforce
    ("salesforce", "Open - Not Contacted", "new"), ("salesforce", "Working - Contacted", "working"),
    ("salesforce", "Closed - Converted", "converted"), ("salesforce", "Closed - Not Converted", "disqualified"),
    ("salesforce", "Qualified", "qualified"), ("salesforce", "Unqualified", "disqualified"),
    # Zoho
    ("zoho", "Not Contacted", "new"), ("zoho", "Attempted to Contact", "working"),
    ("zoho", "Contact in Future", "working"), ("zoho", "Contacted", "working"), ("zoho", "Pre-Qualified", "qualified"),
    ("zoho", "Not Qualified", "disqualified"), ("zoho", "Junk Lead", "disqualified"),
    ("zoho", "Lost Lead", "disqualified"),
    # HubSpot lead status, then lifecycle stages
    ("hubspot", "New", "new"), ("hubspot", "Open", "new"), ("hubspot", "In Progress", "working"),
    ("hubspot", "Open Deal", "qualified"), ("hubspot", "Unqualified", "disqualified"),
    ("hubspot", "Attempted to Contact", "working"), ("hubspot", "Connected", "working"),
    ("hubspot", "Bad Timing", "working"), ("hubspot", "Subscriber", "new"), ("hubspot", "Lead", "new"),
    ("hubspot", "Marketing Qualified Lead", "qualified"), ("hubspot", "Sales Qualified Lead", "qualified"),
    ("hubspot", "Opportunity", "converted"), ("hubspot", "Customer", "converted"),
    ("hubspot", "IN_PROGRESS", "working"), ("hubspot", "marketingqualifiedlead", "qualified"),  # API values
    # Chinese CRMs
    ("chinese_crm", "待跟进", "new"), ("chinese_crm", "未处理", "new"), ("chinese_crm", "新建", "new"),
    ("chinese_crm", "潜在", "new"), ("chinese_crm", "跟进中", "working"), ("chinese_crm", "已联系", "working"),
    ("chinese_crm", "有效", "qualified"), ("chinese_crm", "已确认", "qualified"),
    ("chinese_crm", "无效", "disqualified"), ("chinese_crm", "已关闭", "disqualified"),
    ("chinese_crm", "已转换", "converted"), ("chinese_crm", "已成交", "converted"),
]


@pytest.mark.parametrize("system,raw,expected", STATUSES)
def test_each_crm_vocabulary_maps_to_the_canonical_set(system, raw, expected):
    assert canonical_status(raw, system) == (expected, raw)
    assert canonical_status(raw) == (expected, raw)  # recognised without knowing the source too


@pytest.mark.parametrize("raw,expected", [
    ("  open -  NOT contacted ", ("new", "open - NOT contacted")),
    ("WORKING-CONTACTED", ("working", "WORKING-CONTACTED")),
    ("pre qualified", ("qualified", "pre qualified")),
    ("Waiting for Godot", (None, "Waiting for Godot")),  # unknown: kept for the loader to report
    ("Other", (None, "Other")),
    ("", (None, None)),
    (None, (None, None)),
    ("-", (None, None)),
])
def test_status_matching_is_case_and_space_insensitive(raw, expected):
    assert canonical_status(raw) == expected


def test_an_unknown_system_still_recognises_every_word():
    assert canonical_status("Junk Lead", "generic") == ("disqualified", "Junk Lead")
    assert canonical_status("Junk Lead", None) == canonical_status("Junk Lead", "ZOHO")


def test_every_word_means_the_same_whichever_system_is_named():
    # so the merged table used for unknown sources is safe: no two CRMs use one word differently
    for own, words in STATUS_VOCABULARIES.items():
        for word, status in words.items():
            assert status in CANONICAL_STATUSES
            for system in (None, "generic", *STATUS_VOCABULARIES):
                assert canonical_status(word, system)[0] == status, (own, word, system)
    for word, status in GENERIC_STATUS_WORDS.items():
        assert canonical_status(word, "zoho")[0] == status


@pytest.mark.parametrize("raw,expected", [
    ("Hot", "hot"), ("Warm", "warm"), ("Cold", "cold"), ("HOT", "hot"), ("热", "hot"), ("温", "warm"), ("冷", "cold"),
    ("高", "hot"), ("中", "warm"), ("低", "cold"),
    # Zoho's "rating" is the company's state, not a temperature; letters are not guessed either
    ("Active", None), ("Shut Down", None), ("Project Cancelled", None), ("Market Failed", None), ("Acquired", None),
    ("A", None),
])
def test_ratings(raw, expected):
    assert canonical_rating(raw) == (expected, raw)
    assert expected is None or expected in CANONICAL_RATINGS


def test_blank_rating():
    assert canonical_rating("") == (None, None) and canonical_rating(None) == (None, None)


@pytest.mark.parametrize("raw,expected", [
    ("Closed Won", ("Closed Won", True)), ("Closed Lost", ("Closed Lost", False)), ("closedwon", ("closedwon", True)),
    ("赢单", ("赢单", True)), ("成交", ("成交", True)), ("输单", ("输单", False)), ("丢单", ("丢单", False)),
    ("Prospecting", ("Prospecting", None)), ("Negotiation/Review", ("Negotiation/Review", None)),
    ("  closed   WON ", ("closed WON", True)), ("", (None, None)), (None, (None, None)),
])
def test_stages(raw, expected):
    assert canonical_stage(raw) == expected


KNOWN = st.sampled_from(STATUSES)


@given(KNOWN, st.lists(st.booleans(), min_size=40, max_size=40), st.sampled_from(["", " ", "  ", "\u3000"]))
def test_status_survives_any_case_and_padding(known, upper, pad):
    system, raw, expected = known
    variant = pad + "".join(c.upper() if u else c.lower() for c, u in zip(raw, upper + [False] * len(raw))) + pad
    assert canonical_status(variant, system)[0] == expected


@given(st.text(max_size=30), st.sampled_from([None, "salesforce", "zoho", "hubspot", "chinese_crm", "other"]))
def test_any_text_gives_a_canonical_status_or_the_original(text, system):
    status, original = canonical_status(text, system)
    assert status is None or status in CANONICAL_STATUSES
    assert original == clean_text(text)
    if original is not None:
        assert canonical_status(original, system) == (status, original)
    rating, rating_original = canonical_rating(text)
    assert (rating is None or rating in CANONICAL_RATINGS) and rating_original == clean_text(text)
    stage, won = canonical_stage(text)
    assert stage == clean_text(text) and won in (True, False, None)
