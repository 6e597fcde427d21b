"""The one source of "now": naive UTC, what the graph stores.

Code that can be given a clock takes a ``Clock`` (production ``SYSTEM``, tests a ``FixedClock``
they move); code that just stamps a write calls ``utc_now()``. Nothing else in graphcrm calls
``datetime.now()`` or ``date.today()`` (a test checks): the host's zone never reaches the graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Protocol


class Clock(Protocol):
    """Anything with ``now()`` returning a naive UTC datetime (the graph stores naive UTC)."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real time, naive UTC, to the second."""

    def now(self) -> datetime:
        return utc_now()


@dataclass
class FixedClock:
    """A clock that only moves when told to (tests)."""

    at: datetime

    def now(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> datetime:
        """Move forward by ``timedelta(**delta)``; return the new time."""
        self.at = self.at + timedelta(**delta)
        return self.at


SYSTEM = SystemClock()


def utc_now(*, microseconds: bool = False) -> datetime:
    """Now as a naive UTC datetime, to the second unless ``microseconds``."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    return now if microseconds else now.replace(microsecond=0)
