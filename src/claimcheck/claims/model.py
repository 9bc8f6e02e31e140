"""The values extraction produces: intervals, quantities, periods, evidence, claims, sources."""

from __future__ import annotations

import datetime as dt
import math

import attrs

BOUNDS = ("exact", "approx", "lower", "upper", "range")


@attrs.frozen
class Interval:
    """A real interval; ``None`` on a side means unbounded (±infinity)."""

    low: float | None
    high: float | None
    low_inclusive: bool = True
    high_inclusive: bool = True

    def intersects(self, other: Interval) -> bool:
        """True when the two intervals share at least one point."""
        lo, lo_inc = _max_low(self, other)
        hi, hi_inc = _min_high(self, other)
        if lo is None or hi is None:
            return True
        if lo < hi:
            return True
        return lo == hi and lo_inc and hi_inc

    def contains(self, x: float) -> bool:
        """True when ``x`` lies inside the interval."""
        if self.low is not None and (x < self.low or (x == self.low and not self.low_inclusive)):
            return False
        if self.high is not None and (x > self.high or (x == self.high and not self.high_inclusive)):
            return False
        return True

    def covers(self, other: Interval) -> bool:
        """True when ``other`` lies entirely inside this interval."""
        if self.low is not None:
            if other.low is None or other.low < self.low:
                return False
            if other.low == self.low and other.low_inclusive and not self.low_inclusive:
                return False
        if self.high is not None:
            if other.high is None or other.high > self.high:
                return False
            if other.high == self.high and other.high_inclusive and not self.high_inclusive:
                return False
        return True

    @property
    def width(self) -> float:
        if self.low is None or self.high is None:
            return math.inf
        return self.high - self.low


def _max_low(a: Interval, b: Interval) -> tuple[float | None, bool]:
    if a.low is None:
        return b.low, b.low_inclusive
    if b.low is None:
        return a.low, a.low_inclusive
    if a.low != b.low:
        return (a.low, a.low_inclusive) if a.low > b.low else (b.low, b.low_inclusive)
    return a.low, a.low_inclusive and b.low_inclusive


def _min_high(a: Interval, b: Interval) -> tuple[float | None, bool]:
    if a.high is None:
        return b.high, b.high_inclusive
    if b.high is None:
        return a.high, a.high_inclusive
    if a.high != b.high:
        return (a.high, a.high_inclusive) if a.high < b.high else (b.high, b.high_inclusive)
    return a.high, a.high_inclusive and b.high_inclusive


@attrs.frozen
class Quantity:
    """A stated figure with its unit, bound kind and the two intervals it stands for."""

    stated: float  # base units after scale words; a range's lower end
    unit: str  # "count", an ISO currency code, "percent", or a unit word ("pounds")
    bound: str  # one of BOUNDS
    interval: Interval  # the stated interval: what the words guarantee
    likely: Interval  # what a careful reader takes the figure to mean
    inherited_hedge: bool = False  # the hedge came from the first item of a list
    stated_high: float | None = None  # a range's upper end


@attrs.frozen
class Period:
    """The time a value refers to, when the text says so."""

    label: str  # "FY2019", "2017", "FY2018 to date"
    start: dt.date
    end: dt.date  # inclusive


@attrs.frozen
class Evidence:
    """Where a claim was read: the quote, its sentence, its span and its place in the file."""

    quote: str
    sentence: str
    start: int  # offsets into the version's extracted text
    end: int
    line: int  # 1-based, in the original file (in a PDF: within the page)
    column: int
    page: int | None = None  # 1-based page of a paged document (PDF); None otherwise


@attrs.frozen
class Claim:
    """One statement of a value in one version of one source."""

    id: str
    source: str
    version: str
    path: str
    subject: str
    measure: str
    scope: str | None
    value: Quantity
    period: Period | None
    as_of: dt.date | None  # period end if stated, else the version date; None when undated
    evidence: Evidence
    version_date: dt.date | None = None
    current: bool = True  # the sentence presents the figure as true now (present tense)

    @property
    def undated(self) -> bool:
        return self.as_of is None


@attrs.frozen
class Version:
    """One dated capture of a source's content."""

    version: str  # label: the ISO date, or the file stem when undated
    date: dt.date | None
    date_origin: str  # config | text | html-meta | filename | git | none
    path: str  # POSIX, relative to the project root
    sha256: str
    date_evidence: str = ""
    kind: str = "text"
    encoding: str = "utf-8"
    replacements: int = 0  # characters that could not be decoded (U+FFFD in the text)


@attrs.frozen
class Source:
    """One publication identity and its versions, oldest first (undated last)."""

    id: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    versions: tuple[Version, ...] = ()
