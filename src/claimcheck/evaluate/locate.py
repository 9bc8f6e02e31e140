"""Find a gold file's phrase in a document's text, forgiving line breaks, spacing and typographic quotes."""

from __future__ import annotations

import functools
import html
import re

# Characters a gold file may type plainly that pages print typographically (or the other way round).
_EQUIVALENT = {
    "'": "['’‘]",
    "’": "['’‘]",
    "‘": "['’‘]",
    '"': '["“”]',
    "“": '["“”]',
    "”": '["“”]',
    "-": "[-‐‑–—]",
    "–": "[-‐‑–—]",
    "—": "[-‐‑–—]",
}
_SPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)
def phrase_pattern(phrase: str, whole: bool = False) -> re.Pattern[str]:
    """A pattern for ``phrase`` where any run of white space (including none at a line wrap) matches; ``whole``:
    not inside a longer figure either (a page number's "3" is not the 3 of "300", "2.3" or "3.5"; a word may be
    glued to its neighbour, as a page's markup can leave it: "protectedabout 68,000")."""
    body = phrase.strip()
    parts = []
    for word in _SPACE.split(body):
        parts.append("".join(_EQUIVALENT.get(ch, re.escape(ch)) for ch in word))
    lead = r"(?<!\d)(?<!\d[.,])" if whole and body[:1].isdigit() else ""
    tail = r"(?!\d|[.,]\d)" if whole and body[-1:].isdigit() else ""
    return re.compile(lead + r"[\s\u00a0\u2009\u202f]+".join(parts) + tail)


def spans(text: str, phrase: str) -> tuple[tuple[int, int], ...]:
    """Every (start, end) where ``phrase`` occurs in ``text`` as a whole figure, else where it occurs at all (a
    footnote's number glued on, "38,920.1", leaves the figure a gold file quotes inside a longer one)."""
    found = tuple((m.start(), m.end()) for m in phrase_pattern(phrase, whole=True).finditer(text))
    return found or tuple((m.start(), m.end()) for m in phrase_pattern(phrase).finditer(text))


_MARKUP = re.compile(r"<[^>]*>|\|")


def as_read(phrase: str) -> str:
    """The phrase as a reader sees it when it was copied from the file with its markup: tags and Markdown
    table bars become white space ("<td>37</td>" → "37", "87 |   91" → "87 91")."""
    return " ".join(html.unescape(_MARKUP.sub(" ", phrase)).split())


def in_source(raw: str, phrase: str) -> bool:
    """True when ``phrase`` occurs in the original file (markup between its words aside)."""
    if phrase_pattern(phrase).search(raw):
        return True
    plain = html.unescape(re.sub(r"<[^>]*>", " ", raw)).replace("\\", "")
    return phrase_pattern(phrase).search(plain) is not None


def overlaps(start: int, end: int, found: tuple[tuple[int, int], ...]) -> bool:
    """True when [start, end) shares a character with one of the spans."""
    return any(start < e and s < end for s, e in found)
