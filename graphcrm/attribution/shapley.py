"""Shapley-value attribution over channel coalitions, with non-converting journeys.

The worth of a coalition S of channels is the conversion rate of the journeys that were
touched only by channels in S (0 when there are none):

    v(S) = conversions(journeys with channels ⊆ S) / journeys(channels ⊆ S)

that is, how well the leads convert in a world where only S reached them. A channel's
Shapley value is its marginal worth averaged over every order in which the channels could
join. The values add up to v(all channels) - v(∅) = the overall conversion rate, so each
channel's credit is its value times the number of journeys: the credits add up to the total
conversions exactly. Revenue: the same with revenue per journey. A channel whose journeys
convert worse than the rest can get a negative value (it lowers the rate wherever it joins).

Up to ``EXACT_LIMIT`` channels the values are exact: v over all 2^k coalitions by a
subset-sum transform, then the Shapley sum, O(k 2^k). Beyond, they are estimated from
random orders (permutation sampling); each credit comes with its standard error.
"""

from __future__ import annotations

from math import factorial

import numpy as np

from graphcrm.attribution.journeys import Journeys
from graphcrm.attribution.models import Credits

EXACT_LIMIT = 15
DEFAULT_PERMUTATIONS = 100


def shapley_credit(j: Journeys, *, exact_limit: int = EXACT_LIMIT, permutations: int = DEFAULT_PERMUTATIONS,
                   seed: int = 0) -> Credits:
    """Shapley credits: exact up to ``exact_limit`` channels, sampled with standard errors beyond."""
    k = len(j.channels)
    if k == 0 or len(j) == 0:
        return Credits(np.zeros(k), np.zeros(k))
    if k <= exact_limit:
        conv, rev = exact_values(j)
        return Credits(conv * len(j), rev * len(j), note="exact")
    (conv, rev), (conv_se, rev_se) = sampled_values(j, permutations=permutations, seed=seed)
    n = len(j)
    return Credits(conv * n, rev * n, error=(conv_se * n, rev_se * n),
                   note=f"sampled: {permutations} random orders of {k} channels; error = standard error")


def exact_values(j: Journeys) -> tuple[np.ndarray, np.ndarray]:
    """Exact Shapley values (conversion rate and revenue per journey) of every channel."""
    k = len(j.channels)
    if k > 24:
        raise ValueError(f"{k} channels are too many for the exact Shapley value (2^{k} coalitions)")
    bit = np.left_shift(np.int64(1), j.t_channel)
    masks = np.bitwise_or.reduceat(bit, j.starts) if len(bit) else np.zeros(0, dtype=np.int64)
    size = 1 << k
    journeys = np.bincount(masks, minlength=size).astype(float)
    conv = np.bincount(masks, weights=j.converted.astype(float), minlength=size)
    rev = np.bincount(masks, weights=j.revenue, minlength=size)
    for arr in (journeys, conv, rev):
        _subset_sums(arr, k)
    rate = np.divide(conv, journeys, out=np.zeros(size), where=journeys > 0)
    value = np.divide(rev, journeys, out=np.zeros(size), where=journeys > 0)
    return _shapley(rate, k), _shapley(value, k)


def sampled_values(j: Journeys, *, permutations: int, seed: int = 0
                   ) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Shapley values estimated from random channel orders; returns (values, standard errors)."""
    k = len(j.channels)
    pairs = distinct(j.t_journey * k + j.t_channel)  # each journey's distinct channels, journey-major
    pair_journey, pair_channel = pairs // k, pairs % k
    starts = np.flatnonzero(np.r_[True, pair_journey[1:] != pair_journey[:-1]])
    journey = pair_journey[starts]
    converted = j.converted[journey].astype(float)
    revenue = j.revenue[journey]
    pair_channel = pair_channel.astype(np.int32)
    rng = np.random.default_rng(seed)
    sums = np.zeros((2, k))
    squares = np.zeros((2, k))
    position = np.empty(k, dtype=np.int32)
    for _ in range(permutations):
        order = rng.permutation(k)
        position[order] = np.arange(k, dtype=np.int32)
        # a journey joins the coalition when the last of its channels does
        joins = np.maximum.reduceat(position[pair_channel], starts)
        n = np.cumsum(np.bincount(joins, minlength=k))
        for row, weights in enumerate((converted, revenue)):
            total = np.cumsum(np.bincount(joins, weights=weights, minlength=k))
            v = np.divide(total, n, out=np.zeros(k), where=n > 0)
            marginal = np.diff(v, prepend=0.0)[position]
            sums[row] += marginal
            squares[row] += marginal**2
    mean = sums / permutations
    variance = np.maximum(squares / permutations - mean**2, 0.0)
    se = np.sqrt(variance / max(permutations - 1, 1))
    return (mean[0], mean[1]), (se[0], se[1])


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values of an integer array (a sort: faster here than ``np.unique``'s hashing)."""
    ordered = np.sort(values)
    keep = np.ones(len(ordered), dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


def _subset_sums(arr: np.ndarray, k: int) -> None:
    """In place: arr[S] becomes the sum of arr[T] over every T ⊆ S (bit masks)."""
    for i in range(k):
        view = arr.reshape(-1, 2, 1 << i)
        view[:, 1, :] += view[:, 0, :]


def _shapley(v: np.ndarray, k: int) -> np.ndarray:
    """Shapley values of the game v over bit-mask coalitions of k players."""
    sizes = _popcount(np.arange(1 << k))
    weight = np.array([factorial(s) * factorial(k - s - 1) / factorial(k) for s in range(k)])
    out = np.zeros(k)
    for i in range(k):
        view = v.reshape(-1, 2, 1 << i)
        without = sizes.reshape(-1, 2, 1 << i)[:, 0, :]
        out[i] = float((weight[without] * (view[:, 1, :] - view[:, 0, :])).sum())
    return out


def _popcount(x: np.ndarray) -> np.ndarray:
    count = np.zeros_like(x)
    while np.any(x):
        count += x & 1
        x = x >> 1
    return count
