"""Person names: tidy Latin names, keep Chinese names as written, keys for matching."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from pypinyin import lazy_pinyin

from graphcrm.ingest.normalise.text import clean_text

COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "宇文",
                     "司徒", "夏侯", "公孙", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "澹台")
PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "bin", "al"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir"})
POSTNOMINALS = frozenset({"md", "phd", "dds", "esq", "cpa", "mba", "rn"})
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_CJK_GAP = re.compile(f"(?<={_CJK.pattern}) (?={_CJK.pattern})")
_NOT_LETTERS = re.compile(r"[^a-z]+")
_NOT_WORD = re.compile(r"[^\w\s-]")
_WORD_START = re.compile(r"(^|[-'’])(\w)")  # Mary-Jane, O'Brien
_MIDDLE_DOT = re.compile("[·•・]")  # transliterated names (迪丽热巴·迪力木拉提) have no surname-first split


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
    return bool(text) and _CJK.search(text) is not None


def person_name(first: Any = None, last: Any = None, full: Any = None) -> PersonName | None:
    """Tidy name parts; build the full name or split it; None when all parts are blank.

    ``key`` is the casefolded, accent-free tokens of first and last, sorted, so the order they
    were given in does not matter. ``pinyin_key`` is surname first in both scripts (李桂花 and
    "Guihua Li" both give "liguihua"), letters only.
    """
    first, last, full = clean_text(first), clean_text(last), clean_text(full)
    if not (first or last or full):
        return None
    if has_cjk(first) or has_cjk(last) or has_cjk(full):
        return _cjk(first, last, full)
    if full and not (first or last):
        first, last = _split_latin(full)
        if "," in full:  # "Last, First" is a sorting form, not how the name is written
            full = None
    first, last = _case(first), _case(last, particle_first=True)
    full = _case(full) if full else " ".join(p for p in (first, last) if p)
    key = _latin_key(f"{first or ''} {last or ''}") or _latin_key(full)
    return PersonName(first, last, full, key, _letters(f"{last or ''}{first or ''}") or _letters(full))


def _cjk(first: str | None, last: str | None, full: str | None) -> PersonName:
    first, last, full = (_unspaced(p) for p in (first, last, full))
    if not full:
        mixed = first and last and not (has_cjk(first) and has_cjk(last))
        full = f"{first} {last}" if mixed else f"{last or ''}{first or ''}"
    if not (first or last) and has_cjk(full) and not _MIDDLE_DOT.search(full):
        surname = next((s for s in COMPOUND_SURNAMES if full.startswith(s) and len(full) > len(s)), full[:1])
        last, first = surname, full[len(surname):] or None
    ordered = f"{last or ''}{first or ''}" if (first or last) else full
    key_parts = sorted(_ascii(p) for p in (last, first) if p)
    return PersonName(first, last, full, " ".join(key_parts) or _ascii(full),
                      _letters("".join(lazy_pinyin(ordered))))


def _unspaced(part: str | None) -> str | None:
    """Chinese names are written without spaces ("李 桂花" is 李桂花); "Lily 李" keeps its space."""
    return _CJK_GAP.sub("", part) if part else part


def _latin_key(text: str) -> str | None:
    return " ".join(sorted(_NOT_WORD.sub("", _ascii(text)).split())) or None


def _split_latin(full: str) -> tuple[str | None, str | None]:
    if "," in full:
        last, _, first = full.partition(",")
        return first.strip() or None, last.strip() or None
    tokens = full.split()
    while len(tokens) > 1 and tokens[0].rstrip(".").casefold() in HONORIFICS:
        tokens.pop(0)
    while len(tokens) > 2 and tokens[-1].replace(".", "").casefold() in POSTNOMINALS:
        tokens.pop()
    if len(tokens) == 1:
        return tokens[0], None
    cut = len(tokens) - 1
    while cut > 1 and tokens[cut - 1].casefold() in PARTICLES:
        cut -= 1
    return " ".join(tokens[:cut]), " ".join(tokens[cut:])


def _case(part: str | None, *, particle_first: bool = False) -> str | None:
    """Title-case names written all upper or all lower; leave mixed case (McDonald) alone.

    Particles stay lower case inside a name ("Ludwig van der Berg"), and at the start of a
    surname ("van der Berg"), but not at the start of a given name ("Van Morrison").
    """
    if not part or not (part.isupper() or part.islower()):
        return part
    words = part.lower().split(" ")
    out = []
    for i, word in enumerate(words):
        particle = word in PARTICLES and i < len(words) - 1 and (i > 0 or particle_first)
        out.append(word if particle else _WORD_START.sub(_upper, word))
    return unicodedata.normalize("NFC", " ".join(out))  # "İ".lower() is i + combining dot


def _upper(match: re.Match[str]) -> str:
    # "ŉ".upper() is two characters ("ʼN"): such letters stay as written, so casing is idempotent
    upper = match[2].upper()
    return match[1] + (upper if len(upper) == 1 else match[2])


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _letters(text: str) -> str | None:
    return _NOT_LETTERS.sub("", _ascii(text)) or None
