"""Markov removal effects: hand-computed, and against an independent exact computation."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from graphcrm.attribution.markov import fit, markov_credit, removal_effects
from tests.attribution.toy import by_key, journeys

# start->A 2, start->B 1; A->conv 1, A->B 1; B->null 1, B->conv 1.  P(conv) = 2/3.
# Without A: 1/3 * 1/2 = 1/6 (effect 3/4); without B: 2/3 * 1/2 = 1/3 (effect 1/2).
HAND = [
    {"touches": [("A", 1)], "converted": 2, "revenue": 100.0},
    {"touches": [("A", 1), ("B", 2)]},
    {"touches": [("B", 1)], "converted": 2, "revenue": 40.0},
]


def test_hand_computed_removal_effects_and_credits():
    j = journeys(HAND)
    conv_effect, value_effect, p, expected = removal_effects(fit(j))
    assert p == pytest.approx(2 / 3)
    assert by_key(j, conv_effect) == pytest.approx({"A": 3 / 4, "B": 1 / 2})
    # revenue: 100 per conversion leaving A, 40 leaving B; E = 140/3 per journey
    assert expected == pytest.approx(140 / 3)
    assert by_key(j, value_effect) == pytest.approx({"A": 6 / 7, "B": 2 / 7})
    credits = markov_credit(j)
    assert by_key(j, credits.conversions) == pytest.approx({"A": 1.2, "B": 0.8})
    assert by_key(j, credits.revenue) == pytest.approx({"A": 105, "B": 35})


def test_repeated_channel_self_loops_change_nothing():
    looped = HAND + [{"touches": [("A", 1), ("A", 2), ("A", 3)], "converted": 4}]
    plain = HAND + [{"touches": [("A", 1)], "converted": 4}]
    a, b = removal_effects(fit(journeys(looped))), removal_effects(fit(journeys(plain)))
    assert a[0] == pytest.approx(b[0]) and a[2] == pytest.approx(b[2])


def _exact_conversion_probability(transitions: list[list[Fraction]], removed: int | None) -> Fraction:
    """P(absorbed in CONVERSION from START) by Gauss-Jordan elimination in exact fractions,
    with ``removed`` turned into a NULL state: an independent method (no fundamental matrix)."""
    size = len(transitions)
    conv = size - 2
    transient = [i for i in range(conv) if i != removed]
    index = {s: n for n, s in enumerate(transient)}
    # x_i = sum_j P_ij x_j + P_i,conv   for transient i (x of a removed state is 0)
    m = len(transient)
    a = [[Fraction(0)] * (m + 1) for _ in range(m)]
    for s in transient:
        row = a[index[s]]
        row[index[s]] += 1
        for t in transient:
            row[index[t]] -= transitions[s][t]
        row[m] = transitions[s][conv]
    for col in range(m):
        pivot = next(r for r in range(col, m) if a[r][col] != 0)
        a[col], a[pivot] = a[pivot], a[col]
        a[col] = [v / a[col][col] for v in a[col]]
        for r in range(m):
            if r != col and a[r][col] != 0:
                factor = a[r][col]
                a[r] = [v - factor * w for v, w in zip(a[r], a[col], strict=True)]
    return a[index[0]][m]


def test_removal_effects_match_an_independent_exact_computation():
    rng = np.random.default_rng(11)
    paths = []
    for _ in range(400):
        n = int(rng.integers(1, 7))
        touches = [(str(rng.choice(list("ABCDEF"), p=[0.3, 0.25, 0.2, 0.1, 0.1, 0.05])), float(d))
                   for d in range(n)]
        paths.append({"touches": touches, "converted": 10 if rng.random() < 0.25 + 0.1 * ("A" in dict(touches))
                      else None})
    j = journeys(paths)
    chain = fit(j)
    # the same transition counts as exact fractions
    size = chain.transitions.shape[0]
    k = size - 3
    state = j.t_channel + 1
    first = np.r_[True, j.t_journey[1:] != j.t_journey[:-1]]
    last = np.r_[first[1:], True]
    tally = [[0] * size for _ in range(size)]
    for i in range(len(state)):
        tally[0 if first[i] else state[i - 1]][state[i]] += 1
        if last[i]:
            tally[state[i]][k + 1 if j.converted[j.t_journey[i]] else k + 2] += 1
    exact = [[Fraction(c, sum(row)) if sum(row) else Fraction(0) for c in row] for row in tally]
    base = _exact_conversion_probability(exact, None)
    conv_effect, _, p, _ = removal_effects(chain)
    assert p == pytest.approx(float(base), rel=1e-12)
    for channel in range(k):
        without = _exact_conversion_probability(exact, channel + 1)
        assert conv_effect[channel] == pytest.approx(float(1 - without / base), rel=1e-9, abs=1e-12)


def test_no_conversions_credit_nothing():
    j = journeys([{"touches": [("A", 1)]}, {"touches": [("B", 1)]}])
    credits = markov_credit(j)
    assert credits.conversions.sum() == 0 and credits.revenue.sum() == 0
