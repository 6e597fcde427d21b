"""Lead statuses, ratings and opportunity stages mapped from each CRM's words."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from graphcrm.ingest.normalise.text import clean_text

CANONICAL_STATUSES = ("new", "working", "qualified", "disqualified", "converted")
CANONICAL_RATINGS = ("hot", "warm", "cold")

# Each CRM's lead status words (and HubSpot's lifecycle stages, used when a contact has no lead
# status). Keys are the source system names the header profiles give.
STATUS_VOCABULARIES: dict[str, dict[str, str]] = {
    "salesforce": {
        "Open - Not Contacted": "new", "Working - Contacted": "working", "Closed - Converted": "converted",
        "Closed - Not Converted": "disqualified", "Qualified": "qualified", "Unqualified": "disqualified",
        "Open": "new", "Working": "working", "Nurturing": "working",
    },
    "zoho": {
        "Not Contacted": "new", "Attempted to Contact": "working", "Contact in Future": "working",
        "Contacted": "working", "Pre-Qualified": "qualified", "Qualified": "qualified",
        "Not Qualified": "disqualified", "Junk Lead": "disqualified", "Lost Lead": "disqualified",
    },
    "hubspot": {
        "New": "new", "Open": "new", "In Progress": "working", "Open Deal": "qualified",
        "Unqualified": "disqualified", "Attempted to Contact": "working", "Connected": "working",
        "Bad Timing": "working",
        # lifecycle stages
        "Subscriber": "new", "Lead": "new", "Marketing Qualified Lead": "qualified", "MQL": "qualified",
        "Sales Qualified Lead": "qualified", "SQL": "qualified", "Opportunity": "converted", "Customer": "converted",
        "Evangelist": "converted",
    },
    "chinese_crm": {
        "待跟进": "new", "未处理": "new", "新建": "new", "新线索": "new", "未跟进": "new", "待分配": "new",
        "未联系": "new", "潜在": "new", "潜在客户": "new",
        "跟进中": "working", "已联系": "working", "联系中": "working", "培育中": "working", "再次联系": "working",
        "有效": "qualified", "已确认": "qualified", "合格": "qualified", "有意向": "qualified", "已验证": "qualified",
        "无效": "disqualified", "已关闭": "disqualified", "无意向": "disqualified", "垃圾线索": "disqualified",
        "已丢失": "disqualified", "不合格": "disqualified",
        "已转换": "converted", "已成交": "converted", "已转化": "converted", "已转商机": "converted",
        "已转客户": "converted", "成交": "converted",
    },
}
# Words no one CRM owns, recognised whatever the source.
GENERIC_STATUS_WORDS: dict[str, str] = {
    "new": "new", "untouched": "new", "potential": "new", "working": "working", "follow up": "working",
    "qualified": "qualified", "disqualified": "disqualified", "junk": "disqualified", "lost": "disqualified",
    "invalid": "disqualified", "converted": "converted",
}
RATING_WORDS: dict[str, str] = {
    "hot": "hot", "a - hot": "hot", "热": "hot", "高": "hot", "热门": "hot",
    "warm": "warm", "b - warm": "warm", "温": "warm", "中": "warm", "一般": "warm",
    "cold": "cold", "c - cold": "cold", "冷": "cold", "低": "cold",
}
WON_STAGES = ("Closed Won", "Won", "closedwon", "赢单", "成交", "已成交", "签约", "已签约")
LOST_STAGES = ("Closed Lost", "Lost", "closedlost", "输单", "丢单", "失败", "已丢失")
_NOT_LETTERS = re.compile(r"[\s_\-–—]+")


def _word(text: str) -> str:
    """Matching form: casefolded, without spaces, hyphens or underscores (so "MARKETING_QUALIFIED_LEAD",
    "marketingqualifiedlead" and "Marketing Qualified Lead" are one word)."""
    return _NOT_LETTERS.sub("", text.casefold())


_BY_SYSTEM = {system: {_word(k): v for k, v in words.items()} for system, words in STATUS_VOCABULARIES.items()}
# The vocabularies agree wherever they share a word (a test checks), so one merged table is safe.
_ANY_SYSTEM = {_word(k): v for k, v in GENERIC_STATUS_WORDS.items()} | {
    word: status for words in _BY_SYSTEM.values() for word, status in words.items()
}
_RATING = {_word(k): v for k, v in RATING_WORDS.items()}
_WON = frozenset(map(_word, WON_STAGES))
_LOST = frozenset(map(_word, LOST_STAGES))


def canonical_status(value: Any, system: str | None = None) -> tuple[str | None, str | None]:
    """(canonical status or None when unknown, the original cleaned); (None, None) when blank.

    ``system`` (salesforce, zoho, hubspot, chinese_crm) looks in that CRM's words first; any
    other word any CRM uses is recognised too, since exports get mixed and relabelled.
    """
    return _status(value if type(value) is str else clean_text(value), system)


@lru_cache(maxsize=65536)  # cached on the raw text: a status column repeats a handful of values
def _status(value: str | None, system: str | None) -> tuple[str | None, str | None]:
    text = clean_text(value)
    if text is None:
        return None, None
    word = _word(text)
    own = _BY_SYSTEM.get((system or "").casefold(), {})
    return own.get(word) or _ANY_SYSTEM.get(word), text


def canonical_rating(value: Any) -> tuple[str | None, str | None]:
    """(hot/warm/cold or None, the original cleaned); ratings that are not temperatures give None."""
    return _rating(value if type(value) is str else clean_text(value))


@lru_cache(maxsize=4096)
def _rating(value: str | None) -> tuple[str | None, str | None]:
    text = clean_text(value)
    return (None, None) if text is None else (_RATING.get(_word(text)), text)


def canonical_stage(value: Any) -> tuple[str | None, bool | None]:
    """(the stage as written, won True / lost False / open None)."""
    return _stage(value if type(value) is str else clean_text(value))


@lru_cache(maxsize=4096)
def _stage(value: str | None) -> tuple[str | None, bool | None]:
    stage = clean_text(value)
    if stage is None:
        return None, None
    word = _word(stage)
    if word in _WON:
        return stage, True
    if word in _LOST:
        return stage, False
    return stage, None
