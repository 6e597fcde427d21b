"""Company names: the display name as given, and a key for matching."""

from __future__ import annotations

from functools import lru_cache

import re
import unicodedata
from typing import Any

from graphcrm.ingest.normalise.text import clean_text

# Longest first, so "股份有限公司" goes before "有限公司".
CJK_SUFFIXES = ("集团股份有限公司", "股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "分公司", "公司")
CJK_REGIONS = ("中国", "北京", "上海", "天津", "重庆", "深圳", "广州", "杭州", "南京", "苏州", "成都", "武汉",
               "西安", "厦门", "青岛", "大连", "宁波", "长沙", "郑州", "合肥", "广东", "浙江", "江苏", "山东",
               "福建", "四川", "湖北", "湖南", "河南", "河北", "香港", "台湾")
LATIN_SUFFIXES = frozenset({
    "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "corp", "corporation", "co", "company",
    "gmbh", "ag", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "plc", "pty", "kk", "oy", "ab", "as",
    "pte", "pvt", "group", "holdings", "the",
})
_PUNCT = re.compile(r"[\W_]+", re.UNICODE)
_BRACKETS = re.compile(r"[（(]\s*(中国|china|prc|hk|香港)\s*[)）]", re.I)
_DOTTED = re.compile(r"\b([a-z])\.(?=[a-z]\.)|\b([a-z])\.(?=\s|$)", re.I)


@lru_cache(maxsize=65536)
def clean_company_name(value: Any) -> str | None:
    """The company name as a person wrote it, with whitespace and stray quotes tidied."""
    text = clean_text(value)
    if text is None:
        return None
    return text.strip("\"'“”‘’ ").strip() or None


@lru_cache(maxsize=65536)
def company_key(value: Any) -> str | None:
    """A matching key: casefolded, without punctuation and legal suffixes ("Golden-Blair Inc." -> "golden blair")."""
    name = clean_company_name(value)
    if name is None:
        return None
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _BRACKETS.sub(" ", text).replace("&", " and ").replace("＆", " and ")
    text = text.replace("l.l.c.", "llc").replace("s.a.", "sa").replace("co.,", "co ")
    key = _strip_cjk(text)
    tokens = [t for t in _PUNCT.sub(" ", key).split() if t]
    while tokens and tokens[-1] in LATIN_SUFFIXES:
        tokens.pop()
    while len(tokens) > 1 and tokens[0] == "the":
        tokens.pop(0)
    tokens = [t for t in tokens if t != "and"] if len(tokens) > 2 else tokens
    result = " ".join(tokens)
    return result or _PUNCT.sub(" ", text).strip() or text


def _strip_cjk(text: str) -> str:
    if not any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return text
    stripped = text.strip()
    changed = True
    while changed:
        changed = False
        for suffix in CJK_SUFFIXES:
            if stripped.endswith(suffix) and len(stripped) - len(suffix) >= 2:
                stripped = stripped[: -len(suffix)]
                changed = True
    for region in CJK_REGIONS:
        if stripped.startswith(region) and len(stripped) - len(region) >= 2:
            stripped = stripped[len(region):]
            break
    for region in ("市", "省"):
        stripped = stripped.lstrip(region)
    return stripped
