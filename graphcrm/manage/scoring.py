"""Explainable lead scoring from a configuration file; ratings from thresholds.

``explain`` scores one lead and says why, line by line; ``score_frame`` scores many at once with
pandas/numpy for ``graphcrm maintain``. Both follow the same rules (a test holds them equal).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from graphcrm.manage.config import ConfigError, number, parse_toml, words

# Lead properties a field rule may test.
FIELDS = ("title", "industry", "region", "country", "city", "employees", "annual_revenue", "company_name",
          "source_system")
NUMERIC_FIELDS = ("employees", "annual_revenue")
DAY = 86_400.0


@dataclass(frozen=True)
class FieldRule:
    """Points when a lead field equals, contains, or is at least something."""

    field: str
    points: float
    equals: tuple[str, ...] | None = None
    contains: tuple[str, ...] | None = None
    at_least: float | None = None


@dataclass(frozen=True)
class ScoringConfig:
    """A parsed scoring configuration."""

    hot: float
    warm: float
    fields: tuple[FieldRule, ...]
    touch_points: float
    half_life_days: float
    responded: float
    touch_max: float
    touch_min: float
    per_activity: float
    engagement_max: float
    inactivity: tuple[tuple[float, float], ...]  # (days, points), ascending days

    def rating(self, score: float) -> str:
        """hot / warm / cold for a score."""
        return "hot" if score >= self.hot else "warm" if score >= self.warm else "cold"

    def touch_horizon_days(self) -> float:
        """Age after which a touch (even a responded one) is worth less than ``touch_min``."""
        best = self.touch_points + self.responded
        if best <= 0 or self.touch_min <= 0:
            return 36_500.0
        return max(0.0, self.half_life_days * math.log2(best / self.touch_min)) + 1


def parse_scoring(text: str) -> ScoringConfig:
    """Parse and check a scoring configuration (TOML); ConfigError says what is wrong."""
    data = parse_toml(text)
    ratings = data.get("ratings", {})
    hot, warm = number(ratings, "hot", 60, where="ratings"), number(ratings, "warm", 30, where="ratings")
    if warm > hot:
        raise ConfigError("ratings: warm must not be above hot")
    rules = []
    for i, item in enumerate(data.get("fields", []), 1):
        where = f"fields #{i}"
        name = item.get("field")
        if name not in FIELDS:
            raise ConfigError(f"{where}: field must be one of {', '.join(FIELDS)}")
        kinds = [k for k in ("equals", "contains", "at_least") if k in item]
        if len(kinds) != 1:
            raise ConfigError(f"{where}: give exactly one of equals, contains, at_least")
        at_least = number(item, "at_least", where=where) if "at_least" in item else None
        if at_least is not None and name not in NUMERIC_FIELDS:
            raise ConfigError(f"{where}: at_least works on {', '.join(NUMERIC_FIELDS)} only")
        rules.append(FieldRule(name, number(item, "points", where=where), words(item, "equals", where=where),
                               words(item, "contains", where=where), at_least))
    touches, engagement = data.get("touches", {}), data.get("engagement", {})
    half_life = number(touches, "half_life_days", 30, where="touches")
    if half_life <= 0:
        raise ConfigError("touches: half_life_days must be above 0")
    steps = []
    for i, item in enumerate(data.get("inactivity", []), 1):
        steps.append((number(item, "days", where=f"inactivity #{i}"), number(item, "points", where=f"inactivity #{i}")))
    return ScoringConfig(
        hot=hot, warm=warm, fields=tuple(rules),
        touch_points=number(touches, "points", 15, where="touches"), half_life_days=half_life,
        responded=number(touches, "responded", 0, where="touches"), touch_max=number(touches, "max", 40, where="touches"),
        touch_min=number(touches, "min_points", 1, where="touches"),
        per_activity=number(engagement, "per_activity", 5, where="engagement"),
        engagement_max=number(engagement, "max", 20, where="engagement"),
        inactivity=tuple(sorted(steps)),
    )


@dataclass(frozen=True)
class Reason:
    """One line of a score's explanation: points and what earned them.

    ``code`` with ``params`` lets the UI translate the line; ``text`` is the English form.
    """

    points: float
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return f"{self.points:+g} " + ENGLISH[self.code].format(**self.params)


ENGLISH = {
    "equals": "{field} is {value}",
    "contains": "{field} contains {value}",
    "at_least": "{field} at least {value:g}",
    "touched": "touched by {campaign} {days} days ago",
    "touched_responded": "responded to {campaign} {days} days ago",
    "touched_times": "touched by {campaign} {n} times, last {days} days ago",
    "touch_cap": "touch points above the cap of {cap:g}",
    "engagement": "{n} follow-ups logged",
    "inactive": "no activity for {days} days",
}


@dataclass(frozen=True)
class Score:
    """A score, its rating and why."""

    score: float
    rating: str
    reasons: tuple[Reason, ...]

    def lines(self) -> list[str]:
        return [r.text for r in self.reasons]


def _field_match(rule: FieldRule, value: Any) -> str | float | None:
    """What in ``value`` makes ``rule`` match (for the explanation), or None."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if rule.at_least is not None:
        return rule.at_least if isinstance(value, int | float) and value >= rule.at_least else None
    text = str(value).casefold()
    if rule.equals is not None:
        return next((w for w in rule.equals if text.strip() == w.casefold()), None)
    return next((w for w in rule.contains or () if _word_pattern(w).search(text)), None)


def _word_pattern(word: str) -> re.Pattern[str]:
    """``word`` as a whole word, case-insensitive: "CTO" is not found in "Director", but Chinese
    words (written without spaces) are found inside longer text."""
    return re.compile(rf"(?<![a-z0-9]){re.escape(word.casefold())}(?![a-z0-9])")


def _touch_value(cfg: ScoringConfig, age_days: float, responded: bool) -> float:
    raw = (cfg.touch_points + (cfg.responded if responded else 0.0)) * 0.5 ** (max(age_days, 0.0) / cfg.half_life_days)
    value = float(round(raw))
    return value if value >= cfg.touch_min else 0.0


def _inactive_points(cfg: ScoringConfig, days: float) -> float:
    points = 0.0
    for step_days, step_points in cfg.inactivity:
        if days >= step_days:
            points = step_points
    return points


def explain(
    lead: Mapping[str, Any], touches: Iterable[Mapping[str, Any]], activities: int, cfg: ScoringConfig,
    now: datetime,
) -> Score:
    """Score one lead. ``touches``: dicts with ``campaign``, ``at``, ``responded``;
    ``activities``: how many follow-ups were logged."""
    reasons: list[Reason] = []
    for rule in cfg.fields:
        hit = _field_match(rule, lead.get(rule.field))
        if hit is not None and rule.points:
            code = "at_least" if rule.at_least is not None else "equals" if rule.equals is not None else "contains"
            reasons.append(Reason(rule.points, code, {"field": rule.field, "value": hit}))
    # one line per campaign: several touches by one campaign (an email opened, then clicked; the
    # touches of merged records) add up on its line rather than repeating it
    by_campaign: dict[str, list[tuple[float, float, bool]]] = {}
    for t in touches:
        if t.get("at") is None:
            continue
        age = (now - t["at"]).total_seconds() / DAY
        value = _touch_value(cfg, age, bool(t.get("responded")))
        if value:
            by_campaign.setdefault(t.get("campaign") or "?", []).append((value, age, bool(t.get("responded"))))
    touch_lines = []
    for campaign, found in by_campaign.items():
        points, days, responded = sum(v for v, _, _ in found), max(0, int(min(a for _, a, _ in found))), \
            any(r for _, _, r in found)
        if len(found) > 1:
            touch_lines.append(Reason(points, "touched_times", {"campaign": campaign, "n": len(found), "days": days}))
        else:
            code = "touched_responded" if responded else "touched"
            touch_lines.append(Reason(points, code, {"campaign": campaign, "days": days}))
    touch_lines.sort(key=lambda r: (-r.points, r.params["campaign"]))
    reasons.extend(touch_lines)
    total_touch = sum(r.points for r in touch_lines)
    if total_touch > cfg.touch_max:
        reasons.append(Reason(cfg.touch_max - total_touch, "touch_cap", {"cap": cfg.touch_max}))
    if activities and cfg.per_activity:
        reasons.append(Reason(min(activities * cfg.per_activity, cfg.engagement_max), "engagement", {"n": activities}))
    since = lead.get("last_activity_at") or lead.get("created_at")
    if since is not None:
        days = (now - since).total_seconds() / DAY
        points = _inactive_points(cfg, days)
        if points:
            reasons.append(Reason(points, "inactive", {"days": int(days)}))
    score = float(min(100.0, max(0.0, sum(r.points for r in reasons))))
    return Score(score, cfg.rating(score), tuple(reasons))


def score_frame(
    leads: pd.DataFrame, touches: pd.DataFrame, activity_counts: pd.Series, cfg: ScoringConfig, now: datetime,
) -> pd.DataFrame:
    """Scores for many leads at once: ``id``, ``score``, ``rating``.

    ``leads`` has ``id`` and the rule fields plus ``created_at``/``last_activity_at``;
    ``touches`` has ``lead_id``, ``at``, ``responded``; ``activity_counts`` counts follow-ups by lead id.
    """
    n = len(leads)
    total = np.zeros(n)
    for rule in cfg.fields:
        column = leads[rule.field] if rule.field in leads else pd.Series([None] * n, index=leads.index)
        if rule.at_least is not None:
            hit = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float) >= rule.at_least
        else:
            text = column.astype("string").str.casefold()
            if rule.equals is not None:
                hit = text.str.strip().isin([w.casefold() for w in rule.equals]).fillna(False).to_numpy(dtype=bool)
            else:
                hit = np.zeros(n, dtype=bool)
                for w in rule.contains or ():
                    hit |= text.str.contains(_word_pattern(w).pattern, regex=True).fillna(False).to_numpy(dtype=bool)
        total += np.where(hit, rule.points, 0.0)
    now_ts = pd.Timestamp(now)
    if len(touches):
        age = ((now_ts - pd.to_datetime(touches["at"])).dt.total_seconds() / DAY).clip(lower=0).to_numpy()
        base = cfg.touch_points + np.where(touches["responded"].to_numpy(dtype=bool), cfg.responded, 0.0)
        value = np.round(base * 0.5 ** (age / cfg.half_life_days))
        value = np.where(value >= cfg.touch_min, value, 0.0)
        per_lead = pd.Series(value).groupby(touches["lead_id"].to_numpy()).sum()
        total += np.minimum(leads["id"].map(per_lead).fillna(0.0).to_numpy(), cfg.touch_max)
    if cfg.per_activity:
        count = leads["id"].map(activity_counts).fillna(0).to_numpy(dtype=float)
        total += np.where(count > 0, np.minimum(count * cfg.per_activity, cfg.engagement_max), 0.0)
    since = pd.to_datetime(leads["last_activity_at"]).fillna(pd.to_datetime(leads["created_at"]))
    days = ((now_ts - since).dt.total_seconds() / DAY).to_numpy()
    inactive = np.zeros(n)
    for step_days, step_points in cfg.inactivity:
        inactive = np.where(days >= step_days, step_points, inactive)  # NaN days compare False
    total += inactive
    score = np.clip(total, 0.0, 100.0)
    rating = np.where(score >= cfg.hot, "hot", np.where(score >= cfg.warm, "warm", "cold"))
    return pd.DataFrame({"id": leads["id"].to_numpy(), "score": score, "rating": rating})


def touches_since(cfg: ScoringConfig, now: datetime) -> datetime:
    """The oldest touch that can still earn points (older ones need not be fetched)."""
    return now - timedelta(days=cfg.touch_horizon_days())
