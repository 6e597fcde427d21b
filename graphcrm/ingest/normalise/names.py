"""Person names: tidy Latin names, keep Chinese names as written, keys for matching."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from pypinyin import lazy_pinyin

from graphcrm.ingest.normalise.text import clean_text

COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "宇文",
                     "司徒", "夏侯", "公孙", "轩辕", "端木", "独孤", "南宫", "西门", "百里")
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "bin", "al"})
_LETTERS = re.compile(r"[^a-z]+")
_WORD_PUNCT = re.compile(r"[^\w\s-]")


@dataclass(frozen=True)
class PersonName:
    """A person's name parts and the keys used to match it."""

    first: str | None
    last: str | None
    full: str | None
    key: str | None
    pinyin_key: str | None


def has_cjk(text: str | None) -> bool:
    """True when the text holds Chinese (CJK) characters."""
    return bool(text) and any("\u3400" <= ch <= "\u9fff" for ch in text)


def person_name(first: Any = None, last: Any = None, full: Any = None) -> PersonName | None:
    """Tidy name parts; build the full name or split it; None when all parts are blank."""
    first, last, full = clean_text(first), clean_text(last), clean_text(full)
    if not (first or last or full):
        return None
    if has_cjk(first or "") or has_cjk(last or "") or has_cjk(full or ""):
        return _cjk(first, last, full)
    if full and not (first or last):
        first, last = _split_latin(full)
        if "," in full:  # "Last, First" is a sorting form, not how the name is written
            full = None
    first, last = _case(first), _case(last)
    full = _case(full) if full else " ".join(p for p in (first, last) if p)
    ascii_tokens = sorted(_WORD_PUNCT.sub("", _ascii(full)).split())
    return PersonName(first, last, full, " ".join(ascii_tokens) or None, _LETTERS.sub("", _ascii(full)) or None)


def _cjk(first: str | None, last: str | None, full: str | None) -> PersonName:
    first = first.replace(" ", "") if first and has_cjk(first) else first
    last = last.replace(" ", "") if last and has_cjk(last) else last
    if full:
        full = full.replace(" ", "") if has_cjk(full) else full
    if not full:
        full = f"{last or ''}{first or ''}"
    if not (first or last) and has_cjk(full):
        surname = next((s for s in COMPOUND_SURNAMES if full.startswith(s) and len(full) > len(s)), full[:1])
        last, first = surname, full[len(surname):] or None
    pinyin = "".join(lazy_pinyin(full)).lower()
    pinyin = _LETTERS.sub("", _ascii(pinyin))
    key_parts = sorted(p for p in (last, first) if p)
    return PersonName(first, last, full, " ".join(key_parts) or full, pinyin or None)


def _split_latin(full: str) -> tuple[str | None, str | None]:
    if "," in full:
        last, _, first = full.partition(",")
        return first.strip() or None, last.strip() or None
    tokens = full.split()
    if len(tokens) == 1:
        return tokens[0], None
    cut = len(tokens) - 1
    while cut > 1 and tokens[cut - 1].casefold() in _PARTICLES:
        cut -= 1
    return " ".join(tokens[:cut]), " ".join(tokens[cut:])


def _case(part: str | None) -> str | None:
    """Title-case names written all upper or all lower; leave mixed case (McDonald) alone."""
    if not part:
        return None
    if part.isupper() or part.islower():
        words = []
        for word in part.split(" "):
            low = word.lower()
            words.append(low if low in _PARTICLES and words else "-".join(w[:1].upper() + w[1:] for w in low.split("-")))
        return " ".join(words)
    return part


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
