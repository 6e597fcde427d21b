"""Every Neo4j-dialect query passes Neo4j's own Cypher analyser.

No Neo4j server runs here, so this is what keeps the Neo4j Cypher valid: the
analyser from ``@neo4j-cypher/language-support`` (installed under
tools/cypher-lint) checks syntax, variables, grouping and types.
"""

from __future__ import annotations

import pytest

from graphcrm.model import load_model
from graphcrm.registry import default_registry
from graphcrm.store.neo4j import LOCK_LABEL
from tests.cypherlint import analyser_available, lint

REGISTRY = default_registry()
# keys of the `UNWIND $rows AS r` maps that are not node or relationship properties
ROW_KEYS = {"from", "to", "props", "person_id", "campaign_id", "node_id"}


def _queries() -> list[dict]:
    queries = []
    for name in REGISTRY.names():
        if name.startswith("schema/"):
            for i, statement in enumerate(REGISTRY.statements(name, "neo4j")):
                queries.append({"name": f"{name}#{i + 1}", "text": statement, "parameters": {}})
            continue
        params = {p: None for p in REGISTRY.parameters(name)}
        queries.append({"name": name, "text": REGISTRY.sample_text(name, "neo4j"), "parameters": params})
    return queries


def test_every_neo4j_query_passes_the_analyser():
    available, reason = analyser_available()
    if not available:
        pytest.skip(reason)
    model = load_model()
    schema = {
        "labels": [*model.labels, LOCK_LABEL],
        "relationshipTypes": model.rel_types,
        "propertyKeys": sorted(model.property_names | ROW_KEYS),
    }
    queries = _queries()
    assert len(queries) > 40
    results = lint(queries, schema)
    # errors, and warnings about names the schema lacks (a misspelt label or property)
    errors = {
        name: [f"{d.get('line')}:{d.get('column')} {d['message']}" for d in diags
               if d.get("severity") == 1 or "is not present in the database" in d["message"]]
        for name, diags in results.items()
    }
    errors = {k: v for k, v in errors.items() if v}
    assert not errors, errors
    assert set(results) == {q["name"] for q in queries}


def test_the_analyser_rejects_the_ladybug_dialect():
    """The check can fail: LadybugDB-only syntax (COPY, SHORTEST) in a Neo4j text is an error."""
    available, reason = analyser_available()
    if not available:
        pytest.skip(reason)
    ladybug_only = [n for n in REGISTRY.names() if "COPY " in REGISTRY.file(n, "ladybug").text]
    assert ladybug_only
    queries = [{"name": n, "text": REGISTRY.sample_text(n, "ladybug"),
                "parameters": {p: None for p in REGISTRY.parameters(n)}} for n in ladybug_only]
    queries.append({"name": "shortest", "text": "MATCH p = (a:Lead)-[* SHORTEST 1..6]-(b:Lead) RETURN p",
                    "parameters": {}})
    results = lint(queries, {"labels": load_model().labels})
    unflagged = [n for n, diags in results.items() if not any(d.get("severity") == 1 for d in diags)]
    assert not unflagged
