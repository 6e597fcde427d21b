"""Markov-chain attribution (order 1): removal effects computed exactly on the absorbing chain.

States: START, one per channel, CONVERSION and NULL (absorbing). Every journey is the walk
START -> c1 -> ... -> cn -> CONVERSION (or NULL); transition probabilities are the observed
transition counts normalised per state. With Q the transient block, N = (I - Q)^-1 is the
fundamental matrix and b = N r the probability of ending in CONVERSION (r: one-step
conversion probabilities). Removing channel j sends every walk that reaches j to NULL; by
the Markov property that loses exactly the walks that visit j, so

    P(convert | without j) = b[START] - h[START, j] * b[j],   h[START, j] = N[START, j] / N[j, j]

(h is the probability of ever visiting j). The removal effect is 1 - P_without_j / P; credits
are the removal effects scaled to the total conversions. Revenue uses the same chain with a
reward on each conversion step: the mean revenue of the conversions that left from that state.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graphcrm.attribution.journeys import Journeys
from graphcrm.attribution.models import Credits


@dataclass
class Chain:
    """The fitted chain: transition matrix over [START, channels..., CONVERSION, NULL]."""

    transitions: np.ndarray  # (k + 3, k + 3), rows of absorbing states are unit rows
    value: np.ndarray  # (k + 1,) mean revenue per conversion leaving each transient state

    @property
    def k(self) -> int:
        return self.transitions.shape[0] - 3


def fit(j: Journeys) -> Chain:
    """Count the transitions of every journey (with START and its outcome) into a chain."""
    k = len(j.channels)
    size = k + 3
    conv, null = k + 1, k + 2
    state = j.t_channel + 1
    n = len(state)
    first = np.ones(n, dtype=bool)
    first[1:] = j.t_journey[1:] != j.t_journey[:-1]
    last = np.ones(n, dtype=bool)
    last[:-1] = first[1:]
    src = np.where(first, 0, np.r_[0, state[:-1]])
    outcome = np.where(j.converted[j.t_journey[last]], conv, null)
    src = np.concatenate([src, state[last]])
    dst = np.concatenate([state, outcome])
    counts = np.bincount(src * size + dst, minlength=size * size).reshape(size, size).astype(float)
    totals = counts.sum(axis=1)
    unseen = totals == 0
    counts[unseen, null] = 1.0  # states never left (absorbing ones, unused channels): make rows stochastic
    counts[conv], counts[null] = 0.0, 0.0
    counts[conv, conv] = counts[null, null] = 1.0
    transitions = counts / counts.sum(axis=1, keepdims=True)
    # revenue of the conversions that left from each state, per conversion
    conv_from = state[last][j.converted[j.t_journey[last]]]
    revenue = j.revenue[j.t_journey[last]][j.converted[j.t_journey[last]]]
    n_conv = np.bincount(conv_from, minlength=k + 1)
    value = np.divide(np.bincount(conv_from, weights=revenue, minlength=k + 1), n_conv,
                      out=np.zeros(k + 1), where=n_conv > 0)
    return Chain(transitions, value)


def removal_effects(chain: Chain) -> tuple[np.ndarray, np.ndarray, float, float]:
    """Removal effect of each channel on conversions and on revenue, and the chain's
    conversion probability and expected revenue per journey."""
    k = chain.k
    q = chain.transitions[: k + 1, : k + 1]
    r = chain.transitions[: k + 1, k + 1]
    fundamental = np.linalg.inv(np.eye(k + 1) - q)
    b = fundamental @ r  # P(conversion) from each transient state
    e = fundamental @ (r * chain.value)  # expected revenue from each transient state
    diagonal = np.diag(fundamental)
    visit = fundamental[0] / diagonal  # P(ever visiting each state) from START
    p, expected = float(b[0]), float(e[0])
    conv_effect = visit[1:] * b[1:] / p if p > 0 else np.zeros(k)
    value_effect = visit[1:] * e[1:] / expected if expected > 0 else np.zeros(k)
    return conv_effect, value_effect, p, expected


def markov_credit(j: Journeys) -> Credits:
    """Conversions and revenue shared in proportion to the channels' removal effects."""
    conv_effect, value_effect, _, _ = removal_effects(fit(j))
    return Credits(_scaled(conv_effect, j.total_conversions), _scaled(value_effect, j.total_revenue))


def _scaled(effect: np.ndarray, total: float) -> np.ndarray:
    s = effect.sum()
    return effect / s * total if s > 0 else np.zeros_like(effect)
