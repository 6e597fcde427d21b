"""Source names matched to existing sources by alias, and the phone region of a file from its script."""

from __future__ import annotations

import pytest

from graphcrm.ingest import keys
from graphcrm.ingest.normalise.sources import alias_channel, channel_of
from graphcrm.ingest.region import detect_region, script_region
from graphcrm.ingest.sources import SourceMatcher


def existing(*names: str, records: dict[str, int] | None = None) -> SourceMatcher:
    return SourceMatcher.from_rows([{"id": keys.source_id(n), "name": n, "channel": channel_of(n),
                                     "records": (records or {}).get(n, 1)} for n in names])


@pytest.mark.parametrize("name,channel", [
    ("展会", "trade_show"), ("Trade Show", "trade_show"), ("trade-show", "trade_show"), ("TRADESHOW", "trade_show"),
    ("官网", "web"), ("Web", "web"), ("website", "web"), ("电话", "cold_call"), ("Phone", "cold_call"),
    ("推荐", "referral"), ("Referral", "referral"), ("广告", "advertisement"), ("Ads", "advertisement"),
    ("Partner Referral", None), ("Spring Expo 2026", None), ("Somewhere", None),
])
def test_a_name_is_an_alias_of_a_channel_only_as_a_whole(name, channel):
    assert alias_channel(name) == channel


def test_aliases_in_both_languages_go_to_the_existing_source_of_their_channel():
    matcher = existing("Trade Show", "Web Form", "Cold Call", "Referral")
    for name, target in [("展会", "Trade Show"), ("官网", "Web Form"), ("Web", "Web Form"), ("电话", "Cold Call"),
                         ("Phone", "Cold Call"), ("推荐", "Referral"), ("trade show", "Trade Show")]:
        source_id, props = matcher.link(name)
        assert source_id == keys.source_id(target), name
        assert dict(props)["name"] == target
    assert matcher.matched == {"展会": "Trade Show", "官网": "Web Form", "Web": "Web Form", "电话": "Cold Call",
                               "Phone": "Cold Call", "推荐": "Referral"}  # the same source's own spelling is no alias


def test_a_name_of_its_own_stays_its_own_source():
    matcher = existing("Referral")
    assert matcher.link("Partner Referral")[0] == keys.source_id("Partner Referral")
    assert matcher.link("Spring Expo 2026")[0] == keys.source_id("Spring Expo 2026")


def test_a_source_named_by_a_channel_word_wins_over_others_of_the_channel():
    matcher = existing("Partner Referral", "Referral", "Employee Referral")
    assert matcher.link("推荐")[0] == keys.source_id("Referral")


def test_one_source_of_a_channel_takes_its_aliases_even_when_named_otherwise():
    assert existing("Web Form").link("官网")[0] == keys.source_id("Web Form")


def test_several_candidates_none_named_by_a_channel_word_are_ambiguous():
    matcher = existing("Partner Referral", "Employee Referral")
    assert matcher.link("推荐")[0] == keys.source_id("推荐")
    assert "several existing sources could be meant (Employee Referral, Partner Referral)" in matcher.warnings()[0]


def test_in_a_new_graph_the_first_name_of_a_channel_takes_the_others():
    matcher = existing()
    assert matcher.link("展会")[0] == keys.source_id("展会")
    assert matcher.link("Trade Show")[0] == keys.source_id("展会")
    assert matcher.link("Webinar")[0] == keys.source_id("Webinar")
    assert matcher.matched == {"Trade Show": "展会"}


@pytest.mark.parametrize("headers,cells,region", [
    (["姓名", "手机", "线索来源"], {}, "CN"),
    (["Name", "Mobile", "Source"], {"name": ["李桂花", "王涛", "Ann Lee"]}, "CN"),
    (["Name", "Mobile"], {"name": ["Ann Lee", "Bob Smith", "李桂花"]}, "US"),
    (["Name", "Company"], {"company_name": ["株式会社テスト", "山田商事"]}, "JP"),
    (["Name"], {"name": ["김민준", "이서연"]}, "KR"),
    (["Name", "Phone"], {}, "US"),
    (["Name"], {"name": [None, "", "  "]}, "US"),
])
def test_the_region_of_a_file_comes_from_its_headers_or_names(headers, cells, region):
    assert detect_region(headers, cells) == region


def test_a_mixed_set_of_texts_has_no_script_region():
    assert script_region(["Ann", "李"]) is None
    assert script_region([]) is None
