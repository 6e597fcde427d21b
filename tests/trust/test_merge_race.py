"""Two admins acting on the same duplicates at the same moment, through the served web app.

Each admin is a real HTTP client (signed in, session cookie, CSRF token) against waitress on
loopback; a barrier releases both POSTs together. One merge (or undo) wins, the other admin is
told clearly why nothing happened, and the graph is whole afterwards: undoing what won gives back
exactly the graph from before.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest

from graphcrm.auth.users import add_user
from graphcrm.dedupe.merge import merge_log
from graphcrm.demo.generate import generate
from graphcrm.demo.load import load_demo
from graphcrm.web import create_app
from tests.graphdump import BOOKKEEPING_LABELS, dump
from tests.trust.sessions import bench_load

LEADS = 300
SEED = 7
PASSWORD = "two admins password"
SKIP = (*BOOKKEEPING_LABELS, "Merge")  # the audit log keeps undone merges on purpose


@pytest.fixture
def site(store):
    """The demo graph served on loopback, with two signed-in admin browsers."""
    load_demo(store, leads=LEADS, seed=SEED)
    add_user(store, "adam", "admin", PASSWORD)
    add_user(store, "eve", "admin", PASSWORD)
    app = create_app({"TESTING": False, "SECRET_KEY": "test"}, store=store)
    load = bench_load()
    with load.served(app, threads=4) as port:
        admins = [load.Browser(port), load.Browser(port)]
        for browser, name in zip(admins, ("adam", "eve"), strict=True):
            browser.sign_in(name, PASSWORD)
        yield store, admins
        for browser in admins:
            browser.close()


def pairs() -> list[list[str]]:
    truth = generate(LEADS, SEED).truth
    return [[a, b] for a, b in zip(truth["lead_a"], truth["lead_b"], strict=True)]


def at_once(*requests: tuple[Any, str, dict[str, str]]) -> list[tuple[int, str, str]]:
    """POST each (browser, path, form) from its own thread, released together; then each browser
    follows its redirect. Returns (status, redirect target, page text after the redirect)."""
    barrier = threading.Barrier(len(requests))
    answers: list[Any] = [None] * len(requests)

    def post(n: int, browser: Any, path: str, form: dict[str, str]) -> None:
        try:
            barrier.wait(timeout=30)
            status, location, _body = browser.request("POST", path, {**form, "csrf_token": browser.token})
            page = browser.request("GET", location)[2].decode() if status == 302 else ""
            answers[n] = (status, location, page)
        except BaseException as exc:  # noqa: BLE001  (reported by the assertion below)
            answers[n] = exc

    threads = [threading.Thread(target=post, args=(n, *r)) for n, r in enumerate(requests)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(isinstance(a, tuple) for a in answers), answers
    return answers


def merge_form(ids: list[str], survivor: str) -> dict[str, str]:
    return {"entity": "lead", "ids": ",".join(ids), "survivor": survivor}


def undo(browser: Any, merge_id: str) -> str:
    status, location, _body = browser.request("POST", f"/duplicates/unmerge/{merge_id}",
                                              {"entity": "lead", "csrf_token": browser.token})
    assert status == 302
    return browser.request("GET", location)[2].decode()


def test_two_admins_merge_the_same_pair_one_wins_the_other_is_told(site):
    store, (adam, eve) = site
    a, b = pairs()[0]
    before = dump(store, skip=SKIP)
    answers = at_once((adam, "/duplicates/merge", merge_form([a, b], a)),
                      (eve, "/duplicates/merge", merge_form([a, b], b)))  # each keeps another record
    assert [status for status, _loc, _page in answers] == [302, 302]
    won = [n for n, (_s, location, _p) in enumerate(answers) if "merged=merge-" in location]
    assert len(won) == 1, answers
    lost_page = answers[1 - won[0]][2]
    log = merge_log(store, limit=10)
    assert len(log) == 1 and log[0]["status"] == "merged"
    survivor, absorbed = log[0]["survivor_id"], log[0]["absorbed"]
    assert {survivor, *absorbed} == {a, b}
    assert "Not merged:" in lost_page and f"{absorbed[0]} was already merged into {survivor}" in lost_page
    # the graph: the absorbed record is a tombstone pointing at the survivor, nothing else
    tomb = [r for r in dump(store, skip=SKIP)["rels"] if absorbed[0] in (r[0], r[2])]
    assert [(r[1], r[2]) for r in tomb] == [("MERGED_INTO", survivor)]
    assert "Merge undone" in undo(adam, log[0]["id"])
    assert dump(store, skip=SKIP) == before


def test_two_admins_undo_the_same_merge_one_undoes_the_other_is_told(site):
    store, (adam, eve) = site
    a, b = pairs()[1]
    before = dump(store, skip=SKIP)
    status, location, _body = adam.request("POST", "/duplicates/merge", {**merge_form([a, b], a), "csrf_token": adam.token})
    merge_id = location.split("merged=")[1]
    answers = at_once((adam, f"/duplicates/unmerge/{merge_id}", {"entity": "lead"}),
                      (eve, f"/duplicates/unmerge/{merge_id}", {"entity": "lead"}))
    pages = sorted(page for _s, _l, page in answers)
    assert sum("Merge undone" in p for p in pages) == 1
    assert sum(f"Not undone: merge {merge_id} was already undone" in p for p in pages) == 1
    assert merge_log(store, limit=10)[0]["status"] == "undone"
    assert dump(store, skip=SKIP) == before


def test_a_merge_and_an_undo_of_the_records_at_once_leave_a_whole_graph(site):
    """Eve merges a third record into the survivor while Adam undoes the first merge: whichever comes
    first, the other either works on the result or is refused, and undoing what stands restores all."""
    store, (adam, eve) = site
    (a, b), (c, _d) = pairs()[2:4]
    before = dump(store, skip=SKIP)
    status, location, _body = adam.request("POST", "/duplicates/merge", {**merge_form([a, b], a), "csrf_token": adam.token})
    first = location.split("merged=")[1]
    (_s1, _l1, undo_page), (_s2, merge_location, merge_page) = at_once(
        (adam, f"/duplicates/unmerge/{first}", {"entity": "lead"}),
        (eve, "/duplicates/merge", merge_form([a, c], a)))
    assert "merged=merge-" in merge_location, merge_page  # the records exist either way: the merge works
    second = merge_location.split("merged=")[1]
    log = {m["id"]: m for m in merge_log(store, limit=10)}
    if "Merge undone" in undo_page:  # the undo came first
        assert log[first]["status"] == "undone" and log[second]["status"] == "merged"
        assert "Merge undone" in undo(adam, second)
    else:  # the merge came first, and built on the first one: undoing that is refused
        assert f"Not undone: merge {second} changed these records later: undo it first" in undo_page
        assert log[first]["status"] == log[second]["status"] == "merged"
        assert "Merge undone" in undo(adam, second) and "Merge undone" in undo(adam, first)
    assert dump(store, skip=SKIP) == before
