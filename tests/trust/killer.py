"""Run a graphcrm command in a subprocess and SIGKILL it at a chosen moment.

The command's stderr is a pseudo-terminal, so it draws its rich progress bar
exactly as it does for a person; the test reads the row count from that bar to
know how far the command got, without touching its (locked) database.
"""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

_ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")
_ROWS = re.compile(rb"([\d,]+) rows")


@dataclass
class Killed:
    """What the killed command had shown: progress readings (seconds since start, rows) and its exit code."""

    readings: list[tuple[float, int]] = field(default_factory=list)
    returncode: int | None = None
    finished_first: bool = False  # the command ended before the kill came


def graphcrm(*args: str) -> list[str]:
    """The command line of ``graphcrm ARGS`` with this test run's interpreter."""
    return [sys.executable, "-m", "graphcrm.cli", *args]


def run(args: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run a command to its end, capturing stdout and stderr."""
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=_env())


def kill_when(args: list[str], cwd: Path, should_kill: Callable[[Killed, float], bool],
              timeout: float = 120) -> Killed:
    """Start ``args``; poll ``should_kill(state, elapsed)`` every 20 ms and SIGKILL the process when it says so."""
    master, slave = pty.openpty()
    started = time.monotonic()
    proc = subprocess.Popen(args, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave,
                            env=_env(), start_new_session=True)
    os.close(slave)
    state = Killed()
    buffer = b""
    try:
        while True:
            elapsed = time.monotonic() - started
            if elapsed > timeout:
                raise AssertionError(f"{args} neither finished nor reached the kill point in {timeout} s")
            ready, _, _ = select.select([master], [], [], 0.02)
            if ready:
                try:
                    buffer = (buffer + os.read(master, 65536))[-4096:]
                except OSError:  # the child closed the terminal
                    pass
                text = _ANSI.sub(b"", buffer)
                found = _ROWS.findall(text)
                if found:
                    rows = int(found[-1].replace(b",", b""))
                    if not state.readings or state.readings[-1][1] != rows:
                        state.readings.append((elapsed, rows))
            if proc.poll() is not None:
                state.finished_first = True
                break
            if should_kill(state, elapsed):
                os.kill(proc.pid, signal.SIGKILL)
                break
    finally:
        state.returncode = proc.wait(timeout=30)
        os.close(master)
    return state


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(COLUMNS="200", TERM="xterm", PYTHONUNBUFFERED="1")
    env.pop("GRAPHCRM_DB", None)
    return env
