"""How a run does its per-version work: the executors, the cores, the cache, the progress display.

Kept apart from ``pipeline`` (which imports all of extraction) so the command line can describe
a run without importing the code that does it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Protocol

import attrs

from claimcheck.cache import Cache

__all__ = ["EXECUTORS", "Execution", "Progress", "Silent", "Vouched", "default_jobs"]

EXECUTORS = ("serial", "process", "dask")
# Input files whose bytes are known without reading them: path → (sha256 of the bytes, size).
# claimcheck.uptodate.vouched gives those an earlier run read and whose stat has not changed.
Vouched = Mapping[str, tuple[str, int]]


class Progress(Protocol):
    """What the pipeline tells a progress display (claimcheck.progress.ProgressBar is one)."""

    def start(self, total: int, label: str | None = None) -> None: ...
    def show(self, label: str) -> None: ...
    def advance(self, n: int = 1) -> None: ...
    def advance_to(self, done: int) -> None: ...
    def finish(self) -> None: ...


class Silent:
    """The progress display of a run nobody watches."""

    def start(self, total: int, label: str | None = None) -> None:
        pass

    def show(self, label: str) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def advance_to(self, done: int) -> None:
        pass

    def finish(self) -> None:
        pass


@attrs.frozen
class Execution:
    """How a run does its per-version work: where, on how many cores, with which cache."""

    executor: str = "serial"  # one of EXECUTORS
    jobs: int = 1  # worker processes (process) or local workers (dask without a scheduler)
    scheduler: str | None = None  # dask scheduler address; None starts a LocalCluster for the run
    cache: Cache | None = None
    progress: Progress | None = None
    # Files whose cached document and claims are taken without reading them. A wrong digest here
    # gives a wrong result: only a stat-identical file's digest belongs in it.
    vouched: Vouched = attrs.field(factory=dict, eq=False, repr=False)


def default_jobs() -> int:
    """All the cores this process may use."""
    count = getattr(os, "process_cpu_count", None)
    if count is not None:
        return count() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
