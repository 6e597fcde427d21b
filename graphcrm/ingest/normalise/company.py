"""Company names: the display name as given, and a key for matching."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from graphcrm.ingest.normalise.text import clean_text

# Longest first, so "股份有限公司" goes before "有限公司". Stripped repeatedly from the end.
CJK_SUFFIXES = ("集团股份有限公司", "股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "股份公司",
                "总公司", "分公司", "公司", "集团", "株式会社", "有限会社")
CJK_PREFIXES = ("株式会社", "有限会社")  # Japanese legal forms come first as often as last
CJK_REGIONS = ("中国", "北京", "上海", "天津", "重庆", "深圳", "广州", "杭州", "南京", "苏州", "成都", "武汉",
               "西安", "厦门", "青岛", "大连", "宁波", "长沙", "郑州", "合肥", "济南", "沈阳", "昆明", "福州",
               "东莞", "佛山", "无锡", "广东", "浙江", "江苏", "山东", "福建", "四川", "湖北", "湖南", "河南",
               "河北", "安徽", "辽宁", "香港", "台湾")
# A region prefix is stripped only from a name that had a legal suffix and keeps this many
# characters: 北京银行 and 中国银行 (different banks) must not both become 银行.
MIN_CJK_REMAINDER = 3
# Legal forms dropped from the end of a name; "group" and "holdings" too (Ray Group is ray.com),
# and a dangling "and" left by "Smith & Co".
LATIN_SUFFIXES = frozenset({
    "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "corp", "corporation", "co", "company", "cos",
    "gmbh", "ag", "kg", "se", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "plc", "pty", "kk", "oy", "oyj",
    "ab", "as", "asa", "aps", "pte", "pvt", "sdn", "bhd", "ltda", "group", "holdings", "and",
})
_PUNCT = re.compile(r"[\W_]+")
_CJK_CLASS = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"  # kana and Chinese characters
_CJK = re.compile(_CJK_CLASS)
_CJK_GAP = re.compile(f"(?<={_CJK_CLASS}) (?={_CJK_CLASS})")
_REGION_BRACKETS = re.compile(r"\(\s*(?:china|prc|hk|" + "|".join(CJK_REGIONS) + r")\s*[省市]?\s*\)")
_DOTTED = re.compile(r"\b[a-z](?:\.[a-z])+\.?(?![a-z])")  # s.a. / l.l.c. / k.k. / u.s.
_QUOTES = "\"'“”‘’「」『』"
_COMBINING = re.compile("[\u0300-\u036f]")  # Latin accents only: kana voicing marks carry meaning


def clean_company_name(value: Any) -> str | None:
    """The company name as a person wrote it, with whitespace and stray quotes tidied."""
    if type(value) is str:
        return _clean_name(value)
    text = clean_text(value)
    return None if text is None else _strip_quotes(text)


def company_key(value: Any) -> str | None:
    """A matching key: casefolded, without punctuation and legal suffixes ("Golden-Blair Inc." -> "golden blair").

    Chinese and Japanese legal forms go too (有限公司, 株式会社), and a leading city or province
    when what remains is still a name (北京良诺网络科技有限公司 -> 良诺网络科技). Never empty.
    """
    name = clean_company_name(value)
    return None if name is None else _key(name)


@lru_cache(maxsize=65536)  # an import repeats a few thousand company names many times
def _clean_name(value: str) -> str | None:
    text = clean_text(value)
    return None if text is None else _strip_quotes(text)


def _strip_quotes(text: str) -> str | None:
    """Remove quotes around the whole name, and a lone quote at either end; keep O'Reilly."""
    while len(text) > 1 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    for end in (0, -1):
        if text and text[end] in _QUOTES and sum(text.count(q) for q in _QUOTES) == 1:
            text = (text[1:] if end == 0 else text[:-1]).strip()
    return text or None


@lru_cache(maxsize=65536)
def _key(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()  # also turns full-width （） and ＆ into ( ) &
    text = unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFD", text)))
    text = _REGION_BRACKETS.sub(" ", text).replace("&", " and ")
    text = _DOTTED.sub(lambda m: m[0].replace(".", ""), text)
    words = " ".join(_PUNCT.sub(" ", text).split())
    if _CJK.search(words):
        words = _strip_cjk(_CJK_GAP.sub("", words))
    tokens = words.split()
    while len(tokens) > 1 and tokens[-1] in LATIN_SUFFIXES:
        tokens.pop()
    while len(tokens) > 1 and tokens[0] == "the":
        tokens.pop(0)
    tokens = [t for t in tokens if t != "and"] or tokens
    return " ".join(tokens) or name.casefold()


def _strip_cjk(text: str) -> str:
    """Drop Chinese (and Japanese) legal forms, then a leading city or province."""
    stripped, changed = text, True
    while changed:
        changed = False
        for suffix in CJK_SUFFIXES:
            if stripped.endswith(suffix):
                if len(stripped) > len(suffix):  # 有限公司 alone is all legal form: leave it whole
                    stripped, changed = stripped[: -len(suffix)].rstrip(), True
                break
        for prefix in CJK_PREFIXES:
            if stripped.startswith(prefix) and len(stripped) > len(prefix):
                stripped, changed = stripped[len(prefix):].lstrip(), True
    if stripped == text:
        return text
    changed = True
    while changed:  # 广东省深圳市华为 -> 深圳市华为 -> 华为
        changed = False
        for region in CJK_REGIONS:
            if stripped.startswith(region):
                rest = stripped[len(region):]
                rest = rest[1:].strip() if rest[:1] in ("省", "市") else rest.strip()
                if len(rest) >= MIN_CJK_REMAINDER:
                    stripped, changed = rest, True
                    break
    return stripped
