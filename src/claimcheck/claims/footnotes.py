"""Footnote marks glued to a word: a PDF's superscript flattened into the text ("FY 2023 Actual2", "Albion Global2").

A mark is read as one only when a later line opens with its number as a note does ("2  Known as Albion International
until …"): a label glued to its value on a flattened stat card ("Stations31") has no such line. The marks are blanked
in the text extraction reads (the same length, so every offset holds), which lets a table's header read "Actual"
and a name before a mark match.
"""

from __future__ import annotations

import re

import attrs

from claimcheck.claims.leadchars import guarded
from claimcheck.claims.text import ExtractedText

# one or two digits after a word of four or more letters that ends in a lower-case one ("km2", "CO2", "FY2023",
# "PM10" are no marks) or after a unit's bracket ("Landings (t)1"), and no figure or word going on after them
_GLUED = guarded(r"(?:(?<=[A-Za-z]{3}[a-z])|(?<=[A-Za-z]\)))[0-9]{1,2}(?![\w.,]?\d)(?!\w)", "0123456789")


def _note_line(number: str) -> re.Pattern[str]:
    return re.compile(r"^[ \t]*" + number + r"(?:[ \t]+|[.)][ \t]+)[A-Z(]", re.MULTILINE)


def glued_marks(text: str) -> list[tuple[int, int]]:
    """The spans of the footnote marks in ``text`` that a later note line explains."""
    out = []
    notes: dict[str, re.Pattern[str]] = {}
    for m in _GLUED.finditer(text):
        pattern = notes.get(m.group()) or notes.setdefault(m.group(), _note_line(m.group()))
        if pattern.search(text, m.end()) is not None:
            out.append(m.span())
    return out


def without_marks(doc: ExtractedText) -> ExtractedText:
    """``doc`` with its glued footnote marks blanked (``doc`` itself when it has none)."""
    marks = glued_marks(doc.text)
    if not marks:
        return doc
    chars = list(doc.text)
    for a, b in marks:
        chars[a:b] = " " * (b - a)
    return attrs.evolve(doc, text="".join(chars))


__all__ = ["glued_marks", "without_marks"]
