"""Map a file's columns onto canonical fields, by header profiles of real CRMs.

Profiles are TOML files in ``profiles/``::

    name = "salesforce"
    description = "..."
    signature = ["Lead ID", "Lead Status", ...]   # headers that say "this file comes from here"
    [kinds.leads]                                  # the kinds it covers: header -> canonical field
    "Lead ID" = "external_id"
    [fallbacks.contacts]                           # optional: fill a field row by row where blank
    "Lifecycle Stage" = "status"

Headers match whatever their case, spacing, punctuation and width. The profile
and kind that fit the headers best win (a non-generic profile needs at least
one signature header; ties go to generic); ``--map FIELD=COLUMN`` overrides and
mapping files win over both. A column that maps to nothing is never dropped: it
is listed in ``unmapped`` and kept per row in ``__extra__``.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from graphcrm.ingest.errors import MappingError, NoColumnRecognised
from graphcrm.ingest.fields import FIELDS, Kind
from graphcrm.ingest.read import ERROR, ROW, VCARD_COLUMNS, VCARD_EXTRA

EXTRA = "__extra__"
IGNORE = "__ignore__"  # a column choice: leave the column out
INTERNAL = frozenset({ROW, ERROR, EXTRA})
GENERIC = "generic"
VCARD = "vcard"
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_PERSON = (Kind.LEADS, Kind.CONTACTS)
_ALL_FIELDS = frozenset(f for names in FIELDS.values() for f in names)


@dataclass(frozen=True)
class Profile:
    """One system's headers: per kind, header key -> field; plus the headers that identify it."""

    name: str
    description: str
    signature: frozenset[str]  # header keys
    kinds: dict[Kind, dict[str, str]]
    fallbacks: dict[Kind, dict[str, str]] = field(default_factory=dict)
    spelled: frozenset[str] = frozenset()  # the signature exactly as the system writes it

    def table(self, kind: Kind) -> dict[str, str] | None:
        """The header table for ``kind``; leads and contacts stand in for each other."""
        if kind in self.kinds:
            return self.kinds[kind]
        if kind in _PERSON:
            return self.kinds.get(Kind.CONTACTS if kind == Kind.LEADS else Kind.LEADS)
        return None


@dataclass
class ColumnMapping:
    """How a file's columns map to canonical fields."""

    kind: Kind
    profile: str
    source_system: str
    fields: dict[str, str]  # source column -> canonical field
    unmapped: list[str] = field(default_factory=list)
    confidence: float = 0.0  # share of the columns that map to a field
    # field -> further columns that fill it on rows where the mapped column is blank; these
    # columns stay in ``unmapped`` (and so in ``__extra__``) as well
    fallbacks: dict[str, list[str]] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)  # columns left out altogether (not even in ``__extra__``)
    samples: dict[str, list[str]] = field(default_factory=dict)  # a few values of the columns a person may map


def header_key(text: str) -> str:
    """Headers compare case-, width-, space-, BOM- and punctuation-insensitively."""
    folded = unicodedata.normalize("NFKC", str(text)).replace("\ufeff", "").casefold()
    return _NON_WORD.sub("", folded)


# -- profiles ----------------------------------------------------------------------------


@cache
def profiles() -> dict[str, Profile]:
    """The shipped header profiles, by name (generic last)."""
    folder = resources.files("graphcrm.ingest").joinpath("profiles")
    found = [parse_profile(entry.read_text("utf-8"), entry.name)
             for entry in sorted(folder.iterdir(), key=lambda e: e.name) if entry.name.endswith(".toml")]
    found.sort(key=lambda p: p.name == GENERIC)
    if not any(p.name == GENERIC for p in found):
        raise RuntimeError("the generic header profile is missing from graphcrm/ingest/profiles")
    return {p.name: p for p in found}


def parse_profile(text: str, source: str = "profile") -> Profile:
    """A profile from its TOML text; ValueError naming the problem when it is malformed."""
    data = tomllib.loads(text)
    unknown_keys = set(data) - {"name", "description", "signature", "kinds", "fallbacks"}
    if unknown_keys or not isinstance(data.get("name"), str) or not isinstance(data.get("kinds"), dict):
        raise ValueError(f"{source}: a profile needs name and [kinds.*] tables (unknown keys: {sorted(unknown_keys)})")

    def tables(section: str) -> dict[Kind, dict[str, str]]:
        out: dict[Kind, dict[str, str]] = {}
        for kind_name, table in data.get(section, {}).items():
            if kind_name not in Kind.__members__.values():
                raise ValueError(f"{source}: unknown kind {kind_name!r}")
            kind = Kind(kind_name)
            out[kind] = {}
            for header, target in table.items():
                if target not in FIELDS[kind]:
                    raise ValueError(f"{source}: {header!r} maps to {target!r}, not a {kind.value} field")
                key = header_key(header)
                if out[kind].get(key, target) != target:
                    raise ValueError(f"{source}: {header!r} maps to both {out[kind][key]!r} and {target!r}")
                out[kind][key] = target
        return out

    return Profile(
        name=data["name"],
        description=str(data.get("description", "")),
        signature=frozenset(header_key(h) for h in data.get("signature", [])),
        kinds=tables("kinds"),
        fallbacks=tables("fallbacks"),
        spelled=frozenset(str(h).strip() for h in data.get("signature", [])),
    )


# -- inferring a mapping -----------------------------------------------------------------


@dataclass
class MappingSpec:
    """What a mapping file says: the kind, the source system and field -> column."""

    kind: Kind | None = None
    source_system: str | None = None
    fields: dict[str, str] = field(default_factory=dict)


def infer_mapping(
    columns: list[str],
    *,
    kind: Kind | None = None,
    overrides: dict[str, str] | None = None,
    mapping_file: Path | None = None,
) -> ColumnMapping:
    """Choose profile and kind from the headers (unless given) and map every column.

    ``overrides`` and a mapping file's ``fields`` go field -> column and win over the profile.
    Raises MappingError for an unknown field or kind, a missing column, or headers nothing fits.
    """
    columns = [c for c in columns if c not in INTERNAL]
    spec = read_mapping_file(mapping_file) if mapping_file is not None else MappingSpec()
    kind = _as_kind(kind) if kind is not None else None
    if kind is not None and spec.kind is not None and kind != spec.kind:
        raise MappingError(f"{mapping_file}: the mapping is for {spec.kind.value}, but {kind.value} was asked for")
    kind = kind or spec.kind
    wanted = {**spec.fields, **(overrides or {})}
    if _is_vcard(columns):
        mapping = _vcard_mapping(columns, kind or Kind.LEADS)
    else:
        profile, kind = _choose(columns, kind, wanted)
        mapping = _map(columns, profile, kind)
    if wanted:
        _override(mapping, columns, wanted)
    if spec.source_system:
        mapping.source_system = spec.source_system
    mapping.confidence = round(len(mapping.fields) / len(columns), 3) if columns else 0.0
    return mapping


def _as_kind(kind: Kind | str) -> Kind:
    try:
        return Kind(kind)
    except ValueError:
        raise MappingError(f"unknown kind {kind!r}; kinds: {', '.join(k.value for k in Kind)}") from None


def _is_vcard(columns: list[str]) -> bool:
    """The columns of the vCard reader: all its canonical ones, and further numbers."""
    extra = set(columns) - set(VCARD_COLUMNS)
    return set(VCARD_COLUMNS) <= set(columns) and all(VCARD_EXTRA.fullmatch(c) for c in extra)


def _vcard_mapping(columns: list[str], kind: Kind) -> ColumnMapping:
    fields = {c: c for c in columns if c in FIELDS[kind]}
    return ColumnMapping(kind, VCARD, VCARD, fields, [c for c in columns if c not in fields])


def _choose(columns: list[str], kind: Kind | None, wanted: Mapping[str, str]) -> tuple[Profile, Kind]:
    """The best (profile, kind) for these headers."""
    keys = [header_key(c) for c in columns]
    # canonical names ("lead_id") are graphcrm's own words: they point to no CRM
    named = [k for c, k in zip(columns, keys, strict=True) if c not in _ALL_FIELDS]
    known = profiles()
    # A signature header several systems share ("Lead Status") says less than one of a kind.
    sharing = {k: sum(1 for p in known.values() if k in p.signature) for k in set(keys)}
    # Without a kind, override fields narrow the kinds down (``--map campaign_id=...``).
    kinds = [kind] if kind is not None else [k for k in Kind if set(wanted) <= set(FIELDS[k])] or list(Kind)
    best: tuple[tuple[float, ...], Profile, Kind] | None = None
    for order, profile in enumerate(known.values()):
        generic = profile.name == GENERIC
        hits = sum(1 / sharing[k] for k in named if k in profile.signature)
        if not generic and not hits:
            continue  # a system's own profile needs at least one of its signature headers
        exact = sum(1 for c in columns if c.strip() in profile.spelled)
        if kind:
            candidates = [k for k in kinds if profile.table(k) is not None]
        else:
            candidates = [k for k in profile.kinds if k in kinds]  # in the profile's order: its first wins a tie
        for rank, candidate in enumerate(candidates):
            table = profile.table(candidate) or {}
            matched = [c for c, k in zip(columns, keys, strict=True) if k in table or c in FIELDS[candidate]]
            if not matched:
                continue
            distinct = 0 if kind else _distinct(candidate, matched)
            score = (len(matched) + distinct + 2 * hits, int(generic), exact, -order, -rank)
            if best is None or score > best[0]:
                best = (score, profile, candidate)
    if best is not None:
        return best[1], best[2]
    if wanted:
        return known[GENERIC], kinds[0] if kind or len(kinds) < len(Kind) else Kind.LEADS
    shown = ", ".join(repr(c) for c in columns[:8]) + (" ..." if len(columns) > 8 else "")
    what = f"as a {kind.value} field" if kind else "as a field of any kind"
    raise NoColumnRecognised(f"no column is recognised {what} ({shown}); name the fields with --map FIELD=COLUMN "
                       "or a mapping file")


def _distinct(kind: Kind, matched: list[str]) -> int:
    """How many matched headers belong to no other kind ("Budgeted Cost", "Stage", "First Name").

    Judged against every profile's tables, so it weighs kinds, never one profile against another.
    """
    return sum(1 for c in matched if header_key(c) not in _other_headers(kind) and c not in _other_fields(kind))


@cache
def _other_headers(kind: Kind) -> frozenset[str]:
    group = set(_PERSON) if kind in _PERSON else {kind}
    return frozenset(key for profile in profiles().values() for other, table in profile.kinds.items()
                     if other not in group for key in table)


@cache
def _other_fields(kind: Kind) -> frozenset[str]:
    group = set(_PERSON) if kind in _PERSON else {kind}
    return frozenset(f for k, names in FIELDS.items() if k not in group for f in names)


def _map(columns: list[str], profile: Profile, kind: Kind) -> ColumnMapping:
    tables = [t for t in (profile.table(kind), profiles()[GENERIC].table(kind)) if t is not None]
    fields: dict[str, str] = {}
    taken: set[str] = set()
    unmapped: list[str] = []
    for column in columns:
        key = header_key(column)
        # a column already named as a canonical field means that field, whatever the profile says
        target = column if column in FIELDS[kind] else next((t[key] for t in tables if key in t), None)
        if target is None or target in taken:
            unmapped.append(column)  # never dropped: the first column for a field wins, later ones stay extra
        else:
            fields[column] = target
            taken.add(target)
    mapping = ColumnMapping(kind, profile.name, profile.name, fields, unmapped)
    for column in list(unmapped):
        target = profile.fallbacks.get(kind, {}).get(header_key(column))
        if target is None:
            continue
        if target in taken:
            mapping.fallbacks.setdefault(target, []).append(column)
        else:  # no main column for the field: the fallback is the column
            fields[column] = target
            taken.add(target)
            unmapped.remove(column)
    mapping.fields = {c: fields[c] for c in columns if c in fields}
    return mapping


def _override(mapping: ColumnMapping, columns: list[str], wanted: Mapping[str, str]) -> None:
    """Apply field -> column choices; an empty column leaves the field unfilled."""
    valid = FIELDS[mapping.kind]
    chosen: dict[str, str] = {}
    for field_name, column in wanted.items():
        if field_name not in valid:
            raise MappingError(f"unknown field {field_name!r} for {mapping.kind.value}; "
                               f"fields: {', '.join(valid)}")
        if not isinstance(column, str):
            raise MappingError(f"the column for {field_name!r} must be a column name, not {column!r}")
        found = _find_column(column, columns) if column.strip() else ""
        if found and found in chosen.values():
            other = next(f for f, c in chosen.items() if c == found)
            raise MappingError(f"column {found!r} is given for both {other!r} and {field_name!r}")
        chosen[field_name] = found
    for field_name, column in chosen.items():
        for other, target in list(mapping.fields.items()):
            if target == field_name or other == column:
                del mapping.fields[other]
        mapping.fallbacks.pop(field_name, None)
        if column:
            mapping.fields[column] = field_name
    mapping.fields = {c: mapping.fields[c] for c in columns if c in mapping.fields}
    mapping.unmapped = [c for c in columns if c not in mapping.fields]
    for field_name, extra in list(mapping.fallbacks.items()):
        mapping.fallbacks[field_name] = [c for c in extra if c not in mapping.fields]
        if not mapping.fallbacks[field_name] or field_name not in mapping.fields.values():
            del mapping.fallbacks[field_name]


def _find_column(name: str, columns: list[str]) -> str:
    if name in columns:
        return name
    loose = [c for c in columns if header_key(c) == header_key(name)]
    if len(loose) == 1:
        return loose[0]
    raise MappingError(f"no column {name!r} in the file; columns: {', '.join(columns)}")


def chosen_fields(choices: Mapping[str, str]) -> dict[str, str]:
    """field -> column of a person's column -> field choices (blank and ``IGNORE`` left out).

    Raises MappingError when one field is chosen for two columns.
    """
    wanted: dict[str, str] = {}
    for column, target in choices.items():
        if not target or target == IGNORE:
            continue
        if target in wanted:
            raise MappingError(f"{target!r} is chosen for both {wanted[target]!r} and {column!r}")
        wanted[target] = column
    return wanted


def choose_columns(mapping: ColumnMapping, columns: list[str], choices: Mapping[str, str]) -> None:
    """Apply a person's column -> field choices (``IGNORE``: leave the column out; "": keep it as extra).

    Raises MappingError for an unknown field, a column the file lacks, or one field chosen twice.
    """
    for column, target in choices.items():
        if column not in columns:
            raise MappingError(f"no column {column!r} in the file; columns: {', '.join(columns)}")
        if target == IGNORE:
            mapping.ignored.append(column)
    wanted = chosen_fields(choices)
    if wanted:
        _override(mapping, columns, wanted)
    mapping.fields = {c: f for c, f in mapping.fields.items() if c not in mapping.ignored}
    mapping.unmapped = [c for c in columns if c not in mapping.fields and c not in mapping.ignored]
    mapping.confidence = round(len(mapping.fields) / len(columns), 3) if columns else 0.0


def read_mapping_file(path: Path | str) -> MappingSpec:
    """A TOML or JSON mapping file ``{kind, source_system, fields = {field = column}}``."""
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except OSError as exc:
        raise MappingError(f"{path}: cannot read the mapping file ({exc.strerror or exc})") from exc
    as_json = path.suffix.lower() == ".json" or (path.suffix.lower() != ".toml" and text.lstrip().startswith("{"))
    try:
        data = json.loads(text) if as_json else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise MappingError(f"{path}: not a valid {'JSON' if as_json else 'TOML'} mapping file: {exc}") from exc
    if not isinstance(data, dict):
        raise MappingError(f"{path}: expected {{kind, source_system, fields}}")
    unknown = set(data) - {"kind", "source_system", "fields"}
    if unknown:
        raise MappingError(f"{path}: unknown keys {', '.join(sorted(unknown))}; expected kind, source_system, fields")
    spec = MappingSpec()
    if data.get("kind") is not None:
        try:
            spec.kind = _as_kind(data["kind"])
        except MappingError as exc:
            raise MappingError(f"{path}: {exc}") from None
    source = data.get("source_system")
    if source is not None:
        if not isinstance(source, str) or not source.strip():
            raise MappingError(f"{path}: source_system must be a name such as \"salesforce\"")
        spec.source_system = source.strip()
    fields = data.get("fields", {})
    if not isinstance(fields, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in fields.items()):
        raise MappingError(f"{path}: fields must map field names to column names, e.g. email = \"E-mail\"")
    spec.fields = dict(fields)
    return spec


# -- applying a mapping ------------------------------------------------------------------


def apply_mapping(frame: pd.DataFrame, mapping: ColumnMapping, *, tidy: bool = False) -> pd.DataFrame:
    """The frame with canonical columns, ``__row__`` (and ``__error__``), and ``__extra__`` per row.

    ``tidy``: the reader already made every cell stripped text or None, so no cell needs blanking.
    """
    size = len(frame)
    _values = _as_is if tidy else _blanked
    out: dict[str, list[Any]] = {}
    for column, target in mapping.fields.items():
        out[target] = _values(frame, column, size)
    for target, extra in mapping.fallbacks.items():
        values = out.get(target)
        if values is None:
            continue
        for column in extra:
            more = _values(frame, column, size)
            values = [v if not _blank(v) else m for v, m in zip(values, more, strict=True)]
        out[target] = values
    if ROW in frame.columns:
        out[ROW] = frame[ROW].tolist()
    if ERROR in frame.columns:
        out[ERROR] = _values(frame, ERROR, size)
    # every other column of this chunk, listed in ``unmapped`` or new in this chunk (JSON, vCard)
    rest = [c for c in frame.columns if c not in mapping.fields and c not in INTERNAL and c not in mapping.ignored]
    if rest:
        by_row = zip(*(_values(frame, c, size) for c in rest), strict=True)
        out[EXTRA] = [{c: v for c, v in zip(rest, row, strict=True) if v is not None} for row in by_row]
    else:
        out[EXTRA] = [{} for _ in range(size)]
    result = pd.DataFrame(out, index=frame.index, dtype=object)
    if ROW in result.columns:
        result[ROW] = frame[ROW].to_numpy()
    return result


def _as_is(frame: pd.DataFrame, column: str, size: int) -> list[Any]:
    return frame[column].tolist() if column in frame.columns else [None] * size


def _blanked(frame: pd.DataFrame, column: str, size: int) -> list[Any]:
    if column not in frame.columns:
        return [None] * size
    values = frame[column].tolist()
    if set(map(type, values)) <= _TEXT_TYPES:  # text cells: each distinct one checked once
        kept = {v: None if _blank(v) else v for v in dict.fromkeys(values)}
        return list(map(kept.__getitem__, values))
    return [None if _blank(v) else v for v in values]


_TEXT_TYPES = {str, type(None)}


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):  # NaN from a concat of chunks with other columns
        return True
    return isinstance(value, str) and not value.strip()
