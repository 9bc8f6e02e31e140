"""Thousands grouped by plain spaces ("36 000 learners", "R1 245 600"), as South African, French and Nordic pages
write every figure.

Alone, "36 000" is as likely two numbers as one, and the quantity reader joins plain-space groups only where a
currency or a unit says they are one figure. A page that groups its figures so, and mostly not with commas, says it
for all of them: its grouping spaces become narrow no-break spaces (the same length, so every offset holds),
which the reader takes as a thousands separator wherever they stand.
"""

from __future__ import annotations

import re

import attrs

from claimcheck.claims.text import ExtractedText

# groups of three after a first group of one to three digits (not "0…": a telephone number's trunk prefix), each space
# a single one, nothing numeric glued on either side
_GROUPED = re.compile(r"(?<![\d.,/-])[1-9][0-9]{0,2}(?: [0-9]{3})+(?![\d,]|\.\d{3})")
_COMMA_GROUPED = re.compile(r"(?<![\d.])[1-9][0-9]{0,2}(?:,[0-9]{3})+(?![\d,])")
_LEAST = 3  # figures grouped by spaces before a page is taken to group them all so
# one of them at least in money or in a unit, which no column layout explains: "R1 245 600", "EUR 32 400", "1 412 km"
_SURE_BEFORE = re.compile(r"(?:[$€£R]|[A-Z]{3} ?)\Z")
_SURE_AFTER = re.compile(r" ?(?:%|km|m|t|kt|tonnes|ha|people|learners|staff|employees|jobs|vehicles|trips|passengers)\b")


def space_grouped(doc: ExtractedText) -> ExtractedText:
    """``doc`` with the spaces inside its space-grouped figures made narrow no-break spaces, when it groups figures
    by spaces at least three times, at least twice as often as by commas, and once at least in money or a unit;
    ``doc`` itself otherwise."""
    text = doc.text
    if " " not in text:
        return doc
    found = [m for m in _GROUPED.finditer(text) if not _year_first(m.group())]
    if len(found) < _LEAST or len(found) < 2 * len(_COMMA_GROUPED.findall(text)):
        return doc
    if not any(_SURE_BEFORE.search(text, max(0, m.start() - 4), m.start()) or _SURE_AFTER.match(text, m.end())
               for m in found):
        return doc  # (columns of small figures a single space apart, "120 340 560", say nothing of grouping)
    chars = list(text)
    for m in found:
        for k in range(m.start(), m.end()):
            if chars[k] == " ":
                chars[k] = "\u202f"
    return attrs.evolve(doc, text="".join(chars))


def _year_first(figure: str) -> bool:
    """"2021 391" is no figure: a year, then another number (a first group has at most three digits anyway)."""
    return len(figure.split(" ", 1)[0]) == 4


__all__ = ["space_grouped"]
