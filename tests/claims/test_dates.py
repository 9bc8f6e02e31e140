"""Tests for claims/dates.py: the version-date contract, case by case, and the real seeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimcheck.claims.dates import DetectedDate, detect_version_date, parse_date_string
from claimcheck.claims.text import extract_html, extract_plain

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
D = dt.date


def detect_text(source: str, *, filename: str = "page.txt", day_first: bool = False) -> DetectedDate:
    return detect_version_date(
        text=extract_plain(source).text, raw=source, kind="text", filename=filename, day_first=day_first
    )


def detect_html(source: str, *, filename: str = "page.html") -> DetectedDate:
    return detect_version_date(text=extract_html(source).text, raw=source, kind="html", filename=filename)


# --------------------------------------------------------------------------------------------
# parse_date_string
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/13/2020", D(2020, 5, 13)),
        ("01/03/2018", D(2018, 1, 3)),  # January 3 (US order), not March 1
        ("1/3/18", D(2018, 1, 3)),
        ("August 20, 2018", D(2018, 8, 20)),
        ("Aug. 20, 2018", D(2018, 8, 20)),
        ("Aug 20 2018", D(2018, 8, 20)),
        ("Sept. 5, 2019", D(2019, 9, 5)),
        ("September 5th, 2019", D(2019, 9, 5)),
        ("Monday, August 20, 2018", D(2018, 8, 20)),
        ("20 August 2018", D(2018, 8, 20)),
        ("20th of August, 2018", D(2018, 8, 20)),
        ("2018-08-20", D(2018, 8, 20)),
        ("2018/8/20", D(2018, 8, 20)),
        ("2020-05-13T10:00:00-04:00", D(2020, 5, 13)),
        ("2020-05-13T23:59:59Z", D(2020, 5, 13)),
        ("05/13/2020 10:32 AM", D(2020, 5, 13)),
        ("  05-13-2020  ", D(2020, 5, 13)),
        ("13/05/2020", D(2020, 5, 13)),  # impossible month-first, unambiguous the other way
        ("02/30/2020", None),
        ("31/02/2020", None),
        ("2020-13-01", None),
        ("1/3/00", D(2000, 1, 3)),
        ("1/3/68", D(2068, 1, 3)),
        ("1/3/69", D(1969, 1, 3)),
        ("1/3/99", D(1999, 1, 3)),
        ("May 2020", None),
        ("yesterday", None),
        ("05/13/2020 and more words", None),
        ("", None),
        ("Marching 5, 2020", None),
    ],
)
def test_parse_date_string(text, expected):
    assert parse_date_string(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/03/2018", D(2018, 3, 1)),
        ("13/05/2020", D(2020, 5, 13)),
        ("05/13/2020", D(2020, 5, 13)),  # impossible day-first, unambiguous the other way
        ("30/02/2020", None),
        ("2018-08-20", D(2018, 8, 20)),  # ISO is never flipped
        ("August 20, 2018", D(2018, 8, 20)),
    ],
)
def test_parse_date_string_day_first(text, expected):
    assert parse_date_string(text, day_first=True) == expected


@given(st.dates(min_value=D(1000, 1, 1), max_value=D(9999, 12, 31)))
def test_property_formats_round_trip(day):
    assert parse_date_string(day.isoformat()) == day
    assert parse_date_string(f"{day.month}/{day.day}/{day.year}") == day
    assert parse_date_string(f"{day.day}/{day.month}/{day.year}", day_first=True) == day
    assert parse_date_string(day.strftime("%B %d, %Y").replace(f"{day.year:04d}", str(day.year))) == day
    assert parse_date_string(f"{day.day} {day.strftime('%b')} {day.year}") == day


@given(st.dates(min_value=D(1969, 1, 1), max_value=D(2068, 12, 31)))
def test_property_two_digit_years(day):
    assert parse_date_string(f"{day.month:02d}/{day.day:02d}/{day.year % 100:02d}") == day


# --------------------------------------------------------------------------------------------
# Labels in the text
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected", "evidence"),
    [
        ("Last Reviewed/Updated: 05/13/2020", D(2020, 5, 13), "Last Reviewed/Updated: 05/13/2020"),
        ("Release Date: August 20, 2018", D(2018, 8, 20), "Release Date: August 20, 2018"),
        ("Last Updated: 01/20/2021", D(2021, 1, 20), "Last Updated: 01/20/2021"),
        ("This page was last updated on March 3, 2020.", D(2020, 3, 3), "last updated on March 3, 2020"),
        ("Last Modified: 2019-12-01", D(2019, 12, 1), "Last Modified: 2019-12-01"),
        ("Date: 04/01/2019", D(2019, 4, 1), "Date: 04/01/2019"),
        ("Published: 20 August 2018", D(2018, 8, 20), "Published: 20 August 2018"),
        ("Updated: Aug. 20, 2018", D(2018, 8, 20), "Updated: Aug. 20, 2018"),
        ("Posted on Monday, May 4, 2020 by staff", D(2020, 5, 4), "Posted on Monday, May 4, 2020"),
        ("Page last reviewed: 1/3/18", D(2018, 1, 3), "Page last reviewed: 1/3/18"),
        ("LAST   UPDATED\n\n05/13/2020", D(2020, 5, 13), "LAST UPDATED 05/13/2020"),
        ("last updated 05/13/2020", D(2020, 5, 13), "last updated 05/13/2020"),
        ("Last Updated:\u00a005/13/2020", D(2020, 5, 13), "Last Updated: 05/13/2020"),
        # a news release's header with its date on the next line
        ("FOR IMMEDIATE RELEASE\nSeptember 14, 2023", D(2023, 9, 14), "FOR IMMEDIATE RELEASE September 14, 2023"),
        ("For Immediate Release: May 3, 2022", D(2022, 5, 3), "For Immediate Release: May 3, 2022"),
        # … with its release number printed beside the header
        (
            "FOR IMMEDIATE RELEASE            Release No. ABC-24-003\nJanuary 10, 2024",
            D(2024, 1, 10),
            "FOR IMMEDIATE RELEASE Release No. ABC-24-003 January 10, 2024",
        ),
    ],
)
def test_labelled_dates(line, expected, evidence):
    found = detect_text(f"Some page.\n\n{line}\n\nMore text.")
    assert found == DetectedDate(expected, "text", evidence)


@pytest.mark.parametrize(
    "line",
    [
        "Last Viewed by First Circuit Library on 05/18/2020",
        "Archived on 05/18/2020",
        "Accessed 05/18/2020",
        "Accessed: 05/18/2020",
        "Retrieved 05/18/2020",
        "Printed: 05/18/2020",
        "Viewed: 05/18/2020",
        "Date accessed: 05/18/2020",
        "Expiration Date: 05/18/2020",
        "On November 6, 1986, the act required employers to verify identity.",
        "Students present as of April 3, 2012, qualify.",
        "05/13/2020",
        "Last Modified:",
        "Last Modified: soon",
        "Last Updated: 02/30/2020",
        "Unpublished: 05/18/2020",
        "Updated figures for 2019 show growth.",
    ],
)
def test_no_date_without_a_valid_label(line):
    assert detect_text(f"Some page.\n\n{line}") == DetectedDate(None, "none", "")


def test_a_report_header_dates_it_when_nothing_is_labelled():
    header = "# Progress Report, Year 2\n\n*Presented to the Board of Trustees on October 8, 2024*\n\nText."
    evidence = "Presented to the Board of Trustees on October 8, 2024"
    assert detect_text(header) == DetectedDate(D(2024, 10, 8), "text", evidence)
    # a labelled date wins, and further down such a phrase is an event the page reports
    assert detect_text(header + "\n\nLast updated: 11/02/2024").date == D(2024, 11, 2)
    body = "Some page.\n\n" + "Budget text. " * 60 + "The levy was approved by voters on November 5, 2019."
    assert detect_text(body).date is None


def test_a_bylines_date_dates_the_page_when_nothing_is_labelled():
    page = (
        "# Postage prices from 2 April 2024\n\n*Albion Post news · 2 April 2024 · Pricing notice PN-2024-01*\n\nText."
    )
    assert detect_text(page, day_first=True) == DetectedDate(
        D(2024, 4, 2), "text", "Albion Post news · 2 April 2024 · Pricing notice PN-2024-01"
    )
    assert detect_text("By Dana Reyes | March 3, 2024\n\nText.").date == D(2024, 3, 3)
    # a labelled date wins; a date that is only part of a segment, or far down the page, is no byline's
    assert detect_text(page + "\n\nLast updated: 11/02/2024").date == D(2024, 11, 2)
    assert detect_text("News · Fares rose on 2 April 2024 · Notice\n\nText.").date is None
    assert detect_text("Some page.\n\n" + "Budget text. " * 60 + "\nNews · 2 April 2024 · Notice").date is None


def test_an_empty_label_does_not_borrow_a_later_number():
    assert detect_text("Last Modified:\n\n12 offices in 2019").date is None


def test_release_date_beats_last_updated():
    source = "Release Date: August 20, 2018\n\nBody.\n\nLast Updated: 01/20/2021"
    assert detect_text(source).date == D(2018, 8, 20)
    source = "Last Updated: 01/20/2021\n\nBody.\n\nRelease Date: August 20, 2018"
    assert detect_text(source).date == D(2018, 8, 20)


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["Last Modified: 01/01/2021", "Last Updated: 02/02/2020"], D(2020, 2, 2)),
        (["Last Updated: 02/02/2020", "Last Reviewed/Updated: 03/03/2019"], D(2019, 3, 3)),
        (["Page last reviewed: 03/03/2019", "Published: 04/04/2018"], D(2018, 4, 4)),
        (["Posted on 05/05/2017", "Last Modified: 01/01/2021"], D(2017, 5, 5)),
        (["Updated: 01/01/2020", "Updated: 02/02/2020"], D(2020, 1, 1)),  # first one within a priority
        (["Last Updated: nothing", "Last Modified: 01/01/2021"], D(2021, 1, 1)),
    ],
)
def test_label_priority(labels, expected):
    assert detect_text("\n\n".join(["Text.", *labels])).date == expected


def test_day_first_applies_to_labelled_dates():
    assert detect_text("Last Updated: 01/03/2018").date == D(2018, 1, 3)
    assert detect_text("Last Updated: 01/03/2018", day_first=True).date == D(2018, 3, 1)


# --------------------------------------------------------------------------------------------
# HTML: the raw source and metadata
# --------------------------------------------------------------------------------------------


def test_a_label_in_a_dropped_footer_still_dates_the_page():
    source = "<main><p>Body.</p></main><footer><p>Last <b>Updated</b>: <span>05/13/2020</span></p></footer>"
    assert "Last" not in extract_html(source).text
    assert detect_html(source) == DetectedDate(D(2020, 5, 13), "text", "Last Updated: 05/13/2020")


def test_text_labels_are_preferred_to_the_same_priority_in_dropped_regions():
    source = "<header>Updated: 01/01/2021</header><main><p>Updated: 02/02/2020</p></main>"
    assert detect_html(source).date == D(2020, 2, 2)


def test_script_content_is_not_searched():
    source = "<p>Body.</p><script>var s = 'Last Updated: 01/01/2021';</script>"
    assert detect_html(source).origin == "none"


def test_entities_in_html_labels():
    assert detect_html("<p>Last&nbsp;Updated:&nbsp;05/13/2020</p>").date == D(2020, 5, 13)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta property="article:modified_time" content="2020-05-13T10:00:00-04:00">', D(2020, 5, 13)),
        ('<meta property="article:published_time" content="2018-08-20">', D(2018, 8, 20)),
        ('<meta name="dcterms.modified" content="2019-01-02">', D(2019, 1, 2)),
        ('<meta name="date" content="2017-03-04">', D(2017, 3, 4)),
        ('<meta name="DATE" content="2017-03-04">', D(2017, 3, 4)),
        ('<span itemprop="datePublished" content="2016-05-06"></span>', D(2016, 5, 6)),
        ('<script type="application/ld+json">{"dateModified": "2015-07-08T00:00:00Z"}</script>', D(2015, 7, 8)),
        (
            '<meta property="article:modified_time" content="2021-01-20">'
            '<meta property="article:published_time" content="2018-08-20">',
            D(2018, 8, 20),
        ),
        ('<meta name="description" content="2020-05-13">', None),
        ('<meta property="article:modified_time" content="soon">', None),
    ],
)
def test_html_meta(head, expected):
    found = detect_html(f"<html><head>{head}</head><body><p>Body.</p></body></html>")
    assert found.date == expected
    assert found.origin == ("html-meta" if expected else "none")
    if expected:
        assert found.evidence


def test_time_element_counts_only_in_a_labelled_context():
    labelled = '<p>Last updated: <time datetime="2020-05-13">May 13</time></p>'
    found = detect_html(labelled)
    assert found.date == D(2020, 5, 13) and found.origin == "html-meta"
    assert "Last updated" in found.evidence
    assert detect_html('<p>The event on <time datetime="2020-05-13">May 13</time></p>').origin == "none"


def test_visible_labelled_text_beats_meta():
    source = (
        '<head><meta property="article:modified_time" content="2021-01-01"></head>'
        "<body><p>Last Reviewed/Updated: 05/13/2020</p></body>"
    )
    assert detect_html(source) == DetectedDate(D(2020, 5, 13), "text", "Last Reviewed/Updated: 05/13/2020")


def test_meta_is_only_read_from_html():
    source = '<meta name="date" content="2017-03-04">\n\nBody.'
    assert detect_text(source).origin == "none"


# --------------------------------------------------------------------------------------------
# File names
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("2020-05-13.html", D(2020, 5, 13)),
        ("page-2020-05-13.md", D(2020, 5, 13)),
        ("20200513.txt", D(2020, 5, 13)),
        ("who_2020_05_13.txt", D(2020, 5, 13)),
        ("captures/2020-05-13/index.html", D(2020, 5, 13)),
        ("2019-01-01/page-2020-05-13.html", D(2020, 5, 13)),  # the file's own name first
        ("page-20201345.txt", None),
        ("123456789.txt", None),
        ("page.txt", None),
        ("2020-0513.txt", None),
    ],
)
def test_filename_dates(filename, expected):
    found = detect_text("No date here.", filename=filename)
    assert found.date == expected
    assert found.origin == ("filename" if expected else "none")


def test_document_dates_beat_the_filename():
    assert detect_text("Last Updated: 01/20/2021", filename="2020-05-13.txt").origin == "text"
    html_meta = '<meta name="date" content="2017-03-04"><p>x</p>'
    assert detect_version_date(text="x", raw=html_meta, kind="html", filename="2020-05-13.html").origin == "html-meta"


# --------------------------------------------------------------------------------------------
# The seeds
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("000", D(2020, 5, 13)),
        ("001", None),
        ("002", None),  # "Last Modified:" followed by nothing
        ("003", D(2018, 8, 20)),  # Release Date wins over "Last Updated: 01/20/2021"
        ("004", D(2018, 1, 3)),  # US order
    ],
)
def test_seeds(prefix, expected):
    if not SEEDS.is_dir():
        pytest.skip("seed folder absent")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    found = detect_text(path.read_text(encoding="utf-8"), filename=path.name)
    assert found.date == expected
    assert found.origin == ("text" if expected else "none")


def test_filename_date_is_public_for_folder_versions():
    from claimcheck.claims.dates import filename_date

    assert filename_date("2020-05-13.html") == DetectedDate(dt.date(2020, 5, 13), "filename", "2020-05-13")
    assert filename_date("captures/page-20200513.md").date == dt.date(2020, 5, 13)
    assert filename_date("2020-13-45.html") is None and filename_date("page.html") is None


def test_long_documents_are_searched_at_their_top_and_foot():
    filler = "ICE has more than 20,000 employees in 400 offices.\n" * 4000  # ~200 KB
    found = detect_version_date(text=filler + "Last Updated: 05/13/2020\n", raw="", kind="text", filename="a.txt")
    assert found.date == dt.date(2020, 5, 13)
    found = detect_version_date(text="Date: 01/03/2018\n" + filler, raw="", kind="text", filename="a.txt")
    assert found.date == dt.date(2018, 1, 3)
    # In the middle of a long document a label is body text, not the page's date.
    middle = filler + "Last Updated: 05/13/2020\n" + filler
    assert detect_version_date(text=middle, raw="", kind="text", filename="a.txt").date is None


_LABEL_PIECES = st.sampled_from([
    "Date", "date", "DATE", ":", "：", " ", "  ", "\n", "\t", "-", "—", ">", "*", "#", "|", "_", "Last", "last",
    "Updated", "updated", "Page", "page", "Reviewed", "reviewed", "on", "Release", "Published", "published",
    "Posted", "Issued", "issued", "Modified", "modified", "Revised", "Content", "First", "publication", "/", "x",
    "dated", "Kelvin\u212a", "\u017f", "\u0130", "May 5, 2020", "2020-05-13", "05/13/2020", "\u00a0",
])


@settings(max_examples=500, deadline=None)
@given(st.lists(_LABEL_PIECES, max_size=30).map("".join), st.integers(0, 40))
@example("x\n  Date: May 5, 2020", 0)  # a bare "Date:" after its line's lead
@example("> * Date：05/13/2020\n-- date posted 2020-05-13", 0)
@example("Page\n\n  last   Reviewed on  May 5, 2020", 0)  # long gaps inside a label
@example("\u212aDate: May 5, 2020 updated: 2020-05-13", 0)  # the Kelvin sign is a letter to re.I
@example("ab\n Date: May 5, 2020", 4)  # the scan starts mid-line, inside the lead
def test_the_label_scan_finds_what_the_label_pattern_finds(text, pos):
    from claimcheck.claims import dates

    pos = min(pos, len(text))
    want = [(m.span(), m.lastgroup) for m in dates._LABEL_RE.finditer(text, pos, len(text))]
    assert [(m.span(), m.lastgroup) for m in dates._label_finditer(text, pos, len(text))] == want
