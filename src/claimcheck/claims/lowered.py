"""Lower-cased text that case-insensitive patterns can search instead of the original, several times faster."""

from __future__ import annotations

import re

# The only characters a re.IGNORECASE pattern of ASCII letters matches that lower() does not turn into that
# letter: "İ" (lower-cases to two characters), dotless "ı" (matches "i") and long "ſ" (matches "s").
_ODD = ("\u0131", "\u017f")


# The last text lower-cased and its copy (kept until the next text): a page's scanners (date labels, quantities,
# periods, subject names, extraction's sentences) each lower-case the whole page, which costs as much as
# several of their scans.
_LAST: tuple[str | None, str] = (None, "")


def lower_cased(text: str) -> str:
    """``text.lower()``, computed once for the same text object asked about again."""
    global _LAST
    seen, low = _LAST
    if seen is not text:
        low = text.lower()
        _LAST = (text, low)
    return low


def lowered(text: str) -> str | None:
    """``text.lower()`` when it can stand in for ``text``: same offsets, and a case-sensitive pattern in lower-case
    letters matches it exactly where the same pattern with re.IGNORECASE matches ``text``; else None."""
    low = lower_cased(text)
    if len(low) != len(text) or any(c in text for c in _ODD):
        return None
    return low


def lower_pattern(pattern: str) -> str:
    """A re.IGNORECASE pattern's source rewritten for lower-cased text: letters lower-cased, escapes ("\\S",
    "\\W", "\\Z") and group names left alone."""
    return _KEEP_OR_LETTER.sub(lambda m: m.group(0).lower() if len(m.group(0)) == 1 else m.group(0), pattern)


_KEEP_OR_LETTER = re.compile(r"\\.|\(\?P[<=][^>)]*[>)]|[A-Z]")  # an escape or a group name (kept), or a capital
