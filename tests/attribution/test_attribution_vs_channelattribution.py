"""Our models against an independent package, ChannelAttribution (PyPI), on the same paths.

ChannelAttribution's heuristic models (first, last, linear) are deterministic and must agree
exactly. Its Markov model estimates the removal effects by simulating walks on the chain, so
it lands near our exact values, never exactly on them. By default it also stops every simulated
walk after as many steps as the longest observed path (+2) and counts unfinished walks as not
converted, which lowers its removal effects by about 0.02 on these paths; with a long step limit
the simulation agrees with the exact values to within its sampling noise.
"""

from __future__ import annotations

import contextlib
import io

import numpy as np
import pandas as pd
import pytest

from graphcrm.attribution.markov import fit, removal_effects
from graphcrm.attribution.models import rule_credit
from tests.attribution.toy import journeys

with contextlib.redirect_stdout(io.StringIO()):  # it prints an advertisement on import
    import ChannelAttribution as ca


def _paths_and_journeys():
    rng = np.random.default_rng(21)
    paths = []
    for _ in range(600):
        n = int(rng.integers(1, 6))
        touches = [(str(rng.choice(list("ABCDE"), p=[0.35, 0.25, 0.2, 0.12, 0.08])), float(d)) for d in range(n)]
        conv = rng.random() < 0.15 + 0.2 * ("A" in dict(touches)) + 0.1 * (touches[-1][0] == "C")
        paths.append({"touches": touches, "converted": 30 if conv else None,
                      "revenue": float(rng.integers(1, 5)) * 100.0 if conv else 0.0})
    j = journeys(paths)
    frame = pd.DataFrame({
        "path": [" > ".join(c for c, _ in p["touches"]) for p in paths],
        "conv": [int(p["converted"] is not None) for p in paths],
        "null": [int(p["converted"] is None) for p in paths],
        "value": [p["revenue"] for p in paths],
    }).groupby("path", as_index=False).sum()
    return j, frame


def _ours(j, values) -> pd.Series:
    return pd.Series(values, index=j.channels.keys.astype(str)).sort_index()


def test_first_last_linear_agree_exactly():
    j, frame = _paths_and_journeys()
    with contextlib.redirect_stdout(io.StringIO()):
        theirs = ca.heuristic_models(frame, "path", "conv", var_value="value", flg_pro=False)
    theirs = theirs.set_index("channel_name").sort_index()
    for model, column in (("first", "first_touch"), ("last", "last_touch"), ("linear", "linear_touch")):
        credits = rule_credit(j, model)
        assert _ours(j, credits.conversions).to_numpy() == pytest.approx(
            theirs[f"{column}_conversions"].to_numpy()), model
        assert _ours(j, credits.revenue).to_numpy() == pytest.approx(theirs[f"{column}_value"].to_numpy()), model


def test_markov_simulation_lands_near_the_exact_removal_effects():
    j, frame = _paths_and_journeys()
    with contextlib.redirect_stdout(io.StringIO()):
        result = ca.markov_model(frame, "path", "conv", var_null="null", var_value="value", out_more=True,
                                 verbose=False, flg_pro=False, seed=1, max_step=500, nsim_start=1e6)
    theirs = result["removal_effects"].set_index("channel_name").sort_index()
    conv_effect, value_effect, _, _ = removal_effects(fit(j))
    ours_conv, ours_value = _ours(j, conv_effect), _ours(j, value_effect)
    assert list(ours_conv.index) == list(theirs.index)
    assert ours_conv.to_numpy() == pytest.approx(theirs["removal_effects_conversion"].to_numpy(), abs=0.006)
    assert ours_value.to_numpy() == pytest.approx(theirs["removal_effects_conversion_value"].to_numpy(), abs=0.006)
