"""Laws of the regex speed-ups extraction relies on: they change how fast, never what matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.claims.alternation import prefix_tree
from claimcheck.claims import extract  # noqa: F401  (imports every module that declares a guarded pattern)
from claimcheck.claims.leadchars import GUARDED, guarded, lead_chars
from claimcheck.claims.lowered import lower_pattern, lowered

WORD = st.text(alphabet="abcd .-", min_size=1, max_size=6).filter(lambda w: w.strip() == w and "  " not in w)
TEXT = st.text(alphabet="abcdABCD .-\n\t", max_size=40)


def _longest_first(words, space=None):
    parts = [re.escape(w) if space is None else space.join(re.escape(p) for p in w.split(" ")) for w in words]
    return "(?:" + "|".join(sorted(parts, key=lambda p: (-len(p), p))) + ")"


@settings(max_examples=300, deadline=None)
@given(st.lists(WORD, min_size=1, max_size=12, unique=True), TEXT)
def test_prefix_tree_matches_what_the_longest_first_alternation_matches(words, text):
    tree, plain = re.compile(prefix_tree(words)), re.compile(_longest_first(words))
    for pos in range(len(text) + 1):
        a, b = tree.match(text, pos), plain.match(text, pos)
        assert (a and a.group()) == (b and b.group()), (words, text, pos)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORD.filter(lambda w: "\\" not in w), min_size=1, max_size=12, unique=True), TEXT)
def test_prefix_tree_with_a_space_pattern_searches_alike(words, text):
    tree = re.compile(prefix_tree(words, space=r"\s+") + r"\b")
    plain = re.compile(_longest_first(words, space=r"\s+") + r"\b")
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_prefix_tree_of_overlapping_words():
    pattern = re.compile(prefix_tree(["office", "offices", "officer", "of"]))
    assert [m.group() for m in pattern.finditer("offices of officers, office")] == [
        "offices", "of", "officer", "office",
    ]


PATTERNS = [r"\bfy\s?(\d{2,4})\b", r"more\s+than", r"(?P<Year>[0-9]{4})\s+Budget", r"[A-Z][a-z]+\W", r"\bKM\b"]
ODD_TEXT = st.text(alphabet="afyYFMoreThan 0123456789\u0130\u0131\u017f\u212aKkm\u00c9\u00e9\u03a3.", max_size=30)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(PATTERNS), ODD_TEXT)
def test_a_lowered_text_matches_where_ignorecase_matches(pattern, text):
    low = lowered(text)
    if low is None:
        # Only text with a character whose case folding is not one-to-one is refused.
        assert any(c in text for c in "\u0130\u0131\u017f")
        return
    assert len(low) == len(text)
    want = [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
    assert [m.span() for m in re.finditer(lower_pattern(pattern), low)] == want


def test_lower_pattern_keeps_escapes_and_group_names():
    assert lower_pattern(r"(?P<Year>FY)\S\W\Z[A-Z]") == r"(?P<Year>fy)\S\W\Z[a-z]"


# Patterns built from the pieces extraction's patterns open with: word boundaries, look-behinds, alternations of
# phrases, optional lead-ins, classes, spaces and (under re.ASCII) digits.
_ATOM = st.sampled_from(
    ["a", "b", "K", "s", "i", "1", "2", "(", " ", "-", "\\s", "\\s+", "[ab]", "[a-c1]", "[0-9]", "\\d", "\\w", ".",
     "[^a]", "\\b", "(?<=\\()", "(?<!a)", "(?<![\\s\\S])", "(?=b)", "(?!a)", "^", "$"]
)


@st.composite
def _patterns(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 5 if depth < 2 else 1))
        if kind <= 1:
            parts.append(draw(_ATOM))
        elif kind == 2:
            parts.append("(?:" + "|".join(draw(st.lists(_patterns(depth + 1), min_size=1, max_size=3))) + ")")
        elif kind == 3:
            repeat = draw(st.sampled_from(["?", "*", "+", "{0,2}", "{2}"]))
            parts.append("(?:" + draw(_patterns(depth + 1)) + ")" + repeat)
        elif kind == 4:
            parts.append("(?P<g%d>" % draw(st.integers(0, 10**6)) + draw(_patterns(depth + 1)) + ")")
        else:
            parts.append("(?i:" + draw(_patterns(depth + 1)) + ")")
    return "".join(parts)


_FLAGS = st.sampled_from([0, re.IGNORECASE, re.ASCII, re.IGNORECASE | re.ASCII, re.MULTILINE])
_ODD_LETTERS = st.text(alphabet="abcKks iI12( -\n\u0130\u0131\u017f\u212a\u00e9\u2003", max_size=30)


def _class(chars):
    return "".join(re.escape(c) for c in sorted(chars))


@settings(max_examples=1500, deadline=None)
@given(_patterns(), _FLAGS, _ODD_LETTERS, st.integers(0, 30))
def test_a_pattern_guarded_by_its_lead_chars_finds_what_the_pattern_finds(source, flags, text, pos):
    try:
        pattern = re.compile(source, flags)
    except re.error:
        return  # (a look-behind of varying width, a repeat of nothing …)
    chars = lead_chars(pattern)
    if chars is None:
        return
    # every match starts with one of them
    assert all(text[m.start()] in chars for m in pattern.finditer(text))
    fast = guarded(source, _class(chars), flags)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in pattern.finditer(text)]
    pos = min(pos, len(text))
    a, b = fast.search(text, pos), pattern.search(text, pos)
    assert (a and a.span()) == (b and b.span())


_EVERY_CHAR = [chr(i) for i in range(0x3001)]  # (every character a declared class could hold: none is above U+3000)


def test_every_guarded_pattern_declares_exactly_its_lead_chars():
    assert len(GUARDED) >= 20
    for source, lead, flags in GUARDED:
        computed = lead_chars(re.compile(source, flags))
        allowed = {c for c in _EVERY_CHAR if re.match(f"[{lead}]", c, flags)}
        assert computed is not None, source
        # (fewer would lose matches; more would only be slower, and says the declaration is stale)
        assert computed == allowed, (source, "missing", computed - allowed, "extra", allowed - computed)


def test_lead_chars_of_extraction_shapes():
    assert lead_chars(re.compile(r"\b(?:in|during)\s+(?:19|20)\d\d")) == set("di")
    assert lead_chars(re.compile(r"(?<=\()(?:19|20)\d\d|cy\s")) == set("12c")
    assert lead_chars(re.compile(r"more\s+than", re.IGNORECASE)) == set("mM")
    assert lead_chars(re.compile(r"ks", re.IGNORECASE)) == set("kK\u212a")
    assert lead_chars(re.compile(r"(?:the\s+)?\d+")) is None  # (\d in a str pattern: any Unicode digit)
    assert lead_chars(re.compile(r"a?")) is None  # (it matches the empty string anywhere)
    assert lead_chars(re.compile(r"\w+")) is None
