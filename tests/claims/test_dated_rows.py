"""A row that dates its own figure ("Employees | 9,400 (2019)", "Budget: $3.2 billion (FY 2018)") gives the figure
that period and presents it as the page's current figure, so that a page still showing it years later is stale;
a row dated only by the page's title stays in the title's period, and is no current figure."""

from __future__ import annotations

import datetime as dt

import pytest

from claimcheck.claims.extract import VersionContext, extract_claims
from claimcheck.claims.text import extract_html, extract_markdown, extract_plain
from claimcheck.config import ExtractionSettings, SubjectSpec

SETTINGS = ExtractionSettings(subjects=(SubjectSpec("NTA", ("Northbridge Transit Authority",)),))
CONTEXT = VersionContext("s", "v", "page", dt.date(2024, 6, 1))

HTML = (
    "<h1>Northbridge Transit Authority</h1><table class=infobox>"
    "<tr><th colspan=2>Northbridge Transit Authority</th></tr>"
    "<tr><th>Employees</th><td>9,400 (2019)</td></tr>"
    "<tr><th>Budget</th><td>$3.2 billion (FY2018)[3]</td></tr>"
    "<tr><th>Buses</th><td>1,200 (as of June 2023)</td></tr>"
    "<tr><th>Stations</th><td>1,300 (2021 est.)</td></tr>"
    "<tr><th>Depots</th><td>1,040</td></tr></table>"
)
MARKDOWN = (
    "# Northbridge Transit Authority\n\n| | |\n|---|---|\n| Employees | 9,400 (2019) |\n"
    "| Budget | $3.2 billion (FY2018) |\n| Buses | 1,200 (as of June 2023) |\n| Stations | 1,300 (2021 est.) |\n"
    "| Depots | 1,040 |\n"
)
PLAIN_LINES = (
    "Northbridge Transit Authority\n\nEmployees: 9,400 (2019)\nBudget: $3.2 billion (FY2018)\n"
    "Buses: 1,200 (as of June 2023)\nStations: 1,300 (2021)\nDepots: 1,040\n"
)
PLAIN_CARDS = (
    "Northbridge Transit Authority\n\nEmployees\n9,400 (2019)\n\nBudget\n$3.2 billion (FY2018)\n\n"
    "Buses\n1,200 (as of June 2023)\n\nStations\n1,300 (2021)\n\nDepots\n1,040\n"
)
MARKDOWN_LIST = (
    "# Northbridge Transit Authority\n\n- Employees: 9,400 (2019)\n- Budget: $3.2 billion (FY2018)\n"
    "- Buses: 1,200 (as of June 2023)\n- Stations: 1,300 (2021)\n- Depots: 1,040\n"
)
# An infobox as a page's text dump gives it: each label glued to its value, a "+" after a figure
PLAIN_GLUED = (
    "Northbridge Transit Authority\n\nAgency overview\nEmployees9,400 (2019)[1]\nBudgetUS$3.2 billion (FY2018)[3]\n"
    "Buses1,200 (as of June 2023)\nStations1,300+ (2021)\nDepots1,040\n"
)
EXPECTED = {
    "9,400": ("2019", True),
    "$3.2 billion": ("FY2018", True),
    "1,200": ("as of 2023-06", True),
    "1,300": ("2021", True),
}


def _read(doc) -> dict[str, tuple[str | None, bool]]:
    return {c.evidence.quote: (c.period.label if c.period else None, c.current) for c in extract_claims(doc, CONTEXT, SETTINGS)}


@pytest.mark.parametrize(
    "doc",
    [
        extract_html(HTML), extract_markdown(MARKDOWN), extract_plain(PLAIN_LINES), extract_plain(PLAIN_CARDS),
        extract_markdown(MARKDOWN_LIST),
    ],
    ids=["html-infobox", "markdown-table", "plain-label-lines", "plain-label-over-value", "markdown-list"],
)
def test_a_row_dated_in_brackets_is_the_pages_figure_for_that_period(doc):
    got = _read(doc)
    assert {q: got.get(q) for q in EXPECTED} == EXPECTED
    assert got["1,040"][0] is None  # undated: the page's date


def test_a_side_box_row_glued_to_its_figure_is_dated_by_its_bracket():
    got = _read(extract_plain(PLAIN_GLUED))
    assert got == {
        "9,400": ("2019", True),
        "US$3.2 billion": ("FY2018", True),
        "1,200": ("as of 2023-06", True),
        "1,300+": ("2021", True),
        "1,040": (None, False),
    }


def test_a_bracket_that_is_no_date_leaves_the_figure_undated():
    html = (
        "<h1>Northbridge Transit Authority</h1><table class=infobox><tr><th colspan=2>NTA</th></tr>"
        "<tr><th>Riders</th><td>61,000 (up from 58,000 in 2019)</td></tr><tr><th>Depots</th><td>1,040</td></tr></table>"
    )
    got = _read(extract_html(html))
    assert got["61,000"] == (None, True)


def test_a_series_row_named_by_its_period_is_history():
    text = "# Northbridge Transit Authority removals\n\n- FY 2018: 139,101 removals\n- FY 2019: 143,099 removals\n"
    got = _read(extract_markdown(text))
    assert got == {"139,101": ("FY2018", False), "143,099": ("FY2019", False)}


def test_rows_dated_by_the_title_stay_history():
    text = "Northbridge Transit Authority Facts for Fiscal Year 2019\n\nEmployees: 9,400\nBuses: 1,200\n"
    got = _read(extract_plain(text))
    assert got == {"9,400": ("FY2019", False), "1,200": ("FY2019", False)}
