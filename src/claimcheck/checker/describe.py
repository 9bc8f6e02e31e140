"""Readable figures and the wording of finding messages."""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Sequence

from claimcheck.claims.model import Quantity

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹"}
SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _plain(x: float) -> str:
    # Six decimals are far below any figure a page states; rounding there hides float noise
    # such as 5700000000 / 1e9 == 5.699999999.
    rounded = round(x, 6)
    if rounded.is_integer():
        return f"{int(rounded):,}"
    return f"{rounded:,.6f}".rstrip("0").rstrip(".")


def _scale(x: float) -> tuple[float, str]:
    for factor, word in SCALES:
        if abs(x) >= factor:
            return factor, word
    return 1.0, ""


def _with_unit(number: str, unit: str) -> str:
    if unit in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[unit] + number
    if unit == "percent":
        return number + "%"
    if unit == "count":
        return number
    return f"{number} {unit}"  # an ISO code other than the ones above, or a unit word


def _figure(x: float, unit: str) -> str:
    factor, word = _scale(x)
    number = _plain(x / factor) + (f" {word}" if word else "")
    return _with_unit(number, unit)


def _range(low: float, high: float, unit: str) -> str:
    low_factor, low_word = _scale(low)
    high_factor, high_word = _scale(high)
    if low_word == high_word:
        # "$5–7 billion" reads better than "$5 billion–$7 billion".
        number = f"{_plain(low / low_factor)}–{_plain(high / high_factor)}" + (f" {high_word}" if high_word else "")
        return _with_unit(number, unit)
    return f"{_figure(low, unit)}–{_figure(high, unit)}"


def _hedge(bound: str, low: float | None, low_inclusive: bool, high_inclusive: bool) -> str:
    if bound == "approx":
        return "approximately "
    if bound == "lower":
        return "at least " if low_inclusive else "more than "
    if bound == "upper":
        if high_inclusive:
            return "up to "
        # [x − 10 %, x) is "almost"; [0, x) is "less than".
        return "almost " if low not in (None, 0) else "less than "
    return ""


def describe(quantity: Quantity) -> str:
    """A figure as a reader would say it, hedge word from its bound.

    "9,853", "approximately $8 billion", "more than 9,800", "almost 7,000 pounds", "5–7",
    "20%". Scale words from a million up; "$" for USD, "%" for percent, the unit word otherwise.
    """
    interval = quantity.interval
    return _describe(
        quantity.bound,
        quantity.stated,
        quantity.stated_high,
        quantity.unit,
        interval.low,
        interval.high,
        interval.low_inclusive,
        interval.high_inclusive,
    )


@functools.lru_cache(maxsize=1 << 16)
def _describe(
    bound: str,
    stated: float,
    stated_high: float | None,
    unit: str,
    low: float | None,
    high: float | None,
    low_inclusive: bool,
    high_inclusive: bool,
) -> str:
    # Memoised: findings of a large corpus describe the same few figures over and over.
    if bound == "range":
        upper = stated_high if stated_high is not None else high
        if upper is not None:
            return _range(stated, upper, unit)
    return _hedge(bound, low, low_inclusive, high_inclusive) + _figure(stated, unit)


def headline(subject: str, measure: str, scope: str | None) -> str:
    """What a group is about: "ICE annual budget", "HSI special agents (international operations)"."""
    return f"{subject} {measure}" + (f" ({scope})" if scope else "")


def signed_percent(relative: float) -> str:
    """A relative change as a whole percent with its sign: "+40 %", "-3 %"."""
    percent = relative * 100
    # Round half away from zero: Python's round() would turn +2.5 % into +2 %.
    whole = int(math.floor(abs(percent) + 0.5)) * (1 if percent >= 0 else -1)
    return f"{'+' if whole >= 0 else '-'}{abs(whole)} %"


def elapsed(since: dt.date, until: dt.date) -> str:
    """Whole years from ``since`` to ``until`` ("7 years"), or days when under a year."""
    years = until.year - since.year - ((until.month, until.day) < (since.month, since.day))
    if years >= 1:
        return f"{years} year" + ("s" if years != 1 else "")
    days = (until - since).days
    return f"{days} day" + ("s" if days != 1 else "")


def join_words(items: Sequence[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
