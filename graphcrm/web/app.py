"""The Flask application factory."""

from __future__ import annotations

from typing import Any

import logging

from flask import Flask, current_app, g, jsonify, render_template, request, session
from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect

from graphcrm.store import Store, StoreUnavailable, open_store

LANGUAGES = ("en", "zh")


def create_app(config: dict[str, Any] | None = None, *, store: Store | None = None) -> Flask:
    """Build the app: defaults, then ``GRAPHCRM_*`` environment, then ``config``.

    Pass an open ``store`` to share one (the CLI does); otherwise the app opens
    ``DATABASE`` itself and closes it at exit.
    """
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY=None,
        DATABASE=None,
        BABEL_DEFAULT_LOCALE="en",
        BABEL_TRANSLATION_DIRECTORIES="translations",
        JSON_SORT_KEYS=False,
        MAX_CONTENT_LENGTH=50 * 1024 * 1024,
        UPLOAD_DIR=None,  # default: beside the database file (<db>.uploads), else a private temp folder
        UPLOAD_RETENTION_HOURS=24,  # previews never committed, and rejects, are deleted after this
        WTF_CSRF_TIME_LIMIT=None,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=False,  # set GRAPHCRM_SESSION_COOKIE_SECURE=true behind HTTPS
    )
    app.config.from_prefixed_env("GRAPHCRM")
    if config:
        app.config.from_mapping(config)
    if not app.config["SECRET_KEY"]:
        import secrets

        app.config["SECRET_KEY"] = secrets.token_hex(32)

    Babel(app, locale_selector=_select_locale)
    CSRFProtect(app)
    app.extensions["graphcrm"] = store or open_store(app.config["DATABASE"])
    if not getattr(app.extensions["graphcrm"], "read_only", False):
        app.extensions["graphcrm"].setup_schema()  # idempotent; an older database gets its migrations

    from graphcrm.web import api, attribution, auth, capture, dedupe, explore, imports, intake, leads, views, webforms

    app.register_blueprint(auth.bp)
    auth.init_auth(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(imports.bp)
    app.register_blueprint(explore.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(dedupe.bp)
    app.register_blueprint(attribution.bp)
    app.register_blueprint(leads.bp)
    app.register_blueprint(intake.bp)
    app.register_blueprint(capture.bp)
    intake.init_intake(app)
    app.register_blueprint(webforms.bp)  # after init_auth: it uses the limiter

    app.register_error_handler(StoreUnavailable, _unavailable)

    @app.context_processor
    def _languages() -> dict[str, Any]:
        return {"languages": LANGUAGES, "current_language": _select_locale()}

    return app


def _unavailable(error: StoreUnavailable) -> Any:
    """The database went away (Neo4j stopped, credentials changed): one line in the log, a page for people."""
    logging.getLogger("graphcrm.web").error("database unavailable: %s", error)
    if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
        return jsonify(error="database_unavailable", message="the graph database is not reachable; try again later"), 503
    try:
        return render_template("unavailable.html"), 503
    except StoreUnavailable:  # the layout itself needed the database
        return "The graph database is not available. Try again in a minute.", 503


def get_store() -> Store:
    """The store of the running app."""
    return current_app.extensions["graphcrm"]


def _select_locale() -> str:
    """The page's own language (a public web form's), else ``?lang=``, the session, then Accept-Language."""
    if g.get("form_language") in LANGUAGES:
        return g.form_language
    chosen = request.args.get("lang")
    if chosen in LANGUAGES:
        session["lang"] = chosen
        return chosen
    if session.get("lang") in LANGUAGES:
        return session["lang"]
    return request.accept_languages.best_match(LANGUAGES) or "en"
