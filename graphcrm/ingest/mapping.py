"""Map a file's columns onto canonical fields, by header profiles of real CRMs.

Profiles (``profiles/*.toml``) list, per kind of record, which header means
which field. The best-matching profile and kind win; ``--map`` overrides and
mapping files win over both. A column that maps to nothing is never dropped:
it is listed in ``unmapped`` and kept per row in ``__extra__``.
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from graphcrm.ingest.errors import MappingError
from graphcrm.ingest.fields import FIELDS, PERSON_FIELDS, Kind
from graphcrm.ingest.read import ERROR, ROW

EXTRA = "__extra__"
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


@dataclass
class Profile:
    """One CRM's headers: per kind, normalised header -> field, plus identifying headers."""

    name: str
    signature: frozenset[str]
    kinds: dict[Kind, dict[str, str]]


@dataclass
class ColumnMapping:
    """How a file's columns map to canonical fields."""

    kind: Kind
    profile: str
    source_system: str
    fields: dict[str, str]  # source column -> canonical field
    unmapped: list[str] = field(default_factory=list)
    confidence: float = 0.0


def header_key(text: str) -> str:
    """Headers compare case-, width-, space- and punctuation-insensitively."""
    folded = unicodedata.normalize("NFKC", str(text)).replace("\ufeff", "").casefold()
    return _NON_WORD.sub("", folded)


@cache
def profiles() -> dict[str, Profile]:
    """The shipped header profiles, by name."""
    found = {}
    for entry in resources.files("graphcrm.ingest").joinpath("profiles").iterdir():
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text("utf-8"))
            kinds = {Kind(k): {header_key(h): f for h, f in table.items()} for k, table in data["kinds"].items()}
            for kind, table in kinds.items():
                unknown = set(table.values()) - set(FIELDS[kind])
                if unknown:
                    raise ValueError(f"profile {entry.name}: unknown {kind} fields {sorted(unknown)}")
            found[data["name"]] = Profile(data["name"], frozenset(header_key(h) for h in data["signature"]), kinds)
    return found


def infer_mapping(
    columns: list[str],
    *,
    kind: Kind | None = None,
    overrides: dict[str, str] | None = None,
    mapping_file: Path | None = None,
) -> ColumnMapping:
    """Choose profile and kind from the headers (unless given) and map every column."""
    columns = [c for c in columns if not c.startswith("__")]
    source_system = None
    if mapping_file is not None:
        spec = _read_mapping_file(mapping_file)
        kind = Kind(spec["kind"]) if spec.get("kind") else kind
        source_system = spec.get("source_system")
        overrides = {**spec.get("fields", {}), **(overrides or {})}
    profile, kind = _choose(columns, kind, bool(overrides))
    mapping = _map(columns, profile, kind)
    if source_system:
        mapping.source_system = str(source_system)
    if overrides:
        _apply_overrides(mapping, columns, overrides)
    return mapping


def _choose(columns: list[str], kind: Kind | None, overridden: bool) -> tuple[Profile | None, Kind]:
    keys = [header_key(c) for c in columns]
    if set(columns) <= set(PERSON_FIELDS) | _VCARD_EXTRA:
        return None, kind or Kind.LEADS  # already canonical: a vCard file
    best: tuple[tuple[int, int, int], Profile, Kind] | None = None
    for order, profile in enumerate(sorted(profiles().values(), key=lambda p: p.name == "generic")):
        signature = sum(1 for k in keys if k in profile.signature)
        for rank, (candidate, table) in enumerate(profile.kinds.items()):
            if kind is not None and candidate != kind:
                continue
            matched = sum(1 for k in keys if k in table)
            score = (matched + 2 * signature, -order, -rank)
            if matched and (best is None or score > best[0]):
                best = (score, profile, candidate)
    if best is None:
        if kind is not None or overridden:
            return profiles()["generic"], kind or Kind.LEADS
        raise MappingError(
            f"no column is recognised ({', '.join(columns[:8])}); name the fields with --map FIELD=COLUMN "
            "or --mapping FILE"
        )
    return best[1], best[2]


_VCARD_EXTRA = {f"{name}_{i}" for name in ("email", "phone", "mobile") for i in range(2, 10)}


def _map(columns: list[str], profile: Profile | None, kind: Kind) -> ColumnMapping:
    if profile is None:
        fields = {c: c for c in columns if c in FIELDS[kind]}
        unmapped = [c for c in columns if c not in fields]
        return ColumnMapping(kind, "vcard", "vcard", fields, unmapped, 1.0)
    tables = [profile.kinds.get(kind, {})]
    if profile.name != "generic":
        tables.append(profiles()["generic"].kinds.get(kind, {}))
    fields: dict[str, str] = {}
    taken: set[str] = set()
    unmapped = []
    for column in columns:
        key = header_key(column)
        target = next((t[key] for t in tables if key in t), None)
        if target is None and column in FIELDS[kind]:
            target = column
        if target is None or target in taken:
            unmapped.append(column)
        else:
            fields[column] = target
            taken.add(target)
    confidence = len(fields) / len(columns) if columns else 0.0
    return ColumnMapping(kind, profile.name, profile.name, fields, unmapped, round(confidence, 3))


def _apply_overrides(mapping: ColumnMapping, columns: list[str], overrides: dict[str, str]) -> None:
    valid = FIELDS[mapping.kind]
    for field_name, column in overrides.items():
        if field_name not in valid:
            raise MappingError(f"unknown field {field_name!r} for {mapping.kind.value}; fields: {', '.join(valid)}")
        if column not in columns:
            raise MappingError(f"no column {column!r} in the file; columns: {', '.join(columns)}")
    for field_name, column in overrides.items():
        for other, target in list(mapping.fields.items()):
            if target == field_name and other != column:
                del mapping.fields[other]
                mapping.unmapped.append(other)
        mapping.fields[column] = field_name
        if column in mapping.unmapped:
            mapping.unmapped.remove(column)
    mapping.unmapped = [c for c in columns if c in mapping.unmapped]


def _read_mapping_file(path: Path) -> dict[str, Any]:
    text = Path(path).read_text("utf-8")
    try:
        spec = json.loads(text) if Path(path).suffix.lower() == ".json" else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise MappingError(f"{path}: not a valid mapping file: {exc}") from None
    if spec.get("kind") and spec["kind"] not in {k.value for k in Kind}:
        raise MappingError(f"{path}: unknown kind {spec['kind']!r}")
    if not isinstance(spec.get("fields", {}), dict):
        raise MappingError(f"{path}: 'fields' must map field names to column names")
    return spec


def apply_mapping(frame: pd.DataFrame, mapping: ColumnMapping) -> pd.DataFrame:
    """The frame with canonical column names, ``__row__``, and per row the unmapped values in ``__extra__``."""
    out = pd.DataFrame({target: frame[column] for column, target in mapping.fields.items() if column in frame},
                       index=frame.index)
    out[ROW] = frame[ROW]
    if ERROR in frame:
        out[ERROR] = frame[ERROR]
    extra_columns = [c for c in mapping.unmapped if c in frame]
    if extra_columns:
        records = frame[extra_columns].to_dict("records")
        out[EXTRA] = [{k: v for k, v in r.items() if v is not None and v == v} for r in records]  # v == v: not NaN
    else:
        out[EXTRA] = [{} for _ in range(len(frame))]
    return out
