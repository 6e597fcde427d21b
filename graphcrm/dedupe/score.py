"""Fellegi-Sunter match scores with weights estimated from the data.

For each field level, ``m`` is the chance of that level among true duplicates and ``u``
among non-duplicates; the level adds ``log2(m/u)`` bits of evidence (a missing field adds
nothing). ``u`` is measured on random pairs of records (almost all non-duplicates);
``m`` and the share of duplicates among candidates are estimated with EM over the
candidate pairs. The score is the posterior probability that a pair is a duplicate.
On a graph too small to learn from, documented default ``m``/``u`` values are used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from graphcrm.dedupe.compare import MISSING, compare_pairs

MIN_PAIRS_FOR_EM = 300
MIN_RECORDS_FOR_U = 200
RANDOM_PAIRS = 30_000
EM_ITERATIONS = 40
_CLIP = 1e-4
# How often each level occurs among true duplicates (m), per field: documented domain knowledge
# (CRM duplicates often arrive with another email or without a phone, rarely with another name).
DEFAULT_M: dict[str, dict[str, float]] = {
    "name": {"disagree": 0.01, "one_part": 0.04, "similar": 0.08, "close": 0.25, "exact": 0.62},
    "email": {"disagree": 0.4, "similar_local": 0.1, "same_local": 0.15, "exact": 0.35},
    "phone": {"disagree": 0.15, "exact_shared": 0.05, "exact": 0.8},
    "company": {"disagree": 0.1, "similar": 0.1, "exact": 0.8},
    "domain": {"disagree": 0.1, "exact": 0.9},
    "city": {"disagree": 0.15, "exact": 0.85},
    "postcode": {"disagree": 0.1, "exact": 0.9},
    "street": {"disagree": 0.1, "similar": 0.2, "exact": 0.7},
}
DEFAULT_M_LEVEL = {"disagree": 0.1, "close": 0.2, "exact": 0.7, "similar": 0.1}  # other fields (extra.*)
# Starting u for a graph too small to measure it: most pairs of records disagree; people at one
# company often share a city.
DEFAULT_U_FIELD: dict[str, dict[str, float]] = {"city": {"disagree": 0.5, "exact": 0.5}}
DEFAULT_U = {"disagree": 0.95, "one_part": 0.04, "similar": 0.03, "similar_local": 0.05, "close": 0.01,
             "same_local": 0.03, "exact_shared": 0.01, "exact": 0.003}


@dataclass
class Model:
    """Per field and level: m and u probabilities (index 0, missing, unused) and the prior."""

    names: dict[str, tuple[str, ...]]
    m: dict[str, np.ndarray]
    u: dict[str, np.ndarray]
    prior: float = 0.1
    fitted: bool = False
    info: dict[str, Any] = field(default_factory=dict)

    def weights(self, name: str) -> np.ndarray:
        """Bits of evidence per level of a field (0 for missing)."""
        w = np.log2(np.clip(self.m[name], _CLIP, 1)) - np.log2(np.clip(self.u[name], _CLIP, 1))
        w[MISSING] = 0.0
        return w

    def bits(self, levels: pd.DataFrame) -> pd.DataFrame:
        """Each pair's evidence per field, in bits."""
        return pd.DataFrame({f: self.weights(f)[levels[f].to_numpy()] for f in levels.columns if f in self.m})

    def score(self, levels: pd.DataFrame) -> np.ndarray:
        """Posterior probability that each pair is a duplicate."""
        total = np.full(len(levels), np.log2(self.prior / (1 - self.prior)))
        for f in levels.columns:
            if f in self.m:
                total += self.weights(f)[levels[f].to_numpy()]
        return 1.0 / (1.0 + np.exp2(-np.clip(total, -60, 60)))

    def as_json(self) -> dict[str, Any]:
        """The fitted parameters, for the docs and for re-use on small incremental runs."""
        return {"prior": self.prior, "fitted": self.fitted, "info": self.info,
                "fields": {f: {"levels": list(self.names[f]), "m": self.m[f].round(5).tolist(),
                               "u": self.u[f].round(5).tolist()} for f in self.m}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Model:
        """The inverse of ``as_json``."""
        fields = data["fields"]
        return cls({f: tuple(v["levels"]) for f, v in fields.items()},
                   {f: np.array(v["m"]) for f, v in fields.items()},
                   {f: np.array(v["u"]) for f, v in fields.items()},
                   data["prior"], data["fitted"], data.get("info", {}))


def default_model(names: dict[str, tuple[str, ...]]) -> Model:
    """The documented weighting used when there is too little data to learn from."""
    m = {f: _normalised([DEFAULT_M.get(f.split(".")[0], DEFAULT_M_LEVEL).get(n, 0.1) for n in levels])
         for f, levels in names.items()}
    u = {f: _normalised([DEFAULT_U_FIELD.get(f, DEFAULT_U).get(n, 0.01) for n in levels])
         for f, levels in names.items()}
    return Model(dict(names), m, u)


def _neutral_shared(model: Model) -> None:
    """Agreeing on a phone many records share (a switchboard) is no evidence: m = u for that level."""
    for f, levels in model.names.items():
        if "exact_shared" in levels:
            level = levels.index("exact_shared")
            model.m[f][level] = model.u[f][level]


def _normalised(values: list[float]) -> np.ndarray:
    arr = np.array(values, dtype=float)
    arr[MISSING] = 0.0
    return arr / arr.sum()


def estimate_u(frame: pd.DataFrame, entity: str, names: dict[str, tuple[str, ...]], *, seed: int = 1,
               size: int = RANDOM_PAIRS) -> dict[str, np.ndarray] | None:
    """u probabilities from random pairs of records; None when there are too few records."""
    n = len(frame)
    if n < MIN_RECORDS_FOR_U:
        return None
    rng = np.random.default_rng(seed)
    a = rng.integers(0, n, size)
    b = rng.integers(0, n, size)
    u = _shares(frame, a, b, entity, names)
    # Fields that go with the company (city, phone, names of coworkers) are measured on random pairs
    # at the same company: candidates mostly share one, so that is the non-duplicate they must beat.
    key = "name_key" if entity == "company" else "k_company"
    same = _same_key_pairs(frame[key].to_numpy(dtype=object), rng, size)
    if same is not None:
        within = _shares(frame, same[0], same[1], entity, names)
        u.update({f: v for f, v in within.items() if f not in ("company", "name" if entity == "company" else "")})
    return u


def _shares(frame: pd.DataFrame, a: np.ndarray, b: np.ndarray, entity: str,
            names: dict[str, tuple[str, ...]]) -> dict[str, np.ndarray]:
    keep = a != b
    levels = compare_pairs(frame, a[keep], b[keep], entity).levels
    u = {}
    for f, level_names in names.items():
        if f not in levels:
            continue
        counts = np.bincount(levels[f].to_numpy(), minlength=len(level_names)).astype(float)
        counts[MISSING] = 0.0
        counts[1:] += 0.5  # a level never seen among random pairs is rare, not impossible
        u[f] = counts / counts.sum()
    return u


def _same_key_pairs(keys: np.ndarray, rng: np.random.Generator, size: int) -> tuple[np.ndarray, np.ndarray] | None:
    """Random pairs of records sharing a key (weighted by group size), or None if there are too few."""
    frame = pd.DataFrame({"key": keys, "rec": np.arange(len(keys))}).dropna()
    groups = [g.to_numpy() for _, g in frame.groupby("key")["rec"] if len(g) > 1]
    if sum(len(g) * (len(g) - 1) // 2 for g in groups) < 200:
        return None
    sizes = np.array([len(g) for g in groups], dtype=float)
    pick = rng.choice(len(groups), size, p=sizes / sizes.sum())
    a = np.empty(size, dtype=np.int64)
    b = np.empty(size, dtype=np.int64)
    for i, g in enumerate(pick):
        x, y = rng.choice(len(groups[g]), 2, replace=False)
        a[i], b[i] = groups[g][x], groups[g][y]
    return a, b


def fit(levels: pd.DataFrame, names: dict[str, tuple[str, ...]], u: dict[str, np.ndarray] | None,
        *, iterations: int = EM_ITERATIONS) -> Model:
    """Estimate u and the prior with EM over the candidate pairs; m stays as documented.

    u starts from random pairs (``estimate_u``); EM then learns what non-duplicates among the
    candidates look like. Estimating m too lets EM lock onto "same company" as the class.
    """
    model = default_model(names)
    if u is not None:
        model.u.update({f: v for f, v in u.items() if f in model.u})
    _neutral_shared(model)
    if len(levels) < MIN_PAIRS_FOR_EM or u is None:
        model.info = {"pairs": len(levels), "reason": "too little data: default weights"}
        return model
    prior = 0.1
    columns = {f: levels[f].to_numpy() for f in names if f in levels}
    for _ in range(iterations):
        model.prior = prior
        p = model.score(levels)
        for f, lv in columns.items():  # m stays as documented: it anchors which class is "duplicate"
            observed = lv != MISSING
            model.u[f] = _level_shares(lv[observed], 1.0 - p[observed], len(names[f]))
        _neutral_shared(model)
        prior = float(np.clip(p.mean(), 0.001, 0.999))
    model.prior = prior
    model.fitted = True
    model.info = {"pairs": len(levels), "iterations": iterations}
    return model


def _level_shares(levels: np.ndarray, weights: np.ndarray, size: int) -> np.ndarray:
    """Weighted share of each level (smoothed, so no level is impossible); missing stays 0."""
    mass = np.bincount(levels, weights=weights, minlength=size).astype(float)
    mass[MISSING] = 0.0
    mass[1:] += 0.1
    shares = np.clip(mass / mass.sum(), _CLIP, 1 - _CLIP)
    shares[MISSING] = 0.0
    return shares


def status(names: tuple[str, ...], level: int) -> str:
    """agree, partial, disagree or missing: how the UI colours a field."""
    if level == MISSING:
        return "missing"
    if level == 1:
        return "disagree"
    return "agree" if level == len(names) - 1 else "partial"


STRATUM_FIELD = "company"
DEFAULT_PRIOR_ELSEWHERE = 0.01  # persons: pairs at the same company and at different ones are scored apart


@dataclass
class Scorer:
    """Fellegi-Sunter models per stratum: same company or not (conditional independence given it).

    Name agreement means little across companies (common names) and much inside one, and
    candidates are found mostly inside companies; one u per stratum keeps both true.
    """

    models: dict[int, Model]

    @property
    def names(self) -> dict[str, tuple[str, ...]]:
        return next(iter(self.models.values())).names

    @property
    def fitted(self) -> bool:
        return all(m.fitted for m in self.models.values())

    def strata(self, levels: pd.DataFrame) -> np.ndarray:
        """0 or 1 per pair (1: the stratum field agrees at least partly)."""
        if STRATUM_FIELD not in levels or len(self.models) == 1:
            return np.zeros(len(levels), dtype=np.int64)
        return (levels[STRATUM_FIELD].to_numpy() >= 2).astype(np.int64)

    def score(self, levels: pd.DataFrame) -> np.ndarray:
        """Posterior probability that each pair is a duplicate."""
        out = np.zeros(len(levels))
        strata = self.strata(levels)
        for k, model in self.models.items():
            mask = strata == k
            if mask.any():
                out[mask] = model.score(levels[mask])
        return out

    def model_for(self, levels: pd.DataFrame, row: int) -> Model:
        """The model that scores one pair."""
        return self.models[int(self.strata(levels.iloc[[row]])[0])]

    def as_json(self) -> dict[str, Any]:
        return {"strata": {str(k): m.as_json() for k, m in self.models.items()}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Scorer:
        return cls({int(k): Model.from_json(v) for k, v in data["strata"].items()})


def fit_scorer(levels: pd.DataFrame, names: dict[str, tuple[str, ...]],
               u: dict[str, np.ndarray] | None) -> Scorer:
    """Fit one model per stratum (one only when there is no stratum field)."""
    if STRATUM_FIELD not in names:
        return Scorer({0: fit(levels, names, u)})
    strata = (levels[STRATUM_FIELD].to_numpy() >= 2).astype(np.int64) if len(levels) else np.array([], int)
    scorer = Scorer({k: fit(levels[strata == k], names, u) for k in (0, 1)})
    same, other = scorer.models[1], scorer.models[0]
    # inside the stratum every pair agrees on the company: its evidence is the stratum's prior
    same.m[STRATUM_FIELD] = same.u[STRATUM_FIELD].copy()
    if not other.fitted:  # the same person at two companies is the rarer case
        other.prior = DEFAULT_PRIOR_ELSEWHERE
    return scorer


def reasons(scorer: Scorer, levels: pd.DataFrame, row: int) -> list[dict[str, Any]]:
    """One pair's explanation: per field its level, status and contribution in bits, strongest first."""
    model = scorer.model_for(levels, row)
    out = []
    for f in levels.columns:
        if f not in model.m:
            continue
        level = int(levels[f].iat[row])
        out.append({"field": f, "level": model.names[f][level], "status": status(model.names[f], level),
                    "weight": round(float(model.weights(f)[level]), 2)})
    return sorted(out, key=lambda r: -abs(r["weight"]))
