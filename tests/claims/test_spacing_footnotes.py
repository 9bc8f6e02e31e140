"""The two rewrites of the text extraction reads: space-grouped thousands joined, glued footnote marks blanked.

Both keep the text's length and change only the characters they mean to, so every offset, quote and line stays
where the page has it.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimcheck.claims.footnotes import glued_marks, without_marks
from claimcheck.claims.spacing import space_grouped
from claimcheck.claims.text import extract_plain


def test_a_page_grouping_by_spaces_has_its_groups_joined():
    doc = extract_plain("Crews repaired 118 750 potholes, resealed 1 412 km and carried 36 000 learners in 2023.\n")
    read = space_grouped(doc).text
    assert "118\u202f750" in read and "1\u202f412" in read and "36\u202f000" in read
    assert "in 2023" in read  # (a year stays apart from what follows it)


def test_a_page_grouping_by_commas_is_left_alone():
    doc = extract_plain("It carried 1,200,000 riders and 12 400 of them rode at night; 3 100 buses, 2,500 drivers.\n")
    assert space_grouped(doc) is doc


def test_a_glued_mark_is_blanked_only_with_its_note():
    text = "Program   Actual2   Enacted\nGrants    401.87    399.00\n\n2 FY 2023 Actual includes carryover.\n"
    assert [text[a:b] for a, b in glued_marks(text)] == ["2"]
    assert glued_marks("Stations31\nDepots12\n") == []  # (a flattened side box: no note line explains them)
    doc = without_marks(extract_plain(text))
    assert "Actual " in doc.text and "Actual2" not in doc.text


_PAGE = st.lists(
    st.sampled_from(["12", "400", "118 750", "1 412", "2023", "Actual2", "Global2", "2 Note.", "1,200", " ", "\n",
                     "km", "riders", "(t)1", "36 000", "R10.7"]),
    max_size=40,
).map(" ".join)


@given(_PAGE)
def test_both_rewrites_keep_every_offset(page):
    doc = extract_plain(page + "\n")
    for read in (space_grouped(doc), without_marks(doc)):
        assert len(read.text) == len(doc.text)
        for was, now in zip(doc.text, read.text, strict=True):
            assert was == now or (was == " " and now == "\u202f") or (was.isdigit() and now == " ")
        assert read.blocks == doc.blocks


def test_columns_of_small_figures_a_space_apart_are_no_grouping():
    doc = extract_plain("Depots 120 340 560\nGarages 210 330 450\nYards 111 222 333\n")
    assert space_grouped(doc) is doc
