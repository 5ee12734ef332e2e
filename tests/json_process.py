"""A child process that speaks JSON lines: read on a thread, waited for by kind.

Used by the tests that run real `mscc-desk` processes (`watch`, a desk): what the child
prints is read as it comes, so a test waits for the line it needs (with a generous
limit that is never a measure of speed) instead of sleeping.
"""

from __future__ import annotations

import json
import signal
import subprocess
import threading
from collections.abc import Callable, Sequence
from queue import Empty, Queue
from typing import Any

WAIT_S = 60.0


class JsonProcess:
    """`lines` holds every JSON object the child printed; `next_where` waits for one."""

    def __init__(self, argv: Sequence[str], env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            list(argv),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.lines: Queue[dict[str, Any]] = Queue()
        self.seen: list[dict[str, Any]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith("{"):
                self.lines.put(json.loads(line))

    def next_where(self, test: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
        while True:
            try:
                line = self.lines.get(timeout=WAIT_S)
            except Empty:
                err = self.stop()
                raise AssertionError(f"no {what} within {WAIT_S:.0f} s; stderr: {err}") from None
            self.seen.append(line)
            if test(line):
                return line

    def latest(
        self, field: str, value: str, test: Callable[[dict[str, Any]], bool], what: str
    ) -> dict[str, Any]:
        """The state the child shows now: its last line with `field == value` if that
        passes `test` (it may have been printed while the test waited for another),
        else the next such line that does."""
        while not self.lines.empty():
            self.seen.append(self.lines.get_nowait())
        last = next((line for line in reversed(self.seen) if line.get(field) == value), None)
        if last is not None and test(last):
            return last
        return self.next_where(lambda line: line.get(field) == value and test(line), what)

    def send(self, command: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()

    def interrupt(self) -> tuple[int, str]:
        """Ctrl+C, as a person at the terminal would; (exit code, stderr)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        _out, err = self.proc.communicate(timeout=WAIT_S)
        return self.proc.returncode, err

    def stop(self) -> str:
        if self.proc.poll() is None:
            self.proc.kill()
        _out, err = self.proc.communicate(timeout=WAIT_S)
        return err[-3000:]
