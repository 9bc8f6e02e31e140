"""same_period and period_key (semantics.md, Time and Verdicts)."""

from __future__ import annotations

import datetime as dt

import pytest

from claimcheck.checker.model import CheckerSettings
from claimcheck.checker.periods import period_key, same_period

from .factory import make_claim

SETTINGS = CheckerSettings()
FY2019 = ["FY2019", "2018-10-01", "2019-09-30"]
CY2019 = ["2019", "2019-01-01", "2019-12-31"]
CY2023 = ["2023", "2023-01-01", "2023-12-31"]
YEAR_TO_APRIL_2023 = ["year to April 2023", "2022-05-01", "2023-04-30"]


def claim(version="2020-05-13", period=None, name="x"):
    return make_claim(name, version=version, period=period)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (FY2019, CY2019, True),  # nine months of twelve overlap
        (YEAR_TO_APRIL_2023, CY2023, False),  # four months of twelve
        (FY2019, FY2019, True),
        (["FY2017", "2016-10-01", "2017-09-30"], FY2019, False),
        # Exactly half of the longer period: 2 × 183 days ≥ 366 days of 2020.
        (["H2 2020", "2020-07-02", "2020-12-31"], ["2020", "2020-01-01", "2020-12-31"], True),
        (["H2 2020 minus a day", "2020-07-03", "2020-12-31"], ["2020", "2020-01-01", "2020-12-31"], False),
    ],
)
def test_both_explicit_overlap_at_least_half_of_the_longer(a, b, expected) -> None:
    assert same_period(claim(period=a), claim(period=b), SETTINGS) is expected
    assert same_period(claim(period=b), claim(period=a), SETTINGS) is expected


@pytest.mark.parametrize(
    ("version", "expected"),
    [("2018-10-01", True), ("2019-09-30", True), ("2019-05-01", True), ("2018-09-30", False), ("2019-10-01", False)],
)
def test_one_explicit_the_other_as_of_inside_it(version, expected) -> None:
    explicit = claim(version="2020-05-13", period=FY2019)
    implicit = claim(version=version)
    assert same_period(explicit, implicit, SETTINGS) is expected
    assert same_period(implicit, explicit, SETTINGS) is expected


def test_explicit_period_compares_by_period_not_version_date() -> None:
    # The FY2010 claim sits on a 2018 page; a 2018 figure is not about FY2010.
    fy2010 = claim(version="2018-01-03", period=["FY2010", "2009-10-01", "2010-09-30"])
    assert not same_period(fy2010, claim(version="2018-01-03"), SETTINGS)


@pytest.mark.parametrize(("days", "expected"), [(0, True), (179, True), (180, True), (181, False)])
def test_neither_explicit_within_window_inclusive(days, expected) -> None:
    first = dt.date(2020, 1, 1)
    a = claim(version=first)
    b = claim(version=first + dt.timedelta(days=days))
    assert same_period(a, b, SETTINGS) is expected
    assert same_period(b, a, SETTINGS) is expected


def test_window_is_a_setting() -> None:
    a, b = claim(version="2020-01-01"), claim(version="2020-03-01")
    assert not same_period(a, b, CheckerSettings(same_period_window=dt.timedelta(days=30)))


def test_undated_is_never_the_same_period() -> None:
    undated = claim(version=None)
    assert not same_period(undated, undated, SETTINGS)
    assert not same_period(undated, claim(), SETTINGS)
    assert not same_period(claim(), undated, SETTINGS)


def test_period_key() -> None:
    assert period_key(claim(period=FY2019)) == "FY2019"
    assert period_key(claim(version="2020-05-13")) == "2020-05-13"
    assert period_key(claim(version=None)) == "undated"
