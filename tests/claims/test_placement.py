"""Where a claim stands on the time line (semantics.md, Time and Verdicts): by its period, else its version's date."""

from __future__ import annotations

import datetime as dt

from claimcheck.claims.extract import VersionContext, extract_claims
from claimcheck.claims.text import extract_plain
from claimcheck.config import ExtractionSettings, SubjectSpec

SETTINGS = ExtractionSettings(subjects=(SubjectSpec("NTA", ("Northbridge Transit Authority",)),))


def _as_of(text: str, date: dt.date | None) -> dict[str, dt.date | None]:
    ctx = VersionContext("s", "v", "pages/v.txt", date)
    return {c.evidence.quote: c.as_of for c in extract_claims(extract_plain(text), ctx, SETTINGS)}


def test_an_undated_page_places_a_figure_by_the_period_it_names():
    text = "In FY 2019, NTA had a budget of $80 million. NTA now has 1,200 employees."
    placed = _as_of(text, None)
    assert placed == {"$80 million": dt.date(2019, 9, 30), "1,200": None}  # (the present of an undated page is unknown)
    dated = _as_of(text, dt.date(2024, 3, 1))
    assert dated == {"$80 million": dt.date(2019, 9, 30), "1,200": dt.date(2024, 3, 1)}


def test_a_running_total_on_an_undated_page_stays_undated():
    # "since 2003" and "to date" run to the page's own date, which an undated page does not give
    placed = _as_of("Since 2003, NTA has carried 90 million riders. NTA has planted 4,000 trees to date.", None)
    assert placed == {"90 million": None, "4,000": None}
