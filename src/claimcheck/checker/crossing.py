"""Conflicts across cluster cuts: same-period pairs that the cutting of a time line separates.

Every two members of a cluster are in the same period, but two claims of different clusters can
be too (semantics.md: any same-period pair that disagrees is a conflict). "Within the window" is
not transitive, so a cut can separate two plain claims of neighbouring clusters; and explicit
periods reach further: a long period ("2015 to 2019", placed at its end) covers claims several
clusters earlier, and short periods ("March 2020") open clusters of their own between two plain
claims that are within the window of each other.

Neighbouring clusters are compared member by member. Clusters further apart are reached through
the group's plain claims (those without an explicit period) in as-of order: the plain claims in
the same period as a given claim form one run of that order (within the window of its date, or
dated inside its period), so the interval extremes of the run say whether the claim misses any of
them, and a sparse table over blocks of that order finds each cluster that holds one in
logarithmic time. A whole cluster is first tested against its reach at once, so the claims of
clusters that agree with everything in reach are never looked at one by one. Claims with explicit
periods are compared by distinct period. The work is about linear in the group (n log n at most)
plus logarithmic per member of a finding; only distinct explicit periods are compared pairwise,
among those that start close enough to be the same period.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterator, Sequence

from claimcheck.checker.clusters import GroupKeys
from claimcheck.checker.intervals import INF, Key
from claimcheck.checker.model import CheckerSettings, Duration
from claimcheck.checker.periods import same_period
from claimcheck.claims.model import Claim

Pair = tuple[int, int]  # two cluster indices, the earlier first

_BLOCK = 64  # plain claims per block of the sparse table; a run inside one block is scanned

# Extremes of an empty set: nothing lies left or right of them.
_NO_HIGH: Key = (INF, 2)
_NO_LOW: Key = (-INF, 0)


def crossing_conflicts(
    keys: GroupKeys, dated: Sequence[Claim], clusters: Sequence[tuple[int, int]], settings: CheckerSettings
) -> dict[Pair, list[int]]:
    """Clusters (k, m), k < m → their members (indices, in order) that are in the same period as a
    member of the other cluster and share no point with it: a conflict the cuts between the two
    clusters separated. Keys in ascending order.
    """
    hits: dict[Pair, set[int]] = {}
    for k in range(len(clusters) - 1):
        (start, cut), (_, stop) = clusters[k], clusters[k + 1]
        if stop - start == 2:
            continue  # one claim each: the second opened its cluster by not sharing the first's period
        hit = _crossing(keys, dated, range(start, cut), range(cut, stop), settings)
        if hit:
            hits[(k, k + 1)] = hit
    # Claims two clusters apart or more share a period only through explicit periods: a group
    # without any (most groups) is done.
    if len(clusters) > 2 and [claim.period for claim in dated].count(None) != len(dated):
        _distant(keys, dated, clusters, settings, hits)
    return {pair: sorted(hits[pair]) for pair in sorted(hits)}


# --- neighbouring clusters ------------------------------------------------------------------


def _crossing(keys: GroupKeys, dated: Sequence[Claim], left: range, right: range, settings: CheckerSettings) -> set[int]:
    lows, highs = keys.lows, keys.highs
    hit: set[int] = set()
    plain_l = [i for i in left if dated[i].period is None]
    plain_r = [j for j in right if dated[j].period is None]
    dates_l = [dated[i].as_of for i in plain_l]  # ascending: canonical order is as-of order
    dates_r = [dated[j].as_of for j in plain_r]
    window = settings.same_period_window
    if plain_l and plain_r:
        # Claim j on the right shares its period with a suffix of the left (as-of within the
        # window), claim i on the left with a prefix of the right: the extremes of every suffix
        # and prefix say at once whether a claim misses any of them.
        suffix_high, suffix_low = _extremes([highs[i] for i in reversed(plain_l)], [lows[i] for i in reversed(plain_l)])
        prefix_high, prefix_low = _extremes([highs[j] for j in plain_r], [lows[j] for j in plain_r])
        n = len(plain_l)
        for j, day in zip(plain_r, dates_r):
            size = n - _first_within(dates_l, day, window)
            if suffix_high[size] < lows[j] or highs[j] < suffix_low[size]:
                hit.add(j)
        for i, day in zip(plain_l, dates_l):
            size = _count_within(dates_r, day, window)
            if prefix_high[size] < lows[i] or highs[i] < prefix_low[size]:
                hit.add(i)
    explicit_l = [i for i in left if dated[i].period is not None]
    explicit_r = [j for j in right if dated[j].period is not None]
    # A claim with an explicit period shares it with the plain claims dated inside it: a run of
    # the other side's as-of order. Few claims carry a period, so each is checked against its run.
    for e in explicit_r if plain_l else ():
        _against_run(e, plain_l, dates_l, dated, lows, highs, hit)
    for e in explicit_l if plain_r else ():
        _against_run(e, plain_r, dates_r, dated, lows, highs, hit)
    for i in explicit_l:
        for j in explicit_r:
            if (highs[i] < lows[j] or highs[j] < lows[i]) and same_period(dated[i], dated[j], settings):
                hit.add(i)
                hit.add(j)
    return hit


def _first_within(dates: list[dt.date], day: dt.date, window: Duration) -> int:
    """Index of the first of ``dates`` (ascending) that is at most ``window`` before ``day`` or later."""
    fixed = window.fixed
    if fixed is None:
        return bisect.bisect_left(dates, True, key=lambda d: window.within(d, day))
    try:
        return bisect.bisect_left(dates, day - fixed)
    except OverflowError:  # the window reaches back past the first day of the calendar
        return 0


def _count_within(dates: list[dt.date], day: dt.date, window: Duration) -> int:
    """How many of ``dates`` (ascending) lie at most ``window`` after ``day`` (or before it)."""
    fixed = window.fixed
    if fixed is None:
        return bisect.bisect_left(dates, True, key=lambda d: not window.within(day, d))
    try:
        return bisect.bisect_right(dates, day + fixed)
    except OverflowError:  # the window reaches past the last day of the calendar
        return len(dates)


def _extremes(highs: list[Key], lows: list[Key]) -> tuple[list[Key], list[Key]]:
    """Smallest high key and largest low key of the first 0, 1, 2 … of the intervals."""
    min_high, max_low = [_NO_HIGH], [_NO_LOW]
    for high, low in zip(highs, lows):
        min_high.append(min(min_high[-1], high))
        max_low.append(max(max_low[-1], low))
    return min_high, max_low


def _against_run(
    e: int, plain: list[int], dates: list[dt.date], dated: Sequence[Claim], lows: list[Key], highs: list[Key], hit: set[int]
) -> None:
    """Add to ``hit`` claim ``e`` (with a period) and the plain claims dated inside it that it misses."""
    period = dated[e].period
    run = plain[bisect.bisect_left(dates, period.start) : bisect.bisect_right(dates, period.end)]
    if not run:
        return
    low, high = lows[e], highs[e]
    # Most runs agree with the claim: two scans in C say so before any Python loop.
    if not (min(map(highs.__getitem__, run)) < low or high < max(map(lows.__getitem__, run))):
        return
    hit.add(e)
    hit.update(i for i in run if highs[i] < low or high < lows[i])


# --- clusters two or more apart -------------------------------------------------------------


class PlainLine:
    """The plain claims of a group (no explicit period) in as-of order, with their clusters, and
    the interval extremes of blocks of them, to find who misses a claim within a run of them."""

    __slots__ = ("members", "dates", "lows", "highs", "owner", "starts", "_min_high", "_max_low")

    def __init__(self, keys: GroupKeys, dated: Sequence[Claim], clusters: Sequence[tuple[int, int]]) -> None:
        self.members = [i for i, claim in enumerate(dated) if claim.period is None]
        self.dates = [dated[i].as_of for i in self.members]
        self.lows = [keys.lows[i] for i in self.members]
        self.highs = [keys.highs[i] for i in self.members]
        # owner[p]: the cluster of position p; starts[k]: the first position in cluster k or later.
        self.starts = [bisect.bisect_left(self.members, start) for start, _ in clusters] + [len(self.members)]
        self.owner = [k for k in range(len(clusters)) for _ in range(self.starts[k], self.starts[k + 1])]
        self._min_high: list[list[Key]] = []
        self._max_low: list[list[Key]] = []

    def _tables(self) -> tuple[list[list[Key]], list[list[Key]]]:
        # A sparse table over blocks of _BLOCK positions: level t holds the extremes of the 2**t
        # blocks from each block on. Linear to build (the blocks are scanned in C), on first use.
        if not self._min_high:
            highs, lows = self.highs, self.lows
            min_high = [[min(highs[s : s + _BLOCK]) for s in range(0, len(highs), _BLOCK)]]
            max_low = [[max(lows[s : s + _BLOCK]) for s in range(0, len(lows), _BLOCK)]]
            step = 1
            while 2 * step <= len(min_high[0]):
                h, low = min_high[-1], max_low[-1]
                min_high.append(list(map(min, h[:-step], h[step:])))
                max_low.append(list(map(max, low[:-step], low[step:])))
                step *= 2
            self._min_high, self._max_low = min_high, max_low
        return self._min_high, self._max_low

    def _scan(self, a: int, b: int, low: Key, high: Key) -> int:
        """:meth:`first_miss` by looking at every position (a short run)."""
        highs, lows = self.highs, self.lows
        # Most runs miss nothing: two scans in C say so before any Python loop.
        if a >= b or not (min(highs[a:b]) < low or high < max(lows[a:b])):
            return b
        return next(p for p in range(a, b) if highs[p] < low or high < lows[p])

    def first_miss(self, a: int, b: int, low: Key, high: Key) -> int:
        """The first position in [a, b) whose interval lies left of ``low`` or right of ``high``; b if none."""
        stop = min(b, (a // _BLOCK + 1) * _BLOCK)  # the rest of a's block
        p = self._scan(a, stop, low, high)
        if p < stop or stop == b:
            return p
        # Whole blocks: skip the longest runs of them that miss nothing (the skipped lengths spell
        # out, in binary, the distance to the first block that misses), then scan that block.
        min_high, max_low = self._tables()
        block, whole = stop // _BLOCK, b // _BLOCK
        for t in range(len(min_high) - 1, -1, -1):
            if block + (1 << t) <= whole and not (min_high[t][block] < low or high < max_low[t][block]):
                block += 1 << t
        start = block * _BLOCK
        return self._scan(start, min(b, start + _BLOCK), low, high)

    def _misses(self, a: int, b: int, low: Key, high: Key, resume: Callable[[int], int]) -> Iterator[int]:
        """Positions in [a, b) that miss the interval, the search going on at ``resume(hit)``."""
        while a < b:
            a = self.first_miss(a, b, low, high)
            if a == b:
                return
            yield a
            a = resume(a)

    def clusters_missing(self, a: int, b: int, low: Key, high: Key) -> list[int]:
        """The clusters with a claim in positions [a, b) that misses the interval (``low``, ``high``)."""
        owner, starts = self.owner, self.starts
        return [owner[p] for p in self._misses(a, b, low, high, lambda p: starts[owner[p] + 1])]

    def positions_missing(self, a: int, b: int, low: Key, high: Key) -> list[int]:
        """The positions in [a, b) whose claim misses the interval (``low``, ``high``)."""
        return list(self._misses(a, b, low, high, lambda p: p + 1))

    def any_misses(self, a: int, b: int, c: int, d: int) -> bool:
        """True when some claim in positions [a, b) misses some claim in positions [c, d)."""
        if a >= b or c >= d:
            return False
        # Claims of [a, b) miss one of [c, d) exactly when they miss its rightmost low end or its
        # leftmost high end; [c, d) is scanned in C, [a, b) looked up.
        return self.first_miss(a, b, max(self.lows[c:d]), min(self.highs[c:d])) < b


def _distant(
    keys: GroupKeys,
    dated: Sequence[Claim],
    clusters: Sequence[tuple[int, int]],
    settings: CheckerSettings,
    hits: dict[Pair, set[int]],
) -> None:
    """Add to ``hits`` the conflicting same-period pairs of clusters two or more apart."""
    line = PlainLine(keys, dated, clusters)
    periods: dict[tuple, list[int]] = {}  # (start, end, cluster) → the claims with that period
    for k, (start, stop) in enumerate(clusters):
        for e in range(start, stop):
            period = dated[e].period
            if period is not None:
                periods.setdefault((period.start, period.end, k), []).append(e)
    _plain_with_plain(line, settings.same_period_window, hits)
    for (first, last, k), members in periods.items():
        _period_with_plain(line, keys, first, last, k, members, hits)
    _period_with_period(keys, dated, periods, settings, hits)


def _add(hits: dict[Pair, set[int]], k: int, m: int, member: int) -> None:
    hits.setdefault((k, m) if k < m else (m, k), set()).add(member)


def _plain_with_plain(line: PlainLine, window: Duration, hits: dict[Pair, set[int]]) -> None:
    """Plain claims within the window of each other in clusters two or more apart."""
    starts, dates, members, lows, highs = line.starts, line.dates, line.members, line.lows, line.highs
    count = len(starts) - 1
    # A later claim of cluster m against the clusters up to m - 2, which end where cluster m - 1
    # begins. The clusters' first claims are more than the window apart unless an explicit period
    # opened one, so most clusters have no claim within the window of the last one before m - 1.
    for m in range(2, count):
        before, start, stop = starts[m - 1], starts[m], starts[m + 1]
        if not before or start == stop:
            continue
        reach = min(stop, _count_within(dates, dates[before - 1], window))
        earliest = _first_within(dates, dates[start], window)
        if not line.any_misses(earliest, before, start, reach):
            continue
        for p in range(start, reach):
            for k in line.clusters_missing(_first_within(dates, dates[p], window), before, lows[p], highs[p]):
                _add(hits, k, m, members[p])
    # And the other way: an earlier claim of cluster k against the clusters from k + 2 on.
    for k in range(count - 2):
        after, start, stop = starts[k + 2], starts[k], starts[k + 1]
        if after == len(dates):
            break
        if start == stop:
            continue
        reach = max(start, _first_within(dates, dates[after], window))
        latest = _count_within(dates, dates[stop - 1], window)
        if not line.any_misses(after, latest, reach, stop):
            continue
        for p in range(reach, stop):
            for m in line.clusters_missing(after, _count_within(dates, dates[p], window), lows[p], highs[p]):
                _add(hits, k, m, members[p])


def _period_with_plain(
    line: PlainLine, keys: GroupKeys, first: dt.date, last: dt.date, k: int, members: list[int], hits: dict[Pair, set[int]]
) -> None:
    """The claims of cluster ``k`` with the period ``first``–``last`` against the plain claims dated
    inside it in clusters two or more away."""
    starts = line.starts
    inside, beyond = bisect.bisect_left(line.dates, first), bisect.bisect_right(line.dates, last)
    runs = []
    if k >= 2:
        runs.append((inside, min(beyond, starts[k - 1])))
    if k + 2 < len(starts):
        runs.append((max(inside, starts[k + 2]), beyond))
    # A plain claim misses some member exactly when it misses the members' rightmost low end or
    # leftmost high end.
    low = max(keys.lows[e] for e in members)
    high = min(keys.highs[e] for e in members)
    for a, b in runs:
        if a >= b:
            continue
        for p in line.positions_missing(a, b, low, high):
            _add(hits, line.owner[p], k, line.members[p])
        for e in members:
            for m in line.clusters_missing(a, b, keys.lows[e], keys.highs[e]):
                _add(hits, k, m, e)


def _period_with_period(
    keys: GroupKeys,
    dated: Sequence[Claim],
    periods: dict[tuple, list[int]],
    settings: CheckerSettings,
    hits: dict[Pair, set[int]],
) -> None:
    """Claims with explicit periods in clusters two or more apart whose periods are the same."""
    lows, highs = keys.lows, keys.highs
    ordered = sorted(periods.items())
    for x, ((first, last, k), left) in enumerate(ordered):
        days = (last - first).days + 1
        for y in range(x + 1, len(ordered)):
            (start, _, m), right = ordered[y]
            # Sorted by start: once a period starts too late to cover half of this one, so do the rest.
            if 2 * ((last - start).days + 1) < days:
                break
            if abs(k - m) < 2 or not same_period(dated[left[0]], dated[right[0]], settings):
                continue
            for one, other in ((left, right), (right, left)):
                low = max(lows[e] for e in other)
                high = min(highs[e] for e in other)
                for e in one:
                    if highs[e] < low or high < lows[e]:
                        _add(hits, k, m, e)
