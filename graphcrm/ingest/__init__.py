"""Import CRM exports: read, map columns, normalise, write to the graph, undo.

The public names below load on first use, so importing a submodule (say the
normalisers) does not pull in pandas and the store.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "ImportFileError": "graphcrm.ingest.errors",
    "MappingError": "graphcrm.ingest.errors",
    "ImportOptions": "graphcrm.ingest.importer",
    "import_files": "graphcrm.ingest.importer",
    "ImportReport": "graphcrm.ingest.report",
    "Reject": "graphcrm.ingest.report",
    "UndoError": "graphcrm.ingest.undo",
    "UndoReport": "graphcrm.ingest.undo",
    "undo_batch": "graphcrm.ingest.undo",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'graphcrm.ingest' has no attribute {name!r}")
