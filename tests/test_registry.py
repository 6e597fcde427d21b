"""The Cypher registry and the model whitelist."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphcrm.model import load_model, parse_model
from graphcrm.registry import DIALECTS, Registry, UnknownQuery, default_registry

REGISTRY = default_registry()
ARCHITECTURE_LABELS = {
    "Lead", "Contact", "Company", "Source", "Campaign", "Rep", "Opportunity", "Activity", "Email", "Phone", "Domain",
}
ARCHITECTURE_RELS = {
    "WORKS_AT", "HAS_DOMAIN", "HAS_EMAIL", "HAS_PHONE", "FROM_SOURCE", "ON_CHANNEL", "TOUCHED_BY", "OWNS",
    "REFERRED_BY", "CONVERTED_TO", "LOGGED", "ABOUT", "POSSIBLE_DUPLICATE", "MERGED_INTO",
}


@pytest.mark.parametrize("name", REGISTRY.names())
def test_every_query_exists_for_both_dialects_with_the_same_parameters(name):
    files = [REGISTRY.file(name, dialect) for dialect in DIALECTS]
    assert all(f.text.strip() for f in files)
    assert files[0].parameters == files[1].parameters, name
    assert files[0].slots == files[1].slots, name


def test_unknown_query_fails_loudly():
    with pytest.raises(UnknownQuery, match="no Cypher query named 'explore/nothing'"):
        REGISTRY.text("explore/nothing", "ladybug")


def test_template_slots_take_only_whitelisted_names():
    assert "COPY Lead FROM $rows" in REGISTRY.text("bulk/create_nodes", "ladybug", label="Lead")
    for hostile in ("Lead {id:'x'}) DETACH DELETE (n", "Lead`", "lead", "WORKS_AT"):
        with pytest.raises(ValueError, match="unknown node label"):
            REGISTRY.text("bulk/create_nodes", "ladybug", label=hostile)
    with pytest.raises(ValueError, match="needs identifiers"):
        REGISTRY.text("bulk/create_nodes", "ladybug")


def test_dialect_override_wins_over_shared_file(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "q.cypher").write_text("MATCH (n:Lead {id: $id}) RETURN n")
    (tmp_path / "a" / "q.neo4j.cypher").write_text("MATCH (n:Lead {id: $id}) RETURN n.id")
    registry = Registry(tmp_path)
    assert registry.names() == ["a/q"]
    assert registry.text("a/q", "ladybug").endswith("RETURN n")
    assert registry.text("a/q", "neo4j").endswith("RETURN n.id")
    assert registry.parameters("a/q") == {"id"}


def test_parameters_ignore_comments_and_strings_of_dollars():
    registry = default_registry()
    assert registry.parameters("meta/set") == {"id", "value", "now"}


def test_model_covers_the_architecture():
    model = load_model()
    assert ARCHITECTURE_LABELS <= set(model.labels)
    assert ARCHITECTURE_RELS <= set(model.rel_types)
    for label in model.labels:
        props = model.nodes[label].properties
        assert props["id"] == "STRING", label
        assert {"created_at", "updated_at"} <= props.keys(), label
    assert ("Lead", "Campaign") in model.rels["TOUCHED_BY"].endpoints
    assert model.rels["TOUCHED_BY"].properties["at"] == "TIMESTAMP"


def test_model_parser_rejects_what_it_cannot_read():
    with pytest.raises(ValueError, match="cannot parse schema line"):
        parse_model("CREATE NODE TABLE IF NOT EXISTS X(\n id STRING,\n what is this,\n PRIMARY KEY(id)\n);")


def test_property_whitelist():
    model = load_model()
    assert model.property_name("email", "Lead") == "email"
    with pytest.raises(ValueError):
        model.property_name("email", "Campaign")
    with pytest.raises(ValueError):
        model.property_name("name) DELETE n //")


def test_neo4j_schema_constrains_every_label():
    text = REGISTRY.text("schema/graph", "neo4j")
    for label in load_model().labels:
        assert f"FOR (n:{label}) REQUIRE n.id IS UNIQUE" in text, label
