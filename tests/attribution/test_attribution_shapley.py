"""Shapley attribution: hand-computed values, brute force over orders, and the sampled estimate."""

from __future__ import annotations

from itertools import permutations

import numpy as np
import pytest

from graphcrm.attribution.shapley import exact_values, shapley_credit
from tests.attribution.toy import by_key, journeys


def _paths(channels: str, n: int, conversions: int, revenue: float = 0.0) -> list[dict]:
    touches = [(c, i) for i, c in enumerate(channels)]
    return [{"touches": touches, "converted": 10 if i < conversions else None,
             "revenue": revenue if i < conversions else 0.0} for i in range(n)]


# only A: 10 journeys, 1 conversion; only B: 10, 0; A and B: 5 journeys, 4 conversions
# v(A) = 1/10, v(B) = 0, v(AB) = 5/25 = 1/5
# phi_A = 1/2 (1/10 - 0) + 1/2 (1/5 - 0) = 3/20;  phi_B = 1/2 (0) + 1/2 (1/5 - 1/10) = 1/20
HAND = _paths("A", 10, 1, 100.0) + _paths("B", 10, 0) + _paths("AB", 5, 4, 100.0)


def test_hand_computed_values_and_credits():
    j = journeys(HAND)
    rate, value = exact_values(j)
    assert by_key(j, rate) == pytest.approx({"A": 3 / 20, "B": 1 / 20})
    credits = shapley_credit(j)
    assert credits.note == "exact"
    assert by_key(j, credits.conversions) == pytest.approx({"A": 3 / 20 * 25, "B": 1 / 20 * 25})
    assert credits.conversions.sum() == pytest.approx(5)
    assert credits.revenue.sum() == pytest.approx(500)


def _brute_force(j) -> np.ndarray:
    """The Shapley definition itself: average marginal worth over every order of the channels."""
    k = len(j.channels)
    sets = [frozenset(j.t_channel[j.t_journey == i].tolist()) for i in range(len(j))]

    def worth(coalition: frozenset) -> float:
        inside = [i for i, s in enumerate(sets) if s <= coalition]
        return sum(j.converted[i] for i in inside) / len(inside) if inside else 0.0

    phi = np.zeros(k)
    orders = list(permutations(range(k)))
    for order in orders:
        joined: frozenset = frozenset()
        for c in order:
            phi[c] += worth(joined | {c}) - worth(joined)
            joined = joined | {c}
    return phi / len(orders)


def test_exact_values_match_brute_force_with_repeats_and_bare_leads():
    rng = np.random.default_rng(5)
    paths = []
    for _ in range(120):
        touches = [(str(rng.choice(list("ABCD"))), float(d)) for d in range(int(rng.integers(0, 5)))]
        paths.append({"touches": touches, "converted": 20 if rng.random() < 0.35 else None})
    j = journeys(paths)
    assert len(j.channels) == 5  # A-D and the no-touch pseudo-channel
    rate, _ = exact_values(j)
    assert rate == pytest.approx(_brute_force(j), abs=1e-12)


def test_sampled_estimate_is_within_its_stated_error_of_the_exact_value():
    rng = np.random.default_rng(9)
    paths = []
    for _ in range(500):
        touches = [(str(rng.choice(list("ABCDEFGH"))), float(d)) for d in range(int(rng.integers(1, 4)))]
        paths.append({"touches": touches, "converted": 5 if rng.random() < 0.3 else None, "revenue": 10.0})
    j = journeys(paths)
    exact = shapley_credit(j)
    sampled = shapley_credit(j, exact_limit=0, permutations=2000, seed=1)
    assert sampled.note.startswith("sampled: 2000 random orders of 8 channels")
    assert sampled.error is not None
    se = sampled.error[0]
    assert (np.abs(sampled.conversions - exact.conversions) <= 4 * se + 1e-9).all()
    assert sampled.conversions.sum() == pytest.approx(j.total_conversions)
