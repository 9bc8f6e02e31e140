"""highlight(): the only markup maker escapes every part before adding <mark>."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from claimcheck.reports.highlight import highlight

HOSTILE = [
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "'; alert(1); '",
    "&lt;already escaped&gt;",
    "</mark><img src=x onerror=alert(1)>",
]


def test_wraps_the_span_in_mark():
    out = highlight("ICE has more than $5.7 billion.", 8, 30)
    assert isinstance(out, Markup)
    assert out == "ICE has <mark>more than $5.7 billion</mark>."


def test_hostile_text_in_every_part_is_inert():
    for evil in HOSTILE:
        sentence = f"{evil} before {evil} after {evil}"
        start = sentence.index("before")
        out = str(highlight(sentence, start, start + len(f"before {evil}")))
        # Only our own two tags survive; every other "<" and quote is an entity.
        assert re.sub(r"</?mark>", "", out).count("<") == 0
        assert '"' not in out and "'" not in out
        assert out.count("<mark>") == 1 and out.count("</mark>") == 1
        assert html.unescape(out.replace("<mark>", "").replace("</mark>", "")) == sentence


def test_offsets_are_clamped():
    assert highlight("abc", -5, 2) == "<mark>ab</mark>c"
    assert highlight("abc", 1, 99) == "a<mark>bc</mark>"
    assert highlight("abc", 2, 1) == "ab<mark></mark>c"
    assert highlight("", 0, 0) == "<mark></mark>"


def test_markup_input_is_not_trusted():
    # A Markup sentence must still be escaped: the highlight helper trusts no caller.
    out = highlight(Markup("<b>x</b>"), 0, 1)
    assert "<b>" not in out


@given(st.text(), st.integers(-5, 60), st.integers(-5, 60))
def test_round_trip_and_single_mark(sentence, start, end):
    out = str(highlight(sentence, start, end))
    assert out.count("<mark>") == 1 and out.count("</mark>") == 1
    assert re.sub(r"</?mark>", "", out).count("<") == 0
    assert html.unescape(re.sub(r"</?mark>", "", out)) == sentence
    s = max(0, min(start, len(sentence)))
    e = max(s, min(end, len(sentence)))
    inside = out[out.index("<mark>") + len("<mark>") : out.index("</mark>")]
    assert html.unescape(inside) == sentence[s:e]
