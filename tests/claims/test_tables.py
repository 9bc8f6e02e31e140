"""Scale notes, and tables found in plain text laid out in columns."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claimcheck.claims.tables import find_tables, scale_note
from claimcheck.claims.text import extract_html, extract_markdown, extract_plain


@pytest.mark.parametrize(
    "text, factor, currency",
    [
        ("Table 1. Budget authority by program ($ in thousands)", 10**3, "USD"),
        ("(dollars in millions)", 10**6, "USD"),
        ("Dollars in millions. Totals may not add due to rounding.", 10**6, "USD"),
        ("Acres burned (thousands)", 10**3, None),
        ("Amounts in thousands of dollars", 10**3, "USD"),
        ("Operating revenue (in thousands of dollars)", 10**3, "USD"),
        ("Spending ($ millions)", 10**6, "USD"),
        ("Obligations ($000)", 10**3, "USD"),
        ("in billions", 10**9, None),
        ("(€ in millions)", 10**6, "EUR"),
        # notes written as sentences under a table
        ("Amounts in Table 7 are in millions of dollars.", 10**6, "USD"),
        ("Every figure here is in thousands of dollars.", 10**3, "USD"),
        ("Dollar amounts are in millions.", 10**6, "USD"),
        ("All dollar figures shown in thousands.", 10**3, "USD"),
        ("Counts are in thousands.", 10**3, None),
    ],
)
def test_scale_notes(text, factor, currency):
    note = scale_note(text)
    assert note is not None and note.factor == Decimal(factor) and note.currency == currency


@pytest.mark.parametrize("text", ["Budget authority by program", "Staff on board at the end of FY 2023", "Region"])
def test_no_scale_note(text):
    assert scale_note(text) is None


PLAIN = """\
Spending by activity

  Activity                  FY 2022     FY 2023
  Suppression               1,455.9     1,512.3
  Preparedness                662.0       701.1
  Total                     2,436.7     2,557.4

  Dollars in millions.
"""


def test_a_plain_text_table_is_found_with_its_columns_and_note():
    doc = extract_plain(PLAIN)
    [table] = find_tables(doc)
    assert table.plain
    cells = {(c.row, c.col): doc.text[c.start : c.end] for c in table.cells}
    assert cells[(0, 1)] == "FY 2022" and cells[(1, 0)] == "Suppression" and cells[(3, 2)] == "2,557.4"
    assert [doc.text[s:e] for s, e in table.notes][0].startswith("Dollars in millions")
    assert doc.text[table.caption[0] : table.caption[1]] == "Spending by activity"


@pytest.mark.parametrize(
    "text",
    [
        "The agency has 400 offices.  It employs 9,800 people.\nIt runs 78 overseas offices.  And 52 more.\n",
        "Budget: 5\nStaff: 42\n",
        "Call 1-800-555-0143  or  202-555-0147\nFax   202-555-0199\n",
    ],
)
def test_prose_with_wide_gaps_is_not_a_table(text):
    assert find_tables(extract_plain(text)) == ()


def test_html_and_markdown_tables_come_from_their_cells():
    html = extract_html("<table><tr><th>A</th><th>B</th></tr><tr><td>x</td><td>1</td></tr></table>")
    md = extract_markdown("| A | B |\n|---|---|\n| x | 1 |\n")
    for doc in (html, md):
        [table] = find_tables(doc)
        assert not table.plain and len(table.cells) == 4


def _read_all(doc, matcher, shared: bool):
    from claimcheck.claims.measures import vocabulary
    from claimcheck.claims.quantities import QuantitySettings
    from claimcheck.claims.tables import read_table
    from claimcheck.config import ExtractionSettings

    vocab = vocabulary(ExtractionSettings())
    labels: dict = {}
    return [
        read_table(doc, t, matcher, vocab, QuantitySettings(), labels=labels if shared else None)
        for t in find_tables(doc)
    ]


@pytest.mark.parametrize("odd", ["", "\u0130"])  # "İ" lower-cases to two characters: the matcher's slow path
def test_tables_of_a_page_sharing_label_reads_read_as_each_alone(odd):
    from claimcheck.claims.subjects import build_matcher
    from claimcheck.config import ExtractionSettings, SubjectSpec

    # The second table repeats the first one's labels, and names a subject in one of them.
    page = PLAIN + f"\nAnd once more{odd}.\n\n" + PLAIN.replace("Preparedness  ", f"FWFS Prep{odd}    "[:14])
    doc = extract_plain(page)
    matcher = build_matcher(ExtractionSettings(subjects=(SubjectSpec("FWFS", ()),)), doc.text)
    assert len(find_tables(doc)) == 2
    assert _read_all(doc, matcher, shared=True) == _read_all(doc, matcher, shared=False)


def test_a_label_that_lower_casing_shifts_is_not_read_alone():
    from claimcheck.claims.subjects import build_matcher
    from claimcheck.config import ExtractionSettings, SubjectSpec

    matcher = build_matcher(ExtractionSettings(subjects=(SubjectSpec("FWFS", ()),)), "")
    assert matcher.reads_alone("FY 2022 Enacted")
    assert not matcher.reads_alone("\u0130stanbul office")


def test_a_label_read_where_its_neighbour_matters_is_not_taken_from_the_memo():
    # The matcher's slow path (taken when lower-casing shifts the text, as "İ" does) looks behind
    # the span: "FWFS" names the subject at the start of a text but not inside "xFWFS".
    # Reading both spans through one memo must still give each its own reading.
    from claimcheck.claims.measures import vocabulary
    from claimcheck.claims.subjects import build_matcher
    from claimcheck.claims.tables import _read_label, _read_label_once
    from claimcheck.config import ExtractionSettings, SubjectSpec

    settings = ExtractionSettings(subjects=(SubjectSpec("FWFS", ()),))
    doc = extract_plain("FWFS \u0130 offices\nxFWFS \u0130 offices\n")
    first, second = (0, 6), (doc.text.index("xFWFS") + 1, doc.text.index("xFWFS") + 7)
    assert doc.text[slice(*first)] == doc.text[slice(*second)]
    matcher = build_matcher(settings, doc.text)
    vocab = vocabulary(settings)
    alone = [_read_label(doc, span, matcher, vocab, (10, 1)) for span in (first, second)]
    assert alone[0].subject == "FWFS" and alone[1].subject is None  # the neighbour matters
    memo: dict = {}
    assert [_read_label_once(doc, span, matcher, vocab, (10, 1), memo) for span in (first, second)] == alone


# --- Row labels with numbers in them, a column of codes, notes under a table, a page's running header. -----------


def _figures(page: str, reader=extract_plain):
    """(row label, column label, stated value, unit) of every figure of every table of ``page``."""
    from claimcheck.claims.measures import vocabulary
    from claimcheck.claims.quantities import QuantitySettings
    from claimcheck.claims.subjects import build_matcher
    from claimcheck.claims.tables import read_table
    from claimcheck.config import ExtractionSettings

    doc = reader(page)
    settings = ExtractionSettings()
    matcher, vocab = build_matcher(settings, doc.text), vocabulary(settings)
    return [
        (f.row_label, f.col_label, f.mention.quantity.stated, f.mention.quantity.unit)
        for t in find_tables(doc)
        for f in read_table(doc, t, matcher, vocab, QuantitySettings())
    ]


HARBOUR_WORKS = """Table 6. Harbour works over $10 million

  Work                                 Ref.       Estimate    FY 2026
  Quay 3 resurfacing                   Q-031          18.4        6.2
  Lock 2/7 gate renewal                L-207          44.0       11.5
  Dredging, Basin 12                   D-112          12.9       12.9

Dollar amounts are in millions.
"""


def test_a_column_of_codes_leaves_each_figure_under_its_own_row():
    assert _figures(HARBOUR_WORKS) == [
        ("Quay 3 resurfacing", "Estimate", 18_400_000, "USD"),
        ("Quay 3 resurfacing", "FY 2026", 6_200_000, "USD"),
        ("Lock 2/7 gate renewal", "Estimate", 44_000_000, "USD"),
        ("Lock 2/7 gate renewal", "FY 2026", 11_500_000, "USD"),
        ("Dredging, Basin 12", "Estimate", 12_900_000, "USD"),
        ("Dredging, Basin 12", "FY 2026", 12_900_000, "USD"),
    ]


def test_codes_before_the_labels_are_no_figures_either():
    page = """Harbour works

  Work No.   Work                          Estimate    FY 2026
  Q-031      Quay 3 resurfacing                18.4        6.2
  L-207      Lock 2/7 gate renewal             44.0       11.5

All figures are in thousands of dollars.
"""
    assert _figures(page) == [
        ("Quay 3 resurfacing", "Estimate", 18_400, "USD"),
        ("Quay 3 resurfacing", "FY 2026", 6_200, "USD"),
        ("Lock 2/7 gate renewal", "Estimate", 44_000, "USD"),
        ("Lock 2/7 gate renewal", "FY 2026", 11_500, "USD"),
    ]


def test_row_labels_that_all_name_a_number_stay_labels():
    page = """Vehicle purchases (dollars in thousands)

  Purchase                       FY 2025    FY 2026
  12 hybrid patrol cars            610.0      655.5
  Three rescue boats               402.0      380.0
  2 mobile command units         1,150.0       95.0
"""
    got = _figures(page)
    assert [(row, value) for row, _, value, _ in got] == [
        ("12 hybrid patrol cars", 610_000), ("12 hybrid patrol cars", 655_500),
        ("Three rescue boats", 402_000), ("Three rescue boats", 380_000),
        ("2 mobile command units", 1_150_000), ("2 mobile command units", 95_000),
    ]  # no figure of the label column ("12", "Three", "2") is read as data


def test_a_note_that_names_another_table_does_not_scale_this_one():
    page = HARBOUR_WORKS.replace("Dollar amounts are in millions.", "Amounts in Table 5 are in millions of dollars.")
    assert {(value, unit) for _, _, value, unit in _figures(page)} >= {(18.4, "count"), (44.0, "count")}
    page = HARBOUR_WORKS.replace("Dollar amounts are in millions.", "Amounts in Table 6 are in millions of dollars.")
    assert {(value, unit) for _, _, value, unit in _figures(page)} >= {(18_400_000, "USD")}


RUNNING_HEADER = """Parks Department
Prepared April 9, 2025                                  Page 7 of 31
Site                              FY 2024      FY 2025
Riverside Park                        412          455
Hill Garden                            96          101
"""


def test_a_page_number_line_over_a_table_is_neither_its_header_nor_its_title():
    doc = extract_plain(RUNNING_HEADER)
    [table] = find_tables(doc)
    assert table.caption is None
    assert [doc.text[c.start : c.end] for c in table.cells if c.row == 0] == ["Site", "FY 2024", "FY 2025"]
    assert _figures(RUNNING_HEADER)[:2] == [("Riverside Park", "FY 2024", 412, "count"), ("Riverside Park", "FY 2025", 455, "count")]


def test_a_line_laid_out_in_columns_is_not_joined_to_the_lines_around_it():
    page = (
        "OFFICE OF THE CITY CLERK: ANNUAL SUMMARY OF RECORDS\n"
        "Records Division - Cost Centre 2210                         Page 2 of 9\n"
        "Sent to the Records Committee on March 3, 2025\n"
    )
    doc = extract_plain(page)
    assert [doc.text[b.start : b.end] for b in doc.blocks] == [
        "OFFICE OF THE CITY CLERK: ANNUAL SUMMARY OF RECORDS",
        "Records Division - Cost Centre 2210 Page 2 of 9",
        "Sent to the Records Committee on March 3, 2025",
    ]
    assert find_tables(doc) == ()


def test_a_running_header_states_no_figures():
    from claimcheck.claims.extract import VersionContext, extract_claims
    from claimcheck.config import ExtractionSettings, SubjectSpec

    page = (
        "HARBOUR BOARD ANNUAL BUDGET: PORT OPERATIONS (HBO)\n"
        "Operating Fund 204 - Division 3100                          Page 5 of 40\n"
        "Sent to the Board of Directors June 2, 2025\n"
        "\n"
        "HBO employs 310 people.\n"
    )
    settings = ExtractionSettings(subjects=(SubjectSpec("HBO", ()),))
    claims = extract_claims(extract_plain(page), VersionContext("s", "v", "s", None, "HBO"), settings)
    assert [c.evidence.quote for c in claims] == ["310"]
