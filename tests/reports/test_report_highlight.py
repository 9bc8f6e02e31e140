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


# ---------------------------------------------------------------------------------------------
# highlight_spans: a version's whole text with every claim marked in place.

from claimcheck.reports.highlight import MarkSpan, highlight_spans, safe_href  # noqa: E402


def _plain(out: str) -> str:
    """The text back out of highlight_spans' markup."""
    return html.unescape(re.sub(r"</?(mark|a)\b[^>]*>", "", out))


def test_spans_wrap_each_claim_with_anchor_link_and_title():
    text = "ICE has more than 20,000 employees and 400 offices."
    spans = [
        MarkSpan(8, 24, anchor="claim-a", href="../groups/x-1.html#claim-a", css_class="claim", title="ICE · employees"),
        MarkSpan(39, 42, anchor="claim-b", css_class="claim conflict"),
    ]
    out = highlight_spans(text, spans)
    assert isinstance(out, Markup)
    assert out == (
        'ICE has <mark id="claim-a" class="claim" title="ICE · employees">'
        '<a href="../groups/x-1.html#claim-a">more than 20,000</a></mark> employees and '
        '<mark id="claim-b" class="claim conflict">400</mark> offices.'
    )


def test_spans_in_any_order_overlapping_and_out_of_range():
    text = "abcdefghij"
    spans = [MarkSpan(6, 99, anchor="c3"), MarkSpan(0, 4, anchor="c1"), MarkSpan(2, 5, anchor="c2"), MarkSpan(-3, 1, anchor="c0")]
    out = str(highlight_spans(text, spans))
    assert _plain(out) == text
    # Marks never nest or cross; a span swallowed by an earlier one still leaves its anchor.
    assert out.count("<mark") == 4 and out.count("</mark>") == 4
    assert re.fullmatch(r"(?:[^<]|<mark[^>]*>[^<]*</mark>)*", out)
    for anchor in ("c0", "c1", "c2", "c3"):
        assert f'id="{anchor}"' in out


def test_spans_escape_hostile_text_and_drop_unsafe_attributes():
    evil = '<script>alert(1)</script> "><svg onload=alert(1)> javascript:alert(1)\n::error::boom'
    spans = [
        MarkSpan(0, 8, anchor='x" onmouseover="alert(1)', href="javascript:alert(1)", css_class='a" b', title=evil),
        MarkSpan(10, 20, anchor="ok", href="//evil.example/x", css_class="claim"),
        MarkSpan(30, 40, anchor="ok2", href="https://evil.example/", css_class="claim"),
    ]
    out = str(highlight_spans(evil, spans))
    assert "<script" not in out and "<svg" not in out and "onmouseover" not in out
    assert "href" not in out  # no scheme, no network path, no absolute url ever becomes a link
    assert 'class="a' not in out and 'id="x' not in out
    assert re.sub(r"</?(mark|a)\b[^>]*>", "", out).count("<") == 0
    assert _plain(out) == evil
    assert "::error::boom" in out  # a workflow-command look-alike is just text here


def test_safe_href():
    assert safe_href("../sources/a-1f.html#claim-c-1") == "../sources/a-1f.html#claim-c-1"
    assert safe_href("#finding-f-1") == "#finding-f-1"
    assert safe_href("groups/x.html") == "groups/x.html"
    for bad in ("javascript:alert(1)", "https://x.example/", "//x.example/", "../../etc/passwd", "a b.html",
                "a.html?x=1", "../x/../../y.html", "data:text/html,x", "", ".hidden.html"):
        assert safe_href(bad) == "", bad


@given(
    st.text(max_size=80),
    st.lists(st.tuples(st.integers(-5, 90), st.integers(-5, 90)), max_size=6),
)
def test_spans_round_trip(text, raw):
    spans = [MarkSpan(a, b, anchor=f"c{i}", href=f"#c{i}") for i, (a, b) in enumerate(raw)]
    out = str(highlight_spans(text, spans))
    assert _plain(out) == text
    assert out.count("<mark") == len(spans) == out.count("</mark>")
    assert re.sub(r"</?(mark|a)\b[^>]*>", "", out).count("<") == 0


def test_escape_text_is_markupsafe_escape_as_plain_text():
    from markupsafe import Markup, escape

    from claimcheck.reports.highlight import escape_text

    values = ["", "plain", "<script>alert(1)</script>", '"><svg onload=alert(1)>', "a & b ' c \" d", "ünï\u2028\x00",
              3, 2.5, None, True, Markup("<b>kept</b>"), Markup("a &amp; b")]
    for value in values:
        assert escape_text(value) == str(escape(value)) and type(escape_text(value)) is str, value
