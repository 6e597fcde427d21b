"""The ``graphcrm`` command line: thin click wrappers over the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from graphcrm import __version__
from graphcrm.ingest.fields import Kind
from graphcrm.store import Store, StoreError, open_store, resolve_uri


class Context:
    """What every command shares: the database URI and the store, opened on demand."""

    def __init__(self, db: str | None) -> None:
        self.uri = resolve_uri(db)
        self._store: Store | None = None

    def store(self, *, read_only: bool = False, create: bool = True) -> Store:
        """Open the store once; embedded files that don't exist yet are refused unless ``create``."""
        if self._store is None:
            if not create and _is_path(self.uri) and not Path(self.uri.removeprefix("ladybug://")).exists():
                fail(f"no database at {self.uri}: run `graphcrm --db {self.uri} init` or `graphcrm demo`")
            self._store = open_store(self.uri, read_only=read_only)
        return self._store

    def close(self) -> None:
        """Close the store if it was opened."""
        if self._store is not None:
            self._store.close()
            self._store = None


def _is_path(uri: str) -> bool:
    return "://" not in uri or uri.startswith("ladybug://")


def fail(message: str) -> NoReturn:
    """Print one line on stderr and exit 1 (no traceback for expected failures)."""
    click.echo(f"graphcrm: {message}", err=True)
    sys.exit(1)


pass_ctx = click.make_pass_decorator(Context)


class _Group(click.Group):
    """Turns store errors (a locked database, an unreachable server) into one line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StoreError as exc:
            fail(str(exc))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar="GRAPHCRM_DB",
    metavar="URI",
    help="Database: a file path or ladybug://PATH (embedded, default ./graphcrm.lbug), "
    "or neo4j://, neo4j+s://, bolt://, bolt+s:// for Neo4j.",
)
@click.version_option(__version__, prog_name="graphcrm")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """graphcrm: explore leads, companies, contacts, campaigns and reps as a graph."""
    ctx.obj = Context(db)
    ctx.call_on_close(ctx.obj.close)


@cli.command()
@pass_ctx
def init(ctx: Context) -> None:
    """Create the graph schema (safe to run again: it changes nothing then)."""
    store = ctx.store()
    version = store.setup_schema()
    click.echo(f"schema version {version} ready in {store.describe()['location']}")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@pass_ctx
def info(ctx: Context, as_json: bool) -> None:
    """Show the backend, schema version and node/relationship counts."""
    store = ctx.store(read_only=True, create=False)
    about = store.describe()
    counts = store.counts()
    report = {**about, "schema_version": store.schema_version(), **counts.as_dict()}
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2, default=str))
        return
    click.echo(f"backend:        {about['backend']} {about['version']}")
    click.echo(f"location:       {about['location']}")
    click.echo(f"schema version: {report['schema_version']}")
    click.echo("nodes:")
    for label, n in counts.nodes.items():
        click.echo(f"  {label:<20}{n:>12,}")
    click.echo("relationships:")
    for rel, n in counts.relationships.items():
        click.echo(f"  {rel:<20}{n:>12,}")


def serve_options(func: Any) -> Any:
    """Host/port/threads options shared by ``serve`` and ``demo``."""
    func = click.option("--threads", default=4, show_default=True, help="Worker threads.")(func)
    func = click.option("--port", default=5000, show_default=True, help="Port to listen on.")(func)
    func = click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")(func)
    return func


@cli.command()
@serve_options
@click.option("--maintain-every", type=float, default=0, show_default=True, metavar="HOURS",
              help="Also run `graphcrm maintain` every HOURS while serving (0: never).")
@pass_ctx
def serve(ctx: Context, host: str, port: int, threads: int, maintain_every: float) -> None:
    """Serve the web UI with waitress (one process, several threads)."""
    store = ctx.store()
    store.setup_schema()
    schedule = None
    if maintain_every > 0:
        from graphcrm.manage.schedule import MaintenanceSchedule

        schedule = MaintenanceSchedule(
            store, maintain_every * 3600,
            on_report=lambda r: click.echo(f"maintain: {r.rescored.changed:,} scores changed, "
                                           f"{r.overdue_flagged:,} overdue flagged, {len(r.recycled):,} leads to the pool"),
            on_error=lambda exc: click.echo(f"maintain failed: {exc}", err=True),
        ).start()
    try:
        run_server(store, host, port, threads)
    finally:
        if schedule:
            schedule.stop()


def run_server(store: Store, host: str, port: int, threads: int) -> None:
    """Serve the app on ``host:port`` until interrupted."""
    from waitress import serve as waitress_serve

    from graphcrm.web import create_app

    app = create_app(store=store)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    click.echo(f"graphcrm serving {store.describe()['location']} at http://{shown}:{port}/ (Ctrl+C to stop)")
    waitress_serve(app, host=host, port=port, threads=threads, ident="graphcrm")


@cli.command()
@click.option("--leads", default=5000, show_default=True, help="How many leads to generate.")
@click.option("--seed", default=7, show_default=True, help="Random seed (same seed, same data).")
@click.option("--reset", is_flag=True, help="Empty the database first if it holds other data.")
@click.option("--no-serve", is_flag=True, help="Load the data and exit without serving the UI.")
@serve_options
@pass_ctx
def demo(
    ctx: Context, leads: int, seed: int, reset: bool, no_serve: bool, host: str, port: int, threads: int
) -> None:
    """Load a realistic demo CRM into the database and serve the UI."""
    from graphcrm.demo.load import DemoExists, load_demo

    store = ctx.store()
    store.setup_schema()
    try:
        report = load_demo(store, leads=leads, seed=seed, reset=reset, progress=sys.stderr.isatty())
    except DemoExists as exc:
        fail(str(exc))
    click.echo(report.summary())
    if not no_serve:
        run_server(store, host, port, threads)


@cli.command("import")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice([k.value for k in Kind]), help="What the files hold (inferred from headers if omitted).")
@click.option("--source-system", metavar="NAME", help="The system the records come from (inferred from headers if omitted).")
@click.option("--mapping", "mapping_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A TOML or JSON column mapping: {kind, source_system, fields = {field = column}}.")
@click.option("--map", "maps", multiple=True, metavar="FIELD=COLUMN", help="Fill FIELD from COLUMN (repeatable).")
@click.option("--region", default="US", show_default=True, help="Default country for phone numbers without one (CN, US, ...).")
@click.option("--sheet", help="XLSX/XLS sheet name or 0-based index (default: the first).")
@click.option("--dry-run", is_flag=True, help="Show what would be created, updated and rejected; write nothing.")
@click.option("--rejects", "rejects_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write rejected rows (default ./rejects-BATCH.csv when there are any).")
@click.option("--undo", "undo_batch_id", metavar="BATCH_ID", help="Undo an earlier import batch instead.")
@click.option("--list", "list_batches", is_flag=True, help="List earlier import batches instead.")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@pass_ctx
def import_(
    ctx: Context,
    files: tuple[Path, ...],
    kind: str | None,
    source_system: str | None,
    mapping_file: Path | None,
    maps: tuple[str, ...],
    region: str,
    sheet: str | None,
    dry_run: bool,
    rejects_path: Path | None,
    undo_batch_id: str | None,
    list_batches: bool,
    as_json: bool,
) -> None:
    """Import CSV/TSV, XLSX/XLS, VCF or JSON-lines exports into the graph (one batch, undoable)."""
    from graphcrm.ingest import ImportFileError, ImportOptions, UndoError, import_files, undo_batch
    from graphcrm.ingest.console import print_batches, print_report, print_undo, progress_bar

    store = ctx.store()
    store.setup_schema()
    if list_batches:
        batches = store.read("ingest/batch_list", limit=50)
        click.echo(json.dumps(batches, default=str, indent=2) if as_json else print_batches(batches))
        return
    if undo_batch_id:
        try:
            undone = undo_batch(store, undo_batch_id)
        except UndoError as exc:
            fail(str(exc))
        click.echo(json.dumps(undone.as_json(), indent=2) if as_json else print_undo(undone))
        return
    if not files:
        fail("give one or more FILES to import (or --undo BATCH_ID, or --list)")
    overrides = {}
    for item in maps:
        field_name, sep, column = item.partition("=")
        if not sep or not field_name.strip() or not column.strip():
            fail(f"--map takes FIELD=COLUMN, got {item!r}")
        overrides[field_name.strip()] = column.strip()
    options = ImportOptions(
        kind=Kind(kind) if kind else None,
        source_system=source_system,
        mapping_file=mapping_file,
        overrides=overrides,
        region=region.upper(),
        sheet=int(sheet) if sheet and sheet.isdigit() else sheet,
        dry_run=dry_run,
        rejects_path=rejects_path or Path("rejects-{batch}.csv"),
    )
    show_progress = not as_json and sys.stderr.isatty()
    try:
        with progress_bar(show_progress) as advance:
            report = import_files(store, list(files), options, progress=advance)
    except ImportFileError as exc:
        fail(str(exc))
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(print_report(report))


# -- lead management (issue 7) ------------------------------------------------------------------


def _clock_option(func: Any) -> Any:
    return click.option("--now", "now_text", metavar="YYYY-MM-DDTHH:MM",
                        help="Act as if it were this UTC time (default: now).")(func)


def _clock(now_text: str | None) -> Any:
    from graphcrm.manage.clock import SYSTEM, FixedClock

    if not now_text:
        return SYSTEM
    from datetime import datetime

    try:
        return FixedClock(datetime.fromisoformat(now_text).replace(tzinfo=None))
    except ValueError:
        fail(f"--now takes an ISO date and time, got {now_text!r}")


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


@cli.group()
def leads() -> None:
    """Work with leads: list them by owner, status, rating or overdue follow-up."""


@leads.command("list")
@click.option("--owner", metavar="REP_ID", help="Only leads this rep owns now.")
@click.option("--status", type=click.Choice(["new", "working", "qualified", "disqualified", "converted"]))
@click.option("--rating", type=click.Choice(["hot", "warm", "cold"]))
@click.option("--overdue", is_flag=True, help="Only leads whose next follow-up date has passed.")
@click.option("--pool", "in_pool", is_flag=True, help="Only leads in the pool.")
@click.option("--sort", default="score", show_default=True,
              type=click.Choice(["score", "status", "last_activity_at", "next_followup_at", "name"]))
@click.option("--limit", default=50, show_default=True, help="At most this many (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@_clock_option
@pass_ctx
def leads_list(ctx: Context, owner: str | None, status: str | None, rating: str | None, overdue: bool,
               in_pool: bool, sort: str, limit: int, as_json: bool, now_text: str | None) -> None:
    """List leads, highest score first (or --sort)."""
    from graphcrm.manage.listing import filter_leads, sort_leads

    store = ctx.store(read_only=True, create=False)
    rows = store.read("manage/leads_all", status=status or "")
    if owner:
        rows = [r for r in rows if r["owner_id"] == owner]
    if in_pool:
        rows = [r for r in rows if r["pool_since"] is not None]
    found = sort_leads(filter_leads(rows, rating=rating, overdue=overdue, now=_clock(now_text).now()), sort)
    shown = found[:limit] if limit else found
    if as_json:
        _echo_json({"total": len(found), "leads": shown})
        return
    for r in shown:
        score = "" if r["score"] is None else f"{r['score']:.0f}"
        owner = r["owner_name"] or ("pool" if r["pool_since"] else "-")
        click.echo(f"{r['id']:<28} {score:>4} {r['rating'] or '-':<5} {r['status'] or '-':<12} {owner:<18} {r['name'] or ''}")
    click.echo(f"{len(shown)} of {len(found)} leads")


@cli.command()
@click.option("--dry-run", is_flag=True, help="Show where each lead would go; assign nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@_clock_option
@pass_ctx
def assign(ctx: Context, dry_run: bool, as_json: bool, now_text: str | None) -> None:
    """Apply the assignment rules to unassigned leads, printing which rule fired for each."""
    from graphcrm.manage.assignment import run_assignment

    store = ctx.store(create=False)
    store.setup_schema()
    decisions = run_assignment(store, dry_run=dry_run, clock=_clock(now_text))
    if as_json:
        _echo_json({"dry_run": dry_run, "decisions": [
            {"lead": d.lead_id, "rule": d.rule, "rep": d.rep_id, "why": d.why} for d in decisions]})
        return
    for d in decisions:
        click.echo(f"{d.lead_id:<28} {d.rule or '(no rule)':<24} -> {d.rep_id or 'pool'} ({d.why})")
    to_pool = sum(d.to_pool for d in decisions)
    verb = "would be" if dry_run else "were"
    click.echo(f"{len(decisions) - to_pool} leads {verb} assigned, {to_pool} {verb} put in the pool")


@cli.command()
@click.argument("lead_id", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@_clock_option
@pass_ctx
def score(ctx: Context, lead_id: str | None, as_json: bool, now_text: str | None) -> None:
    """Rescore every lead (bulk), or explain one lead's score when LEAD_ID is given."""
    from graphcrm.manage.maintain import explain_lead, rescore
    from graphcrm.manage.status import LeadNotFound

    store = ctx.store(create=False)
    store.setup_schema()
    clock = _clock(now_text)
    if lead_id:
        try:
            result = explain_lead(store, lead_id, clock=clock)
        except LeadNotFound:
            fail(f"no lead {lead_id!r}")
        if as_json:
            _echo_json({"lead": lead_id, "score": result.score, "rating": result.rating, "reasons": result.lines()})
            return
        click.echo(f"{lead_id}: {result.score:g} ({result.rating})")
        for line in result.lines():
            click.echo(f"  {line}")
        return
    done = rescore(store, clock=clock)
    if as_json:
        _echo_json(done.__dict__)
        return
    click.echo(f"scored {done.leads:,} leads, {done.changed:,} changed; "
               + ", ".join(f"{k} {v:,}" for k, v in done.ratings.items()))


@cli.command()
@click.argument("lead_id", required=False)
@click.option("--company", "company_id", metavar="ID", help="Attach the contact to this company (default: a new one).")
@click.option("--company-name", help="Name of the new company (default: the lead's company name).")
@click.option("--opportunity-amount", type=float, help="Also open an opportunity for this amount.")
@click.option("--opportunity-stage", default="Prospecting", show_default=True)
@click.option("--by", "by_rep", metavar="REP_ID", help="Who converts (recorded in the history).")
@click.option("--undo", "undo_id", metavar="CONVERSION_ID", help="Undo an earlier conversion instead.")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@_clock_option
@pass_ctx
def convert(ctx: Context, lead_id: str | None, company_id: str | None, company_name: str | None,
            opportunity_amount: float | None, opportunity_stage: str, by_rep: str | None, undo_id: str | None,
            as_json: bool, now_text: str | None) -> None:
    """Convert a qualified lead into a contact (+ company, + opportunity), or --undo a conversion."""
    from graphcrm.manage.conversion import ConversionError, OpportunitySpec, undo_conversion
    from graphcrm.manage.conversion import convert as convert_lead
    from graphcrm.manage.status import LeadNotFound

    store = ctx.store(create=False)
    store.setup_schema()
    clock = _clock(now_text)
    try:
        if undo_id:
            undo_conversion(store, undo_id, by=by_rep, clock=clock)
            _echo_json({"undone": undo_id}) if as_json else click.echo(f"conversion {undo_id} undone")
            return
        if not lead_id:
            fail("give a LEAD_ID to convert (or --undo CONVERSION_ID)")
        opportunity = None
        if opportunity_amount is not None:
            opportunity = OpportunitySpec(amount=opportunity_amount, stage=opportunity_stage)
        done = convert_lead(store, lead_id, by=by_rep, company_id=company_id, company_name=company_name,
                            opportunity=opportunity, clock=clock)
    except LeadNotFound:
        fail(f"no lead {lead_id!r}")
    except ConversionError as exc:
        fail(str(exc))
    if as_json:
        _echo_json(done.__dict__)
        return
    click.echo(f"converted {lead_id}: contact {done.contact_id}, "
               f"{'new ' if done.company_created else ''}company {done.company_id}"
               + (f", opportunity {done.opportunity_id}" if done.opportunity_id else ""))
    click.echo(f"undo with: graphcrm convert --undo {done.conversion_id}")


@cli.command()
@click.option("--neglect-days", type=float, help="Days without a follow-up before a lead returns to the pool "
              "(default: the assignment configuration's [pool] neglect_days).")
@click.option("--no-recycle", is_flag=True, help="Do not return neglected leads to the pool.")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@_clock_option
@pass_ctx
def maintain(ctx: Context, neglect_days: float | None, no_recycle: bool, as_json: bool, now_text: str | None) -> None:
    """Rescore leads, flag overdue follow-ups and return neglected leads to the pool."""
    from graphcrm.manage.maintain import maintain as run_maintain

    store = ctx.store(create=False)
    store.setup_schema()
    report = run_maintain(store, clock=_clock(now_text), neglect_days=neglect_days, recycle=not no_recycle)
    if as_json:
        _echo_json(report.as_json())
        return
    r = report.rescored
    click.echo(f"scored {r.leads:,} leads ({r.changed:,} changed: "
               + ", ".join(f"{k} {v:,}" for k, v in r.ratings.items()) + ")")
    click.echo(f"follow-up dates synced from activities: {report.followups_synced:,}")
    click.echo(f"overdue follow-ups flagged: {report.overdue_flagged:,}, cleared: {report.overdue_cleared:,}")
    click.echo(f"neglected leads returned to the pool: {len(report.recycled):,}")
    click.echo(f"done in {report.seconds:.1f} s")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="graphcrm")


if __name__ == "__main__":
    main()
