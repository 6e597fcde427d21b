"""How a record was captured: the method, which form or integration, and the UTM tags."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

METHODS = ("manual", "form", "api", "import")
UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
UTM_MAX = 200  # characters kept of one UTM value


@dataclass(frozen=True)
class Channel:
    """Where a captured record came from.

    ``ref`` names the form or integration; ``by`` the user or integration that sent it;
    ``campaign_id`` the campaign a touchpoint goes to; ``source`` the lead source used when
    the record names none (a form's or integration's own source). With ``known_sources``
    (public forms: anyone may send any ``utm_source``) a UTM source counts only when it names one
    of them; an unknown one leaves the channel's own source (the raw tag stays on the capture).
    """

    method: str
    ref: str | None = None
    by: str | None = None
    campaign_id: str | None = None
    source: str | None = None
    utm: tuple[tuple[str, str], ...] = ()
    known_sources: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"unknown capture method {self.method!r}")

    @property
    def utm_dict(self) -> dict[str, str]:
        return dict(self.utm)

    def source_name(self, given: str | None) -> str | None:
        """The lead source to record: the record's own, else ``utm_source``, else the channel's."""
        tagged = self.utm_dict.get("utm_source")
        if tagged and self.known_sources is not None:
            tagged = next((s for s in self.known_sources if s.casefold() == tagged.casefold()), None)
        return given or tagged or self.source


def utm_from(params: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """The UTM tags among request parameters: known keys only, trimmed and bounded."""
    out = []
    for key in UTM_KEYS:
        value = params.get(key)
        if isinstance(value, str) and value.strip():
            out.append((key, " ".join(value.split())[:UTM_MAX]))
    return tuple(out)
