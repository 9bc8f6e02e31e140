"""Tests for claims/text.py: HTML, Markdown and plain text → blocks with an exact offset map."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.claims.text import (
    _HEDGED_FIGURE,
    SEPARATOR,
    Block,
    ExtractedText,
    extract_html,
    extract_markdown,
    extract_plain,
    iter_start_tags,
    strip_markup,
)

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
EXTRACTORS = [extract_html, extract_markdown, extract_plain]


def texts(ex: ExtractedText) -> list[str]:
    return [ex.text[b.start : b.end] for b in ex.blocks]


def kinds(ex: ExtractedText) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, ex.text[b.start : b.end]) for b in ex.blocks]


_FIGURE_END = re.compile(
    r"\d(?:[ \u00a0]?(?:million|billion|thousand|trillion)|bn|mn|[mkb])?\+?\Z|\d%(?: (?:a|per) (?:year|month|week|day))?\Z",
    re.IGNORECASE,
)


def check_invariants(ex: ExtractedText, source: str, *, entities: bool = False) -> None:
    """The laws every extraction obeys, whatever the input."""
    text = ex.text
    # Blocks in order, non-empty, trimmed, newline-free, and the text is exactly them joined.
    assert text == SEPARATOR.join(texts(ex))
    previous_end = -2
    for block in ex.blocks:
        assert block.start == previous_end + 2 or (previous_end == -2 and block.start == 0)
        assert block.start < block.end
        body = text[block.start : block.end]
        assert "\n" not in body
        assert not body[0].isspace() and not body[-1].isspace()
        previous_end = block.end
    # One source offset per character, inside the source, never going backwards.
    offsets = list(ex.source_offsets)
    assert len(offsets) == len(text) == len(ex.source_offsets)
    assert all(0 <= o < len(source) for o in offsets)
    assert offsets == sorted(offsets)
    assert 0 <= ex.source_offset(len(text)) <= len(source)
    # Every character that came from the source is at its offset there (a collapsed space on
    # some whitespace, a decoded reference on its '&', the space that parts a figure from a label
    # glued to it by markup on that markup's last character, right before the label).
    for i, ch in enumerate(text):
        if ch == "\n":
            continue
        at = source[offsets[i]]
        # (plain text too: a superscript footnote mark it leaves out stands where markup would, "0²AA" → "0 AA")
        glued = (
            ch == " " and 0 < i < len(text) - 1 and offsets[i - 1] < offsets[i] == offsets[i + 1] - 1
            and (
                (text[i + 1].isalpha() and _FIGURE_END.search(text, 0, i) is not None)
                or (text[i + 1].isdecimal() and text[i - 3 : i].isalpha() and text[i - 1].islower())
                # (a hedged figure or a sign's after a label: "Employees" and "approx. 1,900", "Cost" and "₱47.9M")
                or (
                    text[i - 3 : i].isalpha() and text[i - 1].islower()
                    and (_HEDGED_FIGURE.match(text, i + 1) is not None or (
                        text[i + 1] in "$€£₹₱R~" and text[i + 2 : i + 3].isdecimal()
                    ))
                )
            )
        )
        # (a replacement character, what a bad byte decoded to, is read as a space)
        assert at == ch or (ch == " " and (at.isspace() or at == "\ufffd")) or (entities and at == "&") or glued, (
            i, ch, at,
        )
    # Lines and columns agree with a naive count.
    for i in range(0, len(text), max(1, len(text) // 50)):
        line, col = ex.source_position(i)
        before = source[: offsets[i]].replace("\r\n", "\n").replace("\r", "\n")
        assert line == before.count("\n") + 1
        assert col == len(before) - (before.rfind("\n") + 1) + 1


# --------------------------------------------------------------------------------------------
# The value types
# --------------------------------------------------------------------------------------------


def test_offset_map_reads_like_a_tuple():
    ex = extract_plain("ab  cd\n\nef")
    assert ex.text == "ab cd\n\nef"
    assert tuple(ex.source_offsets) == (0, 1, 2, 4, 5, 8, 8, 8, 9)
    assert ex.source_offsets[3] == 4
    assert ex.source_offsets[-1] == 9
    assert ex.source_offsets[1:4] == (1, 2, 4)
    assert ex.source_offset(len(ex.text)) == 10
    with pytest.raises(IndexError):
        ex.source_offsets[len(ex.text)]
    with pytest.raises(IndexError):
        ex.source_offset(-1)


def test_separators_map_to_the_next_real_character():
    ex = extract_plain("one\n\n\n\ntwo")
    assert ex.text == "one\n\ntwo"
    assert ex.source_offset(3) == ex.source_offset(4) == ex.source_offset(5) == 7


def test_source_position_counts_crlf_and_cr_as_one_break():
    source = "first\r\nsecond line\rthird\n\nfourth"
    ex = extract_plain(source)
    assert ex.line_starts == (0, 7, 19, 25, 26)
    assert ex.source_position(ex.text.index("line")) == (2, 8)
    assert ex.source_position(ex.text.index("third")) == (3, 1)
    assert ex.source_position(ex.text.index("fourth")) == (5, 1)


def test_block_at():
    ex = extract_plain("Alpha\n\nbeta")
    assert ex.block_at(0) == Block("heading", 0, 5, level=2)
    assert ex.block_at(5) is None  # separator
    assert ex.block_at(7).start == 7
    assert ex.block_at(len(ex.text)) is None
    assert extract_plain("").block_at(0) is None


def test_empty_inputs():
    for extract in EXTRACTORS:
        ex = extract("")
        assert ex.text == "" and ex.blocks == () and len(ex.source_offsets) == 0
        assert ex.line_starts == (0,)
        assert ex.source_offset(0) == 0


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------


def test_html_blocks_and_inline_elements():
    source = (
        "<h2>Budget <small>FY2019</small></h2><p>ICE has <b>more</b> than <a href='#'>20,000</a>"
        " staff.</p><div>one<div>two</div>three</div>"
    )
    ex = extract_html(source)
    assert kinds(ex) == [
        ("heading", 2, "Budget FY2019"),
        ("paragraph", 0, "ICE has more than 20,000 staff."),
        ("paragraph", 0, "one"),
        ("paragraph", 0, "two"),
        ("paragraph", 0, "three"),
    ]
    check_invariants(ex, source, entities=True)


def test_html_heading_levels():
    ex = extract_html("".join(f"<h{n}>H{n}</h{n}>" for n in range(1, 7)))
    assert [(b.kind, b.level) for b in ex.blocks] == [("heading", n) for n in range(1, 7)]


def test_html_whitespace_collapses_and_maps_to_first_space():
    source = "<p>\n   a \t\n b  </p>"
    ex = extract_html(source)
    assert ex.text == "a b"
    assert ex.source_offsets[1] == source.index(" \t")


def test_html_entities_decode_and_map_to_the_ampersand():
    source = "<p>M&amp;A &lt;b&gt; &#36;8&nbsp;billion &#x2014; &rsquo;s &ampxyz &bogus; &#0;</p>"
    ex = extract_html(source)
    # (&#0; decodes to U+FFFD, which is read as a space: trailing, it is dropped)
    assert ex.text == "M&A <b> $8\xa0billion \u2014 \u2019s &xyz &bogus;"
    assert source[ex.source_offset(ex.text.index("$"))] == "&"
    assert ex.source_offset(ex.text.index("xyz")) == source.index("xyz")
    check_invariants(ex, source, entities=True)


@pytest.mark.parametrize(
    "markup",
    [
        "<sup>2</sup>", "<sup><a href='#fn2'>2</a></sup>", "<sup>*</sup>", "<sup>&dagger;</sup>", "<sup>a,b</sup>",
        "<sup class=fn> [12] </sup>", "<sup>1, 3</sup>",
    ],
)  # fmt: skip
def test_html_footnote_markers_are_left_out(markup):
    source = f"<p>Removals{markup}: 44,210{markup} in FY 2022.</p><p>{markup} Removals include returns.</p>"
    ex = extract_html(source)
    assert texts(ex) == ["Removals: 44,210 in FY 2022.", "Removals include returns."]
    # every character left maps to itself in the source
    assert all(source[ex.source_offset(i)] == ch for i, ch in enumerate(ex.text) if ch not in "\n")
    assert ex.source_offset(ex.text.index(": 44")) == source.index(": 44")
    check_invariants(ex, source, entities=True)


def test_html_powers_and_ordinals_in_sup_are_kept():
    ex = extract_html("<p>640 km<sup>2</sup>, 5 m<sup>3</sup>, 10<sup>6</sup> cells, the 21<sup>st</sup> year</p>")
    assert texts(ex) == ["640 km2, 5 m3, 106 cells, the 21st year"]


def test_a_figure_and_a_label_glued_by_markup_are_parted():
    # A stat card's figure and label in sibling inline elements (and an infobox's label and figure); the space sits on
    # the markup's last character.
    source = (
        "<div class=card><span class=n>98,730</span><span class=l>calls answered</span></div>"
        "<p><b>412</b>buses, the 3<sup>rd</sup> year, $1.2<span>bn</span>, 40<b>km</b>, <b>7</b> routes,"
        " Staff<b>1,240</b></p><p><span>10.4 million</span><span>app downloads</span>, a <b>million</b>fold,"
        " <b>1.42bn</b>minutes, <b>12k+</b>hours</p>"
    )
    ex = extract_html(source)
    assert texts(ex) == [
        "98,730 calls answered", "412 buses, the 3rd year, $1.2bn, 40 km, 7 routes, Staff 1,240",
        "10.4 million app downloads, a millionfold, 1.42bn minutes, 12k+ hours",
    ]
    assert source[ex.source_offset(ex.text.index(" calls"))] == ">"
    check_invariants(ex, source, entities=True)
    source = "**98,730**calls answered and 5**th** place"
    assert texts(extract_markdown(source)) == ["98,730 calls answered and 5th place"]
    check_invariants(extract_markdown(source), source, entities=True)
    assert texts(extract_plain("98,730calls")) == ["98,730calls"]  # no markup: as written
    assert texts(extract_html("<p>staff¹<a href='#n1'>AA</a></p>")) == ["staff¹AA"]  # ("¹" is no digit of a figure)
    # (a range's opener, an abbreviated hedge, a currency sign and a figure's rate are parted from the words beside
    # them as well)
    source = (
        "<p><span>Storage per hub</span><span>between 40,000 and 55,000</span></p><p><span>Employees</span>"
        "<span>approx. 1,900</span></p><p><span>Cost</span><span>₱47.9M</span></p><p><span>7.4% a year</span>"
        "<span>average return</span></p>"
    )
    ex = extract_html(source)
    assert texts(ex) == [
        "Storage per hub between 40,000 and 55,000", "Employees approx. 1,900", "Cost ₱47.9M",
        "7.4% a year average return",
    ]
    check_invariants(ex, source, entities=True)


def test_unicode_superscript_footnotes_are_left_out_but_powers_kept():
    source = "14,000 employees\u00b9 in 12\u00b2\u00b3 offices, 640 km\u00b2 and 10\u2076.\n\n\u00b9 Staff only."
    for extract in (extract_plain, extract_markdown):
        ex = extract(source)
        assert texts(ex) == ["14,000 employees in 12 offices, 640 km\u00b2 and 10\u2076.", "Staff only."]
        assert ex.source_offset(ex.text.index(" in 12")) == source.index(" in 12")
    ex = extract_markdown("Has 14,000 employees<sup>1</sup> and 640 km<sup>2</sup>.")
    assert texts(ex) == ["Has 14,000 employees and 640 km2."]


def test_html_nbsp_is_kept_but_never_starts_or_ends_a_block():
    ex = extract_html("<p>&nbsp;</p><p>&nbsp; 9&#8201;800 &nbsp;</p>")
    assert texts(ex) == ["9\u2009800"]


def test_html_br_and_hr_split_blocks_in_the_same_context():
    ex = extract_html("<li>first<br>second<br/>third</li><p>a<hr>b</p><p>c</br>d</p>")
    assert kinds(ex)[:3] == [("list-item", 0, "first"), ("list-item", 0, "second"), ("list-item", 0, "third")]
    assert texts(ex)[3:] == ["a", "b", "c", "d"]


def test_html_pre_keeps_lines_apart():
    ex = extract_html("<pre>line one\n  line   two\n\nlast</pre>")
    assert texts(ex) == ["line one", "line two", "last"]


@pytest.mark.parametrize(
    "markup",
    [
        "<script>var x = '<p>no</p>';</script>",
        "<style>p { color: red }</style>",
        "<noscript>no</noscript>",
        "<template><p>no</p></template>",
        "<nav><ul><li>no</li></ul></nav>",
        "<header>no</header>",
        "<footer>no</footer>",
        "<aside>no</aside>",
        "<svg><text>no</text></svg>",
        "<iframe>no</iframe>",
        "<select><option>no</option></select>",
        "<div hidden>no</div>",
        "<div aria-hidden='true'>no</div>",
        "<div role='navigation'>no</div>",
        "<div role='banner'>no</div>",
        "<div role='contentinfo'>no</div>",
        "<div style='display: none'>no</div>",
        "<!-- <p>no</p> -->",
    ],
)
def test_html_boilerplate_is_dropped(markup):
    ex = extract_html(f"<p>before</p>{markup}<p>after</p>")
    assert texts(ex) == ["before", "after"]


def test_html_article_header_is_content_but_page_header_is_not():
    source = "<header>Site banner</header><main><article><header><h1>Title</h1></header><p>x</p></article></main>"
    assert texts(extract_html(source)) == ["Title", "x"]


def test_html_head_gives_only_the_title():
    source = (
        "<html><head><meta charset='utf-8'><title> Who  We &amp; Are </title>"
        "<link rel=x><style>x</style></head><body><p>Body</p></body></html>"
    )
    ex = extract_html(source)
    assert kinds(ex) == [("title", 0, "Who We & Are"), ("paragraph", 0, "Body")]


def test_html_missing_head_end_tag_does_not_swallow_the_body():
    ex = extract_html("<head><title>T</title><meta x=y><p>Body text</p>")
    assert texts(ex) == ["T", "Body text"]
    ex = extract_html("<head><title>T</title>stray text")
    assert texts(ex) == ["T", "stray text"]


def test_html_attribute_text_never_appears():
    source = '<p title="no" data-x="no 123"><img alt="no"> yes <input value="no"><a href="no">yes</a></p>'
    assert extract_html(source).text == "yes yes"


def test_html_attribute_values_may_hold_gt():
    assert extract_html('<p data-x="a > b">text</p>').text == "text"


def test_html_lists_nest():
    source = "<ul><li>a<ul><li>b<ol><li>c</li></ol></li></ul>a2</li><li>d</li></ul>"
    assert kinds(extract_html(source)) == [
        ("list-item", 0, "a"),
        ("list-item", 1, "b"),
        ("list-item", 2, "c"),
        ("list-item", 0, "a2"),
        ("list-item", 0, "d"),
    ]


def test_html_unclosed_list_items_close_each_other():
    ex = extract_html("<ul><li>one<li>two<li>three</ul><p>after")
    assert kinds(ex) == [("list-item", 0, "one"), ("list-item", 0, "two"), ("list-item", 0, "three"), ("paragraph", 0, "after")]


def test_html_tables():
    source = (
        "<table><caption>Budget ($ in thousands)</caption>"
        "<thead><tr><th>Year</th><th>Amount</th></tr></thead>"
        "<tbody><tr><td>FY2019</td><td>61,202</td></tr>"
        "<tr><td colspan='2'>Total</td><td>9</td></tr></tbody></table>"
        "<table><tr><td>x<table><tr><td>inner</td></tr></table></td><td>y</td></tr></table>"
    )
    ex = extract_html(source)
    cells = [(ex.text[b.start : b.end], b.table, b.row, b.col) for b in ex.blocks if b.kind == "table-cell"]
    assert cells == [
        ("Year", 0, 0, 0),
        ("Amount", 0, 0, 1),
        ("FY2019", 0, 1, 0),
        ("61,202", 0, 1, 1),
        ("Total", 0, 2, 0),
        ("9", 0, 2, 2),
        ("x", 1, 0, 0),
        ("inner", 2, 0, 0),
        ("y", 1, 0, 1),
    ]
    assert ex.blocks[0].kind == "paragraph" and texts(ex)[0] == "Budget ($ in thousands)"


def test_html_unclosed_cells_and_rows():
    ex = extract_html("<table><tr><td>a<td>b<tr><td>c<td><p>d</p></table><p>after")
    cells = [(ex.text[b.start : b.end], b.row, b.col) for b in ex.blocks if b.kind == "table-cell"]
    assert cells == [("a", 0, 0), ("b", 0, 1), ("c", 1, 0), ("d", 1, 1)]
    assert ex.blocks[-1].kind == "paragraph"


def test_html_stray_end_tags_and_unclosed_tags():
    ex = extract_html("</div></p>one</span><p>two<div>three</b></div></section>four<p>five")
    assert texts(ex) == ["one", "two", "three", "four", "five"]


def test_html_end_tag_from_outside_a_table_cannot_close_it():
    ex = extract_html("<div><table><tr><td>a</div>b</td><td>c</td></tr></table></div>")
    assert [b.col for b in ex.blocks] == [0, 1]
    assert texts(ex) == ["ab", "c"]


def test_html_broken_markup_at_eof():
    assert texts(extract_html("<p>kept</p><div class='x")) == ["kept"]
    assert texts(extract_html("<p>kept</p><!-- never closed <p>no")) == ["kept"]
    assert texts(extract_html("<p>kept</p><script>never closed")) == ["kept"]
    assert texts(extract_html("a < b and c<")) == ["a < b and c<"]


def test_html_deep_nesting_does_not_recurse():
    depth = 5000
    source = "<div><span>" * depth + "deep" + "</span></div>" * depth + "<p>after</p>"
    assert texts(extract_html(source)) == ["deep", "after"]
    unclosed = "<div><b><li><td>" * depth + "x"
    assert extract_html(unclosed).text == "x"


def test_html_title_and_rcdata_decode_entities_but_not_tags():
    ex = extract_html("<title>A &amp; <b>B</b></title>")
    assert ex.text == "A & <b>B</b>"


def test_html_self_closing_non_void_is_empty():
    assert texts(extract_html("<div/>a<p/>b")) == ["a", "b"]


def test_iter_start_tags_and_strip_markup():
    source = "<meta property='article:modified_time' content='2020-05-13'><footer><p>Last Updated: <b>05/13/2020</b></p></footer><script>no()</script>"
    tags = list(iter_start_tags(source))
    assert tags[0][0] == "meta" and tags[0][1]["content"] == "2020-05-13"
    assert tags[0][2] == 0 and source[tags[0][3] - 1] == ">"
    stripped = strip_markup(source)
    assert "Last Updated: 05/13/2020" in stripped and "no()" not in stripped


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------


def test_markdown_headings():
    source = "# One\n\n## Two ##\n\n###### Six\n\n####### not\n\n#hashtag\n\nSetext one\n===\n\nSetext\ntwo\n---\n"
    assert kinds(extract_markdown(source)) == [
        ("heading", 1, "One"),
        ("heading", 2, "Two"),
        ("heading", 6, "Six"),
        ("paragraph", 0, "####### not"),
        ("paragraph", 0, "#hashtag"),
        ("heading", 1, "Setext one"),
        ("heading", 2, "Setext two"),
    ]


def test_markdown_paragraphs_join_lines():
    source = "first line\nsecond  line\n\nnext"
    ex = extract_markdown(source)
    assert texts(ex) == ["first line second line", "next"]
    check_invariants(ex, source)


def test_markdown_lists_nest_by_indentation():
    source = "- a\n- b\n  - c\n    1. d\n    2) e\n  - f\n* g\n+ h\n\n1. one\n2. two\n"
    assert kinds(extract_markdown(source)) == [
        ("list-item", 0, "a"),
        ("list-item", 0, "b"),
        ("list-item", 1, "c"),
        ("list-item", 2, "d"),
        ("list-item", 2, "e"),
        ("list-item", 1, "f"),
        ("list-item", 0, "g"),
        ("list-item", 0, "h"),
        ("list-item", 0, "one"),
        ("list-item", 0, "two"),
    ]


def test_markdown_list_item_continuations():
    source = "- item starts\n  and continues\n\n  second paragraph of item\n\nback to text"
    assert kinds(extract_markdown(source)) == [
        ("list-item", 0, "item starts and continues"),
        ("list-item", 0, "second paragraph of item"),
        ("paragraph", 0, "back to text"),
    ]


def test_markdown_numbers_that_cannot_start_a_list_inside_a_paragraph():
    ex = extract_markdown("In the year\n2019. Budget grew.")
    assert texts(ex) == ["In the year 2019. Budget grew."]


def test_markdown_thematic_break_is_not_a_list():
    assert texts(extract_markdown("a\n\n- - -\n\nb\n\n***\n")) == ["a", "b"]


def test_markdown_blockquotes():
    source = "> quoted\n> text\n>\n> > nested\n\nplain"
    assert texts(extract_markdown(source)) == ["quoted text", "nested", "plain"]


def test_markdown_fenced_code_is_dropped():
    source = "before\n\n```python\nx = 20000\n```\n\n~~~~\ncode\n~~~\nstill code\n~~~~\nafter"
    assert texts(extract_markdown(source)) == ["before", "after"]


def test_markdown_html_script_and_comment_blocks_are_dropped():
    source = "a\n\n<!--\nhidden 1\n-->\n\n<script>\nvar x = 2;\n</script>\n\n<div>shown</div>"
    assert texts(extract_markdown(source)) == ["a", "shown"]


def test_markdown_pipe_tables():
    source = "| Year | Amount |\n|:-----|-------:|\n| FY2019 | \\$8 billion |\n| FY2020 | |\n\nafter"
    ex = extract_markdown(source)
    cells = [(ex.text[b.start : b.end], b.table, b.row, b.col) for b in ex.blocks if b.kind == "table-cell"]
    assert cells == [("Year", 0, 0, 0), ("Amount", 0, 0, 1), ("FY2019", 0, 1, 0), ("$8 billion", 0, 1, 1), ("FY2020", 0, 2, 0)]
    assert texts(ex)[-1] == "after"
    check_invariants(ex, source)


def test_markdown_pipes_without_a_delimiter_row_are_text():
    assert texts(extract_markdown("a | b\n---\n")) == ["a | b"]  # a setext heading, not a table


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("approximately \\$8 billion", "approximately $8 billion"),
        ("**more than** __20,000__ *staff* _here_", "more than 20,000 staff here"),
        ("***both*** ~~struck~~", "both struck"),
        ("a `code *span*` b", "a code *span* b"),
        ("`` a ` b ``", "a ` b"),
        ("see [the budget](https://x.gov/b_c \"title\") now", "see the budget now"),
        ("see [the budget][ref] now", "see the budget now"),
        ("![chart](chart.png)figure", "figure"),
        ("link <https://www.ice.gov/about> and <info@ice.gov>", "link https://www.ice.gov/about and info@ice.gov"),
        ("a <span class='x'>b</span> <!-- c --> d", "a b d"),
        ("M&amp;A &nbsp;x &copy; &bogus;", "M&A \xa0x \u00a9 &bogus;"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("2 * 3 and 2*3 and a * b", "2 * 3 and 2*3 and a * b"),
        ("~5,000 agents", "~5,000 agents"),
        ("9,800* employees", "9,800* employees"),
        ("footnote[^1] here", "footnote here"),
        ("\\*not emphasis\\*", "*not emphasis*"),
        ("[unclosed link", "[unclosed link"),
        ("unpaired `tick", "unpaired `tick"),
        ("**bold over\nlines**", "bold over lines"),
        ("C:\\path", "C:\\path"),
    ],
)
def test_markdown_inline(source, expected):
    ex = extract_markdown(source)
    assert ex.text == expected
    check_invariants(ex, source, entities=True)


def test_markdown_escape_maps_to_the_escaped_character():
    source = "budget of \\$8 billion"
    ex = extract_markdown(source)
    assert ex.source_offset(ex.text.index("$")) == source.index("$")


def test_markdown_link_reference_definitions_and_front_matter_vanish():
    source = "---\ntitle: x\ndate: 2020-05-13\n---\n[ref]: https://x.gov\n\nBody [text][ref]."
    assert texts(extract_markdown(source)) == ["Body text."]


# --------------------------------------------------------------------------------------------
# Plain text
# --------------------------------------------------------------------------------------------


def test_plain_paragraphs_and_wrapped_lines():
    wrapped = (
        "This paragraph was hard wrapped at about seventy columns by an editor\n"
        "so its lines belong together and should be read as one paragraph of\n"
        "prose.\n\nNext one."
    )
    ex = extract_plain(wrapped)
    assert texts(ex)[0].startswith("This paragraph") and texts(ex)[0].endswith("one paragraph of prose.")
    assert len(ex.blocks) == 2
    # A wrapped line that ends a sentence is a block boundary: nothing is lost by the cut.
    two = "Wrapped text that ends one sentence right here at the end of the line.\nThen another sentence starts on this line and runs on."
    assert len(extract_plain(two).blocks) == 2


def test_plain_unwrapped_lines_stay_apart():
    source = (
        "Budget - Fiscal Year 2009\n"
        "ICE has an annual budget of more than $5.7 billion, with Fiscal Year 2010 (FY10) budget figures in key categories.\n"
        "Last Updated: 01/20/2021\nWas this page helpful?"
    )
    assert texts(extract_plain(source)) == [
        "Budget - Fiscal Year 2009",
        "ICE has an annual budget of more than $5.7 billion, with Fiscal Year 2010 (FY10) budget figures in key categories.",
        "Last Updated: 01/20/2021",
        "Was this page helpful?",
    ]


def test_plain_list_items():
    source = "- Home\n* Who\n• What\n◦ Sub\n· Dot\n– Dash\n  1. one\n  2) two\n    • deep\n-5% is not a bullet"
    assert kinds(extract_plain(source)) == [
        ("list-item", 0, "Home"),
        ("list-item", 0, "Who"),
        ("list-item", 0, "What"),
        ("list-item", 0, "Sub"),
        ("list-item", 0, "Dot"),
        ("list-item", 0, "Dash"),
        ("list-item", 1, "one"),
        ("list-item", 1, "two"),
        ("list-item", 2, "deep"),
        ("paragraph", 0, "-5% is not a bullet"),
    ]


def test_plain_indented_continuation_of_an_item():
    source = "- item that goes on\n  and on\n- next"
    assert texts(extract_plain(source)) == ["item that goes on and on", "next"]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Who We Are", "heading"),
        ("Homeland Security Investigations (HSI)", "heading"),
        ("1 related video.", "paragraph"),
        ("Think you know ICE ?", "paragraph"),
        ("career information →", "paragraph"),
        ("Last Reviewed/Updated: 05/13/2020", "paragraph"),
        ("Last Viewed by First Circuit Library on 05/18/2020", "paragraph"),
        ("[Click here for the latest ICE guidance](#)", "paragraph"),
        ("2,300", "paragraph"),
        ("This is a rather long line that has far too many words in it to be a heading at all", "paragraph"),
    ],
)
def test_plain_heading_heuristic(line, kind):
    ex = extract_plain(f"Intro text.\n\n{line}\n\nMore text.")
    assert ex.blocks[1].kind == kind
    if kind == "heading":
        assert ex.blocks[1].level == 2


def test_plain_a_short_line_inside_a_group_is_not_a_heading():
    ex = extract_plain("Short title\nfollowed directly by text")
    assert all(b.kind == "paragraph" for b in ex.blocks)


def test_plain_rule_lines_separate_groups():
    ex = extract_plain("Title\n=====\nBody text here.")
    assert kinds(ex) == [("heading", 2, "Title"), ("paragraph", 0, "Body text here.")]


def test_plain_unescapes_and_strips_link_syntax():
    source = "budget of approximately \\$8 billion. [Click here](#) and [ICE](https://www.ice.gov/x_y) ![logo](l.png)end"
    ex = extract_plain(source)
    assert ex.text == "budget of approximately $8 billion. Click here and ICE end"
    assert ex.source_offset(ex.text.index("$")) == source.index("$")
    check_invariants(ex, source)


def test_plain_keeps_markdown_emphasis_characters():
    assert extract_plain("a *b* _c_").text == "a *b* _c_"


# --------------------------------------------------------------------------------------------
# The seeds
# --------------------------------------------------------------------------------------------


def seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("seed folder absent")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def test_seed_000_menu_headings_and_escaped_dollar():
    source = seed("000")
    ex = extract_plain(source)
    check_invariants(ex, source)
    blocks = kinds(ex)
    assert blocks[:8] == [("list-item", 0, t) for t in (
        "Home", "Who We Are", "What We Do", "Newsroom", "Information Library", "Contact ICE", "Careers", "En Español"
    )]
    assert ("heading", 2, "Who We Are") in blocks
    assert ("heading", 2, "Homeland Security Investigations") in blocks
    assert ("paragraph", 0, "Click here for the latest ICE guidance on COVID-19") in blocks
    assert "approximately $8 billion" in ex.text and "\\$" not in ex.text
    assert "(#)" not in ex.text
    hsi = next(t for k, _, t in blocks if t.startswith("HSI is the principal"))
    assert "more than 9,800 employees" in hsi
    start = ex.text.index("$8 billion")
    line, col = ex.source_position(start)
    assert source.splitlines()[line - 1][col - 1 :].startswith("$8 billion")


def test_seed_001_numbered_list():
    ex = extract_plain(seed("001"))
    items = [t for k, _, t in kinds(ex) if k == "list-item"]
    assert items == [
        "Domestic Operations", "Intelligence", "International Affairs", "Mission Support",
        "National Intellectual Property Rights Coordination Center", "National Security Investigations Division",
    ]


def test_seed_003_nested_bullets():
    ex = extract_plain(seed("003"))
    blocks = kinds(ex)
    assert ("list-item", 1, "More than 48,000 assault offenses") in blocks
    assert ("paragraph", 0, "Release Date: August 20, 2018") in blocks
    assert any(k == "list-item" and level == 0 and t.startswith("During fiscal year FY 2017") for k, level, t in blocks)


def test_seed_004_lines_are_not_run_together():
    ex = extract_plain(seed("004"))
    assert "Budget - Fiscal Year 2009" in texts(ex)
    assert any(t.startswith("ICE has an annual budget of more than $5.7 billion") for t in texts(ex))


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("extract", EXTRACTORS)
def test_seeds_obey_the_laws_with_every_extractor(prefix, extract):
    source = seed(prefix)
    check_invariants(extract(source), source, entities=True)


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

MARKUP_PIECES = st.sampled_from([
    "<p>", "</p>", "<div>", "</div>", "<br>", "<li>", "<ul>", "</ul>", "<td>", "<tr>", "<table>",
    "</table>", "<h2>", "</h2>", "<b>", "</b>", "<script>", "</script>", "<!--", "-->", "<a href='x>y'>",
    "&amp;", "&nbsp;", "&#36;", "&#x2014;", "&", "<", ">", "\"", "'", "\n", "\r\n", "\r", " ", "\t",
    "- ", "* ", "1. ", "# ", "> ", "|", "---", "```", "`", "**", "_", "~~", "\\", "\\$", "[", "](#)",
    "![", "<https://x.y>", "word", "20,000", "$8", "\xa0", "\u2009", "•", "=", "title", "<title>", "</title>",
])
MARKUP_TEXT = st.lists(MARKUP_PIECES | st.text(max_size=5), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(source=st.text(max_size=300) | MARKUP_TEXT)
def test_property_never_raises_and_offsets_hold(source):
    for extract in EXTRACTORS:
        ex = extract(source)
        check_invariants(ex, source, entities=extract is not extract_plain)


# Words start with a letter: "1." or "12)" at the start of a line is a list marker, rightly.
WORDS = st.lists(st.from_regex(r"[A-Za-z][A-Za-z0-9,.$%]{0,8}", fullmatch=True), min_size=1, max_size=15)
SPACE = st.sampled_from([" ", "  ", "\t", "\n", " \n  ", "\r\n"])


@settings(max_examples=200, deadline=None)
@given(words=WORDS, data=st.data())
def test_property_whitespace_and_inline_markup_do_not_change_html_words(words, data):
    plain = "<p>" + " ".join(html.escape(w) for w in words) + "</p>"
    decorated = "<p>" + data.draw(SPACE)
    for w in words:
        tag = data.draw(st.sampled_from(["", "b", "span", "a", "em", "abbr"]))
        piece = html.escape(w) if not tag else f"<{tag} class='x'>{html.escape(w)}</{tag}>"
        decorated += piece + data.draw(SPACE)
    decorated += "</p>"
    assert extract_html(decorated).text == extract_html(plain).text == " ".join(words)


@settings(max_examples=200, deadline=None)
@given(words=WORDS, data=st.data())
def test_property_whitespace_and_emphasis_do_not_change_markdown_words(words, data):
    source = "".join(
        f"{mark}{w}{mark}{data.draw(SPACE)}"
        for w in words
        for mark in [data.draw(st.sampled_from(["", "**", "*", "__", "_", "~~"]))]
    )
    assert extract_markdown(source).text.split() == words


@settings(max_examples=200, deadline=None)
@given(words=WORDS, data=st.data())
def test_property_whitespace_does_not_change_plain_words(words, data):
    source = "".join(w + data.draw(st.sampled_from([" ", "  ", "\t", " \t "])) for w in words)
    assert extract_plain(source).text == " ".join(words)


def collapse_like_html(text: str) -> str:
    """The model: ASCII-ish whitespace runs (and U+FFFD) become one space, other spaces stay, edges trimmed."""
    collapsed = re.sub("[ \t\n\r\f\v\x1c-\x1f\x85\u2028\u2029\ufffd]+", " ", text)
    return collapsed.strip("".join(ch for ch in map(chr, range(0x3001)) if ch.isspace()) + "\ufffd")


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_property_escaped_text_round_trips_through_html(text):
    ex = extract_html("<p>" + html.escape(text) + "</p>")
    assert ex.text == collapse_like_html(text.replace("\r\n", "\n"))


# --------------------------------------------------------------------------------------------
# Laid-out text (PDF) and pages
# --------------------------------------------------------------------------------------------


def test_extract_layout_makes_one_block_per_box_and_keeps_pages():
    from claimcheck.claims.text import extract_layout

    source = "Annual Report\n\nICE has more than\n20,000 employees.\n\nPage two text here."
    boxes = [(0, 13), (15, 50), (52, len(source))]
    ex = extract_layout(source, boxes, page_starts=(0, 52))
    assert ex.text == "Annual Report\n\nICE has more than 20,000 employees.\n\nPage two text here."
    assert [b.kind for b in ex.blocks] == ["heading", "paragraph", "paragraph"]
    staff = ex.text.index("20,000")
    assert ex.source_page(staff) == 1 and ex.source_position(staff) == (4, 1)
    two = ex.text.index("two")
    assert ex.source_page(two) == 2 and ex.source_position(two) == (1, 6)  # line 1 of page 2
    for offset in range(len(ex.text) + 1):
        assert ex.source_page(offset) in (1, 2)


def test_a_blank_layout_box_is_skipped_not_a_crash():
    from claimcheck.claims.text import extract_layout

    source = "Title   \n\nHSI has 6,000 agents."
    ex = extract_layout(source, [(5, 8), (10, len(source))])  # the first box holds only spaces
    assert ex.text == "HSI has 6,000 agents."
    assert [b.kind for b in ex.blocks] == ["paragraph"]
    assert ex.source_position(ex.text.index("6,000")) == (3, 9)


def test_unpaged_documents_have_no_page():
    ex = extract_plain("ICE has 5 offices.\nMore.")
    assert ex.page_starts == () and ex.source_page(0) is None
    assert ex.source_position(ex.text.index("More")) == (2, 1)


def test_replacement_characters_between_words_read_as_spaces():
    # PDF-to-text scrapes put U+FFFD for every space: the words and the figure read as with spaces
    source = "In\ufffd2019, 69.1\ufffdmillion\ufffdpeople\ufffdreceived\ufffdbenefits."
    ex = extract_plain(source)
    assert ex.text == "In 2019, 69.1 million people received benefits."
    assert ex.source_offset(ex.text.index("people")) == source.index("people")
