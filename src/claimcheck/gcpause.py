"""The cyclic garbage collector paused while a run builds its large, long-lived data."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause CPython's cyclic collector for the block; restore it, everything made meanwhile moved
    to the oldest generation.

    Decoding a corpus's claims and checking them build millions of small objects that stay alive
    until the run ends, and no reference cycles of their own. Meanwhile each full collection walks
    every object of the corpus again: a fifth of a run that reads ten thousand cached pages, and
    seconds per million claims in the checker, spent finding nothing. The collector is restored
    (and catches any cycle a library made) when the block ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Everything allocated meanwhile sits in the youngest generation, so the first collection
        # after this would walk all of it only to promote it. The data is long-lived: freeze +
        # unfreeze moves every tracked object to the oldest generation at once (two list splices,
        # no walk), where cycles are still found later. Not when the caller froze objects itself
        # (say, before forking): unfreeze would undo that.
        if not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()
