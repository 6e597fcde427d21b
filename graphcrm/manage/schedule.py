"""``maintain`` on a schedule inside ``graphcrm serve`` (a daemon thread, stopped with the server)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from graphcrm.clock import SYSTEM, Clock
from graphcrm.manage.maintain import MaintainReport, maintain
from graphcrm.store import Store


class MaintenanceSchedule:
    """Runs ``maintain`` every ``every_seconds`` (the first run one interval after ``start``).

    The store serialises writers, so requests that write wait while a run holds the database.
    """

    def __init__(
        self, store: Store, every_seconds: float, *, clock: Clock = SYSTEM,
        on_report: Callable[[MaintainReport], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        if every_seconds <= 0:
            raise ValueError("every_seconds must be above 0")
        self.store, self.every, self.clock = store, every_seconds, clock
        self.on_report, self.on_error = on_report, on_error
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="graphcrm-maintain", daemon=True)

    def start(self) -> MaintenanceSchedule:
        self._thread.start()
        return self

    def stop(self, timeout: float = 60.0) -> None:
        """Ask the loop to end and wait for a run in progress to finish."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            try:
                report = maintain(self.store, clock=self.clock)
            except Exception as exc:  # a failed run must not end the schedule
                if self.on_error:
                    self.on_error(exc)
                continue
            if self.on_report:
                self.on_report(report)
