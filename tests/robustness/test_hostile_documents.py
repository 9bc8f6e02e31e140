"""Hypothesis: loader + extractor + checker on hostile documents never raise anything but our own
input errors, and every claim they find points at its own quote."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.checker.check import check
from claimcheck.checker.model import CheckerSettings
from claimcheck.claims.extract import VersionContext, extract_claims
from claimcheck.claims.load import LoadError, parse_document
from claimcheck.config import load_settings
from claimcheck.errors import InputError

REPO = Path(__file__).resolve().parents[2]
EXTRACTION = load_settings(REPO / "examples" / "ice" / "claimcheck.toml", REPO).extraction
KINDS = ("html", "markdown", "text", "pdf")
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces hostile pages are made of: markup fragments, tricky numbers, direction marks, NULs …
TOKENS = [
    "<p>", "</p>", "<div>", "</div>", "<table>", "<tr>", "<td>", "</td>", "<li>", "<ul>", "</ul>", "<h1>", "</h1>",
    "<script>", "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<br/>", "<pre>", "</pre>", "<title>",
    "<a href='x'>", "</a>", "<b>", "</b>", "<i", ">", "<", "&", "&amp;", "&nbsp;", "&#xD800;", "&#0;", "&#x110000;",
    "&#99999999999;", "&ampxyz", "<meta charset='utf-7'>", "<?xml encoding='unicode_escape'?>",
    "ICE", "HSI", "the agency", "has", "employs", "more than", "approximately", "almost", "up to", "between",
    "and", "million", "billion", "trillion", "percent", "%", "$", "€", "FY2019", "FY 2010", "in 2017", "fiscal year",
    "Last Updated: 05/13/2020", "Release Date: August 20, 2018", "Date: 02/30/2020", "13/13/2013",
    "1", "0", "400", "6,700", "9 800", "20 000", "8.5", "1e308", "1" * 400, "9" * 40 + ",000", "-5", "0.000001",
    "1,2,3,4,5,6,7,8,9", "1.2.3.4", "(1)", "#", "##", "*", "**", "_", "`", "```", "> ", "- ", "1. ", "|", "---",
    "\u200f", "\u202e", "\u2066", "\u0661\u0662\u0663", "\ufeff", "\ufffd", "\x00", "\x1b", "\x0c", "\u2028",
    "\u00a0", "\u2009", "\u202f", "𝟗𝟗", "٣٤٥", "\r", "\n", "\r\n", "\t", " ", ". ", ", ", ": ", "\\", "[x](y)", "![i](j)",
]
soup = st.lists(st.sampled_from(TOKENS) | st.text(max_size=12), max_size=120).map("".join)


def _encode(text: str, how: str) -> bytes:
    if how == "utf-8":
        return text.encode("utf-8", "surrogatepass")
    if how == "utf-16-bom":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le", "surrogatepass")
    if how == "utf-32-bom":
        return codecs.BOM_UTF32_BE + text.encode("utf-32-be", "surrogatepass")
    return text.encode("cp1252", "replace")


encodings = st.sampled_from(["utf-8", "utf-16-bom", "utf-32-bom", "cp1252"])


def _pipeline(data: bytes, kind: str) -> None:
    """The property: our own input error, or claims whose evidence is sound and a check that runs."""
    try:
        doc = parse_document(data, path=f"hostile.{kind}", kind=kind)
    except LoadError as exc:
        assert isinstance(exc, InputError)
        # The loader's safety net turns a parser bug into "parser failure": here it must never
        # fire, except for pdfminer, a library not hardened against malformed files (fuzz/README.md).
        assert kind == "pdf" or not exc.reason.startswith("parser failure"), exc.reason
        return
    text = doc.extracted.text
    text.encode("utf-8")  # no lone surrogate ever reaches the extractor
    for date in (doc.detected_date.date, None):
        ctx = VersionContext(source="hostile", version="v", path=f"hostile.{kind}", date=date, subject="ICE")
        claims = extract_claims(doc.extracted, ctx, EXTRACTION)
        for c in claims:
            ev = c.evidence
            assert 0 <= ev.start < ev.end <= len(text) and text[ev.start : ev.end] == ev.quote
            assert ev.line >= 1 and ev.column >= 1
        check(claims, CheckerSettings())
        check(claims + claims, CheckerSettings())


@FAST
@given(st.binary(max_size=2000), st.sampled_from(KINDS))
def test_random_bytes(data, kind):
    _pipeline(data, kind)


@FAST
@given(soup, st.sampled_from(KINDS[:3]), encodings)
def test_html_ish_soup(text, kind, how):
    _pipeline(_encode(text, how), kind)


@FAST
@given(st.text(max_size=300), st.sampled_from(KINDS[:3]), encodings)
def test_any_unicode_including_lone_surrogates(text, kind, how):
    _pipeline(_encode(text, how), kind)


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 6000), st.sampled_from(["div", "span", "li", "td", "table", "b", "p", "blockquote"]))
def test_deep_nesting(depth, tag):
    body = f"<{tag}>" * depth + "<p>ICE has more than 400 offices.</p>" + f"</{tag}>" * (depth // 2)
    _pipeline(body.encode(), "html")
    md = "> " * min(depth, 2000) + "- " * min(depth, 500) + "ICE has more than 400 offices.\n"
    _pipeline(md.encode(), "markdown")


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**400), st.sampled_from(["", "$", "€"]), st.sampled_from(["", " million", " trillion", "%"]))
def test_huge_numbers(n, prefix, suffix):
    text = f"ICE has more than {prefix}{n:,}{suffix} employees. It had {n}.{n} offices in FY{n % 10**5}."
    _pipeline(text.encode(), "text")


@pytest.mark.parametrize("depth", [5000, 100_000])
def test_5000_and_100000_deep_divs_are_read(depth):
    body = "<div>" * depth + "<p>ICE has more than 400 offices.</p>" + "</div>" * depth
    doc = parse_document(body.encode(), path="deep.html")
    claims = extract_claims(
        doc.extracted, VersionContext("s", "v", "deep.html", dt.date(2020, 1, 1), "ICE"), EXTRACTION
    )
    assert [c.value.stated for c in claims] == [400]


def test_rtl_and_bidi_marks_do_not_move_evidence():
    text = "\u202eICE has more than 400 offices.\u202c \u200fHSI employs 6,700 special agents.\u200f"
    _pipeline(text.encode(), "text")
    _pipeline(("<p dir=rtl>" + text + "</p>").encode("utf-16"), "html")
