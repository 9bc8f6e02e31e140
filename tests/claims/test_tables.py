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
