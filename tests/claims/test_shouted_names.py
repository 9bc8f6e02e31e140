"""Initials found only in lines set all in capitals are no evidence of the name (extract._not_shouted)."""

from __future__ import annotations

from claimcheck.claims.extract import VersionContext, extract_claims
from claimcheck.claims.text import extract_plain
from claimcheck.config import ExtractionSettings, SubjectSpec

SETTINGS = ExtractionSettings(
    subjects=(
        SubjectSpec("DEPT", ("Cascade Lands Department",)),
        SubjectSpec("PARKS", ("Parks Division",)),
        SubjectSpec("HSI", ("Homeland Security Investigations",)),
        SubjectSpec("ICE", ("Immigration and Customs Enforcement",)),
    ),
)
CTX = VersionContext("s", "v", "p.txt", None)


def _subjects(text: str) -> dict[str, str]:
    return {c.evidence.quote: c.subject for c in extract_claims(extract_plain(text), CTX, SETTINGS)}


def test_a_word_in_an_all_capitals_heading_is_not_the_subject_of_that_name():
    page = "CASCADE LANDS DEPARTMENT FACTS\n\nThe Cascade Lands Department manages land.\n\nPARKS AND LANDS\nState parks: 118\nCampsites: 7,410\n"
    assert _subjects(page) == {"118": "DEPT", "7,410": "DEPT"}


def test_the_same_heading_names_the_division_when_the_page_writes_its_initials_in_prose():
    page = (
        "The Cascade Lands Department manages land. PARKS runs the campgrounds.\n\nPARKS AND LANDS\n"
        "State parks: 118\nCampsites: 7,410\n"
    )
    assert _subjects(page) == {"118": "PARKS", "7,410": "PARKS"}


def test_two_initials_side_by_side_in_prose_are_both_names():
    assert _subjects("ICE HSI opened 4,100 cases.") == {"4,100": "HSI"}
