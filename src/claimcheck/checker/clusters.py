"""The time line of a group: same-period clusters, the pairwise tests, and where figures moved.

The pairwise tests (:func:`compatible`, :func:`is_change`) say what the verdicts mean; the
functions over whole clusters answer the same questions in about linear time, with the interval
keys of :mod:`claimcheck.checker.intervals`, because a group may hold thousands of claims.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs

from claimcheck.checker.intervals import INF, Extremes, Key, disjoint, high_key, low_key, widen
from claimcheck.checker.model import CheckerSettings
from claimcheck.checker.periods import period_key, same_period
from claimcheck.claims.model import Claim

Figure = tuple[str, float, float | None]  # bound, stated, stated_high


@attrs.frozen
class Cluster:
    """Dated claims about one period, in canonical order; ``label`` names the period."""

    label: str
    claims: tuple[Claim, ...]


# --- the pairwise definitions ---------------------------------------------------------------


def compatible(a: Claim, b: Claim, tolerance: float = 0.0) -> bool:
    """True when the stated intervals (widened by ``tolerance``) intersect: both figures can be true."""
    return widen(a.value.interval, tolerance).intersects(widen(b.value.interval, tolerance))


def figure(claim: Claim) -> Figure:
    """What a claim states, without its hedge widths: bound, stated figure and a range's upper end."""
    value = claim.value
    return (value.bound, value.stated, value.stated_high)


def same_figure(a: Claim, b: Claim) -> bool:
    """True when both state the same figure with the same bound ("more than 400" twice)."""
    return figure(a) == figure(b)


def _close(x: float | None, y: float | None, tolerance: float) -> bool:
    if x is None or y is None:
        return x is y
    # The two figures widened by the tolerance still meet: symmetric, and exact equality at 0.
    return abs(x - y) <= tolerance * (abs(x) + abs(y))


def figures_differ(a: Figure, b: Figure, tolerance: float = 0.0) -> bool:
    """True when two figures of one bound kind differ by more than ``tolerance``."""
    if not tolerance:
        return a[1:] != b[1:]
    return not (_close(a[1], b[1], tolerance) and _close(a[2], b[2], tolerance))


def is_change(old: Claim, new: Claim, tolerance: float = 0.0) -> bool:
    """True when the figure moved from ``old`` to ``new`` (semantics.md, change).

    Either both use the same kind of bound with different stated figures (67 → 78, "more than
    $5.7 billion" → "more than $5.8 billion"), or their likely intervals do not intersect ("more
    than $5.7 billion" → "approximately $8 billion"). A range's upper end counts as part of its
    stated figure. ``tolerance`` widens both tests (an expected drift is no change). The caller
    checks that the two are in different periods.
    """
    if old.value.bound == new.value.bound and figures_differ(figure(old), figure(new), tolerance):
        return True
    return not widen(old.value.likely, tolerance).intersects(widen(new.value.likely, tolerance))


# --- a group's claims with their interval keys ----------------------------------------------


class GroupKeys:
    """Interval keys and figures of a group's claims (canonical order), computed once per group."""

    __slots__ = ("claims", "tolerance", "lows", "highs", "likely_lows", "likely_highs", "figures")

    def __init__(self, claims: Sequence[Claim], tolerance: float = 0.0) -> None:
        self.claims = claims
        self.tolerance = tolerance
        if tolerance:
            self.lows = [low_key(c.value.interval, tolerance) for c in claims]
            self.highs = [high_key(c.value.interval, tolerance) for c in claims]
            self.likely_lows = [low_key(c.value.likely, tolerance) for c in claims]
            self.likely_highs = [high_key(c.value.likely, tolerance) for c in claims]
            self.figures = [figure(c) for c in claims]
            return
        # Without a tolerance the keys are the ends as they are; spelled out inline because this
        # runs once per claim of the corpus.
        values = [c.value for c in claims]
        stated = [v.interval for v in values]
        likely = [v.likely for v in values]
        self.lows = [(-INF, 1) if iv.low is None else (iv.low, 1 if iv.low_inclusive else 2) for iv in stated]
        self.highs = [(INF, 1) if iv.high is None else (iv.high, 1 if iv.high_inclusive else 0) for iv in stated]
        self.likely_lows = [(-INF, 1) if iv.low is None else (iv.low, 1 if iv.low_inclusive else 2) for iv in likely]
        self.likely_highs = [(INF, 1) if iv.high is None else (iv.high, 1 if iv.high_inclusive else 0) for iv in likely]
        self.figures = [(v.bound, v.stated, v.stated_high) for v in values]

    def is_change(self, old: int, new: int) -> bool:
        """:func:`is_change` on two members, by index."""
        a, b = self.figures[old], self.figures[new]
        if a[0] == b[0] and figures_differ(a, b, self.tolerance):
            return True
        return disjoint(self.likely_lows[old], self.likely_highs[old], self.likely_lows[new], self.likely_highs[new])


# --- clusters -------------------------------------------------------------------------------


def cluster_ranges(dated: Sequence[Claim], settings: CheckerSettings) -> list[tuple[int, int]]:
    """Dated claims (canonical order) cut into same-period clusters, as ``(start, stop)`` index ranges.

    A claim joins the current cluster when it is in the same period as every member (semantics.md,
    same period); otherwise it starts the next cluster. So every two claims of one cluster are in
    the same period, and a disagreement inside a cluster is always a conflict: a calendar year
    never pulls a January and a December page into one period, and a slow drift of as-of dates
    never chains a time line into one. The converse does not hold: two claims either side of a
    cut can still share a period (:func:`claimcheck.checker.crossing.crossing_conflicts` checks
    those pairs).
    """
    ranges: list[tuple[int, int]] = []
    start = 0
    periods: dict[tuple, Claim] = {}  # one member per distinct explicit period
    first_plain: Claim | None = None  # the earliest and latest members without an explicit period
    last_plain: Claim | None = None
    window = settings.same_period_window.fixed
    for i, claim in enumerate(dated):
        if i:
            if window is not None and not periods and claim.period is None:
                # The common case, inline: only claims without periods, a window of whole days.
                joins = claim.as_of - first_plain.as_of <= window
            else:
                joins = _joins(claim, periods, first_plain, last_plain, settings)
            if not joins:
                ranges.append((start, i))
                start, periods, first_plain, last_plain = i, {}, None, None
        if claim.period is None:
            first_plain = first_plain or claim
            last_plain = claim
        else:
            periods.setdefault((claim.period.start, claim.period.end), claim)
    if dated:
        ranges.append((start, len(dated)))
    return ranges


def _joins(
    claim: Claim,
    periods: dict[tuple, Claim],
    first_plain: Claim | None,
    last_plain: Claim | None,
    settings: CheckerSettings,
) -> bool:
    # Same period as every member. Members without a period need only the earliest and latest
    # checked: claims come in as-of order, so those two bound all the others.
    if not all(same_period(member, claim, settings) for member in periods.values()):
        return False
    if first_plain is None:
        return True
    if claim.period is None:
        return same_period(first_plain, claim, settings)
    return same_period(first_plain, claim, settings) and same_period(last_plain, claim, settings)


def cluster_claims(dated: Sequence[Claim], settings: CheckerSettings) -> tuple[Cluster, ...]:
    """Dated claims (canonical order) as :class:`Cluster` values; see :func:`cluster_ranges`.

    The label is the first claim's period key (its explicit period label, else its as-of date).
    """
    return tuple(
        Cluster(label=period_key(dated[start]), claims=tuple(dated[start:stop]))
        for start, stop in cluster_ranges(dated, settings)
    )


# --- conflicts and changes over whole clusters ----------------------------------------------


def conflicting_members(keys: GroupKeys, members: Sequence[int]) -> list[int]:
    """The members (indices, in the given order) whose stated interval misses another member's.

    Every pair counts, including two claims of one version of one source: a page that contradicts
    itself about one period is a conflict too.
    """
    if len(members) < 2:
        return []
    extremes = Extremes([keys.lows[i] for i in members], [keys.highs[i] for i in members])
    return [i for local, i in enumerate(members) if extremes.missed(local)]


def conflicting(claims: Sequence[Claim], tolerance: float = 0.0) -> tuple[Claim, ...]:
    """The claims (in the given order) whose stated interval misses that of another claim."""
    keys = GroupKeys(claims, tolerance)
    return tuple(claims[i] for i in conflicting_members(keys, range(len(claims))))


def find_change_members(keys: GroupKeys, old_side: Sequence[int], new_side: Sequence[int]) -> tuple[int, int] | None:
    """The (old, new) pair reported for a change between two neighbouring clusters, or None.

    The latest old claim is preferred, then the earliest new claim: the change is reported as close
    to where it happened as the evidence allows. Equivalent to trying every pair in that order,
    but each old claim costs a logarithmic search instead of a pass over the new side.
    """
    if not old_side or not new_side:
        return None
    if len(old_side) * len(new_side) <= 16:
        # Small sides (the usual case): trying the pairs in order is cheaper than the set-up below.
        for old in reversed(old_side):
            for new in new_side:
                if keys.is_change(old, new):
                    return old, new
        return None
    # Same bound, other figure: per bound, the distinct figures of the new side by first position.
    firsts: dict[str, list[tuple[int, Figure]]] = {}
    seen: set[Figure] = set()
    for j, member in enumerate(new_side):
        fig = keys.figures[member]
        if fig not in seen:
            seen.add(fig)
            firsts.setdefault(fig[0], []).append((j, fig))
    # Likely intervals apart: the running leftmost high end and rightmost low end of the new side,
    # so "the first new claim entirely left (right) of x" is a binary search.
    neg_min_high: list[tuple[float, int]] = []  # negated, so the sequence is non-decreasing
    max_low: list[Key] = []
    for member in new_side:
        high = keys.likely_highs[member]
        neg = (-high[0], -high[1])
        neg_min_high.append(neg if not neg_min_high or neg > neg_min_high[-1] else neg_min_high[-1])
        low = keys.likely_lows[member]
        max_low.append(low if not max_low or low > max_low[-1] else max_low[-1])
    end = len(new_side)
    for old in reversed(old_side):
        best = end
        fig = keys.figures[old]
        for j, other in firsts.get(fig[0], ()):
            if figures_differ(fig, other, keys.tolerance):
                best = j
                break
        low, high = keys.likely_lows[old], keys.likely_highs[old]
        best = min(best, bisect.bisect_right(neg_min_high, (-low[0], -low[1])))  # new left of old
        best = min(best, bisect.bisect_right(max_low, high))  # new right of old
        if best < end:
            return old, new_side[best]
    return None


def find_change(old_side: Sequence[Claim], new_side: Sequence[Claim], tolerance: float = 0.0) -> tuple[Claim, Claim] | None:
    """:func:`find_change_members` on claims."""
    claims = (*old_side, *new_side)
    keys = GroupKeys(claims, tolerance)
    pair = find_change_members(keys, range(len(old_side)), range(len(old_side), len(claims)))
    return None if pair is None else (claims[pair[0]], claims[pair[1]])

