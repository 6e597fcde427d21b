"""Pages that are not tied to one area: home and health."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, send_file

from graphcrm.web.graph import vis_network_js

from graphcrm.web.app import get_store

bp = Blueprint("main", __name__)


@bp.get("/")
def home() -> str:
    """Home: what the graph holds, and where to go next."""
    counts = get_store().counts()
    return render_template("home.html", counts=counts, total=sum(counts.nodes.values()))


@bp.get("/healthz")
def health():
    """Liveness and the backend in use, for load balancers and the CLI."""
    store = get_store()
    return jsonify(status="ok", backend=store.describe()["backend"], schema_version=store.schema_version())


@bp.get("/vendor/vis-network.min.js")
def vis_network() -> Response:
    """vis-network from the installed pyvis package: graph pages need no internet."""
    response = send_file(vis_network_js(), mimetype="text/javascript", max_age=86400)
    return response
