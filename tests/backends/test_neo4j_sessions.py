"""Neo4j sessions: every session of a store shares one bookmark manager (read-your-own-writes)."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.conftest import NEO4J_SKIP, NEO4J_URI, make_store

pytestmark = pytest.mark.skipif(not NEO4J_URI, reason=NEO4J_SKIP)


def test_a_write_leaves_a_bookmark_that_later_sessions_of_the_store_start_from(tmp_path):
    store = make_store("neo4j", tmp_path)
    try:
        before = set(store._bookmarks.get_bookmarks())
        store.write("meta/set", id="k", value="v", now=datetime(2026, 1, 1))
        after = set(store._bookmarks.get_bookmarks())
        assert after and after != before  # the commit's bookmark replaced the older ones
        assert store.read("meta/get", id="k")[0]["value"] == "v"
        with store.transaction():
            store.write("meta/set", id="k", value="w", now=datetime(2026, 1, 2))
        assert set(store._bookmarks.get_bookmarks()) != after  # explicit transactions too
    finally:
        store.close()
