"""Interval ends as sortable keys, tolerance widening, and "does anyone disagree" in linear time.

An interval X lies entirely left of Y exactly when ``high_key(X) < low_key(Y)``:
``high_key = (high, 1 if inclusive else 0)`` and ``low_key = (low, 2 if exclusive else 1)``, with
an open side at ±infinity. At a shared end value the keys order so that [1, 2] and [2, 3] touch,
while [1, 2) and [2, 3] or [1, 2] and (2, 3] do not. Two intervals intersect when neither lies left
of the other. This agrees with :meth:`Interval.intersects` for every non-empty interval (an
interval such as (2, 2] contains no point; extraction never produces one).

Because "left of" compares one end of each interval, the interval with the smallest high key is
left of some X whenever any interval is: so whether X misses any member of a set needs only the
set's smallest high key and largest low key, and a whole set is checked in linear time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from claimcheck.claims.model import Interval

INF = math.inf
Key = tuple[float, int]


def low_key(interval: Interval, tolerance: float = 0.0) -> Key:
    """The low end as a key; ``tolerance`` widens it by that share of its value."""
    low = interval.low
    if low is None:
        return (-INF, 1)
    if tolerance:
        low -= tolerance * abs(low)
    return (low, 1 if interval.low_inclusive else 2)


def high_key(interval: Interval, tolerance: float = 0.0) -> Key:
    """The high end as a key; ``tolerance`` widens it by that share of its value."""
    high = interval.high
    if high is None:
        return (INF, 1)
    if tolerance:
        high += tolerance * abs(high)
    return (high, 1 if interval.high_inclusive else 0)


def widen(interval: Interval, tolerance: float) -> Interval:
    """``interval`` with each finite end moved out by ``tolerance`` × its absolute value."""
    if not tolerance:
        return interval
    low = None if interval.low is None else interval.low - tolerance * abs(interval.low)
    high = None if interval.high is None else interval.high + tolerance * abs(interval.high)
    return Interval(low, high, interval.low_inclusive, interval.high_inclusive)


def disjoint(low_a: Key, high_a: Key, low_b: Key, high_b: Key) -> bool:
    """True when the intervals with these keys share no point."""
    return high_a < low_b or high_b < low_a


def _two_smallest(keys: Sequence[Key]) -> tuple[int, int]:
    # Indices of the smallest and second-smallest key (-1 when there is none): the second stands in
    # for the first when the first is the very interval being tested.
    first = second = -1
    for i, key in enumerate(keys):
        if first < 0 or key < keys[first]:
            first, second = i, first
        elif second < 0 or key < keys[second]:
            second = i
    return first, second


def _two_largest(keys: Sequence[Key]) -> tuple[int, int]:
    first = second = -1
    for i, key in enumerate(keys):
        if first < 0 or key > keys[first]:
            first, second = i, first
        elif second < 0 or key > keys[second]:
            second = i
    return first, second


class Extremes:
    """The leftmost high end and rightmost low end of a set of intervals, excluding any one member."""

    __slots__ = ("_lows", "_highs", "_left", "_right")

    def __init__(self, lows: Sequence[Key], highs: Sequence[Key]) -> None:
        self._lows = lows
        self._highs = highs
        self._left = _two_smallest(highs)
        self._right = _two_largest(lows)

    def misses(self, low: Key, high: Key, self_index: int = -1) -> bool:
        """True when the interval (low, high) misses some member other than ``self_index``."""
        first, second = self._left
        left = second if first == self_index else first
        if left >= 0 and self._highs[left] < low:
            return True
        first, second = self._right
        right = second if first == self_index else first
        return right >= 0 and high < self._lows[right]

    def missed(self, index: int) -> bool:
        """True when member ``index`` misses another member."""
        return self.misses(self._lows[index], self._highs[index], index)


def involved(lows: Sequence[Key], highs: Sequence[Key]) -> list[bool]:
    """For each interval, whether it misses at least one other interval of the list."""
    if len(lows) < 2:
        return [False] * len(lows)
    extremes = Extremes(lows, highs)
    return [extremes.missed(i) for i in range(len(lows))]
