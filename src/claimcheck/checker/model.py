"""The checker's values: its settings, the findings it produces, source histories and claim lifecycles."""

from __future__ import annotations

import calendar
import datetime as dt
import operator
import re

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


# --- Durations ------------------------------------------------------------------------------

_DURATION = re.compile(r"^\s*(\d+)\s*(d|w|m|y)\s*$", re.IGNORECASE)


@attrs.frozen
class Duration:
    """A span of calendar time: years and months on the calendar, then days.

    "2y" after 2019-09-30 is 2021-09-30 whatever leap days lie between, which is what a reader means
    by "two years"; a fixed 730 days would call that page stale one day early.
    """

    years: int = 0
    months: int = 0
    days: int = 0
    # The span as a timedelta when it is a plain number of days: comparing dates is then one
    # subtraction, and same_period runs once per claim.
    _fixed: dt.timedelta | None = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        fixed = dt.timedelta(days=self.days) if not self.years and not self.months else None
        object.__setattr__(self, "_fixed", fixed)

    @classmethod
    def parse(cls, text: str) -> Duration:
        """'180d', '4w', '6m', '2y' → a Duration; ValueError for anything else."""
        m = _DURATION.match(text)
        if not m:
            raise ValueError(f"{text!r} is not a duration like \"180d\", \"6m\" or \"2y\"")
        n, unit = int(m.group(1)), m.group(2).lower()
        if unit == "y":
            return cls(years=n)
        if unit == "m":
            return cls(months=n)
        return cls(days=n * (7 if unit == "w" else 1))

    @classmethod
    def of(cls, value: Duration | dt.timedelta) -> Duration:
        """``value`` as a Duration: a timedelta counts whole days."""
        if isinstance(value, Duration):
            return value
        if isinstance(value, dt.timedelta):
            return cls(days=value.days)
        raise TypeError(f"expected a Duration or a timedelta, got {type(value).__name__}")

    @property
    def fixed(self) -> dt.timedelta | None:
        """The span as a timedelta when it is a plain number of days, else None."""
        return self._fixed

    def after(self, day: dt.date) -> dt.date:
        """The date this long after ``day``; 29 February plus a year is 28 February."""
        if self.years or self.months:
            month0 = day.month - 1 + self.months + 12 * self.years
            year, month = day.year + month0 // 12, month0 % 12 + 1
            day = dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
        return day + dt.timedelta(days=self.days)

    def within(self, earlier: dt.date, later: dt.date) -> bool:
        """True when ``later`` is at most this long after ``earlier`` (or before it)."""
        fixed = self._fixed
        if fixed is not None:
            return later - earlier <= fixed
        return later <= self.after(earlier)

    def __str__(self) -> str:
        parts = [(self.years, "y"), (self.months, "m"), (self.days, "d")]
        return " ".join(f"{n}{unit}" for n, unit in parts if n) or "0d"


def _share(_instance, attribute, value) -> None:
    if not 0 <= value < 1:
        raise ValueError(f"{attribute.name} = {value!r} must be a share between 0 and 1")


def _tolerances(value) -> tuple[tuple[str, float], ...]:
    items = value.items() if isinstance(value, dict) else value
    out = tuple(sorted((str(measure), float(share)) for measure, share in items))
    for measure, share in out:
        if not 0 <= share < 1:
            raise ValueError(f"tolerance for {measure!r} = {share!r} must be a share between 0 and 1")
    return out


@attrs.frozen
class CheckerSettings:
    """Every knob of the checker, with the defaults semantics.md documents."""

    same_period_window: Duration = attrs.field(default=Duration(days=180), converter=Duration.of)
    stale_after: Duration = attrs.field(default=Duration(years=2), converter=Duration.of)
    fiscal_year_start: tuple[int, int] = (10, 1)  # (month, day); periods are resolved by extraction
    # Share by which stated and likely intervals are widened on both sides before they are compared,
    # so that an expected drift (a budget re-estimated by 1 %) is agreement rather than a conflict or
    # a change. 0 compares the figures as stated.
    agreement_tolerance: float = attrs.field(default=0.0, validator=_share)
    tolerance: tuple[tuple[str, float], ...] = attrs.field(default=(), converter=_tolerances)  # per measure

    def tolerance_for(self, measure: str) -> float:
        """The tolerance of ``measure``: its own entry, else ``agreement_tolerance``."""
        for name, share in self.tolerance:
            if name == measure:
                return share
        return self.agreement_tolerance


# --- Findings -------------------------------------------------------------------------------


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

    def __reduce__(self) -> tuple:
        # Pickled as its fields and made again by __init__: half the time of attrs' state
        # protocol, and the checker's forked process sends back thousands (forking.shared_map).
        return (Finding, _finding_fields(self))


# Every field of a Finding in __init__'s order, read in one C call (its __reduce__).
_finding_fields = operator.attrgetter(*(field.name for field in attrs.fields(Finding)))


# --- Source histories (version diffs) -------------------------------------------------------

REVISION_ACTIONS = ("added", "removed", "changed")


@attrs.frozen
class RevisedEntry:
    """One key of a source's claim set that was added, removed or changed between two captures."""

    action: str  # one of REVISION_ACTIONS
    subject: str
    measure: str
    scope: str | None
    period: str | None  # the claims' period label; None for "now at the version date"
    old_claims: tuple[str, ...]  # claim ids in the older capture (empty when added)
    new_claims: tuple[str, ...]  # claim ids in the newer capture (empty when removed)
    finding: str  # id of the revision finding that reports it


@attrs.frozen
class VersionPair:
    """Two consecutive dated captures of one source and what changed between them.

    Files captured on the same day are one capture, so each side lists one or more version labels.
    """

    old_versions: tuple[str, ...]
    new_versions: tuple[str, ...]
    old_date: dt.date
    new_date: dt.date
    added: tuple[RevisedEntry, ...] = ()
    removed: tuple[RevisedEntry, ...] = ()
    changed: tuple[RevisedEntry, ...] = ()


@attrs.frozen
class SourceHistory:
    """A source with several dated captures: every consecutive pair, oldest first."""

    source: str
    pairs: tuple[VersionPair, ...]


# --- Lifecycles -----------------------------------------------------------------------------


@attrs.frozen
class SourceSpan:
    """When one source stated a group's figure: its first and last capture saying it, and whether it stopped."""

    source: str
    first_version: str
    first_seen: dt.date | None  # None when only undated versions state it
    last_version: str
    last_seen: dt.date | None
    latest_version: str | None  # the source's latest dated capture (None: no dated capture)
    disappeared: bool  # an earlier capture stated it, the latest does not
    claims: tuple[str, ...]  # claim ids, in the canonical order


@attrs.frozen
class Lifecycle:
    """A group's life across versions and sources: first seen, last seen, who stopped stating it."""

    subject: str
    measure: str
    scope: str | None
    unit: str
    first_seen: dt.date | None  # earliest capture date stating it (None: undated captures only)
    first_source: str | None
    last_seen: dt.date | None  # latest capture date stating it
    last_source: str | None
    disappeared: tuple[str, ...]  # sources whose latest capture dropped it, sorted
    current: bool  # some source's latest capture (or an undated one) still states it
    sources: tuple[SourceSpan, ...]  # by source id


@attrs.frozen
class Analysis:
    """Everything the checker says about a corpus, each part in its canonical order."""

    findings: tuple[Finding, ...]
    histories: tuple[SourceHistory, ...] = ()
    lifecycles: tuple[Lifecycle, ...] = ()
