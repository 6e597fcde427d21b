"""One graph store interface over two backends, chosen by URI."""

from graphcrm.store.base import Counts, Row, Store
from graphcrm.store.errors import ConflictError, StoreError, StoreLocked, StoreUnavailable
from graphcrm.store.open import DEFAULT_DB, open_store, resolve_uri

__all__ = [
    "DEFAULT_DB",
    "ConflictError",
    "Counts",
    "Row",
    "Store",
    "StoreError",
    "StoreLocked",
    "StoreUnavailable",
    "open_store",
    "resolve_uri",
]
