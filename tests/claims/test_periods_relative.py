"""Periods counted from another: "the year before", "the prior fiscal year", and running totals "since 2003"."""

from __future__ import annotations

import datetime as dt

from claimcheck.claims import periods
from claimcheck.claims.periods import calendar_year, find_periods, fiscal_year, year_before

JULY = (7, 1)


def test_year_before_keeps_the_span_and_the_fiscal_start():
    assert year_before(fiscal_year(2022, JULY)) == fiscal_year(2021, JULY)  # 2020-07-01 … 2021-06-30
    assert year_before(fiscal_year(2022)) == fiscal_year(2021)
    assert year_before(calendar_year(2024)).label == "2023"
    q3 = find_periods("in the third quarter of 2022")[0].period
    assert year_before(q3).label == "2021 Q3"
    assert year_before(q3).start == dt.date(2021, 7, 1)


def test_year_before_a_leap_day():
    leap = periods.Period("as of 2024-02-29", dt.date(2024, 2, 29), dt.date(2024, 2, 29))
    assert year_before(leap).end == dt.date(2023, 2, 28)


def test_prior_year_only_for_a_caller_that_anchors_it():
    text = "up from 2,013 the prior fiscal year"
    assert find_periods(text, version_date=dt.date(2022, 12, 1), fiscal_start=JULY) == []  # table labels
    (found,) = find_periods(text, version_date=dt.date(2022, 12, 1), fiscal_start=JULY, anaphoric=True)
    assert found.anchor == "back" and not found.explicit
    assert found.period == fiscal_year(2022, JULY)  # the fiscal year before FY2023, the version date's
    (undated,) = find_periods(text, fiscal_start=JULY, anaphoric=True)
    assert undated.period is periods.UNANCHORED


def test_since_is_a_running_total_as_of_the_version_date():
    (found,) = find_periods("Since 2003, FCSA has seized", version_date=dt.date(2023, 5, 1))
    assert found.period.label == "since 2003 to 2023-05-01"
    assert found.period.start == found.period.end == dt.date(2023, 5, 1)
    assert periods.is_running_total(found.period)
    (fy,) = find_periods("since FY 2015", fiscal_start=JULY)
    assert fy.period.label == "since FY2015" and fy.period.start == dt.date(2014, 7, 1)
    (founding,) = find_periods("since its founding in 1998", version_date=dt.date(2023, 5, 1))
    assert founding.period.label == "since 1998 to 2023-05-01"
    assert year_before(founding.period) is None
    # a range is not a running total
    assert not any(periods.is_running_total(p.period) for p in find_periods("since 2019 to 2021 in 2021"))
