"""Benchmark: signed-in HTTP clients reading and writing at once, on either backend.

    python bench/bench_load.py [--db PATH_OR_URI] [--leads 5000] [--clients 20] [--writers 4] [--seconds 60]
    python bench/bench_load.py --db bolt://neo4j:PASSWORD@127.0.0.1:7687 ...   # the same against Neo4j

Serves the app under waitress (one process, threads, loopback port chosen by the
system), as ``graphcrm --db URI serve`` does, on the demo database at ``--db`` (built
with the demo generator if it holds no demo yet; default ``./bench-load.lbug``). A
Neo4j URI works the same way; a Neo4j database without the demo is wiped before the
demo is loaded into it (``store.wipe()``), so never point it at data you want to keep. Every client signs in over
HTTP like a browser (sign-in form, session cookie, CSRF token). ``--clients``
clients run at once: ``--writers`` of them are reps who work their own leads
through the real lead-action endpoints (log a follow-up, change the status; each
answer's redirect is followed and its flash message read, as a browser shows it),
the others are analysts sending a mix of pages and JSON API calls (home, search,
lead page, API search, neighbourhood, related leads). Afterwards every
acknowledged write is looked up: each follow-up an Activity about its lead logged
by its rep, each status change a StatusChange with its reason, each lead's status
the last one acknowledged, and nothing else added. Prints requests per second,
writes per second, latency percentiles and every kind of error.

``run_load`` is also what ``tests/trust/test_concurrency.py`` runs, for a shorter time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import logging
import random
import re
import statistics
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from graphcrm.store import Store

PASSWORD = "load test password"
READER = "load-analyst"
OPEN = ["new", "working", "qualified"]
# Status changes by hand (graphcrm.manage.status.TRANSITIONS without converting).
NEXT = {"new": ["working", "qualified", "disqualified"], "working": ["new", "qualified", "disqualified"],
        "qualified": ["working", "disqualified"], "disqualified": ["new", "working"]}
ACTIVITY_TYPES = ("call", "email", "meeting", "note")
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Writer:
    """A rep user who works their own leads during the load."""

    user: str
    rep_id: str
    leads: list[str]


@dataclass
class LoadResult:
    """What a load run did and what went wrong."""

    seconds: float = 0.0
    requests: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    write_ms: list[float] = field(default_factory=list)  # the acknowledged POSTs alone (not the page after)
    writes: int = 0
    errors: Counter[str] = field(default_factory=Counter)  # kind of failure -> how many
    activities: dict[str, tuple[str, str]] = field(default_factory=dict)  # acknowledged note -> (lead, rep)
    changes: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # acknowledged reason -> (lead, from, to)
    automatic: Counter[str] = field(default_factory=Counter)  # lead -> new->working changes by a follow-up
    statuses: dict[str, str] = field(default_factory=dict)  # lead -> status after its last acknowledged write
    batch: str = ""

    @property
    def error_count(self) -> int:
        """All failed requests and writes."""
        return sum(self.errors.values())

    @property
    def status_changes(self) -> int:
        """StatusChange records the acknowledged writes made (by hand and by follow-ups on new leads)."""
        return len(self.changes) + sum(self.automatic.values())

    def summary(self) -> str:
        """A few lines of figures."""
        lat = sorted(self.latencies_ms) or [0.0]
        p95 = lat[min(len(lat) - 1, int(len(lat) * 0.95))]
        lines = [
            f"{self.requests:,} requests in {self.seconds:.1f} s = {self.requests / self.seconds:,.1f} req/s "
            f"(median {statistics.median(lat):.0f} ms, p95 {p95:.0f} ms, max {lat[-1]:.0f} ms)",
            f"{self.writes:,} acknowledged writes = {self.writes / self.seconds:,.1f} writes/s "
            f"(POST median {statistics.median(self.write_ms or [0.0]):.0f} ms; each followed by its lead page) "
            f"\n  {len(self.activities):,} follow-ups logged, {len(self.changes):,} status changes, "
            f"{sum(self.automatic.values()):,} new leads made working by a follow-up",
            f"errors: {self.error_count}" + "".join(f"\n  {n} x {kind}" for kind, n in self.errors.most_common()),
        ]
        return "\n".join(lines)


class Browser:
    """One HTTP client with a session cookie, as a browser keeps it (keep-alive, reconnects on error)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, bytes]:
        """(status, redirect location path, body); OSError/HTTPException on a broken connection."""
        headers = {"Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            raise
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        location = urlsplit(response.getheader("Location", ""))
        target = location.path + (f"?{location.query}" if location.query else "")
        return response.status, target, data

    def sign_in(self, name: str, password: str = PASSWORD) -> None:
        """Sign in through the form; afterwards ``self.token`` is this session's CSRF token."""
        status, _loc, page = self.request("GET", "/login")
        status, _loc, page = self.request("POST", "/login", {"name": name, "password": password,
                                                             "csrf_token": _csrf(page)})
        if status != 302:
            raise RuntimeError(f"{name} could not sign in (HTTP {status})")
        self.token = _csrf(self.request("GET", "/login")[2])

    def close(self) -> None:
        self.conn.close()


def _csrf(page: bytes) -> str:
    found = _TOKEN.search(page.decode("utf-8", "replace"))
    if not found:
        raise RuntimeError("no CSRF token on the page")
    return found.group(1)


def reader_paths(lead_ids: list[str], words: list[str]) -> list[str]:
    """The request mix: pages and JSON API calls over the given leads and search words."""
    paths = ["/"]
    for lead, word in zip(lead_ids, words * (len(lead_ids) // max(len(words), 1) + 1), strict=False):
        q = quote(word)
        paths += [f"/search?q={q}", f"/leads/{quote(lead)}", f"/api/search?q={q}",
                  f"/api/nodes/Lead/{quote(lead)}/neighbourhood", f"/api/leads/{quote(lead)}/related"]
    return paths


def prepare_users(store: Store, writers: int, *, leads_each: int = 40) -> list[Writer]:
    """An analyst user for the readers and one rep user per writer, linked to the reps with the most
    open leads (each writer works only leads its rep owns). Existing users are reused."""
    from graphcrm.auth.users import add_user, get_user, user_id

    if get_user(store, user_id(READER)) is None:
        add_user(store, READER, "analyst", PASSWORD)
    reps = sorted(store.read("manage/rep_loads", open=OPEN), key=lambda r: (-r["open_leads"], r["id"]))[:writers]
    found = []
    for n, rep in enumerate(reps):
        name = f"load-rep-{n}"
        user = get_user(store, user_id(name))
        if user is None or user.rep_id != rep["id"]:
            name = f"load-rep-{n}-{rep['id'][-6:]}"
            if get_user(store, user_id(name)) is None:
                add_user(store, name, "rep", PASSWORD, rep=rep["id"])
        leads = sorted(row["id"] for row in store.read("manage/rep_leads", rep=rep["id"], open=OPEN))[:leads_each]
        if leads:
            found.append(Writer(name, rep["id"], leads))
    return found


def run_load(store: Store, app: Any, lead_ids: list[str], words: list[str], *, clients: int = 20,
             writers: int = 4, seconds: float = 20.0, server_threads: int = 8) -> LoadResult:
    """Serve ``app`` on loopback; ``clients`` signed-in clients, ``writers`` of them reps working their
    leads through the lead-action endpoints, the others reading, all for ``seconds``."""
    result = LoadResult(batch=f"load-{uuid.uuid4().hex[:8]}")
    team = prepare_users(store, writers)
    paths = reader_paths(lead_ids, words)
    lock = threading.Lock()

    def fail(kind: str) -> None:
        with lock:
            result.errors[kind] += 1

    def timed(browser: Browser, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, bytes]:
        began = time.perf_counter()
        answer = browser.request(method, path, form)
        with lock:
            result.requests += 1
            result.latencies_ms.append((time.perf_counter() - began) * 1000)
        return answer

    def reader(browser: Browser, n: int, stop: float) -> None:
        rnd = random.Random(n)
        while time.perf_counter() < stop:
            path = rnd.choice(paths)
            try:
                status, _loc, body = timed(browser, "GET", path)
                if status != 200:
                    fail(f"HTTP {status} on {path.split('?')[0].rsplit('/', 1)[0] or '/'}")
                elif path.startswith("/api/"):
                    json.loads(body)
            except (OSError, http.client.HTTPException, ValueError) as exc:
                fail(f"{type(exc).__name__} on {path.split('?')[0]}: {exc}"[:200])

    def writer(browser: Browser, who: Writer, n: int, stop: float) -> None:
        rnd = random.Random(1000 + n)
        state = {row["id"]: row["status"] or "new" for row in store.read("test_support/lead_states", ids=who.leads)}
        k = 0
        while time.perf_counter() < stop:
            k += 1
            lead = rnd.choice(who.leads)
            marker = f"{result.batch} w{n} #{k}"
            follow_up = k % 2 == 1
            if follow_up:
                action, form = "follow-up", {"type": rnd.choice(ACTIVITY_TYPES), "outcome": "reached", "note": marker}
                target, expected = ("working" if state[lead] == "new" else state[lead]), "Follow-up logged."
            else:
                target = rnd.choice(NEXT[state[lead]])
                action, form, expected = "status", {"status": target, "reason": marker}, "Status changed."
            try:
                posted = time.perf_counter()
                status, location, _body = timed(browser, "POST", f"/lead-actions/{quote(lead)}/{action}",
                                                {**form, "csrf_token": browser.token})
                post_ms = (time.perf_counter() - posted) * 1000
                if status != 302:
                    fail(f"{action}: HTTP {status}")
                    continue
                status, _loc, page = timed(browser, "GET", location)  # the browser follows the redirect
                if status != 200 or expected not in page.decode("utf-8", "replace"):
                    fail(f"{action}: no {expected!r} after the redirect (HTTP {status})")
                    continue
            except (OSError, http.client.HTTPException) as exc:
                fail(f"{action}: {type(exc).__name__}: {exc}"[:200])
                continue
            with lock:
                result.writes += 1
                result.write_ms.append(post_ms)
                if follow_up:
                    result.activities[marker] = (lead, who.rep_id)
                    if state[lead] == "new":
                        result.automatic[lead] += 1
                else:
                    result.changes[marker] = (lead, state[lead], target)
                result.statuses[lead] = target
            state[lead] = target

    with served(app, threads=server_threads) as port:
        browsers = [Browser(port) for _ in range(clients)]
        try:
            for n, browser in enumerate(browsers):  # signing in is argon2 work: before the clock starts
                browser.sign_in(team[n].user if n < len(team) else READER)
            stop = time.perf_counter() + seconds
            threads = [threading.Thread(target=writer, args=(browsers[n], team[n], n, stop), name=f"writer-{n}")
                       for n in range(min(len(team), clients))]
            threads += [threading.Thread(target=reader, args=(browsers[n], n, stop), name=f"reader-{n}")
                        for n in range(len(threads), clients)]
            began = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            result.seconds = time.perf_counter() - began
        finally:
            for browser in browsers:
                browser.close()
    return result


@contextmanager
def served(app: Any, *, threads: int = 8) -> Iterator[int]:
    """Serve ``app`` under waitress on a free loopback port (yielded) until the block ends."""
    from waitress.server import create_server

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # a deep task queue is the point here
    server = create_server(app, host="127.0.0.1", port=0, threads=threads)
    stopping = threading.Event()

    def serve() -> None:
        try:
            server.run()
        except (OSError, ValueError):  # select() on the sockets close() just closed
            if not stopping.is_set():
                raise

    serving = threading.Thread(target=serve, name="waitress", daemon=True)
    serving.start()
    try:
        yield server.effective_port
    finally:
        server.task_dispatcher.shutdown()  # the workers first: a late one would pull a closed trigger
        stopping.set()
        server.close()
        serving.join(timeout=10)
        for channel in list(server._map.values()):  # client connections still open: close them, not the GC
            try:
                channel.close()
            except OSError:
                pass


def missing_writes(store: Store, result: LoadResult) -> list[str]:
    """Every acknowledged write the graph does not show, and every write of this run it shows but
    nobody was told about (empty when nothing was lost or added)."""
    problems = []
    leads = sorted({lead for lead, _rep in result.activities.values()} | set(result.statuses))
    for lead in leads:
        logged = [a for a in store.read("manage/lead_activities", id=lead, limit=1_000_000)
                  if (a["note"] or "").startswith(f"{result.batch} ")]
        notes = Counter(a["note"] for a in logged)
        wanted = {m: rep for m, (at, rep) in result.activities.items() if at == lead}
        for marker, rep in wanted.items():
            found = [a for a in logged if a["note"] == marker]
            if len(found) != 1 or found[0]["rep_id"] != rep:
                problems.append(f"follow-up {marker!r} on {lead}: found {[(a['id'], a['rep_id']) for a in found]}")
        problems += [f"follow-up {m!r} on {lead} is in the graph but was never acknowledged"
                     for m in notes if m not in wanted]
        history = store.read("manage/status_history", id=lead)
        ours = {c["reason"]: c for c in history if (c["reason"] or "").startswith(f"{result.batch} ")}
        for marker, (at, before, after) in result.changes.items():
            if at == lead and (marker not in ours or (ours[marker]["from_status"], ours[marker]["to_status"])
                               != (before, after)):
                problems.append(f"status change {marker!r} on {lead} ({before} -> {after}): found {ours.get(marker)}")
        problems += [f"status change {m!r} on {lead} is in the graph but was never acknowledged"
                     for m in ours if m not in result.changes]
        rows = store.read("manage/lead_get", id=lead)
        status = rows[0]["status"] if rows else "(no such lead)"
        if lead in result.statuses and status != result.statuses[lead]:
            problems.append(f"lead {lead}: last acknowledged status {result.statuses[lead]}, graph has {status}")
    return problems


def main(argv: list[str] | None = None) -> int:
    from graphcrm.demo.load import load_demo
    from graphcrm.store import open_store
    from graphcrm.web import create_app

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="bench-load.lbug", help="a database file or a Neo4j URI (bolt://, neo4j://)")
    parser.add_argument("--leads", type=int, default=5_000)
    parser.add_argument("--clients", type=int, default=20, help="clients in all, writers included")
    parser.add_argument("--writers", type=int, default=4, help="how many of the clients are reps writing")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--server-threads", type=int, default=8)
    args = parser.parse_args(argv)
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)  # "property does not exist yet" per query
    with open_store(args.db) as store:
        print(f"store: {store.describe()}", flush=True)
        store.setup_schema()
        if not store.read("meta/get", id="demo"):
            if store.dialect == "neo4j":  # one database per server: start from an empty one
                store.wipe()
                store.setup_schema()
            print(f"building demo data ({args.leads:,} leads) in {store.describe()['location']} ...", flush=True)
            load_demo(store, leads=args.leads)
        leads = [row["id"] for row in store.read("test_support/ids_of", label="Lead")]
        rnd = random.Random(7)
        sample = rnd.sample(leads, min(200, len(leads)))
        words = ["an", "li", "wang", "smith", "acme", "tech", "+1 415", "gmail", "张", "co"]
        app = create_app({"TESTING": False, "SECRET_KEY": "bench"}, store=store)
        prepare_users(store, args.writers)  # (run_load reuses them) so that the counts below are the load's alone
        before = store.counts()
        print(f"{args.clients} signed-in HTTP clients ({args.writers} of them reps writing) for "
              f"{args.seconds:.0f} s on {len(leads):,} leads ({args.server_threads} waitress threads)", flush=True)
        result = run_load(store, app, sample, words, clients=args.clients, writers=args.writers,
                          seconds=args.seconds, server_threads=args.server_threads)
        print(result.summary())
        lost = missing_writes(store, result)
        after = store.counts()
        added = {k: after.nodes[k] - before.nodes.get(k, 0) for k in after.nodes if after.nodes[k] != before.nodes.get(k)}
        expected = {k: v for k, v in {"Activity": len(result.activities),
                                      "StatusChange": result.status_changes}.items() if v}
        if added != expected:
            lost.append(f"nodes added {added}, acknowledged writes account for {expected}")
        print(f"acknowledged writes missing or unexpected writes found afterwards: {len(lost)}"
              + "".join(f"\n  {p}" for p in lost[:10]))
    return 1 if lost or result.error_count else 0


if __name__ == "__main__":
    raise SystemExit(main())
