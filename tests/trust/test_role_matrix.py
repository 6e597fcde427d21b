"""Every route against every role: who may GET and POST what, checked on a small demo graph.

``EXPECTED`` classifies each endpoint of ``app.url_map``, one line each: the roles that may use
each of its methods. A route missing from the table fails ``test_every_route_is_classified``,
so a new route cannot ship without someone deciding who may use it. Refusals have one shape:
an anonymous page request is redirected to the sign-in page, an anonymous API call answers 401,
a signed-in user with the wrong role gets 403. POSTs carry a valid CSRF token (so the role is
what is tested); ``test_a_post_without_csrf_token_is_refused_everywhere`` checks the token on
its own.
"""

from __future__ import annotations

import io
import re
from itertools import count
from typing import Any
from urllib.parse import urlencode

import pytest
from flask import url_for

from graphcrm.auth.users import add_user
from graphcrm.capture import forms
from graphcrm.dedupe.merge import merge_records
from graphcrm.demo.generate import generate
from graphcrm.demo.load import load_demo
from graphcrm.ingest import ImportOptions, import_files
from graphcrm.manage.status import OPEN_STATUSES
from graphcrm.web import create_app
from tests.graphdump import dump
from tests.trust.generated import write_leads_csv
from tests.trust.sessions import PASSWORD, signed_in, token_of

ANON, REP, ANALYST, ADMIN = "anonymous", "rep", "analyst", "admin"
ACTORS = (ANON, REP, ANALYST, ADMIN)
PUBLIC = frozenset(ACTORS)
SIGNED_IN = frozenset({REP, ANALYST, ADMIN})
ANALYSTS = frozenset({ANALYST, ADMIN})
ADMINS = frozenset({ADMIN})
# Reps may change only the leads they own (admins any): the rep is checked on an own lead
# (allowed) and on another rep's lead (refused).
OWNER = frozenset({REP, ADMIN, "owner"})
REPS = frozenset({REP, ADMIN})  # saving records: reps and admins, not analysts
# Only an integration's token opens these (no user, whatever the role): every actor gets 401 JSON.
INTEGRATION = frozenset({"integration token"})

EXPECTED: dict[str, dict[str, frozenset[str]]] = {
    # public
    "auth.login": {"GET": PUBLIC, "POST": PUBLIC},
    "static": {"GET": PUBLIC},
    "main.health": {"GET": PUBLIC},
    "main.vis_network": {"GET": PUBLIC},
    # everyone signed in: explore, search, the JSON API, the rep's pages (empty for non-reps)
    "auth.logout": {"POST": SIGNED_IN},
    "main.home": {"GET": SIGNED_IN},
    "explore.entity": {"GET": SIGNED_IN},
    "explore.path": {"GET": SIGNED_IN},
    "explore.results": {"GET": SIGNED_IN},
    "api.api_insight": {"GET": SIGNED_IN},
    "api.api_more": {"GET": SIGNED_IN},
    "api.api_neighbourhood": {"GET": SIGNED_IN},
    "api.api_node": {"GET": SIGNED_IN},
    "api.api_path": {"GET": SIGNED_IN},
    "api.api_related": {"GET": SIGNED_IN},
    "api.api_search": {"GET": SIGNED_IN},
    "leads.my_day": {"GET": SIGNED_IN},
    "leads.my_leads": {"GET": SIGNED_IN},
    "leads.pool_page": {"GET": SIGNED_IN},
    # working leads: reps (their own leads) and admins
    "leads.claim": {"POST": frozenset({REP, ADMIN})},  # pool leads have no owner yet
    "leads.log_followup": {"POST": OWNER},
    "leads.change_status": {"POST": OWNER},
    "leads.reassign": {"POST": OWNER},
    "leads.release": {"POST": OWNER},
    "leads.convert": {"POST": OWNER},
    "leads.undo_conversion": {"POST": OWNER},
    # analytics: analysts and admins
    "attribution.index": {"GET": ANALYSTS},
    "attribution.compare_models": {"GET": ANALYSTS},
    "attribution.export": {"GET": ANALYSTS},
    "attribution.flow_page": {"GET": ANALYSTS},
    "attribution.funnel_page": {"GET": ANALYSTS},
    "attribution.lead_lookup": {"GET": ANALYSTS},
    "attribution.lead_page": {"GET": ANALYSTS},
    "attribution.paths_page": {"GET": ANALYSTS},
    # admins: imports, duplicates, rules, acting as a rep
    "imports.upload_form": {"GET": ADMINS},
    "imports.upload": {"POST": ADMINS},
    "imports.commit": {"POST": ADMINS},
    "imports.columns": {"POST": ADMINS},
    "imports.rejects": {"GET": ADMINS},
    "imports.batches": {"GET": ADMINS},
    "imports.undo": {"POST": ADMINS},
    "dedupe.queue": {"GET": ADMINS},
    "dedupe.review": {"GET": ADMINS},
    "dedupe.run": {"POST": ADMINS},
    "dedupe.merge": {"POST": ADMINS},
    "dedupe.not_duplicate": {"POST": ADMINS},
    "dedupe.unmerge": {"POST": ADMINS},
    "leads.rules_admin": {"GET": ADMINS, "POST": ADMINS},
    "leads.act_as": {"POST": ADMINS},
    # capture: manual entry (reps edit only their own leads), the live check, integrations (admins)
    "capture.new_record": {"GET": REPS, "POST": REPS},
    "capture.edit_record": {"GET": OWNER, "POST": OWNER},
    "capture.check": {"POST": REPS},
    "capture.company_suggestions": {"GET": REPS},
    "capture.integrations": {"GET": ADMINS, "POST": ADMINS},
    # the intake API: its description is public, posting needs an integration token
    "intake.openapi": {"GET": PUBLIC},
    "intake.create_leads": {"POST": INTEGRATION},
    # web-to-lead forms: admins define them; the form itself is for anyone (CSRF token, honeypot, limits)
    "webforms.index": {"GET": ADMINS},
    "webforms.new": {"GET": ADMINS},
    "webforms.create": {"POST": ADMINS},
    "webforms.edit": {"GET": ADMINS},
    "webforms.update": {"POST": ADMINS},
    "webforms.toggle": {"POST": ADMINS},
    "webforms.qr": {"GET": ADMINS},
    "webforms.public_form": {"GET": PUBLIC},
    "webforms.public_submit": {"POST": PUBLIC},
    "webforms.thanks": {"GET": PUBLIC},
}
# POST endpoints that cannot carry a session's CSRF token (a form posted from another site, an API
# call authenticated by a token alone): each must be listed here, with its reason.
CSRF_EXEMPT: dict[str, str] = {
    "intake.create_leads": "an API call authenticated by an integration token alone: no session cookie to ride on",
}
IGNORED_METHODS = {"HEAD", "OPTIONS"}
LEADS = 300
SEED = 7


class World:
    """A demo graph with one user per role, real ids for every URL parameter, and signed-in clients."""

    def __init__(self, store: Any, tmp_path: Any) -> None:
        load_demo(store, leads=LEADS, seed=SEED)
        self.store = store
        self.app = create_app({"TESTING": True, "SECRET_KEY": "test", "UPLOAD_DIR": str(tmp_path / "uploads")},
                              store=store)
        reps = sorted(store.read("manage/rep_loads", open=list(OPEN_STATUSES)), key=lambda r: -r["open_leads"])
        mine, theirs = (sorted(r["id"] for r in store.read("manage/rep_leads", rep=rep["id"], open=list(OPEN_STATUSES)))
                        for rep in reps[:2])
        assert len(mine) >= 8 and len(theirs) >= 8, "the demo needs two reps with open leads"
        self.own_leads, self.other_leads = iter(mine), iter(theirs)
        self.any_lead = mine[0]
        add_user(store, "rita", "rep", PASSWORD, rep=reps[0]["id"])
        add_user(store, "sam", "rep", PASSWORD, rep=reps[1]["id"])
        add_user(store, "anna", "analyst", PASSWORD)
        add_user(store, "adam", "admin", PASSWORD)
        self.users = {REP: "rita", ANALYST: "anna", ADMIN: "adam"}
        self._clients: dict[str, Any] = {}
        truth = generate(LEADS, SEED).truth
        pairs = [[a, b] for a, b in zip(truth["lead_a"], truth["lead_b"], strict=True)]
        self.merge_id = merge_records(store, pairs[0], survivor=pairs[0][0], by="adam").merge_id
        self.merge_pair, self.distinct_pair = pairs[1], pairs[2]
        self.batch_id = import_files(store, [write_leads_csv(tmp_path / "batch.csv", 5)],
                                     ImportOptions(source_system="matrix", rejects_path=None)).batch_id
        self.upload_token = self._upload(tmp_path)
        self.campaign_id = forms.campaigns(store)[0]["id"]
        self.form_id = forms.create_form(store, forms.FormSpec(name="Matrix form", campaign_id=self.campaign_id)).id

    def _upload(self, tmp_path: Any) -> str:
        """A real upload previewed by the admin: its token names the import folder."""
        admin = self.client(ADMIN)
        upload = write_leads_csv(tmp_path / "up.csv", 3).read_bytes()
        page = admin.post("/import/", data={"csrf_token": token_of(admin), "files": (io.BytesIO(upload), "up.csv")},
                          content_type="multipart/form-data").get_data(as_text=True)
        return re.search(r"/import/([0-9a-f]{32})/commit", page).group(1)

    def client(self, actor: str) -> Any:
        """The (cached) client of ``actor``: anonymous, or signed in as that role's user."""
        if actor not in self._clients:
            self._clients[actor] = self.app.test_client() if actor == ANON else signed_in(self.app, self.users[actor])
        return self._clients[actor]

    def forget(self, actor: str) -> None:
        """Drop a client (after it signed out)."""
        self._clients.pop(actor, None)

    def url(self, endpoint: str, *, lead: str | None = None) -> str:
        """A URL of ``endpoint`` with real values for its parameters (and a sensible query)."""
        rule = next(self.app.url_map.iter_rules(endpoint))
        values = {"lead_id": lead or self.any_lead, "node_id": lead or self.any_lead, "label": "Lead",
                  "slug": "leads", "fmt": "csv", "filename": "app.css", "token": self.upload_token,
                  "batch_id": self.batch_id, "merge_id": self.merge_id, "kind": "lead", "form_id": self.form_id}
        missing = rule.arguments - values.keys()
        assert not missing, f"{endpoint}: give a value for {sorted(missing)} in World.url"
        with self.app.test_request_context():
            path = url_for(endpoint, **{k: values[k] for k in rule.arguments})
        query = self.query(endpoint)
        return f"{path}?{urlencode(query)}" if query else path

    def query(self, endpoint: str) -> dict[str, str]:
        a, b = self.merge_pair  # planted duplicates: a short path
        pair_path = {"from": f"Lead:{a}", "to": f"Lead:{b}"}
        return {
            "api.api_search": {"q": "an"}, "explore.results": {"q": "an"},
            "api.api_path": pair_path, "explore.path": pair_path,
            "api.api_more": {"direction": "out", "type": "HAS_EMAIL", "kind": "Email"},
            "dedupe.review": {"ids": ",".join(self.merge_pair)},
            "attribution.lead_lookup": {"q": self.any_lead},
        }.get(endpoint, {})

    def form(self, endpoint: str, actor: str) -> dict[str, str]:
        """A plausible form for a POST (the CSRF token of ``actor``'s session included)."""
        form = {
            "auth.login": {"name": "nobody", "password": "x"},
            "leads.log_followup": {"type": "call", "outcome": "reached", "note": "role matrix"},
            "leads.change_status": {"status": "working"},
            "leads.rules_admin": {"kind": "scoring", "text": "", "action": "simulate"},
            "dedupe.merge": {"ids": ",".join(self.merge_pair), "survivor": self.merge_pair[0]},
            "dedupe.not_duplicate": {"ids": ",".join(self.distinct_pair)},
            "dedupe.unmerge": {"entity": "lead"},
            "capture.new_record": {"name": "Role Matrix Person", "owner_id": ""},
            "capture.edit_record": {"title": "Role matrix"},
            "capture.check": {"name": "Role Matrix"},
            "capture.integrations": {"action": "add", "name": "Matrix", "source_name": "Web"},
            "webforms.create": {"name": "Matrix form 2", "campaign_id": self.campaign_id, "fields": "email"},
            "webforms.update": {"name": "Matrix form", "campaign_id": self.campaign_id, "fields": "email", "active": "1"},
            "webforms.toggle": {"active": "1"},
            "webforms.public_submit": {"email": "matrix@example.com"},
        }.get(endpoint, {})
        return {**form, "csrf_token": token_of(self.client(actor))}


@pytest.fixture
def world(store, tmp_path) -> World:
    return World(store, tmp_path)


def methods_of(app: Any) -> dict[str, set[str]]:
    """endpoint -> its methods, over the whole url_map."""
    found: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        found.setdefault(rule.endpoint, set()).update(rule.methods - IGNORED_METHODS)
    return found


def refusal(response: Any, actor: str, api: bool) -> str | None:
    """None when ``response`` is the refusal ``actor`` must get, else what is wrong with it."""
    code, location = response.status_code, response.headers.get("Location", "")
    if actor == ANON and api:
        return None if code == 401 and (response.get_json(silent=True) or {}).get("error") else f"{code} (want 401 JSON)"
    if actor == ANON:
        return None if code == 302 and location.startswith("/login?next=") else f"{code} {location} (want sign-in)"
    return None if code == 403 else f"{code} {location} (want 403)"


def allowed(response: Any, actor: str) -> str | None:
    """None when ``response`` lets ``actor`` in, else what is wrong with it."""
    code, location = response.status_code, response.headers.get("Location", "")
    body = response.get_data(as_text=True) if code == 400 else ""
    if code in (401, 403) or (actor == ANON and location.startswith("/login?next=")) or "CSRF" in body:
        return f"{code} {location} {body[:80]}"
    return None


def test_every_route_is_classified(store, tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "UPLOAD_DIR": str(tmp_path)}, store=store)
    routes = methods_of(app)
    unclassified = sorted(set(routes) - set(EXPECTED))
    stale = sorted(set(EXPECTED) - set(routes))
    wrong = sorted(f"{e}: table {sorted(EXPECTED[e])}, route {sorted(routes[e])}"
                   for e in set(routes) & set(EXPECTED) if set(EXPECTED[e]) != routes[e])
    assert not unclassified, f"classify these endpoints in EXPECTED (who may use them?): {unclassified}"
    assert not stale, f"EXPECTED lists endpoints that no longer exist: {stale}"
    assert not wrong, f"EXPECTED has other methods than the routes: {wrong}"
    from graphcrm.web.auth import PUBLIC_ENDPOINTS

    public = {e for e, methods in EXPECTED.items() if ANON in set().union(*methods.values())}
    token_only = {e for e, methods in EXPECTED.items() if INTEGRATION in methods.values()}
    # the guard and the table agree on what the guard lets through (token-only routes check their token)
    assert public | token_only == PUBLIC_ENDPOINTS


def test_every_role_gets_what_the_table_says(world):
    problems: list[str] = []
    checked = count()
    routes = methods_of(world.app)
    # signing out last, so the other checks keep their sessions
    for endpoint in sorted(set(routes) & set(EXPECTED), key=lambda e: (e == "auth.logout", e)):
        api = next(world.app.url_map.iter_rules(endpoint)).rule.startswith("/api/")
        for method in sorted(routes[endpoint]):
            roles = EXPECTED.get(endpoint, {}).get(method, frozenset())
            lead = next(world.own_leads) if roles is OWNER else None
            url = world.url(endpoint, lead=lead)
            # refused actors first: a refused request must change nothing the allowed ones then use
            for actor in sorted(ACTORS, key=lambda a: a in roles):
                client = world.client(actor)
                form = world.form(endpoint, actor) if method == "POST" else None
                response = client.open(url, method=method, data=form)
                response.close()  # file downloads stream
                if roles is INTEGRATION:
                    wrong = refusal(response, ANON, api)  # no user opens it: 401 JSON for everyone
                else:
                    wrong = allowed(response, actor) if actor in roles else refusal(response, actor, api)
                next(checked)
                if wrong:
                    problems.append(f"{method} {endpoint} as {actor}: {wrong}")
                if endpoint == "auth.logout":
                    world.forget(actor)
    assert not problems, "\n".join(problems)
    assert next(checked) > 4 * len(routes)


def test_reps_change_only_the_leads_they_own(world):
    rep = world.client(REP)
    problems = []
    for endpoint, methods in EXPECTED.items():
        if methods.get("POST") is not OWNER:
            continue
        other = world.url(endpoint, lead=next(world.other_leads))
        refused = rep.post(other, data=world.form(endpoint, REP))
        own = rep.post(world.url(endpoint, lead=next(world.own_leads)), data=world.form(endpoint, REP))
        if refused.status_code != 403:
            problems.append(f"{endpoint} on another rep's lead: {refused.status_code} (want 403)")
        if allowed(own, REP):
            problems.append(f"{endpoint} on an own lead: {allowed(own, REP)}")
    assert not problems, "\n".join(problems)
    # and the allowed follow-up was really logged, the refused one not
    lead = next(world.own_leads)
    other = next(world.other_leads)
    for target in (lead, other):
        rep.post(world.url("leads.log_followup", lead=target), data=world.form("leads.log_followup", REP))
    notes = {target: [a["note"] for a in world.store.read("manage/lead_activities", id=target, limit=50)]
             for target in (lead, other)}
    assert notes[lead].count("role matrix") == 1 and "role matrix" not in notes[other]


def test_a_post_without_csrf_token_is_refused_everywhere(world):
    before = dump(world.store)
    admin = world.client(ADMIN)  # may POST everywhere, so only the missing token can refuse it
    problems = []
    posts = sorted(e for e, methods in methods_of(world.app).items() if "POST" in methods and e not in CSRF_EXEMPT)
    for endpoint in posts:
        form = {k: v for k, v in world.form(endpoint, ADMIN).items() if k != "csrf_token"}
        response = admin.post(world.url(endpoint), data=form)
        if response.status_code != 400 or "CSRF" not in response.get_data(as_text=True):
            problems.append(f"POST {endpoint} without a CSRF token: {response.status_code}")
    assert not problems, "\n".join(problems)
    assert len(posts) >= 18
    assert dump(world.store) == before
    assert admin.get("/import/").status_code == 200  # still signed in: the logout was refused too
