"""The most common paths: sequences of channels with how many leads took them and how many converted."""

from __future__ import annotations

import numpy as np
import pandas as pd

from graphcrm.attribution.journeys import Journeys

SEPARATOR = " > "


def common_paths(j: Journeys, *, top: int = 25, collapse: bool = True, by: str = "leads") -> pd.DataFrame:
    """The ``top`` paths by number of leads (or ``by="conversions"``): ``path``, ``steps``, ``leads``,
    ``conversions``, ``conversion_rate``, ``revenue``.

    A path is the journey's channel keys in order (up to the conversion); with ``collapse``,
    the same channel touching several times in a row counts once (Email > Email > Webinar is
    Email > Webinar).
    """
    columns = ["path", "steps", "leads", "conversions", "conversion_rate", "revenue"]
    if len(j) == 0:
        return pd.DataFrame(columns=columns)
    keep = np.ones(len(j.t_channel), dtype=bool)
    if collapse and len(keep) > 1:
        keep[1:] = (j.t_journey[1:] != j.t_journey[:-1]) | (j.t_channel[1:] != j.t_channel[:-1])
    journey, channel = j.t_journey[keep], j.t_channel[keep]
    # one number per path: a polynomial hash of its channel codes (and its length), mod 2^64
    starts = np.flatnonzero(np.r_[True, journey[1:] != journey[:-1]])
    position = np.arange(len(journey)) - np.repeat(starts, np.diff(np.r_[starts, len(journey)]))
    with np.errstate(over="ignore"):
        power = np.power(np.uint64(1_000_003), position.astype(np.uint64))
        terms = (channel.astype(np.uint64) + np.uint64(1)) * power
        digest = np.add.reduceat(terms, starts) ^ np.diff(np.r_[starts, len(journey)]).astype(np.uint64)
    unique, first, codes = np.unique(digest, return_index=True, return_inverse=True)
    lead_index = journey[starts]
    n = len(unique)
    leads = np.bincount(codes, minlength=n)
    conversions = np.bincount(codes, weights=j.converted[lead_index].astype(float), minlength=n)
    revenue = np.bincount(codes, weights=j.revenue[lead_index], minlength=n)
    if by == "conversions":
        order = np.lexsort((-leads, -conversions))[:top]
    else:
        order = np.lexsort((-conversions, -leads))[:top]
    bounds = np.r_[starts, len(journey)]
    sequences = [channel[bounds[first[i]]:bounds[first[i] + 1]] for i in order]
    keys = j.channels.keys
    frame = pd.DataFrame({
        "path": [SEPARATOR.join(str(keys[c]) for c in seq) for seq in sequences],
        "steps": [len(seq) for seq in sequences],
        "leads": leads[order],
        "conversions": conversions[order],
        "conversion_rate": conversions[order] / leads[order],
        "revenue": revenue[order],
    }, columns=columns)
    return frame.reset_index(drop=True)
