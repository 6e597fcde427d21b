"""An injectable clock: production uses the system's UTC time, tests a fixed one they move."""

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
        return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


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
