"""Exceptions raised by every store backend."""

from __future__ import annotations


class StoreError(Exception):
    """A backend failed running a named query.

    Carries the query name and the parameter *names* (never the values, which may
    hold personal data) and is raised ``from`` the backend's own exception.
    """

    def __init__(self, message: str, *, query: str | None = None, params: list[str] | None = None):
        self.query = query
        self.params = params or []
        where = f"query {query!r}" if query else "store"
        with_params = f" (parameters: {', '.join(self.params)})" if self.params else ""
        super().__init__(f"{where} failed{with_params}: {message}")


class StoreLocked(StoreError):
    """The embedded database is held for writing by another process."""

    def __init__(self, path: str, pid: int | None, command: str | None):
        self.path = path
        self.pid = pid
        holder = f"process {pid}" if pid else "another process"
        if command:
            holder += f" ({command})"
        self.message = (
            f"database {path} is in use by {holder}; stop it, or open the database "
            "read-only, or use Neo4j for several processes"
        )
        Exception.__init__(self, self.message)
        self.query = None
        self.params = []


class StoreUnavailable(StoreError):
    """The backend cannot be reached or its package is missing."""

    def __init__(self, message: str):
        Exception.__init__(self, message)
        self.query = None
        self.params = []


class ConflictError(StoreError):
    """A write lost a race against a concurrent change (retry or report)."""
