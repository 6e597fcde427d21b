"""The graph model: labels, relationship types and their properties.

The LadybugDB DDL in ``cypher/schema/graph.ladybug.cypher`` is the single
source of truth; this module parses it once into a whitelist that everything
building a query from a name (a label, a relationship type, a property, a sort
key) checks against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

_TABLE = re.compile(
    r"CREATE\s+(NODE|REL)\s+TABLE\s+IF\s+NOT\s+EXISTS\s+(\w+)\s*\((.*?)\);", re.S | re.I
)
_ENDPOINTS = re.compile(r"FROM\s+(\w+)\s+TO\s+(\w+)", re.I)
_PROPERTY = re.compile(r"^(\w+)\s+([A-Z0-9_\[\]]+)$", re.I)
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class NodeType:
    """A node label and its typed properties."""

    label: str
    properties: dict[str, str]


@dataclass(frozen=True)
class RelType:
    """A relationship type, the label pairs it may join, and its properties."""

    name: str
    endpoints: tuple[tuple[str, str], ...]
    properties: dict[str, str]


@dataclass(frozen=True)
class Model:
    """The whitelist of everything a query may name."""

    nodes: dict[str, NodeType]
    rels: dict[str, RelType]
    property_names: frozenset[str] = field(default=frozenset())

    @property
    def labels(self) -> list[str]:
        """All node labels, in schema order."""
        return list(self.nodes)

    @property
    def rel_types(self) -> list[str]:
        """All relationship types, in schema order."""
        return list(self.rels)

    def label(self, name: str) -> str:
        """Return ``name`` if it is a node label, else raise ValueError."""
        if name not in self.nodes:
            raise ValueError(f"unknown node label {name!r}")
        return name

    def rel_type(self, name: str) -> str:
        """Return ``name`` if it is a relationship type, else raise ValueError."""
        if name not in self.rels:
            raise ValueError(f"unknown relationship type {name!r}")
        return name

    def property_name(self, name: str, label: str | None = None) -> str:
        """Return ``name`` if it is a property (of ``label`` when given), else raise ValueError."""
        known = self.nodes[self.label(label)].properties if label else self.property_names
        if name not in known or not _IDENTIFIER.match(name):
            where = f" of {label}" if label else ""
            raise ValueError(f"unknown property {name!r}{where}")
        return name


def parse_model(ddl: str) -> Model:
    """Parse LadybugDB ``CREATE NODE/REL TABLE`` statements into a Model."""
    nodes: dict[str, NodeType] = {}
    rels: dict[str, RelType] = {}
    body_lines = lambda body: [ln.strip().rstrip(",") for ln in body.splitlines()]  # noqa: E731
    for kind, name, body in _TABLE.findall(_strip_comments(ddl)):
        props: dict[str, str] = {}
        endpoints: list[tuple[str, str]] = []
        for line in body_lines(body):
            if not line or line.upper().startswith("PRIMARY KEY"):
                continue
            if ends := _ENDPOINTS.fullmatch(line):
                endpoints.append((ends[1], ends[2]))
            elif prop := _PROPERTY.match(line):
                props[prop[1]] = prop[2].upper()
            else:
                raise ValueError(f"cannot parse schema line in {name}: {line!r}")
        if kind.upper() == "NODE":
            nodes[name] = NodeType(name, props)
        else:
            rels[name] = RelType(name, tuple(endpoints), props)
    names = {p for n in nodes.values() for p in n.properties} | {
        p for r in rels.values() for p in r.properties
    }
    return Model(nodes, rels, frozenset(names))


def _strip_comments(text: str) -> str:
    return "\n".join(line.split("//", 1)[0] for line in text.splitlines())


@cache
def load_model() -> Model:
    """The model of the shipped schema (parsed once per process)."""
    ddl = resources.files("graphcrm.cypher").joinpath("schema/graph.ladybug.cypher").read_text("utf-8")
    return parse_model(ddl)


def __getattr__(name: str) -> Model:
    # ``MODEL`` is loaded on first use, not at import time.
    if name == "MODEL":
        return load_model()
    raise AttributeError(name)
