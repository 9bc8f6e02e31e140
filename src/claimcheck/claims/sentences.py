"""Sentence spans inside a block of extracted text."""

from __future__ import annotations

import re

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before whitespace and a
# capital, digit, bullet or quote. Abbreviations that end in a period do not end a sentence.
# A footnote marker glued to a sentence's full stop ends it too: "… 1,042 employees.2 The omnibus bill …", and so do
# a wiki's citation marks: "… and its territories.[6][4] In 2019, …".
_END = re.compile(
    r"[.!?](?:(?<=[a-z][.])\d{1,2}(?!\d))?(?:\[(?:\d{1,3}|[a-z]|note \d{1,3})\])*[\"'”’)\]]*"
    r"(?=\s+[\"'“‘(\[]?[A-Z0-9•])"
)
_ABBREVIATIONS = frozenset(
    """u.s u.s.a u.k e.g i.e etc vs mr mrs ms dr st no nos inc ltd co corp jr sr gen gov sen rep dept
    jan feb mar apr jun jul aug sep sept oct nov dec fig approx est al p.l pub h.r u.s.c c.f.r c ca""".split()
)


_FIGURE_NEXT = re.compile(r"[ \t]+[$€£]?[0-9]")
_LAST_WORD = re.compile(r"(?<![\w.])([\w.]+)$")


_RUN_BACKWARDS = re.compile(r"[\w.]*")


def _last_word(text: str, lo: int, end: int) -> str | None:
    """What ``_LAST_WORD.search(text, lo, end)`` reads as its word, by one match on the window reversed (the search
    tries every start in the window): the run of word characters and dots that ends the window."""
    if end > lo and text[end - 1] == "\n":
        end -= 1  # "$" also matches before a final line break
    k = _RUN_BACKWARDS.match(text[lo:end][::-1]).end()
    if k == 0:
        return None
    start = end - k
    if start == lo and lo > 0 and (text[lo - 1].isalnum() or text[lo - 1] in "_."):
        return None  # the run goes on before the window: no start in it has a boundary before it
    return text[start:end]


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text[start:end]``, whitespace trimmed, in order."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _END.finditer(text, start, end):
        if text.startswith("...", m.start() - 3) and _FIGURE_NEXT.match(text, m.end()):
            continue  # "Turnout ........ 77.03%": a dot leader to a line's figure, no sentence's end
        # The word before the stop: only a short look back ("U.S.", "approx", "F"), never the whole sentence.
        w = _last_word(text, max(cursor, m.start() - 12), m.start())
        if w:
            if w.lower().rstrip(".") in _ABBREVIATIONS:
                continue
            # A single capital before the period is an initial ("John F. Kennedy"), not an end.
            if len(w) == 1 and "A" <= w <= "Z":
                continue
        spans.append(_trim(text, cursor, m.end()))
        cursor = m.end()
    if cursor < end:
        spans.append(_trim(text, cursor, end))
    return [s for s in spans if s[0] < s[1]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
