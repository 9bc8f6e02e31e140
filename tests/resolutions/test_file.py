"""The resolutions file: validation messages that name file and entry, and rewrites that keep comments and order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import tomlkit

from claimcheck.checker.resolve import Resolution
from claimcheck.resolutions import (
    ResolutionsError,
    parse_resolutions,
    read_resolutions,
    upsert_text,
)

DIGEST = "a" * 64
NAME = Path("claimcheck-resolutions.toml")

HAND_WRITTEN = """\
# Decisions about the ICE corpus.
# Keep one entry per finding.

[[resolution]]
finding = "f-1111111111111111"   # the budget
decision = "expected-change"  # FY2010 -> FY2020
note = "appropriation grew"
reviewer = "alice"
date = 2026-11-01

# the offices: 67 then 78
[[resolution]]
finding = "f-2222222222222222"
decision = "wont-fix"
reviewer = "bob"
# trailing comment
"""


def _res(finding: str, decision: str = "confirmed", **kw) -> Resolution:
    kw.setdefault("reviewer", "carol")
    kw.setdefault("date", dt.date(2026, 11, 25))
    kw.setdefault("evidence_digest", DIGEST)
    kw.setdefault("evidence", ("a.html: 67", "b.html: 78"))
    return Resolution(finding, decision, **kw)


def _problem(text: str) -> str:
    with pytest.raises(ResolutionsError) as info:
        parse_resolutions(text, NAME)
    return str(info.value)


# --- reading ----------------------------------------------------------------------------------


def test_reads_the_formats_md_example():
    text = """\
[[resolution]]
finding = "f-8d2e000000000000"
decision = "source-preferred"
preferred_source = "ice-who-we-are"
note = "FY2010 figure replaced by the FY2020 appropriation"
reviewer = "a.reviewer"
date = 2026-11-25
evidence_digest = "%s"
evidence = ["facts.html: more than $5.7 billion", "who-we-are.html: approximately $8 billion"]
""" % DIGEST
    (r,) = parse_resolutions(text, NAME)
    assert r == Resolution(
        "f-8d2e000000000000",
        "source-preferred",
        "ice-who-we-are",
        "FY2010 figure replaced by the FY2020 appropriation",
        "a.reviewer",
        dt.date(2026, 11, 25),
        DIGEST,
        ("facts.html: more than $5.7 billion", "who-we-are.html: approximately $8 billion"),
    )


def test_a_missing_file_is_empty(tmp_path: Path):
    got = read_resolutions(tmp_path / "none.toml")
    assert got.text is None and got.resolutions == ()


def test_an_unknown_decision_names_file_entry_and_choices():
    text = HAND_WRITTEN + '\n[[resolution]]\nfinding = "f-3"\ndecision = "maybe"\n'
    message = _problem(text)
    assert message.startswith("claimcheck-resolutions.toml: resolution[2].decision 'maybe' is not one of ")
    assert "confirmed, expected-change, false-positive, source-preferred, wont-fix" in message


@pytest.mark.parametrize(
    "entry, expected",
    [
        ('decision = "wont-fix"', "resolution[0].finding is missing"),
        ('finding = "f-1"', "resolution[0].decision is missing"),
        ('finding = "f-1"\ndecision = "source-preferred"', "resolution[0].preferred_source is missing"),
        ('finding = "f-1"\ndecision = "wont-fix"\npreferred_source = "a"', "only meaningful with decision"),
        ('finding = "f-1"\ndecision = "wont-fix"\ndate = "yesterday"', "resolution[0].date 'yesterday' is not a date"),
        ('finding = "f-1"\ndecision = "wont-fix"\nevidence_digest = "abc"', "resolution[0].evidence_digest 'abc'"),
        ('finding = "f-1"\ndecision = "wont-fix"\nevidence = "x"', "resolution[0].evidence must be a list"),
        ('finding = "f-1"\ndecision = "wont-fix"\ndecison = "x"', "resolution[0]: unknown key 'decison'"),
        ('finding = 7\ndecision = "wont-fix"', "resolution[0].finding must be a non-empty string"),
    ],
)
def test_entry_problems_name_the_entry_and_field(entry: str, expected: str):
    message = _problem(f"[[resolution]]\n{entry}\n")
    assert message.startswith("claimcheck-resolutions.toml: ")
    assert expected in message


def test_a_repeated_finding_is_an_error():
    entry = '[[resolution]]\nfinding = "f-1"\ndecision = "wont-fix"\n'
    text = entry + entry
    assert "resolution[1].finding 'f-1' repeats resolution[0]" in _problem(text)


def test_file_level_problems():
    assert "unknown key 'resolutions'" in _problem('[[resolutions]]\nfinding = "f-1"\n')
    assert "must be an array of tables" in _problem('[resolution]\nfinding = "f-1"\n')
    assert "format_version 2 is not supported" in _problem("format_version = 2\n")
    assert "invalid TOML" in _problem("[[resolution]\n")


def test_a_string_date_is_accepted():
    (r,) = parse_resolutions('[[resolution]]\nfinding = "f-1"\ndecision = "wont-fix"\ndate = "2026-11-25"\n', NAME)
    assert r.date == dt.date(2026, 11, 25)


# --- rewriting --------------------------------------------------------------------------------


def test_replacing_an_entry_keeps_comments_order_and_the_other_entries():
    new = upsert_text(HAND_WRITTEN, _res("f-1111111111111111", "confirmed"))
    assert new.startswith("# Decisions about the ICE corpus.\n# Keep one entry per finding.\n\n[[resolution]]\n")
    assert 'finding = "f-1111111111111111"   # the budget\n' in new
    assert 'decision = "confirmed"  # FY2010 -> FY2020\n' in new  # the line's own comment survives
    assert "note =" not in new.split("# the offices")[0]  # the new decision has no note: the old one goes
    assert new.index("f-1111111111111111") < new.index("# the offices: 67 then 78") < new.index("f-2222222222222222")
    # New keys sit inside their entry, not under the comment that opens the next one.
    first = new.split("# the offices: 67 then 78")[0]
    assert 'evidence_digest = "' + DIGEST in first and "b.html: 78" in first
    assert new.endswith('reviewer = "bob"\n# trailing comment\n')
    got = parse_resolutions(new, NAME)
    assert [r.finding for r in got] == ["f-1111111111111111", "f-2222222222222222"]
    assert got[0] == _res("f-1111111111111111", "confirmed")
    assert got[1].decision == "wont-fix"


def test_appending_keeps_everything_and_adds_a_blank_line_before_the_entry():
    new = upsert_text(HAND_WRITTEN, _res("f-3333333333333333", "false-positive", note="rounding"))
    assert new.startswith(HAND_WRITTEN)
    tail = new[len(HAND_WRITTEN) :]
    assert tail.startswith('\n[[resolution]]\nfinding = "f-3333333333333333"\ndecision = "false-positive"\n')
    assert "evidence = [\n" in tail  # readable: one evidence item per line
    assert [r.finding for r in parse_resolutions(new, NAME)][-1] == "f-3333333333333333"


def test_a_new_file_gets_a_header_and_the_entry():
    new = upsert_text(None, _res("f-1", "wont-fix"))
    assert new.startswith("# claimcheck resolutions")
    assert "format_version = 1\n" in new
    assert parse_resolutions(new, NAME) == (_res("f-1", "wont-fix"),)


def test_a_file_of_comments_only_gains_the_entry_below_them():
    text = "# nothing decided yet\n"
    new = upsert_text(text, _res("f-1", "wont-fix"))
    assert new.startswith(text)
    assert parse_resolutions(new, NAME) == (_res("f-1", "wont-fix"),)


def test_an_inline_array_file_is_updated_in_its_own_style():
    text = 'resolution = [\n  {finding = "f-1", decision = "wont-fix"},  # keep\n]\n'
    new = upsert_text(text, _res("f-2", "confirmed", evidence=()))
    assert "# keep" in new
    assert [r.finding for r in parse_resolutions(new, NAME)] == ["f-1", "f-2"]
    again = upsert_text(new, _res("f-1", "confirmed", evidence=()))
    assert [r.decision for r in parse_resolutions(again, NAME)] == ["confirmed", "confirmed"]


def test_rewriting_the_same_entry_twice_is_stable():
    once = upsert_text(HAND_WRITTEN, _res("f-2222222222222222", "expected-change"))
    assert upsert_text(once, _res("f-2222222222222222", "expected-change")) == once


def test_the_written_date_is_a_toml_date():
    new = upsert_text(None, _res("f-1"))
    assert isinstance(tomlkit.parse(new)["resolution"][0]["date"], dt.date)
    assert "date = 2026-11-25\n" in new
