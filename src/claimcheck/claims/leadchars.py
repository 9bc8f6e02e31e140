"""Patterns that skip fast to where a match can start.

Python's regex engine looks for a literal prefix or a leading character set to skip ahead in a search, and finds
neither in a pattern that opens with a word boundary, a look-behind or an alternation of phrases: it then runs the
whole pattern at every position of the text. A look-ahead for the characters a match can start with makes each
position that cannot start one cost a single character test (three to five times faster on extraction's period
patterns), and never changes what matches, as long as no match starts with another character: ``lead_chars``
works that set out from the parsed pattern, for the tests that hold each declared set to it.
"""

from __future__ import annotations

import functools
import re

try:  # Python 3.11 moved the parser; 3.13 warns on the old name
    from re import _constants as _c, _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_WIDE = 64  # a set of more characters than this is no faster to test than the pattern itself


# What an ASCII letter also matches under re.IGNORECASE besides its two cases (found by trying every code point)
_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


@functools.cache
def _spaces() -> str:
    """What "\\s" matches in a str pattern (str.isspace; none is above U+3000): worked out when a test asks, not at
    import."""
    return "".join(c for c in map(chr, range(0x3001)) if c.isspace())


class _Unknown(Exception):
    """The first characters cannot be bounded (".", "\\w", a negated set, a back-reference …)."""


def _cased(chars: set[str], flags: int) -> set[str]:
    """``chars`` and, under re.IGNORECASE, every character a pattern matches for them."""
    if not flags & re.IGNORECASE:
        return chars
    out: set[str] = set()
    for c in chars:
        if c.isascii():
            out.update(c.lower(), c.upper(), _FOLDS.get(c.lower(), ""))
        elif c.lower() == c.upper() == c:
            out.add(c)
        else:
            raise _Unknown  # (a cased letter beyond ASCII: its case folds are not worth working out)
    return out


def _in_chars(items: list, flags: int) -> set[str]:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE:
            lo, hi = av
            if hi - lo > _WIDE:
                raise _Unknown
            chars.update(chr(i) for i in range(lo, hi + 1))
        elif op is _c.CATEGORY and av is _c.CATEGORY_SPACE:
            chars.update(_spaces() if not flags & re.ASCII else " \t\n\r\f\v")
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT and flags & re.ASCII:
            chars.update("0123456789")
        else:
            raise _Unknown  # a negation, \w, \d in a str pattern (every Unicode digit) …
    return _cased(chars, flags)


def _first(seq, flags: int) -> tuple[set[str], bool]:
    """The characters a match of ``seq`` can start with, and whether it can match the empty string."""
    chars: set[str] = set()
    for op, av in seq:
        if op is _c.LITERAL:
            chars |= _cased({chr(av)}, flags)
            return chars, False
        if op is _c.IN:
            chars |= _in_chars(av, flags)
            return chars, False
        if op is _c.AT or op is _c.ASSERT or op is _c.ASSERT_NOT:
            continue  # zero-width: the next item starts the match
        if op is _c.SUBPATTERN:
            _group, add, remove, body = av  # ("(?i:…)" sets flags for its body only)
            sub, nullable = _first(body, (flags | add) & ~remove)
        elif op is _c.BRANCH:
            sub, nullable = set(), False
            for alt in av[1]:
                s, n = _first(alt, flags)
                sub |= s
                nullable = nullable or n
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            low, _high, item = av
            sub, nullable = _first(item, flags)
            nullable = nullable or low == 0
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            sub, nullable = _first(av, flags)
        else:
            raise _Unknown  # ANY, NOT_LITERAL, GROUPREF, GROUPREF_EXISTS …
        chars |= sub
        if not nullable:
            return chars, False
    return chars, True


def lead_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Every character a match of ``pattern`` can start with; None when that cannot be bounded (an empty match,
    ".", "\\w" …)."""
    if not isinstance(pattern.pattern, str):
        return None
    try:
        chars, nullable = _first(_p.parse(pattern.pattern, pattern.flags), pattern.flags)
    except _Unknown:
        return None
    if nullable or not chars or len(chars) > _WIDE:
        return None
    return frozenset(chars)


def guarded(source: str, lead: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)`` behind a look-ahead for ``[lead]``, a character class of what its matches can
    start with: the same matches, found faster where the engine cannot skip ahead by itself.

    ``lead`` is written out by hand, not worked out here: working it out would parse every such pattern once more
    at import, which each worker process pays. tests/claims/test_regex_helpers.py checks each against ``lead_chars``.
    """
    GUARDED.append((source, lead, flags))
    return re.compile(f"(?=[{lead}])(?:{source})", flags)


GUARDED: list[tuple[str, str, int]] = []  # every guarded pattern's source, declared first characters and flags

