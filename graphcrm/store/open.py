"""Pick and open a backend from a URI, like SQLAlchemy picks a dialect."""

from __future__ import annotations

import os
from dataclasses import dataclass
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit, urlunsplit

from graphcrm.store.base import Store

DEFAULT_DB = "./graphcrm.lbug"
DEFAULT_BUFFER_POOL_MB = 1024
NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


def resolve_uri(uri: str | None, env: Mapping[str, str] | None = None) -> str:
    """The URI to open: the given one, else ``GRAPHCRM_DB``, else ``./graphcrm.lbug``."""
    env = os.environ if env is None else env
    return uri or env.get("GRAPHCRM_DB") or DEFAULT_DB


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and as whom to connect to Neo4j (the URI without credentials)."""

    uri: str
    user: str | None
    password: str | None
    database: str | None


def neo4j_settings(uri: str, env: Mapping[str, str] | None = None) -> Neo4jSettings:
    """Split a Neo4j URI into a bare URI, credentials and database name."""
    env = os.environ if env is None else env
    parts = urlsplit(uri)
    user = unquote(parts.username) if parts.username else env.get("GRAPHCRM_NEO4J_USER")
    password = unquote(parts.password) if parts.password else env.get("GRAPHCRM_NEO4J_PASSWORD")
    database = parts.path.strip("/") or env.get("GRAPHCRM_NEO4J_DATABASE") or None
    host = parts.hostname or "localhost"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return Neo4jSettings(urlunsplit((parts.scheme, netloc, "", "", "")), user, password, database)


def open_store(
    uri: str | None = None,
    *,
    read_only: bool = False,
    env: Mapping[str, str] | None = None,
) -> Store:
    """Open the store a URI names.

    A filesystem path or ``ladybug://PATH`` opens the embedded LadybugDB file;
    ``neo4j://``, ``neo4j+s://``, ``bolt://`` and ``bolt+s://`` open Neo4j, with
    credentials from the URI or ``GRAPHCRM_NEO4J_USER``/``GRAPHCRM_NEO4J_PASSWORD``
    and the database from the URI path (``bolt://host:7687/sales``) or
    ``GRAPHCRM_NEO4J_DATABASE``.
    """
    env = os.environ if env is None else env
    target = resolve_uri(uri, env)
    scheme = target.split("://", 1)[0].lower() if "://" in target else ""
    if scheme in NEO4J_SCHEMES:
        from graphcrm.store.neo4j import Neo4jStore

        settings = neo4j_settings(target, env)
        pool = env.get("GRAPHCRM_NEO4J_POOL_SIZE", "").strip()
        if pool and not pool.isdigit():
            raise ValueError(f"GRAPHCRM_NEO4J_POOL_SIZE must be a number of connections, got {pool!r}")
        return Neo4jStore(
            settings.uri, user=settings.user, password=settings.password, database=settings.database,
            **({"pool_size": int(pool)} if pool else {}),
        )
    if scheme in ("", "ladybug", "file"):
        from graphcrm.store.ladybug import LadybugStore

        path = target.split("://", 1)[1] if scheme else target
        pool = env.get("GRAPHCRM_BUFFER_POOL_MB", "").strip()
        if pool and not pool.isdigit():
            raise ValueError(f"GRAPHCRM_BUFFER_POOL_MB must be a number of megabytes, got {pool!r}")
        return LadybugStore(path, read_only=read_only, buffer_pool_mb=int(pool) if pool else DEFAULT_BUFFER_POOL_MB)
    raise ValueError(
        f"unsupported database URI {target!r}: use a file path, ladybug://PATH, "
        "neo4j://HOST or bolt://HOST"
    )
