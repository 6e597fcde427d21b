"""The Cypher registry: every query is a named file under ``cypher/``.

``cypher/explore/neighbourhood.cypher`` is the query ``explore/neighbourhood``
for every dialect; ``neighbourhood.neo4j.cypher`` or
``neighbourhood.ladybug.cypher`` beside it overrides it for one dialect.

A few queries must name a label or relationship type (Cypher cannot take those
as parameters). They mark the spot with ``{{label}}``, ``{{rel}}`` or
``{{prop}}`` (optionally suffixed, e.g. ``{{label_to}}``); ``text()`` fills them
only with names from the model's whitelist. A ``rel`` slot also takes a list of
types, written ``A|B`` (for patterns such as ``-[:{{rels}}*1..4]-``); a ``prop``
slot takes a list of properties, written as the body of a map from columns with a
``c_`` prefix, ``a: c_a, b: c_b`` (for ``LOAD FROM`` tables). Values are always
``$parameters``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from graphcrm.model import Model, load_model

DIALECTS: tuple[str, ...] = ("ladybug", "neo4j")
SUFFIX = ".cypher"
_PARAM = re.compile(r"(?<![\w$])\$([A-Za-z_][A-Za-z0-9_]*)")
_SLOT = re.compile(r"\{\{\s*((label|rel|prop)\w*)\s*\}\}")
_COMMENT = re.compile(r"^\s*//.*$", re.M)


class UnknownQuery(KeyError):
    """A query name that has no file (for the asked dialect)."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class QueryFile:
    """The text of one query in one dialect."""

    name: str
    dialect: str
    text: str

    @property
    def parameters(self) -> frozenset[str]:
        """The ``$parameter`` names the query uses (comments ignored)."""
        return frozenset(_PARAM.findall(_COMMENT.sub("", self.text)))

    @property
    def slots(self) -> frozenset[str]:
        """The template identifiers (``{{label}}`` ...) the query needs."""
        return frozenset(m[0] for m in _SLOT.findall(self.text))


class Registry:
    """Query files by name and dialect, read once."""

    def __init__(self, root: Traversable | Path, model: Model | None = None) -> None:
        self._files: dict[tuple[str, str], QueryFile] = {}
        self._model = model or load_model()
        self._scan(root, "")

    def _scan(self, folder: Traversable | Path, prefix: str) -> None:
        shared: dict[str, str] = {}
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir() and not entry.name.startswith(("_", ".")):
                self._scan(entry, f"{prefix}{entry.name}/")
            elif entry.name.endswith(SUFFIX):
                stem = entry.name[: -len(SUFFIX)]
                base, _, dialect = stem.rpartition(".")
                text = entry.read_text("utf-8")
                if base and dialect in DIALECTS:
                    self._files[(prefix + base, dialect)] = QueryFile(prefix + base, dialect, text)
                else:
                    shared[prefix + stem] = text
        for name, text in shared.items():
            for dialect in DIALECTS:
                self._files.setdefault((name, dialect), QueryFile(name, dialect, text))

    def names(self) -> list[str]:
        """Every query name, sorted."""
        return sorted({name for name, _ in self._files})

    def file(self, name: str, dialect: str) -> QueryFile:
        """The query file for ``name`` in ``dialect``; unknown names fail loudly."""
        try:
            return self._files[(name, dialect)]
        except KeyError:
            known = ", ".join(self.names()[:8])
            raise UnknownQuery(
                f"no Cypher query named {name!r} for dialect {dialect!r} (known: {known}, ...)"
            ) from None

    def parameters(self, name: str) -> frozenset[str]:
        """The parameters of ``name`` (the same in every dialect, which a test checks)."""
        return self.file(name, DIALECTS[0]).parameters

    def text(self, name: str, dialect: str, **identifiers: str | list[str] | tuple[str, ...]) -> str:
        """The query text with template slots filled from the whitelist."""
        query = self.file(name, dialect)
        missing = query.slots - identifiers.keys()
        extra = identifiers.keys() - query.slots
        if missing or extra:
            raise ValueError(
                f"query {name!r} needs identifiers {sorted(query.slots)}, got {sorted(identifiers)}"
            )
        return _SLOT.sub(lambda m: self._checked(m[1], identifiers[m[1]]), query.text)

    def sample_text(self, name: str, dialect: str) -> str:
        """The text with every slot filled by a valid example (for linting)."""
        query = self.file(name, dialect)
        samples = {
            "label": self._model.labels[0],
            "rel": self._model.rel_types[0],
            "prop": "id",
        }
        return self.text(name, dialect, **{s: samples[_slot_kind(s)] for s in query.slots})

    def statements(self, name: str, dialect: str) -> list[str]:
        """A multi-statement file (schema, migrations) split on ``;``."""
        body = _COMMENT.sub("", self.text(name, dialect))
        return [s.strip() for s in body.split(";") if s.strip()]

    def _checked(self, slot: str, value: str | list[str] | tuple[str, ...]) -> str:
        kind = _slot_kind(slot)
        if isinstance(value, (list, tuple)):
            if kind == "prop" and value:
                return ", ".join(f"{name}: c_{name}" for name in map(self._model.property_name, value))
            if kind != "rel" or not value:
                raise ValueError(f"slot {slot!r} takes one name, not {value!r}")
            return "|".join(self._model.rel_type(v) for v in value)
        if kind == "label":
            return self._model.label(value)
        if kind == "rel":
            return self._model.rel_type(value)
        return self._model.property_name(value)


def _slot_kind(slot: str) -> str:
    for kind in ("label", "rel", "prop"):
        if slot.startswith(kind):
            return kind
    raise ValueError(f"unknown template slot {slot!r}")


@cache
def default_registry() -> Registry:
    """The registry of the queries shipped in the package."""
    return Registry(resources.files("graphcrm.cypher"))
