"""Readable figures and message helpers."""

from __future__ import annotations

import datetime as dt

import pytest

from claimcheck.checker.describe import describe, elapsed, headline, join_words, signed_percent

from .factory import make_claim


def q(**fields):
    return make_claim("x", **fields).value


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"stated": 9853}, "9,853"),
        ({"stated": 8e9, "bound": "approx", "unit": "USD", "interval": "[7.5e9, 8.5e9]"}, "approximately $8 billion"),
        ({"stated": 5.7e9, "bound": "lower", "unit": "USD"}, "more than $5.7 billion"),
        ({"stated": 9800, "bound": "lower"}, "more than 9,800"),
        ({"stated": 400, "bound": "lower", "interval": "[400, inf)"}, "at least 400"),
        ({"stated": 7000, "bound": "upper", "unit": "pounds", "interval": "[6300, 7000)"}, "almost 7,000 pounds"),
        ({"stated": 50, "bound": "upper", "interval": "[0, 50]"}, "up to 50"),
        ({"stated": 50, "bound": "upper", "interval": "[0, 50)"}, "less than 50"),
        ({"stated": 5, "stated_high": 7, "bound": "range"}, "5–7"),
        ({"stated": 5e9, "stated_high": 7e9, "bound": "range", "unit": "USD"}, "$5–7 billion"),
        ({"stated": 5e8, "stated_high": 1.2e9, "bound": "range", "unit": "USD"}, "$500 million–$1.2 billion"),
        ({"stated": 92, "unit": "percent"}, "92%"),
        ({"stated": 2.5, "unit": "percent", "bound": "approx"}, "approximately 2.5%"),
        ({"stated": 1.5e6}, "1.5 million"),
        ({"stated": 61202000, "unit": "USD"}, "$61.202 million"),
        ({"stated": 3e12, "unit": "USD"}, "$3 trillion"),
        ({"stated": 1200, "unit": "EUR"}, "€1,200"),
        ({"stated": 1200, "unit": "CAD"}, "1,200 CAD"),
    ],
)
def test_describe(fields, text) -> None:
    assert describe(q(**fields)) == text


def test_headline_shows_scope() -> None:
    assert headline("ICE", "annual budget", None) == "ICE annual budget"
    expected = "HSI special agents (international operations)"
    assert headline("HSI", "special agents", "international operations") == expected


@pytest.mark.parametrize(
    ("relative", "text"), [(0.4035, "+40 %"), (0.025, "+3 %"), (-0.025, "-3 %"), (0.0, "+0 %"), (-0.141, "-14 %")]
)
def test_signed_percent(relative, text) -> None:
    assert signed_percent(relative) == text


def test_elapsed_whole_years_or_days() -> None:
    assert elapsed(dt.date(2010, 9, 30), dt.date(2018, 1, 3)) == "7 years"
    assert elapsed(dt.date(2010, 9, 30), dt.date(2011, 9, 30)) == "1 year"
    assert elapsed(dt.date(2010, 9, 30), dt.date(2011, 9, 29)) == "364 days"


def test_join_words() -> None:
    assert join_words(["a"]) == "a"
    assert join_words(["a", "b"]) == "a and b"
    assert join_words(["a", "b", "c"]) == "a, b and c"
