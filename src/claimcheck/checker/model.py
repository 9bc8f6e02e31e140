"""The checker's values: its settings and the findings it produces."""

from __future__ import annotations

import datetime as dt

import attrs

KINDS = ("conflict", "change", "stale", "undated-discrepancy", "agreement", "revision")
SEVERITIES = ("error", "warning", "info", "none")
DEFAULT_SEVERITY = {
    "conflict": "error",
    "undated-discrepancy": "warning",
    "stale": "warning",
    "change": "info",
    "revision": "info",
    "agreement": "none",
}


@attrs.frozen
class CheckerSettings:
    """Every knob of the checker, with the defaults semantics.md documents."""

    same_period_window: dt.timedelta = dt.timedelta(days=180)
    stale_after: dt.timedelta = dt.timedelta(days=730)
    fiscal_year_start: tuple[int, int] = (10, 1)  # (month, day)


@attrs.frozen
class Change:
    """What moved between the two ends of a change finding."""

    direction: str  # "up" | "down"
    old: str  # readable old figure, e.g. "more than $5.7 billion"
    new: str
    old_date: str | None  # period label or ISO as-of date
    new_date: str | None
    delta: float  # new.stated - old.stated, base units
    relative: float | None  # delta / old.stated; None when old is zero


@attrs.frozen
class Finding:
    """The checker's verdict on a group of comparable claims or on a source's versions."""

    id: str
    kind: str
    severity: str
    subject: str
    measure: str
    scope: str | None
    unit: str
    period: str | None  # the period(s) concerned, e.g. "FY2010", "FY2010 → 2020-05-13"
    claims: tuple[str, ...]  # claim ids, oldest first, undated last
    evidence_digest: str
    message: str
    sources: tuple[str, ...] = ()  # distinct source ids among the claims, sorted
    change: Change | None = None
    status: str = "open"
    resolution: dict | None = None
