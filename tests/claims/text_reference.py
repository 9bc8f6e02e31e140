"""Raw page text → blocks with a source map, the slow way: an oracle for claims/text.py.

This is claims/text.py as it was before its HTML path was rewritten for speed (a per-token generator,
per-piece builder calls). ``tests/claims/test_text_equivalence.py`` checks that the package gives exactly
the same ExtractedText on the examples, the seeds, the benchmark's pages and generated hostile markup.
Change an extraction rule here and in the package together.
"""

from __future__ import annotations

import bisect
import html
import re
import string
import unicodedata
from collections.abc import Iterator, Sequence
from html.entities import html5 as _HTML5
from operator import attrgetter

import attrs

# (the parse of a dump table's lines, what a title line and a flattened table's row are, and whether wrapped prose
# runs on past a sentence's end, are shared: what is compared is how the two readers write blocks)
from claimcheck.claims.text import (
    _aside_chrome, _heads_figures_rows, _title_line, _wrapped_sentence_end, dump_table, glued, is_figures_row,
)

__all__ = [
    "BLOCK_KINDS",
    "SEPARATOR",
    "Block",
    "ExtractedText",
    "OffsetMap",
    "extract_html",
    "extract_layout",
    "extract_markdown",
    "extract_plain",
    "iter_start_tags",
    "strip_markup",
]

BLOCK_KINDS = ("heading", "paragraph", "list-item", "table-cell", "title")
# Blocks are joined with a blank line so that no sentence can run from one block into the next.
SEPARATOR = "\n\n"


# --------------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------------


@attrs.frozen
class Block:
    """One block of extracted text: a heading, paragraph, list item, table cell or page title."""

    kind: str  # one of BLOCK_KINDS
    start: int  # offsets into ExtractedText.text, end exclusive
    end: int
    level: int = 0  # heading level 1-6; list nesting depth (0 = top level); 0 otherwise
    row: int | None = None  # table cells: row and column within their table (0-based)
    col: int | None = None
    table: int | None = None  # table number within the document (0-based)


@attrs.frozen
class OffsetMap(Sequence[int]):
    """Source offset of every character of extracted text, stored as runs.

    Run ``k`` starts at text offset ``text_starts[k]`` and maps text offset ``t`` (up to the next
    run) to ``source_starts[k] + t - text_starts[k]``. It reads like a tuple of ints (index,
    slice, ``len``, iterate), but costs memory per run rather than per character, which matters
    for the 50 MiB documents the loader accepts.
    """

    text_starts: tuple[int, ...]
    source_starts: tuple[int, ...]
    length: int  # number of characters mapped (== len(text))
    source_end: int  # source offset just past the last mapped character; 0 when nothing is

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self.length)))
        if index < 0:
            index += self.length
        if not 0 <= index < self.length:
            raise IndexError("text offset out of range")
        k = bisect.bisect_right(self.text_starts, index) - 1
        return self.source_starts[k] + index - self.text_starts[k]

    def __iter__(self) -> Iterator[int]:
        bounds = self.text_starts[1:] + (self.length,)
        for start, stop, source in zip(self.text_starts, bounds, self.source_starts):
            yield from range(source, source + stop - start)


@attrs.frozen
class ExtractedText:
    """Plain text of one document in blocks, with a way back to lines and columns of the file."""

    text: str  # blocks joined by SEPARATOR
    blocks: tuple[Block, ...]  # in document order
    # source_offsets[i] is the offset in the decoded source of text[i]; a separator character
    # maps to the offset of the next real character.
    source_offsets: OffsetMap
    line_starts: tuple[int, ...]  # source offsets where each line starts (\r\n, \r, \n end lines)
    # Paged documents (PDF): source offset where each page starts, page 1 at 0; () = not paged.
    # Each is a line start, and lines are then counted from the top of their page.
    page_starts: tuple[int, ...] = ()

    def source_offset(self, offset: int) -> int:
        """Source offset of ``text[offset]``; ``len(text)`` maps just past the last character."""
        if not 0 <= offset <= len(self.text):
            raise IndexError("text offset out of range")
        if offset == len(self.text):
            return self.source_offsets.source_end
        return self.source_offsets[offset]

    def source_position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the original file of a text offset; columns count code points.

        In a paged document the line is counted within the offset's page (see ``source_page``).
        """
        source = self.source_offset(offset)
        line = bisect.bisect_right(self.line_starts, source)
        column = source - self.line_starts[line - 1] + 1
        page = self.source_page(offset)
        if page is not None:
            line -= bisect.bisect_left(self.line_starts, self.page_starts[page - 1])
        return line, column

    def source_page(self, offset: int) -> int | None:
        """1-based page of a text offset in a paged document (PDF); None for other documents."""
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, self.source_offset(offset)) or 1

    def block_at(self, offset: int) -> Block | None:
        """The block holding ``text[offset]``, or None for a separator or an offset outside."""
        i = bisect.bisect_right(self.blocks, offset, key=attrgetter("start")) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None


# --------------------------------------------------------------------------------------------
# Shared machinery: line tables, whitespace classes and the text builder
# --------------------------------------------------------------------------------------------

_NEWLINE_RE = re.compile(r"\r\n|\r|\n")
# Whitespace that collapses to one space (what HTML and Markdown treat as inter-word space), and U+FFFD: text
# scraped from PDFs often has it for every space ("received\ufffdbenefits\ufffdin\ufffd2019"), and a character
# lost in decoding is no letter of a word either …
_COLLAPSIBLE = " \t\n\r\f\v\x1c\x1d\x1e\x1f\x85\u2028\u2029\ufffd"
# … and the other Unicode spaces, kept as they are: U+00A0, U+2009 and U+202F sit inside
# numbers ("9 800", "20 000") and the number parser reads them.
_KEPT_SPACES = "\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Group 3 takes words joined by single ASCII spaces in one piece: collapsing leaves such a run as
# it is, and adding it whole makes ordinary prose several times faster than word by word.
_WORD = "[^%s%s]+" % (re.escape(_COLLAPSIBLE), _KEPT_SPACES)
_PIECE_RE = re.compile(
    "([%s]+)|([%s]+)|(%s(?: %s)*)" % (re.escape(_COLLAPSIBLE), _KEPT_SPACES, _WORD, _WORD)
)
_BLANK_RE = re.compile(r"\s*")

_Spec = tuple  # (kind, level, row, col, table) of the block being written
_PARAGRAPH: _Spec = ("paragraph", 0, None, None, None)


def _line_starts(source: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in _NEWLINE_RE.finditer(source)))


def _split_lines(source: str) -> list[tuple[int, int]]:
    """(start, end) of every line, line terminator excluded; a final empty line is included."""
    lines = []
    pos = 0
    for m in _NEWLINE_RE.finditer(source):
        lines.append((pos, m.start()))
        pos = m.end()
    lines.append((pos, len(source)))
    return lines


def _is_blank(source: str, start: int, end: int) -> bool:
    return _BLANK_RE.fullmatch(source, start, end) is not None


class _Builder:
    """Accumulates blocks of text, collapsing whitespace and recording every character's source.

    Whitespace is held back until a visible character follows it in the same block, so blocks
    never start or end with space and runs of space become one.
    """

    def __init__(self) -> None:
        self._chunks: list[str] = []
        self._length = 0
        self._text_starts: list[int] = []
        self._source_starts: list[int] = []
        self._blocks: list[Block] = []
        self._spec: _Spec | None = None
        self._block_start = -1  # text offset of the open block's first character; -1 = none yet
        self._pending: list[tuple[str, int]] = []  # held-back whitespace: (char, source offset)
        self._source_end = 0

    @property
    def is_open(self) -> bool:
        return self._spec is not None

    def begin(self, spec: _Spec) -> None:
        """Close the current block and start collecting a new one."""
        self.end()
        self._spec = spec

    def end(self) -> None:
        """Close the current block; a block that received no visible character leaves no trace."""
        if self._block_start >= 0:
            kind, level, row, col, table = self._spec or _PARAGRAPH
            self._blocks.append(Block(kind, self._block_start, self._length, level, row, col, table))
        self._block_start = -1
        self._pending.clear()
        self._spec = None

    def text(self, s: str, source: int) -> None:
        """Add raw text whose character ``k`` sits at ``source + k``."""
        for m in _PIECE_RE.finditer(s):
            if m.lastindex == 1:
                self._space(source + m.start())
            elif m.lastindex == 2:
                for k, ch in enumerate(m.group(2)):
                    self._kept_space(ch, source + m.start() + k)
            else:
                self._word(m.group(3), source + m.start())

    def mapped(self, s: str, source: int, source_end: int) -> None:
        """Add characters decoded from one reference (``&amp;``): all map to its first character."""
        for ch in s:
            if ch in _COLLAPSIBLE:
                self._space(source)
            elif ch in _KEPT_SPACES:
                self._kept_space(ch, source)
            else:
                self._visible(source)
                self._put(ch, source)
                self._source_end = source_end

    def finish(self, source: str) -> ExtractedText:
        self.end()
        offsets = OffsetMap(
            tuple(self._text_starts), tuple(self._source_starts), self._length, self._source_end
        )
        return ExtractedText("".join(self._chunks), tuple(self._blocks), offsets, _line_starts(source))

    def _space(self, source: int) -> None:
        if self._block_start < 0 or (self._pending and self._pending[-1][0] == " "):
            return
        self._pending.append((" ", source))

    def _kept_space(self, ch: str, source: int) -> None:
        if self._block_start >= 0:
            self._pending.append((ch, source))

    def _word(self, s: str, source: int) -> None:
        if (
            self._block_start >= 0 and not self._pending and source > self._source_end
            and glued(self._chunks, s, 0)
        ):
            self._put(" ", source - 1)  # a stat card's figure and label, in sibling inline elements
        self._visible(source)
        self._put(s, source)
        self._source_end = source + len(s)

    def _visible(self, source: int) -> None:
        """Open the block's text (after a separator) and release held-back whitespace."""
        if self._block_start < 0:
            if self._spec is None:
                self._spec = _PARAGRAPH
            if self._length:
                for ch in SEPARATOR:
                    self._put(ch, source)
            self._block_start = self._length
        for ch, at in self._pending:
            self._put(ch, at)
        self._pending.clear()

    def _put(self, s: str, source: int) -> None:
        # Extend the last run when the new text continues it in the source; start a run otherwise.
        if not self._text_starts or self._source_starts[-1] + self._length - self._text_starts[-1] != source:
            self._text_starts.append(self._length)
            self._source_starts.append(source)
        self._chunks.append(s)
        self._length += len(s)


# Character references exactly as html.unescape finds them (HTML5 rules, ';' optional).
_CHARREF_RE = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")


def _decode_charref(m: re.Match) -> tuple[str, int] | None:
    """Decoded text and the number of source characters it replaces, or None if not a reference.

    Follows html.unescape, but also says how much was consumed: "&ampxyz" decodes only "&amp",
    and "xyz" stays literal text with its own offsets.
    """
    body = m.group(1)
    if body[0] == "#":
        return html.unescape(m.group()), len(m.group())
    if body in _HTML5:
        return _HTML5[body], len(m.group())
    for x in range(len(body) - 1, 1, -1):
        if body[:x] in _HTML5:
            return _HTML5[body[:x]], x + 1
    return None


def _emit_decoded(out: _Builder, source: str, start: int, end: int) -> None:
    """Add source[start:end] with character references decoded."""
    pos = start
    while pos < end:
        amp = source.find("&", pos, end)
        if amp < 0:
            out.text(source[pos:end], pos)
            return
        if amp > pos:
            out.text(source[pos:amp], pos)
        m = _CHARREF_RE.match(source, amp, end)
        decoded = _decode_charref(m) if m else None
        if decoded is None:
            out.text("&", amp)
            pos = amp + 1
        else:
            value, used = decoded
            out.mapped(value, amp, amp + used)
            pos = amp + used


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------
# The tokenizer is our own rather than html.parser.HTMLParser: on Python 3.11 HTMLParser is
# quadratic on unterminated constructs (80 KB of "<!--" takes 4 s, 1 MB would take minutes).
# This one follows the HTML5 tokenizer where it matters for text (tags, attributes with quoted
# '>', comments, raw-text elements, EOF inside a tag) and every scan moves forward: linear time.

_TEXT, _START, _END, _RAW = range(4)
_TAG_NAME_RE = re.compile(r"[^\t\n\f\r />]*")
_ATTR_GAP_RE = re.compile(r"[\t\n\f\r /]*")
_ATTR_NAME_RE = re.compile(r"=?[^\t\n\f\r /=>]*")
_ATTR_VALUE_RE = re.compile(r"""[\t\n\f\r ]*=[\t\n\f\r ]*("[^"]*"|'[^']*'|[^\t\n\f\r >]*)""")
# Content of these is not markup; RCDATA content still has character references.
_RAWTEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"})
_RCDATA = frozenset({"title", "textarea"})
_RAW_END_RES: dict[str, re.Pattern] = {}


def _raw_end_re(name: str) -> re.Pattern:
    pattern = _RAW_END_RES.get(name)
    if pattern is None:
        pattern = _RAW_END_RES[name] = re.compile(r"</" + re.escape(name) + r"(?=[\t\n\f\r />])", re.I)
    return pattern


def _scan_attrs(source: str, k: int, n: int) -> tuple[dict[str, str], int, bool] | None:
    """Attributes from ``k`` to the tag's '>': (attrs, end, self-closing), or None at EOF."""
    attrs_: dict[str, str] = {}
    while True:
        k = _ATTR_GAP_RE.match(source, k).end()
        if k >= n:
            return None
        if source[k] == ">":
            return attrs_, k + 1, source[k - 1] == "/"
        m = _ATTR_NAME_RE.match(source, k)
        name = m.group().lower()
        k = max(m.end(), k + 1)
        value = ""
        v = _ATTR_VALUE_RE.match(source, k)
        if v:
            raw = v.group(1)
            if len(raw) >= 2 and raw[0] in "\"'" and raw[-1] == raw[0]:
                raw = raw[1:-1]
            value = html.unescape(raw)
            k = v.end()
        attrs_.setdefault(name, value)  # HTML5: the first of duplicate attributes wins


def _tokens(source: str) -> Iterator[tuple]:
    """HTML tokens: (_TEXT, start, end), (_RAW, start, end), (_START, name, attrs,
    self_closing, start, end), (_END, name, start, end). Comments and declarations are skipped."""
    n = len(source)
    find = source.find
    i = text_from = 0
    while True:
        j = find("<", i)
        if j < 0 or j + 1 >= n:
            break
        c = source[j + 1]
        if c.isascii() and c.isalpha():
            name_end = _TAG_NAME_RE.match(source, j + 2).end()
            name = source[j + 1 : name_end].lower()
            tag = _scan_attrs(source, name_end, n)
            if text_from < j:
                yield (_TEXT, text_from, j)
            if tag is None:
                return  # EOF inside a tag: HTML5 drops the tag
            attrs_, end, self_closing = tag
            yield (_START, name, attrs_, self_closing, j, end)
            i = text_from = end
            if not self_closing and (name in _RAWTEXT or name in _RCDATA):
                close = _raw_end_re(name).search(source, end)
                stop = close.start() if close else n
                if end < stop:
                    yield ((_TEXT if name in _RCDATA else _RAW), end, stop)
                if close is None:
                    return
                i = text_from = stop
            continue
        if c == "/":
            if j + 2 < n and source[j + 2].isascii() and source[j + 2].isalpha():
                name_end = _TAG_NAME_RE.match(source, j + 3).end()
                tag = _scan_attrs(source, name_end, n)
                if text_from < j:
                    yield (_TEXT, text_from, j)
                if tag is None:
                    return
                yield (_END, source[j + 2 : name_end].lower(), j, tag[1])
                i = text_from = tag[1]
                continue
            if text_from < j:
                yield (_TEXT, text_from, j)
            if source.startswith("</>", j):
                i = text_from = j + 3
                continue
            gt = find(">", j + 2)  # "</ x>" and the like: a bogus comment
            if gt < 0:
                return
            i = text_from = gt + 1
            continue
        if c == "!" or c == "?":
            if text_from < j:
                yield (_TEXT, text_from, j)
            if source.startswith("<!-->", j):
                i = j + 5
            elif source.startswith("<!--->", j):
                i = j + 6
            elif source.startswith("<!--", j):
                close = find("-->", j + 4)
                if close < 0:
                    return
                i = close + 3
            elif source.startswith("<![CDATA[", j):
                close = find("]]>", j + 9)
                if close < 0:
                    return
                i = close + 3
            else:
                gt = find(">", j + 2)
                if gt < 0:
                    return
                i = gt + 1
            text_from = i
            continue
        i = j + 1  # a '<' that starts nothing is text
    if text_from < n:
        yield (_TEXT, text_from, n)


def iter_start_tags(source: str) -> Iterator[tuple[str, dict[str, str], int, int]]:
    """Every start tag of an HTML document: (name, attributes, start offset, end offset)."""
    for tok in _tokens(source):
        if tok[0] == _START:
            yield tok[1], tok[2], tok[4], tok[5]


# A footnote marker: "Removals<sup>2</sup>", "employees<sup><a href="#fn1">1</a></sup>", "<sup>*</sup>",
# "<sup>a,b</sup>", "<sup>[3]</sup>", "<sup>1,2</sup>", Markdown's inline "<sup>4</sup>", Unicode's "employees¹".
# It is left out of the text, as hidden text is, so that it neither joins the word before it ("Removals2",
# "14,0001") nor becomes a figure of its own ("² Removals include …"). A power of a unit or of ten is kept:
# "km<sup>2</sup>", "m³", "10<sup>6</sup>". Ordinals ("21<sup>st</sup>") have two letters and are kept too.
_FOOTNOTE_MARK = (
    r"[0-9]{1,3}(?:[ ]?[,\u2013-][ ]?[0-9]{1,3}){0,3}"  # 1, 12, 1,2, 3-5
    r"|[*\u2020\u2021\u00a7\u00b6]{1,3}"  # * † ‡ § ¶
    r"|[A-Za-z](?:[ ]?,[ ]?[A-Za-z]){0,3}"  # a, a,b
    r"|&(?:dagger|Dagger|sect|para|ast|midast|#[0-9]{2,5}|#[xX][0-9a-fA-F]{2,4});"
)
_FOOTNOTE_SUP_RE = re.compile(
    r"\s*(?:<a\b[^<>]*>\s*)?\[?(?P<mark>%s)\]?\s*(?:</a\s*>\s*)?</sup\s*>" % _FOOTNOTE_MARK, re.I
)
_POWER_BASE_RE = re.compile(r"(?:(?<![A-Za-z])(?:[kcmdµ]?m|ft|mi|in|yd)|(?<![0-9.,])10)\Z")
_SUPERSCRIPT_DIGITS = "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"
_SUPERSCRIPT_RUN_RE = re.compile("[%s]+" % _SUPERSCRIPT_DIGITS)


def _is_power(text: str, at: int) -> bool:
    """Whether the superscript digits at ``at`` raise a unit or ten ("km²", "10⁶") rather than mark a footnote."""
    return _POWER_BASE_RE.search(text[max(0, at - 3) : at]) is not None


def _footnote_sup(source: str, start: int, end: int, stop: int | None = None) -> int:
    """End of the <sup> element whose start tag spans ``source[start:end]`` when it holds only a footnote
    marker (and its end tag, before ``stop``), else -1."""
    m = _FOOTNOTE_SUP_RE.match(source, end, len(source) if stop is None else stop)
    if m is None or (m.group("mark").isdigit() and _is_power(source, start)):
        return -1
    return m.end()


_VOID = frozenset({
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
})
_BREAKS = frozenset({"br", "hr"})
# Never shown as page content. select/textarea/media fallbacks are form and player chrome.
_DROP = frozenset({
    "script", "style", "noscript", "template", "nav", "aside", "svg", "iframe", "select",
    "datalist", "textarea", "object", "canvas", "audio", "video", "noembed", "noframes",
})
# header/footer are the page banner and footer only outside sectioning content (the ARIA rule
# for role=banner/contentinfo); an <article>'s own <header> holds its title and must stay.
_LANDMARKS = frozenset({"header", "footer"})
_SECTIONING = frozenset({"article", "aside", "main", "nav", "section"})
_HIDDEN_ROLES = frozenset({"navigation", "banner", "contentinfo"})
_DISPLAY_NONE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_HEAD_OK = frozenset({
    "head", "title", "meta", "link", "style", "script", "base", "noscript", "template", "basefont", "bgsound",
})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_LISTS = frozenset({"ul", "ol", "menu", "dir"})
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "html", "legend", "li",
    "listing", "main", "menu", "nav", "ol", "p", "plaintext", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul", "xmp",
})
_P_CLOSERS = frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
    "dl", "dd", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "li", "listing", "main", "menu", "nav", "ol",
    "p", "plaintext", "pre", "section", "summary", "table", "ul", "xmp",
})
_P_SCOPE = ("applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button")
_TABLE_TAGS = frozenset({"table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup"})
_TABLE_SCOPE = ("table", "td", "th", "caption", "template")
_SECTIONS = ("thead", "tbody", "tfoot")
# start tag -> (open elements it closes, the containers it cannot close across)
_TABLE_PARTS = {
    "td": (("td", "th"), ("table", "tr")),
    "th": (("td", "th"), ("table", "tr")),
    "tr": (("tr", "td", "th"), ("table", *_SECTIONS)),
    **{section: (("tr", "td", "th", *_SECTIONS), ("table",)) for section in _SECTIONS},
}

# Flags of an open element; each names a counter or stack undone when the element closes.
_SKIP, _HEAD, _TITLE, _PRE, _LIST, _KIND, _TABLE, _BLOCKF, _SECTION = (1 << k for k in range(9))


def _hidden(attrs_: dict[str, str]) -> bool:
    if "hidden" in attrs_ or attrs_.get("aria-hidden", "").strip().lower() == "true":
        return True
    role = attrs_.get("role")
    if role and not _HIDDEN_ROLES.isdisjoint(role.lower().split()):
        return True
    style = attrs_.get("style")
    return bool(style and _DISPLAY_NONE_RE.search(style))


def _colspan(attrs_: dict[str, str]) -> int:
    value = attrs_.get("colspan", "").strip()
    return min(max(int(value), 1), 1000) if value.isdigit() else 1


class _HtmlExtractor:
    """Walks the tokens with a stack of open elements (no recursion, so any depth is fine)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.out = _Builder()
        self.stack: list[tuple[str, int]] = []
        self.where: dict[str, list[int]] = {}  # tag -> stack indexes, so lookups are O(1)
        self.skip = self.head = self.title = self.pre = self.lists = self.sections = 0
        self.kinds: list[_Spec] = []  # specs of open kind-giving elements (h*, li, td, title …)
        self.tables: list[list[int]] = []  # open tables: [number, row, next column]
        self.table_count = 0

    def run(self) -> ExtractedText:
        for tok in _tokens(self.source):
            kind = tok[0]
            if kind == _TEXT:
                self._text(tok[1], tok[2], decode=True)
            elif kind == _START:
                self._start(tok[1], tok[2], tok[3], tok[4], tok[5])
            elif kind == _END:
                self._end(tok[1])
            else:
                self._text(tok[1], tok[2], decode=False)
        return self.out.finish(self.source)

    # -- the element stack --

    def _innermost(self, tag: str) -> int:
        idxs = self.where.get(tag)
        return idxs[-1] if idxs else -1

    def _innermost_of(self, tags: Sequence[str]) -> int:
        return max(self._innermost(t) for t in tags)

    def _push(self, name: str, flags: int, spec: _Spec | None) -> None:
        self.where.setdefault(name, []).append(len(self.stack))
        self.stack.append((name, flags))
        if flags & _BLOCKF:
            self.out.end()
        if flags & _SKIP:
            self.skip += 1
        if flags & _HEAD:
            self.head += 1
        if flags & _TITLE:
            self.title += 1
        if flags & _PRE:
            self.pre += 1
        if flags & _LIST:
            self.lists += 1
        if flags & _SECTION:
            self.sections += 1
        if flags & _KIND:
            self.kinds.append(spec or _PARAGRAPH)

    def _pop_to(self, index: int) -> None:
        """Close the element at ``index`` and everything opened inside it."""
        while len(self.stack) > index:
            name, flags = self.stack.pop()
            self.where[name].pop()
            if flags & _BLOCKF:
                self.out.end()
            if flags & _SKIP:
                self.skip -= 1
            if flags & _HEAD:
                self.head -= 1
            if flags & _TITLE:
                self.title -= 1
            if flags & _PRE:
                self.pre -= 1
            if flags & _LIST:
                self.lists -= 1
            if flags & _SECTION:
                self.sections -= 1
            if flags & _KIND:
                self.kinds.pop()
            if flags & _TABLE:
                self.tables.pop()

    def _close_head(self) -> None:
        index = self._innermost("head")
        if index >= 0:
            self._pop_to(index)

    def _implicit_close(self, name: str) -> None:
        """The end tags HTML lets authors omit (</p>, </li>, </td>, </tr> …), as browsers infer them."""
        if name in _P_CLOSERS:
            p = self._innermost("p")
            if p >= 0 and p > self._innermost_of(_P_SCOPE):
                self._pop_to(p)
        if name in _HEADINGS and self.stack and self.stack[-1][0] in _HEADINGS:
            self._pop_to(len(self.stack) - 1)
        if name == "li":
            li = self._innermost("li")
            if li > self._innermost_of(("ul", "ol", "menu", "dir", "table")):
                self._pop_to(li)
        elif name in ("dt", "dd"):
            item = max(self._innermost("dt"), self._innermost("dd"))
            if item > self._innermost("dl"):
                self._pop_to(item)
        elif name in _TABLE_PARTS:
            # A new cell closes the open cell of its row, a new row the open row of its table,
            # a new section the open section; never anything outside the container.
            closes, containers = _TABLE_PARTS[name]
            floor = self._innermost_of(containers)
            open_inside = [i for i in (self._innermost(t) for t in closes) if i > floor]
            if open_inside:
                self._pop_to(min(open_inside))

    # -- tokens --

    def _start(self, name: str, attrs_: dict[str, str], self_closing: bool, start: int, end: int) -> None:
        if self.head and name not in _HEAD_OK:
            self._close_head()  # a missing </head>: the first body element ends the head
        if name in _VOID:
            if name in _BREAKS:
                self.out.end()
            return
        self._implicit_close(name)
        flags = _BLOCKF if name in _BLOCK else 0
        footnote = name == "sup" and not self_closing and _footnote_sup(self.source, start, end) >= 0
        kept_aside = (
            name == "aside" and bool(self.where.get("main") or self.where.get("article")) and not _aside_chrome(attrs_)
        )
        if (name in _DROP and not kept_aside) or (name in _LANDMARKS and not self.sections) or _hidden(attrs_) or footnote:
            flags |= _SKIP
        if name in _SECTIONING:
            flags |= _SECTION
        spec: _Spec | None = None
        if name == "head":
            flags |= _HEAD
        elif name == "title":
            flags |= _TITLE | _KIND
            spec = ("title", 0, None, None, None)
        elif name in _HEADINGS:
            flags |= _KIND
            spec = ("heading", _HEADINGS[name], None, None, None)
        elif name == "li":
            flags |= _KIND
            spec = ("list-item", max(self.lists - 1, 0), None, None, None)
        elif name in ("td", "th"):
            flags |= _KIND
            spec = self._cell_spec(attrs_)
        elif name == "caption":
            flags |= _KIND
        elif name in _LISTS:
            flags |= _LIST
        elif name == "table" or name == "dl":  # (a description list: a table of key | value rows)
            flags |= _TABLE
            self.tables.append([self.table_count, -1, 0])
            self.table_count += 1
        elif name in ("dt", "dd") and self.where.get("dl") and (
            not self.where.get("table") or self.where["dl"][-1] > self.where["table"][-1]
        ):
            flags |= _KIND
            table = self.tables[-1]
            if name == "dt":  # a term opens a row, its label; each value after it is a cell
                table[1] += 1
                spec = ("table-cell", 0, table[1], 0, table[0])
                table[2] = 1
            else:
                table[1] = max(table[1], 0)
                spec = ("table-cell", 0, table[1], max(table[2], 1), table[0])
                table[2] = max(table[2], 1) + 1
        elif name == "tr":
            if self.tables:
                self.tables[-1][1] += 1
                self.tables[-1][2] = 0
        elif name in ("pre", "listing"):
            flags |= _PRE
        self._push(name, flags, spec)
        if self_closing:  # <div/>: an empty element (XHTML reading; HTML would leave it open)
            self._pop_to(len(self.stack) - 1)

    def _cell_spec(self, attrs_: dict[str, str]) -> _Spec:
        if not self.tables:
            return _PARAGRAPH
        table = self.tables[-1]
        if table[1] < 0:
            table[1] = 0  # a cell before any <tr>
        col = table[2]
        table[2] += _colspan(attrs_)
        return ("table-cell", 0, table[1], col, table[0])

    def _end(self, name: str) -> None:
        if name == "br":  # browsers read </br> as <br>
            self.out.end()
            return
        index = self._innermost(name)
        if index < 0:
            if name == "p":
                self.out.end()  # browsers read a stray </p> as an empty paragraph
            return
        if name not in _TABLE_TAGS and self._innermost_of(_TABLE_SCOPE) > index:
            return  # an end tag from outside the current table cannot close it
        self._pop_to(index)

    def _text(self, start: int, end: int, *, decode: bool) -> None:
        if self.skip:
            return
        if self.head and not self.title:
            if _is_blank(self.source, start, end):
                return
            self._close_head()  # text cannot live in <head>: the body has begun
            if self.skip:
                return
        if not self.pre:
            self._emit(start, end, decode)
            return
        pos = start
        while True:  # in <pre>, each line is its own block
            nl = self.source.find("\n", pos, end)
            self._emit(pos, end if nl < 0 else nl, decode)
            if nl < 0:
                return
            self.out.end()
            pos = nl + 1

    def _emit(self, start: int, end: int, decode: bool) -> None:
        if start >= end:
            return
        if not self.out.is_open:
            self.out.begin(self.kinds[-1] if self.kinds else _PARAGRAPH)
        if decode:
            _emit_decoded(self.out, self.source, start, end)
        else:
            self.out.text(self.source[start:end], start)


def extract_html(source: str) -> ExtractedText:
    """Visible text of an HTML page in blocks, boilerplate (nav, page header/footer, aside,
    scripts, hidden elements, <head> except <title>) dropped. Entities are decoded; U+00A0 and
    the other non-ASCII spaces are kept as characters, ASCII whitespace runs become one space."""
    return _HtmlExtractor(source).run()


def strip_markup(source: str) -> str:
    """All text of an HTML page, boilerplate included, tags removed and entities decoded.

    For scanning labels ("Last Updated: …") that extraction drops with a page footer. Block
    elements become line breaks, inline ones nothing; script and style content is left out.
    """
    parts: list[str] = []
    for tok in _tokens(source):
        kind = tok[0]
        if kind == _TEXT:
            parts.append(html.unescape(source[tok[1] : tok[2]]))
        elif kind in (_START, _END) and (tok[1] in _BLOCK or tok[1] in _BREAKS):
            parts.append("\n")
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# Inline syntax shared by Markdown and plain text
# --------------------------------------------------------------------------------------------

_ASCII_PUNCT = frozenset(string.punctuation)
_LINK_DEST = (
    r"\((?:[ \t]*(?:<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*)"
    r"(?:[ \t\n]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*)\)"
)
_LINK_RE = re.compile(r"\[(?P<text>[^\[\]]*)\](?:" + _LINK_DEST + r"|\[[^\[\]\n]*\])")
_IMAGE_RE = re.compile(r"!\[[^\[\]]*\](?:" + _LINK_DEST + r"|\[[^\[\]\n]*\])")
_FOOTNOTE_RE = re.compile(r"\[\^[^\[\]\s]+\]")
_AUTOLINK_RE = re.compile(
    r"<((?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*)|(?:[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9.\-]+))>"
)
_INLINE_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9\-]*(?:\s[^<>]*)?/?>")
_MD_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BACKTICKS_RE = re.compile(r"`+")
_DELIM_RE = re.compile(r"\*+|_+|~+")
_MD_SPECIAL_RE = re.compile(r"[\\`!\[<&*_~%s]" % _SUPERSCRIPT_DIGITS)
_PLAIN_SPECIAL_RE = re.compile(r"[\\!\[%s]" % _SUPERSCRIPT_DIGITS)


def _is_punct(ch: str) -> bool:
    return ch in _ASCII_PUNCT or unicodedata.category(ch)[0] in "PS"


class _Inline:
    """Inline syntax of one block, written into the builder with source offsets.

    The block's lines are joined with "\\n" into one string so that emphasis and links can span
    lines; each joining newline maps to the source's line terminator. Markdown strips emphasis,
    code backticks, link and image syntax, inline HTML, entities and backslash escapes; plain
    text (web captures made by Markdown converters) only unescapes and strips links and images.
    """

    def __init__(self, out: _Builder, source: str, segments: list[tuple[int, int]], markdown: bool) -> None:
        self.out = out
        parts = [source[s:e] for s, e in segments]
        self.v = "\n".join(parts)
        self.v_starts: list[int] = []
        self.s_starts: list[int] = []
        pos = 0
        for (s, _), part in zip(segments, parts):
            self.v_starts.append(pos)
            self.s_starts.append(s)
            pos += len(part) + 1
        self.markdown = markdown
        self.special = _MD_SPECIAL_RE if markdown else _PLAIN_SPECIAL_RE
        self.no_comment_close = False
        self.code: dict[int, int] = {}
        self.drop: set[int] = set()
        if markdown:
            self._pair_code_spans()
            self._pair_delimiters()

    def run(self) -> None:
        self._scan(0, len(self.v), links=True)

    def _src(self, vi: int) -> int:
        k = bisect.bisect_right(self.v_starts, vi) - 1
        return self.s_starts[k] + vi - self.v_starts[k]

    def _emit(self, a: int, b: int) -> None:
        """Literal text v[a:b], cut where it crosses from one source line to the next."""
        while a < b:
            k = bisect.bisect_right(self.v_starts, a) - 1
            stop = min(b, self.v_starts[k + 1]) if k + 1 < len(self.v_starts) else b
            self.out.text(self.v[a:stop], self.s_starts[k] + a - self.v_starts[k])
            a = stop

    def _pair_code_spans(self) -> None:
        # A backtick run opens a code span closed by the next run of the same length; linear.
        runs = [(m.start(), m.end() - m.start()) for m in _BACKTICKS_RE.finditer(self.v)]
        following: list[int | None] = [None] * len(runs)
        last: dict[int, int] = {}
        for i in range(len(runs) - 1, -1, -1):
            following[i] = last.get(runs[i][1])
            last[runs[i][1]] = i
        i = 0
        while i < len(runs):
            j = following[i]
            if j is None:
                i += 1
            else:
                self.code[runs[i][0]] = runs[j][0]
                i = j + 1

    def _pair_delimiters(self) -> None:
        # Emphasis markers are removed only in matched opener/closer pairs, so a lone "*" in
        # "2 * 3" or a footnote star stays; '_' inside words ("snake_case") never pairs.
        v = self.v
        spans = sorted(self.code.items())
        span_i = 0
        openers: dict[str, list[int]] = {"*": [], "_": [], "~": []}
        for m in _DELIM_RE.finditer(v):
            j, k = m.start(), m.end()
            while span_i < len(spans) and spans[span_i][1] < j:
                span_i += 1
            if span_i < len(spans) and spans[span_i][0] < j:
                continue  # inside a code span
            c = v[j]
            if (c == "~" and k - j != 2) or (j > 0 and v[j - 1] == "\\"):
                continue  # single '~' means "approximately"; "\*" is escaped
            prev = v[j - 1] if j > 0 else "\n"
            nxt = v[k] if k < len(v) else "\n"
            pw, nw, pp, np_ = prev.isspace(), nxt.isspace(), _is_punct(prev), _is_punct(nxt)
            left = not nw and (not np_ or pw or pp)
            right = not pw and (not pp or nw or np_)
            if c == "_":
                can_open, can_close = left and (not right or pp), right and (not left or np_)
            else:
                can_open, can_close = left, right
            if can_close and openers[c]:
                self.drop.add(openers[c].pop())
                self.drop.add(j)
            elif can_open:
                openers[c].append(j)

    def _scan(self, a: int, b: int, *, links: bool) -> None:
        v = self.v
        pos = lit = a  # lit: start of the literal text not yet written
        while True:
            m = self.special.search(v, pos, b)
            if m is None:
                break
            j = m.start()
            c = v[j]
            if c == "\\":
                if j + 1 < b and (v[j + 1] in _ASCII_PUNCT or v[j + 1] == "\n"):
                    self._emit(lit, j)
                    lit = j + 1  # the escaped character starts the next literal run
                    pos = j + 2
                else:
                    pos = j + 1
                continue
            if c == "!" or c == "[":
                found = None
                if links:
                    if c == "!":
                        found = _IMAGE_RE.match(v, j, b)
                        if found:
                            self._emit(lit, j)
                            lit = pos = found.end()
                            continue
                    else:
                        found = _FOOTNOTE_RE.match(v, j, b) if self.markdown else None
                        if found:
                            self._emit(lit, j)
                            lit = pos = found.end()
                            continue
                        found = _LINK_RE.match(v, j, b)
                        if found:
                            self._emit(lit, j)
                            self._scan(found.start("text"), found.end("text"), links=False)
                            lit = pos = found.end()
                            continue
                pos = j + 1
                continue
            if c == "`":
                length = len(_BACKTICKS_RE.match(v, j).group())
                close = self.code.get(j)
                if close is not None and close + length <= b:
                    self._emit(lit, j)
                    cs, ce = j + length, close
                    if ce - cs >= 2 and v[cs] in " \n" and v[ce - 1] in " \n" and v[cs:ce].strip():
                        cs, ce = cs + 1, ce - 1
                    self._emit(cs, ce)
                    lit = pos = close + length
                else:
                    pos = j + length
                continue
            if c == "<":
                found = _AUTOLINK_RE.match(v, j, b)
                if found:
                    self._emit(lit, j)
                    self._emit(j + 1, found.end() - 1)
                    lit = pos = found.end()
                    continue
                if v.startswith("<!--", j) and not self.no_comment_close:
                    close = v.find("-->", j + 4, b)
                    if close >= 0:
                        self._emit(lit, j)
                        lit = pos = close + 3
                        continue
                    self.no_comment_close = True  # later searches would fail too: stay linear
                found = _INLINE_TAG_RE.match(v, j, b)
                if found:
                    self._emit(lit, j)
                    lit = pos = found.end()
                    if found.group()[1:4].lower() == "sup" and not found.group()[4:5].isalnum():
                        close = _footnote_sup(v, j, found.end(), b)
                        if close >= 0:
                            lit = pos = close
                    continue
                pos = j + 1
                continue
            if c == "&":
                found = _MD_ENTITY_RE.match(v, j, b)
                if found:
                    decoded = html.unescape(found.group())
                    if decoded != found.group():
                        self._emit(lit, j)
                        self.out.mapped(decoded, self._src(j), self._src(found.end() - 1) + 1)
                        lit = pos = found.end()
                        continue
                pos = j + 1
                continue
            if c in _SUPERSCRIPT_DIGITS:
                run_end = _SUPERSCRIPT_RUN_RE.match(v, j, b).end()
                if not _is_power(v, j):
                    self._emit(lit, j)
                    lit = run_end
                pos = run_end
                continue
            run_end = _DELIM_RE.match(v, j, b).end()  # '*', '_' or '~'
            if j in self.drop:
                self._emit(lit, j)
                lit = run_end
            pos = run_end
        self._emit(lit, b)


def _emit_inline(out: _Builder, source: str, segments: list[tuple[int, int]], *, markdown: bool) -> None:
    if segments:
        _Inline(out, source, segments, markdown).run()


def _indent(source: str, pos: int, end: int) -> tuple[int, int]:
    """Indentation width in columns (tab stops every 4) and the offset of the first other char."""
    col = 0
    while pos < end:
        c = source[pos]
        if c == " ":
            col += 1
        elif c == "\t":
            col += 4 - col % 4
        else:
            break
        pos += 1
    return col, pos


def _list_depth(stack: list[int], indent: int) -> int:
    """Nesting depth of a list marker at ``indent``, given the indents of the open list levels."""
    while stack and stack[-1] > indent:
        stack.pop()
    if not stack or stack[-1] < indent:
        stack.append(indent)
    return len(stack) - 1


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------

_MD_QUOTE_RE = re.compile(r" {0,3}> ?")
_MD_ATX_RE = re.compile(r"(#{1,6})(?:[ \t]+|$)")
_MD_ATX_CLOSE_RE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_MD_SETEXT_RE = re.compile(r"(?:=+|-+)[ \t]*$")
_MD_BREAK_RE = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_MD_FENCE_RE = re.compile(r"(`{3,}|~{3,})")
_MD_ITEM_RE = re.compile(r"(?:[-*+]|(\d{1,9})[.)])(?:[ \t]+|$)")
_MD_REFDEF_RE = re.compile(r"\[[^\]]+\]:[ \t]*\S")
_MD_DELIM_ROW_RE = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_MD_HTML_SKIP_RE = re.compile(r"<(script|style|textarea)(?=[\s>]|$)|<!--", re.I)
_MD_FRONT_KEY_RE = re.compile(r"[A-Za-z0-9_-]+[ \t]*:")
_PIPE_RE = re.compile(r"(?<!\\)\|")


class _MarkdownExtractor:
    """A line-based Markdown reader: enough CommonMark/GFM block structure for prose pages.

    Fenced code is dropped: numbers in code are literals, not claims. Indented code blocks are
    not recognised (read as paragraphs), because captured pages often indent prose and losing a
    claim is worse than reading a code line.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.out = _Builder()
        self.lines = _split_lines(source)
        self.para: list[tuple[int, int]] = []  # lines of the open paragraph or list item
        self.para_spec: _Spec = _PARAGRAPH
        self.quote = 0  # blockquote depth of the open paragraph
        self.list_stack: list[int] = []
        self.table_count = 0

    def run(self) -> ExtractedText:
        src = self.source
        lines = self.lines
        i = self._front_matter_end()
        fence: tuple[str, int] | None = None
        html_end: str | None = None
        while i < len(lines):
            start, end = lines[i]
            quote, cs = self._strip_quotes(start, end)
            indent, ts = _indent(src, cs, end)
            if fence is not None:
                m = _MD_FENCE_RE.match(src, ts, end)
                if m and m.group()[0] == fence[0] and len(m.group()) >= fence[1] and _is_blank(src, m.end(), end):
                    fence = None
                i += 1
                continue
            if html_end is not None:
                if html_end in src[start:end].lower():
                    html_end = None
                i += 1
                continue
            if _is_blank(src, cs, end):
                self._flush()
                i += 1
                continue
            if quote != self.quote:
                self._flush()
                self.list_stack.clear()
                self.quote = quote
            i += 1
            m = _MD_FENCE_RE.match(src, ts, end)
            if m and not (m.group()[0] == "`" and "`" in src[m.end() : end]):
                self._flush()
                fence = (m.group()[0], len(m.group()))
                continue
            m = _MD_HTML_SKIP_RE.match(src, ts, end)
            if m and indent <= 3:
                self._flush()
                close = "-->" if m.group(1) is None else "</" + m.group(1).lower() + ">"
                if close not in src[m.end() : end].lower():
                    html_end = close
                continue
            if indent <= 3:
                m = _MD_ATX_RE.match(src, ts, end)
                if m:
                    self._flush()
                    self.list_stack.clear()
                    self._heading(len(m.group(1)), m.end(), end)
                    continue
                if self.para and self.para_spec[0] == "paragraph" and _MD_SETEXT_RE.match(src, ts, end):
                    self.para_spec = ("heading", 1 if src[ts] == "=" else 2, None, None, None)
                    self._flush()
                    continue
                if _MD_BREAK_RE.match(src, ts, end):
                    self._flush()
                    self.list_stack.clear()
                    continue
            if "|" in src[ts:end] and i < len(lines) and self._table_starts(ts, end, i):
                self._flush()
                i = self._table(ts, end, i, quote)
                continue
            if "|" in src[ts:end] and not quote and (i < 2 or "|" not in src[lines[i - 2][0] : lines[i - 2][1]]):
                found = dump_table(src, lines, i - 1)
                if found is not None:
                    if len(self.para) > 1 and self.para_spec[0] == "paragraph" and _title_line(src, *self.para[-1]):
                        title = self.para.pop()  # the table's caption, not the paragraph's end
                        self._flush()
                        self.para = [title]
                    self._flush()
                    self.list_stack.clear()
                    self.table_count = _emit_dump(self.out, src, found[0], self.table_count)
                    i += found[1] - 1
                    continue
            if not self.para and indent <= 3 and _MD_REFDEF_RE.match(src, ts, end):
                continue  # a link reference definition renders as nothing
            m = _MD_ITEM_RE.match(src, ts, end)
            if m:
                empty = m.end() >= end or _is_blank(src, m.end(), end)
                interrupts = not (self.para and self.para_spec[0] == "paragraph") or (
                    not empty and (m.group(1) is None or m.group(1) == "1")
                )
                if interrupts:
                    self._flush()
                    depth = _list_depth(self.list_stack, indent)
                    self.para_spec = ("list-item", depth, None, None, None)
                    self.para = [(m.end(), end)]
                    continue
            if self.para:
                self.para.append((ts, end))  # a continuation line
                continue
            while self.list_stack and self.list_stack[-1] >= indent:
                self.list_stack.pop()
            if self.list_stack:  # indented under an item after a blank line: more of that item
                self.para_spec = ("list-item", len(self.list_stack) - 1, None, None, None)
            else:
                self.para_spec = _PARAGRAPH
            self.para = [(ts, end)]
        self._flush()
        return self.out.finish(src)

    def _front_matter_end(self) -> int:
        """Index of the first line after a YAML front-matter block ('---' … '---'), else 0."""
        lines, src = self.lines, self.source
        if len(lines) < 3 or src[lines[0][0] : lines[0][1]].rstrip() != "---":
            return 0
        if not _MD_FRONT_KEY_RE.match(src, lines[1][0], lines[1][1]):
            return 0
        for k in range(1, len(lines)):
            if src[lines[k][0] : lines[k][1]].rstrip() in ("---", "..."):
                return k + 1
        return 0

    def _strip_quotes(self, start: int, end: int) -> tuple[int, int]:
        depth = 0
        while True:
            m = _MD_QUOTE_RE.match(self.source, start, end)
            if not m:
                return depth, start
            depth += 1
            start = m.end()

    def _flush(self) -> None:
        if self.para:
            self.out.begin(self.para_spec)
            _emit_inline(self.out, self.source, self.para, markdown=True)
            self.out.end()
        self.para = []
        self.para_spec = _PARAGRAPH

    def _heading(self, level: int, start: int, end: int) -> None:
        content = self.source[start:end]
        m = _MD_ATX_CLOSE_RE.search(content)
        if m:
            end = start + m.start()
        self.out.begin(("heading", level, None, None, None))
        _emit_inline(self.out, self.source, [(start, end)], markdown=True)
        self.out.end()

    def _cells(self, start: int, end: int) -> list[tuple[int, int]]:
        """(start, end) of each cell of a pipe-table row, outer pipes removed, spaces trimmed."""
        src = self.source
        _, start = _indent(src, start, end)
        while end > start and src[end - 1] in " \t":
            end -= 1
        bounds = [start - 1, *(m.start() for m in _PIPE_RE.finditer(src, start, end)), end]
        cells = []
        for k in range(len(bounds) - 1):
            a, b = bounds[k] + 1, bounds[k + 1]
            if (k == 0 and a == b == start and src.startswith("|", start)) or (
                k == len(bounds) - 2 and a == b == end and end > start and src[end - 1] == "|"
            ):
                continue  # the empty "cell" outside a leading or trailing pipe
            _, a = _indent(src, a, b)
            while b > a and src[b - 1] in " \t":
                b -= 1
            cells.append((a, b))
        return cells

    def _table_starts(self, ts: int, end: int, next_i: int) -> bool:
        start, stop = self.lines[next_i]
        _, cs = self._strip_quotes(start, stop)
        _, ds = _indent(self.source, cs, stop)
        if "|" not in self.source[ds:stop] or not _MD_DELIM_ROW_RE.match(self.source, ds, stop):
            return False
        return len(self._cells(ts, end)) == len(self._cells(ds, stop))

    def _table(self, ts: int, end: int, next_i: int, quote: int) -> int:
        """Write a pipe table (header row 0, delimiter row dropped); return the next line index."""
        number = self.table_count
        self.table_count += 1
        rows = [(ts, end)]
        i = next_i + 1
        while i < len(self.lines):
            start, stop = self.lines[i]
            q, cs = self._strip_quotes(start, stop)
            if q != quote or _is_blank(self.source, cs, stop) or "|" not in self.source[cs:stop]:
                break
            rows.append((cs, stop))
            i += 1
        for row, (a, b) in enumerate(rows):
            for col, cell in enumerate(self._cells(a, b)):
                if cell[0] < cell[1]:
                    self.out.begin(("table-cell", 0, row, col, number))
                    _emit_inline(self.out, self.source, [cell], markdown=True)
                    self.out.end()
        return i


def extract_markdown(source: str) -> ExtractedText:
    """Text of a Markdown document in blocks (ATX/setext headings, nested lists, quotes, pipe
    tables), with inline syntax removed and every kept character mapped to its source offset."""
    return _MarkdownExtractor(source).run()


# --------------------------------------------------------------------------------------------
# Plain text
# --------------------------------------------------------------------------------------------

_PLAIN_ITEM_RE = re.compile(
    r"(?:[•◦▪‣●○■□][ \t\u00a0]*|(?:--|[-*·–]|\d{1,3}[.)])[ \t\u00a0]+)(?=\S)"
)
_PLAIN_RULE_RE = re.compile(r"[ \t]*([-=_*#~+.·•])\1{2,}[ \t]*")
_LINK_ONLY_RE = re.compile(r"!?\[[^\[\]]*\]\([^()]*\)")
_NUMERIC_DATE_RE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}")
_WRAP_MAX_WIDTH = 120  # widest line of text we take to be hard-wrapped
_WRAP_MIN_LINE = 30
_SENTENCE_END_RE = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*$")
_LAYOUT_GAP = "    "  # a line laid out in columns is not wrapped prose
_LONE_ROW = re.compile(r"\|?[ \t]*[A-Z][^\n]{0,80}?[A-Za-z)](?:[ \t]*\|)?[ \t]+[$]?\d{1,3}(?:,\d{3})+(?:[ \t]*\|)?")
_VALUE_ROW = re.compile(  # a row
    r"\|?[ \t]*[A-Z][^\n]{0,80}?[A-Za-z)](?:[ \t]*\|)?[ \t]+(?:US|USD[ \t]?)?[$]?\d[\d,.]*"
    r"(?:[ \t]*(?:thousand|million|billion|trillion))?%?(?:[ \t]*\((?:FY[ \t]?)?(?:19|20)\d\d\)|[ \t]*\[\d{1,3}\])*"
    r"(?:[ \t]*\|)?"
)
_PIPE_ROW = re.compile(r"[^\n]*\|[^\n]*\|[ \t]*")  # a pipe table's row
_LEADER_ROW = re.compile(r"(?:\.{4,}|…{2,})[ \t]*[$€£]?[0-9][^ \t]*[ \t]*$")  # a label, a dot leader, a figure
_LABEL_LINE = re.compile(r"[ \t]*[A-Z][^:\n]{0,60}:[ \t]+[$]?\d")
# A line of a label, a dash and its figure ("Bus – 41,220,118"): a row of its own, never a wrapped line's end
_DASH_ROW = re.compile(r"[ \t]*[A-Za-z#][^–—\n]{0,60}[ \t]+[–—][ \t]+(?!(?:19|20)\d\d(?![\d,.]))[$]?\d[\d,.]*(?:[ \t]*(?:thousand|million|billion|%))?[ \t]*")  # a line of a label and its figure
_CAPS_TITLE = re.compile(r"[A-Z][A-Z&,'’/ -]{2,60}(?:[ \t]+\([^()\n]{1,60}\))?")  # a line in capitals
_FIGURE_LED = re.compile(  # a line led by a figure of some size (not a year), then words
    r"[ \t]*[$€£]?(?!(?:19|20)\d\d(?![\d,.]))(?:\d{1,3}(?:,\d{3})+|\d{3,}|\d+(?:\.\d+)?[ \t]?"
    r"(?:thousand|million|billion|trillion|%|percent))(?![\d,.])\+?[ \t]+[A-Za-z]"
)
_CARD_FIGURE = re.compile(  # a line of a figure alone (not a year)
    r"[ \t]*[$€£]?(?!(?:19|20)\d\d[ \t]*$)\d[\d,.]*\+?(?:[ \t]*(?:thousand|million|billion|trillion|%|percent))?[ \t]*"
)
_CARD_LABEL = re.compile(  # a short label with no figure but perhaps a year
    r"[ \t]*[A-Za-z][^\n.!?:;|\d]{0,70}(?:[ \t(]*(?:19|20)\d\d\)?[^\n.!?:;|\d]{0,30})?"
)
_CARD_STARTED = re.compile(  # a figure and the start of its label, which the next line continues
    r"[ \t]*[$€£]?\d[\d,.]*\+?(?:[ \t]*(?:thousand|million|billion|trillion|%|percent))?[ \t]+[A-Za-z](?:[^\n!?:;|\d]*[A-Za-z])?"
)
_CARD_GOES_ON = re.compile(r"[ \t]*[a-z][^\n.!?:;|\d]{0,60}")  # a label's second line, in lower case
_FIGURE_FIRST_LINE = re.compile(  # a line of a figure, a dash and its label
    r"[ \t]*[$]?\d[\d,.]*(?:[ \t]+(?:thousand|million|billion|trillion))?[ \t]+[–—]"
)


def _looks_like_heading(line: str) -> bool:
    """A lone short line that reads like a title: capitalised, no final punctuation, no colon.

    A heuristic: plain text has no markup for headings. Lines with a colon ("Last Updated:
    05/13/2020", "Report Crimes: Email …") are labels, a line that is only a link is menu, and
    one stating a date ("Last Viewed by … on 05/18/2020") is a note, not a title.
    """
    if len(line) > 80 or ":" in line or line[-1] in ".,;!?…" or len(line.split()) > 12:
        return False
    if _LINK_ONLY_RE.fullmatch(line) or _NUMERIC_DATE_RE.search(line):
        return False
    if _DOTTED_SECTION.match(line):
        return True  # "1.2 2023/24 at a glance": a report's numbered section, whatever its first word
    first = next((ch for ch in line if ch.isalpha()), None)
    return first is not None and first.isupper()


_DOTTED_SECTION = re.compile(r"\d{1,2}(?:\.\d{1,2}){1,3}[ \t]+\S")


def _emit_dump(out: _Builder, src: str, cells: list, number: int) -> int:
    for row, col, spans in cells:
        out.begin(("table-cell", 0, row, col, number))
        _emit_inline(out, src, spans, markdown=False)
        out.end()
    return number + 1


class _PlainExtractor:
    """Plain text: blank-line-separated groups of lines, bullets and numbers as list items.

    Newlines join lines only where text looks hard-wrapped mid-sentence: the longest line of
    the group at most 120 characters, the broken line at least 60 % of it and not ending a
    sentence. Captured web pages put one element per line, and joining "Budget - Fiscal Year
    2009" or "Last Updated: …" onto a neighbouring sentence would change what it says; wrapped
    prose cut at a sentence end loses nothing, since sentences never cross blocks anyway.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.out = _Builder()
        self.list_stack: list[int] = []
        self.table_count = 0

    def run(self) -> ExtractedText:
        src = self.source
        lines = _split_lines(src)
        group: list[tuple[int, int]] = []
        for start, end in lines:
            if _is_blank(src, start, end) or _PLAIN_RULE_RE.fullmatch(src, start, end):
                self._group(group)
                group = []
            else:
                group.append((start, end))
        self._group(group)
        return self.out.finish(src)

    def _group(self, group: list[tuple[int, int]]) -> None:
        if not group:
            return
        src = self.source
        for k, (start, end) in enumerate(group):
            if "|" in src[start:end] and (k == 0 or "|" not in src[group[k - 1][0] : group[k - 1][1]]):
                found = dump_table(src, group, k)
                if found is not None:
                    self._group(group[:k])
                    self.table_count = _emit_dump(self.out, src, found[0], self.table_count)
                    self._group(group[k + found[1] :])
                    return
        shaped = []  # (indent, content start, content end)
        for start, end in group:
            indent, ts = _indent(src, start, end)
            te = end
            while te > ts and src[te - 1].isspace():
                te -= 1
            shaped.append((indent, ts, te))
        widest = max(te - ts for _, ts, te in shaped)
        wrapped = widest <= _WRAP_MAX_WIDTH
        spec: _Spec | None = None
        segments: list[tuple[int, int]] = []
        item_indent = -1
        for k, (indent, ts, te) in enumerate(shaped):
            if "|" in src[ts:te] and _MD_DELIM_ROW_RE.fullmatch(src[ts:te]):
                self._flush(spec, segments)  # a pipe table's rule row: no text
                spec, segments, item_indent = None, [], -1
                continue
            m = _PLAIN_ITEM_RE.match(src, ts, te)
            title = src[m.end() : te].strip() if m else ""
            if m and len(group) == 1 and _looks_like_heading(title) and title == title.upper():
                # a numbered section title in capitals, alone: a heading
                self._flush(spec, segments)
                self.list_stack.clear()
                spec, segments, item_indent = ("heading", 2, None, None, None), [(m.end(), te)], -1
                continue
            if m:
                self._flush(spec, segments)
                spec = ("list-item", _list_depth(self.list_stack, indent), None, None, None)
                segments, item_indent = [(m.end(), te)], indent
                continue
            if spec is not None:
                _, prev_start, prev_end = shaped[k - 1]
                soft = (
                    wrapped
                    and prev_end - prev_start >= max(_WRAP_MIN_LINE, 0.6 * widest)
                    and (
                        not _SENTENCE_END_RE.search(src, prev_start, prev_end)
                        or _wrapped_sentence_end(src, prev_start, prev_end, ts, te, widest, len(segments))
                    )
                    and _LAYOUT_GAP not in src[prev_start:prev_end]
                    and _LAYOUT_GAP not in src[ts:te]
                    and not (_VALUE_ROW.fullmatch(src[prev_start:prev_end]) and _VALUE_ROW.fullmatch(src[ts:te]))
                    and not (_PIPE_ROW.fullmatch(src[prev_start:prev_end]) and _PIPE_ROW.fullmatch(src[ts:te]))
                    and not _LABEL_LINE.match(src[ts:te])
                    and not _DASH_ROW.fullmatch(src[ts:te])
                    and not _FIGURE_FIRST_LINE.match(src[ts:te])
                    and not (_FIGURE_LED.match(src[ts:te]) and _FIGURE_LED.match(src[prev_start:prev_end]))
                    and not is_figures_row(src, ts, te)
                    and not is_figures_row(src, prev_start, prev_end)
                    and not _heads_figures_rows(src, shaped, k)
                    and not _LEADER_ROW.search(src[prev_start:prev_end])
                    and not _LEADER_ROW.search(src[ts:te])
                )
                card = len(group) == 2 and (
                    (_CARD_FIGURE.fullmatch(src[prev_start:prev_end]) is not None
                     and _CARD_LABEL.fullmatch(src[ts:te]) is not None)
                    or (_CARD_STARTED.fullmatch(src[prev_start:prev_end]) is not None
                        and _CARD_GOES_ON.fullmatch(src[ts:te]) is not None)
                )
                if (spec[0] == "list-item" and indent > item_indent) or soft or card:
                    segments.append((ts, te))
                    continue
            self._flush(spec, segments)
            self.list_stack.clear()
            # (a lone "Indicted cases 8,360" is a row of a figure, not a title)
            heading = (
                len(group) == 1 and _looks_like_heading(src[ts:te]) and not _LONE_ROW.fullmatch(src[ts:te])
                and not _LEADER_ROW.search(src[ts:te])
                and not _FIGURE_LED.match(src[ts:te]) and not _DASH_ROW.fullmatch(src[ts:te])
            )
            heading = heading or (
                k == 0 and len(shaped) > 1 and _CAPS_TITLE.fullmatch(src[ts:te]) is not None
                and _LABEL_LINE.match(src[shaped[1][1] : shaped[1][2]]) is not None
            )
            spec = ("heading", 2, None, None, None) if heading else _PARAGRAPH
            segments, item_indent = [(ts, te)], -1
        self._flush(spec, segments)

    def _flush(self, spec: _Spec | None, segments: list[tuple[int, int]]) -> None:
        if spec is not None and segments:
            self.out.begin(spec)
            _emit_inline(self.out, self.source, segments, markdown=False)
            self.out.end()


def extract_plain(source: str) -> ExtractedText:
    """Text of a plain-text document in blocks. Also undoes what Markdown converters leave in
    text captures of web pages: backslash escapes ("\\$8 billion") and link syntax ("[text](#)")."""
    return _PlainExtractor(source).run()


# --------------------------------------------------------------------------------------------
# Laid-out text (PDF)
# --------------------------------------------------------------------------------------------


def extract_layout(source: str, boxes: Sequence[tuple[int, int]], page_starts: Sequence[int] = ()) -> ExtractedText:
    """Text whose blocks a layout engine already found: ``boxes`` are (start, end) spans of
    ``source``, one block each, in reading order. Lines inside a box are one paragraph (a PDF
    wraps every line of prose); a box of one short title-like line is a heading. ``page_starts``
    are the source offsets where pages begin (see ``ExtractedText.page_starts``).
    """
    out = _Builder()
    for start, end in boxes:
        lines = _split_lines(source[start:end])
        heading = len(lines) == 1 and _looks_like_heading(source[start:end].strip())
        out.begin(("heading", 2, None, None, None) if heading else _PARAGRAPH)
        out.text(source[start:end], start)
        out.end()
    return attrs.evolve(out.finish(source), page_starts=tuple(page_starts))
