"""The ``graphcrm`` command line: thin click wrappers over the library."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from graphcrm import __version__
from graphcrm.auth.users import UserError
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
            try:
                self._store = open_store(self.uri, read_only=read_only)
            except ValueError as exc:  # an unsupported URI or a bad GRAPHCRM_BUFFER_POOL_MB
                fail(str(exc))
            if not create:  # a command that reads what init made: say so if it is not (all) there
                _check_schema(self._store)
        return self._store

    def close(self) -> None:
        """Close the store if it was opened."""
        if self._store is not None:
            self._store.close()
            self._store = None


def _check_schema(store: Store) -> None:
    where = store.describe()["location"]  # never the URI as given: it may carry a password
    if store.schema_version() is None:
        fail(f"no graphcrm schema in {where}: run `graphcrm --db URI init` or `graphcrm demo` first")
    if problems := store.schema_problems():
        fail(f"the database in {where} lacks the {', '.join(problems[:5])}"
             f"{f' and {len(problems) - 5} more' if len(problems) > 5 else ''}: run `graphcrm --db URI init` to create them")


def _is_path(uri: str) -> bool:
    return "://" not in uri or uri.startswith("ladybug://")


def fail(message: str) -> NoReturn:
    """Print one line on stderr and exit 1 (no traceback for expected failures)."""
    click.echo(f"graphcrm: {message}", err=True)
    sys.exit(1)


pass_ctx = click.make_pass_decorator(Context)


class _Group(click.Group):
    """Turns store errors (a locked database, an unreachable server) into one line.

    Any other unexpected exception is a bug: its traceback goes to a log file and the
    person sees one line saying where (``GRAPHCRM_DEBUG=1`` shows the traceback instead).
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (StoreError, UserError) as exc:
            fail(str(exc))
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if os.environ.get("GRAPHCRM_DEBUG", "").strip().lower() in ("1", "true", "yes", "on"):
                raise
            fail(f"unexpected error ({type(exc).__name__}: {_first_line(exc)}); details in {_log_crash(exc)}")


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0][:200] if lines else "no message"


def _log_crash(exc: BaseException) -> str:
    """Write the traceback of an unexpected error to a log file; return the file's path."""
    import tempfile
    import traceback
    from graphcrm.clock import utc_now

    path = Path(tempfile.gettempdir()) / f"graphcrm-error-{utc_now():%Y%m%d-%H%M%S}Z-{os.getpid()}.log"
    # only the owner may read it: messages can quote data (and the command line is left out: --db
    # may carry a password)
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as fh:
        fh.write(f"graphcrm {__version__}\n{''.join(traceback.format_exception(exc))}")
    return str(path)


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


@cli.group()
def user() -> None:
    """Manage the people who sign in (roles: rep, analyst, admin)."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["rep", "analyst", "admin"]), required=True, help="What the user may do.")
@click.option("--rep", "rep", metavar="REP", help="The rep (id, name or email of a Rep) this user works as.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@pass_ctx
def user_add(ctx: Context, name: str, role: str, rep: str | None, password_stdin: bool) -> None:
    """Add a user; the password is prompted for (twice) unless --password-stdin."""
    from graphcrm.auth.users import add_user

    store = ctx.store()
    store.setup_schema()
    added = add_user(store, name, role, _password(password_stdin), rep=rep)
    click.echo(f"added {added.role} {added.name}")


@user.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def user_list(ctx: Context, as_json: bool) -> None:
    """List users, their roles and whether they have an API token (no secrets)."""
    from graphcrm.auth.users import list_users

    store = ctx.store()
    store.setup_schema()
    rows = list_users(store)
    if as_json:
        click.echo(json.dumps([{**r, "last_login_at": _iso(r["last_login_at"]), "created_at": _iso(r["created_at"])}
                               for r in rows], ensure_ascii=False))
        return
    if not rows:
        click.echo("no users (the web UI runs in single-user mode on this machine only)")
    for r in rows:
        state = "" if r["active"] else " (disabled)"
        token = " token" if r["has_token"] else ""
        click.echo(f"{r['name']:<24}{r['role']:<10}{_iso(r['last_login_at']) or 'never signed in'}{token}{state}")


@user.command("token")
@click.argument("name")
@pass_ctx
def user_token(ctx: Context, name: str) -> None:
    """Issue a new API token for NAME (replaces the old one; shown only now)."""
    from graphcrm.auth.users import new_token

    click.echo(new_token(ctx.store(), name))


@user.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@pass_ctx
def user_password(ctx: Context, name: str, password_stdin: bool) -> None:
    """Set a new password for NAME."""
    from graphcrm.auth.users import set_password

    set_password(ctx.store(), name, _password(password_stdin))
    click.echo(f"password changed for {name}")


@user.command("role")
@click.argument("name")
@click.argument("role", type=click.Choice(["rep", "analyst", "admin"]))
@pass_ctx
def user_role(ctx: Context, name: str, role: str) -> None:
    """Give NAME another role (their sessions end: they sign in again)."""
    from graphcrm.auth.users import set_role

    set_role(ctx.store(), name, role)
    click.echo(f"{name} is now {role}")


@user.command("disable")
@click.argument("name")
@pass_ctx
def user_disable(ctx: Context, name: str) -> None:
    """Disable NAME: no more sign-ins or API calls, their sessions end at once (the account stays
    for the record; single-user mode does not come back even when every user is disabled)."""
    from graphcrm.auth.users import set_active

    set_active(ctx.store(), name, False)
    click.echo(f"disabled {name}")


def _password(from_stdin: bool) -> str:
    """A password from standard input (scripts) or prompted twice."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _iso(value: Any) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def run_server(store: Store, host: str, port: int, threads: int) -> None:
    """Serve the app on ``host:port`` until interrupted."""
    from waitress import serve as waitress_serve

    from graphcrm.web import create_app

    from graphcrm.auth.users import users_ever
    from graphcrm.web.auth import is_loopback

    single_off = os.environ.get("GRAPHCRM_SINGLE_USER", "auto").lower() in ("0", "false", "off", "no")
    if not users_ever(store) and not single_off:
        if not is_loopback("127.0.0.1" if host == "localhost" else host):
            fail(f"refusing to serve on {host} without user accounts: anyone who can reach it would have "
                 "full access. Create one first: graphcrm user add NAME --role admin")
        click.echo("single-user mode: no user accounts exist, so requests from this machine get full access "
                   "(create one with: graphcrm user add NAME --role admin)")
    app = create_app(store=store)
    from graphcrm.web.attribution import warm

    warm(app)  # the first attribution page then comes from the cache
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
@click.option("--region", help="Default country for phone numbers without one (CN, US, ...); default: CN for a "
              "file in Chinese (headers or names), else US.")
@click.option("--sheet", help="XLSX/XLS sheet name or 0-based index (default: the first).")
@click.option("--dry-run", is_flag=True, help="Show what would be created, updated and rejected; write nothing.")
@click.option("--rejects", "rejects_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write rejected rows (default ./rejects-BATCH.csv when there are any).")
@click.option("--transaction-rows", type=click.IntRange(min=1), metavar="N",
              help="Rows per transaction (default and most: 20,000 for files that create records; touchpoint "
                   "files 250,000). A failure rolls back only the transaction it happens in.")
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
    region: str | None,
    sheet: str | None,
    dry_run: bool,
    rejects_path: Path | None,
    transaction_rows: int | None,
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
    from graphcrm.ingest.normalise.phone import phone_region

    try:
        region = phone_region(region) if region else None
    except ValueError as exc:
        fail(f"--region: {exc}")
    options = ImportOptions(
        kind=Kind(kind) if kind else None,
        source_system=source_system,
        mapping_file=mapping_file,
        overrides=overrides,
        region=region,
        sheet=int(sheet) if sheet and sheet.isdigit() else sheet,
        dry_run=dry_run,
        rejects_path=rejects_path or Path("rejects-{batch}.csv"),
        transaction_rows=transaction_rows,
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


@cli.command()
@click.option("--entity", type=click.Choice(["lead", "contact", "company"]), default="lead", show_default=True,
              help="What to deduplicate (leads are also compared with contacts).")
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.8, show_default=True,
              help="Review threshold: pairs scoring at least this are shown.")
@click.option("--auto-threshold", type=click.FloatRange(0, 1), default=0.99, show_default=True,
              help="Auto-merge threshold (with --auto).")
@click.option("--auto", is_flag=True, help="Merge the clusters whose pairs all score at least the auto-merge threshold.")
@click.option("--full", is_flag=True, help="Compare every record again, not only those new since the last run.")
@click.option("--by", default="cli", show_default=True, help="Who merges (for the audit log, with --auto).")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@pass_ctx
def dedupe(ctx: Context, entity: str, threshold: float, auto_threshold: float, auto: bool, full: bool, by: str,
           as_json: bool) -> None:
    """Find duplicate records: print scored pairs with their reasons, and clusters."""
    from graphcrm.dedupe.console import describe_records, print_dedupe
    from graphcrm.dedupe.merge import MergeError, merge_records
    from graphcrm.dedupe.run import Thresholds, review_queue, run_dedupe

    if threshold > auto_threshold:
        fail("--threshold must not be above --auto-threshold")
    store = ctx.store()
    store.setup_schema()
    thresholds = Thresholds(review=threshold, auto=auto_threshold)
    report = run_dedupe(store, entity, full=full)
    merged = []
    if auto:
        _, groups = review_queue(store, entity, Thresholds(review=auto_threshold, auto=auto_threshold))
        for group in groups:
            try:
                merged.append(merge_records(store, group, by=by).as_json())
            except MergeError as exc:
                click.echo(f"graphcrm: skipped {', '.join(group)}: {exc}", err=True)
    pairs, groups = review_queue(store, entity, thresholds)
    records = describe_records(store, {i for p in pairs for i in (p.a, p.b)})
    out = {
        "pairs": [{"a": records[p.a], "b": records[p.b], "score": p.score, "reasons": p.reasons} for p in pairs],
        "clusters": [[records[i] for i in group] for group in groups],
        "run": {"entity": entity, "records": report.records, "new_records": report.new_records,
                "compared": report.compared, "seconds": round(report.seconds, 2)},
        "merged": merged,
    }
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(print_dedupe(out, thresholds))


@cli.command()
@click.argument("ids", nargs=-1, required=True)
@click.option("--survivor", metavar="ID", help="The record the others merge into (default: the most complete).")
@click.option("--rule", type=click.Choice(["survivor", "most_recent", "most_complete", "source_priority"]),
              default="survivor", show_default=True, help="How each field's value is chosen.")
@click.option("--source-priority", metavar="SYSTEMS", help="Comma-separated source systems, best first (with --rule source_priority).")
@click.option("--by", default="cli", show_default=True, help="Who merges (for the audit log).")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@pass_ctx
def merge(ctx: Context, ids: tuple[str, ...], survivor: str | None, rule: str, source_priority: str | None, by: str,
          as_json: bool) -> None:
    """Merge two or more duplicate records into one; prints the merge id (undo with `unmerge`)."""
    from graphcrm.dedupe.merge import MergeError, merge_records

    store = ctx.store()
    store.setup_schema()
    priority = [s.strip() for s in (source_priority or "").split(",") if s.strip()]
    try:
        report = merge_records(store, list(ids), survivor=survivor, rule=rule, source_priority=priority, by=by)
    except MergeError as exc:
        fail(str(exc))
    click.echo(json.dumps(report.as_json(), indent=2) if as_json else report.merge_id)


@cli.command()
@click.argument("merge_id")
@click.option("--by", default="cli", show_default=True, help="Who undoes the merge (for the audit log).")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@pass_ctx
def unmerge(ctx: Context, merge_id: str, by: str, as_json: bool) -> None:
    """Undo a merge: the records, their properties and relationships come back exactly."""
    from graphcrm.dedupe.merge import MergeError
    from graphcrm.dedupe.merge import unmerge as undo

    store = ctx.store()
    store.setup_schema()
    try:
        result = undo(store, merge_id, by=by)
    except MergeError as exc:
        fail(str(exc))
    if as_json:
        click.echo(json.dumps(result, indent=2))
    else:
        click.echo(f"unmerged {merge_id}: {', '.join(result['restored'])} restored")

_MODELS = ("first", "last", "linear", "position", "w_shaped", "time_decay", "markov", "shapley")
_DAY = click.DateTime(formats=["%Y-%m-%d"])


@cli.command()
@click.option("--model", type=click.Choice(_MODELS), default="linear", show_default=True, help="Attribution model.")
@click.option("--by", type=click.Choice(["source", "campaign"]), default="source", show_default=True,
              help="Credit sources (channels) or campaigns.")
@click.option("--since", type=_DAY, metavar="DATE", help="Only leads created on or after DATE (YYYY-MM-DD).")
@click.option("--until", type=_DAY, metavar="DATE", help="Only leads created on or before DATE (YYYY-MM-DD).")
@click.option("--half-life", default=7.0, show_default=True, metavar="DAYS", help="Half-life of the time_decay model.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Also write the table to FILE (.csv or .xlsx, safe to open in a spreadsheet).")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@pass_ctx
def attribution(ctx: Context, model: str, by: str, since: Any, until: Any, half_life: float,
                output: Path | None, as_json: bool) -> None:
    """Credit conversions and revenue to sources or campaigns under an attribution model."""
    from datetime import timedelta

    from graphcrm.attribution import journeys
    from graphcrm.attribution.export import write_table
    from graphcrm.attribution.report import report

    if half_life <= 0:
        fail("--half-life must be a positive number of days")
    start = since.date() if since else None
    end = until.date() + timedelta(days=1) if until else None
    if start and end and start >= end:
        fail("--since must not be after --until")
    j = journeys.fetch(ctx.store(read_only=True, create=False), by=by, since=start, until=end)  # type: ignore[arg-type]
    result = report(j, model, half_life_days=half_life)
    if output:
        try:
            write_table(result.table, output, title=f"{model} by {by}")
        except ValueError as exc:
            fail(str(exc))
    if as_json:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{model} attribution by {by}: {result.total_conversions:,.0f} conversions, "
               f"{result.total_revenue:,.2f} revenue from {len(j):,} leads" + (f" ({result.note})" if result.note else ""))
    click.echo(f"{'key':<22}{'name':<34}{'leads':>8}{'cost':>14}{'CPL':>10}{'conv.':>10}{'revenue':>16}{'ROI':>9}")
    for r in result.table.itertuples(index=False):
        click.echo(f"{_cut(r.key, 21):<22}{_cut(r.name, 33):<34}{r.leads:>8,}{r.cost:>14,.2f}{_fmt(r.cost_per_lead):>10}"
                   f"{r.conversions:>10,.2f}{r.revenue:>16,.2f}{_fmt(r.roi):>9}")


@cli.command()
@click.option("--by", type=click.Choice(["source", "campaign", "rep", "period"]), default="source",
              show_default=True, help="Group leads by source, first-touch campaign, owner or month created.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Also write the table to FILE (.csv or .xlsx, safe to open in a spreadsheet).")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@pass_ctx
def funnel(ctx: Context, by: str, output: Path | None, as_json: bool) -> None:
    """Leads per stage (lead, working, qualified, opportunity, won) and the rates between them."""
    from graphcrm.attribution import journeys
    from graphcrm.attribution.export import write_table
    from graphcrm.attribution.funnel import RATES, STAGES, fetch_owners, totals
    from graphcrm.attribution.funnel import funnel as funnel_table

    store = ctx.store(read_only=True, create=False)
    frames = journeys.fetch_frames(store, touches=by == "campaign")
    if by == "rep":
        frames["owners"] = fetch_owners(store)
    table = funnel_table(frames, by)  # type: ignore[arg-type]
    if output:
        try:
            write_table(table, output, title=f"funnel by {by}")
        except ValueError as exc:
            fail(str(exc))
    if as_json:
        rows = [{k: _plain(v) for k, v in row.items()} for row in table.to_dict("records")]
        whole = {k: _plain(v) for k, v in totals(table).items() if k in (*STAGES, *RATES)}
        click.echo(json.dumps({"by": by, "stages": list(STAGES), "total": whole, "groups": rows},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"{'group':<34}" + "".join(f"{s:>12}" for s in STAGES) + f"{'lead->won':>11}")
    for row in [*table.to_dict("records"), totals(table)]:
        click.echo(f"{_cut(row['name'], 33):<34}" + "".join(f"{int(row[s]):>12,}" for s in STAGES)
                   + f"{_fmt(row['lead_to_won'], percent=True):>11}")


def _cut(text: Any, width: int) -> str:
    text = str(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _fmt(value: Any, *, percent: bool = False) -> str:
    if value is None or value != value:  # NaN
        return "-"
    return f"{value:.1%}" if percent else f"{value:,.2f}"


def _plain(value: Any) -> Any:
    """A JSON value: numpy scalars as Python numbers, NaN as null."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return None if value != value else round(value, 6)
    return value
# -- lead management (issue 7) ------------------------------------------------------------------


def _clock_option(func: Any) -> Any:
    return click.option("--now", "now_text", metavar="YYYY-MM-DDTHH:MM",
                        help="Act as if it were this UTC time (default: now).")(func)


def _clock(now_text: str | None) -> Any:
    from graphcrm.clock import SYSTEM, FixedClock

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
    """Rescore every lead (bulk), or show one lead's score and why when LEAD_ID is given."""
    from graphcrm.manage.maintain import rescore
    from graphcrm.manage.scores import current_score
    from graphcrm.manage.status import LeadNotFound

    store = ctx.store(create=False)
    store.setup_schema()
    clock = _clock(now_text)
    if lead_id:
        try:  # the lead's one stored score, explained as of when it was computed
            result = current_score(store, lead_id, clock=clock)
        except LeadNotFound:
            fail(f"no lead {lead_id!r}")
        if as_json:
            _echo_json({"lead": lead_id, "score": result.score, "rating": result.rating, "reasons": result.lines(),
                        "scored_at": result.at.isoformat()})
            return
        click.echo(f"{lead_id}: {result.score:g} ({result.rating}) as of {result.at:%Y-%m-%d %H:%M}")
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
    click.echo(f"intake idempotency keys forgotten (older than 7 days): {report.idempotency_keys_forgotten:,}")
    click.echo(f"done in {report.seconds:.1f} s")


@cli.group()
def integration() -> None:
    """Systems that send leads through the intake API (POST /api/leads), each with a token and a scope."""


@integration.command("add")
@click.argument("name")
@click.option("--source", "source_name", required=True, help="The lead source its leads come from (e.g. Website).")
@click.option("--campaign", "campaign_id", metavar="CAMPAIGN_ID", help="The one campaign its leads touch.")
@click.option("--region", default="US", show_default=True, help="Country for phone numbers without one (CN, US, ...).")
@pass_ctx
def integration_add(ctx: Context, name: str, source_name: str, campaign_id: str | None, region: str) -> None:
    """Add an integration and print its token (shown only now)."""
    from graphcrm.capture.integrations import IntegrationError, create_integration

    store = ctx.store()
    store.setup_schema()
    try:
        added, token = create_integration(store, name, source_name=source_name, campaign_id=campaign_id,
                                          region=region, by="cli")
    except (IntegrationError, ValueError) as exc:
        fail(str(exc))
    click.echo(f"added integration {added.id} (source {added.source_name}"
               + (f", campaign {added.campaign_id}" if added.campaign_id else "") + f", region {added.region})")
    click.echo(f"token (shown only now): {token}")


@integration.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def integration_list(ctx: Context, as_json: bool) -> None:
    """List integrations and their scopes (no secrets)."""
    from graphcrm.capture.integrations import list_integrations

    store = ctx.store()
    store.setup_schema()
    found = list_integrations(store)
    if as_json:
        _echo_json([{"id": i.id, "name": i.name, "source": i.source_name, "campaign_id": i.campaign_id,
                     "region": i.region, "active": i.active, "last_used_at": _iso(i.last_used_at)} for i in found])
        return
    if not found:
        click.echo("no integrations")
    for i in found:
        state = "" if i.active else " (disabled)"
        click.echo(f"{i.id:<28}{i.source_name:<20}{i.campaign_id or '-':<28}"
                   f"{_iso(i.last_used_at) or 'never used'}{state}")


@integration.command("token")
@click.argument("integration_id")
@pass_ctx
def integration_token(ctx: Context, integration_id: str) -> None:
    """Issue a new token for INTEGRATION_ID (the old one stops working; shown only now)."""
    from graphcrm.capture.integrations import IntegrationError, new_token

    try:
        click.echo(new_token(ctx.store(), integration_id))
    except IntegrationError as exc:
        fail(str(exc))


@integration.command("disable")
@click.argument("integration_id")
@pass_ctx
def integration_disable(ctx: Context, integration_id: str) -> None:
    """Disable INTEGRATION_ID: its token stops working at once."""
    from graphcrm.capture.integrations import IntegrationError, set_active

    try:
        set_active(ctx.store(), integration_id, False)
    except IntegrationError as exc:
        fail(str(exc))
    click.echo(f"disabled {integration_id}")


@cli.group()
def form() -> None:
    """Web-to-lead forms: list them and write their QR codes (define them in the web UI)."""


@form.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def form_list(ctx: Context, as_json: bool) -> None:
    """List web-to-lead forms: id, campaign, language, state and submissions."""
    from graphcrm.capture.forms import list_forms

    store = ctx.store(create=False)
    store.setup_schema()
    rows = list_forms(store)
    if as_json:
        _echo_json([{"id": f.id, "name": f.name, "campaign_id": f.campaign_id, "language": f.language,
                     "region": f.region, "fields": list(f.fields), "required": list(f.required),
                     "owner_id": f.owner_id, "active": f.active, "submissions": f.submissions,
                     "created_at": _iso(f.created_at)} for f in rows])
        return
    if not rows:
        click.echo("no web forms (an admin makes them on the Forms page of the web UI)")
    for f in rows:
        state = "" if f.active else " (off)"
        click.echo(f"{f.id}  {f.campaign_id:<20} {f.language}  {f.submissions:>6,} submissions  {f.name}{state}")


@form.command("qr")
@click.argument("form_id")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write: .svg (vector, for print) or .png (about 900 px).")
@click.option("--base-url", envvar="GRAPHCRM_PUBLIC_URL", metavar="URL",
              help="The address people reach the web UI at, e.g. https://crm.example.com "
              "(default: GRAPHCRM_PUBLIC_URL).")
@pass_ctx
def form_qr(ctx: Context, form_id: str, out: Path, base_url: str | None) -> None:
    """Write the QR code of FORM_ID's public address to a file."""
    from graphcrm.capture.forms import PUBLIC_PATH, get_form, looks_like_form_id, write_qr

    kind = out.suffix.lower().lstrip(".")
    if kind not in ("svg", "png"):
        fail("--out must end in .svg or .png")
    if not base_url or not base_url.startswith(("http://", "https://")):
        fail("give --base-url http(s)://HOST (or set GRAPHCRM_PUBLIC_URL): the code holds an absolute address")
    store = ctx.store(create=False)
    if not looks_like_form_id(form_id) or get_form(store, form_id) is None:
        fail(f"no web form {form_id!r} (see `graphcrm form list`)")
    url = base_url.rstrip("/") + PUBLIC_PATH + form_id
    write_qr(url, out, kind)
    click.echo(f"wrote {out} ({url})")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="graphcrm")


if __name__ == "__main__":
    main()
