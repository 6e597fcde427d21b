"""The attribution pages: one model's table and chart, all models compared, the funnel, exports.

The journeys are fetched once per period and reused (refetched in the background once older
than ``CACHE_SECONDS``), so switching the model or the grouping costs only the model itself. Charts are inline SVG drawn on the server
(they work offline and need no script); the tables sort in the page with ``static/attribution.js``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from graphcrm.attribution import journeys
from graphcrm.attribution.export import table_csv, table_xlsx
from graphcrm.attribution.flow import flow
from graphcrm.attribution.funnel import RATES, STAGES, fetch_owners, funnel, totals
from graphcrm.attribution.lead import LeadJourney, lead_journey
from graphcrm.attribution.paths import common_paths
from graphcrm.attribution.report import MODELS, compare, report, run_model
from graphcrm.web.app import get_store
from graphcrm.web.auth import check_role

bp = Blueprint("attribution", __name__, url_prefix="/attribution")
bp.before_request(lambda: check_role("analyst"))  # company-wide credit, cost and ROI: analysts and admins

CACHE_KEY = "graphcrm_attribution_cache"
CACHE_SECONDS = 120
CHART_ROWS = 12
TABLE_ROWS = 300  # rows shown in a page; the exports have them all
PATH_ROWS = 50
FLOW_CAMPAIGNS = 20
PATH_ORDERS = {"leads": _l("Most leads"), "conversions": _l("Most conversions")}
MODEL_NAMES = {
    "first": _l("First touch"), "last": _l("Last touch"), "linear": _l("Linear"),
    "position": _l("Position (40/20/40)"), "w_shaped": _l("W-shaped"), "time_decay": _l("Time decay"),
    "markov": _l("Markov chain"), "shapley": _l("Shapley value"),
}
BY_NAMES = {"source": _l("Source"), "campaign": _l("Campaign")}
FUNNEL_BY_NAMES = {"source": _l("Source"), "campaign": _l("First-touch campaign"), "rep": _l("Owner"),
                   "period": _l("Month created")}
STAGE_NAMES = {"lead": _l("Leads"), "working": _l("Working"), "qualified": _l("Qualified"),
               "opportunity": _l("Opportunity"), "won": _l("Won")}
PALETTE = ("#2f6fde", "#e08a1e", "#2e9d5b", "#d64545", "#8b5cf6", "#0ea5a4", "#a16207", "#64748b")


@dataclass
class _Entry:
    at: float
    frames: dict[str, pd.DataFrame]
    built: dict[str, journeys.Journeys]
    results: dict[tuple[str, ...], Any] = field(default_factory=dict)
    refreshing: bool = False


def _period() -> tuple[date | None, date | None]:
    """``since``/``until`` from the query string (YYYY-MM-DD, both inclusive); bad dates are ignored."""
    def day(name: str) -> date | None:
        try:
            return datetime.strptime(request.args.get(name, ""), "%Y-%m-%d").date()
        except ValueError:
            return None
    return day("since"), day("until")


def _choice(name: str, allowed: tuple[str, ...] | list[str], default: str) -> str:
    value = request.args.get(name, default)
    return value if value in allowed else default


def _journeys(by: str, since: date | None, until: date | None) -> journeys.Journeys:
    """Journeys of the period (cached per app for ``CACHE_SECONDS``; ``?refresh=1`` refetches)."""
    entry = _entry(since, until)
    if by not in entry.built:
        f = entry.frames
        entry.built[by] = journeys.build(f["touches"], f["leads"], f["conversions"], f["campaigns"], by=by)  # type: ignore[arg-type]
    return entry.built[by]


def _cached(since: date | None, until: date | None, key: tuple[str, ...], compute: Any) -> Any:
    """A model result of the period, computed once per cache lifetime."""
    entry = _entry(since, until)
    if key not in entry.results:
        entry.results[key] = compute()
    return entry.results[key]


def _entry(since: date | None, until: date | None) -> _Entry:
    """The fetched journeys of the period: fetched on first use (or ``?refresh=1``); once older than
    ``ATTRIBUTION_CACHE_SECONDS`` they are still served while a background thread fetches them anew."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    cache = app.extensions.setdefault(CACHE_KEY, {})
    lock = app.extensions.setdefault(CACHE_KEY + "_lock", threading.Lock())
    key = (since, until)
    with lock:
        entry = cache.get(key)
        if entry is None or request.args.get("refresh"):
            entry = _fetch(since, until)
            cache.clear()  # one period at a time: the frames are large
            cache[key] = entry
        elif time.monotonic() - entry.at >= app.config.get("ATTRIBUTION_CACHE_SECONDS", CACHE_SECONDS) \
                and not entry.refreshing:
            entry.refreshing = True
            threading.Thread(target=_refresh, args=(app, key, entry), daemon=True,
                             name="attribution-refresh").start()
        return entry


def warm(app: Any) -> threading.Thread:
    """Fetch the all-time journeys in the background (``graphcrm serve`` does at start), so the
    first attribution page is served from the cache instead of paying the fetch."""
    lock = app.extensions.setdefault(CACHE_KEY + "_lock", threading.Lock())

    def run() -> None:
        with app.app_context():
            try:
                entry = _fetch(None, None)
                f = entry.frames
                for by in ("source", "campaign"):
                    entry.built[by] = journeys.build(f["touches"], f["leads"], f["conversions"], f["campaigns"],
                                                     by=by)  # type: ignore[arg-type]
            except Exception:  # an empty or closing store: pages fetch on first use as before
                app.logger.exception("attribution: warming the journeys failed")
                return
            with lock:
                app.extensions.setdefault(CACHE_KEY, {}).setdefault((None, None), entry)

    thread = threading.Thread(target=run, daemon=True, name="attribution-warm")
    thread.start()
    return thread


def _fetch(since: date | None, until: date | None) -> _Entry:
    end = until + timedelta(days=1) if until else None
    return _Entry(time.monotonic(), journeys.fetch_frames(get_store(), since=since, until=end), {})


def _refresh(app: Any, key: tuple[date | None, date | None], stale: _Entry) -> None:
    with app.app_context():
        try:
            fresh = _fetch(*key)
        except Exception:  # the store may be closing; the stale entry stays and is retried later
            app.logger.exception("attribution: refreshing the journeys failed")
            stale.refreshing = False
            return
        with app.extensions[CACHE_KEY + "_lock"]:
            cache = app.extensions[CACHE_KEY]
            if cache.get(key) is stale:
                cache[key] = fresh


def _query(**changes: Any) -> dict[str, Any]:
    """The current query string with some values changed (for links)."""
    args = {k: v for k, v in request.args.items() if k not in ("refresh", "lang")}
    args.update({k: v for k, v in changes.items() if v is not None})
    return args


def bar_chart(labels: list[str], series: list[tuple[str, list[float]]], *, width: int = 760) -> dict[str, Any]:
    """Geometry of a horizontal bar chart (one group per label, one bar per series), for the SVG macro.

    Negative values (Shapley can give them) extend left of the zero line.
    """
    label_width, bar, gap, pad = 220, 14 if len(series) == 1 else 7, 10, 6
    values = np.array([v for _, vs in series for v in vs] or [0.0], dtype=float)
    low, high = min(0.0, float(values.min())), max(0.0, float(values.max()))
    span = (high - low) or 1.0
    plot = width - label_width - 90
    zero = label_width + (0 - low) / span * plot
    groups, y = [], pad
    for i, label in enumerate(labels):
        bars = []
        for s, (name, vs) in enumerate(series):
            v = float(vs[i])
            x = zero + min(v, 0) / span * plot
            bars.append({"x": round(x, 1), "y": y + s * bar, "w": round(abs(v) / span * plot, 1), "h": bar - 1,
                         "color": PALETTE[s % len(PALETTE)], "value": v, "series": name,
                         "tx": round(zero + max(v, 0) / span * plot + 4, 1)})
        height = bar * len(series)
        groups.append({"label": label, "y": y, "mid": y + height / 2 + 4, "bars": bars})
        y += height + gap
    return {"width": width, "height": y + pad, "zero": round(zero, 1), "groups": groups,
            "legend": [(name, PALETTE[s % len(PALETTE)]) for s, (name, _) in enumerate(series)] if len(series) > 1
            else [], "label_width": label_width}


@bp.get("/")
def index() -> str:
    """One model: the credit table per source or campaign, with cost, CPL and ROI, and a chart."""
    model = _choice("model", MODELS, "linear")
    by = _choice("by", ("source", "campaign"), "source")
    since, until = _period()
    started = time.perf_counter()
    result = _cached(since, until, ("model", by, model), lambda: report(_journeys(by, since, until), model))
    rows = result.table.head(TABLE_ROWS).to_dict("records")
    top = rows[:CHART_ROWS]
    chart = bar_chart([str(r["name"]) for r in top], [(str(MODEL_NAMES[model]), [r["conversions"] for r in top])])
    return render_template("attribution/index.html", model=model, by=by, since=since, until=until, result=result,
                           rows=rows, total_rows=len(result.table), chart=chart, models=MODEL_NAMES, bys=BY_NAMES,
                           query=_query, seconds=time.perf_counter() - started)


@bp.get("/compare")
def compare_models() -> str:
    """Every model side by side: credited conversions per channel, one bar per model."""
    by = _choice("by", ("source", "campaign"), "source")
    since, until = _period()
    table = _cached(since, until, ("compare", by), lambda: compare(_journeys(by, since, until), MODELS))
    top = table.head(CHART_ROWS)
    chart = bar_chart([str(n) for n in top["name"]], [(str(MODEL_NAMES[m]), top[m].tolist()) for m in MODELS])
    return render_template("attribution/compare.html", by=by, since=since, until=until,
                           rows=table.head(TABLE_ROWS).to_dict("records"), total_rows=len(table), chart=chart, models=MODEL_NAMES, bys=BY_NAMES, query=_query)


@bp.get("/funnel")
def funnel_page() -> str:
    """Leads per stage and the rates between stages, grouped by source, campaign, owner or month."""
    by = _choice("by", ("source", "campaign", "rep", "period"), "source")
    table = _funnel(by)
    whole = totals(table)
    chart = bar_chart([str(STAGE_NAMES[s]) for s in STAGES], [(str(_l("Leads")), [float(whole[s]) for s in STAGES])])
    return render_template("attribution/funnel.html", by=by, rows=table.to_dict("records"), whole=whole, chart=chart,
                           stages=STAGES, stage_names=STAGE_NAMES, bys=FUNNEL_BY_NAMES, rates=RATES, query=_query)


def _funnel(by: str) -> pd.DataFrame:
    since, until = _period()

    def compute() -> pd.DataFrame:
        frames = dict(_entry(since, until).frames)
        if by == "rep":
            frames["owners"] = fetch_owners(get_store())
        return funnel(frames, by)  # type: ignore[arg-type]

    return _cached(since, until, ("funnel", by), compute)


def _paths(by: str, order: str) -> pd.DataFrame:
    since, until = _period()
    return _cached(since, until, ("paths", by, order),
                   lambda: common_paths(_journeys(by, since, until), top=PATH_ROWS, by=order))


@bp.get("/paths")
def paths_page() -> str:
    """The most common channel paths, with how many leads took each and how many converted."""
    by = _choice("by", ("source", "campaign"), "source")
    order = _choice("order", ("leads", "conversions"), "leads")
    return render_template("attribution/paths.html", by=by, order=order, rows=_paths(by, order).to_dict("records"),
                           bys=BY_NAMES, orders=PATH_ORDERS, query=_query)


FLOW_STYLE = {
    "source": {"shape": "triangle", "color": "#14b8a6"}, "campaign": {"shape": "diamond", "color": "#8b5cf6"},
    "other": {"shape": "box", "color": {"background": "#f8fafc", "border": "#94a3b8"}},
    "won": {"shape": "square", "color": "#2e9d5b"}, "converted": {"shape": "square", "color": "#eab308"},
    "lost": {"shape": "dot", "color": "#cbd5e1"},
}
FLOW_OPTIONS = {
    "layout": {"hierarchical": {"enabled": True, "direction": "LR", "sortMethod": "directed",
                                "levelSeparation": 330, "nodeSpacing": 46}},
    "physics": {"enabled": False},
    "interaction": {"hover": True, "tooltipDelay": 120},
    "nodes": {"font": {"size": 13, "face": "system-ui, 'Noto Sans CJK SC', sans-serif"},
              "scaling": {"min": 8, "max": 30}},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.4}}, "color": {"color": "#94a3b8", "opacity": 0.7},
              "smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.5},
              "scaling": {"min": 1, "max": 14}},
}


@bp.get("/flow")
def flow_page() -> str:
    """Sources -> campaigns -> outcomes, edge width by leads touched or by a model's credit."""
    width = _choice("width", ("volume", "credit"), "volume")
    model = _choice("model", MODELS, "linear")
    since, until = _period()
    j = _journeys("campaign", since, until)
    credits = None
    if width == "credit":
        credits = _cached(since, until, ("credits", model), lambda: run_model(j, model))
    words = {"won": str(_l("Won")), "converted": str(_l("Converted, not won yet")), "lost": str(_l("Not converted")),
             "converted_all": str(_l("Converted")), "other": str(_l("Other campaigns")), "leads": str(_l("leads")),
             "credit": str(_l("credited conversions"))}
    data = flow(j, credits=credits, top=FLOW_CAMPAIGNS, names=words)
    for n in data["nodes"]:
        n.update(FLOW_STYLE[n.pop("kind")])
        n["label"] = n["label"] if len(n["label"]) <= 30 else n["label"][:29] + "…"
    return render_template("attribution/flow.html", width=width, model=model, data={**data, "options": FLOW_OPTIONS},
                           models=MODEL_NAMES, query=_query, top=FLOW_CAMPAIGNS)


@bp.get("/lead")
def lead_lookup() -> Any:
    """The lead-journey form's target: ``?id=`` redirects to the lead's journey."""
    lead_id = request.args.get("id", "").strip()
    if not lead_id:
        return redirect(url_for("attribution.paths_page"))
    return redirect(url_for("attribution.lead_page", lead_id=lead_id))


@bp.get("/lead/<path:lead_id>")
def lead_page(lead_id: str) -> str:
    """One lead's journey as a timeline: its touches, its milestones and each touch's share per model."""
    journey = lead_journey(get_store(), lead_id)
    if journey is None:
        abort(404)
    return render_template("attribution/lead.html", journey=journey, timeline=timeline(journey),
                           rules=[m for m in MODELS if m not in ("markov", "shapley")], models=MODEL_NAMES)


def timeline(journey: LeadJourney, *, width: int = 960) -> dict[str, Any]:
    """Geometry of the journey's SVG timeline: touches as dots on one row per source, milestones as lines."""
    touches = journey.touches
    moments = [t for t in [*touches["at"], journey.created_at, journey.converted_at] if t is not None and pd.notna(t)]
    if not moments:
        return {"width": width, "height": 60, "rows": [], "dots": [], "marks": []}
    start, end = min(moments), max(moments)
    span = max((end - start).total_seconds(), 1.0)
    left, right, row_height = 170, 30, 34
    sources = sorted({str(s) for s in touches["source"]})
    row_of = {source: i for i, source in enumerate(sources)}

    def x(moment: Any) -> float:
        return round(left + (pd.Timestamp(moment) - start).total_seconds() / span * (width - left - right), 1)

    top = 30
    dots = [{"x": x(t.at), "y": top + row_of[str(t.source)] * row_height + row_height / 2,
             "r": round(4 + 8 * float(t.linear) ** 0.5, 1), "counted": bool(t.counted),
             "color": PALETTE[row_of[str(t.source)] % len(PALETTE)],
             "title": f"{t.at:%Y-%m-%d %H:%M} · {t.name} ({t.key}) · {t.kind or ''}"} for t in touches.itertuples()]
    height = top + len(sources) * row_height + 30
    marks = [{"x": x(m), "label": label, "when": f"{pd.Timestamp(m):%Y-%m-%d}"}
             for m, label in ((journey.created_at, str(_l("Lead created"))),
                              (journey.converted_at, str(_l("Converted to an opportunity")))) if m is not None]
    rows = [{"label": source, "y": top + i * row_height + row_height / 2 + 4} for i, source in enumerate(sources)]
    return {"width": width, "height": height, "rows": rows, "dots": dots, "marks": marks,
            "start": f"{start:%Y-%m-%d}", "end": f"{end:%Y-%m-%d}", "left": left, "axis": height - 14}


@bp.get("/export.<fmt>")
def export(fmt: str) -> Response:
    """The table of a view as CSV or XLSX: ``?view=model|compare|funnel`` with the page's options."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    view = _choice("view", ("model", "compare", "funnel", "paths"), "model")
    since, until = _period()
    if view == "paths":
        by = _choice("by", ("source", "campaign"), "source")
        order = _choice("order", ("leads", "conversions"), "leads")
        table, name = _paths(by, order), f"paths-by-{by}"
    elif view == "funnel":
        by = _choice("by", ("source", "campaign", "rep", "period"), "source")
        table, name = _funnel(by), f"funnel-by-{by}"
    elif view == "compare":
        by = _choice("by", ("source", "campaign"), "source")
        table = _cached(since, until, ("compare", by), lambda: compare(_journeys(by, since, until), MODELS))
        name = f"models-by-{by}"
    else:
        by = _choice("by", ("source", "campaign"), "source")
        model = _choice("model", MODELS, "linear")
        result = _cached(since, until, ("model", by, model), lambda: report(_journeys(by, since, until), model))
        table, name = result.table, f"{model}-by-{by}"
    if fmt == "csv":
        body, mime = table_csv(table), "text/csv; charset=utf-8"
    else:
        body, mime = table_xlsx(table, title=name), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(body, mimetype=mime, headers={"Content-Disposition": f"attachment; filename={name}.{fmt}"})
