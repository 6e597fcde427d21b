"""Rule-based models on hand-computed toy journeys (pure functions, no database)."""

from __future__ import annotations

import numpy as np
import pytest

from graphcrm.attribution.journeys import NO_TOUCH
from graphcrm.attribution.models import rule_credit, weights
from graphcrm.attribution.report import MODELS, run_model
from tests.attribution.toy import by_key, journeys

# J1: A -> B -> C, won 100; J2: A only, lost; J3: B -> C, never converted; J4: converted with no touch, won 50
BASIC = [
    {"touches": [("A", 1), ("B", 2), ("C", 3)], "converted": 4, "revenue": 100.0},
    {"touches": [("A", 1)], "converted": 2},
    {"touches": [("B", 1), ("C", 2)]},
    {"touches": [], "converted": 1, "revenue": 50.0},
]


@pytest.mark.parametrize(("model", "conversions", "revenue"), [
    ("first", {"A": 2, NO_TOUCH: 1}, {"A": 100, NO_TOUCH: 50}),
    ("last", {"C": 1, "A": 1, NO_TOUCH: 1}, {"C": 100, NO_TOUCH: 50}),
    ("linear", {"A": 4 / 3, "B": 1 / 3, "C": 1 / 3, NO_TOUCH: 1},
     {"A": 100 / 3, "B": 100 / 3, "C": 100 / 3, NO_TOUCH: 50}),
    ("position", {"A": 1.4, "B": 0.2, "C": 0.4, NO_TOUCH: 1}, {"A": 40, "B": 20, "C": 40, NO_TOUCH: 50}),
])
def test_basic_journeys(model, conversions, revenue):
    j = journeys(BASIC)
    credits = rule_credit(j, model)
    assert by_key(j, credits.conversions) == pytest.approx(conversions)
    assert by_key(j, credits.revenue) == pytest.approx(revenue)


def test_touches_after_conversion_do_not_count_and_non_converters_stay():
    j = journeys([{"touches": [("A", 1), ("B", 5)], "converted": 3, "revenue": 10.0}, {"touches": [("C", 1)]}])
    assert len(j) == 2 and j.total_conversions == 1 and j.total_revenue == 10
    assert list(j.channels.keys[j.t_channel]) == ["A", "C"]
    assert by_key(j, rule_credit(j, "last").conversions) == {"A": 1}


def test_touch_at_the_moment_of_conversion_counts():
    j = journeys([{"touches": [("A", 1), ("B", 3)], "converted": 3}])
    assert by_key(j, rule_credit(j, "last").conversions) == {"B": 1}


def test_repeated_channel_collects_each_touch():
    j = journeys([{"touches": [("A", 1), ("A", 2), ("B", 3)], "converted": 4}])
    assert by_key(j, rule_credit(j, "linear").conversions) == pytest.approx({"A": 2 / 3, "B": 1 / 3})
    assert by_key(j, rule_credit(j, "position").conversions) == pytest.approx({"A": 0.6, "B": 0.4})
    assert by_key(j, rule_credit(j, "first").conversions) == {"A": 1}


def test_ties_share_a_step():
    # A and B at the same moment form the first step; C is the last
    j = journeys([{"touches": [("A", 1), ("B", 1), ("C", 2)], "converted": 3}])
    assert by_key(j, rule_credit(j, "first").conversions) == pytest.approx({"A": 0.5, "B": 0.5})
    assert by_key(j, rule_credit(j, "last").conversions) == {"C": 1}
    assert by_key(j, rule_credit(j, "position").conversions) == pytest.approx({"A": 0.25, "B": 0.25, "C": 0.5})
    assert by_key(j, rule_credit(j, "linear").conversions) == pytest.approx({"A": 1 / 3, "B": 1 / 3, "C": 1 / 3})
    assert by_key(j, rule_credit(j, "time_decay").conversions)["A"] == pytest.approx(
        by_key(j, rule_credit(j, "time_decay").conversions)["B"])


def test_single_touch_gets_everything_in_every_model():
    j = journeys([{"touches": [("A", 1)], "converted": 2, "revenue": 7.0}, {"touches": [("B", 1)]}])
    for model in MODELS:
        credits = run_model(j, model)
        if model == "shapley":  # data-driven: B's journey did not convert, so B lowers the rate
            assert credits.conversions.sum() == pytest.approx(1)
            continue
        assert by_key(j, credits.conversions) == pytest.approx({"A": 1}), model
        assert by_key(j, credits.revenue) == pytest.approx({"A": 7}), model


def test_w_shaped_milestones():
    # created on day 2: first touch A, lead-creation touch B, opportunity-creation (last) touch E
    j = journeys([{"created": 2, "touches": [("A", 1), ("B", 2), ("C", 3), ("D", 4), ("E", 5)], "converted": 6}])
    assert by_key(j, rule_credit(j, "w_shaped").conversions) == pytest.approx(
        {"A": 0.3, "B": 0.3, "C": 0.05, "D": 0.05, "E": 0.3})


def test_w_shaped_coinciding_milestones():
    # created before any touch: the creation milestone falls on the first touch
    j = journeys([{"created": 0, "touches": [("A", 1), ("B", 2), ("C", 3)], "converted": 4}])
    assert by_key(j, rule_credit(j, "w_shaped").conversions) == pytest.approx({"A": 0.6, "B": 0.1, "C": 0.3})
    # no touch besides the milestones: their shares are scaled to 1
    j = journeys([{"created": 0, "touches": [("A", 1), ("B", 2)], "converted": 4}])
    assert by_key(j, rule_credit(j, "w_shaped").conversions) == pytest.approx({"A": 2 / 3, "B": 1 / 3})


def test_time_decay_halves_every_half_life():
    j = journeys([{"touches": [("A", 0), ("B", 7), ("C", 14)], "converted": 14}])
    assert by_key(j, rule_credit(j, "time_decay").conversions) == pytest.approx({"A": 1 / 7, "B": 2 / 7, "C": 4 / 7})
    half = rule_credit(j, "time_decay", half_life_days=14).conversions
    raw = np.array([2**-1, 2**-0.5, 1.0])
    assert by_key(j, half) == pytest.approx(dict(zip("ABC", raw / raw.sum(), strict=True)))
    with pytest.raises(ValueError):
        rule_credit(j, "time_decay", half_life_days=0)


def test_lead_without_touches_is_credited_to_no_touch():
    j = journeys([{"touches": [], "converted": 1}, {"touches": []}])
    assert list(j.channels.keys) == [NO_TOUCH]
    assert by_key(j, rule_credit(j, "first").conversions) == {NO_TOUCH: 1}


@pytest.mark.parametrize("model", MODELS)
def test_every_model_credits_sum_to_totals(model):
    rng = np.random.default_rng(3)
    paths = []
    for _ in range(300):
        n = int(rng.integers(0, 6))
        touches = [(str(rng.choice(list("ABCDEFG"))), float(rng.integers(0, 30))) for _ in range(n)]
        converted = float(rng.integers(10, 40)) if rng.random() < 0.3 else None
        paths.append({"touches": touches, "converted": converted,
                      "revenue": float(rng.integers(0, 3)) * 100.0, "created": float(rng.integers(0, 20))})
    j = journeys(paths)
    credits = run_model(j, model)
    assert credits.conversions.sum() == pytest.approx(j.total_conversions)
    assert credits.revenue.sum() == pytest.approx(j.total_revenue)
    if model != "shapley":
        assert (credits.conversions >= -1e-12).all()


def test_weights_of_each_converted_journey_sum_to_one():
    j = journeys(BASIC)
    for model in ("first", "last", "linear", "position", "w_shaped", "time_decay"):
        totals = np.bincount(j.t_journey, weights=weights(j, model))
        assert totals == pytest.approx(np.ones(len(j))), model


def test_unknown_model_is_refused():
    with pytest.raises(ValueError, match="unknown model"):
        run_model(journeys(BASIC), "best")
