"""Every Neo4j-dialect query passes Neo4j's own Cypher analyser.

No Neo4j server runs here, so this is what keeps the Neo4j Cypher valid: the
analyser from ``@neo4j-cypher/language-support`` (installed under
tools/cypher-lint) checks syntax, variables, grouping and types.
"""

from __future__ import annotations

import pytest

from graphcrm.model import load_model
from graphcrm.registry import default_registry
from tests.cypherlint import analyser_available, lint

REGISTRY = default_registry()


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
        "labels": model.labels,
        "relationshipTypes": model.rel_types,
        "propertyKeys": sorted(model.property_names),
    }
    queries = _queries()
    assert len(queries) > 40
    results = lint(queries, schema)
    errors = {
        name: [f"{d.get('line')}:{d.get('column')} {d['message']}" for d in diags if d.get("severity") == 1]
        for name, diags in results.items()
    }
    errors = {k: v for k, v in errors.items() if v}
    assert not errors, errors
    assert set(results) == {q["name"] for q in queries}


def test_the_analyser_rejects_the_ladybug_dialect():
    """The check can fail: LadybugDB-only syntax in a Neo4j file is an error."""
    available, reason = analyser_available()
    if not available:
        pytest.skip(reason)
    ladybug_only = [
        name for name in REGISTRY.names()
        if REGISTRY.file(name, "ladybug").text != REGISTRY.file(name, "neo4j").text and "label(" in
        REGISTRY.file(name, "ladybug").text
    ]
    assert ladybug_only
    queries = [{"name": n, "text": REGISTRY.sample_text(n, "ladybug"),
                "parameters": {p: None for p in REGISTRY.parameters(n)}} for n in ladybug_only]
    results = lint(queries, {"labels": load_model().labels, "relationshipTypes": load_model().rel_types,
                             "propertyKeys": sorted(load_model().property_names)})
    flagged = [n for n, diags in results.items() if any(d.get("severity") == 1 for d in diags)]
    assert flagged, "the analyser accepted LadybugDB-only functions such as label(r)"
