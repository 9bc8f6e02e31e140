"""Laws of the two regex speed-ups extraction relies on: they change how fast, never what matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.claims.alternation import prefix_tree
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
