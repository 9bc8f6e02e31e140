"""What extraction works out once per configuration, remembered for the configuration last asked about."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from claimcheck.config import ExtractionSettings

T = TypeVar("T")


def per_configuration(build: Callable[[ExtractionSettings], T]) -> Callable[[ExtractionSettings], T]:
    """``build`` cached by configuration, and its last answer kept for that very settings object.

    A run extracts every page under one configuration: an identity test finds it without hashing all of
    its fields (its subjects, aliases and measures) once per page, as an lru_cache lookup would.
    """
    cached = functools.lru_cache(maxsize=64)(build)
    last: tuple = (None, None)  # (settings, answer); replaced whole, so a reader never sees a torn pair

    @functools.wraps(build)
    def lookup(settings: ExtractionSettings) -> T:
        nonlocal last
        seen, answer = last
        if seen is not settings:
            answer = cached(settings)
            last = (settings, answer)
        return answer

    return lookup
