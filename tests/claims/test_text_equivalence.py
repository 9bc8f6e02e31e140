"""claims/text.py gives exactly what the old, slow implementation (text_reference.py) gives.

The fast HTML path reads whole tags with one regex and whole runs of text at once; these tests hold
it to the old reader's output, field by field and offset by offset, on real pages, the benchmark's
pages and generated hostile markup.
"""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.claims import text as fast
from claimcheck.claims.html_tokens import TAG_RE, scan_attrs
from tests.claims import text_reference as slow

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
EXTRACTORS = ("extract_html", "extract_markdown", "extract_plain")


def _files() -> list[Path]:
    found = sorted(p for p in ROOT.glob("examples/*/**/*") if p.is_file())
    if SEEDS.is_dir():
        found += sorted(p for p in SEEDS.iterdir() if p.is_file())
    return found


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None  # a binary file (the example's cache database): no page to read


def snapshot(ex) -> dict:
    """Every field of an ExtractedText as plain values, so the two modules' classes compare."""
    offsets = ex.source_offsets
    return {
        "text": ex.text,
        "blocks": [attrs.astuple(b) for b in ex.blocks],
        "text_starts": offsets.text_starts,
        "source_starts": offsets.source_starts,
        "length": offsets.length,
        "source_end": offsets.source_end,
        "line_starts": ex.line_starts,
        "page_starts": ex.page_starts,
    }


def lookups(ex) -> list[tuple]:
    """What the rest of the code asks of an ExtractedText, at every text offset and one past."""
    out = []
    for i in range(len(ex.text) + 1):
        block = ex.block_at(i)
        out.append(
            (
                ex.source_offset(i),
                ex.source_position(i),
                ex.source_page(i),
                None if block is None else attrs.astuple(block),
            )
        )
    out.append(tuple(ex.source_offsets))
    return out


def assert_same(source: str, *, every_offset: bool = True) -> None:
    for name in EXTRACTORS:
        new = getattr(fast, name)(source)
        old = getattr(slow, name)(source)
        assert snapshot(new) == snapshot(old), name
        if every_offset:
            assert lookups(new) == lookups(old), name
    assert list(fast.iter_start_tags(source)) == list(slow.iter_start_tags(source))
    assert fast.strip_markup(source) == slow.strip_markup(source)


FILES = [p for p in _files() if _read(p) is not None]


def test_there_are_files_to_compare():
    assert any(p.suffix == ".html" for p in FILES) and any(p.suffix == ".md" for p in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_examples_and_seeds(path):
    assert_same(_read(path))


def _benchmark_module():
    spec = importlib.util.spec_from_file_location("bench_extract", ROOT / "benchmarks" / "extract.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_pages():
    bench = _benchmark_module()
    rng = random.Random(20240209)
    for size in (500, 3_000, 20_000):
        doc = bench.generate_document(rng, size)
        assert_same(bench.to_html(doc))
        assert_same(doc)


def test_layout_boxes():
    source = "Title Here\nfirst line\nsecond  line\n\nBox two\u00a0x &amp; y\r\nend"
    cuts = [(0, 10), (11, 35), (35, 37), (37, len(source))]
    new = fast.extract_layout(source, cuts, (0, 20))
    old = slow.extract_layout(source, cuts, (0, 20))
    assert snapshot(new) == snapshot(old)
    assert lookups(new) == lookups(old)


# ----------------------------------------------------------------------------------------------
# Hostile markup
# ----------------------------------------------------------------------------------------------

NAMES = [
    "p", "P", "div", "span", "b", "a", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th",
    "thead", "tbody", "tfoot", "caption", "h1", "h2", "h6", "pre", "listing", "br", "hr", "img", "head",
    "title", "body", "html", "header", "footer", "article", "section", "nav", "aside", "main", "script",
    "style", "textarea", "xmp", "plaintext", "noscript", "template", "svg", "iframe", "button", "x-y",
    "p<b", "Td", "TITLE", "menu", "meta", "sup", "SUP",
]  # fmt: skip
ATTRS = [
    "", " class=body", ' class="a>b"', " title='x>y'", " hidden", ' style="display: none"',
    " style=visibility:hidden", ' role="navigation banner"', " aria-hidden=TRUE", " colspan=3",
    ' colspan="2000"', " colspan=x", " /", "/", " a=b/", ' a = "1" b', " =x", ' a="unterminated',
    " a='q\"'", " x=&amp;y", "\n\tdata-x\r\n=\f'1'", ' a="1"b="2"', " a=", ' a="x" a="y"',
]  # fmt: skip
TEXTS = [
    "", " ", "\n", "\r\n", "\r", "  \t ", "word", "two words", "Mixed  spacing\there", "a < b", "x<", "<",
    "&amp;", "&ampxyz", "&AMP", "&#38;", "&#x26", "&#0;", "&#xD800;", "&nbsp;", "&nbsp;&nbsp;x", "&notit;",
    "&", "&;", "&#;", "\x00", "\xa0", "\u2009", "\u3000x\u3000", "9\u202f800", "caf\u00e9 \U0001f600",
    "\u2028", "\x85", "\x0c", "12,345 people", "$1.5 million", " 3 % ",
]  # fmt: skip
SPECIALS = [
    "<!-- c -->", "<!-->", "<!--->", "<!--", "-->", "<![CDATA[x<y]]>", "<![CDATA[", "<!doctype html>",
    "<?xml version='1.0'?>", "</>", "</ x>", "</", "<!", "<?", "</p", "<p", "<a href='", "</br>", "</p>",
    "</td>", "</table>", "</li>", "</head>", "</script>", "</style >", "</title>", '<a=" b="c>"', '<a="b c=">',
    "<p x='>'>", "</p x='>'>", "</li\n>", "<li/>", "</P >",
    "<sup>1</sup>", "x<sup><a href='#f'>2</a></sup>", "km<sup>2</sup>", "<sup>*</sup>", "<SUP> a </sup >", "<sup>1",
]  # fmt: skip


LEAFY = ["p", "li", "h2", "h3", "div", "dd", "dt", "ul", "ol", "td", "tr", "table", "pre", "span", "b", "LI"]


@st.composite
def hostile_html(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 12))
        if kind >= 10:  # a leaf element, the fast path's case, in whatever context came before
            name = draw(st.sampled_from(LEAFY))
            attr = draw(st.just("") | st.sampled_from(ATTRS))
            body = draw(st.sampled_from(TEXTS))
            parts.append(f"<{name}{attr}>{body}</{draw(st.sampled_from([name, name.upper(), 'p']))}>")
        elif kind <= 2:
            parts.append(f"<{draw(st.sampled_from(NAMES))}{draw(st.sampled_from(ATTRS))}>")
        elif kind == 3:
            parts.append(f"</{draw(st.sampled_from(NAMES))}>")
        elif kind <= 6:
            parts.append(draw(st.sampled_from(TEXTS)))
        elif kind == 7:
            parts.append(draw(st.sampled_from(SPECIALS)))
        elif kind == 8:
            parts.append(draw(st.text(alphabet=st.sampled_from("ab <>/=\"'&;#!-\n\r\t\xa0x1"), max_size=12)))
        else:
            parts.append(draw(st.text(max_size=8)))
    return "".join(parts)


def _element(children: list[str], name: str, attr: str, close: bool) -> str:
    return f"<{name}{attr}>" + "".join(children) + (f"</{name}>" if close else "")


# Nested elements, mostly closed: the leaf elements (<li>text</li>) the fast path reads in one step,
# inside lists, tables, <pre>, <head> and hidden or dropped elements, with end tags now and then left out.
trees = st.recursive(
    st.sampled_from(TEXTS) | st.sampled_from(TEXTS) | st.sampled_from(SPECIALS),
    lambda inner: st.builds(
        _element,
        st.lists(inner, max_size=4),
        st.sampled_from(LEAFY) | st.sampled_from(NAMES),
        st.just("") | st.sampled_from(ATTRS),
        st.booleans() | st.just(True),
    ),
    max_leaves=30,
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_html())
def test_property_hostile_html(source):
    assert_same(source)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(trees, max_size=5).map("".join))
def test_property_nested_elements(source):
    assert_same(source)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_property_any_text(source):
    assert_same(source)


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from(["<", "</"]), st.text(alphabet="aB <>/=\"'\t\n\r\f-x", max_size=30))
def test_property_tag_regex_reads_a_tag_as_the_scanner_does(opening, rest):
    source = opening + "a" + rest
    name_end = slow._TAG_NAME_RE.match(source, len(opening) + 1).end()
    expected = slow._scan_attrs(source, name_end, len(source))
    m = TAG_RE.match(source)
    assert (m is None) == (expected is None)
    if m is not None:
        assert m.group(1) == opening[1:]
        assert m.group(2) == source[len(opening) : name_end]
        assert m.end() == expected[1]
        assert (m.group(3)[-1:] == "/") == expected[2]
        assert scan_attrs(source, m.start(3), len(source)) == expected


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_html() | st.lists(trees, max_size=5).map("".join))
def test_property_strip_markup_reads_as_the_tokens_do(source):
    # strip_markup walks TAG_RE matches, not html_tokens.tokens: the same text, runs and breaks.
    assert fast.strip_markup(source) == slow.strip_markup(source)
