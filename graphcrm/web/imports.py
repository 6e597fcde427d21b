"""The import pages: upload files, preview a dry run, then import or undo.

Uploads are private (folders 0700, files 0600), kept beside the database file (``<db>.uploads``;
a Neo4j database has none, so a private folder of this user under the temp directory), and
deleted: a file that cannot be read at once, the uploaded files once their batch is committed,
and whatever is left (an abandoned preview, the rejects) after ``UPLOAD_RETENTION_HOURS``.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from graphcrm.ingest import ImportFileError, ImportOptions, UndoError, import_files, undo_batch
from graphcrm.ingest.fields import FIELDS, Kind
from graphcrm.ingest.errors import NoColumnRecognised
from graphcrm.ingest.mapping import IGNORE
from graphcrm.ingest.normalise.phone import PHONE_REGIONS
from graphcrm.web.app import get_store
from graphcrm.web.auth import check_role
from graphcrm.web.vocabulary import FACTS, LABELS, SLUGS

bp = Blueprint("imports", __name__, url_prefix="/import")
bp.before_request(lambda: check_role("admin"))  # importing writes the whole graph: admins only

ALLOWED_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".vcf", ".vcard", ".json", ".jsonl", ".ndjson"}


SHARED_TRANSACTION_ROWS = 20_000


def upload_root() -> Path:
    """The private folder that holds the uploads (made 0700; refused if another user owns it)."""
    configured = current_app.config.get("UPLOAD_DIR")
    db_path = getattr(get_store(), "path", None)
    if configured:
        root = Path(configured)
    elif db_path:
        root = Path(db_path).with_name(Path(db_path).name + ".uploads")
    else:
        root = Path(tempfile.gettempdir()) / f"graphcrm-uploads-{os.getuid()}"
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = root.lstat()
    if root.is_symlink() or info.st_uid != os.getuid():
        abort(500, _("The upload folder is not private to this server."))
    if info.st_mode & 0o077:
        root.chmod(0o700)
    return root


def _sweep(root: Path) -> None:
    """Delete upload folders older than the retention (abandoned previews, old rejects)."""
    hours = float(current_app.config.get("UPLOAD_RETENTION_HOURS") or 24)
    cutoff = time.time() - hours * 3600
    for folder in root.iterdir():
        name = folder.name
        if len(name) == 32 and all(c in "0123456789abcdef" for c in name) and folder.is_dir() \
                and not folder.is_symlink() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


def _forget_uploads(folder: Path, names: list[str]) -> None:
    """Delete a batch's uploaded files (the rejects stay until the retention ends)."""
    for name in [*names, "options.json"]:
        (folder / name).unlink(missing_ok=True)


def _upload_dir(token: str) -> Path:
    if len(token) != 32 or any(c not in "0123456789abcdef" for c in token):
        abort(404)
    folder = upload_root() / token
    if not folder.is_dir():
        abort(404)
    return folder


@bp.get("/")
def upload_form() -> str:
    """The upload form."""
    return render_template("imports/upload.html", kinds=list(Kind), regions=PHONE_REGIONS)


@bp.post("/")
def upload() -> Any:
    """Save the uploaded files and show a dry run of importing them."""
    files = [f for f in request.files.getlist("files") if f and f.filename]
    if not files:
        flash(_("Choose at least one file to import."), "error")
        return redirect(url_for("imports.upload_form"))
    token = secrets.token_hex(16)
    root = upload_root()
    _sweep(root)
    folder = root / token
    folder.mkdir(mode=0o700)
    try:
        saved = [_save(f, folder) for f in files]
    except ValueError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        flash(str(exc), "error")
        return redirect(url_for("imports.upload_form"))
    options = {
        "kind": request.form.get("kind") or None,
        "source_system": (request.form.get("source_system") or "").strip()[:60] or None,
        # blank: from the file's script (CN for a file in Chinese), as the CLI does without --region
        "region": request.form.get("region") if request.form.get("region") in PHONE_REGIONS else None,
        "files": [p.name for p in saved],
        "columns": {},  # file -> column -> field, chosen on the column step
    }
    if options["kind"] not in (None, *[k.value for k in Kind]):
        options["kind"] = None
    (folder / "options.json").write_text(json.dumps(options), "utf-8")
    (folder / "options.json").chmod(0o600)
    return _run(token, folder, options, dry_run=True)


@bp.post("/<token>/commit")
def commit(token: str) -> Any:
    """Import the files previewed earlier."""
    folder = _upload_dir(token)
    if not (folder / "options.json").is_file():
        abort(404)  # committed already (its files are gone)
    options = json.loads((folder / "options.json").read_text("utf-8"))
    return _run(token, folder, options, dry_run=False)


@bp.post("/<token>/columns")
def columns(token: str) -> Any:
    """Take the fields chosen for the columns graphcrm did not recognise, and preview again."""
    folder = _upload_dir(token)
    if not (folder / "options.json").is_file():
        abort(404)
    options = json.loads((folder / "options.json").read_text("utf-8"))
    options["columns"] = _chosen_columns(request.form, options["files"])
    kind = request.form.get("kind")
    if kind is not None:
        options["kind"] = kind if kind in [k.value for k in Kind] else None
    (folder / "options.json").write_text(json.dumps(options), "utf-8")
    return _run(token, folder, options, dry_run=True)


def _chosen_columns(form: Any, files: list[str]) -> dict[str, dict[str, str]]:
    """``column-I-J`` (a column of file I) and ``field-I-J`` (its field, IGNORE or "") -> file -> column -> field."""
    chosen: dict[str, dict[str, str]] = {}
    for key, column in form.items():
        if not key.startswith("column-"):
            continue
        _, file_index, column_index = key.split("-", 2)
        if not file_index.isdigit() or int(file_index) >= len(files) or not column_index.isdigit():
            continue
        target = form.get(f"field-{file_index}-{column_index}", "")[:40]
        chosen.setdefault(files[int(file_index)], {})[column[:200]] = target
    return chosen


@bp.get("/<token>/rejects.csv")
def rejects(token: str) -> Any:
    """Download the rejected rows of an upload."""
    folder = _upload_dir(token)
    found = sorted(folder.glob("rejects-*.csv"), key=lambda p: p.stat().st_mtime)
    if not found:
        abort(404)
    return send_file(found[-1], mimetype="text/csv", as_attachment=True, download_name="rejects.csv")


@bp.get("/batches")
def batches() -> str:
    """Earlier imports, newest first, with undo."""
    rows = get_store().read("ingest/batch_list", limit=100)
    for row in rows:
        row["counts"] = json.loads(row["counts"] or "{}")
        row["files"] = json.loads(row["files"] or "[]")
    return render_template("imports/batches.html", batches=rows)


@bp.post("/batches/<batch_id>/undo")
def undo(batch_id: str) -> Any:
    """Undo one import batch."""
    try:
        result = undo_batch(get_store(), batch_id[:80])
    except UndoError as exc:
        flash(str(exc), "error")
    else:
        removed = sum(result.removed.values())
        restored = sum(result.restored.values())
        flash(_("Import %(batch)s undone: %(removed)s nodes removed, %(restored)s restored.",
                batch=batch_id, removed=removed, restored=restored), "ok")
    return redirect(url_for("imports.batches"))


def _save(upload: FileStorage, folder: Path) -> Path:
    name = secure_filename(upload.filename or "") or "upload"
    suffix = Path(upload.filename or "").suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise ValueError(_("%(name)s: not a file type graphcrm imports (CSV, TSV, XLSX, XLS, VCF, JSON lines).",
                           name=upload.filename))
    if not name.lower().endswith(suffix):
        name = f"{name}{suffix}"
    target = folder / name
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        upload.save(out)
    return target


def _run(token: str, folder: Path, options: dict[str, Any], *, dry_run: bool) -> Any:
    paths = [folder / name for name in options["files"]]
    import_options = ImportOptions(
        columns=options.get("columns") or {},
        kind=Kind(options["kind"]) if options["kind"] else None,
        source_system=options["source_system"],
        region=options["region"],
        dry_run=dry_run,
        rejects_path=folder / "rejects-{batch}.csv",
        # the server's other writers (follow-ups, captures) wait for each transaction: keep them short
        transaction_rows=SHARED_TRANSACTION_ROWS,
    )
    try:
        report = import_files(get_store(), paths, import_options)
    except ImportFileError as exc:
        if exc.unmapped is not None and dry_run:  # read, but no column recognised: ask which is which
            name = Path(exc.path).name
            kind = Kind(options["kind"]) if options["kind"] else Kind.LEADS
            step = [ColumnStep(options["files"].index(name), name, kind.value, exc.unmapped,
                               options.get("columns", {}).get(name, {}))]
            return render_template("imports/columns.html", token=token, options=options, steps=step,
                                   problem=None if isinstance(exc.__cause__, NoColumnRecognised) else exc.reason,
                                   kinds=list(Kind), kind=options["kind"], **_vocabulary())
        flash(_("The file could not be read: %(reason)s", reason=str(exc).replace(str(folder) + "/", "")), "error")
        shutil.rmtree(folder, ignore_errors=True)  # nothing of a refused upload stays
        return redirect(url_for("imports.upload_form"))
    for written in folder.glob("rejects-*.csv"):
        written.chmod(0o600)
    if not dry_run:
        _forget_uploads(folder, options["files"])
    template = "imports/preview.html" if dry_run else "imports/result.html"
    steps = [ColumnStep(i, name, report.file_kinds.get(name, "leads"), report.samples.get(name, {}),
                        options.get("columns", {}).get(name, {}))
             for i, name in enumerate(options["files"]) if report.samples.get(name)]
    return render_template(template, report=report, token=token, options=options, steps=steps, **_vocabulary())


@dataclass
class ColumnStep:
    """The columns of one file whose field a person chooses, with sample values and the choices so far."""

    index: int
    file: str
    kind: str
    samples: dict[str, list[str]]
    chosen: dict[str, str]

    @property
    def choices(self) -> list[tuple[str, str]]:
        """(value, caption) of every field of the file's kind."""
        return [(f, str(FIELD_NAMES.get(f) or FACTS.get(f) or f)) for f in FIELDS[Kind(self.kind)]]


# captions of the import fields the explore pages show no fact for
FIELD_NAMES = {
    "external_id": _l("Id in the source system"), "first_name": _l("First name"), "last_name": _l("Last name"),
    "name": _l("Name"), "source": _l("Source"), "owner": _l("Owner"), "street": _l("Street"),
    "postcode": _l("Postcode"), "description": _l("Description"), "converted": _l("Converted (yes/no)"),
    "referred_by": _l("Referred by (id)"), "campaign_id": _l("Campaign id"), "lead_id": _l("Lead id"),
    "kind": _l("Touch kind"), "responded_at": _l("Responded"), "status": _l("Status"), "title": _l("Title"),
}


def _vocabulary() -> dict[str, Any]:
    return {"fields": FACTS, "labels": LABELS, "slugs": SLUGS, "ignore": IGNORE}
