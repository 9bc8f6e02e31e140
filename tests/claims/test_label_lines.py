"""A line's label before its figure (measures.phrase_before): the noun and participle name what is counted."""

from __future__ import annotations

import pytest

from claimcheck.claims.measures import phrase_before


def _label(line: str) -> str:
    text = f"{line} 1,234\n"
    return phrase_before(text, 0, len(line) + 1)


@pytest.mark.parametrize(
    ("line", "measure"),
    [
        ("Riders carried, total, in 2013:", "riders carried"),
        ("Total bikes found on buses across the network:", "bikes found"),
        ("Number of fares collected during the winter:", "fares collected"),
        ("Permits issued in FY 2021:", "permits issued"),
    ],
)
def test_a_label_with_a_participle_names_the_counted_thing(line, measure):
    assert _label(line) == measure


@pytest.mark.parametrize(
    "line",
    [
        "Bikes found, total, at Dover alone:",  # one place's count: not the network's
        "Riders carried that were seniors:",  # a relative clause says which riders
        "Riders carried are growing, with the total at:",  # a verb of its own
    ],
)
def test_a_label_that_narrows_its_count_is_not_read_as_the_whole(line):
    assert _label(line) not in ("bikes found", "riders carried")
