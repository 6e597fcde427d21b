"""Comparators, scoring and clustering as pure functions (no database)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from graphcrm.dedupe.candidates import candidate_pairs
from graphcrm.dedupe.clusters import clusters
from graphcrm.dedupe.compare import compare_pairs, is_nickname, jaro_winkler
from graphcrm.dedupe.records import Records, add_keys, email_local, letters, phonetic
from graphcrm.dedupe.score import Scorer, default_model, fit_scorer, reasons, status

PEOPLE = [
    # 0 and 1: the same person (nickname, personal email, same phone); 2: a coworker on the switchboard
    {"id": "l0", "label": "Lead", "first_name": "Robert", "last_name": "Miller", "name": "Robert Miller",
     "name_key": "miller robert", "email": "robert.miller@acme.com", "phone": "+14155550100",
     "company_key": "acme", "city": "Boston"},
    {"id": "l1", "label": "Lead", "first_name": "Bob", "last_name": "Miller", "name": "Bob Miller",
     "name_key": "bob miller", "email": "robertmiller77@gmail.com", "phone": "+14155550100",
     "company_key": "acme", "city": "Boston"},
    {"id": "l2", "label": "Lead", "first_name": "Alice", "last_name": "Wong", "name": "Alice Wong",
     "name_key": "alice wong", "email": "alice.wong@acme.com", "phone": "+14155550999",
     "company_key": "acme", "city": "Boston"},
    # 3 and 4: a Chinese name in characters and in pinyin, no shared identifier
    {"id": "l3", "label": "Lead", "first_name": "桂花", "last_name": "李", "name": "李桂花", "name_key": "li guihua",
     "pinyin_key": "liguihua", "company_key": "良诺网络科技", "city": "北京"},
    {"id": "l4", "label": "Lead", "first_name": "Guihua", "last_name": "Li", "name": "Guihua Li",
     "name_key": "guihua li", "pinyin_key": "liguihua", "company_key": "良诺网络科技"},
]


def frame() -> pd.DataFrame:
    return add_keys(pd.DataFrame(PEOPLE), "lead")


def test_keys_fold_chinese_accents_and_emails():
    assert letters("李桂花") == "liguihua" and letters("José") == "jose"
    assert email_local("John.Smith+cfo12@x.com") == "johnsmith"
    assert phonetic("smith") == phonetic("smyth")


def test_nicknames_and_jaro_winkler():
    assert is_nickname("Bob", "Robert") and is_nickname("Liz", "Elizabeth") and not is_nickname("Bob", "Alice")
    assert jaro_winkler("martha", "marhta") > 0.95 and jaro_winkler("", "x") == 0.0


def test_levels_per_field():
    f = frame()
    a, b = np.array([0, 0, 3]), np.array([1, 2, 4])
    comparison = compare_pairs(f, a, b, "lead")
    levels, names = comparison.levels, comparison.names
    named = [{c: names[c][levels[c][i]] for c in ("name", "email", "phone", "company")} for i in range(3)]
    assert named[0] == {"name": "close", "email": "same_local", "phone": "exact", "company": "exact"}
    assert named[1]["name"] == "disagree" and named[1]["phone"] == "disagree" and named[1]["email"] == "disagree"
    assert named[2]["name"] == "exact" and named[2]["email"] == "missing" and named[2]["phone"] == "missing"


def test_candidates_come_from_identities_and_blocking_keys_never_all_pairs():
    f = frame()
    links = pd.DataFrame({"rec": [0, 1, 2], "kind": ["Phone", "Phone", "Phone"],
                          "key": ["+14155550100", "+14155550100", "+14155550999"]})
    cands = candidate_pairs(Records("lead", f, links))
    pairs = {(int(x), int(y)): v for x, y, v in zip(cands.a, cands.b, cands.via, strict=True)}
    assert pairs[(0, 1)] == "Phone"  # two hops apart through the shared Phone node
    assert (3, 4) in pairs  # the pinyin key joins 李桂花 and Guihua Li
    assert (0, 3) not in pairs and (2, 4) not in pairs


def test_a_hub_larger_than_the_block_cap_pairs_nobody():
    names = [("Ann", "Lee"), ("Bob", "Ng"), ("Cy", "Ko"), ("Dora", "Diaz"), ("Eve", "Stone"), ("Fay", "Moss")]
    people = pd.DataFrame([{"id": f"l{i}", "label": "Lead", "first_name": f, "last_name": last}
                           for i, (f, last) in enumerate(names)])
    links = pd.DataFrame({"rec": range(6), "kind": "Phone", "key": "+10000000000"})
    cands = candidate_pairs(Records("lead", add_keys(people, "lead"), links), max_block=5)
    assert len(cands) == 0 and cands.skipped_blocks == {"Phone": 1}


def test_score_orders_duplicates_above_coworkers_and_explains_itself():
    f = frame()
    comparison = compare_pairs(f, np.array([0, 0]), np.array([1, 2]), "lead")
    scorer = fit_scorer(comparison.levels, comparison.names, None)  # too little data: documented weights
    dup, coworker = scorer.score(comparison.levels)
    assert dup > 0.9 > 0.1 > coworker
    explained = reasons(scorer, comparison.levels, 0)
    assert {r["field"] for r in explained} >= {"name", "email", "phone", "company"}
    by_field = {r["field"]: r for r in explained}
    assert by_field["phone"]["status"] == "agree" and by_field["phone"]["weight"] > 0
    assert by_field["name"]["status"] == "partial"
    assert explained == sorted(explained, key=lambda r: -abs(r["weight"]))


def test_scorer_round_trips_as_json():
    names = compare_pairs(frame(), np.array([0]), np.array([1]), "lead").names
    scorer = Scorer({0: default_model(names), 1: default_model(names)})
    again = Scorer.from_json(scorer.as_json())
    assert again.as_json() == scorer.as_json()


def test_status_names():
    names = ("missing", "disagree", "similar", "exact")
    assert [status(names, i) for i in range(4)] == ["missing", "disagree", "partial", "agree"]


def test_clusters_split_weak_chains_but_keep_strong_triangles():
    pairs = [("a", "b", 0.95), ("b", "c", 0.85), ("c", "d", 0.97),  # a-b and c-d joined by a weak bridge
             ("x", "y", 0.99), ("y", "z", 0.99), ("x", "z", 0.9),  # a triangle holds together
             ("p", "q", 0.5)]  # below the review threshold
    groups = clusters(pairs, review=0.8, strong=0.99)
    assert sorted(groups) == [["a", "b"], ["c", "d"], ["x", "y", "z"]]
    assert clusters([("a", "b", 0.85), ("b", "c", 0.995)], review=0.8, strong=0.99) == [["b", "c"]]


def test_clusters_cap_their_size():
    star = [("hub", f"s{i}", 0.995) for i in range(12)]
    groups = clusters(star, review=0.8, strong=0.99, max_size=4)
    assert all(len(g) <= 4 for g in groups)


@pytest.mark.parametrize("rule", ["survivor", "most_recent", "most_complete", "source_priority"])
def test_survivorship_rules(rule):
    from datetime import datetime

    from graphcrm.dedupe.merge import survivor_values

    nodes = {
        "a": {"first_name": "Robert", "last_name": "Miller", "name": "Robert Miller", "title": None,
              "email": "r@acme.com", "source_system": "hubspot", "updated_at": datetime(2026, 1, 1)},
        "b": {"first_name": "Bob", "last_name": "Miller", "name": "Bob Miller", "title": "CFO", "city": "Boston",
              "email": "bob@gmail.com", "source_system": "salesforce", "updated_at": datetime(2026, 6, 1)},
    }
    values, won = survivor_values(nodes, "a", "Lead", rule, {}, ["salesforce"])
    assert values["title"] == "CFO"  # only b has one
    expected = {"survivor": "a", "most_recent": "b", "most_complete": "b", "source_priority": "b"}[rule]
    assert won["email"] == expected and values["email"] == nodes[expected]["email"]
    by_hand, _ = survivor_values(nodes, "a", "Lead", rule, {"name": "b"}, [])
    assert by_hand["first_name"] == "Bob" and by_hand["name_key"] == "bob miller"
