"""Rule-based attribution models: a weight per touch, summing to 1 over each journey.

Touches at the same moment form one *step*; position rules (first, last, U, W) credit
steps, and a step's credit is split equally between its touches. Linear and time-decay
weigh touches. A converted journey passes its conversion (1) and its revenue to its
touches in proportion to the weights; a journey that did not convert passes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graphcrm.attribution.journeys import Journeys

RULE_MODELS = ("first", "last", "linear", "position", "w_shaped", "time_decay")
DEFAULT_HALF_LIFE_DAYS = 7.0
_US_PER_DAY = 86_400 * 1_000_000


@dataclass
class Credits:
    """Credited conversions and revenue per channel (indexed like ``Journeys.channels``)."""

    conversions: np.ndarray
    revenue: np.ndarray
    # sampled models: standard error of each channel's credit (conversions, revenue)
    error: tuple[np.ndarray, np.ndarray] | None = None
    note: str = ""


@dataclass
class Steps:
    """Per touch: its step within the journey, the journey's step count and the step's size."""

    index: np.ndarray
    count: np.ndarray
    size: np.ndarray


def steps(j: Journeys) -> Steps:
    """Group each journey's touches into steps of equal time."""
    n = len(j.t_journey)
    journey_start = np.ones(n, dtype=bool)
    journey_start[1:] = j.t_journey[1:] != j.t_journey[:-1]
    new = journey_start.copy()
    new[1:] |= j.t_at[1:] != j.t_at[:-1]
    step_id = np.cumsum(new) - 1
    first_step = np.zeros(len(j), dtype=np.int64)
    first_step[j.t_journey[journey_start]] = step_id[journey_start]
    index = step_id - first_step[j.t_journey]
    per_journey = np.zeros(len(j), dtype=np.int64)
    np.maximum.at(per_journey, j.t_journey, index + 1)
    size = np.bincount(step_id)[step_id] if n else np.zeros(0, dtype=np.int64)
    return Steps(index, per_journey[j.t_journey], size)


def weights(j: Journeys, model: str, *, half_life_days: float = DEFAULT_HALF_LIFE_DAYS) -> np.ndarray:
    """Each touch's share of its journey's credit under a rule-based model."""
    if model == "linear":
        return 1.0 / j.touch_counts[j.t_journey]
    if model == "time_decay":
        return _time_decay(j, half_life_days)
    s = steps(j)
    if model == "first":
        step_weight = (s.index == 0).astype(float)
    elif model == "last":
        step_weight = (s.index == s.count - 1).astype(float)
    elif model == "position":
        step_weight = _position(s)
    elif model == "w_shaped":
        step_weight = _w_shaped(j, s)
    else:
        raise ValueError(f"unknown rule-based model {model!r} (known: {', '.join(RULE_MODELS)})")
    return step_weight / s.size


def credit(j: Journeys, w: np.ndarray) -> Credits:
    """Conversions and revenue per channel from per-touch weights."""
    k = len(j.channels)
    conv = np.bincount(j.t_channel, weights=w * j.converted[j.t_journey], minlength=k)
    rev = np.bincount(j.t_channel, weights=w * j.revenue[j.t_journey], minlength=k)
    return Credits(conv.astype(float), rev.astype(float))


def rule_credit(j: Journeys, model: str, *, half_life_days: float = DEFAULT_HALF_LIFE_DAYS) -> Credits:
    """Credits of a rule-based model."""
    return credit(j, weights(j, model, half_life_days=half_life_days))


def _position(s: Steps) -> np.ndarray:
    """U-shaped: 40% first step, 40% last, 20% spread over the middle; 50/50 for two steps, all for one."""
    first, last = s.index == 0, s.index == s.count - 1
    middle = ~first & ~last
    w = np.where(first | last, 0.4, 0.2 / np.maximum(s.count - 2, 1) * middle)
    w = np.where(s.count == 2, 0.5, w)
    return np.where(s.count == 1, 1.0, w)


def _w_shaped(j: Journeys, s: Steps) -> np.ndarray:
    """30% each to the first step, the lead-creation step and the opportunity-creation (last) step,
    10% spread over the other steps; milestones on the same step add up. With no other
    step the milestones' shares are scaled to 1."""
    # lead creation step: the last step at or before the lead's creation (else the first step)
    created = j.created_at[j.t_journey]
    before = ~np.isnat(created) & (j.t_at <= created)
    creation = np.zeros(len(j), dtype=np.int64)
    np.maximum.at(creation, j.t_journey[before], s.index[before])
    creation_step = creation[j.t_journey]
    is_first, is_last, is_creation = s.index == 0, s.index == s.count - 1, s.index == creation_step
    milestone = 0.3 * (is_first.astype(float) + is_creation + is_last)
    other = ~(is_first | is_last | is_creation)
    # distinct milestone steps of the journey: first, last, creation (may coincide)
    distinct = 1 + (s.count > 1) + ((creation_step != 0) & (creation_step != s.count - 1))
    n_other = s.count - distinct
    w = np.where(other, 0.1 / np.maximum(n_other, 1), milestone)
    # the milestones' shares always add up to 0.9 (three times 0.3)
    return np.where(n_other == 0, milestone / 0.9, w)


def _time_decay(j: Journeys, half_life_days: float) -> np.ndarray:
    """Weight 2^(-age / half-life), age = time from the touch to the journey's last touch."""
    if half_life_days <= 0:
        raise ValueError("the half-life must be positive")
    t = j.t_at.astype("datetime64[us]").astype(np.int64)
    latest = np.full(len(j), np.iinfo(np.int64).min)
    np.maximum.at(latest, j.t_journey, t)
    age_days = (latest[j.t_journey] - t) / _US_PER_DAY
    raw = np.exp2(-age_days / half_life_days)
    total = np.bincount(j.t_journey, weights=raw, minlength=len(j))
    return raw / total[j.t_journey]
