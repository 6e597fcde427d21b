"""Lead statuses, ratings and opportunity stages mapped from each CRM's words."""

from __future__ import annotations

from functools import lru_cache

import re
from typing import Any

from graphcrm.ingest.normalise.text import blank, clean_text

CANONICAL_STATUSES = ("new", "working", "qualified", "disqualified", "converted")
CANONICAL_RATINGS = ("hot", "warm", "cold")

STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "new": (
        "new", "open", "open - not contacted", "not contacted", "subscriber", "lead", "untouched", "potential",
        "待跟进", "未处理", "新建", "新线索", "未跟进", "潜在", "潜在客户", "待分配", "未联系",
    ),
    "working": (
        "working", "working - contacted", "contacted", "attempted to contact", "contact in future", "in progress",
        "connected", "bad timing", "nurturing", "follow up", "跟进中", "已联系", "联系中", "培育中", "再次联系",
    ),
    "qualified": (
        "qualified", "pre-qualified", "pre qualified", "open deal", "marketing qualified lead",
        "sales qualified lead", "mql", "sql", "有效", "已确认", "合格", "有意向", "已验证",
    ),
    "disqualified": (
        "disqualified", "unqualified", "not qualified", "closed - not converted", "junk lead", "junk", "lost lead",
        "lost", "invalid", "无效", "已关闭", "无意向", "垃圾线索", "已丢失", "不合格",
    ),
    "converted": (
        "converted", "closed - converted", "opportunity", "customer", "evangelist", "已转换", "已成交", "已转化",
        "已转商机", "已转客户", "成交",
    ),
}
_STATUS = {word: status for status, words in STATUS_WORDS.items() for word in words}
RATING_WORDS = {
    "hot": ("hot", "热", "高", "a - hot", "热门"), "warm": ("warm", "温", "中", "b - warm", "一般"),
    "cold": ("cold", "冷", "低", "c - cold"),
}
_RATING = {word: rating for rating, words in RATING_WORDS.items() for word in words}
WON = ("closed won", "won", "赢单", "成交", "已成交", "签约")
LOST = ("closed lost", "lost", "输单", "丢单", "失败", "已丢失")
_SPACES = re.compile(r"\s+")


def _key(value: Any) -> str:
    return _SPACES.sub(" ", (clean_text(value) or "").casefold().replace("–", "-")).strip()


@lru_cache(maxsize=65536)
def canonical_status(value: Any, system: str | None = None) -> tuple[str | None, str | None]:
    """(canonical status or None when unknown, the original cleaned); (None, None) when blank."""
    if blank(value):
        return None, None
    original = clean_text(value)
    return _STATUS.get(_key(value)), original


@lru_cache(maxsize=65536)
def canonical_rating(value: Any) -> tuple[str | None, str | None]:
    """(hot/warm/cold or None, the original cleaned); ratings that are not temperatures give None."""
    if blank(value):
        return None, None
    return _RATING.get(_key(value)), clean_text(value)


@lru_cache(maxsize=65536)
def canonical_stage(value: Any) -> tuple[str | None, bool | None]:
    """(the stage as written, won True / lost False / open None)."""
    stage = clean_text(value)
    if stage is None:
        return None, None
    key = _key(stage)
    if key in WON:
        return stage, True
    if key in LOST:
        return stage, False
    return stage, None
