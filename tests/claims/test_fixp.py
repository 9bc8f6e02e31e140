"""Split fiscal years, academic years and academic terms: their dates, how they compare under the overlap rule,
and that a split year is never also a figure."""

from __future__ import annotations

import datetime as dt

import pytest

from claimcheck.claims.periods import academic_term, academic_year, calendar_year, find_periods, year_before
from claimcheck.claims.quantities import find_quantities


def _one(text: str, **kw):
    found = find_periods(text, **kw)
    assert len(found) == 1, found
    return found[0]


def _same(a, b) -> bool:
    """semantics.md: the overlap covers at least half of the longer period."""
    overlap = (min(a.end, b.end) - max(a.start, b.start)).days + 1
    longer = max((a.end - a.start).days, (b.end - b.start).days) + 1
    return 2 * max(overlap, 0) >= longer


@pytest.mark.parametrize(
    "text", ["FY 2022-23", "FY2022-23", "fiscal year 2022-23", "fiscal year 2022\u201323", "FY 2022-2023"]
)
def test_split_fiscal_year_is_named_by_its_end(text):
    p = _one(f"Revenue in {text} rose.", fiscal_start=(7, 1)).period
    assert (p.label, p.start, p.end) == ("FY2023", dt.date(2022, 7, 1), dt.date(2023, 6, 30))


def test_split_fiscal_year_follows_the_configured_start():
    p = _one("in FY 2022-23", fiscal_start=(10, 1)).period
    assert (p.label, p.start, p.end) == ("FY2023", dt.date(2022, 10, 1), dt.date(2023, 9, 30))


def test_fiscal_year_ending():
    p = _one("the fiscal year ending June 30, 2024", fiscal_start=(10, 1)).period
    assert (p.label, p.start, p.end) == ("FY2024", dt.date(2023, 7, 1), dt.date(2024, 6, 30))


@pytest.mark.parametrize(
    "text",
    ["AY 2022-23", "AY2022-23", "academic year 2022-23", "the 2022\u201323 academic year", "the 2022-23 school year"],
)
def test_academic_year(text):
    p = _one(f"Degrees awarded in {text}.", fiscal_start=(10, 1)).period
    assert (p.label, p.start, p.end) == ("AY2022-23", dt.date(2022, 7, 1), dt.date(2023, 6, 30))


@pytest.mark.parametrize(
    ("text", "label"),
    [("Tuition and fees, 2023-24", "AY2023-24"), ("Student aid awarded, 2021\u201322", "AY2021-22"),
     ("The 2023-24 budget totals", "FY2024")],
)  # fmt: skip
def test_bare_split_year_read_by_its_words(text, label):
    assert _one(text, fiscal_start=(7, 1)).period.label == label


@pytest.mark.parametrize("text", ["The 2022-23 plan", "scores of 2019-22", "on 2023-06-30", "FY 2023-25"])
def test_bare_or_wrong_split_year_is_not_a_period(text):
    assert find_periods(text, fiscal_start=(7, 1)) == []


def test_terms_and_overlap_rule():
    fall23, fall22 = academic_term("fall", 2023), academic_term("fall", 2022)
    assert _one("Fall 2023 headcount").period == fall23
    assert _one("in the spring of 2024").period.label == "spring 2024"
    assert not _same(fall23, calendar_year(2023))
    assert not _same(fall23, fall22)
    assert not _same(fall23, academic_year(2023))
    assert _same(academic_year(2022), academic_year(2022))
    assert year_before(academic_year(2023)) == academic_year(2022)
    assert year_before(fall23) == fall22


def test_relative_terms():
    on = dt.date(2023, 9, 28)
    assert _one("enrolled this fall", version_date=on, anaphoric=True).period.label == "fall 2023"
    assert _one("enrolled last fall", version_date=on, anaphoric=True).period.label == "fall 2022"
    assert _one("enrolled last spring", version_date=on, anaphoric=True).period.label == "spring 2023"
    assert find_periods("record rainfall", version_date=on, anaphoric=True) == []


@pytest.mark.parametrize("text", ["In FY 2022-23 we spent more.", "the 2022\u201323 academic year began", "AY2022-23"])
def test_split_year_is_not_a_figure(text):
    assert find_quantities(text) == []
