"""State fiscal years, spans of years, winter seasons and calendar months: what each reads as, and the near misses
that keep their old reading."""

from __future__ import annotations

import datetime as dt

import pytest

from claimcheck.claims.periods import find_periods, label_period
from claimcheck.claims.quantities import find_quantities

JULY = (7, 1)


def _labels(text: str, start=JULY):
    return [(p.period.label, text[p.start : p.end]) for p in find_periods(text, fiscal_start=start)]


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("The agency paved 900 miles in SFY 2021.", "SFY 2021"),
        ("Revenue for SFY2021 was $4 million.", "SFY2021"),
        ("SFY21 revenue was $4 million.", "SFY21"),
        ("During state fiscal year 2021 it paved 900 miles.", "state fiscal year 2021"),
        ("State Fiscal Year (SFY) 2021 ran from July 1, 2020.", "State Fiscal Year (SFY) 2021"),
        ("The SFY 2020-21 budget is $4 million.", "SFY 2020-21"),
    ],
)
def test_state_fiscal_year_is_the_configured_fiscal_year(text, phrase):
    assert _labels(text) == [("FY2021", phrase)]
    p = find_periods(text, fiscal_start=JULY)[0].period
    assert (p.start, p.end) == (dt.date(2020, 7, 1), dt.date(2021, 6, 30))


def test_state_fiscal_year_follows_the_configuration():
    p = find_periods("in SFY 2021", fiscal_start=(10, 1))[0].period
    assert (p.label, p.start) == ("FY2021", dt.date(2020, 10, 1))


@pytest.mark.parametrize("text", ["the SFY 2021 table", "WSFY 2021", "ASFY2021"])
def test_only_a_word_sfy_is_a_state_fiscal_year(text):
    assert all(label != "FY2021" or "SFY" in phrase for label, phrase in _labels(text))
    assert _labels("WSFY 2021") == [] and _labels("ASFY2021") == []


@pytest.mark.parametrize(
    "text, label, start, end",
    [
        ("The SFY 2026-2031 plan invests $3 billion.", "FY2026-2031", dt.date(2025, 7, 1), dt.date(2031, 6, 30)),
        ("It invests $3 billion over six years (FY 2026–2031).", "FY2026-2031", dt.date(2025, 7, 1), dt.date(2031, 6, 30)),
        ("The plan covers FY2026-FY2031.", "FY2026-2031", dt.date(2025, 7, 1), dt.date(2031, 6, 30)),
        ("The 2026–2031 plan invests $3 billion.", "2026-2031", dt.date(2026, 1, 1), dt.date(2031, 12, 31)),
        ("The 2026-2031 capital budget is $3 billion.", "FY2026-2031", dt.date(2025, 7, 1), dt.date(2031, 6, 30)),
    ],
)
def test_a_span_of_years_is_one_period(text, label, start, end):
    found = find_periods(text, fiscal_start=JULY)
    assert [(p.period.label, p.period.start, p.period.end) for p in found] == [(label, start, end)]


@pytest.mark.parametrize(
    "text",
    ["Ordinance 2019-22 passed.", "FY 2023-25", "the 2021/25 plan", "in 1950-2000", "The 2022-23 plan", "2026-2020"],
)
def test_not_a_span(text):
    assert _labels(text) == []


def test_a_span_is_not_a_figure():
    text = "The 2026–2031 plan invests $3 billion."
    assert [q.quantity.stated for q in find_quantities(text)] == [3_000_000_000]


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("In the 2021–22 winter season crews spread 300,000 tons of salt.", "2021–22 winter season"),
        ("Crews spread 300,000 tons of salt in winter 2021-22.", "winter 2021-22"),
        ("During the 2021-2022 winter, crews plowed roads.", "2021-2022 winter"),
    ],
)
def test_winter_season(text, phrase):
    found = find_periods(text, fiscal_start=JULY)
    assert [(p.period.label, text[p.start : p.end]) for p in found] == [("winter 2021-22", phrase)]
    assert (found[0].period.start, found[0].period.end) == (dt.date(2021, 12, 1), dt.date(2022, 3, 31))


def test_a_bare_season_is_not_a_winter():
    assert _labels("ready for the 2024-25 season") == []


@pytest.mark.parametrize(
    "text, label, phrase",
    [
        ("The fleet reached 400 buses in October 2022.", "2022-10", "in October 2022"),
        ("During Feb. 2024 it logged 80 calls.", "2024-02", "During Feb. 2024"),
        ("For all of 2022, it recorded 900 crimes.", "2022", "For all of 2022"),
        ("As of October 2022 it had 400 buses.", "as of 2022-10", "As of October 2022"),
    ],
)
def test_months_and_whole_years(text, label, phrase):
    assert _labels(text) == [(label, phrase)]


@pytest.mark.parametrize(
    "text", ["On October 5, 2022 it had 400 buses.", "Since its founding in May 1998, it has served 2 million people."]
)
def test_not_a_month(text):
    assert all(not label.startswith(("19", "20")) or len(label) == 4 for label, _ in _labels(text))


def test_table_header():
    assert label_period("SFY 2026", JULY).label == "FY2026"
    assert label_period("SFY 2026-2031", JULY).label == "FY2026-2031"


def test_a_month_after_since_starts_a_running_total():
    assert _labels("Since the creation of the office in March 2003, it has served 2 million people.") == []
