"""When two claims are about the same period, and the label a claim's time goes by."""

from __future__ import annotations

import datetime as dt

from claimcheck.checker.model import CheckerSettings
from claimcheck.claims.model import Claim, Period

UNDATED = "undated"


def _days(period: Period) -> int:
    # Periods are inclusive at both ends, so a fiscal year is 365 (or 366) days, not 364.
    return (period.end - period.start).days + 1


def _overlap_days(a: Period, b: Period) -> int:
    start = max(a.start, b.start)
    end = min(a.end, b.end)
    return max(0, (end - start).days + 1)


def _inside(day: dt.date, period: Period) -> bool:
    return period.start <= day <= period.end


def same_period(a: Claim, b: Claim, settings: CheckerSettings) -> bool:
    """True when ``a`` and ``b`` refer to the same period (semantics.md, Verdicts).

    Both explicit: their overlap covers at least half of the longer period. One explicit: the
    other's as-of date lies inside it. Neither: the as-of dates lie within
    ``settings.same_period_window`` of each other (inclusive). An undated claim is never in the
    same period as anything, itself included.
    """
    if a.as_of is None or b.as_of is None:
        return False
    if a.period is not None and b.period is not None:
        return same_explicit_period(a.period, b.period)
    if a.period is not None:
        return _inside(b.as_of, a.period)
    if b.period is not None:
        return _inside(a.as_of, b.period)
    if a.as_of <= b.as_of:
        return settings.same_period_window.within(a.as_of, b.as_of)
    return settings.same_period_window.within(b.as_of, a.as_of)


def same_explicit_period(a: Period, b: Period) -> bool:
    """Two stated periods are the same when their overlap covers at least half of the longer one."""
    # Integer comparison (2 × overlap ≥ longer) so that "exactly half" is not at the mercy of floating point.
    return 2 * _overlap_days(a, b) >= max(_days(a), _days(b))


def period_key(claim: Claim) -> str:
    """The label a claim's time goes by in ids and messages.

    Its explicit period label, else its as-of date in ISO form, else ``"undated"``.
    """
    if claim.period is not None:
        return claim.period.label
    if claim.as_of is not None:
        return claim.as_of.isoformat()
    return UNDATED
