"""Match the source names of a file to the lead sources the graph already has.

An export says 展会, 官网, 电话 or Web where the graph has "Trade Show", "Web Form" and "Cold
Call": a new Source per spelling would split attribution. Each name is matched, in this order:

1. the same source (``keys.source_id``: case- and punctuation-insensitive), as before;
2. a name that is one of a channel's words (``normalise.sources.CHANNELS``, English and Chinese)
   goes to an existing source of that channel: one whose own name is a word of the channel
   first ("Trade Show"), else the only source of the channel; several candidates that are not
   (say "Partner Referral" and "Employee Referral" for 推荐) are ambiguous, and the name becomes a
   source of its own, with a warning;
3. otherwise a source of its own; the first name of a channel an import creates then takes the
   channel's other words that follow in the same import (展会 and "Trade Show" in one new file
   make one source).

The matcher is built once per import from one read of the graph; it reads nothing afterwards,
so preparing rows (in the prepare thread) stays free of the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graphcrm.ingest import keys
from graphcrm.ingest.normalise.sources import alias_channel, channel_of

if TYPE_CHECKING:
    from graphcrm.store import Store

Props = tuple[tuple[str, Any], ...]


@dataclass
class _Known:
    id: str
    name: str
    channel: str
    records: int = 0


@dataclass(eq=False)
class SourceMatcher:
    """Source name -> the Source node to link to (id and the props it is created with if new)."""

    known: dict[str, _Known] = field(default_factory=dict)  # id -> source
    by_channel: dict[str, list[_Known]] = field(default_factory=dict)
    created: dict[str, _Known] = field(default_factory=dict)  # channel -> first new source of the import
    matched: dict[str, str] = field(default_factory=dict)  # name in a file -> existing source it went to
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # name -> the candidates
    _memo: dict[str, tuple[str, Props]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: list[dict[str, Any]]) -> SourceMatcher:
        """A matcher over existing sources (``ingest/sources`` rows: id, name, channel, records)."""
        matcher = cls()
        for row in rows:
            name = row.get("name") or row["id"]
            known = _Known(row["id"], name, row.get("channel") or channel_of(name), int(row.get("records") or 0))
            matcher.known[known.id] = known
            matcher.by_channel.setdefault(known.channel, []).append(known)
        return matcher

    @classmethod
    def from_store(cls, store: Store) -> SourceMatcher:
        """A matcher over the sources in the graph now."""
        return cls.from_rows(store.read("ingest/sources"))

    def link(self, name: str) -> tuple[str, Props]:
        """The Source a record naming ``name`` links to: its id and its props (name, channel)."""
        found = self._memo.get(name)
        if found is None:
            found = self._memo[name] = self._match(name)
        return found

    def _match(self, name: str) -> tuple[str, Props]:
        own_id = keys.source_id(name)
        if own_id in self.known:
            return own_id, _props(self.known[own_id].name, self.known[own_id].channel)
        channel = alias_channel(name)
        if channel is None:
            return own_id, _props(name, channel_of(name))
        candidates = self.by_channel.get(channel, [])
        exact = [s for s in candidates if alias_channel(s.name) == channel]
        pick = exact or (candidates if len(candidates) == 1 else [])
        if pick:
            best = max(pick, key=lambda s: (s.records, s.id))
            self.matched[name] = best.name
            return best.id, _props(best.name, best.channel)
        if candidates:
            self.ambiguous[name] = sorted(s.name for s in candidates)
        first = self.created.get(channel)
        if first is not None and first.id != own_id:
            self.matched[name] = first.name
            return first.id, _props(first.name, first.channel)
        if not candidates:
            self.created[channel] = _Known(own_id, name, channel_of(name))
        return own_id, _props(name, channel_of(name))

    def warnings(self) -> list[str]:
        """What the report says about names that could not be matched for sure."""
        return [f"source {name!r}: several existing sources could be meant ({', '.join(names)}); "
                "imported as a source of its own" for name, names in sorted(self.ambiguous.items())]


def _props(name: str, channel: str) -> Props:
    return tuple(sorted({"name": name, "channel": channel}.items()))
