"""The ``graphcrm`` command line: thin click wrappers over the library."""

from __future__ import annotations

import json
import os
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
            try:
                self._store = open_store(self.uri, read_only=read_only)
            except ValueError as exc:  # an unsupported URI or a bad GRAPHCRM_BUFFER_POOL_MB
                fail(str(exc))
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
    """Turns store errors (a locked database, an unreachable server) into one line.

    Any other unexpected exception is a bug: its traceback goes to a log file and the
    person sees one line saying where (``GRAPHCRM_DEBUG=1`` shows the traceback instead).
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StoreError as exc:
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
    from datetime import datetime

    path = Path(tempfile.gettempdir()) / f"graphcrm-error-{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.log"
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
@pass_ctx
def serve(ctx: Context, host: str, port: int, threads: int) -> None:
    """Serve the web UI with waitress (one process, several threads)."""
    store = ctx.store()
    store.setup_schema()
    run_server(store, host, port, threads)


@cli.group()
def user() -> None:
    """Manage the people who sign in (roles: rep, analyst, admin)."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["rep", "analyst", "admin"]), required=True, help="What the user may do.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@pass_ctx
def user_add(ctx: Context, name: str, role: str, password_stdin: bool) -> None:
    """Add a user; the password is prompted for (twice) unless --password-stdin."""
    from graphcrm.auth.users import UserError, add_user

    store = ctx.store()
    store.setup_schema()
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        added = add_user(store, name, role, password)
    except UserError as exc:
        fail(str(exc))
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
    from graphcrm.auth.users import UserError, new_token

    try:
        click.echo(new_token(ctx.store(), name))
    except UserError as exc:
        fail(str(exc))


@user.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@pass_ctx
def user_password(ctx: Context, name: str, password_stdin: bool) -> None:
    """Set a new password for NAME."""
    from graphcrm.auth.users import UserError, set_password

    password = sys.stdin.readline().rstrip("\n") if password_stdin else click.prompt(
        "New password", hide_input=True, confirmation_prompt=True)
    try:
        set_password(ctx.store(), name, password)
    except UserError as exc:
        fail(str(exc))
    click.echo(f"password changed for {name}")


@user.command("disable")
@click.argument("name")
@pass_ctx
def user_disable(ctx: Context, name: str) -> None:
    """Disable NAME: no more sign-ins or API calls (the account stays for the record)."""
    from graphcrm.auth.users import UserError, set_active

    try:
        set_active(ctx.store(), name, False)
    except UserError as exc:
        fail(str(exc))
    click.echo(f"disabled {name}")


def _iso(value: Any) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def run_server(store: Store, host: str, port: int, threads: int) -> None:
    """Serve the app on ``host:port`` until interrupted."""
    from waitress import serve as waitress_serve

    from graphcrm.web import create_app

    from graphcrm.auth.users import count_users
    from graphcrm.web.auth import is_loopback

    if count_users(store) == 0:
        if not is_loopback("127.0.0.1" if host == "localhost" else host):
            fail(f"refusing to serve on {host} without user accounts: anyone who can reach it would have "
                 "full access. Create one first: graphcrm user add NAME --role admin")
        click.echo("single-user mode: no user accounts exist, so requests from this machine get full access "
                   "(create one with: graphcrm user add NAME --role admin)")
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
@click.option("--chunk-rows", default=20_000, show_default=True, type=click.IntRange(min=1), metavar="N",
              help="Rows per transaction (smaller chunks use less memory; a killed import loses at most one).")
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
    chunk_rows: int,
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
        region = phone_region(region)
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
        chunk_rows=chunk_rows,
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


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="graphcrm")


if __name__ == "__main__":
    main()
