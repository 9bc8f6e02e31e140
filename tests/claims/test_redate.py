"""Re-dating a reading (claims/redate.py): a recaptured page's claims without reading it again must be exactly
what reading it again gives, or nothing (the caller then reads it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck import pipeline
from claimcheck.claims.extract import VersionContext, extract_claims, read_claims
from claimcheck.claims.redate import redate
from claimcheck.claims.text import extract_plain
from claimcheck.claims.versions import VersionSpec
from claimcheck.config import ExtractionSettings, Rename, SubjectSpec

SETTINGS = ExtractionSettings(
    subjects=(
        SubjectSpec("ERO", ("Enforcement and Removal Operations", "ERO"), (Rename("Detention and Removal Operations", "DRO", dt.date(2010, 6, 1)),)),
        SubjectSpec("NTA", ("Northbridge Transit Authority", "NTA")),
    ),
)

# Sentences whose reading turns on the version's date, and sentences whose reading does not.
SENSITIVE = [
    "So far this fiscal year, NTA has carried 1.2 million riders.",
    "Last year, ERO removed 2,150 people.",
    "DRO operates 24 field offices.",
    "Detention and Removal Operations employs 6,700 officers.",
    "NTA will add 40 buses by 2012.",
    "NTA plans 300 new stations by September 30, 2011.",
    "This fall, NTA hired 85 drivers.",
    "In the first six months of this year, ERO made 4,100 arrests.",
    "Since last year, NTA has opened 12 offices.",
]
PLAIN = [
    "NTA runs more than 900 buses.",
    "In FY 2019, ERO removed 267,258 people.",
    "The Northbridge Transit Authority employs about 5,400 staff.",
    "ERO has an annual budget of $4.1 billion.",
    "NTA carried 61 million riders in 2009.",
    "Riders can send comments through the website.",
]
DATES = st.one_of(st.none(), st.dates(dt.date(2008, 1, 1), dt.date(2014, 12, 31)))


def _context(version: str, date: dt.date | None) -> VersionContext:
    return VersionContext("s", version, f"pages/{version}.txt", date)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SENSITIVE + PLAIN), min_size=1, max_size=6), DATES, DATES)
def test_a_redated_reading_is_the_reading_of_the_other_date_or_nothing(sentences, first, second):
    doc = extract_plain("\n\n".join(sentences))
    read, other = _context("v1", first), _context("v2", second)
    again = redate(read_claims(doc, read, SETTINGS), doc, read, other, SETTINGS)
    if again is not None:
        assert again == extract_claims(doc, other, SETTINGS)
    if all(s in PLAIN for s in sentences) and (first is None) == (second is None):
        assert again is not None  # nothing in the text reads the date: never read again


@pytest.mark.parametrize(
    "text, first, second",
    [
        ("So far this fiscal year, NTA has carried 1.2 million riders.", dt.date(2011, 3, 1), dt.date(2011, 3, 2)),
        ("DRO operates 24 field offices.", dt.date(2010, 5, 1), dt.date(2010, 7, 1)),
        ("DRO operates 24 field offices.", dt.date(2010, 6, 1), dt.date(2010, 6, 2)),
        ("NTA will add 40 buses by 2012.", dt.date(2012, 12, 30), dt.date(2013, 1, 5)),
        ("NTA runs more than 900 buses.", None, dt.date(2013, 1, 5)),
    ],
)
def test_a_reading_that_turns_between_the_dates_is_not_reused(text, first, second):
    doc = extract_plain(text)
    read, other = _context("v1", first), _context("v2", second)
    assert redate(read_claims(doc, read, SETTINGS), doc, read, other, SETTINGS) is None
    # (and reading again does differ, or the refusal would only cost time)
    assert extract_claims(doc, other, SETTINGS) != redate(read_claims(doc, read, SETTINGS), doc, read, read, SETTINGS)


def test_a_redated_claim_has_the_other_versions_stamp():
    doc = extract_plain("NTA runs more than 900 buses. NTA runs more than 900 buses.")
    read, other = _context("v1", dt.date(2012, 1, 1)), _context("v2", dt.date(2013, 5, 6))
    claims = redate(read_claims(doc, read, SETTINGS), doc, read, other, SETTINGS)
    assert claims is not None and len(claims) == 2 and len({c.id for c in claims}) == 2
    assert {(c.version, c.path, c.as_of, c.version_date) for c in claims} == {
        ("v2", "pages/v2.txt", dt.date(2013, 5, 6), dt.date(2013, 5, 6))
    }


@pytest.mark.parametrize("dated_by", ["config", "file name"])
def test_a_worker_reads_each_text_of_a_source_once_and_gives_what_reading_each_version_gives(dated_by, monkeypatch):
    pages = {
        "2011-01-10": "NTA runs more than 900 buses.\n",
        "2011-06-02": "NTA runs more than 900 buses.\n",
        "2012-02-17": "So far this fiscal year, NTA has carried 1.2 million riders.\n",
        "2012-08-30": "So far this fiscal year, NTA has carried 1.2 million riders.\n",
        "2013-04-11": "NTA runs more than 900 buses.\n",
        "2013-09-01": "Last updated: March 3, 2013\n\nNTA employs 5,400 staff.\n",
        "2014-02-02": "Last updated: March 3, 2013\n\nNTA employs 5,400 staff.\n",
    }
    tasks = [
        pipeline.Task(
            "s",
            None,
            VersionSpec(
                Path(f"/corpus/pages/{day}.txt"), f"pages/{day}.txt", dt.date.fromisoformat(day) if dated_by == "config" else None
            ),
            text.encode(),
            "text",
            f"pages/{day}.txt",
            SETTINGS,
            pipeline.code_fingerprint(),
        )
        for day, text in pages.items()
    ]
    fresh = [pipeline.process(t) for t in tasks]
    parsed, reads = [], []
    parse, read = pipeline.parse_document, pipeline.read_claims
    monkeypatch.setattr(pipeline, "parse_document", lambda *a, **k: parsed.append(k["path"]) or parse(*a, **k))
    monkeypatch.setattr(pipeline, "read_claims", lambda *a: reads.append(a[1].version) or read(*a))
    assert pipeline.process_chunk(tasks) == fresh
    assert parsed == ["pages/2011-01-10.txt", "pages/2012-02-17.txt", "pages/2013-09-01.txt"]
    # "so far this fiscal year" is read on each date; a page dated by its text is one version twice
    reads_expected = ["2011-01-10", "2012-02-17", "2012-08-30", "2013-09-01"]
    if dated_by == "file name":
        reads_expected[-1] = "2013-03-03"
    assert reads == reads_expected
