"""Sign-in, roles, and the checks every request passes (plus security headers).

Every page and API call needs a signed-in user (session cookie) or an API token
(``Authorization: Bearer gcrm_...``), except the sign-in page, static files and the
health check. In a database that never had a user, requests from this machine (loopback) run
as a local admin ("single-user mode", announced in the top bar; ``GRAPHCRM_SINGLE_USER=false``
turns it off); ``graphcrm serve`` refuses other interfaces then. Once a user has been created,
single-user mode never comes back, whatever state the users are in (all disabled, say).

A session carries its user's session version: sign-out, a new password, a new role or disabling
the user bumps it and so ends all their sessions at once. Sessions also end after
``SESSION_IDLE_TIMEOUT`` seconds without a request and ``SESSION_LIFETIME`` seconds after sign-in.
"""

from __future__ import annotations

import ipaddress
import logging
import time
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlparse

from flask import Blueprint, Flask, abort, current_app, flash, g, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from graphcrm.auth.users import (
    User, authenticate, end_sessions, get_user, session_version, sign_in_name, user_for_token, users_ever,
)
from graphcrm.web.app import get_store

bp = Blueprint("auth", __name__)
LOCAL_ADMIN = User("local", "local", "admin")
log = logging.getLogger("graphcrm.auth")
IDLE_TIMEOUT = 2 * 3600  # seconds without a request before a session ends (SESSION_IDLE_TIMEOUT)
LIFETIME = 12 * 3600  # seconds after sign-in when a session ends anyway (SESSION_LIFETIME)
ACCOUNT_LIMIT = "20 per hour"  # failed sign-ins per account from all addresses together
_SEEN_EVERY = 60  # seconds: how often the last-seen time in the cookie is refreshed
_clock = time.time  # the tests move it
# The intake API checks its own integration token (graphcrm/web/intake.py); web-to-lead forms are
# for anyone (CSRF token, honeypot, rate and size limits: graphcrm/web/webforms.py).
PUBLIC_ENDPOINTS = {"auth.login", "static", "main.health", "main.vis_network", "intake.create_leads", "intake.openapi",
                    "webforms.public_form", "webforms.public_submit", "webforms.thanks"}
# Pages load vis-network and their own scripts from this app only; graph data travels as
# JSON in <script type="application/json">, never as inline script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SessionUser(UserMixin):
    """The Flask-Login wrapper of a ``User``."""

    def __init__(self, user: User) -> None:
        self.user = user

    def get_id(self) -> str:
        return self.user.id


def init_auth(app: Flask) -> None:
    """Wire sign-in, the request guard, rate limits and security headers into ``app``."""
    manager = LoginManager(app)
    manager.login_view = "auth.login"

    @manager.user_loader
    def _load(uid: str) -> SessionUser | None:
        store = get_store()
        user = get_user(store, uid)
        if user is None or not _session_alive(store, uid):
            for key in ("_user_id", "_fresh", "_id", "gv", "gt", "gs"):
                session.pop(key, None)
            return None
        return SessionUser(user)

    @manager.request_loader
    def _from_token(req: Any) -> SessionUser | None:
        header = req.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return None
        user = user_for_token(get_store(), header[len("Bearer "):].strip())
        return SessionUser(user) if user else None

    limiter = Limiter(get_remote_address, app=app, storage_uri="memory://", default_limits=[],
                      headers_enabled=False)
    app.extensions["graphcrm_limiter"] = limiter
    failed = lambda response: response.status_code != 302  # noqa: E731  (only failed sign-ins count)
    limited = limiter.limit("5 per 15 minutes", methods=["POST"], deduct_when=failed,
                            key_func=lambda: f"{get_remote_address()}|{_posted_name()}")
    limited_account = limiter.limit(ACCOUNT_LIMIT, methods=["POST"], deduct_when=failed,
                                    key_func=lambda: f"account|{_posted_name()}")
    limited_ip = limiter.limit("30 per 15 minutes", methods=["POST"], deduct_when=failed)
    app.view_functions["auth.login"] = limited_ip(limited_account(limited(app.view_functions["auth.login"])))

    app.before_request(_guard)
    app.after_request(_headers)
    app.register_error_handler(429, _too_many)

    @app.context_processor
    def _user() -> dict[str, Any]:
        return {"user": g.get("user"), "single_user": g.get("single_user", False)}


def _posted_name() -> str:
    """The posted sign-in name, normalised once (see ``sign_in_name``)."""
    return sign_in_name(request.form.get("name", ""))


def _session_alive(store: Any, uid: str) -> bool:
    """True while the session's version is the user's and neither timeout has passed."""
    now = _clock()
    idle = current_app.config.get("SESSION_IDLE_TIMEOUT") or IDLE_TIMEOUT
    lifetime = current_app.config.get("SESSION_LIFETIME") or LIFETIME
    started, seen = session.get("gt"), session.get("gs")
    if not isinstance(started, (int, float)) or not isinstance(seen, (int, float)):
        return False
    if session.get("gv") != session_version(store, uid) or now - started > float(lifetime) or now - seen > float(idle):
        return False
    if now - seen >= _SEEN_EVERY:
        session["gs"] = now
    return True


def single_user_allowed(app: Flask, store: Any) -> bool:
    """Single-user mode is possible: not turned off, and this database never had a user."""
    if str(app.config.get("SINGLE_USER", "auto")).lower() in ("0", "false", "off", "no"):
        return False
    if app.extensions.get("graphcrm_users_ever"):
        return False  # once true, always true: no need to ask the database again
    if users_ever(store):
        app.extensions["graphcrm_users_ever"] = True
        return False
    return True


def is_loopback(address: str | None) -> bool:
    """True for 127.0.0.0/8 and ::1."""
    try:
        return ipaddress.ip_address(address or "").is_loopback
    except ValueError:
        return False


def signed_in() -> User:
    """The user of this request (the guard has made sure there is one)."""
    return g.user


def _guard() -> Any:
    if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
        return None
    if current_user.is_authenticated:
        g.user = current_user.user
        return None
    if single_user_allowed(current_app, get_store()):
        if is_loopback(request.remote_addr):
            g.user, g.single_user = LOCAL_ADMIN, True
            return None
        return _deny(403, _("No user exists yet: create one with “graphcrm user add NAME --role admin”."))
    return _deny(401, _("Please sign in."))


def _deny(status: int, message: str) -> Any:
    if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
        return jsonify(error=message), status
    if status == 401:
        return redirect(url_for("auth.login", next=request.full_path))
    abort(status, message)


def require(*roles: str) -> Callable:
    """A view decorator: only users with one of ``roles`` (or admins) get through."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if denied := check_role(*roles):
                return denied
            return view(*args, **kwargs)

        return wrapper

    return decorate


def check_role(*roles: str) -> Any:
    """None when the user may go on, else the 403 response (usable in ``before_request``)."""
    user = g.get("user")
    if user is not None and user.can(*roles):
        return None
    message = _("Your role cannot do this.")
    if request.path.startswith("/api/"):
        return jsonify(error=message), 403
    abort(403, message)


def _headers(response: Any) -> Any:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _too_many(_error: Any) -> Any:
    if request.endpoint == "auth.login":
        flash(_("Too many failed sign-ins. Wait a few minutes and try again."), "error")
        return render_template("auth/login.html", next=request.form.get("next", "")), 429
    return jsonify(error="too_many_requests", message="too many requests: wait a minute and try again"), 429


def _safe_next(target: str | None) -> str:
    """Only same-site paths: never redirect to another host after sign-in."""
    if not target:
        return url_for("main.home")
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("main.home")
    return target


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    """The sign-in page."""
    if request.method == "GET":
        return render_template("auth/login.html", next=request.args.get("next", ""))
    name = _posted_name()
    password = request.form.get("password", "")[:1024]
    store = get_store()
    user = authenticate(store, name, password)
    if user is None:
        log.warning("failed sign-in for %r from %s", name, request.remote_addr)
        flash(_("Wrong user name or password."), "error")
        return render_template("auth/login.html", next=request.form.get("next", ""))
    log.info("%s signed in from %s", user.id, request.remote_addr)
    login_user(SessionUser(user))
    now = _clock()
    session.update(gv=session_version(store, user.id), gt=now, gs=now)
    return redirect(_safe_next(request.form.get("next")))


@bp.post("/logout")
def logout() -> Any:
    """Sign out (a POST with the CSRF token, so no other site can sign you out): every session
    of this user ends, copies of the cookie included."""
    user = g.get("user")
    if user is not None and not g.get("single_user"):
        end_sessions(get_store(), user.id)
    logout_user()
    return redirect(url_for("auth.login"))
