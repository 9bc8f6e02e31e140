"""Compact construction of claims for checker tests."""

from __future__ import annotations

import datetime as dt
import re

from claimcheck.claims.model import Claim, Evidence, Interval, Period, Quantity

_INTERVAL = re.compile(r"^\s*([\[(])\s*([^,]+?)\s*,\s*([^\])]+?)\s*([\])])\s*$")


def _end(text: str) -> float | None:
    text = text.strip().lower()
    return None if text in ("inf", "-inf", "none", "null", "∞") else float(text)


def parse_interval(text: str | Interval) -> Interval:
    """``"(5.7e9, inf)"``, ``"[19500, 20500]"``, ``"[0, 5)"`` → Interval; ``inf`` is unbounded."""
    if isinstance(text, Interval):
        return text
    match = _INTERVAL.match(text)
    if not match:
        raise ValueError(f"not an interval: {text!r}")
    left, low, high, right = match.groups()
    return Interval(_end(low), _end(high), left == "[", right == "]")


def _default_interval(stated: float, bound: str, stated_high: float | None) -> Interval:
    if bound == "lower":
        return Interval(stated, None, False, True)
    if bound == "upper":
        return Interval(0, stated, True, False)
    return Interval(stated, stated_high if stated_high is not None else stated)


def parse_period(spec) -> Period | None:
    """``None``, a Period, or ``[label, start, end]`` with dates or ISO strings."""
    if spec is None or isinstance(spec, Period):
        return spec
    if isinstance(spec, dict):
        spec = [spec["label"], spec["start"], spec["end"]]
    label, start, end = spec
    return Period(str(label), _date(start), _date(end))


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def make_claim(
    name: str,
    *,
    source: str = "src-a",
    version=None,
    version_label: str | None = None,
    subject: str = "ICE",
    measure: str = "employees",
    scope: str | None = None,
    stated: float = 100,
    stated_high: float | None = None,
    bound: str = "exact",
    interval: str | Interval | None = None,
    likely: str | Interval | None = None,
    unit: str = "count",
    period=None,
    current: bool = True,
    quote: str | None = None,
    start: int = 0,
    line: int = 1,
    path: str | None = None,
) -> Claim:
    """A claim with dummy evidence; as-of is the period end if a period is given, else the version date, and
    none for an undated version (as extraction gives it: an undated page's claims are not placed in time, even
    when they name their period)."""
    version_date = _date(version)
    the_period = parse_period(period)
    stated = float(stated)
    stated_high = None if stated_high is None else float(stated_high)
    if interval is None:
        stated_interval = _default_interval(stated, bound, stated_high)
    else:
        stated_interval = parse_interval(interval)
    likely_interval = parse_interval(likely) if likely is not None else stated_interval
    label = version_label or (version_date.isoformat() if version_date else "undated")
    quote = quote if quote is not None else name
    return Claim(
        id=f"c-{name}",
        source=source,
        version=label,
        path=path or f"{source}/{label}.html",
        subject=subject,
        measure=measure,
        scope=scope,
        value=Quantity(stated, unit, bound, stated_interval, likely_interval, stated_high=stated_high),
        period=the_period,
        as_of=None if version_date is None else (the_period.end if the_period is not None else version_date),
        evidence=Evidence(
            quote=quote, sentence=f"... {quote} ...", start=start, end=start + len(quote), line=line, column=1
        ),
        version_date=version_date,
        current=current,
    )
