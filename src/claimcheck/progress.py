"""A progress bar on stderr for long runs; silent when stderr is no terminal, under CI=true, or with --quiet."""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable, Mapping
from typing import TextIO

__all__ = ["ProgressBar", "progress_bar"]

# Hand-written rather than tqdm: one bar, one line, a few dozen lines of code, and no dependency
# for every user to install.
_SHOW_AFTER = 0.5  # seconds: a run that ends sooner never draws (no flicker on small corpora)
_EVERY = 0.1  # seconds between redraws


def progress_bar(
    stream: TextIO | None = None, *, quiet: bool = False, environ: Mapping[str, str] | None = None
) -> ProgressBar | None:
    """A bar on ``stream`` (stderr), or None when it should stay silent."""
    stream = stream if stream is not None else sys.stderr
    environ = os.environ if environ is None else environ
    if quiet or environ.get("CI", "").lower() == "true":
        return None
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):  # a closed or odd stream
        return None
    return ProgressBar(stream)


class ProgressBar:
    """``versions 4,312/10,000 [#########-----------] 43% 12 s``, redrawn in place, erased at the end.

    A run has phases: reading and extracting the versions, checking, writing the report. Each
    starts the bar again with its own label; a phase without a count (the checker) is its label
    alone. A run shorter than half a second draws nothing at all.
    """

    def __init__(
        self, stream: TextIO, label: str = "versions", clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.stream = stream
        self.label = label
        self.clock = clock
        self.total = 0
        self.done = 0
        self._created = clock()
        self._started = 0.0
        self._drawn = 0.0
        self._visible = False

    def start(self, total: int, label: str | None = None) -> None:
        """A phase of ``total`` steps (``label``: what they are, else the label before)."""
        self.total, self.done = total, 0
        self.label = label or self.label
        self._started = self.clock()
        self._drawn = float("-inf")  # a phase of a run already shown draws its first step at once

    def show(self, label: str) -> None:
        """A phase that cannot count its steps: its label alone, drawn now if the run is already
        long."""
        self.start(0, label)
        now = self._started
        if now - self._created >= _SHOW_AFTER:
            self._draw(now)

    def advance_to(self, done: int) -> None:
        """Set the steps done so far (for steps counted elsewhere, say by other processes)."""
        if done > self.done:
            self.advance(done - self.done)

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = self.clock()
        if now - self._created >= _SHOW_AFTER and (now - self._drawn >= _EVERY or self.done >= self.total):
            self._drawn = now
            self._draw(now)

    def finish(self) -> None:
        if self._visible:
            self.stream.write("\r\x1b[K")  # erase the bar: what follows starts on a clean line
            self.stream.flush()
            self._visible = False

    def line(self, now: float, width: int) -> str:
        """The bar's text for ``width`` columns."""
        if not self.total:
            return f"{self.label} …"
        total = max(self.total, 1)
        share = min(self.done / total, 1.0)
        head = f"{self.label} {self.done:,}/{self.total:,} "
        tail = f" {share:4.0%} {now - self._started:.0f} s"
        room = max(10, min(40, width - len(head) - len(tail) - 3))
        filled = int(room * share)
        return f"{head}[{'#' * filled}{'-' * (room - filled)}]{tail}"

    def _draw(self, now: float) -> None:
        width = shutil.get_terminal_size((80, 24)).columns
        self.stream.write("\r" + self.line(now, width)[: width - 1])
        self.stream.flush()
        self._visible = True
