"""Spelled-out numbers ("twenty-six", "a million", "hundreds of thousands") and their values."""

from __future__ import annotations

import functools
import re
from decimal import Decimal

import attrs

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SMALL = {**_UNITS, **_TEENS, **_TENS}

# Vague plurals: a plural of a power word means at least two of it ("hundreds" is two hundred or
# more) and fewer than the next power word, or the writer would have used that one ("thousands").
# "dozens" runs from two dozen to a dozen dozen (a gross). The upper end is open.
VAGUE_RANGES: dict[str, tuple[int, int]] = {
    "dozens": (24, 144),
    "hundreds": (200, 1_000),
    "thousands": (2_000, 10_000),
    "tens of thousands": (20_000, 100_000),
    "hundreds of thousands": (200_000, 1_000_000),
    "millions": (2_000_000, 10_000_000),
    "tens of millions": (20_000_000, 100_000_000),
    "hundreds of millions": (200_000_000, 1_000_000_000),
    "billions": (2_000_000_000, 10_000_000_000),
    "tens of billions": (20_000_000_000, 100_000_000_000),
    "hundreds of billions": (200_000_000_000, 1_000_000_000_000),
}
_FRACTIONS = {"half": Decimal("0.5"), "quarter": Decimal("0.25"), "quarters": Decimal("0.75")}


def _alt(words) -> str:
    # longest first, so "seventeen" is tried before "seven"
    return "|".join(sorted(words, key=len, reverse=True))


# Words inside one expression are separated by inline spaces only: a number never spans a line.
_S = r"[ \t\u00a0]+"
_J = r"(?:-|[ \t\u00a0]+)"  # "twenty-six" and "twenty six"
_1_99 = rf"(?:(?:{_alt(_TENS)})(?:{_J}(?:{_alt(_UNITS)})\b)?|(?:{_alt(_TEENS)}|{_alt(_UNITS)}))\b"
_HUNDREDS = rf"(?:(?:a|{_alt(_UNITS)}){_S}hundred\b(?:{_S}(?:and{_S})?{_1_99})?)"
_BELOW_1000 = rf"(?:{_HUNDREDS}|{_1_99})"
_SCALE = rf"(?:{_alt(SCALES)})\b"
_COMPOUND = (
    rf"(?:(?:a|{_BELOW_1000}){_S}{_SCALE}(?:{_S}(?:and{_S})?{_BELOW_1000}(?:{_S}{_SCALE})?)*"
    rf"|{_BELOW_1000})"
)
_FRACTION = (
    rf"(?:(?:a{_S})?half{_S}a|a{_S}half|(?:a|one){_J}quarter(?:{_S}of{_S}a)?|three{_J}quarters{_S}of{_S}a"
    rf"|quarter{_S}of{_S}a){_S}{_SCALE}"
)
_DOZEN = rf"(?:a|{_BELOW_1000}){_S}dozen\b"
_VAGUE = (
    rf"(?:(?:tens|hundreds){_S}of{_S}(?:thousands|millions|billions)"
    rf"|dozens|hundreds|thousands|millions|billions)\b"
)

#: Every word a spelled-out number can start with, except "a" (which needs a scale word after it).
FIRST_WORDS = (
    *_UNITS,
    *_TEENS,
    *_TENS,
    "half",
    "quarter",
    "tens",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "billions",
)

#: Regex source (compile case-insensitive) for one spelled-out number. It never starts inside a
#: word or after a hyphen, and never matches the front of a longer hyphenated word ("twenty-first",
#: "six-year-old"), except for the "-odd" hedge ("forty-odd"), which the caller reads.
PATTERN = (
    rf"(?<![\w-])(?:{_FRACTION}|{_VAGUE}|{_DOZEN}|{_COMPOUND})"
    r"(?!\w)(?!-(?!odd\b)[A-Za-z])"
)


@attrs.frozen
class WordNumber:
    """The value of a spelled-out number, split the way the rounding rules need it."""

    value: Decimal  # as written, before the scale word: "twenty thousand" -> 20
    digits: str  # the same in digits, so rounding knows the last digit: "20", "0.75"
    scale: Decimal  # factor of the smallest scale word (thousand, million, ...), else 1
    approx: bool  # the wording is itself round: "a million", "half a million", "a dozen"
    high: Decimal | None = None  # vague plurals: the open upper end of the implied range


def _digits(d: Decimal) -> str:
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


def _compound(words: list[str]) -> tuple[int, int | None] | None:
    """Value and smallest scale factor of "two hundred fifty thousand"-style words."""
    total = 0
    current = 0
    smallest: int | None = None
    for w in words:
        if w == "and":
            continue
        if w == "a":
            current = 1
        elif w in _SMALL:
            current += _SMALL[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
            smallest = SCALES[w] if smallest is None else min(smallest, SCALES[w])
        else:
            return None
    return total + current, smallest


@functools.lru_cache(maxsize=4096)  # a page repeats its few number words; the result is frozen
def parse_number_words(s: str) -> WordNumber | None:
    """Parse one spelled-out number as matched by ``PATTERN``.

    Returns ``None`` for text that is not a number on its own, notably a lone "one", which is far
    more often a pronoun ("one of the largest") than a count.
    """
    t = re.sub(r"[-\s]+", " ", s.strip().lower())
    if t in VAGUE_RANGES:
        low, high = VAGUE_RANGES[t]
        return WordNumber(Decimal(low), str(low), Decimal(1), True, Decimal(high))
    words = t.split(" ")
    if not words or words == ["one"] or words == [""]:
        return None
    if words[-1] == "dozen":
        counted = [w for w in words[:-1] if w != "a"]
        head = _compound(counted) if counted else (1, None)
        if head is None or head[1] is not None:
            return None
        value = Decimal(head[0] * 12)
        return WordNumber(value, _digits(value), Decimal(1), True)
    fraction = next((_FRACTIONS[w] for w in words if w in _FRACTIONS), None)
    if fraction is not None:
        if words[-1] not in SCALES:
            return None
        return WordNumber(fraction, _digits(fraction), Decimal(SCALES[words[-1]]), True)
    parsed = _compound(words)
    if parsed is None:
        return None
    total, smallest = parsed
    approx = words[0] == "a"  # "a million", "a hundred": said as a round figure
    if smallest is None:
        value = Decimal(total)
        return WordNumber(value, _digits(value), Decimal(1), approx)
    value = Decimal(total) / Decimal(smallest)
    return WordNumber(Decimal(_digits(value)), _digits(value), Decimal(smallest), approx)
