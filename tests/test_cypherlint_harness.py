"""The Neo4j Cypher analyser harness (tests/cypherlint.py, tools/cypher-lint) can fail and can pass."""

from __future__ import annotations

from typing import Any

import pytest

from tests.cypherlint import analyser_available, errors, lint

SCHEMA = {"labels": ["Lead", "Company"], "relationshipTypes": ["WORKS_AT"], "propertyKeys": ["id", "name"]}
VALID = "UNWIND $rows AS r MERGE (l:Lead {id: r.id}) ON CREATE SET l.name = r.name RETURN count(*) AS n"
QUERIES = [
    {"name": "valid", "text": VALID, "parameters": {"rows": [], "id": "x"}},
    {"name": "undeclared_parameter", "text": VALID, "parameters": {}},
    {"name": "ladybug_shortest", "text": "MATCH p = (a:Lead)-[* SHORTEST 1..6]-(b:Lead) RETURN p", "parameters": {}},
    {"name": "ladybug_function", "text": "MATCH (:Lead)-[r]->(:Company) RETURN label(r) AS t", "parameters": {}},
    {"name": "syntax_error", "text": "MATCH (n:Lead RETURN n", "parameters": {}},
    {"name": "undefined_variable", "text": "MATCH (n:Lead) RETURN m", "parameters": {}},
    {"name": "unknown_label", "text": "MATCH (n:Leed) RETURN n.id AS id", "parameters": {}},
    {
        "name": "schema",
        "text": "CREATE CONSTRAINT lead_id IF NOT EXISTS FOR (n:Lead) REQUIRE n.id IS UNIQUE;\n"
        "CREATE INDEX lead_name IF NOT EXISTS FOR (n:Lead) ON (n.name);",
        "parameters": {},
    },
    {"name": "second_statement_broken", "text": "MATCH (n:Lead) RETURN n;\nMATCH (n:Lead) RETURN m;", "parameters": {}},
]


@pytest.fixture(scope="module")
def results() -> dict[str, list[dict[str, Any]]]:
    """All example queries, linted in one Node process."""
    available, reason = analyser_available()
    if not available:
        pytest.skip(reason)
    return lint(QUERIES, SCHEMA)


def test_valid_query_with_parameters_passes(results: dict[str, list[dict[str, Any]]]) -> None:
    assert errors(results["valid"]) == []
    assert results["valid"] == []
    assert errors(results["schema"]) == []


@pytest.mark.parametrize(
    "name",
    ["undeclared_parameter", "ladybug_shortest", "ladybug_function", "syntax_error", "undefined_variable"],
)
def test_errors_are_severity_1(results: dict[str, list[dict[str, Any]]], name: str) -> None:
    assert errors(results[name]), results[name]


def test_unknown_label_is_only_a_warning(results: dict[str, list[dict[str, Any]]]) -> None:
    assert errors(results["unknown_label"]) == []
    assert any(d["severity"] == 2 and "Leed" in d["message"] for d in results["unknown_label"])


def test_every_statement_of_a_text_is_checked(results: dict[str, list[dict[str, Any]]]) -> None:
    found = results["second_statement_broken"]
    assert [(d["line"], d["column"]) for d in found if d["severity"] == 1] == [(2, 23)], found


def test_harness_failure_raises() -> None:
    available, reason = analyser_available()
    if not available:
        pytest.skip(reason)
    twice = [{"name": "q", "text": "RETURN 1", "parameters": {}}] * 2
    with pytest.raises(RuntimeError, match="appears twice"):
        lint(twice, SCHEMA)
