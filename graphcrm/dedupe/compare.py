"""Field comparators: for each candidate pair, which level of agreement each field reaches.

Every field has ordered levels: ``missing`` (one side empty; no evidence either way),
``disagree``, then partial agreements up to the strongest. Comparators are vectorised
over all pairs (rapidfuzz ``cpdist``); the scalar helpers are for tests and the UI.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from nicknames import NickNamer
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

MISSING, DISAGREE = 0, 1
PERSON_LEVELS: dict[str, tuple[str, ...]] = {
    "name": ("missing", "disagree", "one_part", "similar", "close", "exact"),
    "email": ("missing", "disagree", "similar_local", "same_local", "exact"),
    "phone": ("missing", "disagree", "exact_shared", "exact"),
    "company": ("missing", "disagree", "similar", "exact"),
    "city": ("missing", "disagree", "exact"),
    "postcode": ("missing", "disagree", "exact"),
    "street": ("missing", "disagree", "similar", "exact"),
}
COMPANY_LEVELS: dict[str, tuple[str, ...]] = {
    "name": ("missing", "disagree", "similar", "close", "exact"),
    "domain": ("missing", "disagree", "exact"),
    "phone": ("missing", "disagree", "exact_shared", "exact"),
    "city": ("missing", "disagree", "exact"),
    "postcode": ("missing", "disagree", "exact"),
    "street": ("missing", "disagree", "similar", "exact"),
}
EXTRA_LEVELS = ("missing", "disagree", "close", "exact")
EXTRA_MIN_SHARE = 0.2  # a custom field compared when at least this share of records has it
SHARED_PHONE = 3  # a phone on this many records is a switchboard: weaker evidence


@dataclass(frozen=True)
class Comparison:
    """Levels (int8, one column per field) for a set of pairs, and each field's level names."""

    levels: pd.DataFrame
    names: dict[str, tuple[str, ...]]


_NICK = NickNamer()


@lru_cache(maxsize=100_000)
def _nick_forms(name: str) -> frozenset[str]:
    forms = {name} | _NICK.nicknames_of(name) | _NICK.canonicals_of(name)
    return frozenset(forms)


def is_nickname(a: str | None, b: str | None) -> bool:
    """True when one name is a nickname of the other or both are nicknames of one name (Bob, Robert)."""
    if not a or not b:
        return False
    return _nickname(a.lower(), b.lower())


@lru_cache(maxsize=200_000)
def _nickname(a: str, b: str) -> bool:
    return a == b or b in _nick_forms(a) or a in _nick_forms(b) or bool(
        _NICK.canonicals_of(a) & _NICK.canonicals_of(b))


def jaro_winkler(a: str | None, b: str | None) -> float:
    """Jaro-Winkler similarity in [0, 1]; 0 when either side is empty."""
    return JaroWinkler.normalized_similarity(a, b) if a and b else 0.0


def _sim(a: np.ndarray, b: np.ndarray, scorer=JaroWinkler.normalized_similarity) -> np.ndarray:
    """Elementwise similarity of two object arrays; 0 where either side is empty."""
    both = pd.notna(a) & pd.notna(b)
    out = np.zeros(len(a))
    if both.any():
        out[both] = process.cpdist(list(a[both]), list(b[both]), scorer=scorer, workers=1)
    return out


def _equal(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    both = pd.notna(a) & pd.notna(b)
    eq = np.zeros(len(a), dtype=bool)
    eq[both] = a[both] == b[both]
    return eq


def _present(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return pd.notna(a) & pd.notna(b)


def _levels(present: np.ndarray, *conditions: np.ndarray) -> np.ndarray:
    """Level per pair: missing, disagree, then the highest condition that holds (conditions low to high)."""
    out = np.where(present, DISAGREE, MISSING).astype(np.int8)
    for level, condition in enumerate(conditions, start=2):
        out[present & condition] = level
    return out


def compare_pairs(frame: pd.DataFrame, a: np.ndarray, b: np.ndarray, entity: str) -> Comparison:
    """Comparison levels of every pair (``a[i]``, ``b[i]``) of rows of ``frame`` (from ``records.add_keys``)."""

    def col(name: str) -> tuple[np.ndarray, np.ndarray]:
        values = frame[name].to_numpy(dtype=object)
        return values[a], values[b]

    levels: dict[str, np.ndarray] = {}
    phone_a, phone_b = col("k_phone")
    # counted per label: a converted lead and its contact share a phone by design
    counts = Counter(zip(frame["label"], frame["k_phone"]))
    label_a = frame["label"].to_numpy(dtype=object)[a]
    shared = np.array([counts[(lab, p)] >= SHARED_PHONE if p else False for lab, p in zip(label_a, phone_a,
                                                                                          strict=True)], dtype=bool)
    phone_eq = _equal(phone_a, phone_b)
    levels["phone"] = _levels(_present(phone_a, phone_b), phone_eq & shared, phone_eq & ~shared)
    if entity == "company":
        names = dict(COMPANY_LEVELS)
        na, nb = col("k_name")
        ka, kb = col("name_key")
        jw = _sim(na, nb)
        token = _sim(ka, kb, fuzz.token_set_ratio) / 100
        levels["name"] = _levels(_present(na, nb), (jw >= 0.85) | (token >= 0.85), jw >= 0.93,
                                 _equal(ka, kb) | _equal(na, nb))
        da, db = col("domain")
        levels["domain"] = _levels(_present(da, db), _equal(da, db))
    else:
        names = dict(PERSON_LEVELS)
        levels["name"] = _name_levels(col("k_first"), col("k_last"))
        levels["email"] = _email_levels(col("email"), col("k_email_local"))
        ca, cb = col("k_company")
        token = _sim(ca, cb, fuzz.token_set_ratio) / 100
        levels["company"] = _levels(_present(ca, cb), token >= 0.85, _equal(ca, cb))
    for field, column in (("city", "k_city"), ("postcode", "k_postcode")):
        xa, xb = col(column)
        levels[field] = _levels(_present(xa, xb), _equal(xa, xb))
    sa, sb = col("k_street")
    street = _sim(sa, sb, fuzz.token_sort_ratio) / 100
    levels["street"] = _levels(_present(sa, sb), street >= 0.8, _equal(sa, sb))
    for key in extra_keys(frame):
        ea, eb = col("k_extra")
        xa = np.array([d.get(key) if d else None for d in ea], dtype=object)
        xb = np.array([d.get(key) if d else None for d in eb], dtype=object)
        levels[f"extra.{key}"] = _levels(_present(xa, xb), _sim(xa, xb) >= 0.9, _equal(xa, xb))
        names[f"extra.{key}"] = EXTRA_LEVELS
    return Comparison(pd.DataFrame(levels), names)


def extra_keys(frame: pd.DataFrame) -> list[str]:
    """Custom fields (kept in ``extra`` by the importer) common enough to compare."""
    counts: Counter[str] = Counter()
    dicts = [d for d in frame["k_extra"] if d]
    for d in dicts:
        counts.update(d.keys())
    return sorted(k for k, c in counts.items() if c >= max(2, EXTRA_MIN_SHARE * len(frame)))


def _name_levels(first: tuple[np.ndarray, np.ndarray], last: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """First and last name judged together (in duplicates they fail together far less than apart).

    exact: both parts equal; close: both at least Jaro-Winkler 0.9 or a nickname (Bob/Robert);
    similar: both at least 0.8; one_part: one part agrees, the other not (a new surname, a
    sibling); disagree. A part missing on one side counts as agreeing when the other agrees.
    """
    (fa, fb), (la, lb) = first, last
    # names given the other way round ("Li" "Guihua" / "Guihua" "Li"): compare crossed where that fits better
    direct = _sim(fa, fb) + _sim(la, lb)
    crossed = _sim(fa, lb) + _sim(la, fb)
    swap = crossed > direct + 0.3
    fb, lb = np.where(swap, lb, fb), np.where(swap, fb, lb)
    f_sim, l_sim = _sim(fa, fb), _sim(la, lb)
    f_present, l_present = _present(fa, fb), _present(la, lb)
    nick = np.zeros(len(fa), dtype=bool)
    ask = np.flatnonzero(f_present & (f_sim < 0.95))  # only where the names differ
    nick[ask] = [_nickname(x, y) for x, y in zip(fa[ask], fb[ask], strict=True)]
    present = f_present | l_present
    f_sim = np.where(f_present, np.where(nick, np.maximum(f_sim, 0.95), f_sim), np.nan)
    l_sim = np.where(l_present, l_sim, np.nan)
    low = np.fmin(f_sim, l_sim)  # the weaker part (NaN-aware: one missing part -> the other)
    high = np.fmax(f_sim, l_sim)
    exact = np.where(f_present, _equal(fa, fb), True) & np.where(l_present, _equal(la, lb), True)
    return _levels(present, high >= 0.9, low >= 0.8, low >= 0.9, exact)


def _email_levels(email: tuple[np.ndarray, np.ndarray], local: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    (ea, eb), (la, lb) = email, local
    return _levels(_present(ea, eb), _sim(la, lb) >= 0.88, _equal(la, lb), _equal(ea, eb))
